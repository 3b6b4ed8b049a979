"""The static public site's addresses (pure): every path `python -m etl publish` writes is
named here, so that the publisher, the dashboard's link to a commune's page and the
documentation agree. The site is published in Arabic and French; a reader of the dashboard
in another language is sent to the closer of the two.

    /index.html                          languages, national figures
    /{lang}/index.html                   regions
    /{lang}/region/{key}.html            its provinces
    /{lang}/province/{key}.html          its communes
    /{lang}/commune/{id}.html            a commune's page
    /{lang}/commune/{id}/recommendations-{n}.html   its recommendations, page n
    /{lang}/meeting/{id}.html            a meeting's page (page n: meeting/{id}-{n}.html)
    /feeds/commune/{id}.{lang}.atom      the commune's status changes (Atom)
    /feeds/association/{id}.{lang}.atom  an association's recommendations' changes (Atom)
    /static/site.css, /static/fonts/...  shared by every page
    /sitemap.xml
"""

from __future__ import annotations

import os
from urllib.parse import urlencode

from musharaka import mail

SITE_LANGUAGES = ("ar", "fr")
# The site's language for each language of the screen: Tamazight readers in Morocco read
# Arabic script at school, English readers are closer to French.
_CLOSEST = {"ar": "ar", "zgh": "ar", "fr": "fr", "en": "fr"}
UNKNOWN_PLACE = "unknown"  # the key of a commune's region or province when not known
STYLESHEET = "static/site.css"


def static_url() -> str | None:
    """MUSHARAKA_STATIC_URL without its trailing slash: where the static site is served;
    None when unset (the dashboard then shows no link to it)."""
    value = os.environ.get("MUSHARAKA_STATIC_URL", "").strip()
    return value.rstrip("/") or None


def site_language(lang: str) -> str:
    return _CLOSEST.get(lang, "ar")


def index_page(lang: str) -> str:
    return f"{lang}/index.html"


def region_page(lang: str, key: str | None) -> str:
    return f"{lang}/region/{key or UNKNOWN_PLACE}.html"


def province_page(lang: str, key: str | None) -> str:
    return f"{lang}/province/{key or UNKNOWN_PLACE}.html"


def commune_page(lang: str, commune_id: int) -> str:
    return f"{lang}/commune/{int(commune_id)}.html"


def recommendations_page(lang: str, commune_id: int, number: int) -> str:
    return f"{lang}/commune/{int(commune_id)}/recommendations-{int(number)}.html"


def meeting_page(lang: str, meeting_id: int, number: int = 1) -> str:
    suffix = "" if number == 1 else f"-{int(number)}"
    return f"{lang}/meeting/{int(meeting_id)}{suffix}.html"


def commune_feed(lang: str, commune_id: int) -> str:
    return f"feeds/commune/{int(commune_id)}.{lang}.atom"


def association_feed(lang: str, association_id: int) -> str:
    return f"feeds/association/{int(association_id)}.{lang}.atom"


def commune_page_url(commune_id: int, lang: str) -> str | None:
    """The static page of a commune for a reader of the dashboard in `lang`; None when the
    static site's address is not set."""
    base = static_url()
    if base is None:
        return None
    return f"{base}/{commune_page(site_language(lang), commune_id)}"


def dashboard_commune_url(commune_id: int, lang: str) -> str:
    """The dashboard's overview of a commune: where a static page sends a reader who wants
    the filters, the lists and the history."""
    return f"{mail.public_url()}/?{urlencode({'commune': int(commune_id), 'lang': lang})}"


def relative(from_path: str, to_path: str) -> str:
    """The link from one page of the site to another, relative, so that the site works
    wherever it is served (a bucket's sub-folder, a file opened from disk)."""
    depth = from_path.count("/")
    return "../" * depth + to_path
