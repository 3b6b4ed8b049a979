"""The synthetic national data set: deterministic, realistic in shape, loadable by the ETL,
and the same database whether loaded from its files or straight in."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import select

from conftest import SAMPLE_DIR
from etl.demo import (
    FILE_COLUMNS,
    NATIONAL_COMMUNES,
    REFERENCE_DATE,
    commune_profiles,
    demo_commune_names,
    demo_communes,
    generate_commune,
    load_direct,
    write_files,
)
from etl.load import run_load
from musharaka import queries
from musharaka import vocabulary as vocab
from musharaka.models import (
    Association,
    Commune,
    Meeting,
    Recommendation,
    StatusChange,
    StatusUpdate,
    meeting_associations,
    recommendation_proposers,
)
from musharaka.parts import rolled_progress
from musharaka.text import fold, has_arabic

TABLES = tuple(FILE_COLUMNS)
PARENT = FILE_COLUMNS["recommendations"].index("parent_id")


def _generated_counts(communes: int, seed: int = 1) -> dict[str, int]:
    counts = Counter()
    for commune in demo_communes(communes, seed):
        for table in TABLES:
            counts[table] += len(commune.rows(table))
    return dict(counts)


# --- Determinism ---------------------------------------------------------------------
def test_same_seed_gives_byte_identical_files(tmp_path):
    first = write_files(tmp_path / "a", 2, seed=7)
    second = write_files(tmp_path / "b", 2, seed=7)
    assert [p.name for p in first] == [p.name for p in second]
    assert len(first) == len(FILE_COLUMNS) * len({p.name.split("-")[0] for p in first})
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_another_seed_gives_other_files(tmp_path):
    first = write_files(tmp_path / "a", 2, seed=1)
    other = write_files(tmp_path / "b", 2, seed=2)
    assert b"".join(p.read_bytes() for p in first) != b"".join(p.read_bytes() for p in other)


def test_commune_k_is_the_same_whatever_n():
    assert list(demo_communes(3))[2] == list(demo_communes(5))[2] == generate_commune(1, 3)


def test_files_are_the_contracts_csv(tmp_path):
    calls = []
    paths = write_files(tmp_path, 2, progress=lambda *args: calls.append(args))
    assert calls == [("writing demo files", 1, 2), ("writing demo files", 2, 2)]
    for path in paths:
        table = path.stem.split("-")[1]
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0] == ",".join(FILE_COLUMNS[table])
        assert len(lines) > 1
    # An earlier, larger demo's files do not linger in the folder.
    write_files(tmp_path, 1)
    assert len(list(tmp_path.iterdir())) == len(FILE_COLUMNS)  # one file per table, douars included


# --- Shape ---------------------------------------------------------------------------
def test_counts_are_close_to_the_targets():
    communes = list(demo_communes(3))
    for commune in communes:
        assert 8 <= len(commune.meetings) <= 12
        assert 12 <= len(commune.associations) <= 16
        # 45 to 85 per meeting, besides the parts a few of them are carried out in.
        per_meeting = Counter(r[1] for r in commune.recommendations if r[PARENT] is None)
        assert all(45 <= n <= 85 for n in per_meeting.values())
        assert 400 <= len(commune.recommendations) <= 1000
        per_recommendation = Counter(u[0] for u in commune.status_updates)
        assert max(per_recommendation.values()) <= 9
    recommendations = sum(len(c.recommendations) for c in communes)
    updates = sum(len(c.status_updates) for c in communes)
    assert 4.0 <= updates / recommendations <= 6.0


def test_rows_follow_the_rules():
    ids = set()
    for commune in demo_communes(3):
        profile = commune.profile
        meeting_days = {}
        for m in commune.meetings:
            assert re.fullmatch(rf"{profile.code}-M\d\d", m[0])
            assert dt.date(2016, 1, 1) <= m[3] <= REFERENCE_DATE
            assert m[1] == profile.name and m[2] == profile.province.name_fr
            meeting_days[m[0]] = m[3]
        days = sorted(meeting_days.values())
        assert all((b - a).days >= 120 for a, b in pairwise(days))
        arabic = profile.lang == "ar"
        latest = {}
        for r in commune.recommendations:
            assert re.fullmatch(r"C\d{4}-M\d\d-R\d{3}", r[0]) and r[0] not in ids
            ids.add(r[0])
            assert r[2] in vocab.DOMAIN_KEYS and r[9] in (*vocab.PRIORITY_KEYS, None)
            assert has_arabic(r[3]) == arabic
            months = (r[11].year - meeting_days[r[1]].year) * 12 + (
                r[11].month - meeting_days[r[1]].month
            )
            assert 6 <= months <= 36
            latest[r[0]] = (meeting_days[r[1]], r[12], r[13])
        for code, day, status, progress, *_ in commune.status_updates:
            before_day, _, before_progress = latest[code]
            assert before_day < day <= REFERENCE_DATE
            assert status in vocab.STATUS_KEYS
            assert progress >= before_progress
            assert status != "completed" or progress == 100
            # Closed partly done: part of the work kept, as a council would close it.
            assert status != "partially_completed" or 40 <= progress <= 90
            latest[code] = (day, status, progress)


def test_final_statuses_and_budgets_look_real():
    finals = Counter()
    overdue = budgets_blank = total = 0
    for commune in demo_communes(6):
        current = {u[0]: u[2] for u in commune.status_updates}  # the last one wins
        for r in commune.recommendations:
            status = current.get(r[0], r[12])
            finals[status] += 1
            total += 1
            overdue += r[11] < REFERENCE_DATE and status not in vocab.CLOSED_STATUSES
            budgets_blank += r[10] is None
    share = {k: v / total for k, v in finals.items()}
    assert 0.28 <= share["completed"] <= 0.42
    assert 0.14 <= share["in_progress"] <= 0.26
    assert 0.08 <= share["stalled"] <= 0.17
    assert 0.10 <= share["planned"] <= 0.20
    assert 0.05 <= share["not_started"] <= 0.15
    assert 0.03 <= share["cancelled"] <= 0.10
    assert 0.02 <= share["partially_completed"] <= 0.07
    assert overdue / total > 0.3
    assert 0.15 <= budgets_blank / total <= 0.35


def test_national_names_are_unique():
    names = demo_commune_names(NATIONAL_COMMUNES)
    for language in (0, 1):
        folded = {fold(name[language]) for name in names}
        assert len(folded) == NATIONAL_COMMUNES
    assert sum(has_arabic(ar) and not has_arabic(fr) for fr, ar in names) == NATIONAL_COMMUNES
    with pytest.raises(ValueError, match="at most"):
        demo_commune_names(10**6)


def test_national_association_names_are_unique_and_provinces_all_used():
    associations, provinces = set(), set()
    for profile in commune_profiles(NATIONAL_COMMUNES):
        provinces.add(profile.province.key)
        for name, _, _ in profile.associations:
            key = fold(name)
            assert key not in associations, name
            associations.add(key)
    assert len(provinces) == 75


# --- Through the ETL and straight in -------------------------------------------------
def test_demo_files_load_with_zero_rejects(engine, tmp_path):
    # A folder of their own: the test's SQLite file beside them would be named as skipped.
    folder = tmp_path / "demo"
    folder.mkdir()
    write_files(folder, 2)
    report = run_load(engine, [folder])
    assert report.committed and report.balanced()
    assert report.rejects == [] and report.warnings == []
    for table, count in _generated_counts(2).items():
        assert report.tables[table]["read"] == report.tables[table]["inserted"] == count


def _snapshot(engine) -> dict[str, list]:
    """Every demo row by its natural keys (ids and timestamps aside), sorted."""
    with engine.connect() as conn:
        communes = dict(conn.execute(select(Commune.id, Commune.key)).all())
        association_keys = dict(conn.execute(select(Association.id, Association.key)).all())
        meeting_codes = dict(conn.execute(select(Meeting.id, Meeting.code)).all())
        recommendation_codes = dict(
            conn.execute(select(Recommendation.id, Recommendation.code)).all()
        )

        def rows(table, drop, **mapped):
            result = []
            for row in conn.execute(select(table)).mappings():
                values = {k: v for k, v in row.items() if k not in drop}
                for column, lookup in mapped.items():
                    values[column] = lookup.get(values[column])
                result.append(tuple(sorted(values.items(), key=lambda kv: kv[0])))
            return sorted(result, key=repr)

        return {
            "communes": rows(Commune.__table__, {"id"}),
            "associations": rows(Association.__table__, {"id"}, commune_id=communes),
            "meetings": rows(Meeting.__table__, {"id", "updated_at"}, commune_id=communes),
            "meeting_associations": rows(
                meeting_associations,
                set(),
                meeting_id=meeting_codes,
                association_id=association_keys,
            ),
            "recommendations": rows(
                Recommendation.__table__,
                {"id", "updated_at"},
                commune_id=communes,
                meeting_id=meeting_codes,
            ),
            "recommendation_proposers": rows(
                recommendation_proposers,
                set(),
                recommendation_id=recommendation_codes,
                association_id=association_keys,
            ),
            "status_updates": rows(
                StatusUpdate.__table__,
                {"id", "created_at"},
                recommendation_id=recommendation_codes,
            ),
            # The parents' progress rolled up from their parts: one line per change.
            "status_changes": rows(
                StatusChange.__table__,
                {"id", "changed_at"},
                recommendation_id=recommendation_codes,
                commune_id=communes,
            ),
        }


def test_load_direct_writes_what_a_load_of_the_files_writes(engine, sqlite_engine, tmp_path):
    counts = load_direct(engine, 2, chunk=1000)  # small chunks: parents are written first
    generated = _generated_counts(2)
    for table in TABLES:
        assert counts[table] == generated[table]
    assert counts["communes"] == 2

    write_files(tmp_path, 2)
    reference = run_load(sqlite_engine, [tmp_path])
    assert reference.committed and reference.rejects == []
    direct, loaded = _snapshot(engine), _snapshot(sqlite_engine)
    for table in direct:
        assert direct[table] == loaded[table], table
    with engine.connect() as conn:
        current = conn.execute(select(Recommendation.current_status)).scalars().all()
        reasons = conn.execute(select(Recommendation.current_stall_reason)).scalars().all()
        parts = conn.execute(select(Recommendation.weight)).scalars().all()
    assert len(set(current)) >= 4  # the comparison covered real histories
    assert len(set(reasons)) >= 4 and any(w is not None for w in parts)  # and the new data
    assert direct["status_changes"], "the parents' progress was rolled up"

    again = run_load(engine, [tmp_path])
    assert again.committed and again.rejects == []
    for table in TABLES:
        assert again.tables[table]["unchanged"] == again.tables[table]["read"] == generated[table]


def test_one_commune_closes_some_recommendations_as_partially_completed(engine):
    # A council closes some recommendations part done: the demo shows them from one
    # commune on, with the progress they kept, and the scorecard counts them.
    load_direct(engine, 1)
    with engine.connect() as conn:
        rows = conn.execute(
            select(Recommendation.current_status, Recommendation.current_progress)
        ).all()
    partial = [progress for status, progress in rows if status == "partially_completed"]
    closed = [s for s, _ in rows if s in vocab.CLOSED_STATUSES]
    assert 0.05 <= len(partial) / len(closed) <= 0.25
    assert all(40 <= progress <= 90 for progress in partial)
    assert len(set(partial)) >= 4  # kept progress varies
    card = queries.read_frame(engine, queries.scorecards.scorecard("country", "", REFERENCE_DATE))
    assert float(card["partial_rate"].iloc[0]) > 0


def test_load_direct_refuses_a_database_that_holds_data(engine):
    run_load(engine, [SAMPLE_DIR])
    with pytest.raises(ValueError, match="empty database"):
        load_direct(engine, 1)


def test_a_load_after_load_direct_inserts_new_rows(engine):
    load_direct(engine, 1)
    report = run_load(engine, [Path(SAMPLE_DIR)])
    assert report.committed and report.rejects == []
    assert report.tables["status_updates"]["inserted"] > 0


# --- Why things stall, the action programme, sub-recommendations ----------------------
def test_the_demo_gives_reasons_programme_lines_and_parts(engine):
    load_direct(engine, 3, seed=1)
    R = Recommendation
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                R.code,
                R.meeting_id,
                R.current_status,
                R.current_progress,
                R.current_stall_reason,
                R.target_date,
                R.budget_mad,
                R.parent_code,
                R.weight,
                R.pac_ref,
                R.budget_line,
                R.partner_institution,
            )
        ).all()
        update_reasons = conn.execute(
            select(StatusUpdate.status, StatusUpdate.stall_reason).where(
                StatusUpdate.stall_reason.is_not(None)
            )
        ).all()
    total = len(rows)
    # Why things stall: most of what stopped says why, in the short list's words; some of
    # what is open past its target date too; never what was completed.
    stopped = [r for r in rows if r.current_status in ("stalled", "cancelled")]
    with_reason = [r for r in stopped if r.current_stall_reason]
    assert 0.55 <= len(with_reason) / len(stopped) <= 0.85
    overdue = [
        r
        for r in rows
        if r.current_status in ("not_started", "planned", "in_progress")
        and r.target_date < REFERENCE_DATE
    ]
    assert 0.05 <= sum(1 for r in overdue if r.current_stall_reason) / len(overdue) <= 0.4
    given = Counter(r.current_stall_reason for r in rows if r.current_stall_reason)
    assert set(given) == set(vocab.STALL_REASON_KEYS), given
    assert not any(status in ("completed", "partially_completed") for status, _ in update_reasons)
    # The action programme: a share of the recommendations, each with its line's code; most
    # of them with a budget line, many with a partner institution of the list.
    in_pac = [r for r in rows if r.pac_ref]
    assert 0.3 <= len(in_pac) / total <= 0.55
    assert all(re.fullmatch(r"PAC-(2017|2022)-\d\d", r.pac_ref) for r in in_pac)
    assert 0.7 <= sum(1 for r in in_pac if r.budget_line) / len(in_pac) <= 0.9
    partners = Counter(r.partner_institution for r in in_pac if r.partner_institution)
    assert set(partners) <= set(vocab.INSTITUTION_KEYS) and len(partners) >= 5
    assert not [r for r in rows if not r.pac_ref and (r.budget_line or r.partner_institution)]
    # Sub-recommendations: a few parents, each in 2 to 4 weighted parts of its own meeting
    # with no budget of their own, its progress rolled up from theirs.
    by_code = {r.code: r for r in rows}
    children: dict[str, list] = {}
    for r in rows:
        if r.parent_code:
            children.setdefault(r.parent_code, []).append(r)
    assert 5 <= len(children) <= 0.03 * total
    for code, parts in children.items():
        parent = by_code[code]
        assert parent.parent_code is None and parent.budget_mad is not None
        assert 2 <= len(parts) <= 4
        assert all(p.meeting_id == parent.meeting_id and p.budget_mad is None for p in parts)
        assert all(p.weight and p.weight >= 1 for p in parts)
        assert all(p.pac_ref == parent.pac_ref for p in parts)
        rolled = rolled_progress([(p.current_status, p.current_progress, p.weight) for p in parts])
        if rolled is not None:
            assert parent.current_progress == pytest.approx(rolled)
    assert len({len(parts) for parts in children.values()}) >= 2
