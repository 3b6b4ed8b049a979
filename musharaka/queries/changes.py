"""What changed, and what follows from the dates: the status changes of a commune, an
association's recommendations or one recommendation over a period, those that became
overdue in it, and those untouched for a long time. The alerts, the digests and the
feeds read them; each is a pure `select()` on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, and_, exists, select

from musharaka.models import (
    Commune,
    Recommendation,
    StatusChange,
    outbox_changes,
    recommendation_proposers,
)
from musharaka.vocabulary import CLOSED_STATUSES

TARGETS = ("commune", "association", "recommendation")


@dataclass(frozen=True)
class Followed:
    """What is followed: a commune, an association's recommendations or one recommendation
    (by id)."""

    target: str
    target_id: int

    def __post_init__(self) -> None:
        if self.target not in TARGETS:
            raise ValueError(f"unknown target {self.target!r}")

    def clause(self) -> ColumnElement[bool]:
        """The recommendations it covers."""
        if self.target == "commune":
            return Recommendation.commune_id == self.target_id
        if self.target == "recommendation":
            return Recommendation.id == self.target_id
        link = recommendation_proposers.c
        return exists().where(
            link.recommendation_id == Recommendation.id, link.association_id == self.target_id
        )


def _change_columns() -> Select:
    return select(
        StatusChange.id,
        StatusChange.changed_at,
        StatusChange.status_date,
        StatusChange.old_status,
        StatusChange.new_status,
        StatusChange.old_progress,
        StatusChange.new_progress,
        Recommendation.code,
        Recommendation.title,
        Recommendation.commune_id,
        Commune.name.label("commune"),
    ).join(Recommendation, Recommendation.id == StatusChange.recommendation_id)


def status_changes(
    followed: Followed | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> Select:
    """Every change of a current status or progress recorded after `since` (exclusive)
    and up to `until` (inclusive), of what is followed (or of everything), oldest first."""
    query = _change_columns().join(Commune, Commune.id == Recommendation.commune_id)
    if followed is not None:
        query = query.where(followed.clause())
    if since is not None:
        query = query.where(StatusChange.changed_at > since)
    if until is not None:
        query = query.where(StatusChange.changed_at <= until)
    return query.order_by(StatusChange.changed_at, StatusChange.id)


def alert_changes(outbox_ids: tuple[int, ...]) -> Select:
    """The changes the alerts with these outbox ids list, oldest first."""
    link = outbox_changes.c
    return (
        _change_columns()
        .join(Commune, Commune.id == Recommendation.commune_id)
        .join(outbox_changes, link.status_change_id == StatusChange.id)
        .where(link.outbox_id.in_(outbox_ids))
        .distinct()
        .order_by(StatusChange.changed_at, StatusChange.id)
    )


def _open_recommendations(followed: Followed) -> Select:
    return (
        select(
            Recommendation.code,
            Recommendation.title,
            Recommendation.current_status,
            Recommendation.current_progress,
            Recommendation.current_status_date,
            Recommendation.target_date,
        )
        .where(followed.clause(), Recommendation.current_status.not_in(CLOSED_STATUSES))
        .order_by(Recommendation.code)
    )


def became_overdue(followed: Followed, start: dt.date, end: dt.date) -> Select:
    """The open recommendations whose target date passed during [start, end): on `end`
    they are overdue, on `start` they were not."""
    return _open_recommendations(followed).where(
        Recommendation.target_date >= start, Recommendation.target_date < end
    )


def untouched(followed: Followed, on: dt.date, days: int = 90) -> Select:
    """The open recommendations whose current state is at least `days` days old on `on`
    and that no change touched since."""
    cutoff = on - dt.timedelta(days=days)
    recent = exists().where(
        StatusChange.recommendation_id == Recommendation.id,
        StatusChange.changed_at > dt.datetime.combine(cutoff, dt.time(), dt.UTC),
    )
    return _open_recommendations(followed).where(
        and_(Recommendation.current_status_date <= cutoff, ~recent)
    )


def recommendation_id(code: str) -> Select:
    """The id of the recommendation with this code (a page's follow form needs it)."""
    return select(Recommendation.id).where(Recommendation.code == code)
