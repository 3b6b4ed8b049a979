"""Delimited text files (CSV, TSV): their encoding, their delimiter and their rows.

Two faults of real files are handled line by line, so that one bad line never changes
the others:
- a file that is UTF-8 except for some lines (a row pasted from an older Windows file)
  stays UTF-8; each odd line is decoded on its own, and its row gets a warning naming the
  encoding it was read in;
- a quote that opens a cell and never closes would swallow every row after it into one
  cell; the row where it opened is rejected, and the lines after it are read as rows.
"""

from __future__ import annotations

import bisect
import csv
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from musharaka.formulas import unneutralise
from musharaka.loader_text import english

# Cells above this size are almost certainly not data a person typed; the csv module's
# default limit (128 KiB) would stop the whole file instead of naming the row.
csv.field_size_limit(16 * 1024 * 1024)

ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "cp1256": "Windows-1256 (Arabic)",
    "cp1252": "Windows-1252 (French)",
}

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_ARABIC_RUN = re.compile(r"[\u0621-\u064a]{2,}")
_MIXED_WORD = re.compile(r"[A-Za-z][\u0621-\u064a]|[\u0621-\u064a][A-Za-z]")


class DecodeError(ValueError):
    """Bytes that are not text in any encoding Musharaka reads (the message says why)."""


class RowNote(NamedTuple):
    """Something found about one row while reading it: a warning (reason None) or the
    reason it is rejected. `cell` is the index of the cell concerned, if one is."""

    cell: int | None
    reason: str | None
    message: str


@dataclass
class Decoded:
    text: str
    encoding: str
    # Lines read in another encoding than the file's: (offset of the line in `text`, the
    # encoding it was read in, or None when no encoding reads it).
    odd_lines: list[tuple[int, str | None]] = field(default_factory=list)


def decode(data: bytes, name: str) -> Decoded:
    """The text of a file and the encoding it was read in (BOM, UTF-8, UTF-16, CP1256,
    CP1252), with the lines read in another encoding than the rest."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8-sig":
                data = data[len(bom) :]
                break
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError as error:
                raise DecodeError(
                    english(
                        "loader_extract_text_bad_bom",
                        name=name,
                        encoding=encoding,
                        error=str(error),
                    )
                ) from error
    else:
        encoding = "utf-8"
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
    if b"\x00" in data:
        raise DecodeError(english("loader_extract_text_not_text", name=name))
    try:
        return Decoded(data.decode("utf-8"), encoding)
    except UnicodeDecodeError:
        pass
    return _decode_by_line(data, encoding)


def _utf16_without_bom(data: bytes) -> Decoded | None:
    sample = data[:4000]
    if not (len(sample) >= 4 and sample.count(0) > len(sample) // 4):
        return None
    # UTF-16 without its BOM: ASCII characters leave one zero byte in two.
    encoding = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    # Text typed by a person never holds NUL characters: zero-padded binary
    # (an old .xls renamed .csv) decodes as UTF-16 but is not text.
    return Decoded(text, encoding) if text and "\x00" not in text else None


def single_byte_guess(data: bytes) -> tuple[str, str | None]:
    """Text in Windows-1256 or Windows-1252, whichever reads it as its language.

    Both decode almost any byte: Arabic text read as 1256 forms runs of Arabic letters,
    French text read as 1256 forms odd mixed words. None: neither reads it."""
    arabic = data.decode("cp1256", errors="replace")
    if len(_ARABIC_RUN.findall(arabic)) > len(_MIXED_WORD.findall(arabic)):
        return arabic, "cp1256"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), None


def _decode_by_line(data: bytes, utf8_name: str) -> Decoded:
    """A file that UTF-8 does not read whole: each line read on its own.

    A file with no UTF-8 line at all (nothing beyond ASCII reads as UTF-8) is a Windows
    file and is read whole in its code page; otherwise each line that is not UTF-8 is
    decoded alone, and the file keeps the encoding most of its lines have."""
    lines = data.splitlines(keepends=True)
    decoded: list[tuple[str, str | None, bool]] = []  # text, encoding, beyond ASCII
    for line in lines:
        try:
            text = line.decode("utf-8")
            decoded.append((text, "utf-8", not line.isascii()))
        except UnicodeDecodeError:
            text, encoding = single_byte_guess(line)
            decoded.append((text, encoding, True))
    utf8_lines = sum(1 for _, enc, wide in decoded if enc == "utf-8" and wide)
    if utf8_lines == 0:
        text, encoding = single_byte_guess(data)
        if encoding is None:
            return Decoded(data.decode("latin-1"), "latin-1")
        return Decoded(text, encoding)
    others = [enc for _, enc, wide in decoded if wide and enc != "utf-8"]
    file_encoding = utf8_name
    if len(others) > utf8_lines:
        file_encoding = max(set(others), key=others.count) or utf8_name
    odd: list[tuple[int, str | None]] = []
    offset = 0
    for text, encoding, wide in decoded:
        same = encoding == file_encoding or (encoding == "utf-8" and file_encoding == utf8_name)
        if wide and not same:
            odd.append((offset, encoding))
        offset += len(text)
    return Decoded("".join(t for t, _, _ in decoded), file_encoding, odd)


SNIFF_CHARACTERS = 1 << 16


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: the one that splits the first lines most consistently."""
    # The first lines only: splitting a national file's 50 MB into lines cost seconds.
    head = text[:SNIFF_CHARACTERS]
    first = head.splitlines()
    if len(head) < len(text) and len(first) > 1:
        first.pop()  # the last line of the head may be cut short
    lines = [line for line in first[:40] if line.strip()]
    best, best_score = ",", -1
    for delimiter in ("\t", ";", ","):
        widths = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        widths = [w for w in widths if w > 1]
        if not widths:
            continue
        mode = max(set(widths), key=widths.count)
        score = widths.count(mode) * 1000 + mode
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _usual_width(lines: list[str], delimiter: str) -> int:
    """How many cells most of the first lines have, each read alone."""
    widths = [len(_alone(line, delimiter)) for line in lines[:40] if line.strip()]
    widths = [w for w in widths if w > 1]
    return max(set(widths), key=widths.count) if widths else 0


def _alone(line: str, delimiter: str) -> list[str]:
    """One line read as a row of its own (a quote left open runs to the line's end)."""
    return next(csv.reader([line], delimiter=delimiter), [])


def _runaway(lines: list[str], first: int, end: int, delimiter: str, width: int) -> bool:
    """True when the row read from lines[first:end] is a quote left open, not a cell
    with line breaks: it reaches the end of the file still open, or the lines it took
    in look like rows of their own."""
    if width >= 3:
        for line in lines[first + 1 : end]:
            if len(_alone(line, delimiter)) >= width:
                return True
    if end == len(lines):
        try:
            list(csv.reader(lines[first:end], delimiter=delimiter, strict=True))
        except csv.Error:
            return True
    return False


def _open_quote_note(row: list[str]) -> RowNote:
    return RowNote(
        len(row) - 1,
        "bad_encoding",
        'a quote (") opens this cell and never closes, so the cells after it cannot be '
        "told apart: close the quote or remove it. The lines after this one were read as "
        "rows of their own",
    )


def _encoding_note(encoding: str | None) -> RowNote:
    if encoding is None:
        return RowNote(
            None,
            "bad_encoding",
            "this line is neither UTF-8 nor Windows-1256 nor Windows-1252 text: save the "
            "file as CSV UTF-8 and load it again",
        )
    return RowNote(
        None,
        None,
        f"this line is not in the file's encoding (UTF-8): it was read in "
        f"{ENCODING_NAMES.get(encoding, encoding)}; check its text, and save the file as "
        "CSV UTF-8 to be sure",
    )


# A line as a file opened with newline="" gives it to the csv module: ended by \r\n, \r or
# \n (kept), or the last one, without an ending.
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")
# The characters str.splitlines also ends a line at, which the csv module does not.
_OTHER_LINE_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def split_lines(text: str) -> list[str]:
    """The lines of `text` with their endings, as `io.StringIO(text, newline="")
    .readlines()` gives them, without the copy of the whole text a StringIO makes (four
    bytes a character: 280 MB for a region's file of status updates of the country,
    beside the text and its lines)."""
    if not any(separator in text for separator in _OTHER_LINE_BREAKS):
        # The usual text: str.splitlines gives the same lines three times as fast (it
        # breaks lines at these separators too, which the csv module keeps in cells).
        return text.splitlines(keepends=True)
    return _LINE.findall(text)


def text_rows(
    decoded: Decoded,
    delimiter: str,
    notes: dict[int, RowNote],
    name: str,
    error: type[Exception] = DecodeError,
) -> Iterator[tuple[int, list[str]]]:
    """The rows of a delimited text, numbered from 1 as records.

    `notes` receives, by row number, what was found while reading a row (filled before
    the row is yielded). Raises `error` for a file the csv module cannot read: the
    caller's own error class, so that no wrapper has to translate it around every row."""
    text = decoded.text
    lines = split_lines(text)
    odd = _odd_line_indexes(lines, decoded.odd_lines)
    width = _usual_width(lines, delimiter)
    # An apostrophe before a formula character is an export's text mark: dropped. Only a
    # row with an apostrophe somewhere can hold one (one scan in C, not one per cell).
    marked = "'" in text
    # The lines are all the reading needs: the whole text is let go (a region's file of
    # the whole country is hundreds of megabytes as text).
    del text, decoded
    unread: Iterator[str] | None = iter(lines)
    start = 0  # lines before the reader's first line
    first = 0  # the first line of the next row
    number = 0
    # A plain loop over the csv reader (one file's rows are read without a call of ours
    # each); a quote left open ends it, and the rows go on from a reader started again.
    while unread is not None:
        reader = csv.reader(unread, delimiter=delimiter)
        unread = None
        try:
            for row in reader:
                number += 1
                end = start + reader.line_num
                if end - first > 1 and _runaway(lines, first, end, delimiter, width):
                    row = _alone(lines[first], delimiter)
                    notes[number] = _open_quote_note(row)
                    # Read again from the line after the one where the quote opened.
                    end = start = first + 1
                    unread = iter(lines)
                    next(itertools.islice(unread, start, start), None)
                elif odd:
                    for index in range(first, end):
                        if index in odd and number not in notes:
                            notes[number] = _encoding_note(odd[index])
                first = end
                if marked and "'" in "\x1f".join(row):
                    row = [unneutralise(c) if c[:1] == "'" else c for c in row]
                yield number, row
                if unread is not None:
                    break
        except csv.Error as unreadable:
            line = str(start + reader.line_num)
            raise error(
                english("loader_extract_text_line", name=name, line=line, error=str(unreadable))
            ) from unreadable


def _odd_line_indexes(lines: list[str], odd: list[tuple[int, str | None]]) -> dict[int, str | None]:
    """The index in `lines` of each odd line, found by its offset in the text."""
    if not odd:
        return {}
    starts = list(itertools.accumulate((len(line) for line in lines), initial=0))
    return {bisect.bisect_right(starts, offset) - 1: encoding for offset, encoding in odd}
