"""Communes known by every name (musharaka.communes): a file's commune column names a
commune by its name, its Arabic or French name, an alias, or the reference list's names;
a name a letter away from a known commune is refused with the commune it looks like and
the command that adds the alias, and nothing is created; aliases are added and removed
by an administrator (command line, Admin page), each change audited. On SQLite and
PostgreSQL."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, select, text

from conftest import PROJECT_ROOT, SAMPLE_DIR, add_user, run_page
from etl.communes import find_commune
from etl.load import run_load
from musharaka import communes, db, geography, loader_text
from musharaka.i18n import t
from musharaka.models import AuditEntry, Commune, CommuneAlias, Meeting
from musharaka.services import communes as commune_admin
from musharaka.text import fold
from musharaka.views.data_status import said

EXAMPLE_DIR = PROJECT_ROOT / "docs" / "example"
KHNAFIF_CODE = "09.541.05.19"
MEETINGS_HEADER = ("meeting_id", "commune", "province", "date", "title")


def _meetings_file(folder: Path, *rows: tuple[str, str, str]) -> Path:
    """A meetings file: (meeting_id, commune, province) per row."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "meetings.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(MEETINGS_HEADER)
        for code, commune, province in rows:
            writer.writerow((code, commune, province, "2021-03-14", "Rencontre"))
    return path


def _communes(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {row.name: row.id for row in conn.execute(select(Commune.name, Commune.id))}


def _commune_of_meeting(engine, code: str) -> str | None:
    with engine.connect() as conn:
        return conn.execute(
            select(Commune.name)
            .join(Meeting, Meeting.commune_id == Commune.id)
            .where(Meeting.code == code)
        ).scalar()


def _add_alias(engine, commune, alias, actor="test"):
    with engine.begin() as conn:
        return commune_admin.add_alias(conn, commune, alias, actor=actor, source="cli")


# --- the sample's commune, by each of its names -------------------------------------------
def test_the_sample_commune_has_its_official_code_and_both_names(engine, sample_url):
    with engine.connect() as conn:
        row = conn.execute(select(Commune.__table__).where(Commune.code == KHNAFIF_CODE)).one()
    # Its name as the sample writes it stays what the pages show; the reference list
    # gives the French name the French pages show.
    assert (row.name, row.name_ar, row.name_fr) == ("الخنافيف", "الخنافيف", "Lakhnafif")
    assert row.province == "Taroudant" and row.region_key == "souss_massa"


NAMES = {
    "its name as first written": "الخنافيف",
    "its name with other letter forms": "الخنافيــف",
    "its French name (from the reference list)": "LAKHNAFIF",
    "without the article": "Khnafif",
    "with the article apart": "El Khnafif",
    "with the word commune": "Commune de Lakhnafif",
    "in Arabic with the word commune": "جماعة الخنافيف",
    "an alias an administrator added": "Ikhnafen",
}


@pytest.mark.parametrize("name", NAMES)
def test_a_row_names_the_commune_by_any_of_its_names(engine, sample_url, tmp_path, name):
    assert _add_alias(engine, "الخنافيف", "Ikhnafen") is None
    before = _communes(engine)
    path = _meetings_file(tmp_path, ("KHN-2025-5", NAMES[name], "Taroudant"))
    report = run_load(engine, [path])
    assert report.committed and not report.rejects, report.rejects
    assert _commune_of_meeting(engine, "KHN-2025-5") == "الخنافيف"
    assert _communes(engine) == before  # no second commune


def test_a_reload_by_another_name_leaves_the_meeting_unchanged(engine, sample_url, tmp_path):
    """The meeting's commune compares by the commune, not by how the row spells it."""
    first = run_load(engine, [_meetings_file(tmp_path / "a", ("KHN-2025-5", "Khnafif", ""))])
    assert first.tables["meetings"]["inserted"] == 1
    again = run_load(engine, [_meetings_file(tmp_path / "b", ("KHN-2025-5", "الخنافيف", ""))])
    assert again.tables["meetings"]["unchanged"] == 1


# --- a name close to a known commune ------------------------------------------------------
@pytest.mark.parametrize("written", ["Khnafiff", "Lakhnafef", "El Khnafef"])
def test_a_name_close_to_a_commune_is_refused_and_nothing_is_created(
    engine, sample_url, tmp_path, written
):
    before = _communes(engine)
    path = _meetings_file(tmp_path, ("KHN-2025-5", written, "Taroudant"))
    report = run_load(engine, [path])
    assert [(r["column"], r["reason"], r["value"]) for r in report.rejects] == [
        ("commune", "unknown_value", written)
    ]
    message = report.rejects[0]["message"]
    assert "الخنافيف (Lakhnafif)" in message
    assert f'python -m musharaka communes alias add "الخنافيف" "{written}"' in message
    assert _communes(engine) == before
    assert _commune_of_meeting(engine, "KHN-2025-5") is None


def test_the_refusal_reads_in_the_readers_language(engine, sample_url, tmp_path):
    report = run_load(engine, [_meetings_file(tmp_path, ("KHN-2025-5", "Khnafiff", ""))])
    message = report.rejects[0]["message"]
    french, arabic = said(message, "fr"), said(message, "ar")
    assert french.startswith("la commune « Khnafiff »") and "الخنافيف" in french
    assert arabic.startswith("الجماعة «Khnafiff»") and "musharaka communes alias add" in arabic
    assert said("something else", "fr") == "something else"


def test_after_the_alias_is_added_the_same_file_loads(engine, sample_url, tmp_path):
    path = _meetings_file(tmp_path, ("KHN-2025-5", "Khnafiff", "Taroudant"))
    assert run_load(engine, [path]).rejects
    assert _add_alias(engine, "الخنافيف", "Khnafiff") is None
    report = run_load(engine, [path])
    assert not report.rejects and _commune_of_meeting(engine, "KHN-2025-5") == "الخنافيف"


def test_a_commune_close_to_none_is_created_as_before(engine, sample_url, tmp_path):
    path = _meetings_file(tmp_path, ("NEW-1", "Douar Jdid", "Taroudant"))
    report = run_load(engine, [path])
    assert not report.rejects
    assert _commune_of_meeting(engine, "NEW-1") == "Douar Jdid"


def test_a_commune_of_the_reference_list_gets_its_code_and_both_names(engine, tmp_path):
    path = _meetings_file(tmp_path, ("TFR-1", "tafraout", "Tiznit"))
    assert not run_load(engine, [path]).rejects
    with engine.connect() as conn:
        row = conn.execute(select(Commune.__table__)).one()
    assert (row.code, row.name_ar, row.name_fr) == ("09.581.01.05", "تافراوت", "Tafraout")


def test_two_spellings_in_one_load_make_one_commune(engine, tmp_path):
    path = _meetings_file(
        tmp_path, ("K-1", "Khnafif", "Taroudant"), ("K-2", "الخنافيف", "Taroudant")
    )
    assert not run_load(engine, [path]).rejects
    assert _commune_of_meeting(engine, "K-1") == _commune_of_meeting(engine, "K-2")
    assert len(_communes(engine)) == 1


# --- the README's example beside the sample --------------------------------------------------
def _example_meetings(engine) -> set[str | None]:
    return {_commune_of_meeting(engine, code) for code in ("KHN-1", "KHN-2")}


def test_the_example_files_land_in_the_sample_commune(engine, sample_url):
    report = run_load(engine, [EXAMPLE_DIR])
    assert not [r for r in report.rejects if r["column"] == "commune"]
    assert _example_meetings(engine) == {"الخنافيف"}
    assert len(_communes(engine)) == 4


def test_the_example_and_the_sample_in_one_load_make_one_commune(engine):
    run_load(engine, [EXAMPLE_DIR, SAMPLE_DIR])
    assert _example_meetings(engine) == {_commune_of_meeting(engine, "KHN-2019-1")}
    assert len(_communes(engine)) == 4


def test_an_editor_of_the_commune_loads_the_example(engine, sample_url):
    """The issue's case: the README's files say Khnafif; their editor may load them."""
    add_user(sample_url, "ed", "editor", communes=("الخنافيف",))
    allowed = {_communes(engine)["الخنافيف"]}
    report = run_load(engine, [EXAMPLE_DIR], allowed_communes=allowed, source="upload")
    assert not [r for r in report.rejects if r["reason"] == "not_allowed"], report.rejects
    assert report.tables["meetings"]["inserted"] == 2
    assert _example_meetings(engine) == {"الخنافيف"}


def test_rejected_rows_naming_the_commune_otherwise_are_its_editors(engine, sample_url):
    """A rejected row of the example (its commune written Khnafif) is the commune's, so
    its editor sees it on the data status page."""
    run_load(engine, [EXAMPLE_DIR])
    with engine.connect() as conn:
        communes_of_rejects = set(
            conn.execute(text("SELECT DISTINCT commune_id FROM load_rejects")).scalars()
        )
    assert _communes(engine)["الخنافيف"] in communes_of_rejects


def test_the_command_line_commune_option_takes_any_name(engine, sample_url):
    """--commune of `etl load` (Decidim results), `export` and `report`."""
    khnafif = _communes(engine)["الخنافيف"]
    assert _add_alias(engine, "الخنافيف", "Ikhnafen") is None
    with engine.connect() as conn:
        for name in ("Khnafif", "Lakhnafif", "ikhnafen", str(khnafif)):
            assert find_commune(conn, name) == (khnafif, "الخنافيف"), name
        assert find_commune(conn, "Nowhere at all") is None


# --- aliases: the service, the command line, the Admin page ----------------------------------
def test_an_alias_of_another_commune_is_refused(engine, sample_url):
    assert _add_alias(engine, "الخنافيف", "Ikhnafen") is None
    taken = _add_alias(engine, "Tala Ouzrou", "IKHNAFEN")
    assert taken is not None and taken.key == "communes_alias_taken"
    assert taken.values["commune"] == "الخنافيف"
    # A name that is already another commune's own is refused the same way.
    assert _add_alias(engine, "Tala Ouzrou", "Lakhnafif").key == "communes_alias_taken"
    assert _add_alias(engine, "الخنافيف", "Khnafif ").key == "communes_alias_already"
    assert _add_alias(engine, "الخنافيف", "   ").key == "communes_alias_blank"
    assert _add_alias(engine, "Atlantis", "X").key == "communes_unknown"


def _communes_cli(db_url: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "musharaka", "communes", *args],
        cwd=PROJECT_ROOT,
        env={"DATABASE_URL": db_url, "PATH": "/usr/bin:/bin", "HOME": "/tmp"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_command_line_lists_adds_refuses_and_removes_aliases(engine, sample_url):
    added = _communes_cli(sample_url, "alias", "add", "Khnafif", "Ikhnafen")
    assert added.returncode == 0, added.stderr
    listed = _communes_cli(sample_url, "list")
    assert listed.returncode == 0
    line = next(x for x in listed.stdout.splitlines() if "الخنافيف" in x)
    assert KHNAFIF_CODE in line and "Lakhnafif" in line and "aliases: Ikhnafen" in line
    refused = _communes_cli(sample_url, "alias", "add", "Tala Ouzrou", "ikhnafen")
    assert refused.returncode == 1
    assert "already names another commune, الخنافيف" in refused.stderr
    removed = _communes_cli(sample_url, "alias", "remove", "IKHNAFEN")
    assert removed.returncode == 0, removed.stderr
    again = _communes_cli(sample_url, "alias", "remove", "Ikhnafen")
    assert again.returncode == 1 and "is not an alias" in again.stderr
    with engine.connect() as conn:
        assert conn.execute(select(CommuneAlias.id)).first() is None
        entries = conn.execute(
            select(AuditEntry.action, AuditEntry.source, AuditEntry.after_json)
            .where(AuditEntry.table_name == "commune_aliases")
            .order_by(AuditEntry.id)
        ).all()
    assert [(e.action, e.source) for e in entries] == [("insert", "cli"), ("delete", "cli")]
    assert json.loads(entries[0].after_json) == {"commune": "الخنافيف", "alias": "Ikhnafen"}


def test_an_admin_adds_an_alias_on_the_admin_page(engine, sample_url, monkeypatch):
    boss = add_user(sample_url, "boss", "admin")
    app = run_page("pages/10_Admin.py", sample_url, monkeypatch, lang="en", user=boss)
    assert not app.exception, app.exception
    table = next(d.value for d in app.dataframe if t("admin_commune_code", "en") in d.value.columns)
    assert KHNAFIF_CODE in table[t("admin_commune_code", "en")].tolist()
    khnafif = _communes(engine)["الخنافيف"]
    app.selectbox(key="admin_alias_add_commune").set_value(khnafif)
    app.text_input(key="admin_alias_add_alias").set_value("Ikhnafen")
    next(b for b in app.button if b.label == t("admin_alias_add_button", "en")).click().run()
    assert not app.exception, app.exception
    assert [s.value for s in app.success] == [t("admin_alias_added", "en").format(name="Ikhnafen")]
    with engine.connect() as conn:
        alias = conn.execute(select(CommuneAlias.__table__)).one()
        actor = conn.execute(
            select(AuditEntry.actor).where(AuditEntry.table_name == "commune_aliases")
        ).scalar_one()
    assert (alias.alias, alias.commune_id, alias.added_by, actor) == (
        "Ikhnafen",
        khnafif,
        "boss",
        "boss",
    )
    # The same alias for another commune: refused under the form, in the reader's words.
    tala = _communes(engine)["Tala Ouzrou"]
    app.selectbox(key="admin_alias_add_commune").set_value(tala)
    app.text_input(key="admin_alias_add_alias").set_value("ikhnafen")
    next(b for b in app.button if b.label == t("admin_alias_add_button", "en")).click().run()
    expected = t("communes_alias_taken", "en").format(alias="ikhnafen", commune="الخنافيف")
    assert [e.value for e in app.error] == [expected]


def test_an_admin_adds_a_commune_of_the_reference_list(engine, sample_url, monkeypatch):
    boss = add_user(sample_url, "boss", "admin")
    app = run_page("pages/10_Admin.py", sample_url, monkeypatch, lang="fr", user=boss)
    picker = app.selectbox(key="admin_commune_add_code")
    assert KHNAFIF_CODE not in picker.options  # already here: not offered
    picker.set_value("09.581.01.05")
    next(b for b in app.button if b.label == t("admin_commune_add_button", "fr")).click().run()
    assert not app.exception, app.exception
    with engine.connect() as conn:
        row = conn.execute(select(Commune.__table__).where(Commune.code == "09.581.01.05")).one()
    assert (row.name, row.name_fr, row.province) == ("تافراوت", "Tafraout", "Tiznit")


# --- the schema and the reference list --------------------------------------------------------
def test_the_migration_adds_aliases_and_codes_and_is_undone(db_url):
    engine = db.make_engine(db_url)
    config = db.alembic_config(engine)
    command.upgrade(config, "0007")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO communes (id, key, name) VALUES (1, 'khnafif', 'Khnafif')"))
        conn.execute(
            text(
                "INSERT INTO meetings (id, code, commune_id, date, updated_at) "
                "VALUES (1, 'M1', 1, '2020-02-16', '2020-02-16 00:00:00')"
            )
        )
    command.upgrade(config, "head")
    assert "commune_aliases" in inspect(engine).get_table_names()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name, code FROM communes")).one() == ("Khnafif", None)
    command.downgrade(config, "0007")
    assert "commune_aliases" not in inspect(engine).get_table_names()
    assert "code" not in {c["name"] for c in inspect(engine).get_columns("communes")}
    with engine.connect() as conn:  # the data and its references are kept both ways
        assert conn.execute(text("SELECT commune_id FROM meetings")).scalar() == 1
    engine.dispose()


def test_the_reference_list_is_morocco_s_communes_each_in_a_known_province():
    rows = communes.reference_communes()
    assert len(rows) == 1503 and len({r.code for r in rows}) == 1503
    assert all(r.province_key and geography.province_by_name(r.province) for r in rows)
    assert communes.reference_by_code(KHNAFIF_CODE).name_fr == "Lakhnafif"


def test_no_two_communes_of_a_province_share_a_name_but_for_an_article():
    """Rule 3 (an article aside) is safe on Morocco's own names: it never makes two
    communes of one province one."""
    seen: dict[tuple[str | None, str], str] = {}
    for ref in communes.reference_communes():
        for core in communes.name_cores(ref.name_ar) | communes.name_cores(ref.name_fr):
            assert seen.setdefault((ref.province_key, core), ref.code) == ref.code, ref


CLOSE = {
    ("Khnafif", "Lakhnafif"): 0,
    ("El Khnafif", "الخنافيف"): None,  # other letters: not compared
    ("Khnafiff", "Lakhnafif"): 1,
    ("Ouled Harrou", "Ouled Abbou"): None,
    ("Skoura", "Meskoura"): None,
    ("جماعة الخنافيف", "خنافيف"): 0,
}


@pytest.mark.parametrize(("first", "second"), CLOSE)
def test_how_close_two_names_are(first, second):
    cores = communes.name_cores
    assert communes.closeness(cores(first), cores(second)) == CLOSE[(first, second)]
    assert fold(first)  # folded names are what is compared


def test_the_english_catalog_says_what_the_load_says():
    """The load writes its refusal in the contract's English; the pages translate it by
    the catalog's message of the same id, whose English must be the same words."""
    for key in ("commune_near_stored", "commune_near_reference"):
        assert t(key, "en") == loader_text.MESSAGES[key]
