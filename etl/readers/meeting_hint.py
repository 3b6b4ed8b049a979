"""The meeting of a recommendations table that has no meeting column, from where the table
is: a workbook sheet's name (a text file's name) and the rows above its header; a Word
table's rows above its header, then the document's title and first paragraphs.

Each of those places is read, in that order, for a meeting's code (as written) and for
dates in any form the contract accepts (16/02/2020, 2020-02-16, 16 février 2020,
16 فبراير 2020...). The first place that names a meeting of this load or of the database
decides: by its code, or by a date that is one meeting's (or, when several meetings share
it, the one meeting of a commune the places name). A place naming two meetings, or a date
of several meetings that no commune named tells apart, decides nothing and says so.

Pure: the reader builds a `MeetingHint` per table; the plan, once every file is read and
the meetings of the load are known, looks up the codes and dates it names
(etl.plan.meeting_hints) and asks it to `choose`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from etl.extract import RawSheet
from etl.report import Origin
from musharaka import vocabulary as vocab
from musharaka.loader_text import english
from musharaka.parsing import CellError, is_blank, parse_date
from musharaka.text import fold, to_ascii_digits

# Dates written with digits: ISO, year first, or day first (the contract's forms).
_NUMERIC_DATE = re.compile(
    r"(?<![\d/.\-])"
    r"(?:\d{4}-\d{1,2}-\d{1,2}|\d{4}[/.]\d{1,2}[/.]\d{1,2}|\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2}))"
    r"(?!\d)(?![/.\-]\d)"
)
_MONTHS = "|".join(
    re.escape(name)
    for name in sorted({fold(n) for names in vocab.MONTHS.values() for n in names}, key=len)[::-1]
)
# Dates with a month's name, in folded text: '16 fevrier 2020', '1er mars 2021',
# '16 فبراير 2020م', 'february 16 2020'.
_WORDS_DATE = re.compile(
    rf"(?<!\w)(?:\d{{1,2}}(?:er)?\s+(?:de\s+)?(?:{_MONTHS})|(?:{_MONTHS})\s+\d{{1,2}})"
    r"\s+\d{4}(?!\d)"
)
_TOKEN_SEPARATORS = re.compile(r"[\s:;,،؛()\[\]{}«»\"“”]+")
_TOKEN_ENDS = ".!?'’"
LISTED = 10  # candidate meetings named in a message; more are counted
# A title names its meeting near its start: the rest of a long paragraph is not read (its
# words would each be looked up as a code).
PLACE_CHARS = 500


@dataclass(frozen=True, slots=True)
class Known:
    """A meeting of this load or of the database, as a hint is matched against it."""

    code: str
    commune: str  # as written
    commune_keys: frozenset[str]  # the commune's names, folded
    date: dt.date

    def shown(self) -> str:
        return f"'{self.code}' ({self.commune}, {self.date.isoformat()})"


@dataclass(frozen=True)
class Place:
    """One place a meeting may be named in, with the codes and dates written there."""

    label: str  # 'the sheet's name', 'row 2', 'paragraph 3'
    text: str
    codes: tuple[str, ...]
    dates: tuple[tuple[dt.date, str], ...]  # (date, as written)


@dataclass(frozen=True)
class Choice:
    """The meeting chosen (code) and the warning naming it, or (code None) why none was."""

    code: str | None
    message: str


def place(label: str, values: Iterable[object]) -> Place | None:
    """The place of a text or of a row's cells (None when it holds nothing)."""
    texts, dates = [], []
    for value in values:
        if isinstance(value, dt.date):  # a date cell of a title row
            day = value.date() if isinstance(value, dt.datetime) else value
            dates.append((day, day.isoformat()))
            texts.append(day.isoformat())
        elif not is_blank(value) and not isinstance(value, bool):
            texts.append(str(value).strip())
    text = " ".join(texts)[:PLACE_CHARS]
    if not text:
        return None
    return Place(label, text, codes_in(text), (*dates, *dates_in(text)))


def codes_in(text: str) -> tuple[str, ...]:
    """What may be a meeting's code in a text: each word, and the whole text."""
    text = to_ascii_digits(text)
    words = [w.strip(_TOKEN_ENDS) for w in _TOKEN_SEPARATORS.split(text)]
    found = dict.fromkeys(w for w in words if w)
    found[text.strip()] = None
    return tuple(found)


def dates_in(text: str) -> tuple[tuple[dt.date, str], ...]:
    """Every date written in a text, in a form the contract accepts, in order."""
    found: list[tuple[int, dt.date, str]] = []
    ascii_text = to_ascii_digits(text)
    for match in _NUMERIC_DATE.finditer(ascii_text):
        found.extend(_dated(match.start(), match.group()))
    for match in _WORDS_DATE.finditer(fold(ascii_text)):
        found.extend(_dated(match.start(), match.group()))
    return tuple((date, shown) for _, date, shown in sorted(found, key=lambda f: f[0]))


def _dated(position: int, written: str) -> list[tuple[int, dt.date, str]]:
    try:
        return [(position, parse_date(written), written)]
    except CellError:  # 31/02/2020, or a number that only looks like a date
        return []


@dataclass(eq=False)
class MeetingHint:
    """Where one table without a meeting column may find its meeting."""

    origin: Origin  # the table's header row: where the choice is reported
    looked: str  # the places, as messages name them
    places: tuple[Place, ...]

    def codes(self) -> set[str]:
        return {code for p in self.places for code in p.codes}

    def dates(self) -> set[dt.date]:
        return {date for p in self.places for date, _ in p.dates}

    def choose(self, by_code: Mapping[str, Known], by_date: Mapping[dt.date, list[Known]]):
        """The meeting the first place naming one names, or why there is none."""
        written = " ".join(fold(p.text) for p in self.places)
        unmatched: list[str] = []
        for where in self.places:
            named: dict[str, tuple[Known, str]] = {}
            shared: list[tuple[str, list[Known]]] = []
            for code in where.codes:
                if code in by_code:
                    named.setdefault(code, (by_code[code], english("loader_how_code", code=code)))
            for date, shown in where.dates:
                meetings = _of_commune_named(by_date.get(date, []), written)
                if len(meetings) == 1:
                    how = english("loader_how_date", written=shown)
                    named.setdefault(meetings[0].code, (meetings[0], how))
                elif meetings:
                    shared.append((shown, meetings))
                else:
                    unmatched.append(f"'{shown}'")
            if not named and not shared:
                continue
            if len(named) == 1:
                known, how = next(iter(named.values()))
                if all(known in meetings for _, meetings in shared):
                    return Choice(
                        known.code,
                        english(
                            "loader_hint_chosen",
                            meeting=known.shown(),
                            how=how,
                            place=where.label,
                        ),
                    )
            return Choice(None, self._ambiguous(where, named, shared))
        if unmatched:
            dates = ", ".join(dict.fromkeys(unmatched))
            return Choice(None, english("loader_hint_none_dates", looked=self.looked, dates=dates))
        return Choice(None, english("loader_hint_none", looked=self.looked))

    def _ambiguous(self, where: Place, named, shared) -> str:
        # The meetings named, each once, the first LISTED of them shown and all counted.
        candidates = {k.code: k for k, _ in named.values()}
        for _, meetings in shared:
            candidates.update((k.code, k) for k in meetings)
        listed = ", ".join(k.shown() for k in list(candidates.values())[:LISTED])
        return english(
            "loader_hint_ambiguous",
            place=where.label,
            count=len(candidates),
            meetings=listed + (", ..." if len(candidates) > LISTED else ""),
        )


def _of_commune_named(meetings: list[Known], written: str) -> list[Known]:
    """Meetings sharing a date: those whose commune the places name, when that is one."""
    if len(meetings) < 2:
        return meetings
    padded = f" {written} "
    named = [k for k in meetings if any(f" {key} " in padded for key in k.commune_keys if key)]
    return named if len(named) == 1 else meetings


def sheet_hint(sheet: RawSheet, header_row: int, above: Iterable[tuple[int, list]]):
    """The hint of a table without a meeting column, from its sheet (or Word document)
    and the rows above its header."""
    rows = [
        p
        for n, cells in above
        if n < header_row and (p := place(english("loader_place_row", row=n), cells))
    ]
    if sheet.preamble is not None:  # a Word table: its own title rows, then the document's
        preamble = [p for label, text in sheet.preamble if (p := place(label, [text]))]
        places = [*rows, *preamble]
        looked = english("loader_looked_document")
    else:
        own = sheet.sheet or sheet.stem
        label = english("loader_place_sheet_name" if sheet.sheet else "loader_place_file_name")
        places = [p for p in [place(label, [own]), *rows] if p]
        looked = english("loader_looked_sheet", place=label)
    origin = Origin(sheet.file, sheet.sheet, "recommendations", header_row)
    return MeetingHint(origin, looked, tuple(places))
