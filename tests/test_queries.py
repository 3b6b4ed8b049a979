"""The query layer: roll-ups and key figures match a slow, obvious computation, and every
query gives the same result on SQLite and PostgreSQL for the same data."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pandas as pd
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from conftest import SAMPLE_DIR
from musharaka import metrics, queries
from musharaka.models import Commune, Recommendation

TODAY = dt.date(2026, 11, 29)


def _obvious_rollup(engine, level: str) -> dict[tuple, dict[str, int]]:
    """Count by hand, one recommendation at a time, through the ORM."""
    totals: dict[tuple, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with Session(engine) as session:
        communes = {c.id: c for c in session.scalars(select(Commune))}
        for rec in session.scalars(select(Recommendation)):
            commune = communes[rec.commune_id]
            key = {
                "region": (commune.region_key,),
                "province": (commune.region_key, commune.province_key),
                "commune": (commune.region_key, commune.province_key, commune.id, commune.name),
            }[level]
            row = totals[key]
            row["recommendations"] += 1
            row["completed"] += rec.current_status == "completed"
            row["partially_completed"] += rec.current_status == "partially_completed"
            row["cancelled"] += rec.current_status == "cancelled"
            row["stalled"] += rec.current_status == "stalled"
            row["overdue"] += bool(
                rec.target_date
                and rec.target_date < TODAY
                and rec.current_status not in ("completed", "partially_completed", "cancelled")
            )
    return {k: dict(v) for k, v in totals.items()}


@pytest.fixture
def sample_engine(engine, load):
    report = load(engine, SAMPLE_DIR)
    assert report.committed and not report.rejects
    return engine


@pytest.mark.parametrize("level", queries.ROLLUP_LEVELS)
def test_rollups_match_counting_by_hand(sample_engine, level):
    f = queries.RecommendationFilter(today=TODAY)
    table = queries.read_frame(sample_engine, queries.rollup(level, f))
    keys = {"region": 1, "province": 2, "commune": 4}[level]
    measures = [
        "recommendations",
        "completed",
        "partially_completed",
        "cancelled",
        "stalled",
        "overdue",
    ]
    got = {
        tuple(row[:keys]): {m: int(getattr(row, m)) for m in measures}
        for row in table.itertuples(index=False)
    }
    assert got == _obvious_rollup(sample_engine, level)
    assert table["recommendations"].sum() == 80


def test_sample_communes_sit_in_their_real_regions(sample_engine):
    table = queries.read_frame(
        sample_engine, queries.rollup("province", queries.RecommendationFilter(today=TODAY))
    )
    assert set(table["region"]) == {"souss_massa"}
    assert set(table["province"]) == {"taroudant", "tiznit", "chtouka_ait_baha"}


def test_rates_leave_out_cancelled(sample_engine):
    f = queries.RecommendationFilter(today=TODAY)
    table = metrics.with_rates(queries.read_frame(sample_engine, queries.rollup("commune", f)))
    for row in table.itertuples(index=False):
        owed = row.recommendations - row.cancelled
        assert row.completion_rate == pytest.approx(row.completed / owed)
        assert row.overdue_rate == pytest.approx(row.overdue / owed)


def test_filters_narrow_the_key_figures(sample_engine):
    everything = queries.RecommendationFilter(today=TODAY)
    health = queries.RecommendationFilter(domains=("health",), today=TODAY)
    overdue = queries.RecommendationFilter(overdue_only=True, today=TODAY)
    all_figures = metrics.key_figures(
        queries.read_frame(sample_engine, queries.status_counts(everything))
    )
    health_figures = metrics.key_figures(
        queries.read_frame(sample_engine, queries.status_counts(health))
    )
    overdue_figures = metrics.key_figures(
        queries.read_frame(sample_engine, queries.status_counts(overdue))
    )
    with Session(sample_engine) as session:
        recs = list(session.scalars(select(Recommendation)))
    assert all_figures.total == len(recs)
    assert health_figures.total == sum(r.domain == "health" for r in recs)
    assert 0 < health_figures.total < all_figures.total
    assert overdue_figures.total == all_figures.overdue == overdue_figures.overdue
    assert overdue_figures.completed == 0


def _all_query_results(engine) -> dict[str, pd.DataFrame]:
    f = queries.RecommendationFilter(today=TODAY)
    built = {
        "status_counts": queries.status_counts(f),
        "domain_status_counts": queries.domain_status_counts(f),
        "latest_updates": queries.latest_updates(f, limit=1000),
        "communes": queries.communes(),
        **{f"rollup_{level}": queries.rollup(level, f) for level in queries.ROLLUP_LEVELS},
    }
    results = {}
    for name, query in built.items():
        frame = queries.read_frame(engine, query).drop(
            columns=["id", "commune_id"], errors="ignore"
        )
        frame = frame.astype(object).where(frame.notna(), None)
        for column in frame.columns:
            frame[column] = [float(v) if isinstance(v, int | float) else v for v in frame[column]]
        results[name] = frame.sort_values(list(frame.columns), key=lambda s: s.astype(str))
        results[name] = results[name].reset_index(drop=True)
    return results


def test_every_query_gives_the_same_result_on_sqlite_and_postgresql(
    sqlite_engine, postgres_engine, load
):
    for engine in (sqlite_engine, postgres_engine):
        assert not load(engine, SAMPLE_DIR).rejects
    on_sqlite = _all_query_results(sqlite_engine)
    on_postgres = _all_query_results(postgres_engine)
    for name in on_sqlite:
        pd.testing.assert_frame_equal(on_sqlite[name], on_postgres[name], obj=name)
