"""Decidim's accountability results CSV (pure): ids, descriptions as HTML, two languages
in one recommendation, and the rows written for Decidim's importer from Musharaka's
recommendations. Reading a results file is etl.readers.decidim_results, by these rules.

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
from html.parser import HTMLParser
from typing import Any

from musharaka import vocabulary as vocab
from musharaka.formulas import neutralise
from musharaka.text import stored_text

DELIMITER = ";"
EXPORT_LOCALES = ("ar", "fr", "en")
RESULT_PREFIX = "decidim-"
COMPONENT_PREFIX = "decidim-component-"
NO_COMPONENT = "decidim-results"  # the meeting of results whose component/id is blank
# The paragraph that carries the French version of an Arabic result.
SECOND_LANGUAGE = "fr"
SECOND_MARK = "FR: "

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
    text = stored_text(value)
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
def combine(
    title: str | None, description: str | None, second_title: str | None, second: str | None
) -> str | None:
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


# --- Writing -------------------------------------------------------------------------
def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _category_names(domain: str, domain_text: str | None) -> list[str]:
    if domain == "other":
        return [domain_text or ""] * len(EXPORT_LOCALES)
    return [vocab.contract_label(vocab.DOMAINS, domain, lang) for lang in EXPORT_LOCALES]


def export_row(record: Mapping[str, Any], meeting_date: dt.date | None) -> list[str]:
    """One recommendation (the open-data export's record: code, meeting, current status
    and progress..., each of the type the data contract gives it) as a row under
    EXPORT_HEADER. Every title/description column gets a text (the recommendation's own
    where it has none in that language), as Decidim's importer itself falls back to its
    default locale's."""
    title = str(record["title"])
    description = record.get("description")
    parts = split(title, description)
    titles = dict.fromkeys(EXPORT_LOCALES, title)
    descriptions: dict[str, str | None] = dict.fromkeys(EXPORT_LOCALES, description)
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
        "progress": _number(record.get("progress")),
        "component/id": decidim_id(str(record["meeting_id"]), COMPONENT_PREFIX),
    }
    names = _category_names(str(record["domain"]), record.get("domain_text"))
    for i, lang in enumerate(EXPORT_LOCALES):
        cells[f"category/name/{lang}"] = names[i]
        cells[f"scope/name/{lang}"] = location
        cells[f"title/{lang}"] = titles[lang]
        cells[f"description/{lang}"] = text_to_html(descriptions[lang])
        cells[f"status/name/{lang}"] = vocab.contract_label(vocab.STATUSES, status, lang)
    return [str(neutralise(cells.get(column, ""))) for column in EXPORT_HEADER]


def export_rows(
    recommendations: Iterable[Mapping[str, object]], meeting_dates: Mapping[str, dt.date]
) -> list[list[str]]:
    """The header and a row per recommendation, in the order given."""
    rows = [list(EXPORT_HEADER)]
    rows.extend(export_row(r, meeting_dates.get(str(r["meeting_id"]))) for r in recommendations)
    return rows
