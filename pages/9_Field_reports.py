"""Field reports: an association tells the council what it saw on the ground about the
recommendations it proposed and sees what became of its reports; an editor approves or
rejects the pending reports of their communes (an administrator: of every commune)."""

import datetime as dt
import functools

import streamlit as st

from musharaka import queries, ui
from musharaka.services import field_reports
from musharaka.ui import evidence as evidence_input
from musharaka.ui import inputs
from musharaka.vocabulary import STATUS_KEYS

page = ui.setup_page("nav_field_reports", roles=("association", "editor"))
user = page.user
st.title(page.t("nav_field_reports"))
PROBLEMS, DETAIL, NOTICE = "field_problems", "field_detail", "field_notice"
FILE_PROBLEMS = "field_file_problems"
# The report form's widgets by the argument of field_reports.submit they fill.
REPORT_FIELDS = {
    "date": "field_date",
    "status": "field_status",
    "progress": "field_progress",
    "note": "field_note",
    "evidence_url": "field_evidence",
}


def show_problem(name: str) -> None:
    """The message for one field, under it, in the reader's language."""
    reason = st.session_state.get(PROBLEMS, {}).get(name)
    if reason:
        detail = st.session_state.get(DETAIL) if name == "" else None
        text = field_reports.problem_text(reason, page.lang)
        if name == "files":  # each refused file, with its reason
            text = evidence_input.problems_text(st.session_state.get(FILE_PROBLEMS, []), page.lang)
        st.error(f"{text} {ui.data_text(detail)}" if detail else text, icon="⚠️")


def after(outcome: field_reports.Outcome, notice: str, fields: tuple[str, ...]) -> None:
    """Keep the problems for the next run, or clear the form and the stale caches."""
    st.session_state[PROBLEMS], st.session_state[DETAIL] = outcome.problems, outcome.detail
    st.session_state[FILE_PROBLEMS] = outcome.file_problems
    if outcome.done:
        evidence_input.clear_picker()
        st.cache_data.clear()
        st.session_state[NOTICE] = notice
        for key in fields:
            st.session_state.pop(key, None)


def send_report() -> None:
    values = {name: st.session_state.get(key) for name, key in REPORT_FIELDS.items()}
    recommendation = st.session_state.get("field_recommendation")
    files = evidence_input.sent("field_files")
    outcome = field_reports.submit(page.engine, user, recommendation, **values, files=files)
    after(outcome, "field_submitted", ("field_recommendation", *REPORT_FIELDS.values()))


def choice(label_key: str, options, format_func, key: str) -> None:
    """A drop-down with nothing chosen at first: the user must pick."""
    placeholder = page.t("field_choose")
    inputs.selectbox(
        page.lang,
        page.t(label_key),
        options,
        index=None,
        format_func=format_func,
        key=key,
        placeholder=placeholder,
    )


def decide(approve: bool) -> None:
    write = field_reports.approve if approve else field_reports.reject
    report_id = st.session_state.get("field_report")
    outcome = write(page.engine, user, report_id, st.session_state.get("field_decision_note"))
    notice = "field_approved" if approve else "field_rejected"
    after(outcome, notice, ("field_report", "field_decision_note"))


def report_form(recommendations) -> None:
    choices = field_reports.recommendation_choice(recommendations)
    today = dt.date.today()
    with st.form("field_report_form"):
        st.subheader(page.t("field_new_report"))
        show_problem("")
        choice("recommendation", list(choices), choices.get, "field_recommendation")
        show_problem("recommendation")
        inputs.date_input(
            page.lang, page.t("field_date_seen"), value=today, max_value=today, key="field_date"
        )
        show_problem("date")
        label = functools.partial(ui.status_label, lang=page.lang)
        choice("field_proposed_status", STATUS_KEYS, label, "field_status")
        show_problem("status")
        st.text_input(
            page.t("field_proposed_progress"),
            help=page.t("field_progress_help"),
            key="field_progress",
        )
        show_problem("progress")
        st.text_area(page.t("field_note"), max_chars=field_reports.NOTE_MAX, key="field_note")
        show_problem("note")
        st.text_input(
            page.t("field_evidence"), max_chars=field_reports.URL_MAX, key="field_evidence"
        )
        show_problem("evidence_url")
        evidence_input.picker(page.lang, "field_files")
        show_problem("files")
        st.form_submit_button(page.t("field_submit"), type="primary", on_click=send_report)


def decision_form(pending) -> None:
    st.subheader(page.t("field_decide"))
    choices = field_reports.report_choice(pending)
    chosen = inputs.selectbox(
        page.lang,
        page.t("field_choose_report"),
        list(choices),
        format_func=choices.get,
        key="field_report",
    )
    report = pending[pending["id"] == chosen].iloc[0]
    # A person's words: escaped for markdown, never read as markup.
    st.markdown(f"**{page.t('field_note')}**  \n{ui.data_text(report['note'])}")
    if report["evidence_url"]:
        st.markdown(f"**{page.t('field_evidence')}**  \n{ui.data_text(report['evidence_url'])}")
    # Its photos and PDFs wait with it: shown here, published only if it is approved.
    evidence_input.waiting_files(page.read(queries.evidence.of_report, int(chosen)), page.lang)
    with st.form("field_decision_form"):
        show_problem("")
        st.text_area(
            page.t("field_reason"), max_chars=field_reports.NOTE_MAX, key="field_decision_note"
        )
        show_problem("decision_note")
        approve, reject = st.columns(2)
        approve.form_submit_button(
            page.t("field_approve"), type="primary", on_click=decide, args=(True,)
        )
        reject.form_submit_button(page.t("field_reject"), on_click=decide, args=(False,))


columns = {
    page.t("progress"): ui.progress_column(page.t("progress")),
    page.t("field_evidence"): st.column_config.LinkColumn(page.t("field_evidence")),
}
if notice := st.session_state.pop(NOTICE, None):
    st.success(page.t(notice))

if user.role == "association":
    st.caption(page.t("field_intro_association"))
    if user.association_id is None:
        st.warning(page.t("field_no_association"))
        st.stop()
    own = page.query(queries.field_reports.association_recommendations, user.association_id)
    st.subheader(page.t("field_your_recommendations"))
    if own.empty:
        st.info(page.t("field_none_proposed"))
    else:
        table = field_reports.recommendations_table(own, page.lang)
        st.dataframe(table, hide_index=True, column_config=columns)
        report_form(own)
    st.subheader(page.t("field_your_reports"))
    sent = page.query(queries.field_reports.association_reports, user.association_id)
    if sent.empty:
        st.caption(page.t("field_no_reports"))
    else:
        table = field_reports.own_reports_table(sent, page.lang)
        st.dataframe(table, hide_index=True, column_config=columns)
else:
    st.caption(page.t("field_intro_editor"))
    scope = (tuple(sorted(user.commune_ids)), user.role == "admin")
    pending = page.query(queries.field_reports.pending_reports, *scope)
    st.subheader(page.t("field_pending"))
    if pending.empty:
        st.success(page.t("field_nothing_pending"))
        show_problem("")
    else:
        table = field_reports.pending_table(pending, page.lang)
        st.dataframe(table, hide_index=True, column_config=columns)
        decision_form(pending)
    decided = page.query(queries.field_reports.decided_reports, *scope)
    if not decided.empty:
        st.subheader(page.t("field_recent_decisions"))
        st.dataframe(field_reports.decided_table(decided, page.lang), hide_index=True)
