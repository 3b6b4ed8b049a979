"""Upload (editors): drop workbooks (xlsx, xls, ods...), csv/tsv/txt, json or Word minutes
(docx); Musharaka checks them with a dry run of the load and shows its report (what became
of each file, counts per table and file, warnings, every rejected row), then loads them,
on confirmation, with a progress bar. The rejected rows download as a workbook to correct
and upload again.

Decidim results files name no commune: the editor chooses it (among the communes they may
edit) and the dry run is made again for it. The report kept in the session is the one
confirmed: the files it was made from wait in
a private folder, so confirming needs no new upload and loads exactly what was shown.
Everything from a file is shown as text (st.dataframe) or escaped (ui.data_text).
"""

import streamlit as st

from musharaka import exports, queries, ui
from musharaka.services import uploads
from musharaka.ui import inputs
from musharaka.views.data_status import said, table_label

page = ui.setup_page("nav_upload", roles=("editor",))
st.title(page.t("upload_title"))
st.write(page.t("upload_intro"))
st.caption(page.t("upload_intro_evidence"))
types = ", ".join(uploads.TYPES)
if page.user.role != "admin":
    st.caption(page.t("upload_editor_scope"))

batches: dict = st.session_state.setdefault("upload_batches", {})
# Its limits are said under it, in the page's language.
files = inputs.file_uploader(
    page.lang,
    page.t("upload_files"),
    uploads.TYPES,
    max_mb=uploads.MAX_UPLOAD_MB,
    accept_multiple_files=True,
    key="upload_files",
)


def confirm(key: str) -> None:
    st.session_state["upload_confirmed"] = key


def counts(report) -> dict[str, str]:
    return {k: ui.number(v, page.lang) for k, v in uploads.totals(report).items()}


def draw_report(report) -> None:
    if report.skipped:
        names = ", ".join(ui.data_text(s["file"]) for s in report.skipped)
        st.warning(page.t("upload_files_skipped").format(names=names))
    st.subheader(page.t("upload_files_outcome"))
    st.dataframe(uploads.files_frame(report, page.lang), hide_index=True)
    st.subheader(page.t("upload_by_table"))
    st.dataframe(uploads.counts_by_table(report, page.lang), hide_index=True)
    st.subheader(page.t("upload_by_file"))
    st.dataframe(uploads.counts_by_file(report, page.lang), hide_index=True)
    if report.warnings:
        st.subheader(page.t("upload_warnings"))
        st.dataframe(uploads.warnings_frame(report, page.lang), hide_index=True)
    st.subheader(page.t("upload_rejects"))
    if not report.rejects:
        st.success(page.t("upload_no_rejects"))
        return
    st.dataframe(uploads.rejects_frame(report, page.lang), hide_index=True)
    st.download_button(
        page.t("upload_download_xlsx"),
        data=lambda: uploads.rejects_xlsx(report, page.lang),
        file_name=uploads.REJECTS_XLSX,
        mime=exports.XLSX_MIME,
        help=page.t("upload_download_help"),
        key="upload_rejects_xlsx",
    )
    for table in uploads.rejected_tables(report, page.lang):
        st.download_button(
            page.t("upload_download_csv").format(table=table_label(table, page.lang)),
            data=lambda table=table: uploads.rejects_csv(report, table, page.lang),
            file_name=uploads.rejects_csv_name(table),
            mime=exports.CSV_MIME,
            key=f"upload_rejects_csv_{table}",
        )


# A confirmed batch first: the uploader may already hold other files by now.
confirmed = batches.get(st.session_state.pop("upload_confirmed", None))
if confirmed is not None and confirmed.result is None:
    bar = st.progress(0.0, text=page.t("upload_stage_reading"))

    def tick(stage: str, done: int, total: int) -> None:
        key, fraction = uploads.progress_step(stage, done, total)
        if fraction is not None:
            bar.progress(fraction, text=page.t(key))

    uploads.commit(page.engine, confirmed, page.user, tick)
    bar.empty()
    if confirmed.result is not None and confirmed.result.committed:
        st.cache_data.clear()  # every page's counts are stale now
        uploads.discard(confirmed)  # the report stays; the files are no longer needed

if not files and confirmed is None:
    uploads.forget_all(batches)
    st.stop()

if confirmed is not None:
    batch = confirmed
else:
    screened = uploads.screen(files)
    for refusal in screened.refused:
        st.error(
            page.t(refusal.reason).format(
                name=ui.data_text(refusal.name),
                size=ui.number(uploads.megabytes(refusal.size), page.lang),
                limit=uploads.MAX_UPLOAD_MB,
                types=types,
            )
        )
    if not screened.accepted:
        st.stop()
    batch = batches.get(uploads.batch_key(screened.accepted))
    if batch is None:
        with st.spinner(page.t("upload_checking")):
            batch = uploads.check(page.engine, uploads.stage(screened.accepted), page.user)
        uploads.keep(batches, batch)

if batch.needs_commune and batch.result is None:
    # Decidim results name no commune: the editor says which, and the dry run is made again.
    names = uploads.commune_choices(page.query(queries.communes), page.user)
    chosen = inputs.selectbox(
        page.lang,
        page.t("upload_decidim_commune"),
        ["", *names],
        format_func=lambda name: name or page.t("upload_decidim_pick"),
        key=f"upload_commune_{batch.key[:16]}",
    )
    if not chosen:
        st.info(page.t("upload_decidim_needed"))
        st.stop()
    if chosen != batch.commune:
        with st.spinner(page.t("upload_checking")):
            uploads.check(page.engine, batch, page.user, commune=chosen)

if batch.result_error:
    st.error(
        page.t("upload_load_failed").format(error=ui.data_text(said(batch.result_error, page.lang)))
    )
elif batch.result is not None:
    st.success(page.t("upload_committed").format(**counts(batch.result)))
    st.caption(page.t("upload_done_hint"))
    draw_report(batch.result)
    st.stop()
if batch.error:
    st.error(page.t("upload_check_failed").format(error=ui.data_text(said(batch.error, page.lang))))
    st.stop()

st.info(page.t("upload_dry_run").format(**counts(batch.report)))
st.button(
    page.t("upload_confirm"),
    type="primary",
    help=page.t("upload_confirm_help"),
    on_click=confirm,
    args=(batch.key,),
    key=f"upload_confirm_{batch.key[:16]}",
)
draw_report(batch.report)
