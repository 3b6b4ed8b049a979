"""Atom feeds (RFC 4287) of status changes: one per commune and one per association's
recommendations, in the reader's language (pure: a connection in, the document's bytes
out). serve.py serves them at FEED_PATH; every link starts with MUSHARAKA_PUBLIC_URL.

The feed says its language with `xml:lang`; Atom has no direction attribute, so a reader
lays Arabic out right to left from the language and the text itself. Text from the
records is escaped by the XML writer and cleared of direction controls.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree as ET

from sqlalchemy import Connection, select

from musharaka import formats, mail
from musharaka.i18n import LANGUAGES, t
from musharaka.models import Association, Commune
from musharaka.queries.changes import Followed, status_changes

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MEDIA_TYPE = "application/atom+xml"
FEED_TARGETS = ("commune", "association")
# serve.py's route; `feed_link` fills it.
FEED_PATH = "/feeds/{target}/{target_id}.atom"
# The newest changes a feed lists: readers poll it, they do not read it back to 2019.
MAX_ENTRIES = 50
# The date in the tag: URIs (RFC 4151) of ids; fixed, so an id never changes.
TAG_DATE = "2025"

ET.register_namespace("", ATOM)


def feed_link(target: str, target_id: int, lang: str) -> str:
    """Where the feed of a commune or an association is read."""
    path = FEED_PATH.format(target=target, target_id=int(target_id))
    return f"{mail.public_url()}{path}?{urlencode({'lang': lang})}"


def _tag(*parts: object) -> str:
    host = urlsplit(mail.public_url()).hostname or "localhost"
    return f"tag:{host},{TAG_DATE}:" + "/".join(str(p) for p in parts)


def _when(value: dt.datetime) -> str:
    """RFC 3339 in UTC (a timestamp read back from SQLite has lost its zone: it is UTC)."""
    aware = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return aware.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def subject_name(conn: Connection, followed: Followed, lang: str) -> str | None:
    """The commune's or association's name in `lang` (as written when unknown); None when
    there is no such commune or association."""
    if followed.target == "commune":
        row = conn.execute(
            select(Commune.name, Commune.name_ar, Commune.name_fr).where(
                Commune.id == followed.target_id
            )
        ).first()
        if row is None:
            return None
        return (row.name_ar if lang == "ar" else row.name_fr) or row.name
    name = conn.execute(
        select(Association.name).where(Association.id == followed.target_id)
    ).scalar_one_or_none()
    return name


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    element.text = formats.text_without_controls(text)
    return element


def build_feed(
    conn: Connection, target: str, target_id: int, lang: str, *, now: dt.datetime | None = None
) -> bytes | None:
    """The Atom document of a commune's or an association's status changes, newest first;
    None when there is no such commune or association."""
    if target not in FEED_TARGETS:
        raise ValueError(f"no feed for {target!r}")
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    followed = Followed(target, int(target_id))
    name = subject_name(conn, followed, lang)
    if name is None:
        return None
    query = status_changes(followed).order_by(None)
    newest_first = query.order_by(query.selected_columns.changed_at.desc()).limit(MAX_ENTRIES)
    rows = conn.execute(newest_first.order_by(query.selected_columns.id.desc())).all()

    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: lang})
    _text(feed, "id", _tag("feed", target, int(target_id), lang))
    name = formats.text_without_controls(name)
    _text(feed, "title", t(f"feed_title_{target}", lang).format(name=name))
    _text(feed, "subtitle", t("feed_subtitle", lang))
    updated = rows[0].changed_at if rows else (now or dt.datetime.now(dt.UTC))
    _text(feed, "updated", _when(updated))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "Musharaka")
    ET.SubElement(
        feed,
        f"{{{ATOM}}}link",
        {"rel": "self", "type": MEDIA_TYPE, "href": feed_link(target, target_id, lang)},
    )
    for row in rows:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", _tag("change", row.id))
        _text(entry, "title", f"{formats.text_without_controls(row.title)} ({row.code})")
        _text(entry, "updated", _when(row.changed_at))
        ET.SubElement(
            entry,
            f"{{{ATOM}}}link",
            {
                "rel": "alternate",
                "type": "text/html",
                "href": mail.recommendation_link(row.code, lang),
            },
        )
        _text(entry, "summary", mail.change_detail(row, lang))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
