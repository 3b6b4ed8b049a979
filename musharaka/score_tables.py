"""The communes' scorecard summary: one row per commune, rewritten in the transaction of
every load, form or field report decision that touches the commune (etl.scores). Part
of musharaka.models, which imports it (import it from there)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from musharaka.models import Base, Recommendation, utc_now


class CommuneScore(Base):
    """One commune's figures that do not move with the calendar (musharaka.scorecards)."""

    __tablename__ = "commune_scores"

    commune_id: Mapped[int] = mapped_column(
        ForeignKey("communes.id", ondelete="CASCADE"), primary_key=True
    )
    recommendations: Mapped[int]
    completed: Mapped[int]
    partially_completed: Mapped[int]
    cancelled: Mapped[int]
    days_to_completion: Mapped[float | None]  # median, calendar days
    field_reports_answered: Mapped[int]
    answer_days: Mapped[float | None]  # median, calendar days
    meetings: Mapped[int]
    first_meeting_year: Mapped[int | None]
    refreshed_at: Mapped[dt.datetime] = mapped_column(default=utc_now)


# What the scorecard counts per commune as of the day (overdue, updated lately), answered
# from this index alone.
Index(
    "ix_recommendations_commune_scores",
    Recommendation.commune_id,
    Recommendation.current_status,
    Recommendation.current_status_date,
    Recommendation.target_date,
    Recommendation.parent_code,
)
