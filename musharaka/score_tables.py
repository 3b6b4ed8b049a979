"""The communes' summaries: one scorecard row per commune, and its recommendations counted
by domain and status with their budget, by partner institution, by meeting, and those
that did not move by reason (what the national overview sums), all rewritten in the
transaction of every load, form or field report decision that touches the commune
(etl.scores). All count top-level recommendations only: a recommendation with parts
counts once, its parts (rows naming it as their parent) not at all. Part of
musharaka.models, which imports it (import it from there)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    ColumnElement,
    ForeignKey,
    Index,
    Numeric,
    String,
    and_,
    literal_column,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import NullType

from musharaka.models import Base, Recommendation, utc_now
from musharaka.vocabulary import CLOSED_STATUSES


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
    # Its rows in the recommendations (parts included) and status updates tables: the
    # pages that say how many rows each table holds sum these instead of counting five
    # million status updates (0.4 s on PostgreSQL at national scale).
    recommendation_rows: Mapped[int] = mapped_column(default=0, server_default="0")
    status_update_rows: Mapped[int] = mapped_column(default=0, server_default="0")
    refreshed_at: Mapped[dt.datetime] = mapped_column(default=utc_now)
    # The day the counts past their target date were counted against (the commune's
    # commune_status_counts.past_target): overdue on another day is that count corrected
    # by the open recommendations whose target date falls between the two days.
    counted_on: Mapped[dt.date | None]


class CommuneStatusCount(Base):
    """One commune's top-level recommendations of one domain and current status: how
    many, and their budget. The national overview's counts by status, by domain and the
    roll-ups by region, province and commune are sums of these few thousand rows
    (musharaka.queries.overview_summary) instead of reads of a million index entries."""

    __tablename__ = "commune_status_counts"

    commune_id: Mapped[int] = mapped_column(
        ForeignKey("communes.id", ondelete="CASCADE"), primary_key=True
    )
    domain: Mapped[str] = mapped_column(String(40), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    recommendations: Mapped[int]
    budget_mad: Mapped[float] = mapped_column(Numeric(18, 2, asdecimal=False))
    # Of these, those past their target date on the commune's commune_scores.counted_on.
    past_target: Mapped[int] = mapped_column(default=0, server_default="0")

    # Each sum of the overview read in its index's order, without a sort: the country by
    # status, by domain and status, and per commune and status (the roll-ups). Sorting the
    # 105,000 rows of 1,503 communes instead cost as much as counting the recommendations
    # from their covering indexes (0.05 to 0.1 s of CPU on SQLite; 0.01 s read in order).
    __table_args__ = (
        Index(
            "ix_commune_status_counts_status",
            "status",
            "recommendations",
            "budget_mad",
            "past_target",
        ),
        Index("ix_commune_status_counts_domain", "domain", "status", "recommendations"),
        Index(
            "ix_commune_status_counts_commune",
            "commune_id",
            "status",
            "recommendations",
            "budget_mad",
            "past_target",
        ),
    )


# A recommendation naming no partner institution, as the programme's summary keys it (a
# key cannot be NULL); read back as None (queries.programme).
NO_INSTITUTION = ""


class CommuneInstitutionCount(Base):
    """One commune's top-level recommendations of one partner institution: how many, how
    many name their line in the action programme, how many are completed. The national
    overview's programme section sums these (queries.programme) instead of reading a
    million index entries."""

    __tablename__ = "commune_institution_counts"

    commune_id: Mapped[int] = mapped_column(
        ForeignKey("communes.id", ondelete="CASCADE"), primary_key=True
    )
    institution: Mapped[str] = mapped_column(String(40), primary_key=True)
    recommendations: Mapped[int]
    in_programme: Mapped[int]
    completed: Mapped[int]

    # Summed per institution in this order, without a sort.
    __table_args__ = (
        Index(
            "ix_commune_institution_counts_institution",
            "institution",
            "recommendations",
            "in_programme",
            "completed",
        ),
    )


# A recommendation with no reason, as the reasons' summary keys it (a key cannot be NULL);
# read back as None (queries.stall_reasons).
NO_REASON = ""


class CommuneReasonCount(Base):
    """One commune's top-level recommendations of one domain and current reason that did
    not move, or may not have: how many are stalled or cancelled, and how many others,
    open, were past their target date on the commune's commune_scores.counted_on. The
    national reasons things stall are sums of these (queries.stall_reasons), corrected
    for the day asked like overdue (queries.overview_summary.overdue_per_commune)."""

    __tablename__ = "commune_reason_counts"

    commune_id: Mapped[int] = mapped_column(
        ForeignKey("communes.id", ondelete="CASCADE"), primary_key=True
    )
    domain: Mapped[str] = mapped_column(String(40), primary_key=True)
    reason: Mapped[str] = mapped_column(String(40), primary_key=True)
    stuck: Mapped[int]  # stalled or cancelled (vocabulary.STALL_REASON_STATUSES)
    past_target: Mapped[int]  # the other open ones past their target date, on counted_on

    # Summed per reason and domain, and per reason and commune, each in its index's order.
    __table_args__ = (
        Index("ix_commune_reason_counts_domain", "reason", "domain", "stuck", "past_target"),
        Index("ix_commune_reason_counts_commune", "reason", "commune_id", "stuck", "past_target"),
    )


class MeetingCount(Base):
    """One meeting's top-level recommendations: how many, how many completed. The
    national completion by year sums these per meeting year (queries.overview) instead of
    counting a million index entries per meeting."""

    __tablename__ = "meeting_counts"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    # Whose meeting: a refresh rewrites a commune's rows at once.
    commune_id: Mapped[int] = mapped_column(
        ForeignKey("communes.id", ondelete="CASCADE"), index=True
    )
    recommendations: Mapped[int]
    completed: Mapped[int]


class _TopLevel(ColumnElement[Any]):
    """`parent_code IS NULL`, written `+parent_code IS NULL` for SQLite: the unary plus
    keeps SQLite from looking the NULLs up in the parent_code index (which it takes for
    a selective one: a few rows per parent; 97 % of the rows are NULL there), so that it
    reads the open index instead, whose WHERE holds the very same term."""

    inherit_cache = True
    # Not Boolean: SQLAlchemy would append "= 1" on SQLite, which no index WHERE says.
    type = NullType()


@compiles(_TopLevel)
def _top_level(element, compiler, **kw) -> str:
    return compiler.process(Recommendation.parent_code.is_(None), **kw)


@compiles(_TopLevel, "sqlite")
def _top_level_sqlite(element, compiler, **kw) -> str:
    return f"+{compiler.process(Recommendation.parent_code, **kw)} IS NULL"


def top_level() -> ColumnElement[bool]:
    """Not a part of another recommendation: what the figures of the current state count
    (queries.filters.counted). A recommendation with parts counts once, with its progress
    rolled up from theirs (etl.parts); counting its parts too would count the same work
    twice. parent_code ends every covering index the figures read, so that a count stays
    read from an index alone."""
    return _TopLevel()


def status_not_in(statuses: tuple[str, ...]) -> ColumnElement[bool]:
    """The current status is none of `statuses`, written into the SQL, not bound: an
    engine uses a partial index only for a query whose conditions it can see imply the
    index's own (the statuses are the vocabulary's keys, never a reader's text)."""
    written: list[ColumnElement[str]] = [literal_column(f"'{s}'") for s in statuses]
    return Recommendation.current_status.not_in(written)


def open_top_level() -> ColumnElement[bool]:
    """A top-level recommendation that is not closed: the rows the open index holds (what
    can be overdue or count as updated lately)."""
    return and_(top_level(), status_not_in(CLOSED_STATUSES))


def partial_index(name: str, where: ColumnElement[bool], *columns) -> Index:
    """An index of the recommendations that holds only the rows `where` keeps, on both
    engines; a query uses it when its own conditions say `where`."""
    return Index(name, *columns, sqlite_where=where, postgresql_where=where)


# What moves with the day, per commune (overdue, updated lately: the scorecard's), answered
# from this index alone; it holds only the rows that can be overdue, about half of the
# country's.
OPEN_COVER = partial_index(
    "ix_recommendations_open_cover",
    open_top_level(),
    Recommendation.commune_id,
    Recommendation.current_status,
    Recommendation.target_date,
    Recommendation.current_status_date,
)


# The open top-level recommendations by target date: those whose target date falls between
# the day a commune's summary was counted on and the day asked about (overdue then), read
# as one range of this index (queries.overview_summary.overdue_per_commune).
OPEN_BY_TARGET = partial_index(
    "ix_recommendations_open_by_target",
    open_top_level(),
    Recommendation.target_date,
    Recommendation.commune_id,
    Recommendation.current_status,
    Recommendation.domain,
    Recommendation.current_stall_reason,
    # Not needed by the index's rows (all top-level), but SQLite reads the table for a
    # column its query names that the index lacks, the WHERE's included.
    Recommendation.parent_code,
)
