"""The communes' scorecards: what each figure is (its catalog ids, in the order a page and
docs/scorecards.md show them) and the pure arithmetic of one commune's stored summary.

A commune's summary (musharaka.score_tables.CommuneScore) keeps what does not move with
the calendar: counts by status, the median days from meeting to completion and from a
field report to the council's answer, its meetings. What moves with the day (overdue,
updated lately, meetings per year) is counted in SQL when the page asks
(musharaka.queries.scorecards), from the same rows.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

# An open recommendation counts as updated lately when its latest entry is this recent.
RECENT_DAYS = 180


@dataclass(frozen=True)
class Figure:
    """One figure of the scorecard: its column, its name and its definition (catalog ids),
    whether it is a share (0..1, shown in percent), whether more is better, and how many
    decimals it is written with (of the percentage, for a share): days are whole days."""

    column: str
    label_key: str
    definition_key: str
    share: bool
    higher_is_better: bool
    decimals: int


FIGURES: tuple[Figure, ...] = (
    Figure("completion_rate", "completion_rate", "score_def_completion", True, True, 1),
    Figure("partial_rate", "score_partial_rate", "score_def_partial", True, True, 1),
    Figure("overdue_share", "score_overdue_share", "score_def_overdue", True, False, 1),
    Figure("days_to_completion", "score_days_to_completion", "score_def_days", False, False, 0),
    Figure("updated_share", "score_updated_share", "score_def_updated", True, True, 1),
    Figure("answer_days", "score_answer_days", "score_def_answer", False, False, 0),
    Figure("meetings_per_year", "score_meetings_per_year", "score_def_meetings", False, True, 2),
)
FIGURE_COLUMNS = tuple(f.column for f in FIGURES)


@dataclass(frozen=True)
class StoredScore:
    """What a commune's summary row holds (musharaka.score_tables.CommuneScore)."""

    commune_id: int
    recommendations: int
    completed: int
    partially_completed: int
    cancelled: int
    days_to_completion: float | None
    field_reports_answered: int
    answer_days: float | None
    meetings: int
    first_meeting_year: int | None


def median(values: Iterable[float]) -> float | None:
    """The median (the mean of the two middle values of an even count); None when empty."""
    listed = list(values)
    return float(statistics.median(listed)) if listed else None


def stored_score(
    commune_id: int,
    status_counts: dict[str, int],
    completions: Iterable[tuple[dt.date, dt.date]],
    answers: Iterable[tuple[dt.datetime, dt.datetime]],
    meeting_dates: Iterable[dt.date],
) -> StoredScore:
    """One commune's summary (pure) from its recommendations' counts by current status,
    the (meeting date, completion date) of each completed recommendation, the
    (submitted, answered) times of each field report the council answered, and the dates
    of its meetings. Days are calendar days; a completion dated before its meeting counts
    as 0 days."""
    days = [max((done - met).days, 0) for met, done in completions]
    waits = [max((answered.date() - sent.date()).days, 0) for sent, answered in answers]
    dates = list(meeting_dates)
    return StoredScore(
        commune_id=commune_id,
        recommendations=sum(status_counts.values()),
        completed=status_counts.get("completed", 0),
        partially_completed=status_counts.get("partially_completed", 0),
        cancelled=status_counts.get("cancelled", 0),
        days_to_completion=median(days),
        field_reports_answered=len(waits),
        answer_days=median(waits),
        meetings=len(dates),
        first_meeting_year=min(d.year for d in dates) if dates else None,
    )


def recent_since(today: dt.date) -> dt.date:
    """The first day an entry counts as recent on `today`."""
    return today - dt.timedelta(days=RECENT_DAYS)
