"""Administration (administrators only): the users — add, disable or enable, unlock, reset a
password, change role and communes, each leaving an audit entry —, the communes — the
names and aliases a file may write each by, a commune of the reference list added — and
the audit log, with
filters kept in the URL (?from=, ?to= as YYYY-MM-DD; ?actor=, ?source=, ?table=; ?record=
text of the record's key; ?page=) and its export as CSV or XLSX. The log is append-only:
nothing here can change it. Both are read fresh on every run, not from the cache."""

import streamlit as st

from musharaka import exports, queries, ui
from musharaka.queries.audit import EXPORT_LIMIT, PAGE_SIZE
from musharaka.services import users as user_admin
from musharaka.ui import admin as widgets
from musharaka.ui import evidence as evidence_input
from musharaka.ui import inputs
from musharaka.views import admin as view

page = ui.setup_page("nav_admin", roles=("admin",))
lang, admin = page.lang, page.user.username
st.title(page.t("nav_admin"))
widgets.form_notice()
users_tab, communes_tab, audit_tab = st.tabs(
    [page.t("admin_users"), page.t("admin_communes_tab"), page.t("admin_audit")]
)

# --- users -----------------------------------------------------------------------------
with users_tab:
    users = page.read(queries.audit.users)
    # Communes and associations change with loads, not here: a minute-old list will do.
    communes = dict(page.query(queries.audit.commune_options).itertuples(index=False))
    associations = dict(page.query(queries.audit.association_options).itertuples(index=False))
    # The audit log names the communes and associations its entries hold by id.
    names = view.Names(communes, associations)
    # st.dataframe shows names as text, never as markup; password hashes are never read.
    # Times come written out (a missing one as nothing, where the grid would say "None").
    table = view.users_table(users, communes, lang)
    st.dataframe(table, hide_index=True, key="admin_users_table")
    # Photos as sent hold their GPS position: kept for editors only if chosen here.
    evidence_input.keep_originals_setting(page.engine, lang, admin)

    form = "admin_add"
    with st.expander(page.t("admin_add_user")), st.form(form):
        username = st.text_input(page.t("username"), max_chars=120, key=f"{form}_username")
        widgets.form_problem(page, form, "username")
        display_name = st.text_input(page.t("admin_display_name"), key=f"{form}_display")
        widgets.form_problem(page, form, "display_name")
        role, chosen, association = widgets.user_scope_fields(page, form, communes, associations)
        password, again = widgets.password_fields(page, form)
        if st.form_submit_button(page.t("admin_add_button"), type="primary"):
            new = user_admin.NewUser(
                username, display_name, role, chosen, association, password, again
            )
            problems = user_admin.add_user(page.engine, new, actor=admin)
            fields = ("username", "display", "role", "communes", "association", "pw", "again")
            name = username.strip().lower()
            widgets.finish_form(
                page, form, problems, [f"{form}_{f}" for f in fields], "admin_user_added", name
            )

    st.subheader(page.t("admin_manage_user"))
    picked = inputs.selectbox(
        lang,
        page.t("admin_pick_user"),
        users["username"].tolist(),
        index=None,
        placeholder=page.t("admin_pick_placeholder"),
        key="admin_pick",
    )
    user = next((u for u in users.itertuples(index=False) if u.username == picked), None)
    if user is not None:
        locked = view.is_locked(user.locked_until)
        state = [page.t("admin_state_active" if user.active else "admin_state_disabled")]
        if locked:
            until = view.when_text(user.locked_until)
            state.append(page.t("admin_state_locked").format(when=until))
        role_name = page.t(f"role_{user.role}")
        st.caption(" · ".join([ui.data_text(picked), role_name, *state]))
        toggle_box, unlock_box = st.columns(2)
        verb = "admin_disable" if user.active else "admin_enable"
        if toggle_box.button(page.t(verb), key="admin_toggle"):
            refused = user_admin.set_active(page.engine, picked, not user.active, actor=admin)
            if refused:
                st.error(page.t(refused))
            else:
                done = "admin_user_disabled" if user.active else "admin_user_enabled"
                widgets.finish_form(page, "admin_toggle", {}, [], done, picked)
        if unlock_box.button(page.t("admin_unlock"), key="admin_unlock", disabled=not locked):
            user_admin.unlock(page.engine, picked, actor=admin)
            widgets.finish_form(page, "admin_unlock", {}, [], "admin_user_unlocked", picked)

        form = f"admin_role_{user.id}"
        current = (user.role, view.commune_ids(user.commune_ids))
        current += (view.optional_id(user.association_id),)
        with st.form(form):
            st.markdown(f"**{page.t('admin_change_role')}**")
            role, chosen, association = widgets.user_scope_fields(
                page, form, communes, associations, current
            )
            if st.form_submit_button(page.t("admin_save_role")):
                problems = user_admin.change_role(
                    page.engine, picked, role, chosen, association, actor=admin
                )
                widgets.finish_form(page, form, problems, [], "admin_role_changed", picked)

        form = f"admin_password_{user.id}"
        with st.form(form):
            st.markdown(f"**{page.t('admin_reset_password')}**")
            password, again = widgets.password_fields(page, form)
            if st.form_submit_button(page.t("admin_save_password")):
                problems = user_admin.reset_password(
                    page.engine, picked, password, again, actor=admin
                )
                fields = [f"{form}_pw", f"{form}_again"]
                widgets.finish_form(
                    page, form, problems, fields, "admin_password_was_reset", picked
                )


# --- communes: their names and aliases ----------------------------------------------------
with communes_tab:
    widgets.communes_section(page, admin)


# --- the audit log -----------------------------------------------------------------------
def export_frame(f):
    """Every entry of the filter (all pages), labelled as the page shows them."""
    entries = page.read(queries.audit.entries, f, EXPORT_LIMIT)
    return view.labelled_entries(entries, lang, names)


with audit_tab:
    st.caption(page.t("audit_read_only"))
    chosen_filter = widgets.audit_filter(page)
    total = int(page.read(queries.audit.entry_count, chosen_filter)["count"].iloc[0])
    found_box, number_box = st.columns([3, 1], vertical_alignment="bottom")
    found_box.markdown(page.t("audit_found").format(count=ui.number(total, lang)))
    with number_box:
        number = ui.url_page_number(
            page.t("audit_page"),
            "page",
            key="audit_page",
            pages=view.page_count(total, PAGE_SIZE),
            view=chosen_filter,
        )
    offset = (number - 1) * PAGE_SIZE
    rows = page.read(queries.audit.entries, chosen_filter, PAGE_SIZE, offset)
    if total == 0:
        st.info(page.t("audit_no_match"))
    at = {page.t("audit_col_at"): st.column_config.DatetimeColumn(format=ui.DAY_FIRST_TIME + ":ss")}
    # Keys and values from files and forms are shown as text by st.dataframe, never as HTML.
    shown = view.labelled_entries(rows, lang, names)
    st.dataframe(shown, hide_index=True, column_config=at, key="audit_entries")
    csv_box, xlsx_box, help_box = st.columns([1, 1, 3], vertical_alignment="center")
    csv_box.download_button(
        page.t("audit_export_csv"),
        data=lambda f=chosen_filter: exports.csv_bytes(export_frame(f)),
        file_name="audit_log.csv",
        mime=exports.CSV_MIME,
        on_click="ignore",
        key="audit_csv",
        disabled=total == 0,
    )
    xlsx_box.download_button(
        page.t("audit_export_xlsx"),
        data=lambda f=chosen_filter: exports.xlsx_bytes(export_frame(f), "audit_log"),
        file_name="audit_log.xlsx",
        mime=exports.XLSX_MIME,
        on_click="ignore",
        key="audit_xlsx",
        disabled=total == 0,
    )
    help_box.caption(page.t("audit_export_help").format(count=ui.number(total, lang)))
