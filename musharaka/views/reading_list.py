"""Lists built for reading (pure: rows in, escaped HTML out): a table whose first columns
are what a reader looks for — the title, then its status (icon and word) and progress —
with the title wrapping instead of pushing the rest out of view.

Streamlit's data grid draws on a canvas, in the French column order, from the left,
and wide columns push the status off the screen. Here the table follows the language's
direction (`dir="rtl"`: in Arabic the title is at the right and the table reads leftwards,
progress bars fill from the right), dates are written in the reader's language, and on a
narrow screen each row becomes a card: title, status, progress, date.

Every value from the records is escaped; links are built here from codes, never taken
from a file.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from urllib.parse import urlencode

import pandas as pd

from musharaka import formats
from musharaka.charts import STATUS_ICONS
from musharaka.colours import STATUS_COLOURS
from musharaka.i18n import is_rtl, t, term_label
from musharaka.vocabulary import DOMAINS, PRIORITIES, STATUSES

KINDS = ("title", "status", "progress", "date", "text", "money", "number", "domain", "priority")


@dataclass(frozen=True)
class Column:
    """One column: the frame's column, the catalog id of its header, how its values are
    written (one of KINDS), and whether a phone's card shows it (title, status and
    progress always do)."""

    key: str
    header: str
    kind: str = "text"
    on_phone: bool = False
    # Shown only on a wide screen (a second date, a budget): hidden first when room is short.
    wide_only: bool = False


def text(value: object) -> str:
    """A value from the records, escaped, without direction controls, isolated in its own
    direction (<bdi>), "" when missing."""
    cleaned = formats.text_without_controls(value)
    return f"<bdi>{escape(cleaned)}</bdi>" if cleaned else ""


def status_cell(key: object, lang: str) -> str:
    if not isinstance(key, str) or not key:
        return "—"
    colour = STATUS_COLOURS.get(key, "#8C8C8C")
    word = escape(term_label(STATUSES, key, lang))
    return (
        f'<span class="mk-status" style="border-color: {colour}">'
        f'<span class="mk-icon" style="color: {colour}" aria-hidden="true">'
        f"{escape(STATUS_ICONS.get(key, ''))}</span> {word}</span>"
    )


def progress_cell(value: object, lang: str) -> str:
    amount = _number(value)
    if amount is None:
        return "—"
    share = min(100.0, max(0.0, amount))
    shown = formats.progress(share, lang)
    return (
        f'<span class="mk-bar" role="img" aria-label="{escape(shown, quote=True)}">'
        f'<span class="mk-fill" style="width: {share:.0f}%"></span></span>'
        f'<span class="mk-pct">{formats.ltr_html(shown)}</span>'
    )


def cell(column: Column, value: object, lang: str) -> str:
    """One value as its column writes it; "—" where there is none."""
    kind = column.kind
    if kind == "status":
        return status_cell(value, lang)
    if kind == "progress":
        return progress_cell(value, lang)
    if not _present(value):
        return "—"
    amount = _number(value)
    if kind == "date":
        return escape(formats.day(value, lang))
    if kind == "money" and amount is not None:
        return escape(formats.money(amount, lang))
    if kind == "number" and amount is not None:
        return escape(formats.number(amount, lang))
    if kind == "domain":
        return escape(term_label(DOMAINS, str(value), lang))
    if kind == "priority":
        return escape(term_label(PRIORITIES, str(value), lang))
    return text(value) or "—"


def _present(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    return not bool(pd.isna(value))


def _number(value: object) -> float | None:
    # numbers.Real: Python's and NumPy's; Decimal: the database's.
    if isinstance(value, bool) or not isinstance(value, numbers.Real | Decimal | str):
        return None
    try:
        amount = float(value)
    except (TypeError, ValueError):
        return None
    return None if amount != amount else amount


def link(path: str, params: Mapping[str, object]) -> str:
    """A relative link to a page of the app with these URL parameters (codes, ids, the
    language): percent-encoded, then escaped for an attribute."""
    query = urlencode({k: str(v) for k, v in params.items() if v not in (None, "")})
    return escape(f"{path}?{query}" if query else path, quote=True)


def html_table(
    rows: pd.DataFrame,
    columns: tuple[Column, ...],
    lang: str,
    *,
    href: Callable[[Mapping[str, object]], str | None] | None = None,
    caption: str = "",
    sub: str | None = None,
) -> str:
    """The rows as a reading table: the title (a link when `href` gives one for the row,
    `sub`, a column whose catalog id is also its name, e.g. "code", in a small line under
    it; a part's parent's code under it too) then the other columns in order."""
    head = "".join(
        f'<th scope="col" class="{_classes(c)}">{escape(t(c.header, lang))}</th>' for c in columns
    )
    body: list[str] = []
    for record in rows.to_dict("records"):
        cells = []
        for column in columns:
            content = cell(column, record.get(column.key), lang)
            if column.kind == "title":
                target = href(record) if href else None
                if target:
                    content = f'<a href="{target}" target="_self">{content}</a>'
                if sub and _present(record.get(sub)):
                    named = escape(t(sub, lang), quote=True)
                    content += (
                        f'<div class="mk-sub" data-label="{named}">{text(record.get(sub))}</div>'
                    )
                if _present(record.get("parent_code")):
                    # A part is counted in its parent, not in the figures above the list:
                    # the line says which one, so that the count and the rows agree.
                    part_of = escape(t("rec_part_of", lang))
                    content += (
                        f'<div class="mk-sub mk-part">{part_of}: '
                        f"{text(record.get('parent_code'))}</div>"
                    )
            cells.append(data_cell(_classes(column), t(column.header, lang), content))
        body.append("<tr>" + "".join(cells) + "</tr>")
    return list_table(head, body, lang, caption=caption)


def data_cell(classes: str, label: str, content: str) -> str:
    """A cell of a reading table: `label` (its column's name, escaped here) is what a
    phone's card shows before `content` (HTML already)."""
    return f'<td class="{classes}" data-label="{escape(label, quote=True)}">{content}</td>'


def list_table(head: str, body: list[str], lang: str, *, caption: str = "", kind: str = "") -> str:
    """A reading table in the page's direction around its header cells and its rows (HTML
    already), which STYLE turns into cards on a phone; `kind`: a class of its own for a
    page's additions to STYLE."""
    direction = "rtl" if is_rtl(lang) else "ltr"
    shown_caption = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (
        f'<div class="mk-list-wrap{" " + kind if kind else ""}" dir="{direction}" '
        f'lang="{escape(lang)}">'
        f'<table class="mk-list">{shown_caption}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def numbers_table(
    headers: list[str], rows: list[list[str]], lang: str, *, caption: str = ""
) -> str:
    """A chart's numbers (musharaka.charts.numbers: texts already in the reader's language)
    as a table: each row named by its first cell, a row header, then its numbers."""
    direction = "rtl" if is_rtl(lang) else "ltr"
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join(
        f'<tr><th scope="row">{escape(row[0])}</th>'
        + "".join(f"<td>{escape(value)}</td>" for value in row[1:])
        + "</tr>"
        for row in rows
        if row
    )
    shown_caption = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (
        f'<div dir="{direction}" lang="{escape(lang)}">'
        f'<table class="mk-numbers">{shown_caption}<thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def _classes(column: Column) -> str:
    names = [f"mk-col-{column.kind}"]
    if column.on_phone or column.kind in ("title", "status", "progress"):
        names.append("mk-phone")
    if column.wide_only:
        names.append("mk-wide")
    return " ".join(names)


# One stylesheet for every reading list, sent with the table (st.html keeps <style>).
# Measured on the list's own width (a container query: the sidebar takes room too): under
# 640 px (a phone) each row is a card, the cells that matter one under the other, each with
# its header; under 1150 px the columns marked wide_only give way.
STYLE = """<style>
.mk-list-wrap { width: 100%; overflow-x: auto; container-type: inline-size; }
table.mk-list { width: 100%; border-collapse: collapse; font-size: 0.92rem; }
table.mk-list caption { caption-side: top; text-align: start; color: #555; padding: 0 0 .3rem; }
table.mk-list th, table.mk-list td { text-align: start; vertical-align: top;
  padding: .45rem .5rem; border-bottom: 1px solid rgba(49, 51, 63, .15); }
table.mk-list thead th { font-weight: 600; border-bottom: 2px solid rgba(49, 51, 63, .3);
  white-space: nowrap; position: sticky; top: 0; background: var(--background-color, #fff); }
table.mk-list td { white-space: nowrap; }
table.mk-list td.mk-col-title { white-space: normal; min-width: 14rem; width: 40%; }
table.mk-list td.mk-col-title a { font-weight: 600; text-decoration: none; }
table.mk-list td.mk-col-title a:hover,
table.mk-list td.mk-col-title a:focus { text-decoration: underline; }
table.mk-list td.mk-col-text, table.mk-list td.mk-col-domain { white-space: normal;
  min-width: 6rem; }
/* A date may take two lines ("29 septembre / 2019") rather than push a column away. */
table.mk-list td.mk-col-date { white-space: normal; min-width: 5.5rem; }
.mk-sub { color: #666; font-size: .8rem; margin-top: .15rem; }
.mk-status { display: inline-block; border-inline-start: 4px solid; padding-inline-start: .4rem; }
.mk-bar { display: inline-block; width: 4.5rem; height: .55rem; background: #e6e6e6;
  border-radius: .3rem; vertical-align: middle; overflow: hidden; }
.mk-fill { display: block; height: 100%; background: #0072B2; }
.mk-pct { margin-inline-start: .35rem; font-variant-numeric: tabular-nums; }
@container (max-width: 1150px) { table.mk-list .mk-wide { display: none; } }
@container (max-width: 640px) {
  table.mk-list thead { display: none; }
  table.mk-list, table.mk-list tbody, table.mk-list tr, table.mk-list td {
    display: block; width: auto; }
  table.mk-list tr { border: 1px solid rgba(49, 51, 63, .2); border-radius: .5rem;
    margin: 0 0 .6rem; padding: .4rem .6rem; }
  table.mk-list td { border: none; padding: .15rem 0; white-space: normal; }
  table.mk-list td:not(.mk-phone) { display: none; }
  table.mk-list td.mk-col-title { min-width: 0; width: auto; font-size: 1rem; }
  table.mk-list td.mk-phone:not(.mk-col-title)::before { content: attr(data-label) " · ";
    color: #666; font-size: .8rem; }
}
</style>"""

# A chart's numbers: a plain table, numbers aligned at the end of their cells.
NUMBERS_STYLE = """<style>
table.mk-numbers { border-collapse: collapse; font-size: 0.9rem; }
table.mk-numbers caption { caption-side: top; text-align: start; padding: 0 0 .3rem; }
table.mk-numbers th, table.mk-numbers td { padding: .25rem .6rem; text-align: start;
  border-bottom: 1px solid rgba(49, 51, 63, .15); }
table.mk-numbers thead th { border-bottom: 2px solid rgba(49, 51, 63, .3); }
table.mk-numbers th[scope="row"] { font-weight: normal; }
table.mk-numbers td { text-align: end; font-variant-numeric: tabular-nums; }
</style>"""
