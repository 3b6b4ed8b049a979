"""The static site's pages (pure: data in, the page's bytes out): a commune's page, its
recommendations page by page, a meeting's page, and the indexes of regions, provinces and
communes. The frame around each is layout.page's.

A page stays under 60 KB of HTML: a commune's recommendations are listed PAGE_SIZE at a
time on pages of their own, a meeting's too, and a list of completions is capped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

from etl.publish import svg
from etl.publish.layout import (
    Crumb,
    Frame,
    cell,
    day,
    domain,
    figures,
    link,
    number,
    page,
    pager,
    percent,
    progress,
    text,
)
from etl.publish.layout import status as status_html
from musharaka import formats, static_site
from musharaka.between import CATEGORIES
from musharaka.colours import STATUS_COLOURS
from musharaka.i18n import t, term_label
from musharaka.metrics import KeyFigures
from musharaka.vocabulary import DOMAIN_KEYS, STATUS_KEYS, STATUSES

PAGE_SIZE = 50  # recommendations per page: about 30 KB of HTML with Arabic titles
COMPLETIONS_SHOWN = 8
# A meeting's page lists this many of the recommendations completed since the meeting
# before (the rest are in the commune's list): with its own 50 it stays under 60 KB.
COMPLETED_SHOWN = 20
CATEGORY_STATUS = {
    "completed": "completed",
    "partially_completed": "partially_completed",
    "advanced": "in_progress",
    "stalled": "stalled",
    "cancelled": "cancelled",
    "untouched": "not_started",
}


@dataclass(frozen=True)
class Place:
    """A commune as the pages name and place it."""

    id: int
    name: str
    name_ar: str | None
    name_fr: str | None
    province_key: str | None
    province: str  # its name in the page's language, or as written, or ""
    region_key: str | None
    region: str

    def label(self, lang: str) -> str:
        return formats.text_without_controls(
            (self.name_ar if lang == "ar" else self.name_fr) or self.name
        )


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    code: str
    date: dt.date
    title: str | None
    recommendations: int
    completed: int
    between: dict[str, int] | None  # category counts since the meeting before; None: first


@dataclass
class CommuneData:
    """Everything a commune's pages show."""

    place: Place
    figures: KeyFigures
    domains: dict[str, dict[str, int]]  # domain -> status -> count
    meetings: list[MeetingSummary]
    completions: list[Any]  # rows: date, title, domain
    recommendations: list[Any]  # rows of queries.recommendations_of
    last_change: dt.date | None = None


@dataclass
class MeetingData:
    facts: Any  # the row of musharaka.queries.meetings.meeting (no person's name)
    associations: list[tuple[int, str]]  # (id, name) of those present
    recommendations: list[Any]
    previous: MeetingSummary | None
    between: dict[str, int] | None
    completed_between: list[Any] = field(default_factory=list)  # rows: code, title, domain


def _other(lang: str) -> str:
    return "fr" if lang == "ar" else "ar"


def _crumbs(lang: str, place: Place, with_commune: bool) -> list[Crumb]:
    crumbs = [
        Crumb(static_site.index_page(lang), escape(t("site_regions", lang))),
        Crumb(
            static_site.region_page(lang, place.region_key),
            text(place.region or t("site_unknown_place", lang)),
        ),
        Crumb(
            static_site.province_page(lang, place.province_key),
            text(place.province or t("site_unknown_place", lang)),
        ),
    ]
    if with_commune:
        crumbs.append(Crumb(static_site.commune_page(lang, place.id), text(place.label(lang))))
    return crumbs


def _frame(lang: str, path: str, title: str, place: Place, other: str, inner: bool) -> Frame:
    return Frame(
        lang=lang,
        path=path,
        title=title,
        crumbs=_crumbs(lang, place, inner),
        other_language_path=other,
        feed_path=static_site.commune_feed(lang, place.id),
        dashboard_url=static_site.dashboard_commune_url(place.id, lang),
    )


def status_chart(figures_: KeyFigures, lang: str) -> str:
    bars = [
        svg.Bar(
            term_label(STATUSES, key, lang),
            ((figures_.by_status.get(key, 0), STATUS_COLOURS[key]),),
        )
        for key in STATUS_KEYS
    ]
    return svg.bar_chart(t("by_status", lang), bars, lang)


def domain_chart(domains: dict[str, dict[str, int]], lang: str) -> str:
    order = [d for d in DOMAIN_KEYS if d in domains] + sorted(
        d for d in domains if d not in DOMAIN_KEYS
    )
    bars = [
        svg.Bar(
            formats.text_without_controls(domain(key, lang)),
            tuple((domains[key].get(s, 0), STATUS_COLOURS[s]) for s in STATUS_KEYS),
        )
        for key in order
    ]
    used = [s for s in STATUS_KEYS if any(domains[d].get(s, 0) for d in domains)]
    keys = svg.legend([(term_label(STATUSES, s, lang), STATUS_COLOURS[s]) for s in used])
    return svg.bar_chart(t("by_domain", lang), bars, lang, keys)


def meetings_table(path: str, meetings: Sequence[MeetingSummary], lang: str) -> str:
    if not meetings:
        return f"<p>{escape(t('meet_no_meetings', lang))}</p>"
    heads = [
        t("date", lang),
        t("meet_col_title", lang),
        t("recommendations", lang),
        t("completed", lang),
    ]
    heads += [t(f"meet_cat_{c}", lang) for c in CATEGORIES]
    rows = []
    for meeting in meetings:
        title = f"<bdi>{text(meeting.title) or text(meeting.code)}</bdi>"
        cells = [
            cell(heads[0], day(meeting.date, lang)),
            cell(heads[1], link(path, static_site.meeting_page(lang, meeting.id), title), "title"),
            cell(heads[2], number(meeting.recommendations, lang), "num"),
            cell(heads[3], number(meeting.completed, lang), "num"),
        ]
        if meeting.between is None:
            cells.append(f'<td colspan="{len(CATEGORIES)}" class="none">—</td>')
        else:
            cells += [
                cell(heads[4 + i], number(meeting.between.get(c, 0), lang), "num")
                for i, c in enumerate(CATEGORIES)
            ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in heads)
    return (
        f'<div class="scroll"><table class="list">'
        f"<caption>{escape(t('site_between_caption', lang))}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def recommendation_rows(rows: Sequence[Any], lang: str, rtl: bool) -> str:
    heads = [t("code", lang), t("recommendation", lang), t("domain", lang), t("status", lang)]
    heads += [t("progress", lang), t("rec_target_date", lang)]
    body = []
    for row in rows:
        cells = [
            cell(heads[0], text(row.code), "code"),
            cell(heads[1], f"<bdi>{text(row.title)}</bdi>", "title"),
            cell(heads[2], domain(row.domain, lang)),
            cell(heads[3], status_html(row.status, lang)),
            cell(
                heads[4],
                svg.progress_bar(row.progress, row.status, rtl) + progress(row.progress, lang),
                "progress",
            ),
            cell(heads[5], day(row.target_date, lang)),
        ]
        body.append(f"<tr>{''.join(cells)}</tr>")
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in heads)
    return (
        f'<div class="scroll"><table class="list recs"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def pages_of(rows: Sequence[Any]) -> list[Sequence[Any]]:
    """The rows cut into pages of PAGE_SIZE (one empty page when there are none)."""
    return [rows[i : i + PAGE_SIZE] for i in range(0, len(rows), PAGE_SIZE)] or [rows]


def commune_page(data: CommuneData, lang: str) -> bytes:
    place, path = data.place, static_site.commune_page(lang, data.place.id)
    name = place.label(lang)
    f = data.figures
    cards = figures(
        [
            (t("recommendations", lang), number(f.total, lang)),
            (t("completed", lang), number(f.completed, lang)),
            (t("partially_completed", lang), number(f.partially_completed, lang)),
            (t("in_progress", lang), number(f.in_progress, lang)),
            (t("stalled", lang), number(f.stalled, lang)),
            (t("completion_rate", lang), percent(f.completion_rate, lang)),
            (t("meetings", lang), number(len(data.meetings), lang)),
        ]
    )
    budget = f"{escape(t('budget_total', lang))}: {escape(formats.money(f.budget_mad, lang))}"
    where = " · ".join(text(p) for p in (place.province, place.region) if p)
    parts = [f'<h1 dir="auto">{text(name)}</h1>', f'<p class="where">{where}</p>' if where else ""]
    if data.last_change:
        changed = t("site_last_change", lang).format(date=formats.day(data.last_change, lang))
        parts.append(f'<p class="muted">{escape(changed)}</p>')
    parts += [
        f"<h2>{escape(t('site_key_figures', lang))}</h2>",
        cards,
        f'<p class="budget">{budget}</p>',
    ]
    if f.total:
        parts.append(
            f'<div class="charts">{status_chart(f, lang)}{domain_chart(data.domains, lang)}</div>'
        )
    parts += [f"<h2>{escape(t('meetings', lang))}</h2>", meetings_table(path, data.meetings, lang)]
    parts.append(f"<h2>{escape(t('public_latest_completions', lang))}</h2>")
    if data.completions:
        items = "".join(
            f'<li><span class="date">{day(row.date, lang)}</span> <bdi>{text(row.title)}</bdi> '
            f'<span class="muted">({domain(row.domain, lang)})</span></li>'
            for row in data.completions[:COMPLETIONS_SHOWN]
        )
        parts.append(f'<ul class="completions">{items}</ul>')
    else:
        parts.append(f"<p>{escape(t('public_no_completions', lang))}</p>")
    parts.append(f"<h2>{escape(t('recommendations', lang))}</h2>")
    count = len(data.recommendations)
    if count:
        pages = len(pages_of(data.recommendations))
        first = static_site.recommendations_page(lang, place.id, 1)
        label = escape(
            t("site_all_recommendations", lang).format(count=formats.number(count, lang))
        )
        parts.append(f'<p class="more">{link(path, first, label)}</p>')
        if pages > 1:
            parts.append(
                pager(
                    lang,
                    path,
                    [
                        static_site.recommendations_page(lang, place.id, n)
                        for n in range(1, pages + 1)
                    ],
                    0,
                )
            )
    else:
        parts.append(f"<p>{escape(t('site_no_recommendations', lang))}</p>")
    frame = _frame(lang, path, name, place, static_site.commune_page(_other(lang), place.id), False)
    return page(frame, "\n".join(parts))


def recommendations_pages(data: CommuneData, lang: str) -> dict[str, bytes]:
    """The commune's recommendations, PAGE_SIZE per page."""
    place = data.place
    chunks = pages_of(data.recommendations)
    paths = [static_site.recommendations_page(lang, place.id, n) for n in range(1, len(chunks) + 1)]
    files = {}
    for number_, (path, chunk) in enumerate(zip(paths, chunks, strict=True), start=1):
        title = f"{t('recommendations', lang)} · {place.label(lang)}"
        body = (
            f'<h1 dir="auto">{text(title)}</h1>'
            + pager(lang, path, paths, number_)
            + recommendation_rows(chunk, lang, lang == "ar")
            + pager(lang, path, paths, number_)
        )
        other = static_site.recommendations_page(_other(lang), place.id, number_)
        files[path] = page(_frame(lang, path, title, place, other, True), body)
    return files


def meeting_pages(place: Place, meeting: MeetingData, lang: str) -> dict[str, bytes]:
    """A meeting's page: its facts, the achievements since the meeting before, and the
    recommendations it produced (over several pages when they are many)."""
    facts = meeting.facts
    chunks = pages_of(meeting.recommendations)
    paths = [static_site.meeting_page(lang, facts.id, n) for n in range(1, len(chunks) + 1)]
    title = formats.text_without_controls(facts.title) or formats.text_without_controls(facts.code)
    head = [
        f'<h1 dir="auto">{text(title)}</h1>',
        _facts(facts, meeting.associations, lang, paths[0]),
    ]
    head.append(f"<h2>{escape(t('meet_between_title', lang))}</h2>")
    head.append(_between(meeting, lang))
    files = {}
    for number_, (path, chunk) in enumerate(zip(paths, chunks, strict=True), start=1):
        parts = list(head) if number_ == 1 else [f'<h1 dir="auto">{text(title)}</h1>']
        parts.append(f"<h2>{escape(t('meet_recs_produced', lang))}</h2>")
        if chunk:
            parts += [
                pager(lang, path, paths, number_),
                recommendation_rows(chunk, lang, lang == "ar"),
            ]
            parts.append(pager(lang, path, paths, number_))
        else:
            parts.append(f"<p>{escape(t('meet_no_recs', lang))}</p>")
        other = static_site.meeting_page(_other(lang), facts.id, number_)
        files[path] = page(_frame(lang, path, title, place, other, True), "\n".join(parts))
    return files


def _facts(facts: Any, associations: Sequence[tuple[int, str]], lang: str, path: str) -> str:
    given = escape(t("meet_not_given", lang))
    items = [
        (t("date", lang), day(facts.date, lang)),
        (t("meet_kind", lang), text(facts.kind) or given),
        (t("meet_edition", lang), text(facts.edition) or given),
        (t("meet_location", lang), text(facts.location) or given),
        (
            t("meet_participants", lang),
            number(facts.participants, lang) if facts.participants else given,
        ),
    ]
    source = formats.text_without_controls(facts.source_url)
    if source.lower().startswith(("http://", "https://")):
        items.append(
            (
                t("meet_source", lang),
                f'<a href="{escape(source)}" rel="nofollow">{escape(source)}</a>',
            )
        )
    rows = "".join(f"<dt>{escape(name)}</dt><dd><bdi>{value}</bdi></dd>" for name, value in items)
    parts = [f'<dl class="facts">{rows}</dl>']
    if facts.summary:
        parts.append(
            f'<h2>{escape(t("meet_summary", lang))}</h2><p dir="auto">{text(facts.summary)}</p>'
        )
    if associations:
        # Each with the Atom feed of its recommendations' changes (named in full for a
        # screen reader; "Atom" is in the name it reads).
        label = t("feed_link_association", lang)
        names = "".join(
            f"<li><bdi>{text(name)}</bdi> "
            f'<a class="feed" href="{escape(_feed_href(path, lang, key))}" '
            f'type="application/atom+xml" aria-label="{escape(label)}: {text(name)}">Atom</a></li>'
            for key, name in associations
        )
        parts.append(f"<h2>{escape(t('meet_associations_present', lang))}</h2><ul>{names}</ul>")
    return "".join(parts)


def _feed_href(path: str, lang: str, association_id: int) -> str:
    return static_site.relative(path, static_site.association_feed(lang, association_id))


def _between(meeting: MeetingData, lang: str) -> str:
    previous = meeting.previous
    if previous is None or meeting.between is None:
        return f"<p>{escape(t('meet_between_first', lang))}</p>"
    period = t("meet_between_period", lang).format(
        earlier=formats.text_without_controls(previous.code),
        start=formats.day(previous.date, lang),
        later=formats.text_without_controls(meeting.facts.code),
        end=formats.day(meeting.facts.date, lang),
    )
    parts = [f'<p class="muted">{escape(period)}</p>']
    if not any(meeting.between.values()):
        return parts[0] + f"<p>{escape(t('meet_between_none', lang))}</p>"
    bars = [
        svg.Bar(
            t(f"meet_cat_{c}", lang),
            ((meeting.between.get(c, 0), STATUS_COLOURS[CATEGORY_STATUS[c]]),),
        )
        for c in CATEGORIES
    ]
    parts.append(svg.bar_chart(t("cr_chart_categories", lang), bars, lang))
    if meeting.completed_between:
        shown = meeting.completed_between[:COMPLETED_SHOWN]
        items = "".join(
            f'<li><span class="code">{text(row.code)}</span> <bdi>{text(row.title)}</bdi> '
            f'<span class="muted">({domain(row.domain, lang)})</span></li>'
            for row in shown
        )
        parts.append(f"<h3>{escape(t('meet_cat_completed', lang))}</h3><ul>{items}</ul>")
        rest = len(meeting.completed_between) - len(shown)
        if rest > 0:
            more = t("site_more_completed", lang).format(count=formats.number(rest, lang))
            parts.append(f'<p class="muted">{escape(more)}</p>')
    return "".join(parts)
