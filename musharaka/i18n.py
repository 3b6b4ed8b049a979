"""The interface's text, read from gettext catalogs: `locale/<lang>/LC_MESSAGES/musharaka.po`.

A message id is a stable key (`app_title`, `rec_filters`, `status.completed`), not an
English sentence: the pages ask for `t("rec_filters", lang)`, and rewording the English
text must not orphan the other languages' translations. Each Arabic, French and
Tamazight message carries its English text as a translator comment (`#. English: ...`),
so that a translator working in Poedit or Weblate sees the source next to the id.

The labels of statuses, domains and priorities are messages too (`status.<key>`,
`domain.<key>`, `priority.<key>`): the data contract (`musharaka.vocabulary`) keeps the
Arabic, French and English spellings the ETL accepts in files, the catalogs the words a
reader sees, in every language the screen speaks. tests/test_i18n.py holds the two equal
for the contract's languages.

`make messages` extracts and updates the catalogs; `make run` and `make test` compile
them (`.mo`, never committed). A catalog whose `.mo` is missing or older than its `.po`
is read from the `.po`, so a fresh checkout or an edited translation is never shown stale.

A message a language has not translated yet is shown in Arabic, the language every
council works in (see docs/translating.md).
"""

from __future__ import annotations

import logging
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from musharaka import vocabulary as vocab

# The languages of the screen, in the order of the language switch. A language is added
# by a catalog folder and one line in each of these three tables (docs/adding-a-language.md).
LANGUAGES = ("ar", "fr", "en", "zgh")
# Each language's name written in itself, for the language switch.
LANGUAGE_NAMES = {"ar": "العربية", "fr": "Français", "en": "English", "zgh": "ⵜⴰⵎⴰⵣⵉⵖⵜ"}
# Babel's locale for each language's numbers and dates: ar_MA and fr_MA write 12.345,5
# and 12 345,5 (plain "ar" would write 12,345.5); zgh is Standard Moroccan Tamazight.
BABEL_LOCALES = {"ar": "ar_MA", "fr": "fr_MA", "en": "en", "zgh": "zgh"}
# Languages whose Babel locale has no words for "N days ago" (zgh writes "-12 d"): the
# catalog's `rec_days_ago` is used instead.
NO_RELATIVE_DAYS = frozenset({"zgh"})
# Every language written right to left (the others are left to right).
RIGHT_TO_LEFT = frozenset({"ar"})
# The language whose text stands in for a message not translated yet.
FALLBACK = "ar"

DOMAIN = "musharaka"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_log = logging.getLogger("musharaka.i18n")


def catalog_path(lang: str, suffix: str = ".po") -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def read_catalog(lang: str) -> Catalog:
    """A language's catalog: its compiled `.mo` when that is up to date, else its `.po`."""
    po, mo = catalog_path(lang), catalog_path(lang, ".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as handle:
            return read_mo(handle)
    _log.info("%s: no up-to-date compiled catalog, reading the .po", po.name)
    with po.open("rb") as handle:
        return read_po(handle, locale=BABEL_LOCALES[lang])


def translations(catalog: Catalog) -> dict[str, str]:
    """The translated messages of a catalog (id -> text): no header, none fuzzy or empty,
    as `pybabel compile` keeps them."""
    return {
        str(message.id): str(message.string)
        for message in catalog
        if message.id and message.string and not message.fuzzy
    }


def _load() -> dict[str, dict[str, str]]:
    messages: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        for key, text in translations(read_catalog(lang)).items():
            messages.setdefault(key, {})[lang] = text
    return messages


# Every message id -> its text in each language that has translated it.
UI: dict[str, dict[str, str]] = _load()


def t(key: str, lang: str) -> str:
    """A message in the given language; in Arabic when that language has not translated it
    (or is unknown). An unknown id raises KeyError: a typo must not reach the screen."""
    entry = UI[key]
    return entry.get(lang) or entry[FALLBACK]


_TERM_KINDS = (
    (vocab.STATUSES, "status"),
    (vocab.DOMAINS, "domain"),
    (vocab.PRIORITIES, "priority"),
    (vocab.STALL_REASONS, "stall_reason"),
    (vocab.INSTITUTIONS, "institution"),
)


def term_id(terms: tuple[vocab.Term, ...], key: str) -> str:
    """The message id of a status, domain or priority label: 'status.completed'."""
    kind = next(kind for known, kind in _TERM_KINDS if known is terms)
    return f"{kind}.{key}"


def term_label(terms: tuple[vocab.Term, ...], key: str | None, lang: str) -> str:
    """The label of a status, domain or priority key; the key itself when unknown."""
    if not key:
        return ""
    message = term_id(terms, key)
    return t(message, lang) if message in UI else key


def is_rtl(lang: str) -> bool:
    return lang in RIGHT_TO_LEFT
