"""One photo per completed recommendation for the printed documents (the council's
report, the meeting's and the place's posters): the published thumbnail of the newest
update's first photo, embedded in the HTML as a data: URL, so the file stays
self-contained and WeasyPrint reads nothing else (council_report.pdf fetches only data:
URLs). Only the published thumbnails are read, never an original: they are re-encoded
pixels without EXIF (musharaka.evidence); one whose bytes are not such a picture is left
out rather than printed.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections.abc import Iterable
from html import escape

from PIL import Image, UnidentifiedImageError
from sqlalchemy import Connection

from musharaka import media_store
from musharaka.queries import evidence as evidence_queries

# A query names at most this many recommendations (an IN list every database accepts).
CHUNK = 500
THUMB_TYPE = "image/webp"  # what musharaka.evidence makes every thumbnail


def photos_of(
    conn: Connection, codes: Iterable[str], until: dt.date | None = None
) -> dict[str, str]:
    """Each recommendation's photo as a data: URL, for those that have one (of an update
    dated up to `until` when given)."""
    wanted = sorted(set(codes))
    chosen: dict[str, str] = {}
    for start in range(0, len(wanted), CHUNK):
        query = evidence_queries.latest_photos(wanted[start : start + CHUNK], until)
        for code, sha in conn.execute(query):
            chosen.setdefault(code, sha)  # the first row of each: the newest update's
    found = {}
    for code, sha in chosen.items():
        data = media_store.read_public(f"{sha}.webp")
        if data is not None and _clean_picture(data):
            found[code] = f"data:{THUMB_TYPE};base64,{base64.b64encode(data).decode('ascii')}"
    return found


def _clean_picture(data: bytes) -> bool:
    """Whether the bytes are a WebP picture with no EXIF or XMP (what the store holds)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.format == "WEBP" and not image.getexif() and "xmp" not in image.info
    except (UnidentifiedImageError, OSError, ValueError):
        return False


def photo_tag(url: str | None, alt: str) -> str:
    """The <img> of a photo (empty without one); `alt` is plain text."""
    if not url:
        return ""
    return f'<img class="photo" src="{escape(url)}" alt="{escape(alt)}">'


# The photo's size on the sheet: small beside its row, large enough to recognise a place.
PHOTO_CSS = "img.photo { display: block; max-width: 42mm; max-height: 30mm; margin-top: 1.5mm; }"
