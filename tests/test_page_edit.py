"""The data-entry page (pages/7_Edit.py) and musharaka.views.edit: who may open it, what it
writes (through services.edit.save, with one audit entry per save), the messages beside the
fields, hostile text kept as plain text, two editors saving the same recommendation, and
corrections of a status history that keep the entry they correct."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest
from reading import data_html
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from conftest import add_user, identity, run_page
from etl.validate import VALIDATORS
from musharaka.charts import status_text
from musharaka.i18n import t
from musharaka.models import (
    Association,
    AuditEntry,
    Meeting,
    Recommendation,
    StatusUpdate,
)
from musharaka.queries import editing, read_frame
from musharaka.services import edit
from musharaka.ui import data_text
from musharaka.views import edit as forms
from musharaka.views import edit_codes, edit_messages
from musharaka.views.data_status import said

PAGE = "pages/7_Edit.py"
KHNAFIF, TALA = "الخنافيف", "Tala Ouzrou"  # two communes of the bundled sample
REC = "KHN-2019-1-R04"  # a recommendation of الخنافيف with a status history
MEETING = "KHN-2019-1"
TODAY = dt.date(2026, 3, 15)


# --- helpers ------------------------------------------------------------------------------
def _open(url, monkeypatch, user, lang="en", **params) -> AppTest:
    app = run_page(PAGE, url, monkeypatch, lang=lang, params=params, user=user)
    assert not app.exception, app.exception
    return app


def _key(table: str, column: str) -> str:
    return f"edit_{table}_{column}"


def _fill(app: AppTest, table: str, values: dict[str, object]) -> None:
    """Type into the form as an editor does (nothing is sent before Save)."""
    for column, value in values.items():
        key = _key(table, column)
        field = next(f for f in forms.FIELDS[table] if f.column == column)
        if field.kind == "choice":
            app.selectbox(key=key).set_value(value)
        elif field.kind in ("area", "list"):
            app.text_area(key=key).input(value)
        else:
            app.text_input(key=key).input(value)


def _save(app: AppTest, lang: str = "en") -> AppTest:
    button = next(b for b in app.button if b.label == t("edit_save", lang))
    button.click().run()
    assert not app.exception, app.exception
    return app


def _form_value(app: AppTest, table: str, column: str) -> object:
    key = _key(table, column)
    for widgets in (app.text_input, app.text_area, app.selectbox):
        found = [w for w in widgets if w.key == key]
        if found:
            return found[0].value
    raise KeyError(key)


def _audit(engine, **where) -> list:
    query = select(AuditEntry.__table__).order_by(AuditEntry.id)
    for column, value in where.items():
        query = query.where(getattr(AuditEntry, column) == value)
    with engine.connect() as conn:
        return conn.execute(query).all()


def _count(engine, model) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar_one()


def _recommendation(engine, code: str):
    with engine.connect() as conn:
        return conn.execute(
            select(Recommendation.__table__).where(Recommendation.code == code)
        ).one()


def _markdown_texts(app: AppTest) -> list[str]:
    """Every text the page drew as markdown (messages, captions, titles)."""
    texts = [m.value for m in app.markdown]
    for kind in ("error", "warning", "success", "info", "caption", "title", "subheader"):
        texts += [str(e.value) for e in app.get(kind)]
    return texts


def _fetch(engine):
    return lambda builder, *args: read_frame(engine, builder(*args))


# --- pure: forms ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("params", "action"),
    [
        ({}, "new_meeting"),
        ({"rec": "R1"}, "edit_recommendation"),
        ({"meeting": "M1"}, "edit_meeting"),
        ({"do": "update", "rec": "R1"}, "update"),
        ({"do": "drop_tables", "meeting": "M1"}, "edit_meeting"),
    ],
)
def test_a_link_opens_the_action_it_names(params, action):
    assert forms.action_from_url(params) == action


@pytest.mark.parametrize(
    ("commune", "commune_id", "year", "codes", "expected"),
    [
        ("الخنافيف", 1, 2026, ["KHN-2019-1", "KHN-2024-4"], "KHN-2026-5"),
        ("Tala Ouzrou", 2, 2026, [], "TAL-2026-1"),
        ("تيزكي الخير", 4, 2026, [], "C4-2026-1"),
        ("Aït", 7, 2025, [], "C7-2025-1"),
    ],
)
def test_a_new_meeting_gets_the_next_code_of_its_commune(
    commune, commune_id, year, codes, expected
):
    assert edit_codes.next_meeting_code(commune, commune_id, year, codes) == expected


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        ([], "M1-R01"),
        (["M1-R01", "M1-R09"], "M1-R10"),
        (["M1-R01", "M10-R44", "other"], "M1-R02"),
    ],
)
def test_a_new_recommendation_gets_the_next_code_of_its_meeting(codes, expected):
    assert edit_codes.next_recommendation_code("M1", codes) == expected


# Each problem as the ETL's validation words it, and the reason the form names.
BAD_ROWS = [
    (
        "status_updates",
        {"recommendation_id": "R1", "date": "", "status": "done"},
        "missing_required",
    ),
    (
        "status_updates",
        {"recommendation_id": "R1", "date": "31/02/2020", "status": "done"},
        "bad_date",
    ),
    ("status_updates", {"recommendation_id": "R1", "date": "soon", "status": "done"}, "bad_date"),
    (
        "status_updates",
        {"recommendation_id": "R1", "date": "2020-01-01", "status": "maybe"},
        "unknown_value",
    ),
    (
        "status_updates",
        {"recommendation_id": "R1", "date": "2020-01-01", "status": "done", "progress": "150"},
        "out_of_range",
    ),
    (
        "status_updates",
        {"recommendation_id": "R1", "date": "2020-01-01", "status": "done", "progress": "lots"},
        "bad_number",
    ),
    (
        "meetings",
        {"meeting_id": "M", "commune": "C", "date": "2020-01-01", "participants": "-3"},
        "out_of_range",
    ),
    (
        "meetings",
        {"meeting_id": "M", "commune": "C", "date": "2020-01-01", "participants": "2.5"},
        "bad_number",
    ),
]


@pytest.mark.parametrize(("table", "row", "reason"), BAD_ROWS)
def test_each_problem_of_the_validation_is_named_in_the_editors_language(table, row, reason):
    problem = VALIDATORS[table](row).problem
    assert problem.reason == reason
    assert edit_messages.problem_reason(problem.message) == reason
    for lang in ("ar", "fr", "en"):
        text = edit_messages.problem_text(problem.message, lang)
        assert text.startswith(t(f"data_status_reason_{reason}", lang))
        # The detail too is in the editor's language: the English only in English.
        assert text.endswith(said(problem.message, lang))
        assert (problem.message in text) == (lang == "en")


def test_problems_go_beside_their_field_or_above_the_form():
    by_field, general = edit_messages.field_problems(
        "status_updates",
        {"progress": "progress '150' is outside 0-100", "": "the database refused the change: x"},
        "fr",
    )
    assert by_field == {"progress": "Valeur hors limites — avancement « 150 » hors de 0-100"}
    assert general == ["the database refused the change: x"]
    _, general = edit_messages.field_problems("meetings", {"corrects_id": "no"}, "en")
    assert general == ["corrects_id: no"]


def _bracketed(value: object) -> str:
    return f"[{value}]"


def test_what_a_save_says_with_the_data_escaped():
    assert edit_messages.save_messages(None, "", "meetings", "en", _bracketed) == ([], {})
    saved = edit.SaveResult(saved=True, outcome="updated", warnings=["priority 'x' <b>"])
    assert edit_messages.save_messages(saved, "M1", "meetings", "en", _bracketed) == (
        [("success", "Saved: [M1] was updated."), ("warning", "[priority 'x' <b>]")],
        {},
    )
    conflict = edit.SaveResult(conflict=True, current={"code": "M1"}, version=3)
    assert edit_messages.save_messages(conflict, "M1", "meetings", "fr", _bracketed) == (
        [("error", t("edit_conflict", "fr"))],
        {},
    )
    refused = edit.SaveResult(problems={"date": "'x' is not a date", "": "refused <b>"})
    messages, by_field = edit_messages.save_messages(refused, "M1", "meetings", "en", _bracketed)
    assert messages == [("error", t("edit_refused", "en")), ("error", "[refused <b>]")]
    assert by_field == {"date": "Unreadable or impossible date — 'x' is not a date"}


def test_a_record_becomes_the_forms_text_and_back():
    row = {
        "recommendation_id": "R1",
        "meeting_id": "M1",
        "domain": "health",
        "domain_text": None,
        "title": "Ambulance",
        "description": float("nan"),
        "proposed_by": ["A", "B"],
        "responsible": None,
        "partners": [],
        "location": None,
        "priority": None,
        "budget_mad": 1200000.0,
        "target_date": pd.Timestamp("2025-01-31"),
        "status": "planned",
        "progress": 12.5,
    }
    values = forms.widget_values("recommendations", row)
    assert values["proposed_by"] == "A\nB"
    assert values["partners"] == values["description"] == values["responsible"] == ""
    assert values["priority"] == ""  # the "not given" choice
    assert values["budget_mad"] == "1200000"
    assert values["target_date"] == "2025-01-31"
    assert values["progress"] == "12.5"
    sent = forms.form_row("recommendations", values)
    assert list(sent) == [f.column for f in forms.FIELDS["recommendations"]]
    record = VALIDATORS["recommendations"](sent).record
    assert record["proposed_by"] == ["A", "B"]
    assert record["budget_mad"] == 1200000.0
    assert record["target_date"] == dt.date(2025, 1, 31)
    assert record["progress"] == 12.5
    assert record["priority"] is None


def test_the_choices_keep_the_records_own_value():
    assert forms.with_current(["a", "b"], "c") == ["a", "b", "c"]
    assert forms.with_current(["a", "b"], "a") == ["a", "b"]
    assert forms.with_current(["a"], None) == ["a"]


def test_a_correction_must_change_what_makes_an_entry_itself():
    entry = {"date": "2020-01-01", "status": "completed", "progress": "100", "note": "done"}
    assert forms.correction_is_same(dict(entry, evidence_url="http://x"), entry)
    assert not forms.correction_is_same(dict(entry, status="in_progress"), entry)
    assert not forms.correction_is_same(dict(entry, note="done, but only half"), entry)


def test_the_history_marks_corrected_entries():
    history = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "date": [dt.date(2020, 1, 1), dt.date(2020, 6, 1), dt.date(2020, 6, 1)],
            "status": ["in_progress", "completed", "stalled"],
            "progress": [30.0, 100.0, 40.0],
            "note": [None, None, "correction"],
            "evidence_url": [None, None, None],
            "reported_by": [None, None, None],
            "corrects_id": [None, None, 2],
        }
    )
    table = forms.history_table(history, "en")
    assert table["Corrected"].tolist() == [False, True, False]
    assert table["Corrects"].tolist() == ["", "", "#2"]
    label = forms.history_label(history.iloc[2].to_dict(), "en")
    assert label == f"#3 · 2020-06-01 · {status_text('stalled', 'en')} · 40%"


# --- the form's rows of every sample record are the records themselves ------------------
def test_every_record_opened_and_saved_unchanged_changes_nothing(sample_url, engine):
    admin = identity(engine, add_user(sample_url, "admin", "admin"))
    scope, fetch = forms.scope_of(admin), _fetch(engine)
    before = _count(engine, AuditEntry)
    opened = [
        ("edit_meeting", code)
        for code in read_frame(engine, editing.meetings(*scope.args()))["code"]
    ] + [
        ("edit_recommendation", code)
        for code in read_frame(engine, editing.recommendations(*scope.args()))["code"]
    ]
    assert len(opened) == 10 + 80
    for action, code in opened:
        record = forms.open_record(
            action, code, fetch=fetch, scope=scope, today=TODAY, user_name="admin"
        )
        table = forms.TABLES[action]
        values = forms.widget_values(table, record.row)
        result = edit.save(
            engine,
            table,
            forms.form_row(table, values),
            user=admin,
            expected_version=record.version,
        )
        assert (result.saved, result.outcome) == (True, "unchanged"), (code, result)
    assert _count(engine, AuditEntry) == before


# --- who may open the page ---------------------------------------------------------------------
def _no_editing(app: AppTest) -> None:
    keys = [w.key for w in [*app.text_input, *app.text_area, *app.selectbox]]
    assert not [k for k in keys if k and k.startswith("edit_")], keys


def test_an_anonymous_visitor_gets_only_the_sign_in_form(sample_url, monkeypatch):
    app = _open(sample_url, monkeypatch, user=None, rec=REC)
    _no_editing(app)
    assert [w.key for w in app.text_input] == ["sign_in_username", "sign_in_password"]
    assert not app.dataframe


def test_an_association_is_not_allowed(sample_url, engine, monkeypatch):
    with engine.connect() as conn:
        name = conn.execute(select(Association.name).limit(1)).scalar_one()
    user = add_user(sample_url, "assoc", "association", association=name)
    app = _open(sample_url, monkeypatch, user=user, rec=REC)
    assert [e.value for e in app.error] == [t("not_allowed", "en")]
    _no_editing(app)


def test_an_editor_sees_and_saves_only_their_communes(sample_url, engine, monkeypatch):
    tala = add_user(sample_url, "tala", "editor", communes=(TALA,))
    app = _open(sample_url, monkeypatch, user=tala, rec=REC)
    assert [w.value for w in app.warning] == [t("edit_not_offered", "en")]
    _no_editing_form = [w.key for w in app.text_input if w.key and w.key.startswith("edit_rec")]
    assert not _no_editing_form
    offered = app.selectbox(key="edit_pick_recommendation").options
    assert offered[1:] and all(label.startswith("TLO-") for label in offered[1:])
    app.selectbox(key="edit_action").set_value("new_meeting").run()
    assert app.selectbox(key="edit_commune").options == [TALA]
    assert app.selectbox(key=_key("meetings", "commune")).options == [TALA]
    # An admin is offered every commune, and opens any record.
    admin = add_user(sample_url, "admin", "admin")
    app = _open(sample_url, monkeypatch, user=admin, rec=REC)
    assert len(app.selectbox(key="edit_commune").options) == 4
    assert app.selectbox(key="edit_commune").value == 1  # the recommendation's own commune
    with engine.connect() as conn:
        khnafif = conn.execute(
            select(func.count()).where(Recommendation.commune_id == 1)
        ).scalar_one()
    assert len(app.selectbox(key="edit_pick_recommendation").options) == 1 + khnafif
    assert _form_value(app, "recommendations", "recommendation_id") == REC

    # The save itself refuses, whatever a page offers.
    editor = identity(engine, tala)
    scope, fetch = forms.scope_of(identity(engine, admin)), _fetch(engine)
    before = (_count(engine, AuditEntry), _recommendation(engine, REC).version)
    meeting = forms.open_record(
        "edit_meeting", MEETING, fetch=fetch, scope=scope, today=TODAY, user_name="x"
    )
    rec = forms.open_record(
        "edit_recommendation", REC, fetch=fetch, scope=scope, today=TODAY, user_name="x"
    )
    attempts = [
        ("meetings", dict(meeting.row, title="taken over"), meeting.version),
        ("meetings", dict(meeting.row, meeting_id="KHN-NEW", title="new"), None),
        (
            "meetings",
            dict(meeting.row, commune=TALA),
            meeting.version,
        ),  # moved to a commune of theirs
        ("recommendations", dict(rec.row, title="taken over"), rec.version),
        ("recommendations", dict(rec.row, recommendation_id="KHN-2019-1-R99"), None),
        ("recommendations", dict(rec.row, meeting_id="TLO-2021-1"), rec.version),
        (
            "status_updates",
            {"recommendation_id": REC, "date": "2026-01-01", "status": "completed"},
            None,
        ),
    ]
    for table, row, version in attempts:
        result = edit.save(engine, table, row, user=editor, expected_version=version)
        assert not result.saved, (table, row)
        assert "outside the communes you may edit" in " ".join(result.problems.values())
    assert (_count(engine, AuditEntry), _recommendation(engine, REC).version) == before
    with engine.connect() as conn:
        assert conn.execute(select(Meeting.commune_id).where(Meeting.code == MEETING)).scalar() == 1


def test_every_action_speaks_the_editors_language(sample_url, monkeypatch):
    editor = add_user(sample_url, "khnafif", "editor", communes=(KHNAFIF,))
    for lang in ("ar", "fr", "en"):
        app = _open(sample_url, monkeypatch, user=editor, lang=lang, rec=REC, meeting=MEETING)
        for action in forms.ACTIONS:
            app.selectbox(key="edit_action").set_value(action).run()
            kind = forms.TARGETS[action]
            if kind != "commune" and not app.selectbox(key=f"edit_pick_{kind}").value:
                picker = app.selectbox(key=f"edit_pick_{kind}")
                picker.set_value(REC if kind == "recommendation" else MEETING).run()
            assert not app.exception, (lang, action, app.exception)
            table = forms.TABLES[action]
            labels = [
                w.label
                for w in [*app.text_input, *app.text_area, *app.selectbox]
                if w.key and w.key.startswith(f"edit_{table}_")
            ]
            assert sorted(labels) == sorted(t(f.label, lang) for f in forms.FIELDS[table])
            assert [b.label for b in app.button if b.label == t("edit_save", lang)]


def test_the_record_open_is_kept_in_the_url(sample_url, monkeypatch):
    editor = add_user(sample_url, "khnafif", "editor", communes=(KHNAFIF,))
    app = _open(sample_url, monkeypatch, user=editor, do="edit_recommendation")
    assert app.info[0].value == t("edit_pick_first", "en")
    other = "KHN-2019-1-R05"
    app.selectbox(key="edit_pick_recommendation").set_value(other).run()
    assert app.query_params["rec"] == other
    assert _form_value(app, "recommendations", "recommendation_id") == other
    # The same link opens the same record; the meeting of a recommendation is one click away.
    app = _open(sample_url, monkeypatch, user=editor, rec=other)
    assert _form_value(app, "recommendations", "recommendation_id") == other
    app.selectbox(key="edit_action").set_value("edit_meeting").run()
    assert "rec" not in app.query_params
    app.selectbox(key="edit_pick_meeting").set_value(MEETING).run()
    assert app.query_params["meeting"] == MEETING
    assert app.query_params["do"] == "edit_meeting"
    # Another commune: its own records are offered, none of the first one's stays open.
    admin = add_user(sample_url, "admin", "admin")
    app = _open(sample_url, monkeypatch, user=admin, rec=REC)
    app.selectbox(key="edit_commune").set_value(2).run()
    assert app.selectbox(key="edit_pick_recommendation").value == ""
    assert "rec" not in app.query_params and not app.warning
    assert app.info[0].value == t("edit_pick_first", "en")


# --- writing through the page -----------------------------------------------------------------
def test_an_editor_creates_a_meeting_a_recommendation_and_an_update(
    sample_url, engine, monkeypatch
):
    editor = add_user(sample_url, "khnafif", "editor", communes=(KHNAFIF,))
    app = _open(sample_url, monkeypatch, user=editor, do="new_meeting")
    assert _form_value(app, "meetings", "commune") == KHNAFIF
    code = _form_value(app, "meetings", "meeting_id")
    assert code.startswith("KHN-") and code.endswith("-5")
    _fill(
        app,
        "meetings",
        {
            "date": "14/03/2026",
            "title": "Rencontre de printemps",
            "participants": "42",
            "associations": "Assoc A\nAssoc B",
        },
    )
    _save(app)
    saved = t("edit_saved_inserted", "en").format(code=data_text(code))
    assert [s.value for s in app.success] == [saved]
    with engine.connect() as conn:
        meeting = conn.execute(select(Meeting.__table__).where(Meeting.code == code)).one()
    assert (meeting.date, meeting.title, meeting.participants) == (
        dt.date(2026, 3, 14),
        "Rencontre de printemps",
        42,
    )
    entries = _audit(engine, table_name="meetings", record_key=code)
    assert [(e.action, e.actor, e.source) for e in entries] == [("insert", "khnafif", "form")]

    # A recommendation of that meeting.
    app = _open(sample_url, monkeypatch, user=editor, do="new_recommendation", meeting=code)
    rec_code = _form_value(app, "recommendations", "recommendation_id")
    assert rec_code == f"{code}-R01"
    _fill(
        app,
        "recommendations",
        {
            "domain": "health",
            "title": "Une ambulance",
            "budget_mad": "350 000 DH",
            "target_date": "2027-01-31",
        },
    )
    _save(app)
    assert not app.error
    rec = _recommendation(engine, rec_code)
    assert (rec.title, rec.domain, rec.budget_mad, rec.current_status) == (
        "Une ambulance",
        "health",
        350000.0,
        "not_started",
    )
    entries = _audit(engine, table_name="recommendations", record_key=rec_code)
    assert [(e.action, e.actor, e.source) for e in entries] == [("insert", "khnafif", "form")]

    # A status update of it.
    app = _open(sample_url, monkeypatch, user=editor, do="update", rec=rec_code)
    assert _form_value(app, "status_updates", "recommendation_id") == rec_code
    _fill(
        app,
        "status_updates",
        {"date": "2026-04-01", "status": "in_progress", "progress": "40%", "note": "Achat lancé"},
    )
    _save(app)
    assert next(s.value for s in app.success).startswith("Saved:")
    rec = _recommendation(engine, rec_code)
    assert (rec.current_status, rec.current_progress) == ("in_progress", 40.0)
    entries = _audit(engine, table_name="status_updates", source="form")
    assert [(e.action, e.actor) for e in entries] == [("insert", "khnafif")]
    assert entries[0].record_key.startswith(rec_code)
    # The form is ready for the next entry, and the history shows the new one.
    assert _form_value(app, "status_updates", "status") == "in_progress"
    assert app.dataframe[0].value["Note"].tolist() == ["Achat lancé"]


def test_warnings_are_shown_and_a_repeated_entry_changes_nothing(sample_url, engine, monkeypatch):
    editor = add_user(sample_url, "khnafif", "editor", communes=(KHNAFIF,))
    app = _open(sample_url, monkeypatch, user=editor, do="update", rec=REC)
    entry = {"date": "2026-02-01", "status": "completed", "progress": "80", "note": "Livré"}
    _fill(app, "status_updates", entry)
    _save(app)
    assert [s.value for s in app.success] == [
        t("edit_saved_inserted", "en").format(code=data_text(REC))
    ]
    assert [w.value for w in app.warning] == [
        data_text("status is completed but progress is 80%: loaded as given")
    ]
    before = (_count(engine, StatusUpdate), _count(engine, AuditEntry))
    _fill(app, "status_updates", entry)
    _save(app)
    assert [s.value for s in app.success] == [
        t("edit_saved_unchanged", "en").format(code=data_text(REC))
    ]
    assert (_count(engine, StatusUpdate), _count(engine, AuditEntry)) == before


@pytest.mark.parametrize(
    ("params", "table", "column", "value"),
    [
        ({"do": "update", "rec": REC}, "status_updates", "progress", "150"),
        ({"do": "update", "rec": REC}, "status_updates", "date", "31/02/2026"),
        ({"rec": REC}, "recommendations", "target_date", "bientôt"),
        ({"rec": REC}, "recommendations", "title", "   "),
        ({"meeting": MEETING}, "meetings", "participants", "beaucoup"),
    ],
)
def test_a_wrong_value_is_shown_beside_its_field_and_nothing_is_written(
    sample_url, engine, monkeypatch, params, table, column, value
):
    editor = add_user(sample_url, "khnafif", "editor", communes=(KHNAFIF,))
    before = (
        _count(engine, AuditEntry),
        _count(engine, StatusUpdate),
        _recommendation(engine, REC).version,
    )
    app = _open(sample_url, monkeypatch, user=editor, lang="fr", **params)
    _fill(app, table, {column: value})
    _save(app, "fr")
    label = t(next(f.label for f in forms.FIELDS[table] if f.column == column), "fr")
    errors = [e.value for e in app.error]
    assert errors[0] == t("edit_refused", "fr")
    assert [e for e in errors if e.startswith(f"{label}: ")], errors
    assert (
        _count(engine, AuditEntry),
        _count(engine, StatusUpdate),
        _recommendation(engine, REC).version,
    ) == before
    assert _form_value(app, table, column) == value  # what was typed stays, to correct it


def test_an_unknown_status_is_refused_by_the_save(sample_url, engine):
    editor = identity(engine, add_user(sample_url, "khnafif", "editor", communes=(KHNAFIF,)))
    before = _count(engine, StatusUpdate)
    result = edit.save(
        engine,
        "status_updates",
        {"recommendation_id": REC, "date": "2026-01-01", "status": "maybe"},
        user=editor,
    )
    assert not result.saved and list(result.problems) == ["status"]
    by_field, _ = edit_messages.field_problems("status_updates", result.problems, "ar")
    assert by_field["status"].startswith(t("data_status_reason_unknown_value", "ar"))
    assert _count(engine, StatusUpdate) == before


# --- hostile text ---------------------------------------------------------------------------
UNESCAPED_TAG = re.compile(r"(?<!\\)<\s*(script|img|b)\b", re.IGNORECASE)
PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '=HYPERLINK("http://x")',
    "\u202egnp.exe\u202c <b>bold</b>",
)


def _hostile(table: str, skip: set[str]) -> dict[str, str]:
    fields = [
        f
        for f in forms.FIELDS[table]
        if f.kind in ("text", "area", "list") and f.column not in skip
    ]
    return {f.column: f"{PAYLOADS[i % len(PAYLOADS)]} {f.column}" for i, f in enumerate(fields)}


def _assert_escaped(app: AppTest) -> None:
    """No text of the page carries markup a browser would read as such: every `<` of the
    data is escaped for markdown, and direction overrides are taken out."""
    for text in _markdown_texts(app):
        assert not UNESCAPED_TAG.search(text), text
        assert "\u202e" not in text, text
    for element in data_html(app):  # the reading lists: every tag of the data escaped
        body = element.proto.body
        assert "<script" not in body and "<img" not in body, body
        assert not re.search(r"<[^>]*\son\w+\s*=", body), body


def test_hostile_text_is_kept_as_plain_text_and_shown_escaped(sample_url, engine, monkeypatch):
    editor = add_user(sample_url, "khnafif", "editor", communes=(KHNAFIF,))
    app = _open(sample_url, monkeypatch, user=editor, do="new_meeting")
    code = _form_value(app, "meetings", "meeting_id")
    meeting_text = _hostile("meetings", set())
    _fill(app, "meetings", meeting_text)
    _save(app)
    _assert_escaped(app)
    assert [s.value for s in app.success]

    app = _open(sample_url, monkeypatch, user=editor, do="new_recommendation", meeting=code)
    rec_code = _form_value(app, "recommendations", "recommendation_id")
    rec_text = _hostile("recommendations", set())
    _fill(app, "recommendations", {"domain": "other", **rec_text})
    _save(app)
    _assert_escaped(app)
    assert not app.error, [e.value for e in app.error]

    app = _open(sample_url, monkeypatch, user=editor, do="update", rec=rec_code)
    update_text = _hostile("status_updates", set())
    _fill(app, "status_updates", {"status": "stalled", **update_text})
    _save(app)
    _assert_escaped(app)
    assert not app.error, [e.value for e in app.error]

    # Stored exactly as typed: no escaping, no stripping of the characters themselves.
    fetch = _fetch(engine)
    meeting = fetch(editing.meeting_record, code).iloc[0]
    for column, value in meeting_text.items():
        if column == "associations":
            assert fetch(editing.meeting_association_names, code)["name"].tolist() == [value]
        else:
            assert meeting[column] == value, column
    rec = fetch(editing.recommendation_record, rec_code).iloc[0]
    for column, value in rec_text.items():
        if column == "proposed_by":
            assert fetch(editing.proposer_names, rec_code)["name"].tolist() == [value]
        else:
            assert rec[column] == value, column
    entry = fetch(editing.status_history, rec_code).iloc[-1]
    for column, value in update_text.items():
        assert entry[column] == value, column

    # Opened again: the values are in the inputs as text; every page still serves them.
    app = _open(sample_url, monkeypatch, user=editor, meeting=code)
    assert _form_value(app, "meetings", "title") == meeting_text["title"]
    _assert_escaped(app)
    app = _open(sample_url, monkeypatch, user=editor, rec=rec_code)
    assert _form_value(app, "recommendations", "description") == rec_text["description"]
    _assert_escaped(app)
    for page, params in (
        ("pages/1_Recommendations.py", {"rec": rec_code}),
        ("pages/2_Meetings.py", {"meeting": code}),
    ):
        public = run_page(page, sample_url, monkeypatch, lang="fr", params=params)
        assert not public.exception, public.exception
        _assert_escaped(public)


# --- two editors, one recommendation ---------------------------------------------------------
def test_the_second_of_two_concurrent_saves_is_refused_and_sees_the_first(
    sample_url, engine, monkeypatch
):
    first = add_user(sample_url, "first", "editor", communes=(KHNAFIF,))
    second = add_user(sample_url, "second", "editor", communes=(KHNAFIF,))
    version = _recommendation(engine, REC).version
    app_a = _open(sample_url, monkeypatch, user=first, rec=REC)
    app_b = _open(sample_url, monkeypatch, user=second, rec=REC)
    responsible = _recommendation(engine, REC).responsible

    _fill(app_a, "recommendations", {"title": "Title by the first"})
    _save(app_a)
    assert [s.value for s in app_a.success]
    _fill(app_b, "recommendations", {"title": "Title by the second", "responsible": "Someone else"})
    _save(app_b)

    assert [e.value for e in app_b.error] == [t("edit_conflict", "en")]
    newer = app_b.dataframe[-1].value
    assert newer.loc[newer["Field"] == "Title", "Value"].tolist() == ["Title by the first"]
    assert _form_value(app_b, "recommendations", "title") == "Title by the first"
    assert _form_value(app_b, "recommendations", "responsible") == responsible
    rec = _recommendation(engine, REC)
    assert (rec.title, rec.responsible, rec.version) == (
        "Title by the first",
        responsible,
        version + 1,
    )
    entries = _audit(engine, table_name="recommendations", record_key=REC)
    assert [(e.action, e.actor) for e in entries] == [("update", "first")]

    # Reloaded on the newer version, the second editor's next save goes through.
    _fill(app_b, "recommendations", {"responsible": "Someone else"})
    _save(app_b)
    assert [s.value for s in app_b.success]
    rec = _recommendation(engine, REC)
    assert (rec.title, rec.responsible, rec.version) == (
        "Title by the first",
        "Someone else",
        version + 2,
    )


# --- corrections ------------------------------------------------------------------------------
def test_a_correction_is_a_new_entry_and_the_current_state_follows_it(
    sample_url, engine, monkeypatch
):
    editor = add_user(sample_url, "khnafif", "editor", communes=(KHNAFIF,))
    history = _fetch(engine)(editing.status_history, REC)
    latest = history.iloc[-1]
    rec = _recommendation(engine, REC)
    assert (rec.current_status, latest["status"]) == ("stalled", "stalled")

    app = _open(sample_url, monkeypatch, user=editor, do="update", rec=REC)
    app.selectbox(key="edit_corrects").set_value(int(latest["id"])).run()
    assert _form_value(app, "status_updates", "status") == "stalled"
    assert (
        _form_value(app, "status_updates", "date")
        == pd.Timestamp(latest["date"]).date().isoformat()
    )
    _save(app)  # nothing changed: that would be the same entry again
    assert data_text(t("edit_correction_same", "en")) in [e.value for e in app.error]
    assert len(_fetch(engine)(editing.status_history, REC)) == len(history)

    _fill(
        app,
        "status_updates",
        {"status": "in_progress", "progress": "60", "note": "Not stalled: works resumed"},
    )
    _save(app)
    assert [s.value for s in app.success]
    after = _fetch(engine)(editing.status_history, REC)
    assert len(after) == len(history) + 1
    kept = after[after["id"] == latest["id"]].iloc[0]
    assert (kept["status"], kept["note"]) == (
        latest["status"],
        latest["note"],
    )  # the old entry stays
    correction = after[after["corrects_id"] == latest["id"]].iloc[0]
    assert (correction["status"], correction["progress"]) == ("in_progress", 60.0)
    rec = _recommendation(engine, REC)
    assert (rec.current_status, rec.current_progress) == ("in_progress", 60.0)
    entries = _audit(engine, table_name="status_updates", source="form")
    assert [(e.action, e.actor) for e in entries] == [("correct", "khnafif")]
    # The history shows both, the corrected one marked; the picker is back to a new entry.
    table = app.dataframe[0].value
    assert table["Corrected"].sum() == 1
    assert app.selectbox(key="edit_corrects").value is None


def test_a_form_field_longer_than_a_cell_is_refused_like_a_files(sample_url, engine):
    """The same length limit as a load's: a 1 MB description is refused, nothing written."""
    admin = identity(engine, add_user(sample_url, "admin", "admin"))
    scope, fetch = forms.scope_of(admin), _fetch(engine)
    code = read_frame(engine, editing.recommendations(*scope.args()))["code"].iloc[0]
    record = forms.open_record(
        "edit_recommendation", code, fetch=fetch, scope=scope, today=TODAY, user_name="admin"
    )
    row = {**record.row, "description": "و" * 1_000_000}
    result = edit.save(engine, "recommendations", row, user=admin, expected_version=record.version)
    assert not result.saved and result.reasons == {"description": "too_long"}
    assert "1,000,000 characters" in result.problems["description"]
    assert _recommendation(engine, code).description != row["description"]
