"""The communes' scorecards (issue 18): every figure of every commune of Souss-Massa and
of the demo country, computed here by hand in plain Python from the rows themselves and
compared with what the page's query returns, on SQLite and PostgreSQL; and the summary
rows kept up to date by a load, a form and a field report's answer."""

from __future__ import annotations

import datetime as dt
import statistics

import pytest
from sqlalchemy import text

from conftest import add_user, identity, load_completion, send_field_report
from etl import demo
from musharaka import queries
from musharaka.services import edit, field_reports
from musharaka.vocabulary import CLOSED_STATUSES

TODAY = dt.date.today()


def _rows(engine, sql: str, **params) -> list:
    with engine.connect() as conn:
        return conn.execute(text(sql), params).all()


def _day(value) -> dt.date:
    """A date column as SQLite ('2020-02-16') or PostgreSQL (a date) returns it."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _moment(value) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def hand_computed(engine, where: str = "1 = 1") -> dict[int, dict[str, float | None]]:
    """Every figure of every commune the SQL condition on `c` keeps, from the raw rows,
    as docs/scorecards.md defines it."""
    communes = [r[0] for r in _rows(engine, f"SELECT c.id FROM communes c WHERE {where}")]
    recommendations = _rows(
        engine,
        "SELECT r.commune_id, r.current_status, r.target_date, r.current_status_date, m.date "
        "FROM recommendations r JOIN meetings m ON m.id = r.meeting_id "
        # Top-level ones only: a part is its parent's, which counts once.
        "WHERE r.parent_code IS NULL",
    )
    meetings = _rows(engine, "SELECT commune_id, date FROM meetings")
    reports = _rows(
        engine,
        "SELECT r.commune_id, f.submitted_at, f.decided_at FROM field_reports f "
        "JOIN recommendations r ON r.id = f.recommendation_id",
    )
    expected = {}
    for commune in communes:
        own = [r for r in recommendations if r[0] == commune]
        owed = [r for r in own if r[1] != "cancelled"]
        opened = [r for r in own if r[1] not in CLOSED_STATUSES]
        overdue = [r for r in opened if r[2] is not None and _day(r[2]) < TODAY]
        recent = [r for r in opened if _day(r[3]) >= TODAY - dt.timedelta(days=180)]
        days = [max((_day(r[3]) - _day(r[4])).days, 0) for r in own if r[1] == "completed"]
        answers = [
            (_moment(d).date() - _moment(s).date()).days
            for c, s, d in reports
            if c == commune and d is not None
        ]
        years = [_day(d).year for c, d in meetings if c == commune]

        def share(part, whole):
            return len(part) / len(whole) if whole else None

        expected[commune] = {
            "completion_rate": share([r for r in owed if r[1] == "completed"], owed),
            "partial_rate": share([r for r in owed if r[1] == "partially_completed"], owed),
            "overdue_share": share(overdue, owed),
            "days_to_completion": statistics.median(days) if days else None,
            "updated_share": share(recent, opened),
            "answer_days": statistics.median(answers) if answers else None,
            "meetings_per_year": (
                len(years) / max(TODAY.year - min(years) + 1, 1) if years else None
            ),
        }
    return expected


def page_figures(engine, scope: str, key: str = "") -> dict[int, dict[str, float | None]]:
    frame = queries.read_frame(engine, queries.scorecards.scorecard(scope, key, TODAY))
    return {
        int(row["commune_id"]): {
            name: (None if row[name] is None or row[name] != row[name] else float(row[name]))
            for name in FIGURE_NAMES
        }
        for _, row in frame.iterrows()
    }


FIGURE_NAMES = (
    "completion_rate",
    "partial_rate",
    "overdue_share",
    "days_to_completion",
    "updated_share",
    "answer_days",
    "meetings_per_year",
)


def assert_same(found: dict, expected: dict) -> None:
    assert sorted(found) == sorted(expected)
    for commune, figures in expected.items():
        for name, value in figures.items():
            shown = found[commune][name]
            if value is None:
                assert shown is None, (commune, name, shown)
            else:
                assert shown == pytest.approx(value), (commune, name, shown, value)


def _answered_report(engine, url: str, days: int, decision: str) -> None:
    """A field report of an association of Lakhnafif, sent `days` ago and answered now."""
    editor = add_user(url, f"editor-{days}", "editor", communes=(1,))
    sent = send_field_report(
        engine,
        url,
        f"assoc-{days}",
        status="stalled",
        progress="35",
        note="The works stopped at the douar's entrance.",
    )
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE field_reports SET submitted_at = :at WHERE id = :id"),
            {"at": dt.datetime.now(dt.UTC) - dt.timedelta(days=days), "id": sent.report_id},
        )
    who = identity(engine, editor)
    if decision == "approve":
        assert field_reports.approve(engine, who, sent.report_id).done
    else:
        assert field_reports.reject(engine, who, sent.report_id, "Seen otherwise").done


# --- the hand computations ------------------------------------------------------------------
def test_souss_massa_on_the_sample_is_the_hand_computation(sample_url, engine):
    _answered_report(engine, sample_url, 12, "reject")
    _answered_report(engine, sample_url, 3, "approve")
    expected = hand_computed(engine, "c.region_key = 'souss_massa'")
    assert len(expected) == 4  # the sample's four communes are all in Souss-Massa
    assert expected[1]["answer_days"] == 7.5  # 12 and 3 days: the middle of two
    assert_same(page_figures(engine, "region", "souss_massa"), expected)
    # One province of it: Taroudant holds Lakhnafif and Tizgui El Khir.
    taroudant = hand_computed(engine, "c.province_key = 'taroudant'")
    assert sorted(taroudant) == [1, 4]
    assert_same(page_figures(engine, "province", "taroudant"), taroudant)


def test_the_demo_country_and_its_souss_massa_are_the_hand_computation(engine):
    demo.load_direct(engine, 30, seed=1)
    country = hand_computed(engine)
    assert len(country) == 30
    assert_same(page_figures(engine, "country"), country)
    # Some of each figure is known, so the comparison compared numbers, not only blanks.
    for name in ("completion_rate", "overdue_share", "days_to_completion", "updated_share"):
        assert any(f[name] for f in country.values()), name
    souss_massa = hand_computed(engine, "c.region_key = 'souss_massa'")
    assert souss_massa, "the demo's 30 communes reach Souss-Massa"
    assert_same(page_figures(engine, "region", "souss_massa"), souss_massa)
    assert set(souss_massa) < set(country)


# --- kept up to date ----------------------------------------------------------------------
def _stored(engine, commune: int) -> dict:
    return dict(
        _rows(engine, "SELECT * FROM commune_scores WHERE commune_id = :c", c=commune)[0]._mapping
    )


def test_a_load_and_a_form_rewrite_the_summary_of_their_commune(sample_url, engine, load, tmp_path):
    before, elsewhere = _stored(engine, 2), _stored(engine, 1)
    open_code = _rows(
        engine,
        "SELECT code FROM recommendations WHERE commune_id = 2 AND current_status "
        "IN ('in_progress', 'planned', 'not_started', 'stalled') ORDER BY code LIMIT 2",
    )
    first, second = (r[0] for r in open_code)
    load_completion(load, engine, tmp_path, first)
    after_load = _stored(engine, 2)
    assert after_load["completed"] == before["completed"] + 1
    assert _stored(engine, 1) == elsewhere  # another commune's row is not even rewritten

    editor = identity(engine, add_user(sample_url, "tala-editor", "editor", communes=(2,)))
    saved = edit.save(
        engine,
        "status_updates",
        {"recommendation_id": second, "date": TODAY.isoformat(), "status": "partially_completed"},
        user=editor,
    )
    assert saved.saved, saved.problems
    after_form = _stored(engine, 2)
    assert after_form["partially_completed"] == before["partially_completed"] + 1
    assert after_form["completed"] == after_load["completed"]
    # And the page's figures follow, as a hand computation of the new rows says.
    assert_same(
        page_figures(engine, "province", "tiznit"),
        hand_computed(engine, "c.province_key = 'tiznit'"),
    )


def test_an_answered_field_report_rewrites_the_summary(sample_url, engine):
    assert _stored(engine, 1)["answer_days"] is None
    _answered_report(engine, sample_url, 5, "reject")
    stored = _stored(engine, 1)
    assert (stored["field_reports_answered"], stored["answer_days"]) == (1, 5)


def test_a_meeting_moved_to_another_commune_leaves_both_scorecards_right(
    sample_url, engine, load, tmp_path
):
    # The first meeting of Tizgui El Khir (4) said to be Lakhnafif's (1) after all.
    moved = tmp_path / "meetings.csv"
    moved.write_text(
        "meeting_id,commune,province,date\nTZK-2023-1,الخنافيف,Taroudant,2023-02-19\n",
        encoding="utf-8",
    )
    before = {c: _stored(engine, c) for c in (1, 4)}
    report = load(engine, moved)
    assert report.committed and not report.rejects, report.rejects
    after = {c: _stored(engine, c) for c in (1, 4)}
    assert after[4]["meetings"] == before[4]["meetings"] - 1
    assert after[1]["meetings"] == before[1]["meetings"] + 1
    assert after[4]["recommendations"] < before[4]["recommendations"]
    assert_same(
        page_figures(engine, "province", "taroudant"),
        hand_computed(engine, "c.province_key = 'taroudant'"),
    )
