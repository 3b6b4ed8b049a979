"""Access on every page, not only in the menu: an anonymous visitor who switches straight
to an editing or admin page gets the sign-in form and nothing else; each role sees the
pages meant for it; signing in and out, wrong passwords and idle sessions behave as a
user expects; public pages offer nothing that edits."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from conftest import PASSWORD, add_user, run_page
from musharaka.access import SESSION_KEY
from musharaka.i18n import t
from musharaka.ui import navigation

RESTRICTED = [(entry.path, entry.roles) for entry in navigation.RESTRICTED]
PUBLIC = [entry.path for entry in navigation.PUBLIC]
ROLES = {"association", "editor", "admin"}


def _texts(app: AppTest) -> str:
    parts = [
        e.value for kind in ("markdown", "title", "info", "error", "caption") for e in app.get(kind)
    ]
    return "\n".join(str(p) for p in parts)


def _only_sign_in_form(app: AppTest, lang: str) -> None:
    assert not app.exception, app.exception
    assert [e.value for e in app.title] == [t("sign_in", lang)]
    assert {w.label for w in app.text_input} == {t("username", lang), t("password", lang)}
    # Nothing of the page behind: no tables, charts, uploads, other inputs or choices.
    for kind in (
        "dataframe",
        "plotly_chart",
        "selectbox",
        "multiselect",
        "number_input",
        "text_area",
        "date_input",
        "file_uploader",
        "download_button",
        "metric",
    ):
        assert not app.get(kind), kind


@pytest.mark.parametrize(("page", "roles"), RESTRICTED)
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_anonymous_visitor_gets_only_the_sign_in_form(page, roles, lang, sample_url, monkeypatch):
    app = run_page(page, sample_url, monkeypatch, lang=lang)
    _only_sign_in_form(app, lang)
    assert t("sign_in_needed", lang) in _texts(app)


@pytest.fixture
def users(sample_url):
    return {
        "association": add_user(sample_url, "assoc", "association", association=1),
        "editor": add_user(sample_url, "editor", "editor", communes=["الخنافيف"]),
        "admin": add_user(sample_url, "admin", "admin"),
    }


@pytest.mark.parametrize(("page", "roles"), RESTRICTED)
def test_each_role_sees_only_its_pages(page, roles, users, sample_url, monkeypatch):
    for role, user_id in users.items():
        app = run_page(page, sample_url, monkeypatch, lang="en", user=user_id)
        assert not app.exception, (role, app.exception)
        allowed = role in roles or (role == "admin" and "editor" in roles)
        refused = t("not_allowed", "en") in [e.value for e in app.error]
        assert refused != allowed, (page, role)
        assert t("sign_in_needed", "en") not in _texts(app)


def test_menu_lists_only_what_the_user_may_open(users, sample_url, monkeypatch):
    def links(user_id):
        app = run_page("dashboard.py", sample_url, monkeypatch, lang="en", user=user_id)
        return {e.proto.page for e in app.get("page_link")}

    anonymous = links(None)
    assert not anonymous & {"Edit", "Upload", "Field_reports", "Admin"}
    assert "Sign_in" in anonymous
    editor = links(users["editor"])
    assert {"Edit", "Upload", "Field_reports"} <= editor and "Admin" not in editor
    assert {"Field_reports"} <= links(users["association"])
    assert not links(users["association"]) & {"Edit", "Upload", "Admin"}
    assert {"Edit", "Upload", "Field_reports", "Admin"} <= links(users["admin"])


def _sign_in(app: AppTest, username: str, password: str) -> AppTest:
    app.text_input(key="sign_in_username").input(username)
    app.text_input(key="sign_in_password").input(password)
    return _submit(app)


def _submit(app: AppTest) -> AppTest:
    (submit,) = [b for b in app.get("button") if b.proto.is_form_submitter]
    return submit.click().run()


def test_sign_in_through_the_form_opens_the_page(users, sample_url, monkeypatch):
    app = run_page("pages/10_Admin.py", sample_url, monkeypatch, lang="en")
    _only_sign_in_form(app, "en")
    app = _sign_in(app, "ADMIN", PASSWORD)
    assert not app.exception, app.exception
    assert t("sign_in_needed", "en") not in _texts(app)
    assert app.session_state[SESSION_KEY][0] == users["admin"]


def test_wrong_password_is_told_and_the_page_stays_closed(users, sample_url, monkeypatch):
    app = run_page("pages/7_Edit.py", sample_url, monkeypatch, lang="fr")
    app = _sign_in(app, "editor", "not-the-password")
    assert t("sign_in_failed", "fr") in [e.value for e in app.error]
    _only_sign_in_form(app, "fr")


def test_five_failures_lock_the_account_without_saying_so(users, sample_url, monkeypatch):
    app = run_page("pages/7_Edit.py", sample_url, monkeypatch, lang="en")
    for attempt in range(5):
        app = _sign_in(app, "editor", f"wrong password {attempt}")
    app = _sign_in(app, "editor", PASSWORD)  # the right one, too late
    assert [e.value for e in app.error] == [t("sign_in_failed", "en")]
    _only_sign_in_form(app, "en")
    # The administrator sees the lock on the admin page.
    admin = run_page("pages/10_Admin.py", sample_url, monkeypatch, lang="en", user=users["admin"])
    admin.selectbox(key="admin_pick").select("editor").run()
    assert "Locked until" in admin.caption[0].value
    assert not admin.button(key="admin_unlock").disabled


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_unknown_locked_and_wrong_get_one_message(lang, users, sample_url, monkeypatch):
    app = run_page("pages/11_Sign_in.py", sample_url, monkeypatch, lang=lang)
    for attempt in range(5):  # the account "assoc" is locked now
        app = _sign_in(app, "assoc", f"wrong password {attempt}")
    messages = {}
    for case, username, password in (
        ("unknown", "nobody", PASSWORD),
        ("locked", "assoc", PASSWORD),
        ("wrong password", "editor", "not-the-password"),
    ):
        app = run_page("pages/11_Sign_in.py", sample_url, monkeypatch, lang=lang)
        app = _sign_in(app, username, password)
        messages[case] = [e.value for e in app.error]
    assert messages == {case: [t("sign_in_failed", lang)] for case in messages}, messages


def test_sign_out_closes_the_page_again(users, sample_url, monkeypatch):
    app = run_page("pages/11_Sign_in.py", sample_url, monkeypatch, lang="en", user=users["editor"])
    assert not app.exception, app.exception
    app.button(key="sign_out_page_button").click().run()
    assert SESSION_KEY not in app.session_state
    assert t("signed_out", "en") in [e.value for e in app.info]
    app.switch_page("pages/7_Edit.py").run()
    _only_sign_in_form(app, "en")


def test_idle_session_ends(users, sample_url, monkeypatch):
    monkeypatch.setenv("MUSHARAKA_SESSION_MINUTES", "30")
    app = run_page("pages/7_Edit.py", sample_url, monkeypatch, lang="en", user=users["editor"])
    assert t("sign_in_needed", "en") not in _texts(app)
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=31)
    app.session_state[SESSION_KEY] = (users["editor"], long_ago)
    app.run()
    _only_sign_in_form(app, "en")
    assert t("session_expired", "en") in [e.value for e in app.info]


def test_disabled_user_loses_the_open_session(users, sample_url, monkeypatch):
    from musharaka import auth, db

    app = run_page("pages/7_Edit.py", sample_url, monkeypatch, lang="en", user=users["editor"])
    assert t("sign_in_needed", "en") not in _texts(app)
    engine = db.make_engine(sample_url)
    with engine.begin() as conn:
        auth.set_active(conn, "editor", False, actor="admin", source="admin")
    engine.dispose()
    app.run()
    _only_sign_in_form(app, "en")


@pytest.mark.parametrize("page", PUBLIC)
def test_public_pages_offer_nothing_that_edits(page, users, sample_url, monkeypatch):
    for user_id in (None, users["admin"]):
        app = run_page(page, sample_url, monkeypatch, lang="en", user=user_id)
        assert not app.exception, app.exception
        assert not app.get("file_uploader")
        assert not [b for b in app.get("button") if b.proto.is_form_submitter]
        assert not app.get("text_area")
