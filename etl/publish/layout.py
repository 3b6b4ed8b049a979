"""The frame every static page shares (pure): the document, its head, the header with the
way back up (region, province, commune) and the other language, and the footer.

Every text from the records goes through `text()`: cleared of direction controls, then
escaped. Links between pages are relative (musharaka.static_site.relative), so the site
reads the same from a CDN, a sub-folder or the disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from musharaka import formats
from musharaka.charts import STATUS_ICONS
from musharaka.colours import STATUS_COLOURS
from musharaka.i18n import LANGUAGE_NAMES, t, term_label
from musharaka.static_site import STYLESHEET, relative
from musharaka.vocabulary import DOMAINS, STATUSES


def text(value: object) -> str:
    """Text from the records, safe to write into HTML."""
    return escape(formats.text_without_controls(value))


# Babel takes a millisecond to write a number or a date; a commune's pages write thousands,
# mostly the same few hundred (dates, progress steps, counts): each is written once.
@lru_cache(maxsize=16384)
def number(value: float | None, lang: str) -> str:
    return escape(formats.number(value, lang))


@lru_cache(maxsize=16384)
def day(value: object, lang: str) -> str:
    return escape(formats.day(value, lang))


@lru_cache(maxsize=4096)
def progress(value: float | None, lang: str) -> str:
    return "" if value is None else formats.ltr_html(formats.progress(value, lang))


def percent(value: float | None, lang: str) -> str:
    """A share (0..1) as a percentage kept left to right (formats.ltr_html)."""
    return formats.ltr_html(formats.percent(value, lang))


def status(key: str, lang: str) -> str:
    """A status as its icon and its word: colour is never the only cue."""
    icon = STATUS_ICONS.get(key, "")
    colour = STATUS_COLOURS.get(key, "#000000")
    return (
        f'<span class="status"><span class="icon" style="color: {colour}" aria-hidden="true">'
        f"{icon}</span> {escape(term_label(STATUSES, key, lang))}</span>"
    )


def domain(key: str, lang: str) -> str:
    return escape(term_label(DOMAINS, key, lang))


def link(from_path: str, to_path: str, label_html: str, **attrs: str) -> str:
    extra = "".join(f' {name}="{escape(value)}"' for name, value in attrs.items())
    return f'<a href="{escape(relative(from_path, to_path))}"{extra}>{label_html}</a>'


@dataclass(frozen=True)
class Crumb:
    """One step of the way back up: the page's path and its name (already escaped)."""

    path: str
    label_html: str


@dataclass(frozen=True)
class Frame:
    """What the frame of one page needs beyond its body."""

    lang: str
    path: str  # this page's path in the site
    title: str  # plain text (escaped here)
    crumbs: Sequence[Crumb] = ()
    other_language_path: str | None = None  # the same page in the other language
    feed_path: str | None = None  # the Atom feed of what the page shows
    dashboard_url: str | None = None  # the same commune in the dashboard


def page(frame: Frame, body: str) -> bytes:
    """The whole document."""
    lang, path = frame.lang, frame.path
    direction = "rtl" if lang == "ar" else "ltr"
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(frame.title)} · {escape(t('app_title', lang))}</title>",
        f'<link rel="stylesheet" href="{relative(path, STYLESHEET)}">',
    ]
    other = None
    if frame.other_language_path:
        other = "fr" if lang == "ar" else "ar"
        head.append(
            f'<link rel="alternate" hreflang="{other}" '
            f'href="{escape(relative(path, frame.other_language_path))}">'
        )
    if frame.feed_path:
        head.append(
            '<link rel="alternate" type="application/atom+xml" '
            f'href="{escape(relative(path, frame.feed_path))}">'
        )
    crumbs = "".join(
        f"<li>{link(path, crumb.path, crumb.label_html)}</li>" for crumb in frame.crumbs
    )
    switch = ""
    if other and frame.other_language_path:
        switch = link(
            path,
            frame.other_language_path,
            escape(LANGUAGE_NAMES[other]),
            lang=other,
            hreflang=other,
            dir="rtl" if other == "ar" else "ltr",
            **{"class": "language"},
        )
    footer = [f"<p>{escape(t('site_footer', lang))}</p>"]
    if frame.feed_path:
        footer.append(f"<p>{link(path, frame.feed_path, escape(t('feed_link_commune', lang)))}</p>")
    if frame.dashboard_url:
        back = escape(t("site_dashboard", lang))
        footer.append(f'<p><a href="{escape(frame.dashboard_url)}">{back}</a></p>')
    document = (
        f'<!DOCTYPE html>\n<html lang="{lang}" dir="{direction}">\n<head>\n'
        + "\n".join(head)
        + "\n</head>\n<body>\n<header>"
        + f'<p class="site">{link(path, f"{lang}/index.html", escape(t("app_title", lang)))}'
        + f"{switch}</p>"
        + (
            f'<nav aria-label="{escape(t("site_breadcrumbs", lang))}"><ol>{crumbs}</ol></nav>'
            if crumbs
            else ""
        )
        + f"</header>\n<main>\n{body}\n</main>\n"
        + f"<footer>{''.join(footer)}</footer>\n</body>\n</html>\n"
    )
    return document.encode("utf-8")


def cell(label: str, content_html: str, css_class: str = "") -> str:
    """A table cell that carries its column's name, shown before it when a narrow screen
    lays each row out as a card (site.css)."""
    kind = f' class="{css_class}"' if css_class else ""
    return f'<td data-label="{escape(label)}"{kind}>{content_html}</td>'


def figures(items: Sequence[tuple[str, str]]) -> str:
    """Key figures as a list of (name, value already written) cards."""
    cards = "".join(
        f'<li><span class="value">{value}</span> <span class="name">{escape(name)}</span></li>'
        for name, value in items
    )
    return f'<ul class="figures">{cards}</ul>'


def pager(lang: str, path: str, pages: Sequence[str], current: int) -> str:
    """Links to every page of a long list (1-based `current`)."""
    if len(pages) <= 1:
        return ""
    items = []
    for number_, target in enumerate(pages, start=1):
        label = number(number_, lang)
        if number_ == current:
            items.append(f'<li aria-current="page">{label}</li>')
        else:
            items.append(f"<li>{link(path, target, label)}</li>")
    caption = escape(t("rec_page_of", lang).format(page=current, pages=len(pages)))
    return (
        f'<nav class="pager" aria-label="{caption}"><p>{caption}</p><ol>{"".join(items)}</ol></nav>'
    )
