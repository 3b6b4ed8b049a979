"""The producers of the site's pages and feeds: each takes a connection and a commune's id
(None: the national scope) and returns the files of that scope, path -> bytes. They read
through the public queries only (see etl.publish.queries)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree as ET

import pandas as pd
from sqlalchemy import Connection, func, select

from etl.publish import fonts, indexes, pages, periods, queries
from etl.publish.indexes import Counts, Entry
from etl.publish.pages import CommuneData, MeetingData, MeetingSummary, Place
from musharaka import feeds, geography, metrics, static_site
from musharaka.models import Meeting, Recommendation, StatusUpdate
from musharaka.queries import meetings as meeting_queries
from musharaka.queries import overview, public
from musharaka.queries.filters import RecommendationFilter, read_frame
from musharaka.static_site import SITE_LANGUAGES

ASSETS = Path(__file__).resolve().parent / "assets"
# The `updated` of a feed with no entry yet: fixed, so that publishing it twice gives the
# same bytes (the feed's own code would write the time of the run).
EMPTY_FEED_UPDATED = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)

_PROVINCES = {p.key: p for p in geography.PROVINCES}
_REGIONS = {r.key: r for r in geography.REGIONS}


def place_of(row, lang: str) -> Place:
    """A commune's row (queries.communes) placed in its province and region, named in
    `lang` (a province the reference list does not know keeps its name as written)."""
    province = _PROVINCES.get(row.province_key or "")
    region = _REGIONS.get(row.region_key or "")
    province_name = (province.name_ar if lang == "ar" else province.name_fr) if province else ""
    region_name = (region.name_ar if lang == "ar" else region.name_fr) if region else ""
    return Place(
        id=int(row.id),
        name=row.name,
        name_ar=row.name_ar,
        name_fr=row.name_fr,
        province_key=row.province_key if province else None,
        province=province_name or (row.province or ""),
        region_key=row.region_key if region else None,
        region=region_name,
    )


# --- the national scope -------------------------------------------------------------------
def national_pages(conn: Connection, commune_id: int | None) -> dict[str, bytes]:
    """The front door, the indexes of regions and provinces, the sitemap and the shared
    stylesheet and fonts."""
    if commune_id is not None:
        return {}
    counts = {row.commune_id: row for row in conn.execute(queries.commune_counts())}
    held = {row.commune_id: row.meetings for row in conn.execute(queries.meeting_counts())}
    rows = conn.execute(queries.communes()).all()
    files: dict[str, bytes] = {"index.html": b""}
    for lang in SITE_LANGUAGES:
        entries = []
        for row in rows:
            found = counts.get(row.id)
            entries.append(
                Entry(
                    place_of(row, lang),
                    Counts(
                        1,
                        int(held.get(row.id, 0)),
                        int(found.recommendations) if found else 0,
                        int(found.completed) if found else 0,
                        int(found.cancelled) if found else 0,
                    ),
                )
            )
        if lang == SITE_LANGUAGES[0]:
            files["index.html"] = indexes.front_door(entries)
        files[static_site.index_page(lang)] = indexes.national_index(entries, lang)
        regions: dict[str | None, list[Entry]] = {}
        provinces: dict[str | None, list[Entry]] = {}
        for entry in entries:
            regions.setdefault(entry.place.region_key, []).append(entry)
            provinces.setdefault(entry.place.province_key, []).append(entry)
        for key, group in regions.items():
            files[static_site.region_page(lang, key)] = indexes.region_index(group, lang)
        for key, group in provinces.items():
            files[static_site.province_page(lang, key)] = indexes.province_index(group, lang)
    files["static/site.css"] = (ASSETS / "site.css").read_bytes()
    files |= fonts.files()
    base = static_site.static_url()
    if base:
        changed = {row[0]: row[1] for row in conn.execute(queries.last_change())}
        listed = sorted(path for path in files if path.endswith(".html"))
        listed += [
            static_site.commune_page(lang, row.id) for lang in SITE_LANGUAGES for row in rows
        ]
        files["sitemap.xml"] = indexes.sitemap(base, [(p, _lastmod(p, changed)) for p in listed])
    return files


def _lastmod(path: str, changed: dict) -> str | None:
    parts = path.split("/")
    if len(parts) == 3 and parts[1] == "commune":
        when = changed.get(int(parts[2].removesuffix(".html")))
        return when.date().isoformat() if isinstance(when, dt.datetime) else None
    return None


# --- one commune's scope ------------------------------------------------------------------
def commune_data(conn: Connection, row, lang: str) -> tuple[CommuneData, dict[int, MeetingData]]:
    """What a commune's pages show, in `lang`."""
    commune_id = int(row.id)
    chosen = RecommendationFilter(commune_ids=(commune_id,))
    figures = metrics.key_figures(read_frame(conn, overview.status_counts(chosen)))
    domains: dict[str, dict[str, int]] = {}
    # Unpacked: a row's `count` is the tuple's method, not the column.
    for domain_key, status_key, count in conn.execute(overview.domain_status_counts(chosen)):
        domains.setdefault(domain_key, {})[status_key] = int(count)
    held = read_frame(conn, meeting_queries.meeting_list((commune_id,)))
    recommendations = list(conn.execute(queries.recommendations_of(commune_id)))
    completions = list(
        conn.execute(public.latest_completions(chosen, limit=pages.COMPLETIONS_SHOWN))
    )
    summaries: list[MeetingSummary] = []
    details: dict[int, MeetingData] = {}
    previous: MeetingSummary | None = None
    days = [pd.Timestamp(d).date() for d in held["date"]] if len(held) else []
    history = periods.read_history(conn, commune_id, max(days)) if days else None
    for m, date in zip(held.itertuples(index=False), days, strict=True):
        counts: dict[str, int] | None = None
        completed: list = []
        if previous is not None and history is not None:
            counts, completed = periods.period(history, previous.date, date, m.code)
        summary = MeetingSummary(
            int(m.id), m.code, date, m.title, int(m.recommendations), int(m.completed), counts
        )
        facts = conn.execute(meeting_queries.meeting(m.code)).one()
        present = [
            (int(a.id), a.name)
            for a in conn.execute(meeting_queries.associations_present(int(m.id)))
        ]
        own = [r for r in recommendations if r.meeting_id == m.id]
        details[int(m.id)] = MeetingData(facts, present, own, previous, counts, completed)
        summaries.append(summary)
        previous = summary
    data = CommuneData(
        place_of(row, lang),
        figures,
        domains,
        summaries,
        completions,
        recommendations,
        last_change=_last_change(conn, commune_id),
    )
    return data, details


def _last_change(conn: Connection, commune_id: int) -> dt.date | None:
    times = [
        conn.execute(
            select(func.max(Recommendation.updated_at)).where(
                Recommendation.commune_id == commune_id
            )
        ).scalar(),
        conn.execute(
            select(func.max(Meeting.updated_at)).where(Meeting.commune_id == commune_id)
        ).scalar(),
        conn.execute(
            select(func.max(StatusUpdate.created_at))
            .join(Recommendation, Recommendation.id == StatusUpdate.recommendation_id)
            .where(Recommendation.commune_id == commune_id)
        ).scalar(),
    ]
    known = [value for value in times if isinstance(value, dt.datetime)]
    return max(known).date() if known else None


def commune_pages(conn: Connection, commune_id: int | None) -> dict[str, bytes]:
    """A commune's page, its recommendations' pages and its meetings' pages, in Arabic and
    French."""
    if commune_id is None:
        return {}
    row = conn.execute(queries.commune(commune_id)).one()
    files: dict[str, bytes] = {}
    data, details = commune_data(conn, row, SITE_LANGUAGES[0])
    for lang in SITE_LANGUAGES:
        data = replace(data, place=place_of(row, lang))
        files[static_site.commune_page(lang, commune_id)] = pages.commune_page(data, lang)
        if data.recommendations:
            files.update(pages.recommendations_pages(data, lang))
        for meeting in details.values():
            files.update(pages.meeting_pages(data.place, meeting, lang))
    return files


def commune_feeds(conn: Connection, commune_id: int | None) -> dict[str, bytes]:
    """The Atom feed of the commune's status changes, in Arabic and French."""
    if commune_id is None:
        return {}
    files = {}
    for lang in SITE_LANGUAGES:
        document = feeds.build_feed(conn, "commune", commune_id, lang, now=EMPTY_FEED_UPDATED)
        if document is not None:
            path = static_site.commune_feed(lang, commune_id)
            files[path] = _self_link(document, path)
    return files


def association_feeds(conn: Connection, commune_id: int | None) -> dict[str, bytes]:
    """The Atom feed of each association's recommendations' status changes, in Arabic and
    French: in its commune's scope (queries.fingerprint_parts follows the recommendations
    its associations proposed), those known by name alone in the national scope."""
    files = {}
    for association_id in conn.execute(queries.associations_of(commune_id)).scalars():
        for lang in SITE_LANGUAGES:
            document = feeds.build_feed(
                conn, "association", association_id, lang, now=EMPTY_FEED_UPDATED
            )
            if document is not None:
                path = static_site.association_feed(lang, association_id)
                files[path] = _self_link(document, path)
    return files


def _self_link(document: bytes, path: str) -> bytes:
    """The feed as published here: its `self` link is its address on the static site
    (when that is known), not the dashboard's."""
    base = static_site.static_url()
    if base is None:
        return document
    root = ET.fromstring(document)
    for element in root.findall(f"{{{feeds.ATOM}}}link"):
        if element.get("rel") == "self":
            element.set("href", f"{base}/{path}")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
