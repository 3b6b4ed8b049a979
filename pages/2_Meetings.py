"""Meetings: each commune's communicative meetings, one meeting's facts and the
recommendations it produced, and what was achieved between two consecutive meetings."""

import streamlit as st

from musharaka import between, metrics, queries, ui
from musharaka.queries import RecommendationFilter
from musharaka.ui import lists, share
from musharaka.ui import meetings as widgets
from musharaka.views import meetings as view

page = ui.setup_page("meet_title")
st.title(page.t("meet_title"))

if page.database_is_empty():
    ui.empty_state(page)
    st.stop()

communes = ui.commune_filter(page)
meetings = page.query(queries.meetings.meeting_list, communes)
# Country-wide, the picker offers only the meeting a link opened: a commune is chosen first.
pickable = meetings
if ui.country_wide(page, communes):
    pickable = meetings[meetings["code"] == st.query_params.get("meeting", "")]
    st.sidebar.caption(page.t("meet_pick_commune_first"))
names = {
    row.code: f"{view.isolate(row.code)} · {ui.day(row.date, page.lang)}"
    for row in pickable.itertuples()
}
code = ui.detail_picker(
    page.lang,
    page.t("meet_open"),
    "meeting",
    names,
    key="meet_open",
    none=page.t("meet_none_chosen"),
)
if code:  # one meeting's page (?meeting=CODE)
    meeting = page.query(queries.meetings.meeting, code).iloc[0]
    # Who chaired and facilitated it: names of people, for the commune's editors only.
    people = page.user is not None and page.user.can_edit_commune(int(meeting["commune_id"]))
    if people:
        meeting = page.query(queries.meetings.meeting, code, True).iloc[0]
    ui.back_button(page.t("meet_back"), "meet_open")
    st.header(ui.data_text(meeting["title"]) or ui.data_text(meeting["code"]))
    present = page.query(queries.meetings.associations_present, int(meeting["id"]))
    separator = "، " if page.rtl else ", "
    missing, participants = page.t("meet_not_given"), meeting["participants"]
    facts = {
        "code": ui.data_text(meeting["code"]),
        "commune": ui.data_text(meeting["commune"]),
        "date": ui.day(meeting["date"], page.lang),
        "meet_edition": ui.data_text(meeting["edition"]) or missing,
        "meet_kind": ui.data_text(meeting["kind"]) or missing,
        "meet_location": ui.data_text(meeting["location"]) or missing,
        "meet_participants": missing
        if participants is None or participants != participants  # None or NaN
        else ui.number(int(participants), page.lang),
        "meet_associations_present": separator.join(ui.data_text(n) for n in present["name"])
        or missing,
    }
    if people:
        facts["meet_chair"] = ui.data_text(meeting["chair"]) or missing
        facts["meet_facilitator"] = ui.data_text(meeting["facilitator"]) or missing
    link = view.safe_link(meeting["source_url"])
    if link:
        facts["meet_source"] = f"[{ui.data_text(meeting['source_url'])}]({link})"
    st.markdown("  \n".join(f"**{page.t(key)}:** {value}" for key, value in facts.items()))
    summary = ui.data_text(meeting["summary"])
    if summary:
        st.markdown(f"**{page.t('meet_summary')}:**  \n{summary}")
    share.share_view(
        page,
        "Meetings",
        {"meeting": code},
        page.t("share_message_meeting").format(
            title=meeting["title"] or code, date=ui.day(meeting["date"], page.lang)
        ),
    )

    of_meeting = RecommendationFilter(meeting_ids=(int(meeting["id"]),))
    figures = metrics.key_figures(page.query(queries.status_counts, of_meeting))
    st.subheader(page.t("meet_recs_produced"))
    ui.figure_row(page, figures)
    produced = page.query(queries.meetings.recommendation_states, of_meeting)
    if produced.empty:
        st.info(page.t("meet_no_recs"))
    else:
        lists.show(
            produced.drop(columns=["meeting_code", "commune"], errors="ignore"),
            lists.STATE_COLUMNS,
            page,
        )
    # Periods are a commune's own: pairing only its meetings keeps a national list cheap.
    of_commune = meetings[meetings["commune_id"] == meeting["commune_id"]]
    pair = between.pair_ending(between.consecutive_pairs(of_commune), code)
    missing_pair = "meet_between_first"
    if pair is not None:  # a poster of what was achieved since the meeting before
        widgets.poster_download(page, code)
else:  # the list of meetings, and the period the reader chooses
    st.subheader(page.t("meet_list"))
    st.dataframe(
        view.meeting_list_table(meetings, page.lang, with_commune=not communes),
        hide_index=True,
        column_config={page.t("date"): ui.date_column(page.t("date"))},
    )
    pair, missing_pair = None, "meet_between_pick_commune"
    if communes:
        pairs = between.consecutive_pairs(meetings)
        missing_pair = "meet_between_single"
        arrow = page.t("meet_arrow")
        periods = {
            p.later_code: f"{view.isolate(p.earlier_code)} ({ui.day(p.earlier_date, page.lang)})"
            f" {arrow} {view.isolate(p.later_code)} ({ui.day(p.later_date, page.lang)})"
            for p in pairs.itertuples()
        }
        if periods:  # newest period first: the default is the last two meetings
            later = ui.url_select(
                page.lang,
                page.t("meet_between_pair"),
                "between",
                list(reversed(periods)),
                key="meet_between",
                format_func=periods.get,
            )
            pair = between.pair_ending(pairs, later)

st.header(page.t("meet_between_title"))
st.caption(page.t("meet_between_help"))
if pair is None:
    st.info(page.t(missing_pair))
    st.stop()

st.markdown(
    page.t("meet_between_period").format(
        earlier=ui.data_text(pair["earlier_code"]),
        start=ui.day(pair["earlier_date"], page.lang),
        later=ui.data_text(pair["later_code"]),
        end=ui.day(pair["later_date"], page.lang),
    )
)
widgets.council_report_downloads(
    page, int(pair["commune_id"]), pair["earlier_code"], pair["later_code"]
)
scope = (int(pair["commune_id"]), pair["earlier_date"])
later_id = int(pair["later_id"])
considered = page.query(queries.meetings.between_recommendations, *scope, later_id)
history = page.query(queries.meetings.between_updates, *scope, pair["later_date"], later_id)
report = between.classify(
    considered, history, between.Period(pair["earlier_date"], pair["later_date"])
)
counts = between.category_counts(report)
for col, key in zip(st.columns(len(counts)), counts, strict=True):
    col.metric(view.category_label(key, page.lang), ui.number(counts[key], page.lang))
if report.empty:
    st.info(page.t("meet_between_none"))
    st.stop()

st.subheader(page.t("meet_between_by_domain"))
st.dataframe(view.domain_category_table(between.domain_counts(report), page.lang), hide_index=True)
labels = [
    f"{view.category_label(k, page.lang)} ({ui.number(n, page.lang)})" for k, n in counts.items()
]
for tab, key in zip(st.tabs(labels), counts, strict=True):
    with tab:
        if counts[key] == 0:
            st.caption(page.t("meet_between_empty_category"))
            continue
        lists.show(view.between_rows(report, key, page.lang), lists.BETWEEN_COLUMNS, page)
