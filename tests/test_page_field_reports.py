"""Field reports (pages/9_Field_reports.py, services/field_reports.py): an association reports
on the recommendations it proposed and sees what became of its reports; an editor of the
commune approves (the report becomes a status update) or rejects it, once; nobody else
sees or decides anything; every write leaves its audit entry."""

from __future__ import annotations

import datetime as dt
import re
import threading

import pytest
import streamlit as st
from reading import data_html, tables
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from conftest import add_user, identity, run_page
from musharaka import ui
from musharaka.charts import status_text
from musharaka.i18n import t
from musharaka.services import field_reports
from musharaka.views.recommendations import safe_href

PAGE = "pages/9_Field_reports.py"
COMMUNE = "الخنافيف"  # commune 1 of the sample
OTHER_COMMUNE = "Tala Ouzrou"
HOSTILE_NOTE = (
    '<script>alert("x")</script> <b>**gras**</b> [lien](javascript:alert(1)) '
    '\u202egnp.exe =HYPERLINK("http://evil.example";"clic") +1 @SUM(A1)'
)
UNESCAPED_TAG = re.compile(r"(?<!\\)<(script|img|b)\b")
HOSTILE_EVIDENCE = "https://example.org/<img src=x onerror=alert(1)>/\u202efdp.exe?q==1+1"


# --- the sample's people --------------------------------------------------------------------
def _sql(engine, sql: str, **params) -> list:
    with engine.connect() as conn:
        return conn.execute(text(sql), params).all()


def _count(engine, sql: str, **params) -> int:
    return _sql(engine, sql, **params)[0][0]


@pytest.fixture
def people(sample_url, engine):
    """An association proposing recommendations in the first commune, another one, their
    users, an editor of that commune, an editor of another commune and an admin."""
    own, other = (
        row[0]
        for row in _sql(
            engine,
            "SELECT p.association_id FROM recommendation_proposers p "
            "JOIN recommendations r ON r.id = p.recommendation_id JOIN communes c "
            "ON c.id = r.commune_id WHERE c.name = :commune GROUP BY p.association_id "
            "ORDER BY count(*) DESC, p.association_id LIMIT 2",
            commune=COMMUNE,
        )
    )
    mine = "SELECT recommendation_id FROM recommendation_proposers WHERE association_id = :a"
    own_recs = {r[0] for r in _sql(engine, mine, a=own)}
    other_recs = {r[0] for r in _sql(engine, mine, a=other)} - own_recs
    info = {
        "own": own,
        "other": other,
        "own_name": _sql(engine, "SELECT name FROM associations WHERE id = :a", a=own)[0][0],
        "own_recs": own_recs,
        "own_rec": min(own_recs),
        "other_rec": min(other_recs),
        "association_user": add_user(sample_url, "assoc-own", "association", association=own),
        "other_user": add_user(sample_url, "assoc-other", "association", association=other),
        "editor": add_user(sample_url, "editor-khn", "editor", communes=(COMMUNE,)),
        "far_editor": add_user(sample_url, "editor-tala", "editor", communes=(OTHER_COMMUNE,)),
        "admin": add_user(sample_url, "admin-1", "admin"),
    }
    return info


def _code(engine, recommendation_id: int) -> str:
    return _sql(engine, "SELECT code FROM recommendations WHERE id = :r", r=recommendation_id)[0][0]


def _submit(engine, people, recommendation=None, user="association_user", **fields):
    """A report sent by `people[user]` (the association's user unless named), on its own
    recommendation unless another is named, with ordinary values unless given."""
    values = {
        "date": dt.date.today(),
        "status": "stalled",
        "progress": "35",
        "note": "The works stopped at the douar's entrance.",
        "evidence_url": "https://example.org/photo.jpg",
        **fields,
    }
    sender = identity(engine, people[user])
    return field_reports.submit(engine, sender, recommendation or people["own_rec"], **values)


def _report(engine, report_id: int):
    return _sql(engine, "SELECT * FROM field_reports WHERE id = :i", i=report_id)[0]._mapping


def _audit(engine, action: str) -> list:
    return _sql(
        engine,
        "SELECT actor, source, record_key, after_json FROM audit_log WHERE action = :a ORDER BY id",
        a=action,
    )


def _open(url, monkeypatch, user=None, lang="en", **options) -> AppTest:
    app = run_page(PAGE, url, monkeypatch, user=user, lang=lang, **options)
    assert not app.exception, app.exception
    return app


def _table(app: AppTest, column_key: str, lang: str = "en"):
    label = t(column_key, lang)
    return next(d.value for d in app.dataframe if label in d.value.columns)


def _errors(app: AppTest) -> list[str]:
    return [e.value for e in app.error]


# --- pure: the form's values are read as the ETL reads a file --------------------------------
TODAY = dt.date(2026, 3, 15)


@pytest.mark.parametrize(
    ("fields", "expected", "problems"),
    [
        ({}, {"date": TODAY, "status": "in_progress", "progress": 45.0}, {}),
        ({"date": "16/02/2026", "progress": "٤٥٪"}, {"date": dt.date(2026, 2, 16)}, {}),
        ({"date": "١٦ فبراير ٢٠٢٦", "status": "en cours"}, {"status": "in_progress"}, {}),
        ({"status": "منجزة", "progress": ""}, {"status": "completed", "progress": None}, {}),
        ({"date": "31/02/2026"}, {}, {"date": "bad_date"}),
        ({"date": "2026-03-16"}, {}, {"date": "date_in_future"}),
        ({"date": ""}, {}, {"date": "missing_required"}),
        ({"status": "peut-être"}, {}, {"status": "unknown_value"}),
        ({"status": None}, {}, {"status": "missing_required"}),
        ({"progress": "150"}, {}, {"progress": "out_of_range"}),
        ({"progress": "beaucoup"}, {}, {"progress": "bad_number"}),
        ({"note": "   "}, {}, {"note": "missing_required"}),
        ({"note": "x" * (field_reports.NOTE_MAX + 1)}, {}, {"note": "too_long"}),
        ({"evidence_url": "javascript:alert(1)"}, {}, {"evidence_url": "not_web_address"}),
        ({"evidence_url": "JaVaScRiPt:alert(1)"}, {}, {"evidence_url": "not_web_address"}),
        ({"evidence_url": "data:text/html,<b>x</b>"}, {}, {"evidence_url": "not_web_address"}),
        ({"evidence_url": "www.example.org/x"}, {}, {"evidence_url": "not_web_address"}),
        ({"evidence_url": "ftp://example.org/x"}, {}, {"evidence_url": "not_web_address"}),
        (
            {"evidence_url": " https://example.org/a b "},
            {"evidence_url": "https://example.org/a b"},
            {},
        ),
        ({"evidence_url": ""}, {"evidence_url": None}, {}),
        (
            {"date": "demain", "progress": "-3", "note": None, "evidence_url": "file:///etc"},
            {},
            {
                "date": "bad_date",
                "progress": "out_of_range",
                "note": "missing_required",
                "evidence_url": "not_web_address",
            },
        ),
    ],
)
def test_the_form_is_read_with_the_etl_parsers(fields, expected, problems):
    given = {
        "date": "2026-03-15",
        "status": "in_progress",
        "progress": "45",
        "note": "  seen  ",
        "evidence_url": "https://example.org/x",
        **fields,
    }
    values, found = field_reports.check_report(**given, today=TODAY)
    assert found == problems
    for name, value in expected.items():
        assert values[name] == value
    if not problems:
        assert values["note"] == (given["note"] or "").strip()


def test_every_reason_has_a_message_in_every_language():
    reasons = {
        "missing_required",
        "bad_date",
        "date_in_future",
        "bad_number",
        "out_of_range",
        "unknown_value",
        "too_long",
        "not_web_address",
        "not_yours",
        "not_found",
        "already_decided",
        "reason_required",
        "not_allowed",
        "already_in_history",
        "refused",
    }
    for reason in reasons:
        texts = {field_reports.problem_text(reason, lang) for lang in ("ar", "fr", "en")}
        assert len(texts) == 3


# --- who sees what -------------------------------------------------------------------------
def test_an_anonymous_visitor_gets_only_the_sign_in_form(people, sample_url, engine, monkeypatch):
    assert _submit(engine, people).done
    for lang in ("ar", "fr", "en"):
        app = _open(sample_url, monkeypatch, lang=lang)
        assert [x.value for x in app.title] == [t("sign_in", lang)]
        assert {w.label for w in app.text_input} == {t("username", lang), t("password", lang)}
        assert not app.dataframe and not app.selectbox and not app.text_area
        shown = " ".join(str(e.proto) for e in app.main)
        assert "douar's entrance" not in shown and _code(engine, people["own_rec"]) not in shown


def test_the_public_reads_a_report_only_once_an_editor_approved_it(
    people, sample_url, engine, monkeypatch
):
    code = _code(engine, people["own_rec"])
    report = _submit(engine, people, note="Seen by the association on Monday")
    detail = _public_detail(sample_url, monkeypatch, code)
    assert "Seen by the association" not in " ".join(str(e.proto) for e in detail.main)
    entries_before = len(tables(detail)[0])
    assert field_reports.approve(engine, identity(engine, people["editor"]), report.report_id).done
    st.cache_data.clear()  # as the page does after a decision
    detail = _public_detail(sample_url, monkeypatch, code)
    history = tables(detail)[0]
    # The public reads the approved update, but not its free note, which can name people.
    assert len(history) == entries_before + 1
    assert history[t("status", "en")].iloc[-1] == status_text("stalled", "en")
    assert t("rec_note", "en") not in history.columns
    assert "Seen by the association" not in " ".join(str(e.proto) for e in detail.main)


def _public_detail(url, monkeypatch, code: str) -> AppTest:
    app = run_page("pages/1_Recommendations.py", url, monkeypatch, lang="en", params={"rec": code})
    assert not app.exception, app.exception
    return app


def test_an_association_sees_only_its_recommendations_and_reports(
    people, sample_url, engine, monkeypatch
):
    theirs = _submit(
        engine,
        people,
        people["other_rec"],
        user="other_user",
        status="planned",
        progress="",
        note="Their own report",
        evidence_url="",
    )
    assert theirs.done
    own_codes = {_code(engine, r) for r in people["own_recs"]}
    app = _open(sample_url, monkeypatch, user=people["association_user"])
    listed = _table(app, "field_current_status")
    assert set(listed[t("code", "en")]) == own_codes
    options = app.selectbox(key="field_recommendation").options
    assert len(options) == len(own_codes)
    assert {option.split(" · ")[0] for option in options} == own_codes
    assert [c.value for c in app.main.caption][-1] == t("field_no_reports", "en")
    # Its own report, sent through the form, is listed as pending; the other one never.
    app.selectbox(key="field_recommendation").set_value(people["own_rec"])
    app.selectbox(key="field_status").set_value("in_progress")
    app.text_input(key="field_progress").input("60 %")
    app.text_area(key="field_note").input("The road is half paved.")
    app.button(key="FormSubmitter:field_report_form-" + t("field_submit", "en")).click().run()
    assert not app.exception
    assert [s.value for s in app.success] == [t("field_submitted", "en")]
    sent = _table(app, "field_state")
    assert sent[t("field_note", "en")].tolist() == ["The road is half paved."]
    assert sent[t("field_state", "en")].tolist() == [t("field_state_pending", "en")]
    assert sent[t("field_proposed_progress", "en")].tolist() == [60.0]
    assert app.text_area(key="field_note").value == ""  # the form is ready for the next one
    rows = _sql(engine, "SELECT association_id, state FROM field_reports ORDER BY id")
    assert [tuple(r) for r in rows] == [(people["other"], "pending"), (people["own"], "pending")]


def test_an_association_cannot_report_on_another_associations_recommendation(
    people, sample_url, engine
):
    refused = _submit(engine, people, recommendation=people["other_rec"])
    assert refused.problems == {"recommendation": "not_yours"}
    assert not refused.done
    missing = _submit(engine, people, recommendation=10**6)
    assert missing.problems == {"recommendation": "not_yours"}
    # Nor may anyone else send a report in an association's name.
    as_editor = _submit(engine, people, user="editor", progress="", note="x", evidence_url="")
    assert as_editor.problems == {"": "not_allowed"}
    assert _count(engine, "SELECT count(*) FROM field_reports") == 0
    assert _audit(engine, "submit") == []


def test_the_form_says_what_is_wrong_next_to_each_field(people, sample_url, engine, monkeypatch):
    for lang in ("ar", "fr", "en"):
        app = _open(sample_url, monkeypatch, lang=lang, user=people["association_user"])
        app.selectbox(key="field_recommendation").set_value(people["own_rec"])
        app.selectbox(key="field_status").set_value("completed")
        app.text_input(key="field_progress").input("150")
        app.text_input(key="field_evidence").input("javascript:alert(document.cookie)")
        app.button(key="FormSubmitter:field_report_form-" + t("field_submit", lang)).click().run()
        assert not app.exception
        assert _errors(app) == [
            t("field_problem_out_of_range", lang),
            t("field_problem_missing_required", lang),
            t("field_problem_not_web_address", lang),
        ]
        assert not app.success
        # The typed values stay for the user to correct them.
        assert app.text_input(key="field_evidence").value == "javascript:alert(document.cookie)"
    assert _count(engine, "SELECT count(*) FROM field_reports") == 0


# --- editors ---------------------------------------------------------------------------------
def test_an_editor_of_another_commune_cannot_see_or_decide(people, sample_url, engine, monkeypatch):
    report = _submit(engine, people)
    app = _open(sample_url, monkeypatch, user=people["far_editor"])
    assert [s.value for s in app.success] == [t("field_nothing_pending", "en")]
    assert not app.dataframe
    far = identity(engine, people["far_editor"])
    assert field_reports.approve(engine, far, report.report_id).problems == {"": "not_found"}
    refused = field_reports.reject(engine, far, report.report_id, "no")
    assert refused.problems == {"": "not_found"}
    assert _report(engine, report.report_id)["state"] == "pending"
    # An association cannot decide either, even on its own report.
    own = identity(engine, people["association_user"])
    assert field_reports.approve(engine, own, report.report_id).problems == {"": "not_allowed"}
    assert _audit(engine, "approve") == _audit(engine, "reject") == []
    # The editor of the commune and the admin see it.
    for user in (people["editor"], people["admin"]):
        pending = _table(_open(sample_url, monkeypatch, user=user), "field_association")
        assert pending[t("field_report_no", "en")].tolist() == [report.report_id]


def test_approval_adds_one_status_update_and_the_current_status_follows(
    people, sample_url, engine, monkeypatch
):
    rec = people["own_rec"]
    before = _sql(engine, "SELECT current_status FROM recommendations WHERE id = :r", r=rec)[0][0]
    assert before != "stalled"
    updates = _count(engine, "SELECT count(*) FROM status_updates")
    report = _submit(engine, people)
    app = _open(sample_url, monkeypatch, user=people["editor"])
    assert app.selectbox(key="field_report").value == report.report_id
    app.text_area(key="field_decision_note").input("Checked on site.")
    app.button(key="FormSubmitter:field_decision_form-" + t("field_approve", "en")).click().run()
    assert not app.exception
    assert [s.value for s in app.success][:1] == [t("field_approved", "en")]
    decided = _table(app, "field_state")
    assert decided[t("field_state", "en")].tolist() == [t("field_state_approved", "en")]

    assert _count(engine, "SELECT count(*) FROM status_updates") == updates + 1
    stored = _report(engine, report.report_id)
    assert stored["state"] == "approved" and stored["decision_note"] == "Checked on site."
    entry = _sql(
        engine,
        "SELECT recommendation_id, status, progress, note, evidence_url, reported_by "
        "FROM status_updates WHERE id = :i",
        i=stored["status_update_id"],
    )[0]
    assert tuple(entry) == (
        rec,
        "stalled",
        35.0,
        "The works stopped at the douar's entrance.",
        "https://example.org/photo.jpg",
        people["own_name"],
    )
    current = _sql(
        engine, "SELECT current_status, current_progress FROM recommendations WHERE id = :r", r=rec
    )[0]
    assert tuple(current) == ("stalled", 35.0)
    assert [(a, s) for a, s, *_ in _audit(engine, "submit")] == [("assoc-own", "field_report")]
    assert [(a, s) for a, s, *_ in _audit(engine, "approve")] == [("editor-khn", "review")]
    inserted = _sql(
        engine,
        "SELECT actor, source FROM audit_log WHERE table_name = 'status_updates' "
        "AND action = 'insert'",
    )
    assert [tuple(r) for r in inserted] == [("editor-khn", "review")]
    # The association sees the decision and the editor's note.
    own = _table(_open(sample_url, monkeypatch, user=people["association_user"]), "field_state")
    assert own[t("field_state", "en")].tolist() == [t("field_state_approved", "en")]
    assert own[t("field_decision_note", "en")].tolist() == ["Checked on site."]


def test_rejection_needs_a_reason_and_keeps_the_history_unchanged(
    people, sample_url, engine, monkeypatch
):
    history = "SELECT id, status, progress, note FROM status_updates ORDER BY id"
    current = "SELECT id, current_status, current_progress FROM recommendations ORDER BY id"
    before = (_sql(engine, history), _sql(engine, current))
    report = _submit(engine, people)
    app = _open(sample_url, monkeypatch, lang="fr", user=people["editor"])
    reject = "FormSubmitter:field_decision_form-" + t("field_reject", "fr")
    app.button(key=reject).click().run()
    assert _errors(app) == [t("field_problem_reason_required", "fr")]
    assert _report(engine, report.report_id)["state"] == "pending"
    app.text_area(key="field_decision_note").input("Photo d'un autre douar.")
    app.button(key=reject).click().run()
    assert not app.exception and not _errors(app)
    assert [s.value for s in app.success][:1] == [t("field_rejected", "fr")]
    assert [s.value for s in app.success][1:] == [t("field_nothing_pending", "fr")]
    stored = _report(engine, report.report_id)
    assert (stored["state"], stored["decision_note"]) == ("rejected", "Photo d'un autre douar.")
    assert stored["status_update_id"] is None
    assert (_sql(engine, history), _sql(engine, current)) == before
    assert [(a, s) for a, s, *_ in _audit(engine, "reject")] == [("editor-khn", "review")]
    own = _table(_open(sample_url, monkeypatch, user=people["association_user"]), "field_state")
    assert own[t("field_state", "en")].tolist() == [t("field_state_rejected", "en")]
    assert own[t("field_decision_note", "en")].tolist() == ["Photo d'un autre douar."]


def test_a_report_is_decided_once(people, sample_url, engine, monkeypatch):
    report = _submit(engine, people)
    editor = identity(engine, people["editor"])
    admin = identity(engine, people["admin"])
    # A second editor opened the page while the report was still pending.
    stale = _open(sample_url, monkeypatch, user=people["admin"])
    assert field_reports.approve(engine, editor, report.report_id).done
    updates = _count(engine, "SELECT count(*) FROM status_updates")
    assert field_reports.reject(engine, admin, report.report_id, "late").problems == {
        "": "already_decided"
    }
    assert field_reports.approve(engine, admin, report.report_id).problems == {
        "": "already_decided"
    }
    stale.text_area(key="field_decision_note").input("Too late")
    stale.button(key="FormSubmitter:field_decision_form-" + t("field_reject", "en")).click().run()
    assert not stale.exception
    assert t("field_problem_already_decided", "en") in _errors(stale)
    assert _count(engine, "SELECT count(*) FROM status_updates") == updates
    stored = _report(engine, report.report_id)
    assert (stored["state"], stored["decided_by"]) == ("approved", people["editor"])
    assert len(_audit(engine, "approve")) == 1 and _audit(engine, "reject") == []


def test_two_editors_deciding_at_once_one_decision_wins(people, sample_url, engine):
    report = _submit(engine, people)
    editor = identity(engine, people["editor"])
    admin = identity(engine, people["admin"])
    start = threading.Barrier(2)
    outcomes: dict[str, field_reports.Outcome] = {}

    def decide(name, write, *args):
        start.wait()
        outcomes[name] = write(engine, *args)

    threads = [
        threading.Thread(
            target=decide, args=("approve", field_reports.approve, editor, report.report_id)
        ),
        threading.Thread(
            target=decide, args=("reject", field_reports.reject, admin, report.report_id, "no")
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    won = [name for name, outcome in outcomes.items() if outcome.done]
    lost = [outcome.problems for outcome in outcomes.values() if not outcome.done]
    assert len(won) == 1 and lost == [{"": "already_decided"}]
    stored = _report(engine, report.report_id)
    assert stored["state"] == {"approve": "approved", "reject": "rejected"}[won[0]]
    assert (stored["status_update_id"] is not None) == (won[0] == "approve")
    decisions = _audit(engine, "approve") + _audit(engine, "reject")
    assert len(decisions) == 1


def test_the_same_update_already_in_the_history_is_not_written_twice(people, sample_url, engine):
    first = _submit(engine, people)
    again = _submit(engine, people)
    editor = identity(engine, people["editor"])
    assert field_reports.approve(engine, editor, first.report_id).done
    updates = _count(engine, "SELECT count(*) FROM status_updates")
    refused = field_reports.approve(engine, editor, again.report_id)
    assert refused.problems == {"": "already_in_history"}
    # Refused as a whole: the report still waits, nothing was written.
    assert _report(engine, again.report_id)["state"] == "pending"
    assert _count(engine, "SELECT count(*) FROM status_updates") == updates
    assert len(_audit(engine, "approve")) == 1
    assert field_reports.reject(engine, editor, again.report_id, "Sent twice").done


# --- hostile text -----------------------------------------------------------------------------
def test_hostile_text_is_stored_as_typed_and_shown_as_text(people, sample_url, engine, monkeypatch):
    app = _open(sample_url, monkeypatch, user=people["association_user"])
    app.selectbox(key="field_recommendation").set_value(people["own_rec"])
    app.selectbox(key="field_status").set_value("in_progress")
    app.text_area(key="field_note").input(HOSTILE_NOTE)
    app.text_input(key="field_evidence").input(HOSTILE_EVIDENCE)
    app.button(key="FormSubmitter:field_report_form-" + t("field_submit", "en")).click().run()
    assert not app.exception and not _errors(app)
    stored = _sql(engine, "SELECT id, note, evidence_url FROM field_reports")
    assert [tuple(r)[1:] for r in stored] == [(HOSTILE_NOTE, HOSTILE_EVIDENCE)]
    report_id = stored[0][0]
    sent = _table(app, "field_state")
    assert sent[t("field_note", "en")].tolist() == [HOSTILE_NOTE.replace("\u202e", "")]
    link = sent[t("field_evidence", "en")].tolist()[0]
    assert link == safe_href(HOSTILE_EVIDENCE) and "<" not in link and "\u202e" not in link

    editor = _open(sample_url, monkeypatch, user=people["editor"])
    notes = [m.value for m in editor.markdown if ui.data_text(HOSTILE_NOTE) in m.value]
    assert len(notes) == 1
    evidence = [m.value for m in editor.markdown if ui.data_text(HOSTILE_EVIDENCE) in m.value]
    assert len(evidence) == 1
    for element in [*editor.markdown, *data_html(editor), *editor.error, *editor.success]:
        # Markdown shows an escaped \< as the character itself, never as a tag.
        assert not UNESCAPED_TAG.search(str(element.proto))
        assert "\u202e" not in str(element.proto)
    editor.button(key="FormSubmitter:field_decision_form-" + t("field_approve", "en")).click().run()
    assert not editor.exception
    entry = _sql(
        engine,
        "SELECT s.note, s.evidence_url FROM status_updates s JOIN field_reports f "
        "ON f.status_update_id = s.id WHERE f.id = :i",
        i=report_id,
    )
    assert [tuple(r) for r in entry] == [(HOSTILE_NOTE, HOSTILE_EVIDENCE)]


def test_a_javascript_evidence_link_is_refused(people, sample_url, engine):
    for url in (
        "javascript:alert(1)",
        " JAVASCRIPT:alert(1)",
        "javascript://example.org/%0aalert(1)",
    ):
        refused = _submit(engine, people, evidence_url=url)
        assert refused.problems == {"evidence_url": "not_web_address"}
    assert _count(engine, "SELECT count(*) FROM field_reports") == 0
