"""Decidim's accountability results CSV, read and written (pure).

Reading: a results file's header -> its columns; one result row -> the cells of a contract
recommendation (validated afterwards like any other) and the day it tells about its
component; a component -> the cells of a meeting. Writing: Musharaka's recommendations ->
rows of the same CSV, with the header Decidim's importer reads.

The rules, also in docs/command-line.md ("Decidim"):
- ids: a numeric Decidim id n is the recommendation "decidim-n", a component n the meeting
  "decidim-component-n"; any other id is taken as it is (a Musharaka code written by the
  export), and the export writes the same ids back.
- title: the Arabic one, else the French, else the English, else the first given. When an
  Arabic title has a French version, the French title and description follow the Arabic
  description as a paragraph "FR: <title>" (the export splits them back).
- description: the HTML reduced to text: paragraphs become blank lines, <br> a new line,
  entities are unescaped (&nbsp; is a space), tags are dropped.
- status: status/key or a status/name matching a Musharaka status (or a status key common in
  Decidim installations); else progress 100 is completed, above 0 in progress, 0 or blank
  not started.
- category -> domain, scope -> location, end_date -> target_date, parent/id -> parent_id;
  start_date and created_at -> the date of the component's meeting (the earliest).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser

from etl.validate import Problem
from musharaka import vocabulary as vocab
from musharaka.formulas import FORMULA_START, neutralise
from musharaka.parsing import (
    CellError,
    is_blank,
    parse_date,
    parse_domain,
    parse_progress,
    parse_status,
)
from musharaka.text import clean_text, stem, to_ascii_digits

# The table name a recognised Decidim sheet gets in its layout (etl.tables).
TABLE = "decidim_results"
DELIMITER = ";"
# Which locale's title a recommendation takes, first found first; then any other locale.
LOCALE_PREFERENCE = ("ar", "fr", "en")
EXPORT_LOCALES = ("ar", "fr", "en")
RESULT_PREFIX = "decidim-"
COMPONENT_PREFIX = "decidim-component-"
NO_COMPONENT = "decidim-results"  # the meeting of results whose component/id is blank
# The paragraph that carries the French version of an Arabic result.
SECOND_LANGUAGE = "fr"
SECOND_MARK = "FR: "

# Columns besides id and title/<locale> of which a results file has at least two.
_RESULT_MARKS = (
    "parent/id",
    "status/key",
    "status/id",
    "progress",
    "start_date",
    "end_date",
    "component/id",
)
_LOCALE = re.compile(r"[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?", re.IGNORECASE)

# Status keys that Decidim installations often define (Decidim ships none of its own),
# read as Musharaka statuses. Matched like any status value (case, accents, '_' as space).
DECIDIM_STATUS_KEYS = {
    "finished": "completed",
    "executed": "completed",
    "execution": "in_progress",
    "executing": "in_progress",
    "in execution": "in_progress",
    "ongoing": "in_progress",
    "started": "in_progress",
    "pending": "not_started",
    "in preparation": "planned",
    "preparation": "planned",
    "planning": "planned",
    "discarded": "cancelled",
    "rejected": "cancelled",
    "paused": "stalled",
    "suspended": "stalled",
}
_DECIDIM_STATUS_INDEX = {stem(k): v for k, v in DECIDIM_STATUS_KEYS.items()}

# The export's columns: those of Decidim's own results export, for the three languages.
EXPORT_HEADER: tuple[str, ...] = (
    "id",
    "category/id",
    *(f"category/name/{lang}" for lang in EXPORT_LOCALES),
    "scope/id",
    *(f"scope/name/{lang}" for lang in EXPORT_LOCALES),
    "parent/id",
    *(f"title/{lang}" for lang in EXPORT_LOCALES),
    *(f"description/{lang}" for lang in EXPORT_LOCALES),
    "start_date",
    "end_date",
    "status/id",
    "status/key",
    *(f"status/name/{lang}" for lang in EXPORT_LOCALES),
    "progress",
    "created_at",
    "url",
    "component/id",
    "proposal_urls",
)


# --- The header ----------------------------------------------------------------------
def header_name(cell: object) -> str:
    return "" if cell is None else str(cell).strip().lstrip("\ufeff").lower()


def header_columns(cells: list[object]) -> dict[int, str] | None:
    """Cell index -> Decidim column name when `cells` are the header of a results file
    (an `id`, one `title/<locale>` or more, and two of parent/id, status/key, status/id,
    progress, start_date, end_date, component/id); None for any other row."""
    names = [header_name(c) for c in cells]
    if "id" not in names or not any(_localized(n, "title") for n in names):
        return None
    if sum(mark in names for mark in _RESULT_MARKS) < 2:
        return None
    columns: dict[int, str] = {}
    for position, name in enumerate(names):
        if name and name not in columns.values():
            columns[position] = name
    return columns


def _localized(name: str, field_name: str) -> str | None:
    """The locale of a `field/<locale>` column name, or None."""
    prefix = field_name + "/"
    if name.startswith(prefix) and _LOCALE.fullmatch(name[len(prefix) :]):
        return name[len(prefix) :]
    return None


def locales(values: Mapping[str, object], field_name: str) -> list[str]:
    """The locales a row has `field/<locale>` columns for, in preference order."""
    found = [loc for name in values if (loc := _localized(name, field_name))]
    preferred = [loc for loc in LOCALE_PREFERENCE if loc in found]
    return preferred + [loc for loc in found if loc not in preferred]


# --- Ids -----------------------------------------------------------------------------
def result_code(decidim_id: str | None) -> str | None:
    """The recommendation_id of a Decidim result id ("291" -> "decidim-291")."""
    if decidim_id is None:
        return None
    return RESULT_PREFIX + decidim_id if decidim_id.isdigit() else decidim_id


def component_code(component_id: str | None) -> str:
    """The meeting_id of a Decidim component id ("15" -> "decidim-component-15")."""
    if component_id is None:
        return NO_COMPONENT
    return COMPONENT_PREFIX + component_id if component_id.isdigit() else component_id


def decidim_id(code: str, prefix: str = RESULT_PREFIX) -> str:
    """A Musharaka code as a Decidim id: "decidim-291" -> "291", any other code as it is."""
    rest = code.removeprefix(prefix)
    return rest if rest != code and rest.isdigit() else code


# --- HTML <-> text -------------------------------------------------------------------
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "dl",
        "dd",
        "dt",
        "figure",
        "figcaption",
        "hr",
        "address",
    ]
)
_HIDDEN = frozenset(("script", "style", "head", "title"))
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")


class _TextParser(HTMLParser):
    """HTML to text: blocks are paragraphs, <br> and list items are lines. Literal
    whitespace collapses as a browser shows it; characters written as references
    (&#32;, &#9;, &nbsp;...) are kept as written, &nbsp; as a plain space."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.paragraphs: list[str] = []
        self.lines: list[str] = []
        self.pieces: list[tuple[str, bool]] = []  # (text, written as a reference)
        self.hidden = 0
        self.opened_empty = False  # a block was just opened, nothing in it yet

    def _line(self) -> str:
        segments: list[list] = []  # [text, literal], literal whitespace collapsed
        for text, literal in self.pieces:
            if segments and not literal and not segments[-1][1]:
                segments[-1][0] += text
            else:
                segments.append([text, literal])
        self.pieces = []
        for segment in segments:
            if not segment[1]:
                segment[0] = _WHITESPACE.sub(" ", segment[0])
        # Collapsed spaces at a line's ends are the source's layout, not text.
        if segments and not segments[0][1]:
            segments[0][0] = segments[0][0].lstrip(" ")
        if segments and not segments[-1][1]:
            segments[-1][0] = segments[-1][0].rstrip(" ")
        return "".join(text for text, _ in segments).replace("\xa0", " ")

    def _end_line(self) -> None:
        self.lines.append(self._line())

    def _end_paragraph(self, explicit_empty: bool = False) -> None:
        if self.pieces:
            self._end_line()
        if any(self.lines) or len(self.lines) > 1:
            self.paragraphs.append("\n".join(self.lines))
        elif explicit_empty:
            self.paragraphs.append("")
        self.lines = []

    def _content(self) -> None:
        self.opened_empty = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self._content()
            self._end_line()
        elif tag == "li":
            if self.pieces:
                self._end_line()
            self._content()
            self.pieces.append(("- ", False))
        elif tag in _BLOCKS:
            self._end_paragraph()
            self.opened_empty = True

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _HIDDEN:
            self.hidden -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag == "li":
            self._end_line()
        elif tag in _BLOCKS:
            empty = self.opened_empty and not self.pieces and not self.lines
            self._end_paragraph(explicit_empty=empty)
            self.opened_empty = False

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            if data.strip(" \t\n\r\f"):
                self._content()
            self.pieces.append((data, False))

    def handle_entityref(self, name: str) -> None:
        if not self.hidden:
            self._content()
            self.pieces.append((html.unescape(f"&{name};"), True))

    def handle_charref(self, name: str) -> None:
        if not self.hidden:
            self._content()
            self.pieces.append((html.unescape(f"&#{name};"), True))

    def text(self) -> str:
        self.close()
        self._end_paragraph()
        return "\n\n".join(self.paragraphs).strip()


def html_to_text(value: object) -> str | None:
    """A Decidim description (HTML) as text: paragraphs separated by a blank line, <br>
    as a new line, list items as "- " lines, entities unescaped, tags dropped."""
    text = clean_text(value)
    if text is None:
        return None
    parser = _TextParser()
    parser.feed(text)
    return parser.text() or None


_SPACES = re.compile(r" {2,}|^ | $")
_REFERENCES = {"\t": "&#9;", "\r": "&#13;", "\xa0": "&nbsp;"}


def _html_line(line: str) -> str:
    escaped = html.escape(line, quote=False)
    for char, reference in _REFERENCES.items():
        escaped = escaped.replace(char, reference)
    # A browser collapses repeated spaces and drops those at a line's ends: written as
    # references they survive, so the text reads back the same.
    return _SPACES.sub(lambda m: "&#32;" * len(m.group()), escaped)


def text_to_html(text: str | None) -> str:
    """Text as Decidim's rich-text HTML: a <p> per paragraph (blank-line separated), <br>
    for a new line, everything escaped; html_to_text(text_to_html(t)) == t."""
    if not text:
        return ""
    return "".join(
        "<p>" + "<br>".join(_html_line(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in text.split("\n\n")
    )


# --- Two languages in one recommendation ---------------------------------------------
def combine(title: str, description: str | None, second_title: str | None, second: str | None):
    """The description of a recommendation whose Arabic title has a French version: the
    Arabic description, then a paragraph "FR: <French title>" and the French description.
    The French version is left out when it says nothing more than the Arabic one."""
    if not second_title or (second_title == title and (not second or second == description)):
        return description
    block = SECOND_MARK + second_title + (f"\n\n{second}" if second else "")
    return f"{description}\n\n{block}" if description else block


def split(title: str, description: str | None) -> tuple[str | None, str, str | None] | None:
    """(Arabic description, French title, French description) when `description` is one
    that `combine` wrote; None otherwise."""
    if not description:
        return None
    starts = [0] if description.startswith(SECOND_MARK) else []
    starts += [m.start() + 2 for m in re.finditer(re.escape("\n\n" + SECOND_MARK), description)]
    for start in starts:
        first = description[: max(start - 2, 0)] or None
        second_title, _, second = description[start + len(SECOND_MARK) :].partition("\n\n")
        if combine(title, first, second_title, second or None) == description:
            return first, second_title, second or None
    return None


# --- Reading a result ----------------------------------------------------------------
@dataclass
class ResultRow:
    """One result read: the cells of its recommendation (None when rejected), the problem
    that rejects it, the day it gives its component's meeting, and that meeting's link."""

    cells: dict[str, object] | None
    problem: Problem | None = None
    code: str | None = None  # its recommendation_id, rejected or not
    date: dt.date | None = None
    url: str | None = None
    warnings: list[tuple[str, str]] = field(default_factory=list)


def _text(value: object) -> str | None:
    """A cell as text, without the quote an export puts before a formula-like text."""
    text = clean_text(value)
    if text and text[0] == "'" and text[1:2] and text[1] in FORMULA_START:
        text = text[1:]
    return text


def _identifier(value: object) -> str | None:
    text = _text(value)
    return to_ascii_digits(text) if text else None


def _first(values: Mapping[str, object], field_name: str) -> str | None:
    for loc in locales(values, field_name):
        text = _text(values.get(f"{field_name}/{loc}"))
        if text:
            return text
    return None


def status_of(values: Mapping[str, object], progress: float | None) -> str:
    """The status of a result: its key or a name matching a Musharaka status (or a
    Decidim key of DECIDIM_STATUS_KEYS), else read from its progress."""
    for name in ("status/key", *(f"status/name/{loc}" for loc in locales(values, "status/name"))):
        text = _text(values.get(name))
        if not text:
            continue
        try:
            return parse_status(text)
        except CellError:
            key = _DECIDIM_STATUS_INDEX.get(stem(text.replace("_", " ")))
            if key:
                return key
    if progress is None or progress == 0:
        return "not_started"
    return "completed" if progress >= 100 else "in_progress"


def _domain(values: Mapping[str, object]) -> str:
    """The category name that is a Musharaka domain, else the preferred name (stored as
    'other' with its text), else 'other'."""
    names = [
        text
        for loc in locales(values, "category/name")
        if (text := _text(values.get(f"category/name/{loc}")))
    ]
    for name in names:
        if parse_domain(name).key != "other" or stem(name) in _OTHER_LABELS:
            return name
    return names[0] if names else "other"


_OTHER_LABELS = {stem(label) for label in ("other", "أخرى", "Autre", "Other")}


def _title_and_description(values: Mapping[str, object]) -> tuple[str | None, str | None]:
    titles = {loc: _text(values.get(f"title/{loc}")) for loc in locales(values, "title")}
    primary = next((loc for loc, text in titles.items() if text), None)
    if primary is None:
        return None, None
    title = titles[primary]
    description = html_to_text(_text(values.get(f"description/{primary}")))
    if primary == "ar" and titles.get(SECOND_LANGUAGE):
        second = html_to_text(_text(values.get(f"description/{SECOND_LANGUAGE}")))
        description = combine(title, description, titles[SECOND_LANGUAGE], second)
    return title, description


def _day(values: Mapping[str, object], column: str) -> dt.date:
    value = _text(values.get(column))
    try:
        return parse_date(value)
    except CellError as error:
        raise _Rejected(column, error.reason, value or "", f"{column}: {error.message}") from None


class _Rejected(Exception):
    def __init__(self, column: str, reason: str, value: str, message: str) -> None:
        super().__init__(message)
        self.problem = Problem(column, reason, value, message)


def read_result(values: Mapping[str, object]) -> ResultRow:
    """One row of a results file (cells by Decidim column) as recommendation cells.

    Rejected here: a blank id or title, an unreadable start_date or progress (the rest is
    validated as every recommendation is). An unreadable created_at is only a warning.
    """
    try:
        return _read_result(values)
    except _Rejected as rejected:
        return ResultRow(None, rejected.problem, result_code(_identifier(values.get("id"))))


def _read_result(values: Mapping[str, object]) -> ResultRow:
    code = result_code(_identifier(values.get("id")))
    if code is None:
        raise _Rejected("recommendation_id", "missing_required", "", "id: the result has no id")
    title, description = _title_and_description(values)
    if title is None:
        title_columns = [f"title/{loc}" for loc in locales(values, "title")]
        raise _Rejected(
            "title",
            "missing_required",
            "",
            f"{', '.join(title_columns)}: the result has no title in any language",
        )
    warnings: list[tuple[str, str]] = []
    days = []
    if not is_blank(values.get("start_date")):
        days.append(_day(values, "start_date"))
    if not is_blank(values.get("created_at")):
        try:
            days.append(_day(values, "created_at"))
        except _Rejected as rejected:
            warnings.append(("created_at", rejected.problem.message + ": ignored"))
    progress_text = _text(values.get("progress"))
    progress = None
    if progress_text is not None:
        try:
            progress = parse_progress(progress_text)[0]
        except CellError as error:
            raise _Rejected(
                "progress", error.reason, progress_text, f"progress: {error.message}"
            ) from None
    cells: dict[str, object] = {
        "recommendation_id": code,
        "meeting_id": component_code(_identifier(values.get("component/id"))),
        "domain": _domain(values),
        "title": title,
        "description": description,
        "location": _first(values, "scope/name"),
        "target_date": _text(values.get("end_date")),
        "status": status_of(values, progress),
        "progress": progress_text,
    }
    if "parent/id" in values:
        cells["parent_id"] = result_code(_identifier(values.get("parent/id")))
    url = _text(values.get("url"))
    component_url = url.split("/results/")[0] + "/" if url and "/results/" in url else None
    day = min(days) if days else None
    return ResultRow(cells, None, code, day, component_url, warnings)


# The Decidim column to name in a message about a recommendation's column.
SOURCE_COLUMNS = {
    "recommendation_id": "id",
    "meeting_id": "component/id",
    "domain": "category/name",
    "title": "title",
    "description": "description",
    "location": "scope/name",
    "target_date": "end_date",
    "status": "status/key",
    "progress": "progress",
    "parent_id": "parent/id",
}


def component_meeting(
    meeting_id: str, day: dt.date, commune: str, url: str | None
) -> dict[str, object]:
    """The cells of the meeting a Decidim component becomes in `commune`."""
    shown = meeting_id.removeprefix(COMPONENT_PREFIX)
    return {
        "meeting_id": meeting_id,
        "commune": commune,
        "date": day,
        "title": f"Decidim {shown}",
        "kind": "Decidim",
        "source_url": url,
    }


# --- Writing -------------------------------------------------------------------------
def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _category_names(domain: str, domain_text: str | None) -> list[str]:
    if domain == "other":
        return [domain_text or ""] * len(EXPORT_LOCALES)
    return [vocab.contract_label(vocab.DOMAINS, domain, lang) for lang in EXPORT_LOCALES]


def export_row(record: Mapping[str, object], meeting_date: dt.date | None) -> list[str]:
    """One recommendation (the open-data export's record: code, meeting, current status
    and progress...) as a row under EXPORT_HEADER. Every title/description column gets a
    text (the recommendation's own where it has none in that language), as Decidim's
    importer itself falls back to its default locale's."""
    title = str(record["title"])
    description = record.get("description")
    parts = split(title, description)  # type: ignore[arg-type]
    titles = dict.fromkeys(EXPORT_LOCALES, title)
    descriptions = dict.fromkeys(EXPORT_LOCALES, description)
    if parts is not None:
        descriptions = dict.fromkeys(EXPORT_LOCALES, parts[0])
        titles[SECOND_LANGUAGE], descriptions[SECOND_LANGUAGE] = parts[1], parts[2]
    status = str(record["status"])
    location = record.get("location") or ""
    parent = record.get("parent_id")
    target = record.get("target_date")
    cells = {
        "id": decidim_id(str(record["recommendation_id"])),
        "parent/id": decidim_id(str(parent)) if parent else "",
        "start_date": meeting_date.isoformat() if meeting_date else "",
        "end_date": target.isoformat() if isinstance(target, dt.date) else (target or ""),
        "status/key": status,
        "progress": _number(record.get("progress")),  # type: ignore[arg-type]
        "component/id": decidim_id(str(record["meeting_id"]), COMPONENT_PREFIX),
    }
    names = _category_names(str(record["domain"]), record.get("domain_text"))  # type: ignore[arg-type]
    for i, lang in enumerate(EXPORT_LOCALES):
        cells[f"category/name/{lang}"] = names[i]
        cells[f"scope/name/{lang}"] = location
        cells[f"title/{lang}"] = titles[lang]
        cells[f"description/{lang}"] = text_to_html(descriptions[lang])  # type: ignore[arg-type]
        cells[f"status/name/{lang}"] = vocab.contract_label(vocab.STATUSES, status, lang)
    return [str(neutralise(cells.get(column, ""))) for column in EXPORT_HEADER]


def export_rows(
    recommendations: Iterable[Mapping[str, object]], meeting_dates: Mapping[str, dt.date]
) -> list[list[str]]:
    """The header and a row per recommendation, in the order given."""
    rows = [list(EXPORT_HEADER)]
    rows.extend(export_row(r, meeting_dates.get(str(r["meeting_id"]))) for r in recommendations)
    return rows
