"""Files that used to load wrong with exit 0: one line in another encoding, a quote that
never closes, dates that cannot be right, numbers a column cannot hold, JSON of the wrong
shape. Each is either read right with a warning naming the row, or rejected with its row
and reason; no other row is lost or changed. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from conftest import run_etl
from etl.current import latest_state
from etl.load import LoadError
from musharaka.models import Commune, Meeting, Recommendation, StatusUpdate

TODAY = dt.date.today()
ARABIC_COMMUNE = "خنافيف"
# The reference list's name of that commune (data/reference/communes.csv).
OFFICIAL_ARABIC = "الخنافيف"


def _rejects(report) -> list[tuple]:
    return [(r["row"], r["column"], r["reason"]) for r in report.as_dict()["rejects"]]


def _warnings(report) -> list[tuple]:
    return [(w["row"], w["column"], w["message"]) for w in report.as_dict()["warnings"]]


def _meeting_titles(engine) -> dict[str, str]:
    with Session(engine) as session:
        return {m.code: m.title for m in session.scalars(select(Meeting))}


# --- 1. One line in another encoding -------------------------------------------------
def _mostly_utf8_meetings(path: Path, odd: bytes) -> Path:
    lines = ["meeting_id,commune,date,title"]
    lines += [
        f"M{i},{ARABIC_COMMUNE},2020-02-{(i % 28) + 1:02d},لقاء تواصلي رقم {i}" for i in range(100)
    ]
    data = ("\n".join(lines) + "\n").encode("utf-8") + odd + b"\n"
    path.write_bytes(data)
    return path


def test_one_cp1252_line_does_not_garble_a_utf8_file(engine, load, tmp_path):
    odd = "M100,Khnafif,2020-03-01,Réunion générale".encode("cp1252")
    path = _mostly_utf8_meetings(tmp_path / "meetings.csv", odd)
    report = load(engine, path)
    assert report.committed
    assert report.tables["meetings"]["read"] == 101
    assert report.tables["meetings"]["inserted"] == 101
    titles = _meeting_titles(engine)
    assert titles["M0"] == "لقاء تواصلي رقم 0"
    assert titles["M99"] == "لقاء تواصلي رقم 99"
    assert titles["M100"] == "Réunion générale"
    with Session(engine) as session:
        names = set(session.scalars(select(Commune.name)))
    # Both spellings name one commune of the reference list, kept by its official name.
    assert names == {OFFICIAL_ARABIC}
    # The odd line is named, with the encoding it was read in.
    (warning,) = [w for w in _warnings(report) if "encoding" in w[2].lower()]
    assert warning[0] == 102
    assert "Windows-1252" in warning[2] or "Windows-1256" in warning[2]


def test_one_cp1256_line_in_a_utf8_file_is_read_as_arabic(engine, load, tmp_path):
    odd = f"M100,{ARABIC_COMMUNE},2020-03-01,اجتماع المجلس".encode("cp1256")
    path = _mostly_utf8_meetings(tmp_path / "meetings.csv", odd)
    report = load(engine, path)
    assert report.committed and not report.rejects
    assert _meeting_titles(engine)["M100"] == "اجتماع المجلس"
    assert any(w[0] == 102 and "Windows-1256" in w[2] for w in _warnings(report))
    with Session(engine) as session:
        assert set(session.scalars(select(Commune.name))) == {OFFICIAL_ARABIC}


def test_a_whole_cp1256_file_is_still_read_as_cp1256(sqlite_engine, load, tmp_path):
    path = tmp_path / "meetings.csv"
    content = f"meeting_id,commune,date,title\nM1,{ARABIC_COMMUNE},2020-02-16,اجتماع\n"
    path.write_bytes(content.encode("cp1256"))
    report = load(sqlite_engine, path)
    assert report.committed and not report.rejects and not report.warnings
    assert _meeting_titles(sqlite_engine)["M1"] == "اجتماع"


# --- 2. A quote that never closes ----------------------------------------------------
def _meetings_with_lines(path: Path, rows: list[str]) -> Path:
    path.write_text("meeting_id,commune,date,title\n" + "".join(rows), encoding="utf-8")
    return path


def test_an_unterminated_quote_loses_no_following_row(engine, load, tmp_path):
    rows = [f"M{i},Khnafif,2020-02-16,Titre {i}\n" for i in range(1, 1001)]
    rows[9] = 'M10,Khnafif,2020-02-16,"Titre ouvert et jamais fermé\n'
    report = load(engine, _meetings_with_lines(tmp_path / "meetings.csv", rows))
    assert report.committed
    counts = report.tables["meetings"]
    assert counts["read"] == 1000
    assert counts["inserted"] == 999
    assert counts["rejected"] == 1
    (reject,) = report.as_dict()["rejects"]
    assert reject["row"] == 11  # the header is row 1, the tenth data row is row 11
    assert reject["column"] == "title"
    assert "quote" in reject["message"]
    titles = _meeting_titles(engine)
    assert len(titles) == 999
    assert titles["M11"] == "Titre 11" and titles["M1000"] == "Titre 1000"


def test_a_quote_closed_many_rows_later_swallows_nothing(engine, load, tmp_path):
    rows = [f"M{i},Khnafif,2020-02-16,Titre {i}\n" for i in range(1, 21)]
    rows[4] = 'M5,Khnafif,2020-02-16,"Titre ouvert\n'
    rows[14] = 'M15,Khnafif,2020-02-16,"Titre, cité"\n'
    report = load(engine, _meetings_with_lines(tmp_path / "meetings.csv", rows))
    assert report.tables["meetings"]["read"] == 20
    assert [r[0] for r in _rejects(report)] == [6]
    titles = _meeting_titles(engine)
    assert titles["M6"] == "Titre 6"
    assert titles["M15"] == "Titre, cité"


def test_a_cell_with_line_breaks_is_still_one_cell(sqlite_engine, load, tmp_path):
    rows = [
        "M1,Khnafif,2020-02-16,Titre 1\n",
        'M2,Khnafif,2020-02-16,"Première ligne\nseconde ligne, avec virgule"\n',
        "M3,Khnafif,2020-02-16,Titre 3\n",
    ]
    report = load(sqlite_engine, _meetings_with_lines(tmp_path / "meetings.csv", rows))
    assert report.committed and not report.rejects
    titles = _meeting_titles(sqlite_engine)
    assert titles["M2"] == "Première ligne\nseconde ligne, avec virgule"
    assert titles["M3"] == "Titre 3"
    assert report.tables["meetings"]["read"] == 3


def test_a_quote_open_at_the_end_of_the_file_is_reported(sqlite_engine, load, tmp_path):
    rows = ["M1,Khnafif,2020-02-16,Titre 1\n", 'M2,Khnafif,2020-02-16,"Titre\n', "suite\n"]
    report = load(sqlite_engine, _meetings_with_lines(tmp_path / "meetings.csv", rows))
    assert report.tables["meetings"]["read"] == 3
    assert _rejects(report)[0][:2] == (3, "title")
    assert _meeting_titles(sqlite_engine)["M1"] == "Titre 1"


# --- 3. Dates that cannot be right ---------------------------------------------------
def _write(path: Path, content: str) -> Path:
    path.write_text(content, encoding="utf-8")
    return path


def _dated_files(folder: Path, meeting_date: str, target: str, updates: list[str]) -> list[Path]:
    folder.mkdir(exist_ok=True)
    return [
        _write(
            folder / "meetings.csv",
            f"meeting_id,commune,date,title\nM1,Khnafif,{meeting_date},Rencontre\n",
        ),
        _write(
            folder / "recommendations.csv",
            "recommendation_id,meeting_id,domain,title,status,target_date\n"
            f"R1,M1,water,Eau potable,planned,{target}\n",
        ),
        _write(
            folder / "status_updates.csv",
            "recommendation_id,date,status,progress\n" + "".join(u + "\n" for u in updates),
        ),
    ]


def test_a_future_update_is_rejected_and_never_becomes_current(engine, load, tmp_path):
    files = _dated_files(
        tmp_path / "f",
        "2020-02-16",
        "2027-12-31",
        ["R1,2100-01-01,completed,100", "R1,2023-05-01,in_progress,40"],
    )
    # The message names the load's own day; a run across midnight may name either day.
    before = dt.date.today()
    report = load(engine, *files)
    days = {before.isoformat(), dt.date.today().isoformat()}
    assert report.committed
    (reject,) = report.as_dict()["rejects"]
    assert (reject["table"], reject["row"], reject["column"]) == ("status_updates", 2, "date")
    assert reject["reason"] == "out_of_range"
    assert "2100-01-01" in reject["message"]
    assert any(day in reject["message"] for day in days), reject["message"]
    with Session(engine) as session:
        rec = session.scalars(select(Recommendation)).one()
        assert (rec.current_status, rec.current_progress) == ("in_progress", 40)
    # A later real update replaces it as it should.
    files = _dated_files(
        tmp_path / "g", "2020-02-16", "2027-12-31", ["R1,2024-01-01,completed,100"]
    )
    load(engine, *files)
    with Session(engine) as session:
        assert session.scalars(select(Recommendation)).one().current_status == "completed"


def test_a_future_update_already_stored_does_not_pin_the_status(engine, load, tmp_path):
    files = _dated_files(tmp_path / "f", "2020-02-16", "", ["R1,2023-05-01,in_progress,40"])
    load(engine, *files)
    # A database filled before the check: a future update is already there.
    with engine.begin() as conn:
        rec_id = conn.execute(select(Recommendation.id)).scalar_one()
        conn.execute(
            text(
                "INSERT INTO status_updates (recommendation_id, date, status, progress, "
                "fingerprint, created_at) VALUES (:r, :d, 'completed', 100, 'planted', :t)"
            ),
            {"r": rec_id, "d": dt.date(2100, 1, 1), "t": dt.datetime.now(dt.UTC)},
        )
    files = _dated_files(tmp_path / "g", "2020-02-16", "", ["R1,2024-01-01,in_progress,60"])
    load(engine, *files)
    with Session(engine) as session:
        rec = session.scalars(select(Recommendation)).one()
        assert (rec.current_status, rec.current_progress) == ("in_progress", 60)


def test_latest_state_ignores_entries_after_its_horizon():
    initial = (dt.date(2020, 2, 16), "planned", None)
    updates = [
        (dt.date(2100, 1, 1), 2, "completed", 100.0),
        (dt.date(2023, 5, 1), 1, "in_progress", 40.0),
    ]
    assert latest_state(initial, updates, until=dt.date(2026, 1, 1)) == (
        dt.date(2023, 5, 1),
        "in_progress",
        40.0,
    )


@pytest.mark.parametrize(
    ("meeting_date", "target", "updates", "expected"),
    [
        ("1900-01-01", "", [], ("meetings", 2, "date")),
        ("2099-01-01", "", [], ("meetings", 2, "date")),
        ("2020-02-16", "1800-01-01", [], ("recommendations", 2, "target_date")),
        ("2020-02-16", "2019-12-31", [], ("recommendations", 2, "target_date")),
        ("2020-02-16", "2500-01-01", [], ("recommendations", 2, "target_date")),
        ("2020-02-16", "", ["R1,2019-06-01,in_progress,10"], ("status_updates", 2, "date")),
    ],
)
def test_dates_that_cannot_be_right_are_rejected(
    engine, load, tmp_path, meeting_date, target, updates, expected
):
    report = load(engine, *_dated_files(tmp_path / "f", meeting_date, target, updates))
    found = [
        (r["table"], r["row"], r["column"])
        for r in report.as_dict()["rejects"]
        if r["reason"] == "out_of_range"
    ]
    assert found[0] == expected
    message = report.as_dict()["rejects"][0]["message"]
    assert any(str(year) in message for year in (1990, 2020, TODAY.year + 1, TODAY.year))


def test_an_update_on_its_meetings_day_and_today_are_accepted(engine, load, tmp_path):
    updates = ["R1,2020-02-16,in_progress,10", f"R1,{TODAY.isoformat()},in_progress,20"]
    report = load(engine, *_dated_files(tmp_path / "f", "2020-02-16", "2020-02-16", updates))
    assert report.committed and not report.rejects


# --- 4. Numbers a column cannot hold; JSON of the wrong shape -------------------------
@pytest.mark.parametrize("budget", [1e29, 1e12 + 1, "1000000000001", "1 000 000 000 001,00 DH"])
def test_a_budget_beyond_what_is_possible_is_rejected(engine, load, tmp_path, budget):
    import openpyxl

    workbook = openpyxl.Workbook()
    meetings = workbook.active
    meetings.title = "meetings"
    meetings.append(["meeting_id", "commune", "date"])
    meetings.append(["M1", "Khnafif", dt.date(2020, 2, 16)])
    recommendations = workbook.create_sheet("recommendations")
    recommendations.append(["recommendation_id", "meeting_id", "domain", "title", "budget_mad"])
    recommendations.append(["R1", "M1", "water", "Eau", budget])
    recommendations.append(["R2", "M1", "water", "Eau", 1_200_000])
    recommendations.append(["R3", "M1", "water", "Eau", 10**12])
    path = tmp_path / "commune.xlsx"
    workbook.save(path)
    report = load(engine, path)
    (reject,) = report.as_dict()["rejects"]
    assert (reject["row"], reject["column"], reject["reason"]) == (2, "budget_mad", "out_of_range")
    with Session(engine) as session:
        stored = {r.code: r.budget_mad for r in session.scalars(select(Recommendation))}
    assert stored == {"R2": 1_200_000, "R3": 10**12}


def test_a_participant_count_beyond_a_million_is_rejected(sqlite_engine, load, tmp_path):
    path = _write(
        tmp_path / "meetings.csv",
        "meeting_id,commune,date,participants\nM1,Khnafif,2020-02-16,5000000\n"
        "M2,Khnafif,2020-02-17,120\n",
    )
    report = load(sqlite_engine, path)
    assert _rejects(report) == [(2, "participants", "out_of_range")]


def _export_document(meetings: list[dict]) -> dict:
    return {"format": "musharaka-export", "meetings": meetings}


def test_json_values_of_the_wrong_type_are_rejected_per_row(engine, load, tmp_path):
    path = tmp_path / "export.json"
    meetings = [
        {"meeting_id": "M1", "commune": "Khnafif", "date": "2020-02-16", "title": {"ar": "x"}},
        {"meeting_id": "M2", "commune": {"fr": "Khnafif"}, "date": "2020-02-16"},
        {"meeting_id": "M3", "commune": "Khnafif", "date": {"y": 2020}},
        {"meeting_id": "M4", "commune": "Khnafif", "date": "2020-02-16", "title": "Bon"},
    ]
    path.write_text(json.dumps(_export_document(meetings)), encoding="utf-8")
    report = load(engine, path)
    rejects = _rejects(report)
    assert [r[:2] for r in rejects] == [(2, "title"), (3, "commune"), (4, "date")]
    assert _meeting_titles(engine) == {"M4": "Bon"}
    with Session(engine) as session:
        assert list(session.scalars(select(Commune.name))) == [
            "Lakhnafif"
        ]  # the reference list's official name


def test_deeply_nested_json_is_refused_with_a_message(db_url, engine, tmp_path):
    path = tmp_path / "export.json"
    path.write_text(
        '{"format": "musharaka-export", "meetings": ' + "[" * 100_000 + "]" * 100_000 + "}",
        encoding="utf-8",
    )
    with pytest.raises(LoadError, match=r"export\.json"):
        from etl.load import run_load

        run_load(engine, [path])
    result = run_etl(["load", str(path)], db_url)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "export.json" in result.stderr + result.stdout


def test_a_status_update_with_a_dict_note_is_rejected(sqlite_engine, load, tmp_path):
    path = tmp_path / "export.json"
    document = {
        "format": "musharaka-export",
        "meetings": [{"meeting_id": "M1", "commune": "Khnafif", "date": "2020-02-16"}],
        "recommendations": [
            {"recommendation_id": "R1", "meeting_id": "M1", "domain": "water", "title": "Eau"}
        ],
        "status_updates": [
            {"recommendation_id": "R1", "date": "2021-01-01", "status": "planned", "note": {"a": 1}}
        ],
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    report = load(sqlite_engine, path)
    assert [r[1:] for r in _rejects(report)] == [("note", "unknown_value")]
    with Session(sqlite_engine) as session:
        assert session.scalars(select(StatusUpdate)).all() == []


# --- A report that cannot be written ---------------------------------------------------
def test_a_report_path_that_cannot_be_written_stops_before_loading(db_url, engine, tmp_path):
    meetings = _write(tmp_path / "meetings.csv", "meeting_id,commune,date\nM1,Khnafif,2020-02-16\n")
    report = tmp_path / ("ⵜ" * 120 + ".json")  # 360 bytes: longer than a file name may be
    result = run_etl(["load", str(meetings), "--report", str(report)], db_url)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "nothing was loaded" in result.stderr
    assert _meeting_titles(engine) == {}
    # A writable report in the folder being loaded is not left behind empty by the check.
    result = run_etl(["load", str(tmp_path), "--report", str(tmp_path / "r.json")], db_url)
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["committed"]
