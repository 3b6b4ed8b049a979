"""Pure pieces of the scorecards page (pages/13_Scorecards.py): the communes' table as the
reader sees it (escaped HTML in the page's direction: names in their language, each
figure written once for the table, the chart and the quarterly report by `figure_text`,
each name opening the commune's overview), the order a figure ranks them in, and the
ranked bar chart. No Streamlit here."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go

from musharaka import charts, formats, geography
from musharaka.i18n import t
from musharaka.scorecards import FIGURES, Figure
from musharaka.text import fold
from musharaka.views import reading_list

FIGURE_BY_COLUMN = {f.column: f for f in FIGURES}
# The bars' colour: Okabe-Ito blue (the status "in progress"'s), 5.0:1 on white.
BAR_COLOUR = "#0072B2"


def commune_names(frame: pd.DataFrame, lang: str) -> list[str]:
    """Each row's commune in the reader's language when known, else as first written."""
    names = []
    for row in frame.itertuples(index=False):
        preferred = row.name_ar if lang == "ar" else row.name_fr
        names.append(preferred if isinstance(preferred, str) and preferred else row.commune)
    return names


def matching(frame: pd.DataFrame, search: str, lang: str) -> pd.DataFrame:
    """The rows whose commune's name (in any of its spellings) holds the words typed."""
    words = fold(search).split()
    if not words:
        return frame
    spellings = [
        " ".join(fold(str(v)) for v in (row.commune, row.name_ar, row.name_fr) if v)
        for row in frame.itertuples(index=False)
    ]
    kept = [all(w in text for w in words) for text in spellings]
    return frame[kept]


def ranked(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """The rows best first by one figure (the better end of it is the figure's own); rows
    without the figure last, then by name."""
    figure = FIGURE_BY_COLUMN[column]
    return frame.sort_values(
        [column, "commune"], ascending=[not figure.higher_is_better, True], na_position="last"
    )


def shown_value(figure: Figure, value: object) -> float | None:
    """A figure as the page shows it, to its decimals (`Figure.decimals`): a share in
    percent (57.1), days whole (121), meetings per year (2.25). None when unknown."""
    if value is None or value != value:
        return None
    number = float(value)  # type: ignore[arg-type]  # a number or None, from the query
    return round(number * 100 if figure.share else number, figure.decimals)


def figure_text(figure: Figure, value: object, lang: str) -> str:
    """A figure as the reader's language writes it ("57,1%", "121", "2,25"), the same in
    the table, the chart and the quarterly report; — if none."""
    shown = shown_value(figure, value)
    if shown is None:
        return "—"
    if figure.share:
        return formats.percent(shown / 100, lang)
    return formats.number(shown, lang)


def overview_link(commune_id: int, lang: str) -> str:
    """The commune's overview, relative to the page (the site's root)."""
    return f"./?{urlencode({'lang': lang, 'commune': int(commune_id)})}"


def table_columns(rank: str) -> list[Figure | str]:
    """The table's columns in order: the commune, the figure the rows are ranked by
    (`rank`), the province, the recommendations, then the other figures in the order of
    FIGURES. The ranked figure comes right after the commune so that a phone shows both."""
    ranked_by = FIGURE_BY_COLUMN[rank]
    return [
        "commune",
        ranked_by,
        "province",
        "recommendations",
        *(f for f in FIGURES if f is not ranked_by),
    ]


def _figure_cell(figure: Figure, value: object, lang: str) -> str:
    # Isolated left to right: after Arabic words (a phone's card names the figure first)
    # "57,1%" would otherwise be laid out as "%57,1", unlike the table and the chart.
    return formats.ltr_html(figure_text(figure, value, lang))


def _share_cell(figure: Figure, value: object, lang: str) -> str:
    shown = shown_value(figure, value)
    text = _figure_cell(figure, value, lang)
    if shown is None:
        return text
    width = min(100.0, max(0.0, shown))
    # The bar fills from the start of the line: from the right in Arabic, as the chart's.
    return (
        f'<span class="mk-bar" aria-hidden="true">'
        f'<span class="mk-fill" style="width: {width:.0f}%"></span></span>'
        f'<span class="mk-pct">{text}</span>'
    )


def table_html(frame: pd.DataFrame, lang: str, rank: str = FIGURES[0].column) -> str:
    """The communes' rows as an escaped HTML table in the page's direction (in Arabic the
    commune is at the right and the columns read leftwards), each figure written by
    `figure_text` and defined in its header's tooltip, each commune's name opening its
    overview. On a phone each row is a card: the commune, the ranked figure and its
    recommendations (reading_list.STYLE)."""
    provinces = {p.key: p for p in geography.PROVINCES}

    def province(key: object) -> str:
        found = provinces.get(str(key)) if key else None
        if found is None:
            return str(key) if key else "—"
        return found.name_ar if lang == "ar" else found.name_fr

    columns = table_columns(rank)
    ranked_by = FIGURE_BY_COLUMN[rank]

    def classes(column: Figure | str) -> str:
        if column == "commune":
            return "mk-col-title mk-phone"
        kind = "mk-col-text" if column == "province" else "mk-col-number"
        phone = column is ranked_by or column == "recommendations"
        return kind + (" mk-phone" if phone else "")

    def label(column: Figure | str) -> str:
        return t(column.label_key if isinstance(column, Figure) else column, lang)

    def header_classes(column: Figure | str) -> str:
        # A long name gets a wider column: no header taller than three lines.
        return classes(column) + (" mk-long" if len(label(column)) > LONG_HEADER else "")

    head = "".join(
        f'<th scope="col" class="{header_classes(c)}"'
        + (f' title="{escape(t(c.definition_key, lang))}"' if isinstance(c, Figure) else "")
        + f">{escape(label(c))}</th>"
        for c in columns
    )
    body = []
    names = commune_names(frame, lang)
    for name, record in zip(names, frame.to_dict("records"), strict=True):
        cells = []
        for column in columns:
            if column == "commune":
                href = escape(overview_link(record["commune_id"], lang), quote=True)
                content = f'<a href="{href}" target="_self">{reading_list.text(name)}</a>'
            elif column == "province":
                content = reading_list.text(province(record["province"]))
            elif column == "recommendations":
                count = formats.number(int(record["recommendations"]), lang)
                content = formats.ltr_html(count)
            elif isinstance(column, Figure) and column.share:
                content = _share_cell(column, record[column.column], lang)
            elif isinstance(column, Figure):
                content = _figure_cell(column, record[column.column], lang)
            cells.append(reading_list.data_cell(classes(column), label(column), content))
        body.append("<tr>" + "".join(cells) + "</tr>")
    return reading_list.list_table(head, body, lang, kind="mk-scores")


# A header longer than this many characters gets a wider column (mk-long).
LONG_HEADER = 30
# The scorecard's own additions to reading_list.STYLE: its many headers wrap rather than
# widen the table, and its numbers line up.
STYLE = """<style>
.mk-scores table.mk-list thead th { white-space: normal; vertical-align: bottom;
  min-width: 8rem; }
.mk-scores table.mk-list thead th.mk-long { min-width: 11rem; }
.mk-scores table.mk-list thead th[title] { cursor: help; }
.mk-scores table.mk-list td.mk-col-number { font-variant-numeric: tabular-nums; }
.mk-scores table.mk-list td.mk-col-title { min-width: 9rem; width: auto; }
</style>"""


def ranked_bar(frame: pd.DataFrame, column: str, lang: str) -> go.Figure:
    """Horizontal bars of the communes ranked by one figure, best at the top; each bar
    carries its value as text. `frame` is already ranked (see `ranked`)."""
    figure = FIGURE_BY_COLUMN[column]
    kept = frame[frame[column].notna()]
    names = commune_names(kept, lang)
    values = [shown_value(figure, v) for v in kept[column]]
    texts = [figure_text(figure, v, lang) for v in kept[column]]
    rtl = charts.is_rtl(lang)
    fig = go.Figure(
        go.Bar(
            x=values,
            y=names,
            orientation="h",
            marker_color=BAR_COLOUR,
            text=texts,
            textposition="auto",
            insidetextfont={"color": "#FFFFFF"},
            outsidetextfont={"color": "#000000"},
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    label = t(figure.label_key, lang)
    fig.update_xaxes(autorange="reversed" if rtl else True, title=label)
    fig.update_yaxes(side="right" if rtl else "left", autorange="reversed")
    fig.update_layout(height=max(300, 28 * len(names) + 120))
    fig.update_layout(
        meta={
            "numbers": {
                "headers": [t("commune", lang), label],
                "rows": [[n, v] for n, v in zip(names, texts, strict=True)],
            }
        }
    )
    charts.apply_layout(fig, lang, t("score_ranked_by", lang).format(figure=label))
    return fig
