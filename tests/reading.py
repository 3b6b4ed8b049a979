"""The reading lists a page drew (musharaka.views.reading_list), read back from AppTest's
`st.html` elements as a reader sees them: one DataFrame per list, the headers as columns,
each cell's text, the title's small line (the code) as a column of its own, and a `link`
column with the address of each row's title. `tables` gives every table of a page, data
grids and reading lists, in the order the page shows them."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[
            tuple[list[str], list[list[str]], list[str | None], list[dict[str, str]]]
        ] = []
        self._in_table = False
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._link: str | None = None
        self._sub: list[str] | None = None  # the title's small line, and its name
        self._sub_name = ""
        self._subs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table" and "mk-list" in (found.get("class") or ""):
            self._in_table = True
            self.tables.append(([], [], [], []))
        elif not self._in_table:
            return
        elif tag == "tr":
            self._row, self._link, self._subs = [], None, {}
        elif tag == "div" and "mk-sub" in (found.get("class") or ""):
            self._sub, self._sub_name = [], found.get("data-label") or "sub"
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "a" and self._link is None:
            self._link = found.get("href")

    def handle_endtag(self, tag: str) -> None:
        if not self._in_table:
            return
        if tag == "table":
            self._in_table = False
        elif tag == "div" and self._sub is not None:
            self._subs[self._sub_name] = " ".join("".join(self._sub).split())
            self._sub = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            headers, rows, links, subs = self.tables[-1]
            if not headers:
                headers.extend(self._row)
            else:
                rows.append(self._row)
                links.append(self._link)
                subs.append(self._subs)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._sub is not None:
            self._sub.append(data)
        elif self._cell is not None:
            self._cell.append(data)


def parse(html: str) -> list[pd.DataFrame]:
    parser = _Tables()
    parser.feed(html)
    frames = []
    for headers, rows, links, subs in parser.tables:
        frame = pd.DataFrame(rows, columns=headers)
        for name in sorted({n for row in subs for n in row}):
            frame[name] = [row.get(name, "") for row in subs]
        frame["link"] = links
        frames.append(frame)
    return frames


def reading_lists(app) -> list[pd.DataFrame]:
    """Every reading list on the page, in order."""
    return [frame for element in app.get("html") for frame in parse(element.proto.body)]


def tables(node) -> list[pd.DataFrame]:
    """Every table under `node` (an AppTest, a tab, any block), data grids and reading lists
    alike, in the order they are shown."""
    found: list[pd.DataFrame] = []
    children = node._tree.children if hasattr(node, "_tree") else node.children
    for child in children.values():
        kind = getattr(child, "type", "")
        if kind == "dataframe":
            found.append(child.value)
        elif kind == "html":
            found.extend(parse(child.proto.body))
        elif hasattr(child, "children"):
            found.extend(tables(child))
    return found


def data_html(app) -> list:
    """The page's html elements that can hold text from the data: all but the scripts every
    page runs for itself (its language on <html>, the uploader's and the date picker's
    names), which are the only elements allowed to run JavaScript and must be exactly those
    scripts."""
    from musharaka.i18n import LANGUAGES
    from musharaka.ui.charts import MAP_CLICK_SCRIPT
    from musharaka.ui.frame import document_language
    from musharaka.ui.inputs import date_names_script, upload_name_script

    ours = {
        make(lang)
        for lang in LANGUAGES
        for make in (document_language, upload_name_script, date_names_script)
    } | {MAP_CLICK_SCRIPT}
    shown = []
    for element in app.get("html"):
        if element.proto.unsafe_allow_javascript:
            assert element.proto.body in ours, element.proto.body
            continue
        shown.append(element)
    return shown
