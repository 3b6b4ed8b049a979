"""The national overview's counts read from the communes' summaries (commune_status_counts,
commune_institution_counts, meeting_counts): they are what counting the recommendations
says, top-level ones only, on SQLite and PostgreSQL, after a load, a form and a field
report's decision; a recommendation with parts counts once and its parts not at all; and
overdue, counted from the summaries on another day than they were, is what counting says
on that day."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from conftest import add_user, identity, load_completion, send_field_report
from etl import demo
from etl.scores import refresh_scores
from musharaka import metrics, queries
from musharaka.queries import RecommendationFilter
from musharaka.services import edit, field_reports

TODAY = dt.date.today()
COUNTRY = RecommendationFilter(today=TODAY)


def _rows(engine, sql: str, **params) -> list:
    with engine.connect() as conn:
        return conn.execute(text(sql), params).all()


def _stored(engine) -> dict[tuple, tuple[int, float, int]]:
    """The summary's rows: (commune, domain, status) -> (recommendations, budget, past their
    target date on the day counted)."""
    return {
        (c, d, s): (int(n), float(b), int(p))
        for c, d, s, n, b, p in _rows(
            engine,
            "SELECT commune_id, domain, status, recommendations, budget_mad, past_target "
            "FROM commune_status_counts",
        )
    }


def _counted(engine) -> dict[tuple, tuple[int, float, int]]:
    """The same counted from the recommendations themselves, top-level ones only, against
    the day each commune's summary says it was counted on."""
    return {
        (c, d, s): (int(n), float(b or 0), int(p))
        for c, d, s, n, b, p in _rows(
            engine,
            "SELECT r.commune_id, domain, current_status, count(*), sum(budget_mad), "
            "sum(CASE WHEN target_date < k.counted_on THEN 1 ELSE 0 END) "
            "FROM recommendations r JOIN commune_scores k ON k.commune_id = r.commune_id "
            "WHERE parent_code IS NULL GROUP BY r.commune_id, domain, current_status",
        )
    }


def _overdue(engine, by: str, day: dt.date = TODAY) -> dict:
    """Top-level recommendations past their target date on `day` and not closed, per `by`."""
    return {
        key: int(n)
        for key, n in _rows(
            engine,
            f"SELECT {by}, count(*) FROM recommendations WHERE parent_code IS NULL "
            "AND target_date < :today "
            "AND current_status NOT IN ('completed', 'partially_completed', 'cancelled') "
            f"GROUP BY {by}",
            today=day,
        )
    }


# Each smaller summary, and the same counted from the top-level recommendations.
BY_INSTITUTION = (
    "SELECT commune_id, nullif(institution, ''), recommendations, in_programme, completed "
    "FROM commune_institution_counts",
    "SELECT commune_id, partner_institution, count(*), count(pac_ref), "
    "sum(CASE WHEN current_status = 'completed' THEN 1 ELSE 0 END) "
    "FROM recommendations WHERE parent_code IS NULL GROUP BY commune_id, partner_institution",
)
BY_MEETING = (
    "SELECT meeting_id, commune_id, recommendations, completed FROM meeting_counts",
    "SELECT meeting_id, commune_id, count(*), "
    "sum(CASE WHEN current_status = 'completed' THEN 1 ELSE 0 END) "
    "FROM recommendations WHERE parent_code IS NULL GROUP BY meeting_id, commune_id",
)

BY_REASON = (
    "SELECT commune_id, domain, nullif(reason, ''), stuck, past_target FROM commune_reason_counts",
    "SELECT r.commune_id, domain, current_stall_reason, "
    "sum(CASE WHEN current_status IN ('stalled', 'cancelled') THEN 1 ELSE 0 END), "
    "sum(CASE WHEN current_status IN ('in_progress', 'planned', 'not_started') "
    "AND target_date < k.counted_on THEN 1 ELSE 0 END) "
    "FROM recommendations r JOIN commune_scores k ON k.commune_id = r.commune_id "
    "WHERE parent_code IS NULL "
    "AND current_status NOT IN ('completed', 'partially_completed') "
    "GROUP BY r.commune_id, domain, current_stall_reason",
)


def _records(engine, query) -> list[dict]:
    """A query's rows, in an order that does not depend on how they were read."""
    return sorted(queries.read_frame(engine, query).to_dict("records"), key=repr)


def _as_set(engine, sql: str) -> set[tuple]:
    return {tuple(int(v) if isinstance(v, float) else v for v in row) for row in _rows(engine, sql)}


def assert_summary_is_the_count(engine) -> None:
    assert _stored(engine) == _counted(engine)
    for stored, counted_here in (BY_INSTITUTION, BY_MEETING, BY_REASON):
        assert _as_set(engine, stored) == _as_set(engine, counted_here)
    # And the rows each table holds, as the Data status and Open data pages say them.
    counted = {
        table: _rows(engine, f"SELECT count(*) FROM {table}")[0][0]
        for table in ("communes", "associations", "meetings", "recommendations", "status_updates")
    }
    for query in (queries.loads.table_counts(), queries.open_data.table_counts()):
        (shown,) = queries.read_frame(engine, query).to_dict("records")
        assert shown == {table: counted[table] for table in shown}


def test_the_demo_countrys_overview_is_the_count_of_its_recommendations(engine):
    demo.load_direct(engine, 30, seed=1)
    counted = _counted(engine)
    assert_summary_is_the_count(engine)
    # The demo has parts: they are left out, so the figures are fewer than the rows.
    rows = _rows(engine, "SELECT count(*) FROM recommendations")[0][0]
    assert 0 < sum(n for n, _, _ in counted.values()) < rows

    by_status = queries.read_frame(engine, queries.status_counts(COUNTRY))
    overdue = _overdue(engine, "current_status")
    assert {r.status: (r.count, r.overdue) for r in by_status.itertuples()} == {
        s: (sum(n for (_, _, t), (n, _, _) in counted.items() if t == s), overdue.get(s, 0))
        for s in {s for _, _, s in counted}
    }
    assert by_status["budget_mad"].sum() == pytest.approx(sum(b for _, b, _ in counted.values()))

    by_domain = queries.read_frame(engine, queries.domain_status_counts(COUNTRY))
    assert {(r.domain, r.status): r.count for r in by_domain.itertuples()} == {
        (d, s): sum(n for (_, e, t), (n, _, _) in counted.items() if (e, t) == (d, s))
        for _, d, s in counted
    }

    per_commune = queries.read_frame(engine, queries.rollup("commune", COUNTRY))
    overdue_by_commune = _overdue(engine, "commune_id")
    for row in per_commune.itertuples():
        own: dict[str, int] = {}
        for (c, _, s), (n, _, _) in counted.items():
            if c == row.commune_id:
                own[s] = own.get(s, 0) + n
        assert row.recommendations == sum(own.values())
        assert row.completed == own.get("completed", 0)
        assert row.stalled == own.get("stalled", 0)
        assert row.overdue == overdue_by_commune.get(row.commune_id, 0)
    assert sum(overdue_by_commune.values()) > 0  # overdue compared numbers, not zeros

    # The action programme and the completion by year: the summaries' sums are what the
    # same queries count from the recommendations of every commune, named one by one (a
    # filter that keeps every recommendation but is not read from the summaries).
    communes = tuple(sorted(c for (c,) in _rows(engine, "SELECT id FROM communes")))
    every_commune = RecommendationFilter(commune_ids=communes, today=TODAY)
    for query in (queries.programme.by_institution, queries.completion_by_year):
        summed = _records(engine, query(COUNTRY))
        assert len(summed) > 3 and sum(row["completed"] for row in summed) > 0
        assert summed == _records(engine, query(every_commune))


# --- overdue on another day than the summaries were counted on -----------------------------
def test_overdue_on_any_day_is_what_counting_says_on_that_day(engine):
    """Each commune's summary holds what was past its target date on the day it was
    counted; overdue on another day, before or after, earlier or later for each commune,
    is still the count of that day."""
    demo.load_direct(engine, 6, seed=2)
    communes = [c for (c,) in _rows(engine, "SELECT id FROM communes ORDER BY id")]
    with engine.begin() as conn:
        refresh_scores(conn, communes[::2], today=TODAY - dt.timedelta(days=400))
        refresh_scores(conn, communes[1::2], today=TODAY + dt.timedelta(days=90))
    counted_on = {d for (d,) in _rows(engine, "SELECT DISTINCT counted_on FROM commune_scores")}
    assert len(counted_on) == 2
    for days in (0, 1, 30, 365, -1, -200, -400, -3000):
        day = TODAY + dt.timedelta(days=days)
        f = RecommendationFilter(today=day)
        by_status = queries.read_frame(engine, queries.status_counts(f))
        expected = _overdue(engine, "current_status", day)
        assert dict(zip(by_status["status"], by_status["overdue"], strict=True)) == {
            s: expected.get(s, 0) for s in by_status["status"]
        }, day
        per_commune = queries.read_frame(engine, queries.rollup("commune", f))
        expected = _overdue(engine, "commune_id", day)
        assert {r.commune_id: r.overdue for r in per_commune.itertuples()} == {
            c: expected.get(c, 0) for c in communes
        }, day
        # Why things stall: the summaries' sums, and the same counted commune by commune.
        every_commune = RecommendationFilter(commune_ids=tuple(communes), today=day)
        for query in (
            queries.stall_reasons.reason_domain_counts,
            queries.stall_reasons.reason_commune_counts,
        ):
            summed = _records(engine, query(f))
            assert len(summed) > 3, day
            assert summed == _records(engine, query(every_commune)), (day, query)
    # The days asked about moved the count: these were numbers, not zeros.
    assert sum(_overdue(engine, "commune_id", TODAY).values()) > sum(
        _overdue(engine, "commune_id", TODAY - dt.timedelta(days=400)).values()
    )


# --- a parent and its parts ------------------------------------------------------------------
def _parent_and_parts(folder):
    """One commune: a standalone completed recommendation, and a parent in progress and
    overdue with two parts (one completed, one stalled and overdue)."""
    folder.mkdir()
    (folder / "meetings.csv").write_text(
        "meeting_id,commune,date\nM-1,Aoulouz,2022-03-01\n", encoding="utf-8"
    )
    (folder / "recommendations.csv").write_text(
        "recommendation_id,meeting_id,domain,title,status,target_date,budget_mad,parent_id\n"
        "R-1,M-1,water,Puits,completed,2023-01-01,100,\n"
        "P-1,M-1,roads,Piste,in progress,2023-06-30,1000,\n"
        "P-1a,M-1,roads,Piste: études,completed,2023-01-31,300,P-1\n"
        "P-1b,M-1,roads,Piste: travaux,stalled,2023-06-30,700,P-1\n",
        encoding="utf-8",
    )
    return folder


# What a reader must see: the parent once, with the standalone one; the parts not at all.
EXPECTED = {
    "total": 2,
    "completed": 1,
    "in_progress": 1,
    "stalled": 0,
    "overdue": 1,
    "budget_mad": 1100.0,
}


def _figures(engine, f: RecommendationFilter) -> dict:
    figures = metrics.key_figures(queries.read_frame(engine, queries.status_counts(f)))
    return {
        "total": figures.total,
        "completed": figures.completed,
        "in_progress": figures.in_progress,
        "stalled": figures.stalled,
        "overdue": figures.overdue,
        "budget_mad": figures.budget_mad,
    }


def _commune_of_parent(engine) -> int:
    return _rows(engine, "SELECT commune_id FROM recommendations WHERE code = 'P-1'")[0][0]


def test_a_parent_counts_once_and_its_parts_not_at_all_in_the_national_figures(
    engine, load, tmp_path
):
    report = load(engine, _parent_and_parts(tmp_path / "files"))
    assert report.committed and not report.rejects, report.rejects
    assert _figures(engine, COUNTRY) == EXPECTED
    assert_summary_is_the_count(engine)
    by_domain = queries.read_frame(engine, queries.domain_status_counts(COUNTRY))
    assert sorted(
        zip(by_domain["domain"], by_domain["status"], by_domain["count"], strict=True)
    ) == [
        ("roads_transport", "in_progress", 1),
        ("water_sanitation", "completed", 1),
    ]
    (region,) = queries.read_frame(engine, queries.rollup("region", COUNTRY)).itertuples()
    assert (region.recommendations, region.completed, region.stalled, region.overdue) == (
        2,
        1,
        0,
        1,
    )


def test_the_figures_filtered_to_the_commune_are_the_national_ones(engine, load, tmp_path):
    report = load(engine, _parent_and_parts(tmp_path / "files"))
    assert report.committed and not report.rejects, report.rejects
    commune = RecommendationFilter(commune_ids=(_commune_of_parent(engine),), today=TODAY)
    assert _figures(engine, commune) == EXPECTED == _figures(engine, COUNTRY)


# --- kept up to date ----------------------------------------------------------------------
def _open_code(engine, commune: int) -> str:
    return _rows(
        engine,
        "SELECT code FROM recommendations WHERE commune_id = :c AND parent_code IS NULL "
        "AND current_status IN ('in_progress', 'planned', 'not_started') ORDER BY code LIMIT 1",
        c=commune,
    )[0][0]


def test_a_load_a_form_and_a_field_report_keep_the_summary_the_count(
    sample_url, engine, load, tmp_path
):
    assert_summary_is_the_count(engine)
    before = _figures(engine, COUNTRY)

    code = _open_code(engine, 2)
    load_completion(load, engine, tmp_path, code)
    assert_summary_is_the_count(engine)
    after_load = _figures(engine, COUNTRY)
    assert after_load["completed"] == before["completed"] + 1

    editor = identity(engine, add_user(sample_url, "tala-editor", "editor", communes=(2,)))
    code = _open_code(engine, 2)
    saved = edit.save(
        engine,
        "status_updates",
        {"recommendation_id": code, "date": TODAY.isoformat(), "status": "cancelled"},
        user=editor,
    )
    assert saved.saved, saved.problems
    assert_summary_is_the_count(engine)
    assert _figures(engine, COUNTRY)["completed"] == after_load["completed"]

    # An association's field report of a recommendation of Lakhnafif (1), approved.
    sent = send_field_report(
        engine,
        sample_url,
        "assoc",
        status="completed",
        progress="100",
        note="Done at last.",
        condition="AND r.parent_code IS NULL AND r.current_status <> 'completed'",
    )
    before_decision = _figures(engine, COUNTRY)
    approver = identity(engine, add_user(sample_url, "khnafif-editor", "editor", communes=(1,)))
    assert field_reports.approve(engine, approver, sent.report_id).done
    assert_summary_is_the_count(engine)
    assert _figures(engine, COUNTRY)["completed"] == before_decision["completed"] + 1
