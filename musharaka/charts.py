"""Pure DataFrame -> plotly Figure builders, aware of right-to-left languages.

Plotly shapes Arabic but does not mirror a chart: for Arabic the category axis runs from
the right, the value axis sits on the right and titles and legends move with them. Every
bar carries its number as text, so colour is never the only cue.

Every figure also carries its numbers as a table, already written in the reader's language
(`numbers`): the chart's text alternative, which musharaka.ui.charts shows beside it for
whoever cannot see the drawing.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from musharaka import formats, i18n
from musharaka import vocabulary as vocab
from musharaka.colours import DARK_TEXT, DOMAIN_COLOURS, STATUS_COLOURS, text_on

STATUS_ICONS = {
    "not_started": "○",
    "planned": "◔",
    "in_progress": "◑",
    "completed": "●",
    "partially_completed": "◕",
    "stalled": "▲",
    "cancelled": "✕",
}


def status_text(key: str | None, lang: str) -> str:
    """A status as its icon and its name: colour is never the only cue."""
    if not key or key != key:  # None, "" or a missing (NaN) cell
        return ""
    return f"{STATUS_ICONS.get(key, '')} {i18n.term_label(vocab.STATUSES, key, lang)}"


def is_rtl(lang: str) -> bool:
    return i18n.is_rtl(lang)


def _layout(fig: go.Figure, lang: str, title: str) -> go.Figure:
    rtl = is_rtl(lang)
    fig.update_layout(
        title={"text": title, "x": 1.0 if rtl else 0.0, "xanchor": "right" if rtl else "left"},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={
            "x": 1.0 if rtl else 0.0,
            "xanchor": "right" if rtl else "left",
            "y": -0.15,
            "orientation": "h",
            "traceorder": "normal",
        },
        font={"family": "noto-sans-arabic, Source Sans Pro, sans-serif", "size": 14},
        plot_bgcolor="white",
    )
    return fig


def apply_layout(fig: go.Figure, lang: str, title: str) -> go.Figure:
    """The charts' common layout (title, margins, legend, font, mirrored for Arabic), for a
    figure built elsewhere (musharaka.views.scorecards)."""
    return _layout(fig, lang, title)


def _keep_numbers(fig: go.Figure, headers: list[str], rows: list[list[str]]) -> None:
    fig.update_layout(meta={"numbers": {"headers": headers, "rows": rows}})


def numbers(fig: go.Figure) -> tuple[list[str], list[list[str]]]:
    """A figure's numbers as its builder wrote them: the headers (what a row is, then each
    series) and the rows, every cell a text in the reader's language."""
    meta = fig.layout.meta
    table = meta.get("numbers") if isinstance(meta, dict) else None
    if not table:
        raise ValueError("this figure was not built with its numbers")
    return list(table["headers"]), [list(row) for row in table["rows"]]


def chart_title(fig: go.Figure) -> str:
    return fig.layout.title.text or ""


def status_bar(counts: pd.DataFrame, lang: str) -> go.Figure:
    """Horizontal bars of recommendations per status (columns: status, count)."""
    labels = [status_text(s, lang) for s in counts["status"]]
    fills = [STATUS_COLOURS.get(s, "#999999") for s in counts["status"]]
    fig = go.Figure(
        go.Bar(
            x=counts["count"].tolist(),
            y=labels,
            orientation="h",
            marker_color=fills,
            text=counts["count"].tolist(),
            textposition="auto",
            # Left to plotly, the numbers inside were #444 or white by brightness alone:
            # white on the light blue of "planned" (2.3:1). Each gets white or black, and
            # the ones outside a short bar the page's dark text.
            insidetextfont={"color": [text_on(fill) for fill in fills]},
            outsidetextfont={"color": DARK_TEXT},
            customdata=counts["status"].tolist(),
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    rtl = is_rtl(lang)
    fig.update_xaxes(autorange="reversed" if rtl else True, title=i18n.t("count", lang))
    fig.update_yaxes(side="right" if rtl else "left", autorange="reversed")
    _keep_numbers(
        fig,
        [i18n.t("status", lang), i18n.t("count", lang)],
        [
            [label, formats.number(c, lang)]
            for label, c in zip(labels, counts["count"], strict=True)
        ],
    )
    return _layout(fig, lang, i18n.t("by_status", lang))


def domain_bar(counts: pd.DataFrame, lang: str) -> go.Figure:
    """Stacked bars of recommendations per domain, one colour per status
    (columns: domain, status, count)."""
    fig = go.Figure()
    domains = [d.key for d in vocab.DOMAINS if d.key in set(counts["domain"])]
    domain_labels = [i18n.term_label(vocab.DOMAINS, d, lang) for d in domains]
    headers, columns = [i18n.t("domain", lang)], []
    for status in vocab.STATUS_KEYS:
        part = counts[counts["status"] == status].set_index("domain")["count"]
        values = [int(part.get(d, 0)) for d in domains]
        if not any(values):
            continue
        headers.append(status_text(status, lang))
        columns.append(values)
        fig.add_trace(
            go.Bar(
                name=status_text(status, lang),
                y=domain_labels,
                x=values,
                orientation="h",
                marker_color=STATUS_COLOURS[status],
                text=[v or "" for v in values],
                textposition="inside",
                insidetextfont={"color": text_on(STATUS_COLOURS[status])},
                textangle=0,
                customdata=[status] * len(domains),
            )
        )
    return _stacked_rows(fig, lang, domain_labels, headers, columns, i18n.t("by_domain", lang))


def stall_reason_text(key: str | None, lang: str) -> str:
    """A stall reason's label; 'no reason given' for a recommendation without one."""
    if not key or key != key:  # None or a missing (NaN) cell
        return i18n.t("stall_reason_none", lang)
    return i18n.term_label(vocab.STALL_REASONS, key, lang)


def stall_reason_bar(counts: pd.DataFrame, lang: str) -> go.Figure:
    """Why things stall: stacked bars of the recommendations that did not move per
    current reason (no reason given last), one colour per domain
    (columns: reason, domain, count)."""
    fig = go.Figure()
    given = counts["reason"].where(counts["reason"].notna(), "")
    reasons = [k for k in (*vocab.STALL_REASON_KEYS, "") if k in set(given)]
    labels = [stall_reason_text(k, lang) for k in reasons]
    headers, columns = [i18n.t("stall_reason", lang)], []
    table = counts.assign(reason=given)
    for domain in vocab.DOMAIN_KEYS:
        part = table[table["domain"] == domain].groupby("reason")["count"].sum()
        values = [int(part.get(k, 0)) for k in reasons]
        if not any(values):
            continue
        name = i18n.term_label(vocab.DOMAINS, domain, lang)
        headers.append(name)
        columns.append(values)
        fig.add_trace(
            go.Bar(
                name=name,
                y=labels,
                x=values,
                orientation="h",
                marker_color=DOMAIN_COLOURS[domain],
                text=[v or "" for v in values],
                textposition="inside",
                insidetextfont={"color": text_on(DOMAIN_COLOURS[domain])},
                textangle=0,
            )
        )
    return _stacked_rows(fig, lang, labels, headers, columns, i18n.t("why_things_stall", lang))


# A stacked chart's rows, and a row of its legend (a colour per series), in pixels.
STACKED_ROW = 45
LEGEND_ROW = 22


def _stacked_rows(
    fig: go.Figure,
    lang: str,
    rows: list[str],
    headers: list[str],
    columns: list[list[int]],
    title: str,
) -> go.Figure:
    """Horizontal stacked bars, one row per label (the first at the top, counts growing
    from the reading side), with their numbers kept as a table: a row per label, a column
    per trace.

    The legend sits at the bottom of the figure, under the value axis and its title:
    placed on the whole figure (yref "container") rather than on the plot, its height is
    kept out of the plot's area, so it never covers the axis, even on a phone where its
    entries go one per row (placed under the plot, it grew up over the axis and, past half
    the figure's height, became a scroll box over it). The figure grows by a legend row per series
    so that the bars keep their room then."""
    rtl = is_rtl(lang)
    fig.update_layout(
        barmode="stack",
        height=max(300, STACKED_ROW * len(rows) + 120 + LEGEND_ROW * len(columns)),
    )
    fig.update_xaxes(autorange="reversed" if rtl else True, title=i18n.t("count", lang))
    fig.update_yaxes(side="right" if rtl else "left", autorange="reversed")
    _keep_numbers(
        fig,
        headers,
        [
            [label, *(formats.number(values[i], lang) for values in columns)]
            for i, label in enumerate(rows)
        ],
    )
    _layout(fig, lang, title)
    # As tall as it needs (up to the whole figure), never a scroll box.
    fig.update_layout(legend={"yref": "container", "y": 0.0, "yanchor": "bottom", "maxheight": 1.0})
    return fig


# The title of `completion_over_time` for what its bars stand for: a meeting (by its date)
# or a year of meetings.
COMPLETION_TITLES = {"date": "completion_by_meeting", "year": "completion_by_year"}


def completion_over_time(table: pd.DataFrame, x_column: str, lang: str) -> go.Figure:
    """Recommendations made and completed, per meeting (x = date) or per year of meeting
    (columns: x_column, recommendations, completed); the title says which."""
    x = [str(v) for v in table[x_column]]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            name=i18n.t("recommendations", lang),
            x=x,
            y=table["recommendations"].tolist(),
            marker_color=STATUS_COLOURS["planned"],
            text=table["recommendations"].tolist(),
            textposition="outside",
        )
    )
    fig.add_trace(
        go.Bar(
            name=f"{STATUS_ICONS['completed']} {i18n.t('completed', lang)}",
            x=x,
            y=table["completed"].tolist(),
            marker_color=STATUS_COLOURS["completed"],
            text=table["completed"].tolist(),
            textposition="outside",
        )
    )
    rtl = is_rtl(lang)
    # Time runs from right to left in an Arabic chart.
    fig.update_xaxes(type="category", autorange="reversed" if rtl else True)
    fig.update_yaxes(side="right" if rtl else "left", title=i18n.t("count", lang))
    fig.update_layout(barmode="group")
    # The table names the meeting's day in words, or the year as it is written.
    when = [
        formats.day(v, lang) if x_column == "date" else str(v) for v in table[x_column].tolist()
    ]
    _keep_numbers(
        fig,
        [
            i18n.t("date" if x_column == "date" else "chart_year", lang),
            i18n.t("recommendations", lang),
            i18n.t("completed", lang),
        ],
        [
            [label, formats.number(made, lang), formats.number(done, lang)]
            for label, made, done in zip(
                when, table["recommendations"], table["completed"], strict=True
            )
        ],
    )
    return _layout(fig, lang, i18n.t(COMPLETION_TITLES[x_column], lang))


def status_timeline(path: pd.DataFrame, lang: str) -> go.Figure:
    """One recommendation's whole path (views.recommendations.timeline: its start, its
    updates, today) as steps: progress (%) over time, each update and the start marked in
    its status's colour with its icon; the last step runs to today. Time runs from the
    right in Arabic."""
    statuses = path["status"].tolist()
    labels = [status_text(s, lang) for s in statuses]
    marked = path["kind"] != "today"
    fig = go.Figure(
        go.Scatter(
            x=[str(d.date()) for d in path["date"]],
            y=path["progress"].tolist(),
            mode="lines",
            line={"color": "#8C8C8C", "shape": "hv"},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    points = path[marked]
    fig.add_trace(
        go.Scatter(
            x=[str(d.date()) for d in points["date"]],
            y=points["progress"].tolist(),
            mode="markers+text",
            marker={
                "size": 14,
                "color": [STATUS_COLOURS.get(s, "#999999") for s in points["status"]],
                "line": {"color": "white", "width": 1},
            },
            text=[STATUS_ICONS.get(s, "") for s in points["status"]],
            textposition="top center",
            customdata=[label for label, keep in zip(labels, marked, strict=True) if keep],
            hovertemplate="%{x}<br>%{customdata}<br>%{y:.0f}%<extra></extra>",
            showlegend=False,
        )
    )
    rtl = is_rtl(lang)
    ticks, tick_labels = _date_ticks(path["date"], lang)
    # Plotly writes month names in English; the ticks are labelled in the reader's language.
    fig.update_xaxes(
        type="date",
        autorange="reversed" if rtl else True,
        tickvals=ticks,
        ticktext=tick_labels,
    )
    fig.update_yaxes(
        range=[-5, 110], side="right" if rtl else "left", title=i18n.t("progress", lang)
    )
    fig.update_layout(height=320)
    _keep_numbers(
        fig,
        [i18n.t("date", lang), i18n.t("status", lang), i18n.t("progress", lang)],
        [
            [formats.day(when, lang), status_text(status, lang), formats.progress(done, lang)]
            for when, status, done in zip(
                points["date"], points["status"], points["progress"], strict=True
            )
        ],
    )
    return _layout(fig, lang, i18n.t("chart_progress_history", lang))


def _date_ticks(dates, lang: str) -> tuple[list[str], list[str]]:
    """At most eight month starts across `dates`, labelled 'نونبر 2019', 'nov. 2019'; the
    dates themselves (with their day) when they all fall within one month."""
    from babel.dates import format_skeleton

    locale = i18n.BABEL_LOCALES.get(lang, "en")
    stamps = pd.to_datetime(pd.Series([str(d) for d in dates]))
    months = pd.date_range(stamps.min().to_period("M").to_timestamp(), stamps.max(), freq="MS")
    if len(months) < 2:
        ticks, skeleton = sorted(set(stamps)), "yMMMd"
    else:
        ticks, skeleton = list(months[:: -(-len(months) // 8)]), "yMMM"
    return (
        [str(tick.date()) for tick in ticks],
        [format_skeleton(skeleton, tick.date(), locale=locale) for tick in ticks],
    )
