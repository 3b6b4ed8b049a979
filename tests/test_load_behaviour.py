"""What a load does to the database, on SQLite and on PostgreSQL: re-runs change nothing,
edits update exactly the rows edited, repeats merge, conflicts and dangling references are
rejected, the current status follows the contract's rule, exports round-trip, and the
command line's flags, exit codes and report keep their promises (docs/command-line.md).
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import json
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from conftest import SAMPLE_DIR, run_etl
from etl.export import export
from etl.load import LoadError
from etl.report import OUTCOMES
from musharaka.models import (
    Commune,
    LoadReject,
    LoadRun,
    Meeting,
    Recommendation,
    StatusUpdate,
)

MEETINGS_HEADER = ["meeting_id", "commune", "province", "date", "title"]
RECOMMENDATIONS_HEADER = [
    "recommendation_id",
    "meeting_id",
    "domain",
    "title",
    "status",
    "progress",
]
UPDATES_HEADER = ["recommendation_id", "date", "status", "progress", "note"]

BASE_MEETINGS = [
    ["M1", "Khnafif", "Taroudant", "2020-02-16", "Deuxième rencontre communicative"],
    ["M2", "Tighirt", "Chtouka-Aït Baha", "01/03/2021", "Rencontre de Tighirt"],
]
BASE_RECOMMENDATIONS = [
    ["R1", "M1", "roads_transport", "Aménager la piste du douar Aït Ali", "in_progress", "30"],
    ["R2", "M1", "water_sanitation", "Eau potable pour les écoles", "planned", ""],
    ["R3", "M2", "health", "Équiper le dispensaire", "not_started", ""],
]
BASE_UPDATES = [
    ["R1", "2020-06-01", "in_progress", "50", "Travaux lancés"],
    ["R1", "2021-01-10", "completed", "100", "Piste ouverte"],
    ["R2", "2020-09-01", "in_progress", "20", "Appel d'offres"],
]


def tally(read: int, **outcomes: int) -> dict[str, int]:
    """A row of the report's counts: rows read and how many ended in each outcome."""
    return {"read": read, **{o: outcomes.get(o, 0) for o in OUTCOMES}}


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


def base_files(folder: Path, recommendations=BASE_RECOMMENDATIONS) -> list[Path]:
    return [
        write_csv(folder / "meetings.csv", MEETINGS_HEADER, BASE_MEETINGS),
        write_csv(folder / "recommendations.csv", RECOMMENDATIONS_HEADER, recommendations),
        write_csv(folder / "status_updates.csv", UPDATES_HEADER, BASE_UPDATES),
    ]


def export_json(engine, path: Path) -> bytes:
    # Dated alike, so that two exports of the same data are the same bytes.
    export(engine, "json", path, generated_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    return path.read_bytes()


def counts(report) -> dict[str, dict[str, int]]:
    return {t: dict(c) for t, c in report.as_dict()["tables"].items()}


def rejects(report) -> list[tuple]:
    return [
        (r["file"], r["row"], r["table"], r["column"], r["reason"], r["value"])
        for r in report.as_dict()["rejects"]
    ]


def row_count(engine, model) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def current_states(engine) -> dict[str, tuple]:
    with Session(engine) as session:
        return {
            r.code: (r.current_status, r.current_progress, r.current_status_date.isoformat())
            for r in session.scalars(select(Recommendation))
        }


# --- Re-runs and edits ---------------------------------------------------------------
def test_loading_the_same_files_twice_changes_nothing(engine, load, tmp_path):
    files = base_files(tmp_path / "in")
    first = load(engine, *files)
    assert counts(first) == {
        "meetings": tally(2, inserted=2),
        "recommendations": tally(3, inserted=3),
        "status_updates": tally(3, inserted=3),
    }
    before = export_json(engine, tmp_path / "before.json")

    second = load(engine, *files)
    assert second.committed
    assert counts(second) == {
        "meetings": tally(2, unchanged=2),
        "recommendations": tally(3, unchanged=3),
        "status_updates": tally(3, unchanged=3),
    }
    assert export_json(engine, tmp_path / "after.json") == before
    assert row_count(engine, StatusUpdate) == 3


def test_a_load_gives_the_cycle_collector_back_as_it_found_it(engine, load, tmp_path):
    # A load pauses Python's cycle collector (millions of rows, no cycles); a server's
    # other sessions need it back after, and a caller who had paused it keeps it paused.
    files = base_files(tmp_path / "in")
    assert gc.isenabled()
    assert load(engine, *files).committed
    assert gc.isenabled()
    gc.disable()
    try:
        assert load(engine, *files).committed
        assert not gc.isenabled()
    finally:
        gc.enable()
    (tmp_path / "in" / "meetings.csv").write_bytes(b"\x00not a table")
    with pytest.raises(LoadError, match=r"meetings\.csv"):
        load(engine, *files)
    assert gc.isenabled()  # given back after a load that failed too


def test_loading_the_sample_twice_changes_nothing(engine, load, tmp_path):
    assert SAMPLE_DIR.is_dir(), "the bundled sample data/sample/ is missing"
    first = load(engine, SAMPLE_DIR)
    assert first.rows_rejected == 0
    before = export_json(engine, tmp_path / "before.json")
    second = load(engine, SAMPLE_DIR)
    for table, tallied in counts(second).items():
        assert tallied == tally(tallied["read"], unchanged=tallied["read"]), table
    assert second.rows_read == first.rows_read
    assert export_json(engine, tmp_path / "after.json") == before


def test_reloading_every_kind_of_column_changes_nothing(engine, load, tmp_path):
    """Lists, unknown domains, amounts, fractions, equal dates: all read back as unchanged."""
    folder = rich_folder(tmp_path / "in")
    load(engine, folder)
    before = export_json(engine, tmp_path / "before.json")
    again = load(engine, folder)
    for table, tallied in counts(again).items():
        assert tallied == tally(tallied["read"], unchanged=tallied["read"]), table
    assert export_json(engine, tmp_path / "after.json") == before


def test_editing_one_title_updates_exactly_that_row(engine, load, tmp_path):
    load(engine, *base_files(tmp_path / "in"))
    before = json.loads(export_json(engine, tmp_path / "before.json"))

    edited = [list(r) for r in BASE_RECOMMENDATIONS]
    edited[1][3] = "Eau potable pour les écoles et le dispensaire"
    files = base_files(tmp_path / "in", edited)
    report = load(engine, *files)
    assert counts(report) == {
        "meetings": tally(2, unchanged=2),
        "recommendations": tally(3, updated=1, unchanged=2),
        "status_updates": tally(3, unchanged=3),
    }
    after = json.loads(export_json(engine, tmp_path / "after.json"))
    expected = before
    expected["recommendations"][1]["title"] = "Eau potable pour les écoles et le dispensaire"
    assert after == expected  # nothing else moved: no second row, same history, same state
    assert row_count(engine, Recommendation) == 3

    # Updated once: loading the edited file again finds it as it is.
    again = load(engine, *files)
    assert counts(again)["recommendations"] == tally(3, unchanged=3)


def test_correcting_a_meetings_commune_moves_its_recommendations(engine, load, tmp_path):
    load(engine, *base_files(tmp_path / "in"))
    corrected = [list(r) for r in BASE_MEETINGS]
    corrected[0][1] = "Sidi Bibi"
    moved = write_csv(tmp_path / "fix" / "meetings.csv", MEETINGS_HEADER, corrected)
    report = load(engine, moved)
    assert counts(report)["meetings"] == tally(2, updated=1, unchanged=1)
    with Session(engine) as session:
        # Pages filter recommendations by their own commune: it must follow the meeting's.
        communes = {
            r.code: (r.meeting.commune.name, session.get(Commune, r.commune_id).name)
            for r in session.scalars(select(Recommendation))
        }
    assert communes == {
        "R1": ("Sidi Bibi", "Sidi Bibi"),
        "R2": ("Sidi Bibi", "Sidi Bibi"),
        "R3": ("Tighirt", "Tighirt"),
    }


def test_new_evidence_for_a_known_update_updates_it(engine, load, tmp_path):
    header = [*UPDATES_HEADER, "evidence_url"]
    rows = [[*r, ""] for r in BASE_UPDATES]
    files = [
        *base_files(tmp_path / "in")[:2],
        write_csv(tmp_path / "s" / "suivi.csv", header, rows),
    ]
    load(engine, *files)
    rows[1][5] = "https://example.org/pv-reception.pdf"
    write_csv(tmp_path / "s" / "suivi.csv", header, rows)
    report = load(engine, *files)
    # The same update (same recommendation, date, status, progress and note), now with its
    # evidence: updated in place, not a second entry in the history.
    assert counts(report)["status_updates"] == tally(3, updated=1, unchanged=2)
    assert row_count(engine, StatusUpdate) == 3
    with Session(engine) as session:
        evidence = session.scalars(select(StatusUpdate.evidence_url)).all()
    assert sorted(e or "" for e in evidence) == ["", "", "https://example.org/pv-reception.pdf"]


def test_exact_repeats_are_merged(engine, load, tmp_path):
    files = base_files(tmp_path / "in")
    # Another secretary's copy: the same meeting and update, dates written their way.
    copy = [
        write_csv(
            tmp_path / "in" / "meetings copy.csv",
            MEETINGS_HEADER,
            [["M1", "Khnafif", "Taroudant", "16/02/2020", "Deuxième rencontre communicative"]],
        ),
        write_csv(
            tmp_path / "in" / "status copy.csv",
            UPDATES_HEADER,
            [
                ["R2", "01/09/2020", "en cours", "20 %", "Appel d'offres"],
                ["R2", "01/09/2020", "en cours", "20 %", "Appel d'offres"],
            ],
        ),
    ]
    report = load(engine, *files, *copy)
    assert counts(report) == {
        "meetings": tally(3, inserted=2, merged=1),
        "recommendations": tally(3, inserted=3),
        "status_updates": tally(5, inserted=3, merged=2),
    }
    assert report.rejects == []
    assert row_count(engine, Meeting) == 2
    assert row_count(engine, StatusUpdate) == 3


def test_a_repeated_id_with_other_content_is_rejected_and_the_first_wins(engine, load, tmp_path):
    recommendations = [
        *BASE_RECOMMENDATIONS,
        ["R1", "M1", "roads_transport", "Goudronner la piste", "in_progress", "30"],
    ]
    files = base_files(tmp_path / "in", recommendations)
    other_meetings = write_csv(
        tmp_path / "in" / "reunions.csv",
        MEETINGS_HEADER,
        [["M2", "Sidi Bibi", "Chtouka-Aït Baha", "01/03/2021", "Rencontre de Tighirt"]],
    )
    report = load(engine, *files, other_meetings)
    assert counts(report)["recommendations"] == tally(4, inserted=3, rejected=1)
    assert counts(report)["meetings"] == tally(3, inserted=2, rejected=1)
    assert rejects(report) == [
        (
            "recommendations.csv",
            5,
            "recommendations",
            "recommendation_id",
            "duplicate_conflict",
            "R1",
        ),
        ("reunions.csv", 2, "meetings", "meeting_id", "duplicate_conflict", "M2"),
    ]
    messages = [r["message"] for r in report.as_dict()["rejects"]]
    assert "recommendations.csv row 2" in messages[0]  # it says where the first one is
    assert "meetings.csv row 3" in messages[1]
    data = json.loads(export_json(engine, tmp_path / "out.json"))
    titles = {r["recommendation_id"]: r["title"] for r in data["recommendations"]}
    assert titles["R1"] == "Aménager la piste du douar Aït Ali"
    communes = {m["meeting_id"]: m["commune"] for m in data["meetings"]}
    assert communes["M2"] == "Tighirt"


def test_rows_naming_what_does_not_exist_are_rejected(engine, load, tmp_path):
    load(engine, *base_files(tmp_path / "first"))  # M1, M2, R1..R3 are in the database
    folder = tmp_path / "second"
    recommendations = write_csv(
        folder / "recommendations.csv",
        RECOMMENDATIONS_HEADER,
        [
            ["R4", "M9", "education", "Construire une école", "planned", ""],
            ["R5", "M2", "education", "", "planned", ""],  # no title: rejected
            ["R6", "M1", "education", "Transport scolaire", "planned", ""],  # M1 in database
        ],
    )
    updates = write_csv(
        folder / "status_updates.csv",
        UPDATES_HEADER,
        [
            ["R5", "2021-05-01", "in_progress", "10", "names a rejected row"],
            ["R7", "2021-05-01", "in_progress", "10", "names nothing"],
            ["R3", "2021-05-01", "in_progress", "10", "R3 is in the database"],
            ["R6", "2021-05-01", "in_progress", "15", "R6 is in this load"],
            ["R4", "2021-05-01", "in_progress", "15", "R4 named a missing meeting"],
        ],
    )
    report = load(engine, recommendations, updates)
    assert counts(report) == {
        "meetings": tally(0),
        "recommendations": tally(3, inserted=1, rejected=2),
        "status_updates": tally(5, inserted=2, rejected=3),
    }
    assert rejects(report) == [
        ("recommendations.csv", 2, "recommendations", "meeting_id", "unknown_reference", "M9"),
        ("recommendations.csv", 3, "recommendations", "title", "missing_required", ""),
        ("status_updates.csv", 2, "status_updates", "recommendation_id", "unknown_reference", "R5"),
        ("status_updates.csv", 3, "status_updates", "recommendation_id", "unknown_reference", "R7"),
        ("status_updates.csv", 6, "status_updates", "recommendation_id", "unknown_reference", "R4"),
    ]
    messages = {r["value"]: r["message"] for r in report.as_dict()["rejects"]}
    assert "rejected" in messages["R5"]  # the user learns why R5 is unknown
    assert "rejected" in messages["R4"]
    assert "rejected" not in messages["R7"]
    assert set(current_states(engine)) == {"R1", "R2", "R3", "R6"}
    assert current_states(engine)["R3"] == ("in_progress", 10, "2021-05-01")


# --- The current status --------------------------------------------------------------
def test_current_status_is_the_latest_update_by_date(engine, load, tmp_path):
    folder = tmp_path / "in"
    meetings = write_csv(
        folder / "meetings.csv",
        MEETINGS_HEADER,
        [
            ["M1", "Khnafif", "Taroudant", "2020-02-16", "Deuxième rencontre"],
            ["M2", "Khnafif", "Taroudant", "2020-02-16", "Atelier"],
        ],
    )
    recommendations = write_csv(
        folder / "recommendations.csv",
        RECOMMENDATIONS_HEADER,
        [
            ["A", "M1", "roads_transport", "Piste", "in_progress", "30"],
            ["B", "M1", "water_sanitation", "Eau", "planned", ""],
            ["C", "M2", "health", "Dispensaire", "completed", ""],
            ["D", "M1", "education", "École", "in_progress", "40"],
            ["E", "M1", "agriculture", "Coopérative", "not_started", ""],
        ],
    )
    updates = write_csv(
        folder / "status_updates.csv",
        UPDATES_HEADER,
        [
            ["A", "2020-06-01", "in_progress", "50", ""],
            ["A", "2021-01-10", "completed", "100", ""],
            ["A", "2020-03-01", "stalled", "50", "read last but older"],
            ["B", "2020-09-01", "in_progress", "20", "same day, read first"],
            ["B", "2020-09-01", "stalled", "20", "same day, read last"],
            ["C", "2019-12-01", "in_progress", "10", "before the meeting"],
            ["D", "2020-02-16", "stalled", "40", "on the meeting's day"],
        ],
    )
    report = load(engine, meetings, recommendations, updates)
    # An update dated before its recommendation's meeting cannot be right.
    assert rejects(report) == [
        ("status_updates.csv", 7, "status_updates", "date", "out_of_range", "2019-12-01")
    ]
    assert current_states(engine) == {
        "A": ("completed", 100, "2021-01-10"),
        "B": ("stalled", 20, "2020-09-01"),
        # The initial status counts as of the meeting's date: later than the update.
        "C": ("completed", 100, "2020-02-16"),
        # On the meeting's own day the update is read after the initial status.
        "D": ("stalled", 40, "2020-02-16"),
        "E": ("not_started", 0, "2020-02-16"),
    }

    # A later load: an update of B on the same day is read last; an old one of A is not.
    later = write_csv(
        tmp_path / "later" / "suivi.csv",
        UPDATES_HEADER,
        [
            ["B", "2020-09-01", "completed", "100", "same day, a later load"],
            ["A", "2020-01-01", "planned", "0", "older than everything"],
        ],
    )
    load(engine, later)
    states = current_states(engine)
    assert states["B"] == ("completed", 100, "2020-09-01")
    assert states["A"] == ("completed", 100, "2021-01-10")

    # The meeting of C is found to have been held earlier: its initial status moves with
    # it, and the update of 2019-12-01, refused before, is now after the meeting.
    moved = write_csv(
        tmp_path / "moved" / "meetings.csv",
        MEETINGS_HEADER,
        [["M2", "Khnafif", "Taroudant", "2019-11-01", "Atelier"]],
    )
    report = load(engine, moved)
    assert counts(report)["meetings"] == tally(1, updated=1)
    assert current_states(engine)["C"] == ("completed", 100, "2019-11-01")
    # Its update of 2019-12-01 now comes after the meeting, and is the latest state.
    load(engine, updates)
    assert current_states(engine)["C"] == ("in_progress", 10, "2019-12-01")


def test_a_repeat_read_last_does_not_become_the_current_status(engine, load, tmp_path):
    # A first load decides its updates as it checks them, and decides again when some
    # repeat: the repeat of an older state, read last, is merged and must not count as
    # the latest update of its day.
    files = base_files(tmp_path / "in")
    updates = write_csv(
        tmp_path / "in" / "status_updates.csv",
        UPDATES_HEADER,
        [
            ["R2", "2020-09-01", "in_progress", "20", "Appel d'offres"],
            ["R2", "2020-09-01", "stalled", "20", "Recours"],
            ["R1", "2020-06-01", "in_progress", "50", "Travaux lancés"],
            ["R2", "2020-09-01", "in_progress", "20", "Appel d'offres"],
        ],
    )
    report = load(engine, files[0], files[1], updates)
    assert counts(report)["status_updates"] == tally(4, inserted=3, merged=1)
    states = current_states(engine)
    assert states["R2"] == ("stalled", 20, "2020-09-01")
    assert states["R1"] == ("in_progress", 50, "2020-06-01")


# --- Round trips ---------------------------------------------------------------------
# fmt: off
def rich_folder(folder: Path) -> Path:
    """Every column the contract knows, with lists, unknown domains, formulas and markup."""
    write_csv(
        folder / "associations.csv",
        ["name", "commune", "domain", "location", "phone", "email"],
        [["Association Al Amal", "Khnafif", "education", "Douar Aït Ali", "0600000000", ""]],
    )
    write_csv(
        folder / "meetings.csv",
        [*MEETINGS_HEADER, "kind", "edition", "location", "chair", "facilitator",
         "participants", "associations", "summary", "source_url"],
        [
            ["M1", "الخنافيف", "تارودانت", "2019-09-29", "اللقاء التواصلي الأول", "لقاء تواصلي",
             "1", "مقر الجماعة", "رئيس الجماعة", "سمير", "120", "جمعية الأمل؛ جمعية النور",
             'Ligne 1\nLigne 2 "citée" <b>gras</b>', "https://example.org/1"],
            ["M2", "Tighirt", "Chtouka-Aït Baha", "2021-03-01", "=Rencontre", "", "", "", "",
             "", "", "Association Al Amal", "", ""],
        ],
    )
    write_csv(
        folder / "recommendations.csv",
        [*RECOMMENDATIONS_HEADER, "description", "proposed_by", "responsible", "partners",
         "location", "priority", "budget_mad", "target_date"],
        [
            ["R1", "M1", "الطرق والنقل", "تهيئة المسلك", "في طور الإنجاز", "30", "وصف",
             "جمعية الأمل", "الجماعة", "الإقليم؛ الجهة", "دوار أيت علي", "عالية",
             "1 200 000,50", "31/12/2021"],
            ["R2", "M1", "Tourisme rural", "Gîte d'étape", "planned", "", "", "", "", "", "",
             "moyenne", "", ""],
            ["R3", "M2", "health", "+212 ambulance", "completed", "", "", "Association Al Amal",
             "", "", "", "peu importe", "0", ""],
            ["R4", "M2", "education", "-Cantine scolaire", "not_started", "", "", "", "", "", "",
             "", "", ""],
        ],
    )
    write_csv(
        folder / "status_updates.csv",
        [*UPDATES_HEADER, "evidence_url", "reported_by"],
        [
            ["R1", "2020-06-01", "in_progress", "50", "@mention", "https://example.org/e1",
             "الكاتب العام"],
            ["R1", "2020-06-01", "stalled", "50", "le même jour", "", ""],
            ["R1", "2019-09-29", "planned", "0", "le jour de la réunion", "", ""],
            ["R2", "2021-02-01", "cancelled", "", "", "", ""],
            ["R4", "2021-04-01", "in_progress", "0.5", "une fraction", "", ""],
        ],
    )
    return folder
# fmt: on


def assert_round_trip(engine, empty_engine, load, tmp_path: Path) -> bytes:
    first = export_json(engine, tmp_path / "first.json")
    report = load(empty_engine, tmp_path / "first.json")
    assert report.committed
    assert report.rows_rejected == 0
    second = export_json(empty_engine, tmp_path / "second.json")
    assert second == first
    return first


def test_json_export_round_trips_byte_for_byte(engine, empty_engine, load, tmp_path):
    report = load(engine, rich_folder(tmp_path / "in"))
    assert report.rows_rejected == 0
    first = json.loads(assert_round_trip(engine, empty_engine, load, tmp_path))
    recommendations = {r["recommendation_id"]: r for r in first["recommendations"]}
    assert recommendations["R2"]["domain"] == "other"
    assert recommendations["R2"]["domain_text"] == "Tourisme rural"
    assert recommendations["R1"]["budget_mad"] == 1200000.5
    assert recommendations["R1"]["status"] == "stalled"  # same day, read last
    assert recommendations["R1"]["partners"] == ["الإقليم", "الجهة"]
    meetings = {m["meeting_id"]: m for m in first["meetings"]}
    assert meetings["M1"]["summary"] == 'Ligne 1\nLigne 2 "citée" <b>gras</b>'
    assert meetings["M1"]["associations"] == ["جمعية الأمل", "جمعية النور"]
    # A round trip of the round trip changes nothing either.
    again = load(empty_engine, tmp_path / "second.json")
    assert all(c["read"] == c["unchanged"] for c in counts(again).values())


def test_the_bundled_sample_round_trips(engine, empty_engine, load, tmp_path):
    assert SAMPLE_DIR.is_dir(), "the bundled sample data/sample/ is missing"
    report = load(engine, SAMPLE_DIR)
    assert report.rows_rejected == 0
    first = json.loads(assert_round_trip(engine, empty_engine, load, tmp_path))
    assert len(first["meetings"]) == counts(report)["meetings"]["inserted"]
    assert len(first["status_updates"]) == counts(report)["status_updates"]["inserted"]


# --- Formulas in exports -------------------------------------------------------------
FORMULAS = ['=HYPERLINK("http://evil.example","clic")', "+212 600 000 000", "-1+2", "@SUM(A1)"]


def test_exports_neutralise_formulas_in_csv_and_xlsx_but_not_json(engine, load, tmp_path):
    folder = tmp_path / "in"
    write_csv(
        folder / "meetings.csv", MEETINGS_HEADER, [["M1", "Khnafif", "", "2020-02-16", "=1+1"]]
    )
    write_csv(
        folder / "recommendations.csv",
        RECOMMENDATIONS_HEADER,
        [[f"R{i}", "M1", "health", title, "planned", ""] for i, title in enumerate(FORMULAS)],
    )
    write_csv(
        folder / "status_updates.csv",
        UPDATES_HEADER,
        [["R0", "2020-03-01", "in_progress", "10", "=cmd|' /C calc'!A0"]],
    )
    assert load(engine, folder).rows_rejected == 0
    with Session(engine) as session:  # stored as given
        assert sorted(session.scalars(select(Recommendation.title))) == sorted(FORMULAS)

    data = json.loads(export_json(engine, tmp_path / "out.json"))
    assert [r["title"] for r in data["recommendations"]] == FORMULAS
    assert data["meetings"][0]["title"] == "=1+1"
    assert data["status_updates"][0]["note"] == "=cmd|' /C calc'!A0"

    export(engine, "csv", tmp_path / "csv")
    with (tmp_path / "csv" / "recommendations.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["title"] for r in rows] == ["'" + t for t in FORMULAS]
    for path in (tmp_path / "csv").glob("*.csv"):
        with path.open(encoding="utf-8-sig") as handle:
            for row in csv.reader(handle):
                assert not [c for c in row if c.startswith(("=", "+", "-", "@"))], path.name

    export(engine, "xlsx", tmp_path / "out.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "out.xlsx")
    sheet = workbook["recommendations"]
    header = [c.value for c in sheet[1]]
    titles = [row[header.index("title")] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in titles] == ["'" + t for t in FORMULAS]
    assert {c.data_type for c in titles} == {"s"}  # text, never a formula
    for name in workbook.sheetnames:
        for row in workbook[name].iter_rows():
            for cell in row:
                assert cell.data_type != "f", (name, cell.coordinate)
    assert workbook["meetings"]["E2"].value == "'=1+1"


# --- The command line ----------------------------------------------------------------
def test_dry_run_reports_and_commits_nothing(db_url, engine, tmp_path):
    files = base_files(tmp_path / "in")
    report_path = tmp_path / "report.json"
    result = run_etl(["load", *map(str, files), "--dry-run", "--report", str(report_path)], db_url)
    assert result.returncode == 0, result.stderr
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["committed"] is False
    assert report["tables"]["recommendations"] == tally(3, inserted=3)
    assert "dry run" in result.stdout
    for model in (Meeting, Recommendation, StatusUpdate, LoadRun):
        assert row_count(engine, model) == 0, model.__name__


def test_strict_with_a_rejected_row_commits_nothing(db_url, engine, tmp_path):
    rows = [*BASE_RECOMMENDATIONS, ["R4", "M1", "health", "Ambulance", "peut-être", ""]]
    files = base_files(tmp_path / "in", rows)
    report_path = tmp_path / "report.json"
    result = run_etl(["load", *map(str, files), "--strict", "--report", str(report_path)], db_url)
    assert result.returncode == 3, result.stderr
    assert "--strict" in result.stderr
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["committed"] is False
    assert [(r["row"], r["reason"]) for r in report["rejects"]] == [(5, "unknown_value")]
    for model in (Meeting, Recommendation, StatusUpdate, LoadRun):
        assert row_count(engine, model) == 0, model.__name__

    # A strict dry run answers the same question: it would not pass.
    result = run_etl(["load", *map(str, files), "--strict", "--dry-run"], db_url)
    assert result.returncode == 3, result.stderr
    assert row_count(engine, Recommendation) == 0

    # Without the bad row, --strict commits.
    files = base_files(tmp_path / "in")
    result = run_etl(["load", *map(str, files), "--strict"], db_url)
    assert result.returncode == 0, result.stderr
    assert row_count(engine, Recommendation) == 3


def test_exit_codes(db_url, engine, tmp_path):
    files = base_files(tmp_path / "in")
    assert run_etl(["load", *map(str, files)], db_url).returncode == 0

    binary = tmp_path / "broken.csv"
    binary.write_bytes(bytes(range(256)) * 4)
    result = run_etl(["load", str(binary)], db_url)
    assert result.returncode == 1
    assert "broken.csv" in result.stderr
    result = run_etl(["load", str(tmp_path / "nowhere.csv")], db_url)
    assert result.returncode == 1
    assert "nowhere.csv" in result.stderr

    for usage in (["load"], ["load", str(files[0]), "--frobnicate"], ["unload"], []):
        result = run_etl(usage, db_url)
        assert result.returncode == 2, usage
        assert "usage" in result.stderr.lower()

    bad = [*BASE_RECOMMENDATIONS, ["R9", "M1", "health", "", "planned", ""]]
    strict_files = base_files(tmp_path / "strict", bad)
    assert run_etl(["load", *map(str, strict_files), "--strict"], db_url).returncode == 3
    # A rejected row without --strict is reported, not fatal.
    result = run_etl(["load", *map(str, strict_files)], db_url)
    assert result.returncode == 0
    assert "rejected" in result.stdout


def test_an_unreachable_database_exits_1(tmp_path):
    files = base_files(tmp_path / "in")
    unreachable = "postgresql+psycopg://postgres@127.0.0.1:9/musharaka"
    result = run_etl(["load", *map(str, files)], unreachable)
    assert result.returncode == 1
    assert "database" in result.stderr


def test_the_report_file_has_the_documented_shape(db_url, engine, tmp_path):
    folder = tmp_path / "deep" / "folder"
    base_files(folder)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Recommandations"
    sheet.append([*RECOMMENDATIONS_HEADER, "priority"])
    sheet.append(["R4", "M1", "Tourisme", "Gîte", "planned", None, "peu importe"])  # 2 warnings
    sheet.append(["R5", "M1", "health", "Ambulance", "planned", 140, None])  # out of range
    workbook.save(folder / "extra.xlsx")
    report_path = tmp_path / "reports" / "load.json"
    result = run_etl(["load", str(folder), "--report", str(report_path)], db_url)
    assert result.returncode == 0, result.stderr
    report = json.loads(report_path.read_text(encoding="utf-8"))

    assert {"committed", "tables", "files", "rejects", "warnings"} <= set(report)
    assert report["committed"] is True
    assert set(report["tables"]) == {"meetings", "recommendations", "status_updates"}
    assert report["tables"]["recommendations"] == tally(5, inserted=4, rejected=1)
    assert [(f["file"], f["sheet"], f["table"]) for f in report["files"]] == [
        ("extra.xlsx", "Recommandations", "recommendations"),
        ("meetings.csv", "", "meetings"),
        ("recommendations.csv", "", "recommendations"),
        ("status_updates.csv", "", "status_updates"),
    ]
    assert report["files"][0] == {
        "file": "extra.xlsx",
        "sheet": "Recommandations",
        "table": "recommendations",
        **tally(2, inserted=1, rejected=1),
    }
    assert report["rejects"] == [
        {
            "file": "extra.xlsx",  # the file's own name, without its folders
            "sheet": "Recommandations",
            "row": 3,
            "table": "recommendations",
            "column": "progress",
            "reason": "out_of_range",
            "value": "140",
            "message": report["rejects"][0]["message"],
        }
    ]
    assert "140" in report["rejects"][0]["message"]
    warnings = [
        (w["file"], w["sheet"], w["row"], w["table"], w["column"]) for w in report["warnings"]
    ]
    assert warnings == [
        ("extra.xlsx", "Recommandations", 2, "recommendations", "domain"),
        ("extra.xlsx", "Recommandations", 2, "recommendations", "priority"),
    ]
    assert all(
        set(w) >= {"file", "sheet", "row", "table", "column", "message"} for w in report["warnings"]
    )

    # Every row read ends in exactly one outcome, per table and per file, and the files
    # add up to their tables.
    for counts_ in [*report["tables"].values(), *report["files"]]:
        assert counts_["read"] == sum(counts_[o] for o in OUTCOMES)
    for table, tallied in report["tables"].items():
        per_file = [f for f in report["files"] if f["table"] == table]
        for key in ("read", *OUTCOMES):
            assert tallied[key] == sum(f[key] for f in per_file), (table, key)


def test_each_committed_load_is_recorded_with_its_rejects(db_url, engine, load, tmp_path):
    rows = [*BASE_RECOMMENDATIONS, ["R4", "M7", "health", "Ambulance", "planned", ""]]
    files = base_files(tmp_path / "in", rows)
    result = run_etl(["load", *map(str, files), "--dry-run"], db_url)
    assert result.returncode == 0
    assert row_count(engine, LoadRun) == 0  # a dry run is not a load

    result = run_etl(["load", *map(str, files)], db_url)
    assert result.returncode == 0, result.stderr
    report = load(engine, *files)  # the second run: all unchanged, the same reject

    with Session(engine) as session:
        runs = session.scalars(select(LoadRun).order_by(LoadRun.id)).all()
        assert len(runs) == 2
        first, second = runs
        assert first.source == "cli"
        assert first.files == "meetings.csv; recommendations.csv; status_updates.csv"
        assert (first.rows_read, first.rows_rejected) == (9, 1)
        assert first.started_at <= first.finished_at
        recorded = json.loads(first.report_json)
        assert recorded["committed"] is True
        assert recorded["tables"]["recommendations"] == tally(4, inserted=3, rejected=1)
        assert json.loads(second.report_json)["tables"]["recommendations"] == tally(
            4, unchanged=3, rejected=1
        )
        for run in runs:
            stored = [
                (r.file, r.sheet, r.row, r.table_name, r.column_name, r.reason, r.value)
                for r in session.scalars(select(LoadReject).where(LoadReject.load_run_id == run.id))
            ]
            assert stored == [
                (
                    "recommendations.csv",
                    "",
                    5,
                    "recommendations",
                    "meeting_id",
                    "unknown_reference",
                    "M7",
                ),
            ]
        assert [r.message for r in second.rejects] == [report.rejects[0]["message"]]


def test_a_folder_load_records_the_files_it_read(db_url, engine, tmp_path):
    base_files(tmp_path / "folder")
    result = run_etl(["load", str(tmp_path / "folder")], db_url)
    assert result.returncode == 0, result.stderr
    with Session(engine) as session:
        run = session.scalars(select(LoadRun)).one()
    assert run.files == "meetings.csv; recommendations.csv; status_updates.csv"
