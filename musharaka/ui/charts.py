"""Charts on a page, each with its text alternative: the plotly figure, then, in an
expander under it, its numbers as a table in the page's language (musharaka.charts keeps
them with every figure it builds). A page draws a chart through `chart` (or a map through
`clickable_map`), never with st.plotly_chart alone."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
import streamlit as st

from musharaka import charts
from musharaka.ui.frame import Page
from musharaka.views import reading_list


def chart(page: Page, figure: go.Figure, *, key: str) -> None:
    st.plotly_chart(figure, key=key)
    title = charts.chart_title(figure)
    label = f"{page.t('chart_numbers')} · {title}" if title else page.t("chart_numbers")
    _numbers(page, figure, label, title)


# A click on a map's point follows the link its customdata ends with (views.maps writes
# it): Streamlit's own selection (on_select) returns no point for plotly's map traces, so
# the browser follows the point's link itself, as it follows a title's in a list. Bound
# once per chart, whichever the page draws; other charts carry no link and are left be.
MAP_CLICK_SCRIPT = """<script>(() => {
  const bind = () => document.querySelectorAll('.js-plotly-plot').forEach(plot => {
    if (plot.dataset.mkMapClick || typeof plot.on !== 'function') return;
    plot.dataset.mkMapClick = '1';
    plot.on('plotly_click', event => {
      const data = event && event.points && event.points[0] && event.points[0].customdata;
      if (!Array.isArray(data) || !['recommendation', 'commune'].includes(data[0])) return;
      const link = data[data.length - 1];
      if (typeof link === 'string' && link) window.location.assign(link);
    });
  });
  bind();
  if (!window.mkMapClickObserver) {
    window.mkMapClickObserver = new MutationObserver(bind);
    window.mkMapClickObserver.observe(document.body, {childList: true, subtree: true});
  }
})();</script>"""


def clickable_map(page: Page, figure: go.Figure, *, key: str, notes: Sequence[str]) -> None:
    """A map whose points open what they link to, the `notes` under it (what it shows,
    where its tiles come from), then its numbers."""
    st.plotly_chart(figure, key=key, config={"scrollZoom": True, "displaylogo": False})
    st.html(MAP_CLICK_SCRIPT, unsafe_allow_javascript=True)
    for note in notes:
        st.caption(note)
    _numbers(page, figure, page.t("map_numbers"), page.t("map_title"))


def _numbers(page: Page, figure: go.Figure, label: str, caption: str) -> None:
    headers, rows = charts.numbers(figure)
    with st.expander(label):
        st.html(
            reading_list.NUMBERS_STYLE
            + reading_list.numbers_table(headers, rows, page.lang, caption=caption)
        )
