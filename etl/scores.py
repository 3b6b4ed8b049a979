"""The communes' summaries (musharaka.score_tables: the scorecard row, and the counts by
domain and status with their budget), rewritten for the communes a change touched in
that change's transaction: by every load and form (the plan's write), by a field
report's decision, by the demo's direct load, and once for every commune by the
migrations that made the tables. Only top-level recommendations are counted: a part
(a row with a parent) is its parent's, which counts once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import Connection, and_, case, delete, func, insert, select

from etl.bulk import bulk_insert
from musharaka.models import (
    Commune,
    FieldReport,
    Meeting,
    Recommendation,
    StatusUpdate,
    may_be_asked_a_reason,
)
from musharaka.score_tables import (
    NO_INSTITUTION,
    NO_REASON,
    CommuneInstitutionCount,
    CommuneReasonCount,
    CommuneScore,
    CommuneStatusCount,
    MeetingCount,
    top_level,
)
from musharaka.scorecards import StoredScore, stored_score
from musharaka.vocabulary import CLOSED_STATUSES, STALL_REASON_STATUSES

CHUNK = 500
# On PostgreSQL the whole country's communes in one chunk: a query for a third of them
# scans the whole recommendations table (and status updates) as one for all of them
# does, and a national load's summaries took 9 s in chunks of 500 against 6 s in one.
# SQLite before 3.32 takes no more than 999 values in a statement.
PG_CHUNK = 2_000
NO_ROWS = {"recommendation_rows": 0, "status_update_rows": 0}


def refresh_scores(
    conn: Connection, commune_ids: Iterable[int | None], today: dt.date | None = None
) -> None:
    """Rewrite the summary rows of these communes from their rows as they now are; what
    is past its target date is counted against `today` (default: the date today)."""
    counted_on = today or dt.date.today()
    ids = sorted({i for i in commune_ids if i is not None})
    size = PG_CHUNK if conn.dialect.name == "postgresql" else CHUNK
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        known = set(conn.execute(select(Commune.id).where(Commune.id.in_(chunk))).scalars())
        counts = _status_counts(conn, chunk, counted_on)
        scores = _scores(conn, chunk, known, counts)
        conn.execute(delete(CommuneScore).where(CommuneScore.commune_id.in_(chunk)))
        for table in (
            CommuneStatusCount,
            CommuneInstitutionCount,
            CommuneReasonCount,
            MeetingCount,
        ):
            conn.execute(delete(table).where(table.commune_id.in_(chunk)))
        if scores:
            rows = _table_rows(conn, chunk)
            conn.execute(
                insert(CommuneScore),
                # Every row names every column: a commune without recommendations too.
                [
                    {**vars(s), **NO_ROWS, **rows.get(s.commune_id, {}), "counted_on": counted_on}
                    for s in scores
                ],
            )
        for table, rows in (
            (CommuneStatusCount, counts),
            (CommuneInstitutionCount, _institution_counts(conn, chunk)),
            (MeetingCount, _meeting_counts(conn, chunk)),
            (CommuneReasonCount, _reason_counts(conn, chunk, counted_on)),
        ):
            kept = [row for row in rows if row["commune_id"] in known]
            if kept:
                # COPY on PostgreSQL: a national load writes about half a million of
                # these rows, which executemany sent one by one (docs/speed.md).
                columns = list(kept[0])
                bulk_insert(conn, table.__table__, columns, [tuple(r.values()) for r in kept])


def refresh_all_scores(conn: Connection) -> None:
    refresh_scores(conn, conn.execute(select(Commune.id)).scalars())


def _table_rows(conn: Connection, chunk: list[int]) -> dict[int, dict[str, int]]:
    """Per commune of the chunk: its rows in the recommendations table (parts included)
    and in the status updates table."""
    r = Recommendation
    rows: dict[int, dict[str, int]] = {}
    for commune_id, count in conn.execute(
        select(r.commune_id, func.count()).where(r.commune_id.in_(chunk)).group_by(r.commune_id)
    ):
        rows.setdefault(commune_id, {})["recommendation_rows"] = int(count)
    for commune_id, count in conn.execute(
        select(r.commune_id, func.count())
        .join(StatusUpdate, StatusUpdate.recommendation_id == r.id)
        .where(r.commune_id.in_(chunk))
        .group_by(r.commune_id)
    ):
        rows.setdefault(commune_id, {})["status_update_rows"] = int(count)
    return rows


def _status_counts(conn: Connection, chunk: list[int], counted_on: dt.date) -> list[dict]:
    """The chunk's top-level recommendations per commune, domain and status, with their
    budget and how many are past their target date on `counted_on`: the rows of
    commune_status_counts."""
    r = Recommendation
    past_target = func.count(case((r.target_date < counted_on, 1)))
    return [
        {
            "commune_id": commune_id,
            "domain": domain,
            "status": status,
            "recommendations": int(count),
            "budget_mad": float(budget or 0),
            "past_target": int(past),
        }
        for commune_id, domain, status, count, budget, past in conn.execute(
            select(r.commune_id, r.domain, r.current_status, func.count(), func.sum(r.budget_mad))
            .add_columns(past_target)
            .where(r.commune_id.in_(chunk), top_level())
            .group_by(r.commune_id, r.domain, r.current_status)
        )
    ]


def _completed():
    """Of a group of recommendations, how many are completed (a count)."""
    return func.count(case((Recommendation.current_status == "completed", 1)))


def _institution_counts(conn: Connection, chunk: list[int]) -> list[dict]:
    """The chunk's top-level recommendations per commune and partner institution: the rows
    of commune_institution_counts."""
    r = Recommendation
    return [
        {
            "commune_id": commune_id,
            "institution": institution if institution is not None else NO_INSTITUTION,
            "recommendations": int(count),
            "in_programme": int(in_programme),
            "completed": int(completed),
        }
        for commune_id, institution, count, in_programme, completed in conn.execute(
            select(r.commune_id, r.partner_institution, func.count(), func.count(r.pac_ref))
            .add_columns(_completed())
            .where(r.commune_id.in_(chunk), top_level())
            .group_by(r.commune_id, r.partner_institution)
        )
    ]


def _reason_counts(conn: Connection, chunk: list[int], counted_on: dt.date) -> list[dict]:
    """The chunk's top-level recommendations that did not move or may not have, per
    commune, domain and reason: the rows of commune_reason_counts."""
    r = Recommendation
    stuck = r.current_status.in_(STALL_REASON_STATUSES)
    others_open = r.current_status.not_in((*CLOSED_STATUSES, *STALL_REASON_STATUSES))
    return [
        {
            "commune_id": commune_id,
            "domain": domain,
            "reason": reason if reason is not None else NO_REASON,
            "stuck": int(stuck_count),
            "past_target": int(past),
        }
        for commune_id, domain, reason, stuck_count, past in conn.execute(
            select(
                r.commune_id,
                r.domain,
                r.current_stall_reason,
                func.count(case((stuck, 1))),
                func.count(case((and_(others_open, r.target_date < counted_on), 1))),
            )
            .where(r.commune_id.in_(chunk), top_level(), may_be_asked_a_reason())
            .group_by(r.commune_id, r.domain, r.current_stall_reason)
        )
    ]


def _meeting_counts(conn: Connection, chunk: list[int]) -> list[dict]:
    """The chunk's top-level recommendations per meeting: the rows of meeting_counts."""
    r = Recommendation
    return [
        {
            "meeting_id": meeting_id,
            "commune_id": commune_id,
            "recommendations": int(count),
            "completed": int(completed),
        }
        for meeting_id, commune_id, count, completed in conn.execute(
            select(r.meeting_id, r.commune_id, func.count(), _completed())
            .where(r.commune_id.in_(chunk), top_level())
            .group_by(r.meeting_id, r.commune_id)
        )
    ]


def _scores(
    conn: Connection, chunk: list[int], known: set[int], status_counts: list[dict]
) -> list[StoredScore]:
    counts: dict[int, dict[str, int]] = {}
    for row in status_counts:
        by_status = counts.setdefault(row["commune_id"], {})
        by_status[row["status"]] = by_status.get(row["status"], 0) + row["recommendations"]
    completions: dict[int, list] = {}
    for commune_id, met, done in conn.execute(
        select(Recommendation.commune_id, Meeting.date, Recommendation.current_status_date)
        .join(Meeting, Meeting.id == Recommendation.meeting_id)
        .where(
            Recommendation.commune_id.in_(chunk),
            Recommendation.current_status == "completed",
            top_level(),
        )
    ):
        completions.setdefault(commune_id, []).append((met, done))
    answers: dict[int, list] = {}
    for commune_id, sent, answered in conn.execute(
        select(Recommendation.commune_id, FieldReport.submitted_at, FieldReport.decided_at)
        .join(Recommendation, Recommendation.id == FieldReport.recommendation_id)
        .where(Recommendation.commune_id.in_(chunk), FieldReport.decided_at.is_not(None))
    ):
        answers.setdefault(commune_id, []).append((sent, answered))
    meetings: dict[int, list] = {}
    for commune_id, date in conn.execute(
        select(Meeting.commune_id, Meeting.date).where(Meeting.commune_id.in_(chunk))
    ):
        meetings.setdefault(commune_id, []).append(date)
    return [
        stored_score(
            commune_id,
            counts.get(commune_id, {}),
            completions.get(commune_id, ()),
            answers.get(commune_id, ()),
            meetings.get(commune_id, ()),
        )
        for commune_id in sorted(known)
    ]
