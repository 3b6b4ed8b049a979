"""The reading lists a page drew (musharaka.views.reading_list), read back from AppTest's
`st.html` elements as a reader sees them: one DataFrame per list, the headers as columns,
each cell's text, and a `link` column with the address of each row's title."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[list[str], list[list[str]], list[str | None]]] = []
        self._in_table = False
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._link: str | None = None
        self._skip = 0  # inside an element whose text is not the cell's (none today)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table" and "mk-list" in (found.get("class") or ""):
            self._in_table = True
            self.tables.append(([], [], []))
        elif not self._in_table:
            return
        elif tag == "tr":
            self._row, self._link = [], None
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "a" and self._link is None:
            self._link = found.get("href")

    def handle_endtag(self, tag: str) -> None:
        if not self._in_table:
            return
        if tag == "table":
            self._in_table = False
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            headers, rows, links = self.tables[-1]
            if not headers:
                headers.extend(self._row)
            else:
                rows.append(self._row)
                links.append(self._link)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def parse(html: str) -> list[pd.DataFrame]:
    parser = _Tables()
    parser.feed(html)
    frames = []
    for headers, rows, links in parser.tables:
        frame = pd.DataFrame(rows, columns=headers)
        frame["link"] = links
        frames.append(frame)
    return frames


def reading_lists(app) -> list[pd.DataFrame]:
    """Every reading list on the page, in order."""
    return [frame for element in app.get("html") for frame in parse(element.proto.body)]
