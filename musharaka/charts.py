"""Pure DataFrame -> plotly Figure builders, aware of right-to-left languages.

Plotly shapes Arabic but does not mirror a chart: for Arabic the category axis runs from
the right, the value axis sits on the right and titles and legends move with them. Every
bar carries its number as text, so colour is never the only cue.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from musharaka import vocabulary as vocab

# Okabe-Ito colours: distinguishable with the common forms of colour blindness.
STATUS_COLOURS = {
    "not_started": "#8C8C8C",
    "planned": "#56B4E9",
    "in_progress": "#0072B2",
    "completed": "#009E73",
    "stalled": "#D55E00",
    "cancelled": "#3D3D3D",
}
STATUS_ICONS = {
    "not_started": "○",
    "planned": "◔",
    "in_progress": "◑",
    "completed": "●",
    "stalled": "▲",
    "cancelled": "✕",
}


def is_rtl(lang: str) -> bool:
    return lang == "ar"


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


def status_bar(counts: pd.DataFrame, lang: str) -> go.Figure:
    """Horizontal bars of recommendations per status (columns: status, count)."""
    labels = [
        f"{STATUS_ICONS.get(s, '')} {vocab.term_label(vocab.STATUSES, s, lang)}"
        for s in counts["status"]
    ]
    fig = go.Figure(
        go.Bar(
            x=counts["count"].tolist(),
            y=labels,
            orientation="h",
            marker_color=[STATUS_COLOURS.get(s, "#999999") for s in counts["status"]],
            text=counts["count"].tolist(),
            textposition="auto",
            customdata=counts["status"].tolist(),
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    rtl = is_rtl(lang)
    fig.update_xaxes(autorange="reversed" if rtl else True, title=vocab.t("count", lang))
    fig.update_yaxes(side="right" if rtl else "left", autorange="reversed")
    return _layout(fig, lang, vocab.t("by_status", lang))


def domain_bar(counts: pd.DataFrame, lang: str) -> go.Figure:
    """Stacked bars of recommendations per domain, one colour per status
    (columns: domain, status, count)."""
    fig = go.Figure()
    domains = [d.key for d in vocab.DOMAINS if d.key in set(counts["domain"])]
    domain_labels = [vocab.term_label(vocab.DOMAINS, d, lang) for d in domains]
    for status in vocab.STATUS_KEYS:
        part = counts[counts["status"] == status].set_index("domain")["count"]
        values = [int(part.get(d, 0)) for d in domains]
        if not any(values):
            continue
        fig.add_trace(
            go.Bar(
                name=f"{STATUS_ICONS[status]} {vocab.term_label(vocab.STATUSES, status, lang)}",
                y=domain_labels,
                x=values,
                orientation="h",
                marker_color=STATUS_COLOURS[status],
                text=[v or "" for v in values],
                textposition="inside",
                textangle=0,
                customdata=[status] * len(domains),
            )
        )
    rtl = is_rtl(lang)
    fig.update_layout(barmode="stack", height=max(300, 45 * len(domains) + 120))
    fig.update_xaxes(autorange="reversed" if rtl else True, title=vocab.t("count", lang))
    fig.update_yaxes(side="right" if rtl else "left", autorange="reversed")
    return _layout(fig, lang, vocab.t("by_domain", lang))


def completion_over_time(table: pd.DataFrame, x_column: str, lang: str) -> go.Figure:
    """Recommendations made and completed, per meeting (x = date) or per year of meeting
    (columns: x_column, recommendations, completed)."""
    x = [str(v) for v in table[x_column]]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            name=vocab.t("recommendations", lang),
            x=x,
            y=table["recommendations"].tolist(),
            marker_color=STATUS_COLOURS["planned"],
            text=table["recommendations"].tolist(),
            textposition="outside",
        )
    )
    fig.add_trace(
        go.Bar(
            name=f"{STATUS_ICONS['completed']} {vocab.t('completed', lang)}",
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
    fig.update_yaxes(side="right" if rtl else "left", title=vocab.t("count", lang))
    fig.update_layout(barmode="group")
    return _layout(fig, lang, vocab.t("completion_over_time", lang))
