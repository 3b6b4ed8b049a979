"""The widgets of the administration page (pages/10_Admin.py): forms whose refusals are
shown next to their fields, a user's role and communes, and the audit log's filters."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from sqlalchemy import Select

from musharaka import queries
from musharaka.auth import ROLES
from musharaka.i18n import t
from musharaka.queries.audit import AuditFilter
from musharaka.services import communes as commune_admin
from musharaka.ui import inputs
from musharaka.ui.frame import Page
from musharaka.ui.url_state import (
    url_date,
    url_multiselect,
    url_text,
)
from musharaka.views import admin as view

FORM_NOTICE_KEY = "musharaka_form_notice"


def form_problem(page: Page, form: str, field: str) -> None:
    """The message of a refused form under its field: `finish_form` keeps each form's
    problems (field -> vocabulary key) in the session for the run that draws them."""
    key = st.session_state.get(f"{form}_problems", {}).get(field)
    if key:
        st.error(t(key, page.lang))


def finish_form(
    page: Page, form: str, problems: dict[str, str], fields: list[str], notice: str, name: str
) -> None:
    """After a form was sent: its problems shown next to its fields on the rerun; or, when
    it was written, its `fields` (widget keys) emptied, the cached queries cleared (the
    write made them stale) and `notice` ("... {name} ...") shown at the top of the page."""
    # A form sent clears the messages any form had before: they answered earlier sendings.
    for key in [k for k in st.session_state if str(k).endswith("_problems")]:
        del st.session_state[key]
    st.session_state[f"{form}_problems"] = problems
    if not problems:
        for field in fields:
            st.session_state.pop(field, None)
        st.cache_data.clear()
        st.session_state[FORM_NOTICE_KEY] = t(notice, page.lang).format(name=name)
    st.rerun()


def form_notice() -> None:
    """What the last written form did ("User x added."), once, at the top of the page."""
    notice = st.session_state.pop(FORM_NOTICE_KEY, None)
    if notice:
        st.success(notice)


def user_scope_fields(
    page: Page,
    form: str,
    communes: dict[int, str],
    associations: dict[int, str],
    current: tuple[str, tuple[int, ...], int | None] = ("editor", (), None),
) -> tuple[str, tuple[int, ...], int | None]:
    """A user's role, communes and association, pre-filled with `current`; each with the
    form's message for it underneath."""
    role, commune_ids, association_id = current
    role = inputs.selectbox(
        page.lang,
        t("admin_role", page.lang),
        ROLES,
        index=ROLES.index(role) if role in ROLES else 1,
        format_func=lambda r: t(f"role_{r}", page.lang),
        key=f"{form}_role",
    )
    form_problem(page, form, "role")
    chosen = inputs.multiselect(
        page.lang,
        t("admin_communes", page.lang),
        list(communes),
        default=[c for c in commune_ids if c in communes],
        format_func=lambda c: communes.get(c, str(c)),
        help=t("admin_communes_help", page.lang),
        key=f"{form}_communes",
    )
    form_problem(page, form, "communes")
    choices = [None, *associations]
    association = inputs.selectbox(
        page.lang,
        t("admin_association", page.lang),
        choices,
        index=choices.index(association_id) if association_id in associations else 0,
        format_func=lambda a: t("admin_none", page.lang) if a is None else associations[a],
        help=t("admin_association_help", page.lang),
        key=f"{form}_association",
    )
    form_problem(page, form, "association")
    return role, tuple(chosen), association


def password_fields(page: Page, form: str) -> tuple[str, str]:
    """A new password typed twice, with the form's messages for each."""
    first = st.text_input(
        t("password", page.lang),
        type="password",
        max_chars=200,
        help=t("admin_password_help", page.lang),
        key=f"{form}_pw",
    )
    form_problem(page, form, "password")
    again = st.text_input(
        t("admin_password_again", page.lang), type="password", max_chars=200, key=f"{form}_again"
    )
    form_problem(page, form, "again")
    return first, again


def audit_filter(page: Page):
    """The audit log's filters, each kept in the URL: a period (?from=, ?to=), who
    (?actor=), through what (?source=), which table (?table=) and part of a record's key
    (?record=). Returns a `queries.audit.AuditFilter`."""

    def pick(label: str, param: str, options_query: Callable[[], Select], shown) -> tuple[str, ...]:
        options = page.read(options_query)["value"].tolist()
        return tuple(
            url_multiselect(
                page.lang,
                t(label, page.lang),
                param,
                options,
                key=f"audit_{param}",
                format_func=shown,
                split=False,  # a user name may hold a comma
                placeholder=t("audit_all", page.lang),
            )
        )

    lang = page.lang
    period, who, what = st.columns(3)
    with period:
        date_from = url_date(lang, t("audit_from", lang), "from", key="audit_from")
        date_to = url_date(lang, t("audit_to", lang), "to", key="audit_to")
    with who:
        actors = pick("audit_actor", "actor", queries.audit.actor_options, view.visible)
        sources = pick(
            "audit_source",
            "source",
            queries.audit.source_options,
            lambda s: view.source_label(s, lang),
        )
    with what:
        tables = pick(
            "audit_table",
            "table",
            queries.audit.table_options,
            lambda n: view.table_label(n, lang),
        )
        record = url_text(t("audit_record_key", lang), "record", key="audit_record")
    return AuditFilter(date_from, date_to, actors, sources, tables, record)


def communes_section(page: Page, admin: str) -> None:
    """The communes with their names and aliases; a form to add an alias, one to remove
    one, and one to add a commune of the reference list. Each change leaves an audit entry
    with the administrator as actor; a refusal is said under the form."""
    lang = page.lang
    communes = page.read(queries.audit.communes_named)
    aliases = page.read(queries.audit.commune_aliases)
    st.caption(t("admin_communes_intro", lang))
    # st.dataframe shows names as text, never as markup.
    table = view.communes_table(communes, aliases, lang)
    st.dataframe(table, hide_index=True, key="admin_communes_table")
    names = dict(zip(communes["id"].astype(int).tolist(), communes["name"], strict=True))

    form = "admin_alias_add"
    with st.form(form):
        st.markdown(f"**{t('admin_alias_add', lang)}**")
        commune = inputs.selectbox(
            lang,
            t("commune", lang),
            list(names),
            index=None,
            format_func=lambda c: names.get(c, str(c)),
            placeholder=t("admin_choose", lang),
            key=f"{form}_commune",
        )
        alias = st.text_input(
            t("admin_alias", lang), help=t("admin_alias_help", lang), key=f"{form}_alias"
        )
        if st.form_submit_button(t("admin_alias_add_button", lang), type="primary"):
            if commune is None:
                st.error(t("admin_alias_pick_commune", lang))
            else:
                refused = commune_admin.write(
                    page.engine,
                    commune_admin.add_alias,
                    commune,
                    alias,
                    actor=admin,
                    source="admin",
                )
                _finish_commune_form(page, form, refused, "admin_alias_added", alias.strip())

    if not aliases.empty:
        form = "admin_alias_remove"
        with st.form(form):
            st.markdown(f"**{t('admin_alias_remove', lang)}**")
            owner = dict(zip(aliases["alias"], aliases["commune_id"].astype(int), strict=True))
            chosen = inputs.selectbox(
                lang,
                t("admin_alias", lang),
                list(owner),
                index=None,
                format_func=lambda a: f"{a} · {names.get(owner[a], '')}",
                placeholder=t("admin_choose", lang),
                key=f"{form}_alias",
            )
            if st.form_submit_button(t("admin_alias_remove_button", lang)) and chosen:
                refused = commune_admin.write(
                    page.engine, commune_admin.remove_alias, chosen, actor=admin, source="admin"
                )
                _finish_commune_form(page, form, refused, "admin_alias_removed", chosen)

    form = "admin_commune_add"
    with st.form(form):
        st.markdown(f"**{t('admin_commune_add', lang)}**")
        with page.engine.connect() as conn:
            choices = commune_admin.reference_choices(conn)
        code = inputs.selectbox(
            lang,
            t("admin_commune_reference", lang),
            list(choices),
            index=None,
            format_func=lambda c: f"{choices.get(c, c)} ({c})",
            placeholder=t("admin_choose", lang),
            help=t("admin_commune_reference_help", lang),
            key=f"{form}_code",
        )
        if st.form_submit_button(t("admin_commune_add_button", lang)) and code:
            refused = commune_admin.write(
                page.engine,
                commune_admin.add_reference_commune,
                code,
                actor=admin,
                source="admin",
            )
            _finish_commune_form(page, form, refused, "admin_commune_added", choices[code])


def _finish_commune_form(page: Page, form: str, refused, notice: str, name: str) -> None:
    if refused is not None:
        st.error(view.refusal_text(refused.key, refused.values, page.lang))
        return
    finish_form(page, form, {}, [f"{form}_alias", f"{form}_commune", f"{form}_code"], notice, name)
