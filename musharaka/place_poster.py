"""A commune's or a douar's poster (A4 or A3, Arabic or French): where its recommendations
stand today, grouped by status (what was achieved first), in the large type and with the
QR codes of a meeting's poster (musharaka.poster): one per recommendation and one for the
page listing them all, the commune's overview or the recommendations of the douar. A douar's
recommendations are its commune's whose place (`location`) names it. A long list stops at
LIMIT rows and says how many more the page's code opens.

    poster = build_place_poster(engine, commune_id, "Tizi", "fr")
    pdf = render_pdf(place_poster_html(poster, "A3"))
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html import escape

import pandas as pd
from sqlalchemy import Engine

from musharaka import formats, report_photos, sharing
from musharaka.charts import STATUS_ICONS
from musharaka.council_report import ReportError
from musharaka.council_report.document import data
from musharaka.i18n import t, term_label
from musharaka.poster import document, item_row, qr_svg
from musharaka.queries import posters as poster_queries
from musharaka.queries import read_frame
from musharaka.text import fold
from musharaka.vocabulary import STATUS_KEYS, STATUSES

# What was achieved first, then what moves, then what waits.
STATUS_ORDER = (
    "completed",
    "partially_completed",
    "in_progress",
    "planned",
    "not_started",
    "stalled",
    "cancelled",
)
# Rows listed on one poster: about four A4 sheets; beyond, the page's code shows them all.
LIMIT = 30


@dataclass(frozen=True)
class PlaceItem:
    code: str
    title: str
    status: str
    progress: float | None
    location: str | None


@dataclass(frozen=True)
class PlacePoster:
    lang: str
    commune_id: int
    commune: str  # its name in the poster's language
    douar: str | None  # as asked; None for the whole commune
    locations: tuple[str, ...]  # the places, as stored, that name the douar
    items: tuple[PlaceItem, ...]  # by STATUS_ORDER, then code
    prepared_on: dt.date
    # One photo (a data: URL) per completed recommendation that has one, by code.
    photos: dict[str, str] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """How many recommendations in each status, in STATUS_ORDER, the empty left out."""
        found = {key: sum(1 for i in self.items if i.status == key) for key in _ordered()}
        return {key: n for key, n in found.items() if n}


def _ordered() -> tuple[str, ...]:
    return STATUS_ORDER + tuple(k for k in STATUS_KEYS if k not in STATUS_ORDER)


def _words(text: str | None) -> list[str]:
    return re.findall(r"\w+", fold(text or ""))


def names_douar(location: str | None, douar: str) -> bool:
    """Whether a recommendation's place names this douar: the douar's words, folded (case,
    accents, hamza), appear together in it ("Tizi" in "Douar Tizi", "تيزي" in "دوار تيزي")."""
    wanted, words = _words(douar), _words(location)
    if not wanted:
        return False
    return any(words[i : i + len(wanted)] == wanted for i in range(len(words) - len(wanted) + 1))


def build_place_poster(
    engine: Engine,
    commune_id: int,
    douar: str | None,
    lang: str,
    today: dt.date | None = None,
    *,
    photos: bool = True,
    limit: int = LIMIT,
) -> PlacePoster:
    """The poster's content, with a photo of each completed recommendation among the
    first `limit` (those listed) that has one, unless `photos` is False. ReportError when
    the commune is unknown or no recommendation of it names the douar."""
    with engine.connect() as conn:  # one snapshot for all
        facts = read_frame(conn, poster_queries.commune_names(commune_id))
        if facts.empty:
            raise ReportError(f"unknown commune: {commune_id}")
        rows = read_frame(conn, poster_queries.commune_recommendations(commune_id))
        items, locations = _items(rows, douar, str(facts["name"].iloc[0]))
        pictures = (
            report_photos.photos_of(
                conn, [i.code for i in items[:limit] if i.status == "completed"]
            )
            if photos
            else {}
        )
    fact = facts.iloc[0]
    name = str((fact["name_ar"] if lang == "ar" else fact["name_fr"]) or fact["name"])
    return PlacePoster(
        lang,
        commune_id,
        name,
        douar,
        locations,
        tuple(items),
        today or dt.date.today(),
        pictures,
    )


def _items(
    rows: pd.DataFrame, douar: str | None, commune: str
) -> tuple[list[PlaceItem], tuple[str, ...]]:
    """The recommendations the poster lists, in its order, and the douar's places."""
    if douar is not None:
        rows = rows[[names_douar(place, douar) for place in rows["location"]]]
        if rows.empty:
            raise ReportError(f"no recommendation of {commune!r} names the douar {douar!r}")
    rank = {key: n for n, key in enumerate(_ordered())}
    items = sorted(
        (
            PlaceItem(
                str(r.code),
                str(r.title),
                str(r.status),
                None if r.progress is None or r.progress != r.progress else float(r.progress),
                None if not isinstance(r.location, str) else r.location,
            )
            for r in rows.itertuples()
        ),
        key=lambda i: (rank.get(i.status, len(rank)), i.code),
    )
    locations = tuple(sorted({i.location for i in items if i.location})) if douar else ()
    return items, locations


def page_url(poster: PlacePoster) -> str:
    """The page listing every recommendation the poster is about: the commune's overview,
    or the Recommendations page filtered to the douar's places."""
    if poster.douar is None:
        return sharing.view_url("", {"commune": str(poster.commune_id), "lang": poster.lang})
    return sharing.view_url(
        "Recommendations",
        [
            ("commune", str(poster.commune_id)),
            *(("location", place) for place in poster.locations),
            ("lang", poster.lang),
        ],
    )


def place_poster_html(poster: PlacePoster, size: str = "A4", limit: int = LIMIT) -> str:
    """The poster as a self-contained HTML document: at most `limit` rows, then how many
    more there are."""
    lang = poster.lang
    heading = escape(t("poster_douar" if poster.douar else "poster_commune", lang)).format(
        commune=data(poster.commune),
        douar=data(poster.douar),
        date=escape(formats.day(poster.prepared_on, lang)),
    )
    counts = " · ".join(
        f'<span class="icon">{STATUS_ICONS.get(key, "")}</span> '
        f"{escape(term_label(STATUSES, key, lang))} {formats.number(n, lang)}"
        for key, n in poster.counts().items()
    )
    sections, shown = [], 0
    for key in poster.counts():
        group = [i for i in poster.items if i.status == key][: max(limit - shown, 0)]
        if not group:
            continue
        shown += len(group)
        rows = "".join(
            item_row(i.code, i.title, i.status, i.progress, lang, poster.photos.get(i.code))
            for i in group
        )
        sections.append(
            f"<h2>{escape(term_label(STATUSES, key, lang))}</h2>\n"
            f'<table class="items"><tbody>{rows}</tbody></table>'
        )
    hidden = len(poster.items) - shown
    more = (
        f'<p class="more">{escape(t("poster_more", lang)).format(n=formats.number(hidden, lang))}'
        "</p>"
        if hidden
        else ""
    )
    place = f"{poster.douar} · {poster.commune}" if poster.douar else poster.commune
    return document(
        lang,
        size,
        f"{t('poster_place_title', lang)} · {place}",
        f"<h1>{escape(t('poster_place_title', lang))}</h1>\n"
        f'<p class="period">{heading}</p>\n'
        f'<div class="meeting">{qr_svg(page_url(poster), 4)}'
        f'<p><span class="scan">{escape(t("poster_place_qr", lang))}</span></p></div>\n'
        f'<p class="counts">{counts}</p>\n'
        f'<p class="scan">{escape(t("poster_scan", lang))}</p>\n' + "\n".join(sections) + more,
    )


def file_name(commune_id: int, douar: str | None, lang: str, size: str) -> str:
    """The PDF's name: the commune's id and, for a douar, its name's ASCII letters."""
    place = re.sub(r"[^A-Za-z0-9_-]+", "", fold(douar or ""))[:40] if douar else ""
    return f"musharaka-poster-{int(commune_id)}{'-' + place if place else ''}-{lang}-{size}.pdf"
