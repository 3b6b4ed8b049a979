"""Pure parsers for one cell: dates, numbers, progress, statuses, domains, priorities.

Each parser takes what the spreadsheet holds (text, number, date, or a percent-formatted
number) and returns the clean value, or raises `CellError` with the contract's reason code
and a message a secretary can act on. Parsers that accept a value with a doubt return a
warning beside it.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from musharaka import vocabulary as vocab
from musharaka.loader_text import english
from musharaka.text import fold, stem, to_ascii_digits


class CellError(ValueError):
    """A cell that cannot be read; `reason` is one of the contract's reason codes."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


_T = TypeVar("_T")
_MEMO_LIMIT = 200_000


def _memo_text(parser: Callable[[object], _T]) -> Callable[[object], _T]:
    """Remember a pure parser's answer for each distinct text.

    A national load reads millions of cells but only a few thousand distinct dates,
    statuses or percentages; parsing each distinct text once keeps the ETL near the
    database's own insert speed. Only exact `str` inputs are remembered (a PercentCell
    equals the float it wraps, so numbers are never looked up).
    """
    answers: dict[str, _T] = {}
    refusals: dict[str, tuple[str, str]] = {}  # (reason, message)

    @functools.wraps(parser)
    def remembered(value: object) -> _T:
        if type(value) is not str:
            return parser(value)
        answer = answers.get(value)
        if answer is not None:  # none of the parsers answers None
            return answer
        refusal = refusals.get(value)
        if refusal is None:
            if len(answers) + len(refusals) >= _MEMO_LIMIT:
                answers.clear()
                refusals.clear()
            try:
                answers[value] = answer = parser(value)
                return answer
            except CellError as error:
                refusal = refusals[value] = (error.reason, error.message)
        raise CellError(*refusal)

    return remembered


class PercentCell(float):
    """A number from a spreadsheet cell formatted as a percentage (0.45 shows as 45%)."""


def is_blank(value: object) -> bool:
    """True for an empty cell: None, NaN, or only spaces."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


# --- Dates ---------------------------------------------------------------------------
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 is 1900-01-01 given Excel's leap-year bug
# Serials between 1950 and 2100: a bare number outside this is not taken for a date.
_SERIAL_MIN, _SERIAL_MAX = 18264, 73051

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_YMD = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{2}|\d{4})$")
_NUMBER_TOKEN = re.compile(r"\d+")
# A time of day after a date ('16/02/2020 10:30', '2020-05-10 22:36:26 UTC') is dropped.
_TIME = re.compile(
    r"(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:utc|z|[+-]\d{2}:?\d{2})?$", re.I
)

_MONTH_BY_NAME: dict[str, int] = {
    fold(name): number for number, names in vocab.MONTHS.items() for name in names
}
_FILLER = {fold(w) for w in vocab.DATE_FILLER}


def _make_date(year: int, month: int, day: int, shown: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError("bad_date", english("loader_date_not_exists", value=shown)) from None


@_memo_text
def parse_date(value: object) -> dt.date:
    """A date cell: native, Excel serial, ISO, day-first or written out in words."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise CellError("bad_date", english("loader_not_a_date", value=value))
    if isinstance(value, int | float):
        return _from_serial(float(value), str(value))
    shown = str(value).strip()
    text = _TIME.sub("", to_ascii_digits(shown)).strip()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return _from_serial(float(text), shown)
    if m := _ISO.match(text):
        return _make_date(int(m[1]), int(m[2]), int(m[3]), shown)
    if m := _YMD.match(text):
        return _make_date(int(m[1]), int(m[2]), int(m[3]), shown)
    if m := _DMY.match(text):
        # Moroccan usage: the day comes before the month.
        year = int(m[3])
        if len(m[3]) == 2:
            year += 2000
        return _make_date(year, int(m[2]), int(m[1]), shown)
    return _parse_words(text, shown)


def _from_serial(serial: float, shown: str) -> dt.date:
    if not (_SERIAL_MIN <= serial <= _SERIAL_MAX):
        raise CellError("bad_date", english("loader_not_date_nor_serial", value=shown))
    # A fraction is the time of day (43877.5 is 2020-02-16 at noon): the day is kept.
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def _parse_words(text: str, shown: str) -> dt.date:
    """'16 février 2020', 'الأحد 16 فبراير 2020', 'February 16, 2020', '1er mars 2021'."""
    folded = fold(text.replace(",", " "))
    numbers = [int(n) for n in _NUMBER_TOKEN.findall(folded)]
    words = [w for w in _NUMBER_TOKEN.sub(" ", folded).split() if w not in _FILLER]
    month = _MONTH_BY_NAME.get(" ".join(words))
    if month is None or len(numbers) != 2:
        raise CellError("bad_date", english("loader_not_a_date_example", value=shown))
    first, second = numbers
    day, year = (first, second) if second > 31 else (second, first)
    return _make_date(year, month, day, shown)


# --- Numbers -------------------------------------------------------------------------
_SPACES_IN_NUMBERS = re.compile(r"[\s\u00a0\u202f\u2009\u066c']")
_CURRENCY = re.compile(
    "("
    + "|".join(re.escape(c) for c in sorted(vocab.CURRENCY_MARKS, key=len, reverse=True))
    + r")\.?$",
    re.IGNORECASE,
)
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


@_memo_text
def parse_number(value: object) -> float:
    """A number cell in French, English or Arabic writing, with an optional currency mark."""
    if isinstance(value, bool):
        raise CellError("bad_number", english("loader_not_a_number", value=value))
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise CellError("bad_number", english("loader_not_a_number", value=value))
        return float(value)
    shown = str(value).strip()
    text = to_ascii_digits(shown).replace("\u066b", ",")  # Arabic decimal separator
    text = text.replace("−", "-")
    text = _CURRENCY.sub("", text.strip()).strip()
    text = _SPACES_IN_NUMBERS.sub("", text)
    text = _decimal_point(text)
    if not _PLAIN_NUMBER.match(text):
        raise CellError("bad_number", english("loader_not_a_number", value=shown))
    return float(text)


def _decimal_point(text: str) -> str:
    """The number with '.' as its decimal point and no thousands separators.

    With both ',' and '.', the last one is the decimal point (1.200.000,50 and
    1,200,000.50). A lone ',' is a decimal comma (French), except when it is followed by
    exactly three digits and repeats or stands after 1-3 digits (1,200 is twelve hundred).
    Several '.' are thousands separators (1.200.000).
    """
    commas, dots = text.count(","), text.count(".")
    if commas and dots:
        if text.rfind(",") > text.rfind("."):
            return text.replace(".", "").replace(",", ".")
        return text.replace(",", "")
    if commas:
        if commas > 1 or re.fullmatch(r"[+-]?\d{1,3},\d{3}", text):
            return text.replace(",", "")
        return text.replace(",", ".")
    if dots > 1:
        return text.replace(".", "")
    return text


@_memo_text
def parse_progress(value: object) -> tuple[float, str | None]:
    """Progress in percent (0-100), and a warning when a bare fraction was read as it stands."""
    if isinstance(value, PercentCell):
        progress = float(value) * 100
        warning = None
    else:
        text = value
        is_percent = False
        if isinstance(value, str):
            text = value.strip()
            if text.endswith(("%", "٪")):
                text, is_percent = text[:-1].strip(), True
        progress = parse_number(text)
        warning = None
        if not is_percent and 0 < progress < 1:
            warning = english(
                "loader_progress_fraction",
                value=value,
                progress=f"{progress:g}",
                hundredfold=f"{progress * 100:g}",
            )
    progress = round(progress, 2)
    if not 0 <= progress <= 100:
        raise CellError("out_of_range", english("loader_progress_outside", value=value))
    return progress, warning


# --- Vocabulary values ---------------------------------------------------------------
def _index(terms: tuple[vocab.Term, ...]) -> dict[str, str]:
    index: dict[str, str] = {}
    for term in terms:
        for name in (term.key, term.ar, term.fr, term.en, *term.accepted):
            index.setdefault(stem(name), term.key)
    return index


_STATUS_INDEX = _index(vocab.STATUSES)
_DOMAIN_INDEX = _index(vocab.DOMAINS)
_PRIORITY_INDEX = _index(vocab.PRIORITIES)
_STALL_REASON_INDEX = _index(vocab.STALL_REASONS)
_INSTITUTION_INDEX = _index(vocab.INSTITUTIONS)


@_memo_text
def parse_status(value: object) -> str:
    """A status key from any accepted spelling; an unknown one is an `unknown_value`."""
    key = _STATUS_INDEX.get(stem(value))
    if key is None:
        known = ", ".join(vocab.STATUS_KEYS)
        raise CellError("unknown_value", english("loader_unknown_status", value=value, known=known))
    return key


@dataclass(frozen=True)
class DomainMatch:
    key: str
    original: str | None  # the text as written, kept when it matched no domain
    warning: str | None


@_memo_text
def parse_domain(value: object) -> DomainMatch:
    """A domain key; text that matches none is kept as 'other' with a warning, never refused."""
    key = _DOMAIN_INDEX.get(stem(value))
    if key is not None:
        return DomainMatch(key, None, None)
    text = str(value).strip()
    return DomainMatch("other", text, english("loader_unknown_domain", value=text))


@_memo_text
def parse_stall_reason(value: object) -> str:
    """Why a recommendation stalls, as a key, from any accepted wording; an unknown one is
    an `unknown_value` naming the reasons known."""
    key = _STALL_REASON_INDEX.get(stem(value))
    if key is None:
        known = ", ".join(vocab.STALL_REASON_KEYS)
        raise CellError(
            "unknown_value", english("loader_unknown_stall_reason", value=value, known=known)
        )
    return key


@_memo_text
def parse_priority(value: object) -> tuple[str | None, str | None]:
    """A priority key, or None with a warning when the value matches none."""
    key = _PRIORITY_INDEX.get(stem(value))
    if key is None:
        return None, english("loader_unknown_priority", value=value)
    return key, None


@_memo_text
def parse_institution(value: object) -> str:
    """A partner institution's key from its code, name or an accepted spelling; one the
    list does not know is an `unknown_institution`."""
    key = _INSTITUTION_INDEX.get(stem(value))
    if key is None:
        known = ", ".join(vocab.INSTITUTION_KEYS)
        raise CellError(
            "unknown_institution", english("loader_unknown_institution", value=value, known=known)
        )
    return key


# The largest values that can be right: a commune's whole budget is counted in hundreds
# of millions of dirhams, a meeting's participants in hundreds. A bigger number is a
# typing or unit error, and would be stored rounded by the database.
MAX_AMOUNT_MAD = 10**12
MAX_COUNT = 10**6


def _at_most(
    number: float, limit: int, what: str, value: object, message: str = "loader_more_than"
) -> None:
    """The bound the bounded numbers share: above `limit` is `out_of_range`."""
    if number > limit:
        raise CellError(
            "out_of_range", english(message, what=what, value=value, limit=f"{limit:,}")
        )


def parse_count(value: object, what: str, limit: int = MAX_COUNT) -> int:
    """A whole, non-negative count (participants), at most `limit`."""
    number = parse_number(value)
    if not number.is_integer():
        raise CellError("bad_number", english("loader_not_whole", what=what, value=value))
    if number < 0:
        raise CellError("out_of_range", english("loader_negative", what=what, value=value))
    _at_most(number, limit, what, value)
    return int(number)


def parse_amount(value: object, what: str, limit: int = MAX_AMOUNT_MAD) -> float:
    """A non-negative amount of money in dirhams, to the centime, at most `limit`."""
    number = parse_number(value)
    if number < 0:
        raise CellError("out_of_range", english("loader_negative", what=what, value=value))
    _at_most(number, limit, what, value, "loader_more_than_mad")
    return round(number, 2)


# A part's weight is its share against its siblings (1, 2, 3... or percentages): a million
# or more is a typing error.
MAX_WEIGHT = 10**6


def parse_weight(value: object) -> float:
    """A sub-recommendation's weight: a number above 0, at most MAX_WEIGHT. A weight of 0
    would make a part count for nothing, and its parent's progress undefined when all are."""
    number = parse_number(value)
    what = english("loader_word_weight")
    if number <= 0:
        raise CellError("out_of_range", english("loader_not_positive", what=what, value=value))
    _at_most(number, MAX_WEIGHT, what, value)
    return number
