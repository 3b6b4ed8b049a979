"""The widgets of the recommendations page (pages/1_Recommendations.py): the sidebar
filters, each kept in the URL, and one recommendation's detail. The page's docstring
lists the URL parameters."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st
from sqlalchemy import Select

from musharaka import charts, dates, queries
from musharaka.charts import STATUS_ICONS
from musharaka.i18n import t, term_label
from musharaka.ui import inputs, lists
from musharaka.ui.charts import chart
from musharaka.ui.display import (
    data_text,
    day,
    days_since,
    money,
    number,
    percent,
    status_label,
)
from musharaka.ui.frame import Page
from musharaka.ui.share import share_view
from musharaka.ui.url_state import (
    RECOMMENDATIONS_PAGE,
    country_wide,
    forget_url_param,
    url_date,
    url_flag,
    url_multiselect,
    url_values,
)
from musharaka.views import evidence as evidence_view
from musharaka.views import reading_list
from musharaka.views import recommendations as view
from musharaka.views.reading_list import Column
from musharaka.views.recommendations import meeting_labels
from musharaka.vocabulary import DOMAINS, INSTITUTIONS, PRIORITIES

# The choices of the action programme's filter, kept in the URL as ?pac=in or ?pac=out.
PROGRAMME_CHOICES = {"": None, "in": True, "out": False}


def programme_filter(lang: str) -> bool | None:
    """Whether the list keeps the recommendations taken into the commune's action
    programme (True), those not taken (False) or all (None); kept in the URL as ?pac=."""
    wanted = st.query_params.get("pac", "")
    current = wanted if wanted in PROGRAMME_CHOICES else ""
    options = list(PROGRAMME_CHOICES)
    chosen = inputs.selectbox(
        lang,
        t("rec_programme", lang),
        options,
        index=options.index(current),
        format_func=lambda k: t(f"rec_programme_{k or 'all'}", lang),
        key="rec_pac",
    )
    if chosen != current:
        if chosen:
            st.query_params["pac"] = chosen
        else:
            del st.query_params["pac"]
    return PROGRAMME_CHOICES[chosen]


def recommendation_filters(page: Page, search: str = "") -> queries.RecommendationFilter:
    """The sidebar filters of the recommendations list, each kept in the URL; the choices
    of meetings, associations, responsible bodies and douars follow the chosen communes."""

    def options(builder: Callable[..., Select], commune_ids: tuple[int, ...]) -> pd.DataFrame:
        return page.query(builder, commune_ids)

    def long_options(
        builder: Callable[..., Select], commune_ids: tuple[int, ...], param: str
    ) -> pd.DataFrame:
        # Country-wide, only those a link chose are offered until a commune is chosen.
        if not wide:
            return options(builder, commune_ids)
        ids = tuple(sorted({int(v) for v in url_values(param) if v.isdigit()}))
        if ids:
            return page.query(builder, (), ids)
        return pd.DataFrame({"id": [], "code": [], "date": [], "commune": [], "name": []})

    def pick(label: str, param: str, choices, names=None, split: bool = True) -> tuple:
        shown = names.get if isinstance(names, dict) else names
        return tuple(
            url_multiselect(
                page.lang,
                t(label, page.lang),
                param,
                list(choices),
                key=f"rec_{param}",
                format_func=shown or str,
                split=split,
                placeholder=t("rec_all", page.lang),
            )
        )

    def by_id(frame: pd.DataFrame, column: str) -> dict[int, str]:
        return dict(zip(frame["id"].astype(int).tolist(), frame[column], strict=True))

    lang = page.lang
    with st.sidebar:
        st.header(t("rec_filters", lang))
        communes = by_id(page.query(queries.communes), "name")
        commune_ids = pick("commune", "commune", communes, communes)
        wide = country_wide(page, commune_ids)
        meetings = meeting_labels(
            long_options(queries.recommendations.meeting_options, commune_ids, "meeting"),
            lambda d: day(d, lang),
        )
        associations = by_id(
            long_options(queries.recommendations.association_options, commune_ids, "association"),
            "name",
        )
        if wide:
            st.caption(t("rec_pick_commune_first", lang))
        return queries.RecommendationFilter(
            commune_ids=commune_ids,
            meeting_ids=pick("rec_meeting", "meeting", meetings, meetings),
            domains=pick(
                "domain", "domain", [d.key for d in DOMAINS], lambda k: term_label(DOMAINS, k, lang)
            ),
            statuses=pick("status", "status", STATUS_ICONS, lambda k: status_label(k, lang)),
            priorities=pick(
                "rec_priority",
                "priority",
                [p.key for p in PRIORITIES],
                lambda k: term_label(PRIORITIES, k, lang),
            ),
            association_ids=pick("rec_association", "association", associations, associations),
            responsible=pick(
                "rec_responsible",
                "responsible",
                options(queries.recommendations.responsible_options, commune_ids)["value"],
                split=False,
            ),
            locations=pick(
                "rec_location",
                "location",
                options(queries.recommendations.location_options, commune_ids)["value"],
                split=False,
            ),
            institutions=pick(
                "rec_partner_institution",
                "institution",
                [i.key for i in INSTITUTIONS],
                lambda k: term_label(INSTITUTIONS, k, lang),
            ),
            in_programme=programme_filter(lang),
            target_from=url_date(lang, t("rec_target_from", lang), "from", key="rec_from"),
            target_to=url_date(lang, t("rec_target_to", lang), "to", key="rec_to"),
            overdue_only=url_flag(t("rec_overdue_only", lang), "overdue", key="rec_overdue"),
            search=search,
        )


# A recommendation's updates, newest last, as the history's list shows them.
HISTORY_COLUMNS = (
    Column("date", "date", "date", on_phone=True),
    Column("status", "status", "status"),
    Column("progress", "progress", "progress"),
    Column("note", "rec_note", "text", on_phone=True),
)


def recommendation_detail(page: Page, code: str) -> None:
    """One recommendation: its state, meeting, proposers, partners, responsible, budget and
    target date, its status history as a timeline and a table, its evidence (links only
    when they are web addresses) and how long since it was last updated."""

    lang = page.lang
    detail = page.query(queries.recommendations.detail, code)
    if detail.empty:
        st.warning(f"{t('rec_not_found', lang)} {data_text(code)}")
        return
    rec = next(detail.itertuples(index=False))
    st.button(
        t("rec_back_to_list", lang),
        on_click=forget_url_param,
        args=("rec",),
        icon=":material/list:",
        key="rec_back",
    )
    st.subheader(data_text(f"{rec.title}"))
    st.caption(
        f"{data_text(rec.code)} · "
        + t("rec_since_update", lang).format(when=days_since(rec.updated, lang))
    )
    figures = st.columns(4)
    figures[0].metric(t("status", lang), status_label(rec.status, lang))
    figures[1].metric(t("progress", lang), percent(view.fraction(rec.progress), lang))
    figures[2].metric(t("rec_budget", lang), money(rec.budget_mad, lang))
    figures[3].metric(t("rec_target_date", lang), day(rec.target_date, lang))
    names = page.query(queries.recommendations.proposers, code)["name"]
    facts = {
        "rec_meeting": " · ".join(
            [data_text(rec.meeting), day(rec.meeting_date, lang), data_text(rec.commune)]
        ),
        "domain": term_label(DOMAINS, rec.domain, lang),
        "rec_priority": term_label(PRIORITIES, rec.priority, lang),
        "rec_proposed_by": " · ".join(data_text(name) for name in names),
        "rec_partners": data_text(rec.partners),
        "rec_partner_institution": term_label(
            INSTITUTIONS,
            None if pd.isna(rec.partner_institution) else rec.partner_institution,
            lang,
        ),
        "rec_pac_ref": data_text(rec.pac_ref),
        "rec_budget_line": data_text(rec.budget_line),
        "rec_responsible": data_text(rec.responsible),
        "rec_location": data_text(rec.location),
        "rec_description": data_text(rec.description),
    }
    for key, value in facts.items():
        st.markdown(f"**{t(key, lang)}:** {value or '—'}")
    parts_of(page, code)
    share_view(
        page,
        "Recommendations",
        {"rec": code},
        t("share_message_recommendation", lang).format(code=rec.code, title=rec.title),
    )

    # A note can hold a person's name or phone: only the commune's editors read them.
    notes = page.user is not None and page.user.can_edit_commune(int(rec.commune_id))
    history = page.query(queries.recommendations.history, code, notes)
    path = view.timeline(
        history, rec.meeting_date, rec.initial_status, rec.initial_progress, dates.today()
    )
    chart(page, charts.status_timeline(path, lang), key="rec_timeline")
    if history.empty:
        st.info(t("rec_no_history", lang))
        return
    lists.show(history, HISTORY_COLUMNS, page)
    evidence = view.evidence(history)
    if evidence:
        st.markdown(f"**{t('rec_evidence', lang)}**")
    for when, text, href in evidence:
        # The address is percent-encoded and only ever http(s); the text is escaped.
        shown = (
            f"[{data_text(text)}]({href})"
            if href
            else f"{data_text(text)} " + t("rec_not_a_link", lang)
        )
        st.markdown(f"- {day(when, lang)}: {shown}")
    evidence_files(page, code)


# A recommendation's parts (queries.recommendations.parts), as its page lists them.
PART_COLUMNS = (
    Column("title", "recommendation", "title"),
    Column("status", "status", "status"),
    Column("progress", "progress", "progress"),
    Column("weight", "rec_weight", "number", on_phone=True),
)


def parts_of(page: Page, code: str) -> None:
    """Where a recommendation sits among sub-recommendations: the one it is a part of (a
    link), and its own parts with their weights, its progress said to be theirs."""
    lang = page.lang
    above = page.query(queries.recommendations.parent, code)
    for parent_code, title in above.itertuples(index=False):
        href = reading_list.link(RECOMMENDATIONS_PAGE, {"rec": parent_code, "lang": lang})
        st.markdown(f"**{t('rec_part_of', lang)}:** [{data_text(title)}]({href})")
    parts = page.query(queries.recommendations.parts, code)
    if parts.empty:
        return
    # A blank weight counts 1, as the roll-up counts it (musharaka.parts).
    parts["weight"] = parts["weight"].fillna(1.0)
    st.markdown(f"**{t('rec_parts', lang)}** ({number(len(parts), lang)})")
    st.caption(t("rec_parts_rolled", lang))
    lists.show(parts, PART_COLUMNS, page)


def evidence_files(page: Page, code: str) -> None:
    """The photos and PDFs of a recommendation's status updates, by update: thumbnails
    that load when scrolled to, each opening the full photo (served by serve.py)."""
    lang = page.lang
    files = page.query(queries.evidence.published, code)
    if files.empty:
        return
    st.markdown(f"**{t('evidence_files', lang)}**")
    for when, group in evidence_view.by_update(files):
        st.caption(day(when, lang))
        # Names are escaped and addresses built from checksums (views.evidence).
        st.html(evidence_view.gallery_html(group, lang))
