"""Navigation: every page is listed once, in the menu's order, at the address Streamlit
gives its file (the same whether the entry script routes it or a fresh server serves the
file directly); the entry script opens each page with its URL's parameters; the menu lists
only what the visitor may open, in that order."""

from __future__ import annotations

import pytest
from streamlit.source_util import page_icon_and_name

from conftest import PROJECT_ROOT, add_user, run_page
from musharaka.access import SIGN_IN_PAGE
from musharaka.i18n import t
from musharaka.ui import navigation

PAGE_FILES = sorted(p.relative_to(PROJECT_ROOT).as_posix() for p in PROJECT_ROOT.glob("pages/*.py"))


def test_every_page_file_is_listed_once():
    listed = [entry.path for entry in navigation.PAGES]
    assert sorted(listed) == PAGE_FILES
    assert len(set(listed)) == len(listed)


def test_each_page_keeps_the_address_of_its_file():
    # A fresh server serves pages/1_Recommendations.py at /Recommendations before any
    # session has run the entry script; the routed page must answer at the same address.
    home, *others = navigation.PAGES
    assert home.url_path == ""
    for entry in others:
        assert entry.url_path == page_icon_and_name(PROJECT_ROOT / entry.path)[1], entry.path
    assert len({e.url_path for e in navigation.PAGES}) == len(navigation.PAGES)


def test_file_numbers_follow_the_menu_order():
    numbers = [int(entry.path.split("/")[1].split("_")[0]) for entry in navigation.PAGES]
    assert numbers == sorted(numbers)


def test_the_sign_in_link_names_the_sign_in_page():
    assert navigation.SIGN_IN.path == SIGN_IN_PAGE


def _title_of(app) -> str:
    assert not app.exception, app.exception
    return app.title[0].value


# The heading each page shows, where it is not its menu name.
# Signed in, the sign-in page is the account's.
HEADINGS = {
    "": "app_title",
    "Upload": "upload_title",
    "Public_display": "app_title",
    "Sign_in": "account_title",
}


@pytest.mark.parametrize("entry", navigation.PAGES, ids=lambda e: e.url_path or "root")
def test_the_entry_script_opens_each_page(entry, sample_url, monkeypatch):
    admin = add_user(sample_url, "nav-admin", "admin")
    app = run_page(entry.path, sample_url, monkeypatch, lang="fr", user=admin)
    heading = t(HEADINGS.get(entry.url_path, entry.title_key), "fr")
    assert _title_of(app).startswith(heading)


def test_the_menu_lists_the_pages_in_order(sample_url, monkeypatch):
    admin = add_user(sample_url, "nav-admin2", "admin")
    anonymous = run_page("dashboard.py", sample_url, monkeypatch, lang="fr")
    labels = [link.proto.label for link in anonymous.get("page_link")]
    public = [t(e.title_key, "fr") for e in navigation.PAGES if e.in_menu and not e.roles]
    assert labels[: len(public)] == public
    assert t("nav_edit", "fr") not in labels and t("nav_admin", "fr") not in labels
    signed_in = run_page("dashboard.py", sample_url, monkeypatch, lang="fr", user=admin)
    labels = [link.proto.label for link in signed_in.get("page_link")]
    every = [t(e.title_key, "fr") for e in navigation.PAGES if e.in_menu]
    assert labels == every


def test_a_shared_link_keeps_its_parameters_through_the_entry_script(sample_url, monkeypatch):
    app = run_page(
        "pages/1_Recommendations.py", sample_url, monkeypatch, lang="fr", params={"q": "eau"}
    )
    assert _title_of(app) == t("recommendations", "fr")
    (search,) = [w for w in app.text_input if w.value == "eau"]
    assert search.value == "eau"
