"""Following through the pages: the form of a commune's overview, an association's page and
a recommendation's view; the page the e-mails' links open; an editor's offer to an
association; and the one-click unsubscribe (RFC 8058) POSTed to a running server. The
address typed is never shown back."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from sqlalchemy import func, select
from test_notify import (
    PUBLIC,
    association_id,
    commune_id,
    follow_and_confirm,
    link_in,
    load_base,
    load_updates,
    rec_id,
    text_of,
    token_of,
)
from test_privacy import rendered_text

from conftest import add_user, run_page
from musharaka.i18n import t
from musharaka.models import Follower
from musharaka.services import notify

ADDRESS = "reader@example.org"


def shown(app) -> str:
    """Everything the page sent to the browser (tests/test_privacy.py)."""
    return rendered_text(app)


def fill_form(app, key: str, email: str, lang: str, frequency: str = "immediate"):
    app.text_input(key=f"{key}_email").input(email)
    app.selectbox(key=f"{key}_lang").set_value(lang)
    app.radio(key=f"{key}_frequency").set_value(frequency)
    return app.button(key=f"{key}_submit").click().run()


def test_following_a_commune_through_its_page_end_to_end(
    engine, db_url, sink, tmp_path, monkeypatch
):
    """Follow from the overview filtered to the commune, confirm through the e-mail's link
    opened on the Follow page, then a status update loaded from a file: exactly one alert,
    in the language chosen."""
    load_base(engine, tmp_path / "base")
    commune = commune_id(engine)
    app = run_page(
        "pages/0_Overview.py", db_url, monkeypatch, lang="en", params={"commune": str(commune)}
    )
    assert not app.exception
    app = fill_form(app, f"follow_commune_{commune}", ADDRESS, "fr")
    assert not app.exception
    assert [s.value for s in app.success] == [t("follow_check_inbox", "en")]
    assert ADDRESS not in shown(app)  # not even to whoever typed it
    notify.run(engine)
    (confirmation,) = sink.messages
    assert confirmation["To"] == ADDRESS and confirmation["Content-Language"] == "fr"
    link = link_in(confirmation, "/Follow")
    page = run_page(
        "pages/12_Follow.py", db_url, monkeypatch, lang="en", params={"token": token_of(link)}
    )
    assert not page.exception
    assert page.title[0].value == t("follow_page_title", "fr")  # the follower's language
    assert "la commune de" in page.success[0].value
    assert ADDRESS not in shown(page)
    sink.clear()
    load_updates(engine, tmp_path / "u", [["R3", "2024-05-01", "in_progress", "25", "x"]])
    assert notify.run(engine).sent == 1
    (alert,) = sink.messages
    assert alert["To"] == ADDRESS
    assert alert["Subject"] == "la commune de Lakhnafif : 1 changement(s)"
    assert "(R3)" in text_of(alert)


def test_the_form_on_a_recommendation_and_on_an_association(
    engine, db_url, sink, tmp_path, monkeypatch
):
    load_base(engine, tmp_path / "base")
    rec = rec_id(engine, "R1")
    app = run_page(
        "pages/1_Recommendations.py", db_url, monkeypatch, lang="ar", params={"rec": "R1"}
    )
    app = fill_form(app, f"follow_recommendation_{rec}", ADDRESS, "ar")
    assert [s.value for s in app.success] == [t("follow_check_inbox", "ar")]
    association = association_id(engine)
    app = run_page(
        "pages/3_Associations.py",
        db_url,
        monkeypatch,
        lang="fr",
        params={"association": str(association)},
    )
    app = fill_form(app, f"follow_association_{association}", "other@example.org", "fr")
    assert [s.value for s in app.success] == [t("follow_check_inbox", "fr")]
    # A wrong address is said so; nothing is queued for it.
    app = run_page(
        "pages/1_Recommendations.py", db_url, monkeypatch, lang="en", params={"rec": "R1"}
    )
    app = fill_form(app, f"follow_recommendation_{rec}", "not-an-address", "en")
    assert [e.value for e in app.error] == [t("follow_bad_email", "en")]
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Follower)).scalar() == 2


def test_an_editor_offers_an_association_to_follow_its_recommendations(
    engine, db_url, sink, tmp_path, monkeypatch
):
    load_base(engine, tmp_path / "base")
    association = association_id(engine)
    editor = add_user(db_url, "editor1", "editor", communes=["Khnafif"])
    app = run_page(
        "pages/3_Associations.py",
        db_url,
        monkeypatch,
        lang="en",
        params={"association": str(association)},
        user=editor,
    )
    assert "contact@tilelli" not in shown(app)
    app = app.button(key="follow_offer").click().run()
    assert [s.value for s in app.success] == [t("follow_offered", "en")]
    assert "contact@tilelli" not in shown(app)
    notify.run(engine)
    (confirmation,) = sink.messages
    assert confirmation["To"] == "contact@tilelli.example.org"
    # A visitor is not offered the button.
    app = run_page(
        "pages/3_Associations.py",
        db_url,
        monkeypatch,
        lang="en",
        params={"association": str(association)},
    )
    assert not [b for b in app.button if b.key == "follow_offer"]


def test_an_invalid_link_changes_nothing_and_says_so(engine, db_url, sink, tmp_path, monkeypatch):
    load_base(engine, tmp_path / "base")
    app = run_page("pages/12_Follow.py", db_url, monkeypatch, lang="fr", params={"token": "x.y"})
    assert not app.exception
    assert app.warning[0].value == t("follow_link_invalid", "fr")


@pytest.mark.browser
def test_one_click_unsubscribe_is_a_post_to_the_running_server(engine, db_url, sink, tmp_path):
    """RFC 8058: the mail client POSTs `List-Unsubscribe=One-Click` to the List-Unsubscribe
    address; `streamlit run serve.py` answers it, beside the pages."""
    from browser import start_server

    load_base(engine, tmp_path / "base")
    confirmation = follow_and_confirm(engine, sink, ADDRESS, "commune", commune_id(engine), "en")
    one_click = confirmation["List-Unsubscribe"].strip("<>")
    server = start_server(db_url, tmp_path / "server.log")
    try:
        local = one_click.replace(PUBLIC, server.url(""))
        with urllib.request.urlopen(server.url("/")) as page:  # the pages are still served
            assert page.status == 200
        with pytest.raises(urllib.error.HTTPError) as refused:  # not a one-click body
            urllib.request.urlopen(urllib.request.Request(local, data=b"x=y", method="POST"))
        assert refused.value.code == 400
        request = urllib.request.Request(
            local,
            data=b"List-Unsubscribe=One-Click",
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        with urllib.request.urlopen(request) as answer:
            assert answer.status == 200
        with engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(Follower)).scalar() == 0
        with pytest.raises(urllib.error.HTTPError) as gone:
            urllib.request.urlopen(request)
        assert gone.value.code == 404
    finally:
        server.stop()
