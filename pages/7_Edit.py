"""Data entry for editors: new and corrected meetings, recommendations and status updates
of their own communes (all of them for an admin). Every save goes through services.edit.save:
the load's own validation, the editor's rights, a version check against concurrent
edits and an audit entry, in one transaction.

URL parameters: ?do=ACTION (musharaka.views.edit.ACTIONS), ?meeting=CODE, ?rec=CODE.
"""

import functools

import streamlit as st

from musharaka import evidence, ui
from musharaka.queries import editing
from musharaka.services import edit
from musharaka.ui import evidence as evidence_input
from musharaka.ui import inputs
from musharaka.views import edit as view
from musharaka.views import edit_messages

OPENED, RESULT = "edit_opened", "edit_result"  # what the form holds; what the last save said

page = ui.setup_page("nav_edit", roles=("editor",))
lang, user = page.lang, page.user
scope = view.scope_of(user)
st.title(page.t("nav_edit"))


# A form opens on the record as it stands: read now, not from the cache.
fetch = page.read
# The records a picker offers, by the kind of target.
TARGET_LISTS = {"meeting": editing.meetings, "recommendation": editing.recommendations}


# --- which commune, what to do, and on which record -------------------------------------------
communes = page.query(editing.communes, *scope.args())
if communes.empty:
    st.info(page.t("edit_nothing_to_edit"))
    st.stop()
names = dict(zip(communes["id"].astype(int).tolist(), communes["name"], strict=True))
if st.session_state.get("edit_commune") not in names:  # first opened, maybe from a link
    linked = view.linked_commune(st.query_params, fetch)
    st.session_state["edit_commune"] = linked if linked in names else next(iter(names))
commune = inputs.selectbox(
    lang, page.t("commune"), list(names), format_func=names.get, key="edit_commune"
)
st.session_state.setdefault("edit_action", view.action_from_url(st.query_params))
action = ui.url_select(
    lang,
    page.t("edit_action"),
    "do",
    list(view.ACTIONS),
    key="edit_action",
    format_func=lambda a: page.t(f"edit_action_{a}"),
)
kind, table = view.TARGETS[action], view.TABLES[action]
if kind == "commune":
    target = names[commune]
else:
    param, pick = view.URL_PARAMS[kind], f"edit_pick_{kind}"
    labels = view.target_labels(kind, page.query(TARGET_LISTS[kind], (commune,), False))
    if st.session_state.get(pick, "") not in ("", *labels):  # one of the commune left
        del st.session_state[pick]
        ui.forget_url_param(param)
    if st.query_params.get(param, "") not in ("", *labels):  # a link to someone else's
        st.warning(page.t("edit_not_offered"))
    target = ui.url_select(
        lang,
        page.t(pick),
        param,
        ["", *labels],
        key=pick,
        format_func=lambda code: labels.get(code, page.t("edit_choose")),
    )
for other in set(view.URL_PARAMS.values()) - {view.URL_PARAMS.get(kind)}:
    ui.forget_url_param(other)
if not target:
    st.info(page.t("edit_pick_first"))
    st.stop()

corrects = None
if action == "update":  # the history as it is; a correction names the entry it corrects
    history = fetch(editing.status_history, target)
    if not history.empty:
        st.subheader(page.t("rec_history"))
        st.dataframe(view.history_table(history, lang), hide_index=True)
        entries = {int(e["id"]): view.history_label(e, lang) for e in history.to_dict("records")}
        reset = st.session_state.pop("edit_corrected", False)  # a correction was just saved
        if reset or st.session_state.get("edit_corrects") not in entries:
            st.session_state["edit_corrects"] = None
        corrects = inputs.selectbox(
            lang,
            page.t("edit_corrects_entry"),
            [None, *entries],
            key="edit_corrects",
            format_func=lambda i: page.t("edit_new_entry") if i is None else entries[i],
            help=page.t("edit_corrects_help"),
        )

# --- the form, opened on the record as it stands ----------------------------------------------
keys = {f.column: f"edit_{table}_{f.column}" for f in view.FIELDS[table]}
signature = (action, target, corrects)
opened = st.session_state.get(OPENED)
stale = not opened or opened["signature"] != signature
if stale or not all(key in st.session_state for key in keys.values()):
    if opened:  # another record: what was said about the previous one no longer applies
        st.session_state.pop(RESULT, None)
    record = view.open_record(
        action, target, fetch=fetch, scope=scope, user_name=user.name, corrects=corrects
    )
    if record.row is None:
        st.warning(page.t("edit_not_found"))
        st.stop()
    values = view.widget_values(table, record.row)
    st.session_state.update({keys[column]: value for column, value in values.items()})
    opened = {"signature": signature, "version": record.version, "values": values}
    st.session_state[OPENED] = opened

result, saved_code = st.session_state.get(RESULT, (None, ""))
messages, by_field = edit_messages.save_messages(result, saved_code, table, lang, ui.data_text)
for kind, text in messages:  # st.success, st.warning or st.error, the data escaped
    getattr(st, kind)(text)
if result is not None and result.conflict:  # someone else's newer version, now in the form
    st.dataframe(view.shown_values(table, opened["values"], lang), hide_index=True)

options = {
    "commune": communes["name"].tolist(),
    "meeting_id": page.query(editing.meetings, (commune,), False)["code"].tolist(),
    **view.VOCABULARY_CHOICES,
}
with st.form(f"edit_form_{table}"):
    for field in view.FIELDS[table]:
        key, label, column = keys[field.column], page.t(field.label), field.column
        hint = page.t(hint_key) if (hint_key := view.hint_key(table, field)) else None
        if field.kind == "choice":
            choices = view.with_current(options[column], st.session_state.get(key))
            shown = functools.partial(view.choice_label, column, lang=lang)
            inputs.selectbox(lang, label, choices, key=key, format_func=shown, help=hint)
        elif field.kind in ("area", "list"):
            st.text_area(label, key=key, help=hint)
        else:
            fixed = field.kind == "code" and view.code_is_fixed(action)
            st.text_input(label, key=key, help=hint, disabled=fixed)
        if column in by_field:
            st.error(f"{label}: {ui.data_text(by_field[column])}")
    if table == "status_updates":  # photos and PDFs go with a new entry or a correction
        evidence_input.picker(lang, "edit_files")
    submitted = st.form_submit_button(page.t("edit_save"), type="primary")

if submitted:
    values = {column: st.session_state[key] for column, key in keys.items()}
    files = evidence.prepare(evidence_input.sent("edit_files") if table == "status_updates" else [])
    if corrects is not None and view.correction_is_same(values, opened["values"]):
        result = edit.SaveResult(problems={"": page.t("edit_correction_same")})
    elif files.problems:
        result = edit.SaveResult(problems={"": evidence_input.problems_text(files.problems, lang)})
    else:
        result = edit.save(
            page.engine,
            table,
            view.form_row(table, values),
            user=user,
            expected_version=opened["version"],
            corrects_id=corrects,
            files=files.files,
        )
    st.session_state[RESULT] = (result, view.record_code(table, values))
    st.session_state["edit_corrected"] = result.saved and corrects is not None
    if result.saved or result.conflict:
        st.cache_data.clear()  # lists and pages show what was saved; the form reopens on it
        del st.session_state[OPENED]
    if result.saved:
        evidence_input.clear_picker()
    st.rerun()
