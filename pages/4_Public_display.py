"""The public display: a screen in the town hall, or an iframe on a website, that shows at
a glance whether the commune keeps its word. Chosen by the URL alone (no sidebar):

    /Public_display?commune=ID&lang=ar&refresh=30     (add &embed=true inside an iframe)

It shows no personal data (its queries, musharaka/queries/public.py, select no phone,
e-mail, note or reporter) and no error details: an error shows a neutral message, and
.streamlit/config.toml sets client.showErrorDetails = "none" behind it.
"""

from dataclasses import replace

import streamlit as st

from musharaka import metrics, queries, ui
from musharaka.i18n import term_label
from musharaka.queries import RecommendationFilter
from musharaka.ui import public_display as widgets
from musharaka.views import public_display as view
from musharaka.vocabulary import DOMAINS

# The language first: the neutral message needs it even when nothing else works.
lang = ui.choose_language()

with ui.neutral_errors(lang):
    page = ui.setup_page("public_title", public=True)
    st.html(view.DISPLAY_CSS)
    if page.database_is_empty():
        ui.empty_state(page)
        st.stop()

    communes = view.chosen_communes(
        page.query(queries.public.commune_names),
        st.query_params.get("commune", ""),
        page.lang,
    )
    chosen = RecommendationFilter(commune_ids=tuple(communes))
    interval = view.refresh_seconds(st.query_params.get("refresh"))
    place = " · ".join(ui.data_text(name) for name in communes.values())
    st.title(f"{page.t('app_title')} · {place or page.t('all_communes')}")

    @st.fragment(run_every=interval)
    def live_display() -> None:
        # A timed rerun runs only this function: it needs its own guard.
        with ui.neutral_errors(page.lang):
            tick = st.session_state.get("public_tick", 0)
            st.session_state["public_tick"] = tick + 1
            status_counts = page.query(queries.public.status_counts, chosen)
            figures = metrics.key_figures(status_counts)
            widgets.figure_row(page, figures, widgets.KEY_FIGURES)
            # Three columns side by side on a screen, one under the other on a phone: the
            # whole display, the rotating domain included, fits a television's height.
            panels = st.container(key="public_panels")
            by_status, latest_box, spotlight = panels.columns(3, gap="large")
            with by_status:
                st.subheader(page.t("by_status"))
                widgets.status_bars(page, figures)
            with latest_box:
                st.subheader(page.t("public_latest_completions"))
                latest = page.query(queries.public.latest_completions, chosen, 3)
                widgets.completions_list(page, latest, with_domain=True, with_commune=not communes)

            domains = view.domains_in(page.query(queries.public.domain_counts, chosen))
            shown = view.rotating_domain(domains, tick)
            if shown is not None:
                index, domain = shown
                in_domain = replace(chosen, domains=(domain,))
                with spotlight, st.container(border=True, key="public_spotlight"):
                    count = page.t("public_domain_of").format(
                        index=ui.number(index + 1, page.lang),
                        count=ui.number(len(domains), page.lang),
                    )
                    st.subheader(f"{term_label(DOMAINS, domain, page.lang)} · {count}")
                    domain_counts = page.query(queries.public.status_counts, in_domain)
                    widgets.figure_grid(
                        page, metrics.key_figures(domain_counts), widgets.DOMAIN_FIGURES
                    )
                    rows = page.query(queries.public.latest_completions, in_domain, 1)
                    widgets.completions_list(
                        page, rows, with_domain=False, with_commune=not communes
                    )

            last = page.query(queries.public.last_load_time)["finished_at"].iloc[0]
            refresh = page.t("public_refresh").format(seconds=ui.number(interval, page.lang))
            st.caption(f"{page.t('data_as_of')}: {ui.day(last, page.lang)} · {refresh}")

    live_display()
