"""Numbers, percentages, changes and dates as each language writes them, without
Streamlit: what ui.py's display helpers do, for the documents built outside a page (the
council's report). Babel's `ar_MA` and `fr_MA` locales: 12.345,5 and 12 345,5."""

from __future__ import annotations

import re
from html import escape
from typing import TypeGuard

import pandas as pd
from babel import Locale
from babel.dates import format_date, get_date_format
from babel.numbers import format_decimal, format_percent

from musharaka.i18n import BABEL_LOCALES, t

# Each language's locale parsed once: given by name, Babel parses it again on every call,
# and a national map formats thousands of numbers.
LOCALES = {lang: Locale.parse(name) for lang, name in BABEL_LOCALES.items()}

# Direction controls and C0 control characters: in text from the records they would
# reorder or hide their neighbours, so no page or document shows them.
CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\x00-\x08\x0b-\x1f\x7f]")


def text_without_controls(value: object) -> str:
    """Text from the records without those controls, stripped; "" when missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return CONTROLS.sub("", str(value)).strip()


def _known(value: float | None) -> TypeGuard[float]:
    return value is not None and value == value  # neither None nor NaN


def number(value: float | None, lang: str) -> str:
    """A count or an amount: '12.345,5' (ar), '12 345,5' (fr), '12,345.5' (en); — if none."""
    if _known(value):
        return format_decimal(value, locale=LOCALES[lang], decimal_quantization=False)
    return "—"


def percent(value: float | None, lang: str) -> str:
    """A share (0.456) as a percentage with at most one decimal: '45,6%'; — if none."""
    if _known(value):
        return format_percent(value, format="#,##0.#%", locale=LOCALES[lang])
    return "—"


def money(value: float | None, lang: str) -> str:
    """An amount in dirhams, rounded: '12.346 درهم', '12 346 DH'; — if none."""
    if _known(value):
        return f"{format_decimal(round(value), locale=LOCALES[lang])} {t('money_unit', lang)}"
    return "—"


def progress(value: float | None, lang: str) -> str:
    """A progress already in percent (45.0) as '45%'; — if none."""
    return percent(float(value) / 100, lang) if _known(value) else "—"


def signed(value: float, lang: str) -> str:
    """A change with its sign: '+3', '-2', '0' (with one decimal at most)."""
    if value == 0:
        return format_decimal(0, locale=LOCALES[lang])
    return format_decimal(value, format="+#,##0.#;-#,##0.#", locale=LOCALES[lang])


def day_text(value: object, lang: str) -> str:
    """A date as ui.day writes it ('15 مارس 2026', '15 mars 2026'). A table shows dates as
    words: an ISO date in an Arabic cell is reordered by the bidi algorithm (29-2019-09)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return format_date(pd.Timestamp(value).date(), format="long", locale=LOCALES[lang])


def day(value: object, lang: str) -> str:
    """A date in words ('21 أبريل 2024', '21 avril 2024'); — if none."""
    return day_text(value, lang) or "—"


def date_input_format(lang: str) -> str:
    """The order a date picker shows and reads a date in, as Streamlit names it, from the
    order of the language's short date (Babel's): 'DD/MM/YYYY' in Arabic and French,
    'MM/DD/YYYY' in English (Babel's `en` is American English, as the app's other dates)."""
    pattern = get_date_format("short", locale=LOCALES[lang]).pattern
    order = sorted("dMy", key=lambda letter: pattern.find(letter))
    return "/".join({"d": "DD", "M": "MM", "y": "YYYY"}[letter] for letter in order)


def ltr_html(shown: str) -> str:
    """A figure written in the reader's language ("57,1%", "1 234") as HTML, escaped and
    isolated left to right: after Arabic words in the same line (a phone's card names the
    column first, "نسبة الإنجاز: 36%") its sign would otherwise be laid out on its other
    side ("%36"). The pages' tables and the static site write their figures with it."""
    return f'<bdi dir="ltr">{escape(shown)}</bdi>'
