"""The communes' scorecard summary (musharaka.score_tables.CommuneScore), rewritten for
the communes a change touched in that change's transaction: by every load and form (the
plan's write), by a field report's decision, by the demo's direct load, and once for
every commune by the migration that made the table."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, delete, func, insert, select

from musharaka.models import Commune, FieldReport, Meeting, Recommendation
from musharaka.queries.filters import top_level
from musharaka.score_tables import CommuneScore
from musharaka.scorecards import StoredScore, stored_score

CHUNK = 500


def refresh_scores(conn: Connection, commune_ids: Iterable[int | None]) -> None:
    """Rewrite the summary rows of these communes from their rows as they now are:
    their top-level recommendations, as every figure counts them (filters.top_level)."""
    ids = sorted({i for i in commune_ids if i is not None})
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        scores = _scores(conn, chunk)
        conn.execute(delete(CommuneScore).where(CommuneScore.commune_id.in_(chunk)))
        if scores:
            conn.execute(insert(CommuneScore), [vars(s) for s in scores])


def refresh_all_scores(conn: Connection) -> None:
    refresh_scores(conn, conn.execute(select(Commune.id)).scalars())


def _scores(conn: Connection, chunk: list[int]) -> list[StoredScore]:
    known = set(conn.execute(select(Commune.id).where(Commune.id.in_(chunk))).scalars())
    counts: dict[int, dict[str, int]] = {}
    for commune_id, status, count in conn.execute(
        select(Recommendation.commune_id, Recommendation.current_status, func.count())
        .where(Recommendation.commune_id.in_(chunk), top_level())
        .group_by(Recommendation.commune_id, Recommendation.current_status)
    ):
        counts.setdefault(commune_id, {})[status] = int(count)
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
