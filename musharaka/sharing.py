"""Links to share a view where people are (pure): its address under MUSHARAKA_PUBLIC_URL
and a WhatsApp share link (`https://wa.me/?text=`, the short message then the address,
URL-encoded as WhatsApp's click-to-chat expects)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import quote, urlencode

from musharaka import formats, mail

WHATSAPP = "https://wa.me/?text="


def view_url(page_path: str, params: Mapping[str, str] | Sequence[tuple[str, str]]) -> str:
    """The public address of a page ("Meetings", "" for the overview) with these URL
    parameters (pairs when one repeats, as ?location=A&location=B)."""
    return f"{mail.public_url()}/{page_path.strip('/')}?{urlencode(params)}"


def whatsapp_link(message: str, url: str) -> str:
    """A wa.me link that opens WhatsApp with `message` and `url` ready to send (text from
    the records in `message` is cleared of direction controls)."""
    return WHATSAPP + quote(f"{formats.text_without_controls(message)}\n{url}", safe="")
