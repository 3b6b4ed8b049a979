"""How evidence files are shown (pure): a status update's photos as lazy-loaded thumbnails,
each a link to the full photo, and its PDFs as links with their size; every name escaped.

The files are served by serve.py at /evidence/<sha256>.<ext> (MEDIA_PATH), published forms
and thumbnails only.
"""

from __future__ import annotations

import html

import pandas as pd
from babel.numbers import format_decimal

from musharaka.evidence import MEDIA_PATH, PDF_TYPE, THUMB_SIZE, media_url
from musharaka.i18n import BABEL_LOCALES, t

__all__ = ["MEDIA_PATH", "by_update", "file_size", "gallery_html", "media_url"]


def file_size(size: int, lang: str) -> str:
    """A size as a reader writes it: 350 kB, 2.4 MB (in the language's digits and marks)."""
    locale = BABEL_LOCALES[lang]
    if size < 1024 * 1024:
        return f"{format_decimal(max(1, round(size / 1024)), locale=locale)} kB"
    return f"{format_decimal(round(size / (1024 * 1024), 1), locale=locale)} MB"


def gallery_html(files: pd.DataFrame, lang: str) -> str:
    """One status update's (or one history's) files: photos as small thumbnails loaded
    when scrolled to, each opening the full photo; PDFs as links with their size."""
    photos, documents = [], []
    for row in files.itertuples(index=False):
        name = html.escape(str(row.file_name))
        full = html.escape(media_url(row.sha256, row.media_type))
        if row.media_type == PDF_TYPE:
            size = html.escape(file_size(int(row.size), lang))
            documents.append(
                f'<li><a href="{full}" target="_blank" rel="noopener">{name}</a> (PDF, {size})</li>'
            )
            continue
        if not isinstance(row.thumb_sha256, str):
            continue
        thumb = html.escape(media_url(row.thumb_sha256, "image/webp"))
        width, height = _thumb_box(row.width, row.height)
        alt = html.escape(t("evidence_photo_alt", lang).format(name=row.file_name))
        photos.append(
            f'<a href="{full}" target="_blank" rel="noopener" title="{name}">'
            f'<img src="{thumb}" loading="lazy" alt="{alt}" width="{width}" height="{height}"'
            ' style="object-fit:cover;border-radius:4px;margin:2px"></a>'
        )
    parts = []
    if photos:
        parts.append(f'<div class="evidence-photos">{"".join(photos)}</div>')
    if documents:
        parts.append(f'<ul class="evidence-documents">{"".join(documents)}</ul>')
    return "".join(parts)


def _thumb_box(width: object, height: object, shown: int = 160) -> tuple[int, int]:
    """The thumbnail's box on the page (half the stored thumbnail: sharp on a phone), so
    the page does not jump as the thumbnails arrive."""
    try:
        w, h = int(width), int(height)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return shown, shown
    if w <= 0 or h <= 0:
        return shown, shown
    scale = min(shown, THUMB_SIZE) / max(w, h)
    return max(1, round(w * scale)), max(1, round(h * scale))


def by_update(files: pd.DataFrame) -> list[tuple[object, pd.DataFrame]]:
    """A history's files grouped by status update, oldest first: (date, files)."""
    if files.empty:
        return []
    return [
        (group["date"].iloc[0], group) for _, group in files.groupby("status_update_id", sort=False)
    ]
