"""The administration page (pages/10_Admin.py): only an administrator opens it; they see
the users and the audit log, add and change users (each change leaves one audit entry with
them as actor), are refused with a message next to the field, cannot disable themselves,
narrow the log with filters kept in the URL and export exactly what the filters keep.
The log itself cannot be changed, not even in SQL."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import openpyxl
import pandas as pd
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from streamlit.testing.v1 import AppTest

from conftest import PASSWORD, SAMPLE_DIR, add_user, run_page
from musharaka import audit, auth, exports
from musharaka.audit import Change
from musharaka.i18n import t
from musharaka.queries import audit as audit_queries
from musharaka.queries import read_frame
from musharaka.services import users as user_admin
from musharaka.views import admin as audit_view
from musharaka.vocabulary import LANGUAGES

PAGE = "pages/10_Admin.py"
GOOD = "another-long-password-2"


def _open(url: str, monkeypatch, **options) -> AppTest:
    app = run_page(PAGE, url, monkeypatch, **options)
    assert not app.exception, app.exception
    return app


def _sql(engine, sql: str, **values) -> list:
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(sql), values)]


def _audit_count(engine) -> int:
    return _sql(engine, "SELECT count(*) FROM audit_log")[0][0]


def _table(app: AppTest, column: str, lang: str = "en") -> pd.DataFrame:
    """The dataframe that has this column (by its vocabulary key)."""
    return next(d.value for d in app.dataframe if t(column, lang) in d.value.columns)


def _log(app: AppTest, lang: str = "en") -> pd.DataFrame:
    return _table(app, "audit_col_changes", lang)


def _users(app: AppTest, lang: str = "en") -> pd.DataFrame:
    return _table(app, "admin_communes", lang)


def _button(app: AppTest, label: str):
    return next(b for b in app.button if b.label == label)


def _page_text(app: AppTest) -> str:
    """Everything the page wrote as text or markdown (not its tables)."""
    parts = [
        e.value for kind in ("markdown", "caption", "title", "subheader") for e in app.get(kind)
    ]
    parts += [e.value for kind in ("error", "info", "success", "warning") for e in app.get(kind)]
    return "\n".join(str(p) for p in parts)


@pytest.fixture
def admin(sample_url, engine, load):
    """The sample loaded again by a clerk from the command line (it leaves its load
    entry), an editor and the administrator 'boss'; the administrator's id."""
    report = load(engine, SAMPLE_DIR, actor="clerk", source="cli")
    assert report.committed
    add_user(sample_url, "ed", "editor", communes=("الخنافيف",))
    return add_user(sample_url, "boss", "admin")


# --- pure ---------------------------------------------------------------------------------
def _en(key: str) -> str:
    return t(key, "en")


# (table, before, after, as the log reads it in English)
CHANGES = {
    "a new record": (
        "recommendations",
        None,
        {"title": "Puits", "progress": 10},
        f"{_en('meet_col_title')}: Puits; {_en('edit_initial_progress')}: 10%",
    ),
    "a change": (
        "status_updates",
        {"status": "planned", "progress": None},
        {"status": "completed", "progress": 100},
        f"{_en('status')}: {_en('status.planned')} → {_en('status.completed')}; "
        f"{_en('progress')}: — → 100%",
    ),
    "a removal": (
        "users",
        {"active": True},
        None,
        f"{_en('admin_active')}: {_en('audit_value_yes')} → —",
    ),
    "lists and nested values": (
        "load_runs",
        None,
        {"communes": [1, 3], "tables": {"meetings": {"inserted": 2}}},
        f"{_en('admin_communes')}: 1, 3; {_en('audit_field_tables')}: "
        f"{_en('data_status_table_meetings')}: 2 {_en('upload_inserted')}",
    ),
    "nothing recorded (an unlock)": ("users", None, None, ""),
    "direction controls made visible": (
        "meetings",
        None,
        {"title": "abc\u202egpj.exe"},
        f"{_en('meet_col_title')}: abc⟨U+202E⟩gpj.exe",
    ),
}


@pytest.mark.parametrize("name", CHANGES)
def test_before_and_after_read_as_field_before_arrow_after(name):
    table, before, after, expected = CHANGES[name]
    as_json = [None if v is None else json.dumps(v, ensure_ascii=False) for v in (before, after)]
    assert audit_view.changes_text(*as_json, "en", table) == expected


def test_labels_of_sources_actions_and_tables_in_every_language():
    for lang in LANGUAGES:
        assert audit_view.source_label("admin", lang) == t("audit_source_admin", lang)
        assert audit_view.action_label("password", lang) == t("audit_action_password", lang)
        assert audit_view.table_label("meetings", lang) == t("data_status_table_meetings", lang)
        assert audit_view.table_label("users", lang) == t("audit_table_users", lang)
    # Something no vocabulary knows is shown as it is, its controls made visible.
    assert audit_view.action_label("merge\u202e", "fr") == "merge⟨U+202E⟩"
    assert audit_view.page_count(0, 50) == 1 and audit_view.page_count(101, 50) == 3
    assert audit_view.commune_ids("3,1,3") == (1, 3) and audit_view.commune_ids(None) == ()


FORM = {
    "all well": ({}, {}),
    "too short": (
        {"password": "short1!", "again": "short1!"},
        {"password": "admin_password_too_short"},
    ),
    "the user name": (
        {"username": "mohammed.alami", "password": "Mohammed.Alami", "again": "Mohammed.Alami"},
        {"password": "admin_password_is_username"},
    ),
    "too simple": (
        {"password": "ab" * 6, "again": "ab" * 6},
        {"password": "admin_password_too_simple"},
    ),
    "typed differently": ({"again": GOOD + "x"}, {"again": "admin_passwords_differ"}),
    "a name with a space": ({"username": "two words"}, {"username": "admin_username_invalid"}),
    "an editor without commune": ({"communes": ()}, {"communes": "admin_communes_needed"}),
    "an association without one": (
        {"role": "association"},
        {"association": "admin_association_needed"},
    ),
}


@pytest.mark.parametrize("name", FORM)
def test_the_add_user_form_names_the_field_at_fault(name):
    changes, expected = FORM[name]
    fields = dict(username="newbie", display_name="", role="editor", communes=(1,))
    fields |= dict(association_id=None, password=GOOD, again=GOOD) | changes
    assert user_admin.new_user_problems(user_admin.NewUser(**fields), taken=False) == expected
    new = user_admin.NewUser(**fields)
    assert user_admin.new_user_problems(new, taken=True).get("username") == expected.get(
        "username", "admin_username_taken"
    )


# --- the queries, on both engines -----------------------------------------------------------
def _entries(engine) -> dict[str, int]:
    """Six entries on three days, by three actors through three sources; key -> id."""
    rows = [
        ("2026-03-01 09:00", "amina", "form", "recommendations", "R-100"),
        ("2026-03-01 10:00", "amina", "form", "recommendations", "R-101"),
        ("2026-03-02 11:00", "cli", "cli", "load_runs", "7"),
        ("2026-03-02 23:59", "boss", "admin", "users", "amina"),
        ("2026-03-03 00:00", "youssef", "upload", "meetings", "M-50%_A"),
        ("2026-03-03 08:00", "youssef", "upload", "recommendations", "r-1000"),
    ]
    with engine.begin() as conn:
        for when, actor, source, table, key in rows:
            at = dt.datetime.fromisoformat(when).replace(tzinfo=dt.UTC)
            change = Change(table, key, "update", {"a": 1}, {"a": 2})
            audit.record(conn, [change], actor=actor, source=source, at=at)
    return {key: id_ for id_, key in _sql(engine, "SELECT id, record_key FROM audit_log")}


FILTERS = {
    "everything, newest first": (
        audit_queries.AuditFilter(),
        ["r-1000", "M-50%_A", "amina", "7", "R-101", "R-100"],
    ),
    "one day, both ends": (
        audit_queries.AuditFilter(date_from=dt.date(2026, 3, 2), date_to=dt.date(2026, 3, 2)),
        ["amina", "7"],
    ),
    "from a day on": (
        audit_queries.AuditFilter(date_from=dt.date(2026, 3, 3)),
        ["r-1000", "M-50%_A"],
    ),
    "two actors": (
        audit_queries.AuditFilter(actors=("amina", "boss")),
        ["amina", "R-101", "R-100"],
    ),
    "a source": (audit_queries.AuditFilter(sources=("upload",)), ["r-1000", "M-50%_A"]),
    "a table": (audit_queries.AuditFilter(tables=("users", "load_runs")), ["amina", "7"]),
    "part of a key, any case": (
        audit_queries.AuditFilter(record_key="r-10"),
        ["r-1000", "R-101", "R-100"],
    ),
    "% and _ as themselves": (audit_queries.AuditFilter(record_key="50%_"), ["M-50%_A"]),
    "all together": (
        audit_queries.AuditFilter(
            date_to=dt.date(2026, 3, 1),
            actors=("amina",),
            tables=("recommendations",),
            record_key="101",
        ),
        ["R-101"],
    ),
}


def test_the_log_is_filtered_and_paged_in_sql(engine):
    ids = _entries(engine)
    for name, (f, expected) in FILTERS.items():
        rows = read_frame(engine, audit_queries.entries(f))
        assert rows["id"].tolist() == [ids[k] for k in expected], name
        assert read_frame(engine, audit_queries.entry_count(f))["count"].tolist() == [len(expected)]
    pages = [
        read_frame(engine, audit_queries.entries(audit_queries.AuditFilter(), 4, o)) for o in (0, 4)
    ]
    assert [len(p) for p in pages] == [4, 2]
    assert pages[1]["record_key"].tolist() == ["R-101", "R-100"]
    assert read_frame(engine, audit_queries.actor_options())["value"].tolist() == [
        "amina",
        "boss",
        "cli",
        "youssef",
    ]


def test_users_are_listed_with_their_communes_and_never_their_hashes(sample_url, engine):
    ed = add_user(sample_url, "ed", "editor", communes=("الخنافيف", 2))
    add_user(sample_url, "jam", "association", association=1)
    users = read_frame(engine, audit_queries.users())
    assert "password_hash" not in users.columns
    assert not any(str(v).startswith("$argon2") for v in users.astype(str).to_numpy().ravel())
    row = users.set_index("username").loc["ed"]
    assert audit_view.commune_ids(row["commune_ids"]) == (1, 2) and int(row["id"]) == ed
    association = _sql(engine, "SELECT name FROM associations WHERE id = 1")[0][0]
    assert users.set_index("username").loc["jam", "association"] == association


@pytest.mark.parametrize(
    "statement",
    ["UPDATE audit_log SET actor = 'nobody'", "DELETE FROM audit_log"],
)
def test_the_log_refuses_update_and_delete_in_sql(engine, statement):
    ids = _entries(engine)
    before = _sql(engine, "SELECT id, actor, after_json FROM audit_log ORDER BY id")
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text(statement))
    assert _sql(engine, "SELECT id, actor, after_json FROM audit_log ORDER BY id") == before
    assert len(before) == len(ids)


# --- who may open the page ------------------------------------------------------------------
def test_an_anonymous_visitor_gets_only_the_sign_in_form(admin, sample_url, engine, monkeypatch):
    entries = _audit_count(engine)
    for lang in LANGUAGES:
        app = _open(sample_url, monkeypatch, lang=lang)
        assert [ti.value for ti in app.title] == [t("sign_in", lang)]
        assert {w.key for w in app.text_input} == {"sign_in_username", "sign_in_password"}
        assert not app.dataframe and not app.tabs and not app.download_button
        assert not app.selectbox and not app.multiselect
        shown = _page_text(app)
        assert "boss" not in shown and "clerk" not in shown
    assert _audit_count(engine) == entries  # nothing was written by looking


def test_an_editor_is_not_allowed(admin, sample_url, monkeypatch):
    editor = _sql_user(sample_url, "ed")
    app = _open(sample_url, monkeypatch, lang="fr", user=editor)
    assert [e.value for e in app.error] == [t("not_allowed", "fr")]
    assert not app.dataframe and not app.tabs and not app.download_button


def _sql_user(url: str, username: str) -> int:
    from musharaka import db

    engine = db.make_engine(url)
    try:
        return _sql(engine, "SELECT id FROM users WHERE username = :u", u=username)[0][0]
    finally:
        engine.dispose()


# --- what an administrator sees ---------------------------------------------------------------
def test_admin_sees_the_users_and_the_audit_log(admin, sample_url, engine, monkeypatch):
    expected = _sql(engine, "SELECT id, actor, action, table_name FROM audit_log ORDER BY id DESC")
    for lang in LANGUAGES:
        app = _open(sample_url, monkeypatch, lang=lang, user=admin)
        users = _users(app, lang)
        assert users[t("username", lang)].tolist() == ["boss", "ed"]
        assert users[t("admin_role", lang)].tolist() == [
            t("role_admin", lang),
            t("role_editor", lang),
        ]
        assert users[t("admin_communes", lang)].tolist() == ["", "الخنافيف"]
        assert users[t("admin_active", lang)].tolist() == [True, True]
        log = _log(app, lang)
        assert log[t("audit_col_no", lang)].tolist() == [row[0] for row in expected]
        assert log[t("audit_col_actor", lang)].tolist() == [row[1] for row in expected]
        load_row = log[log[t("audit_col_actor", lang)] == "clerk"].iloc[-1]
        assert load_row[t("audit_col_action", lang)] == t("audit_action_load", lang)
        assert load_row[t("audit_col_source", lang)] == t("audit_source_cli", lang)
        assert load_row[t("audit_col_table", lang)] == t("audit_table_load_runs", lang)
        assert "khnafif.xlsx" in load_row[t("audit_col_changes", lang)]
        assert t("audit_found", lang).format(count=len(expected)) in _page_text(app)
    assert not any(str(v).startswith("$argon2") for v in users.astype(str).to_numpy().ravel())


def _fill_new_user(app: AppTest, lang: str = "en", **fields) -> AppTest:
    for key, value in fields.items():
        if key in ("username", "display", "pw", "again"):
            app.text_input(key=f"admin_add_{key}").input(value)
        elif key == "communes":
            for commune in value:
                app.multiselect(key="admin_add_communes").select(commune)
        else:
            app.selectbox(key=f"admin_add_{key}").select(value)
    return _button(app, t("admin_add_button", lang)).click().run()


def test_adding_a_user_leaves_one_entry_by_the_admin(admin, sample_url, engine, monkeypatch):
    before = _audit_count(engine)
    app = _open(sample_url, monkeypatch, lang="en", user=admin)
    app = _fill_new_user(
        app,
        username="Fatima",
        display="Fatima Z.",
        role="editor",
        communes=[1],
        pw=GOOD,
        again=GOOD,
    )
    assert not app.exception, app.exception
    assert [s.value for s in app.success] == ["User fatima added."]
    assert app.text_input(key="admin_add_username").value == ""  # the form is empty again
    users = _users(app)
    assert users["User name"].tolist() == ["boss", "ed", "fatima"]
    assert users.set_index("User name").loc["fatima", "Communes"] == "الخنافيف"
    assert _audit_count(engine) == before + 1
    entry = _sql(
        engine,
        "SELECT actor, source, action, table_name, record_key FROM audit_log"
        " ORDER BY id DESC LIMIT 1",
    )
    assert entry == [("boss", "admin", "insert", "users", "fatima")]
    assert _log(app).iloc[0]["Who"] == "boss"  # newest first
    # The new editor can sign in with the typed password.
    with engine.begin() as conn:
        assert auth.authenticate(conn, "fatima", GOOD).identity.commune_ids == {1}


def test_a_weak_password_is_refused_next_to_its_field(admin, sample_url, engine, monkeypatch):
    before = (_audit_count(engine), _sql(engine, "SELECT count(*) FROM users"))
    app = _open(sample_url, monkeypatch, lang="fr", user=admin)
    app = _fill_new_user(app, "fr", username="karim", communes=[1], pw="court", again="court")
    assert not app.exception, app.exception
    assert [e.value for e in app.error] == [t("admin_password_too_short", "fr")]
    assert not app.success
    assert app.text_input(key="admin_add_username").value == "karim"  # kept to correct
    assert (_audit_count(engine), _sql(engine, "SELECT count(*) FROM users")) == before
    # Corrected, it goes through.
    app = _fill_new_user(app, "fr", pw=GOOD, again=GOOD)
    assert [s.value for s in app.success] == ["Utilisateur karim ajouté."]


def test_an_admin_cannot_disable_themselves(admin, sample_url, engine, monkeypatch):
    before = _audit_count(engine)
    app = _open(sample_url, monkeypatch, lang="ar", user=admin)
    app.selectbox(key="admin_pick").select("boss").run()
    app.button(key="admin_toggle").click().run()
    assert not app.exception
    assert [e.value for e in app.error] == [t("admin_cannot_disable_self", "ar")]
    assert _sql(engine, "SELECT active FROM users WHERE username = 'boss'") in ([(True,)], [(1,)])
    assert _audit_count(engine) == before


def test_disable_unlock_role_and_password_each_leave_their_entry(
    admin, sample_url, engine, monkeypatch
):
    ed = _sql_user(sample_url, "ed")
    with engine.begin() as conn:  # five wrong passwords lock the account
        for _ in range(auth.MAX_FAILURES):
            auth.authenticate(conn, "ed", "wrong password")
    start = _audit_count(engine)
    app = _open(sample_url, monkeypatch, lang="en", user=admin)
    app.selectbox(key="admin_pick").select("ed").run()
    assert "Locked until" in app.caption[0].value
    app.button(key="admin_unlock").click().run()
    assert [s.value for s in app.success] == ["ed is unlocked."]
    app.button(key="admin_toggle").click().run()
    assert [s.value for s in app.success] == ["ed is disabled."]
    assert _users(app).set_index("User name").loc["ed", "Active"] == False  # noqa: E712
    app.button(key="admin_toggle").click().run()
    assert [s.value for s in app.success] == ["ed is enabled."]

    form = f"admin_role_{ed}"
    app.multiselect(key=f"{form}_communes").select(2)
    _button(app, "Save").click().run()
    assert [s.value for s in app.success] == ["The role of ed is changed."]
    app.selectbox(key=f"{form}_role").select("association")
    _button(app, "Save").click().run()
    assert [e.value for e in app.error] == [t("admin_association_needed", "en")]

    form = f"admin_password_{ed}"
    app.text_input(key=f"{form}_pw").input(GOOD)
    app.text_input(key=f"{form}_again").input(GOOD + "!")
    _button(app, "Save the password").click().run()
    assert [e.value for e in app.error] == [t("admin_passwords_differ", "en")]
    app.text_input(key=f"{form}_again").input(GOOD)
    _button(app, "Save the password").click().run()
    assert [s.value for s in app.success] == ["The password of ed is changed."]
    assert not app.exception

    entries = _sql(
        engine,
        "SELECT actor, source, action, record_key, after_json FROM audit_log"
        " WHERE id > :n ORDER BY id",
        n=start,
    )
    assert [(a, s, act, k) for a, s, act, k, _ in entries] == [
        ("boss", "admin", action, "ed")
        for action in ("unlock", "disable", "enable", "update", "password")
    ]
    assert json.loads(entries[3][4]) == {"communes": [1, 2]}
    assert PASSWORD not in str(entries) and GOOD not in str(entries)
    with engine.begin() as conn:
        assert auth.authenticate(conn, "ed", GOOD).identity.commune_ids == {1, 2}


# --- the log: filters, pages, export, hostile text ---------------------------------------------
def test_filters_narrow_the_log_and_stay_in_the_url(admin, sample_url, engine, monkeypatch):
    app = _open(sample_url, monkeypatch, lang="en", user=admin)
    everything = len(_log(app))
    app.multiselect(key="audit_actor").select("clerk").run()
    clerk = _sql(engine, "SELECT id FROM audit_log WHERE actor = 'clerk' ORDER BY id DESC")
    assert _log(app)["No."].tolist() == [row[0] for row in clerk] and len(clerk) < everything
    assert app.query_params["actor"] == "clerk"
    app.multiselect(key="audit_table").select("load_runs").run()
    assert len(_log(app)) == 1
    app.multiselect(key="audit_actor").unselect("clerk").run()
    app.multiselect(key="audit_table").unselect("load_runs").run()
    app.text_input(key="audit_record").input("ed").run()
    assert set(_log(app)["Record"]) == {"ed"}
    assert app.query_params["record"] == "ed"
    # A shared link opens on its filters.
    tomorrow = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).date().isoformat()
    app = _open(sample_url, monkeypatch, user=admin, params={"lang": "en", "from": tomorrow})
    assert _log(app).empty and [i.value for i in app.info] == [t("audit_no_match", "en")]
    link = {"lang": "en", "source": "cli", "actor": "test"}  # conftest's add_user
    app = _open(sample_url, monkeypatch, user=admin, params=link)
    assert _log(app)["Record"].tolist() == ["boss", "ed"]
    assert set(_log(app)["Source"]) == {"Command line"}


def test_long_logs_are_paged(admin, sample_url, engine, monkeypatch):
    with engine.begin() as conn:
        changes = [
            Change("meetings", f"M-{i}", "update", {"a": i}, {"a": i + 1}) for i in range(60)
        ]
        audit.record(conn, changes, actor="bulk", source="form")
    total = _audit_count(engine)
    app = _open(sample_url, monkeypatch, user=admin, params={"lang": "en", "actor": "bulk"})
    assert len(_log(app)) == audit_queries.PAGE_SIZE
    app = _open(
        sample_url, monkeypatch, user=admin, params={"lang": "en", "actor": "bulk", "page": "2"}
    )
    second = _log(app)
    assert len(second) == 60 - audit_queries.PAGE_SIZE
    assert second["Record"].tolist()[-1] == "M-0"
    assert _audit_count(engine) == total


def _csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def _xlsx_rows(data: bytes) -> list[dict]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_the_export_holds_the_rows_shown(admin, sample_url, engine, monkeypatch, downloads):
    with engine.begin() as conn:
        hostile = Change("users", "=cmd|'/c calc'!A1", "update", {"note": 1}, {"note": 2})
        audit.record(conn, [hostile], actor="@boss", source="admin")
    app = _open(sample_url, monkeypatch, user=admin, params={"lang": "fr", "table": "users"})
    shown = _log(app, "fr")
    assert len(shown) == 3 and [b.disabled for b in app.download_button] == [False, False]
    when = t("audit_col_at", "fr")
    # Text a spreadsheet would run as a formula gets a leading quote in the files.
    expected = [
        {name: str(exports.neutralise(value)) for name, value in row.items() if name != when}
        for row in shown.to_dict("records")
    ]
    for rows in (
        _csv_rows(downloads["audit_log.csv"]()),
        _xlsx_rows(downloads["audit_log.xlsx"]()),
    ):
        assert list(rows[0]) == list(shown.columns)
        assert [{n: str(v) for n, v in r.items() if n != when} for r in rows] == expected
        assert [pd.Timestamp(r[when]) for r in rows] == shown[when].tolist()
        assert rows[0]["Enregistrement"] == "'=cmd|'/c calc'!A1"
        assert rows[0]["Auteur"] == "'@boss"
    assert shown["Enregistrement"].iloc[0] == "=cmd|'/c calc'!A1"  # the page shows it as is


def test_markup_and_direction_controls_are_shown_as_text(admin, sample_url, engine, monkeypatch):
    key = "<script>alert('x')</script>\u202eexe.txt"
    value = "<img src=x onerror=alert(1)> **bold** \u2067عربي\u2069"
    with engine.begin() as conn:
        audit.record(
            conn,
            [Change("meetings", key, "update", {"title": "old"}, {"title": value})],
            actor="<b>mallory</b>",
            source="form",
        )
    app = _open(sample_url, monkeypatch, lang="en", user=admin)
    row = _log(app).iloc[0]
    assert row["Record"] == "<script>alert('x')</script>⟨U+202E⟩exe.txt"
    assert row["Changes (before → after)"] == (
        f"{_en('meet_col_title')}: old → <img src=x onerror=alert(1)> **bold** ⟨U+2067⟩عربي⟨U+2069⟩"
    )
    assert row["Who"] == "<b>mallory</b>"
    page = _page_text(app)
    assert "<script" not in page and "<img" not in page and "\u202e" not in page
    assert "mallory" not in page


def test_a_user_without_a_lock_shows_no_raw_value_in_locked_until():
    from musharaka.views.admin import users_table

    future = pd.Timestamp.now(tz="UTC").tz_localize(None) + pd.Timedelta(hours=1)
    users = pd.DataFrame(
        {
            "username": ["amina", "ed"],
            "display_name": ["Amina", None],
            "role": ["admin", "editor"],
            "commune_ids": ["", ""],
            "association": [None, None],
            "active": [True, True],
            "locked_until": [None, future],
            "last_sign_in_at": [None, None],
        }
    )
    table = users_table(users, {}, "fr")
    assert table[t("admin_locked_until", "fr")].tolist() == ["", f"{future:%Y-%m-%d %H:%M}"]
    assert table[t("admin_last_sign_in", "fr")].tolist() == ["", ""]
