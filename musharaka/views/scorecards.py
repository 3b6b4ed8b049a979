"""Pure pieces of the scorecards page (pages/13_Scorecards.py): the communes' rows as the
reader sees them (names in their language, shares in percent, the link to each commune's
overview), the order a figure ranks them in, and the ranked bar chart. No Streamlit here."""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go

from musharaka import charts, formats, geography
from musharaka.i18n import t
from musharaka.scorecards import FIGURES, Figure
from musharaka.text import fold

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
    """A figure as the table shows it: a share in percent (one decimal), days and meetings
    per year with two decimals at most."""
    if value is None or value != value:
        return None
    number = float(value)  # type: ignore[arg-type]  # a number or None, from the query
    if figure.share:
        return round(number * 100, 1)
    return round(number, 2)


def overview_link(commune_id: int, lang: str) -> str:
    """The commune's overview, relative to the page (the site's root)."""
    return f"./?{urlencode({'lang': lang, 'commune': int(commune_id)})}"


def scorecard_table(frame: pd.DataFrame, lang: str, rank: str = FIGURES[0].column) -> pd.DataFrame:
    """The rows as the page shows them: the commune (linking to its overview), the figure
    they are ranked by (`rank`), its province, its recommendations, then the other figures
    in the order of FIGURES. The ranked figure comes right after the commune so that a
    phone shows both without scrolling sideways."""
    provinces = {p.key: p for p in geography.PROVINCES}

    def province(key: object) -> str:
        found = provinces.get(str(key)) if key else None
        if found is None:
            return str(key) if key else "—"
        return found.name_ar if lang == "ar" else found.name_fr

    shown = pd.DataFrame()

    def figure_column(figure: Figure) -> None:
        shown[t(figure.label_key, lang)] = [shown_value(figure, v) for v in frame[figure.column]]

    ranked_by = FIGURE_BY_COLUMN[rank]
    shown[t("commune", lang)] = commune_names(frame, lang)
    figure_column(ranked_by)
    shown[t("province", lang)] = [province(k) for k in frame["province"]]
    shown[t("recommendations", lang)] = frame["recommendations"].astype(int).tolist()
    for figure in FIGURES:
        if figure is not ranked_by:
            figure_column(figure)
    shown[t("score_overview", lang)] = [overview_link(i, lang) for i in frame["commune_id"]]
    return shown


def figure_text(figure: Figure, value: object, lang: str) -> str:
    """A figure's value written in the reader's language ("45,6%", "120"), — if none."""
    if value is None or value != value:
        return "—"
    if figure.share:
        return formats.percent(float(value), lang)  # type: ignore[arg-type]
    return formats.number(round(float(value), 1), lang)  # type: ignore[arg-type]


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
