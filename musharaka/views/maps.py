"""The map's figures, pure: a commune's recommendations as points (one trace per status,
in its Okabe-Ito colour, its icon in the legend and the hover, clustered when many), or,
across the country, one point per commune sized by its recommendations and coloured by
its completion rate. Every label is in the page's language; the base tiles are
OpenStreetMap's, fetched by the reader's browser, and the points are drawn without them
when they cannot be fetched.

Each figure keeps its numbers as musharaka.charts does (`charts.numbers`), the map's text
alternative; each point's `customdata` ends with the link a click on it follows."""

from __future__ import annotations

import math
from collections.abc import Sequence
from urllib.parse import quote

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from musharaka import formats, i18n
from musharaka import vocabulary as vocab
from musharaka.charts import status_text
from musharaka.colours import STATUS_COLOURS
from musharaka.views.public_display import commune_name

# OpenStreetMap's raster tiles, which plotly's map asks for from the browser: no key,
# nothing from the server. Offline, the tiles stay blank and the points still show.
MAP_STYLE = "open-street-map"
MAP_HEIGHT = 460
# Completion from the status colour of "stalled" (none done) to "completed" (all done),
# through a mid grey (a light one vanished on a blank background, tiles not loaded): the
# two ends stay apart in the common colour blindnesses.
COMPLETION_SCALE = [
    [0.0, STATUS_COLOURS["stalled"]],
    [0.5, "#A0A0A0"],
    [1.0, STATUS_COLOURS["completed"]],
]
# Where Morocco is, for a map with no point (the whole country in view).
MOROCCO_CENTRE = (29.0, -8.5)


def view_of(latitudes: Sequence[float], longitudes: Sequence[float]) -> tuple[dict, float]:
    """The centre and zoom that show every point: one douar's points up close, a
    province's wider, the country at zoom 4 or so."""
    if not len(latitudes):
        return {"lat": MOROCCO_CENTRE[0], "lon": MOROCCO_CENTRE[1]}, 4.0
    south, north = min(latitudes), max(latitudes)
    west, east = min(longitudes), max(longitudes)
    span = max(north - south, east - west, 0.005)
    zoom = max(2.0, min(13.0, math.log2(360 / span) - 1.2))
    return {"lat": (south + north) / 2, "lon": (west + east) / 2}, round(zoom, 2)


# Points are clustered once a map has this many: below, each shows on its own.
CLUSTER_FROM = 300
POINT_SIZE = 13
# A point's shape follows its status's icon (musharaka.charts.STATUS_ICONS), so that
# colour is not the only cue: a ring for the empty icons (○ ◔), a disc with a white
# centre for the half-filled ones (◑ ◕), a full disc for the rest (● ▲ ✕), whose
# colours stand furthest apart. The tile map draws only discs (its other marker shapes
# need an icon server), so the hole is a white disc drawn over the point: its share of
# the point's width.
HOLES = {"not_started": 0.6, "planned": 0.6, "in_progress": 0.3, "partially_completed": 0.3}
# Between two recommendations drawn around the same douar, at the map's first zoom.
SPREAD_PIXELS = 13


def spread(points: pd.DataFrame, zoom: float) -> pd.DataFrame:
    """The points, those sharing a place (a douar's recommendations) drawn around it in a
    sunflower, SPREAD_PIXELS apart at `zoom`, by status then code, the first on the place
    itself: stacked, 30 points would look like one. Hover says which douar it is."""
    step = SPREAD_PIXELS * 360 / (256 * 2**zoom)  # degrees per pixel at that zoom
    order = {key: i for i, key in enumerate(vocab.STATUS_KEYS)}
    ranked = points.assign(_rank=points["status"].map(order)).sort_values(["_rank", "code"])
    latitudes, longitudes = [], []
    seen: dict[tuple[float, float], int] = {}
    for lat, lon in zip(ranked["latitude"], ranked["longitude"], strict=True):
        i = seen.get((lat, lon), 0)
        seen[(lat, lon)] = i + 1
        radius, angle = step * math.sqrt(i), math.radians(137.508 * i)
        latitudes.append(lat + radius * math.sin(angle))
        longitudes.append(lon + radius * math.cos(angle) / math.cos(math.radians(lat)))
    return ranked.drop(columns="_rank").assign(latitude=latitudes, longitude=longitudes)


def _frame(fig: go.Figure, lang: str, centre: dict, zoom: float) -> go.Figure:
    rtl = i18n.is_rtl(lang)
    fig.update_layout(
        map={"style": MAP_STYLE, "center": centre, "zoom": zoom},
        height=MAP_HEIGHT,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        # Under the map, in rows, from the page's reading side: over it, on a phone's
        # narrow map, the legend hid a third of the points.
        legend={
            "orientation": "h",
            "x": 1.0 if rtl else 0.0,
            "xanchor": "right" if rtl else "left",
            "y": 0.0,
            "yanchor": "top",
        },
        hoverlabel={"align": "right" if rtl else "left"},
        font={"family": "noto-sans-arabic, Source Sans Pro, sans-serif", "size": 14},
        clickmode="event+select",
    )
    return fig


def recommendation_map(points: pd.DataFrame, lang: str, link: str = "") -> go.Figure:
    """A commune's placed recommendations (queries.places.recommendation_points: code,
    title, status, location, latitude, longitude): one trace per status, in the
    vocabulary's order, its legend entry the status's icon and name; clustered from
    CLUSTER_FROM points, else each drawn apart from its douar's others (`spread`). A
    point links to `link` followed by its code (URL-encoded)."""
    centre, zoom = view_of(points["latitude"].tolist(), points["longitude"].tolist())
    many = len(points) >= CLUSTER_FROM
    if not many:
        points = spread(points, zoom)
    fig = go.Figure()
    rows: list[list[str]] = []
    for key in vocab.STATUS_KEYS:
        these = points[points["status"] == key]
        if these.empty:
            continue
        label = status_text(key, lang)
        colour = STATUS_COLOURS.get(key, "#999999")
        # The data (title, douar) travels as customdata, which the template shows: the
        # recommendation's own words, not a message of the catalogs.
        customdata = [
            ["recommendation", code, title or "", location or "", label, link + quote(code)]
            for code, title, location in zip(
                these["code"], these["title"], these["location"], strict=True
            )
        ]
        hovertemplate = (
            "<b>%{customdata[2]}</b><br>%{customdata[1]} · %{customdata[4]}"
            "<br>%{customdata[3]}<extra></extra>"
        )
        point = {"size": POINT_SIZE, "color": colour, "opacity": 0.9}
        markers = [point]
        if not many and key in HOLES:
            markers.append({"size": round(POINT_SIZE * HOLES[key]), "color": "#FFFFFF"})
        for marker in markers:
            fig.add_trace(
                go.Scattermap(
                    lat=these["latitude"].tolist(),
                    lon=these["longitude"].tolist(),
                    mode="markers",
                    name=label,
                    legendgroup=key,
                    # The hole is part of its point: the same hover, the same link, and
                    # hidden with it from the legend.
                    showlegend=marker is point,
                    marker=marker,
                    cluster={"enabled": many, "color": colour, "size": 24, "step": 10},
                    customdata=customdata,
                    hovertemplate=hovertemplate,
                )
            )
        rows.append([label, formats.number(len(these), lang)])
    fig.update_layout(
        showlegend=True,
        meta={
            "numbers": {
                "headers": [i18n.t("status", lang), i18n.t("map_on_the_map", lang)],
                "rows": rows,
            }
        },
    )
    return _frame(fig, lang, centre, zoom)


def commune_map(communes: pd.DataFrame, lang: str, link: str = "") -> go.Figure:
    """One point per commune (queries.places.commune_points: names, latitude, longitude,
    count, completed): its area grows with its recommendations, its colour with the
    share completed, the scale titled in the page's language. A point links to `link`
    followed by its commune's id."""
    counts = communes["count"].astype(float).tolist()
    rates = [
        (done / made if made else 0.0)
        for done, made in zip(communes["completed"].astype(float), counts, strict=True)
    ]
    biggest = max(counts, default=1.0) or 1.0
    names = [commune_name(row, lang) for row in communes.itertuples(index=False)]
    # Each written once, for its hover and for the numbers (3,000 of each for the country).
    count_texts = [formats.number(count, lang) for count in counts]
    rate_texts = [formats.percent(rate, lang) for rate in rates]
    rtl = i18n.is_rtl(lang)
    fig = go.Figure(
        go.Scattermap(
            lat=communes["latitude"].tolist(),
            lon=communes["longitude"].tolist(),
            mode="markers",
            name=i18n.t("commune", lang),
            marker={
                # Area, not radius, in proportion to the count: 8 to 40 px across.
                "size": [8 + 32 * math.sqrt(count / biggest) for count in counts],
                "color": rates,
                "cmin": 0.0,
                "cmax": 1.0,
                "colorscale": COMPLETION_SCALE,
                "opacity": 0.85,
                "showscale": True,
                "colorbar": {
                    "title": {"text": i18n.t("completion_rate", lang)},
                    "tickformat": ".0%",
                    "x": 0.0 if rtl else 1.0,
                    "xanchor": "left" if rtl else "right",
                    "len": 0.6,
                    "bgcolor": "rgba(255,255,255,0.85)",
                },
            },
            # An array of texts, which plotly takes whole: 1,503 lists of texts it would
            # check one by one, and copy again into the figure (20 ms).
            customdata=np.array(
                [
                    [
                        "commune",
                        str(int(commune_id)),
                        name,
                        count_text,
                        rate_text,
                        f"{link}{int(commune_id)}",
                    ]
                    for commune_id, name, count_text, rate_text in zip(
                        communes["commune_id"], names, count_texts, rate_texts, strict=True
                    )
                ],
                dtype=object,
            ).reshape(-1, 6),
            hovertemplate=(
                "<b>%{customdata[2]}</b><br>"
                + i18n.t("recommendations", lang)
                + ": %{customdata[3]}<br>"
                + i18n.t("completion_rate", lang)
                + ": %{customdata[4]}<extra></extra>"
            ),
            showlegend=False,
        )
    )
    centre, zoom = view_of(communes["latitude"].tolist(), communes["longitude"].tolist())
    fig.update_layout(
        meta={
            "numbers": {
                "headers": [
                    i18n.t("commune", lang),
                    i18n.t("recommendations", lang),
                    i18n.t("completion_rate", lang),
                ],
                "rows": [list(row) for row in zip(names, count_texts, rate_texts, strict=True)],
            }
        }
    )
    return _frame(fig, lang, centre, zoom)
