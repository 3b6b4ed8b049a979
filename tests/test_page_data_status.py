"""The data status page (pages/5_Data_status.py): the loads, the rows per table, and the
rejected rows of the latest loads with their file, row, column and reason, in the reader's
language; choosing a load narrows the rejects to it."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import create_engine, text
from streamlit.testing.v1 import AppTest

from conftest import PROJECT_ROOT, add_user, run_page
from musharaka import db
from musharaka.i18n import t
from musharaka.views import data_status as load_status
from musharaka.vocabulary import LANGUAGES

PAGE = "pages/5_Data_status.py"
TABLE_LABELS = {
    "ar": ("الجماعات", "الجمعيات", "اللقاءات", "التوصيات", "تحيينات الحالة"),
    "fr": ("Communes", "Associations", "Réunions", "Recommandations", "Mises à jour de statut"),
    "en": ("Communes", "Associations", "Meetings", "Recommendations", "Status updates"),
}


def _staff(url: str) -> int:
    """The council's staff member who reads this page (made once per database)."""
    engine = db.make_engine(url)
    db.upgrade(engine)
    with engine.connect() as connection:
        found = connection.execute(text("SELECT id FROM users WHERE username = 'staff'"))
        user_id = found.scalar()
    engine.dispose()
    return user_id if user_id is not None else add_user(url, "staff", "admin")


def _open(url: str, monkeypatch, **options) -> AppTest:
    app = run_page(PAGE, url, monkeypatch, user=_staff(url), **options)
    assert not app.exception, app.exception
    return app


def _scalar(engine, sql: str) -> int:
    with engine.connect() as connection:
        return connection.execute(text(sql)).scalar_one()


def _table_counts(engine) -> list[int]:
    return [_scalar(engine, f"SELECT count(*) FROM {name}") for name in load_status.TABLES]


def _table(app: AppTest, column: str, lang: str) -> pd.DataFrame:
    """The dataframe that has this column (by its vocabulary key)."""
    label = t(column, lang)
    return next(d.value for d in app.dataframe if label in d.value.columns)


def _rejects_table(app: AppTest, lang: str) -> pd.DataFrame:
    return _table(app, "data_status_message", lang)


# --- pure -------------------------------------------------------------------------------
def test_every_reason_of_the_contract_has_a_label_in_every_language():
    readme = (PROJECT_ROOT / "docs" / "command-line.md").read_text(encoding="utf-8")
    sentence = re.search(r"`reason` is one of (.+?)\.", readme, re.S).group(1)
    assert set(re.findall(r"`(\w+)`", sentence)) == set(load_status.REJECT_REASONS)
    for reason in load_status.REJECT_REASONS:
        labels = {load_status.reason_label(reason, lang) for lang in LANGUAGES}
        assert len(labels) == 3 and reason not in labels
    assert load_status.reason_label("something_new", "fr") == "something_new"


def test_each_file_is_listed_once_with_its_latest_load():
    runs = pd.DataFrame(
        {
            "id": [3, 2, 1],
            "finished_at": pd.to_datetime(["2026-03-01", "2026-02-01", "2026-01-01"]),
            "files": ["b.csv", "a.xlsx; b.csv", "a.xlsx; c.csv"],
        }
    )
    table = load_status.files_last_loaded(runs, "en")
    assert table.to_dict("list") == {
        "File": ["b.csv", "a.xlsx", "c.csv"],
        "Loaded at (UTC)": list(pd.to_datetime(["2026-03-01", "2026-02-01", "2026-01-01"])),
        "Load no.": [3, 2, 1],
    }


# --- the page ---------------------------------------------------------------------------
def test_data_status_shows_the_sample_in_each_language(sample_url, engine, monkeypatch):
    expected = _table_counts(engine)
    runs = _scalar(engine, "SELECT count(*) FROM load_runs")
    rows_read = _scalar(engine, "SELECT rows_read FROM load_runs")
    for lang, labels in TABLE_LABELS.items():
        app = _open(sample_url, monkeypatch, lang=lang)
        shown = {m.label: m.value for m in app.metric}
        assert shown == {label: str(n) for label, n in zip(labels, expected, strict=True)}
        loads = _table(app, "data_status_rows_read", lang)
        assert len(loads) == runs == 1
        assert loads[t("data_status_rows_read", lang)].tolist() == [rows_read]
        assert loads[t("data_status_source", lang)].tolist() == [t("data_status_source_cli", lang)]
        files = _table(app, "data_status_file", lang)
        assert set(files[t("data_status_file", lang)]) == {
            p.name for p in (PROJECT_ROOT / "data" / "sample").iterdir() if p.suffix != ".py"
        } - {"README.md"}
        assert [s.value for s in app.success] == [t("data_status_no_rejects", lang)]
        assert app.sidebar.selectbox(key="data_status_load_filter").label == t(
            "data_status_load_filter", lang
        )


def test_empty_database_says_how_to_load_data(db_url, monkeypatch):
    for lang in ("ar", "fr", "en"):
        app = _open(db_url, monkeypatch, lang=lang)
        assert len(app.info) == 1
        assert "python -m etl sample" in app.info[0].body
        assert not app.metric and not app.dataframe


def _write_loads(tmp_path: Path) -> tuple[Path, Path]:
    """A first folder with three bad rows, and a second, clean one."""
    first = tmp_path / "first"
    first.mkdir()
    (first / "reunions.csv").write_text(
        "meeting_id,commune,date\nM1,Commune Test,2024-01-10\n", encoding="utf-8"
    )
    (first / "recommandations.csv").write_text(
        "recommendation_id,meeting_id,domain,title,target_date,status\n"
        "R1,M1,health,Ambulance,2025-01-31,planned\n"
        "R2,M1,health,Dispensary,31/02/2025,planned\n"  # row 3: no 31 February
        "R3,M1,education,School bus,2025-06-30,maybe\n",  # row 4: unknown status
        encoding="utf-8",
    )
    (first / "suivi.csv").write_text(
        "recommendation_id,date,status\nR1,2024-05-01,in progress\nR9,2024-05-02,completed\n",
        encoding="utf-8",
    )
    second = tmp_path / "second"
    second.mkdir()
    (second / "meetings.csv").write_text(
        "meeting_id,commune,date\nM2,Commune Test,2024-09-10\n", encoding="utf-8"
    )
    return first, second


EXPECTED_REJECTS = [  # file, row, column, reason: what a clerk opens the file to fix
    ("recommandations.csv", 3, "target_date", "bad_date"),
    ("recommandations.csv", 4, "status", "unknown_value"),
    ("suivi.csv", 3, "recommendation_id", "unknown_reference"),
]


def test_rejects_of_the_latest_loads_name_file_row_column_and_reason(
    engine, db_url, load, tmp_path: Path, monkeypatch
):
    first, second = _write_loads(tmp_path)
    assert load(engine, first).committed
    assert load(engine, second).committed
    with engine.connect() as connection:  # what the database holds, asked the plain way
        stored = connection.execute(
            text("SELECT file, row, column_name, reason FROM load_rejects ORDER BY file, row")
        ).all()
        first_id, second_id = connection.execute(
            text("SELECT id FROM load_runs ORDER BY id")
        ).scalars()
    assert [tuple(r) for r in stored] == EXPECTED_REJECTS

    for lang in ("ar", "fr", "en"):
        app = _open(db_url, monkeypatch, lang=lang)
        table = _rejects_table(app, lang)
        shown = [
            (r[0], r[1], r[2], r[3])
            for r in table[
                [
                    t("data_status_file", lang),
                    t("data_status_row", lang),
                    t("data_status_column", lang),
                    t("data_status_reason", lang),
                ]
            ].itertuples(index=False)
        ]
        assert shown == [
            (file, row, column, t(f"data_status_reason_{reason}", lang))
            for file, row, column, reason in EXPECTED_REJECTS
        ]
        assert set(table[t("data_status_load", lang)]) == {first_id}
        assert table[t("data_status_value", lang)].tolist() == ["31/02/2025", "maybe", "R9"]
        by_reason = _table(app, "data_status_reason", lang)
        assert by_reason[t("count", lang)].sum() == 3
        # Both loads are listed, newest first, with what each read and rejected.
        loads = _table(app, "data_status_rows_rejected", lang)
        assert loads[t("data_status_load", lang)].tolist() == [second_id, first_id]
        assert loads[t("data_status_rows_rejected", lang)].tolist() == [0, 3]

    # Choosing the clean load shows no reject; choosing the first shows its three again.
    app = _open(db_url, monkeypatch, lang="en")
    app.sidebar.selectbox(key="data_status_load_filter").select(second_id).run()
    assert not app.exception
    assert [s.value for s in app.success] == ["No row was rejected."]
    assert not any("Details" in d.value.columns for d in app.dataframe)
    assert app.query_params["load"] == str(second_id)  # the URL to share
    app.sidebar.selectbox(key="data_status_load_filter").select(first_id).run()
    assert len(_rejects_table(app, "en")) == 3
    # A shared link opens on its load.
    app = _open(db_url, monkeypatch, params={"lang": "fr", "load": str(second_id)})
    assert [s.value for s in app.success] == ["Aucune ligne rejetée."]


def test_a_load_whose_every_row_was_rejected_still_shows_why(
    engine, db_url, load, tmp_path: Path, monkeypatch
):
    (tmp_path / "reunions.csv").write_text(
        "meeting_id,commune,date\nM1,Commune Test,\nM2,,2024-01-01\n", encoding="utf-8"
    )
    report = load(engine, tmp_path)
    assert report.committed and report.rows_rejected == 2
    app = _open(db_url, monkeypatch, lang="fr")
    assert "python -m etl sample" in app.info[0].body  # the database is still empty
    table = _rejects_table(app, "fr")
    assert table["Ligne"].tolist() == [2, 3]
    assert table["Colonne"].tolist() == ["date", "commune"]
    assert set(table["Motif"]) == {"Valeur obligatoire manquante"}


@pytest.fixture
def demo_engine(demo150_url):
    engine = create_engine(demo150_url)
    yield engine
    engine.dispose()


def test_data_status_at_150_communes(demo150_url, demo_engine, monkeypatch):
    expected = _table_counts(demo_engine)
    app = _open(demo150_url, monkeypatch, lang="en")
    shown = {m.label: m.value for m in app.metric}
    assert shown == {label: f"{n:,}" for label, n in zip(TABLE_LABELS["en"], expected, strict=True)}
    loads = _table(app, "data_status_source", "en")
    assert loads["Source"].tolist() == ["Demo data"]


# --- whose loads: an editor sees those of their communes, an admin all --------------------
def _meetings_file(path: Path, commune: str, secret: str) -> Path:
    """A commune's meetings: one loads, one is rejected with personal data in its bad date."""
    path.write_text(
        "meeting_id,commune,date,title\n"
        f"{commune}-1,{commune},2020-02-16,Réunion\n"
        f'{commune}-2,{commune},"{secret}",Réunion\n',
        encoding="utf-8",
    )
    return path


def _visible(app: AppTest) -> str:
    return "\n".join(d.value.to_csv() for d in app.dataframe) + "\n".join(
        str(m.value) for m in app.metric
    )


def test_an_editor_sees_the_loads_and_rejects_of_their_communes_only(
    db_url, engine, load, tmp_path, monkeypatch
):
    secret_a, secret_b = "Fatima 0612345678", "Omar +212 6 12 34 56 78"
    secret_unknown = "karim@example.org"
    run_a = load(engine, _meetings_file(tmp_path / "alpha.csv", "Alpha", secret_a))
    run_b = load(engine, _meetings_file(tmp_path / "beta.csv", "Beta", secret_b))
    # Every row rejected: no commune is known for this load.
    (tmp_path / "nowhere.csv").write_text(
        f'meeting_id,commune,date,title\nX-1,Gamma,"{secret_unknown}",Réunion\n', encoding="utf-8"
    )
    run_none = load(engine, tmp_path / "nowhere.csv")
    assert run_a.rejects and run_b.rejects
    assert run_none.rows_rejected == run_none.rows_read == 1
    editor_a = add_user(db_url, "editor-alpha", "editor", communes=["Alpha"])
    editor_b = add_user(db_url, "editor-beta", "editor", communes=["Beta"])
    admin = add_user(db_url, "admin", "admin")
    with engine.connect() as connection:
        ids = dict(connection.execute(text("SELECT files, id FROM load_runs")).all())

    views = {
        editor_a: ({secret_a, "alpha.csv"}, {secret_b, "beta.csv", secret_unknown, "nowhere.csv"}),
        editor_b: ({secret_b, "beta.csv"}, {secret_a, "alpha.csv", secret_unknown, "nowhere.csv"}),
        admin: (
            {secret_a, secret_b, secret_unknown, "alpha.csv", "beta.csv", "nowhere.csv"},
            set(),
        ),
    }
    for user, (seen, unseen) in views.items():
        app = run_page(PAGE, db_url, monkeypatch, lang="fr", user=user)
        assert not app.exception, app.exception
        shown = _visible(app)
        assert all(s in shown for s in seen), (user, seen, shown)
        assert not any(s in shown for s in unseen), (user, unseen)
    # A load of another commune asked for by its id gives nothing of it.
    app = run_page(
        PAGE, db_url, monkeypatch, lang="fr", user=editor_a, params={"load": str(ids["beta.csv"])}
    )
    assert not app.exception
    assert secret_b not in _visible(app) and secret_a in _visible(app)
    # The page says whose loads an editor sees.
    app = run_page(PAGE, db_url, monkeypatch, lang="en", user=editor_a)
    assert t("data_status_scope_editor", "en") in [c.value for c in app.caption]


def test_a_load_of_an_editors_commune_hides_its_rejected_rows_of_other_communes(
    db_url, engine, load, tmp_path, monkeypatch
):
    """A file of Alpha's meetings with a rejected row of Beta, and one whose commune its
    cells do not tell: the load is Alpha's, its Beta row and its unknown row are not."""
    secret_a, secret_b, secret_x = "Fatima 0612345678", "Omar +212 6 12 34 56 78", "x@example.org"
    load(engine, _meetings_file(tmp_path / "beta.csv", "Beta", "2021-01-01"))  # Beta exists
    path = tmp_path / "mixed.csv"
    path.write_text(
        "meeting_id,commune,date,title\n"
        "Alpha-1,Alpha,2020-02-16,Réunion\n"
        f'Alpha-2,Alpha,"{secret_a}",Réunion\n'
        f'Beta-9,Beta,"{secret_b}",Réunion\n'
        f'Gamma-1,Gamma,"{secret_x}",Réunion\n',  # a commune no row created
        encoding="utf-8",
    )
    report = load(engine, path)
    assert report.rows_rejected == 3
    editor_a = add_user(db_url, "editor-alpha", "editor", communes=["Alpha"])
    editor_b = add_user(db_url, "editor-beta", "editor", communes=["Beta"])
    admin = add_user(db_url, "admin", "admin")
    views = {
        editor_a: ({secret_a, "mixed.csv"}, {secret_b, secret_x}),
        editor_b: (set(), {secret_a, secret_b, secret_x, "mixed.csv"}),
        admin: ({secret_a, secret_b, secret_x, "mixed.csv"}, set()),
    }
    for user, (seen, unseen) in views.items():
        app = run_page(PAGE, db_url, monkeypatch, lang="fr", user=user)
        assert not app.exception, app.exception
        shown = _visible(app)
        assert all(s in shown for s in seen), (user, seen, shown)
        assert not any(s in shown for s in unseen), (user, unseen)
