"""The roll-ups above the communes (pure): the site's front door, the index of regions,
one page per region (its provinces) and per province (its communes), and the sitemap.

Each line counts recommendations, completed ones and the completion rate (completed
among those not cancelled, as metrics.KeyFigures): one commune's change rewrites its
province's, its region's and the national pages, and no other region's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape
from xml.sax.saxutils import escape as xml_escape

from etl.publish.layout import Crumb, Frame, cell, link, number, page, percent, text
from etl.publish.pages import Place
from musharaka import formats, static_site
from musharaka.i18n import LANGUAGE_NAMES, t
from musharaka.static_site import SITE_LANGUAGES


@dataclass(frozen=True)
class Counts:
    communes: int = 0
    meetings: int = 0
    recommendations: int = 0
    completed: int = 0
    cancelled: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.communes + other.communes,
            self.meetings + other.meetings,
            self.recommendations + other.recommendations,
            self.completed + other.completed,
            self.cancelled + other.cancelled,
        )

    @property
    def completion_rate(self) -> float | None:
        owed = self.recommendations - self.cancelled
        return None if owed == 0 else self.completed / owed


@dataclass(frozen=True)
class Entry:
    """One commune in the indexes."""

    place: Place
    counts: Counts


def total(entries: Iterable[Entry]) -> Counts:
    result = Counts()
    for entry in entries:
        result = result + entry.counts
    return result


def _table(
    lang: str, path: str, first: str, rows: Sequence[tuple[str, str, Counts]], with_communes: bool
) -> str:
    """A table of places: (target page, name, counts)."""
    heads = [first]
    if with_communes:
        heads.append(t("communes", lang))
    heads += [t("meetings", lang), t("recommendations", lang), t("completed", lang)]
    heads.append(t("completion_rate", lang))
    body = []
    for target, name, counts in rows:
        cells = [f'<th scope="row">{link(path, target, f"<bdi>{text(name)}</bdi>")}</th>']
        values = [counts.meetings, counts.recommendations, counts.completed]
        if with_communes:
            values.insert(0, counts.communes)
        cells += [cell(h, number(v, lang), "num") for h, v in zip(heads[1:], values, strict=False)]
        cells.append(cell(heads[-1], percent(counts.completion_rate, lang), "num"))
        body.append(f"<tr>{''.join(cells)}</tr>")
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in heads)
    return (
        f'<div class="scroll"><table class="list"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def _summary(counts: Counts, lang: str) -> str:
    figures = t("site_summary", lang).format(
        communes=formats.number(counts.communes, lang),
        recommendations=formats.number(counts.recommendations, lang),
        completed=formats.number(counts.completed, lang),
    )
    rate = percent(counts.completion_rate, lang)
    return (
        f'<p class="summary">{escape(figures)} · {escape(t("completion_rate", lang))}: {rate}</p>'
    )


def _unknown(name: str, lang: str) -> str:
    return name or t("site_unknown_place", lang)


def _group_rows(
    entries: Sequence[Entry],
    key_of: Callable[[Place], str | None],
    page_of: Callable[[str | None], str],
    name_of: Callable[[Place], str],
) -> list[tuple]:
    """One row per group of `entries` (a region's, a province's): its page, its name and
    its totals, sorted by name."""
    groups: dict[str | None, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(key_of(entry.place), []).append(entry)
    rows = [(page_of(key), name_of(group[0].place), total(group)) for key, group in groups.items()]
    return sorted(rows, key=lambda row: formats.text_without_controls(row[1]))


def national_index(entries: Sequence[Entry], lang: str) -> bytes:
    path = static_site.index_page(lang)
    rows = _group_rows(
        entries,
        lambda place: place.region_key,
        lambda key: static_site.region_page(lang, key),
        lambda place: _unknown(place.region, lang),
    )
    body = (
        f"<h1>{escape(t('site_regions', lang))}</h1>"
        + _summary(total(entries), lang)
        + _table(lang, path, t("region", lang), rows, True)
    )
    other = "fr" if lang == "ar" else "ar"
    frame = Frame(
        lang, path, t("site_regions", lang), other_language_path=static_site.index_page(other)
    )
    return page(frame, body)


def region_index(region: Sequence[Entry], lang: str) -> bytes:
    first = region[0].place
    path = static_site.region_page(lang, first.region_key)
    rows = _group_rows(
        region,
        lambda place: place.province_key,
        lambda key: static_site.province_page(lang, key),
        lambda place: _unknown(place.province, lang),
    )
    name = _unknown(first.region, lang)
    body = (
        f'<h1 dir="auto">{text(name)}</h1>'
        + _summary(total(region), lang)
        + _table(lang, path, t("province", lang), rows, True)
    )
    other = "fr" if lang == "ar" else "ar"
    frame = Frame(
        lang,
        path,
        name,
        crumbs=[Crumb(static_site.index_page(lang), escape(t("site_regions", lang)))],
        other_language_path=static_site.region_page(other, first.region_key),
    )
    return page(frame, body)


def province_index(province: Sequence[Entry], lang: str) -> bytes:
    first = province[0].place
    path = static_site.province_page(lang, first.province_key)
    rows = sorted(
        (
            (static_site.commune_page(lang, e.place.id), e.place.label(lang), e.counts)
            for e in province
        ),
        key=lambda row: row[1],
    )
    name = _unknown(first.province, lang)
    body = (
        f'<h1 dir="auto">{text(name)}</h1>'
        + _summary(total(province), lang)
        + _table(lang, path, t("commune", lang), rows, False)
    )
    other = "fr" if lang == "ar" else "ar"
    frame = Frame(
        lang,
        path,
        name,
        crumbs=[
            Crumb(static_site.index_page(lang), escape(t("site_regions", lang))),
            Crumb(
                static_site.region_page(lang, first.region_key), text(_unknown(first.region, lang))
            ),
        ],
        other_language_path=static_site.province_page(other, first.province_key),
    )
    return page(frame, body)


def front_door(entries: Sequence[Entry]) -> bytes:
    """/index.html: the site's name, the national figures and the way in, in both languages."""
    counts = total(entries)
    sections = []
    for lang in SITE_LANGUAGES:
        direction = "rtl" if lang == "ar" else "ltr"
        sections.append(
            f'<section lang="{lang}" dir="{direction}"><h1>{escape(t("app_title", lang))}</h1>'
            f"<p>{escape(t('app_tagline', lang))}</p>{_summary(counts, lang)}"
            f'<p class="more"><a href="{static_site.index_page(lang)}">'
            f"{escape(LANGUAGE_NAMES[lang])}: {escape(t('site_regions', lang))}</a></p></section>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(t('app_title', 'ar'))} · {escape(t('app_title', 'fr'))}</title>\n"
        f'<link rel="stylesheet" href="{static_site.STYLESHEET}">\n</head>\n<body>\n<main>\n'
        + "\n".join(sections)
        + "\n</main>\n</body>\n</html>\n"
    ).encode("utf-8")


def sitemap(base_url: str, paths: Iterable[tuple[str, str | None]]) -> bytes:
    """The sitemap (sitemaps.org 0.9) of these pages: (path, lastmod as YYYY-MM-DD or None)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    lines.append('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    for path, lastmod in paths:
        when = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{xml_escape(f'{base_url}/{path}')}</loc>{when}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")
