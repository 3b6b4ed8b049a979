"""The meeting of recommendations read from a table without a meeting column (Word minutes,
a sheet per meeting): decided once every file is read and this load's meetings are
resolved, since the meeting a title names may be in another file of the load or only in
the database. Each table's hint (etl.readers.meeting_hint) is asked once, with the
meetings its codes and dates name; its rows then take that meeting, or are rejected
(missing_required) with the reason, and the table gets one warning naming the meeting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from etl.plan.base import Candidate, fetch_where
from musharaka.models import Commune, Meeting
from musharaka.text import fold

if TYPE_CHECKING:
    from etl.plan.orchestrator import Plan


def assign_meetings(plan: Plan, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates with their meeting: those of tables without a meeting column take
    the one their hint chooses; those it cannot choose for are rejected."""
    hints = {id(c.hint): c.hint for c in candidates if c.hint is not None}
    if not hints:
        return candidates
    from etl.readers.meeting_hint import Known  # the readers import the plan: not at the top

    codes = set().union(*(h.codes() for h in hints.values()))
    dates = set().union(*(h.dates() for h in hints.values()))
    by_code: dict[str, Known] = {}
    by_date: dict = {}
    loaded = plan.meetings.kept
    for code, candidate in loaded.items():
        record = candidate.record
        # Every name of its commune (resolved by etl.plan.communes): aliases too.
        names = plan.communes.names_of(fold(record["commune"]))
        known = Known(code, record["commune"], names, record["date"])
        if code in codes:
            by_code[code] = known
        if known.date in dates:
            by_date.setdefault(known.date, []).append(known)
    query = select(
        Meeting.code, Meeting.date, Commune.name, Commune.name_ar, Commune.name_fr, Commune.key
    ).join(Commune, Commune.id == Meeting.commune_id)
    stored = fetch_where(plan.conn, query, Meeting.code, codes - set(loaded))
    stored += fetch_where(plan.conn, query, Meeting.date, dates)
    for row in stored:
        if row.code in loaded:  # this load's meeting, as it leaves it
            continue
        names = frozenset(fold(n) for n in (row.name, row.name_ar, row.name_fr) if n) | {row.key}
        names |= plan.communes.names_of(row.key)
        known = Known(row.code, row.name, names, row.date)
        if row.code in codes:
            by_code[row.code] = known
        if row.date in dates and known not in by_date.get(row.date, []):
            by_date.setdefault(row.date, []).append(known)
    for meetings in by_date.values():  # listed in messages the same way on every database
        meetings.sort(key=lambda k: (k.commune, k.code))
    choices = {key: hint.choose(by_code, by_date) for key, hint in hints.items()}
    report = plan.report
    for key, hint in hints.items():
        if choices[key].code is not None:
            report.warn(hint.origin, "meeting_id", choices[key].message)
    kept = []
    rejected = report.rejected_ids.setdefault("recommendations", set())
    for candidate in candidates:
        if candidate.hint is None:
            kept.append(candidate)
            continue
        choice = choices[id(candidate.hint)]
        if choice.code is not None:
            candidate.record["meeting_id"] = choice.code
            kept.append(candidate)
            continue
        report.reject(
            candidate.origin,
            "meeting_id",
            "missing_required",
            "",
            choice.message,
            record=candidate.record,
        )
        rejected.add(candidate.record["recommendation_id"])
    return kept
