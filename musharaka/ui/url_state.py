"""Widgets whose value is kept in the URL, so a view can be shared: filters, choices,
page numbers, selected rows, and the links between pages.

Each takes its first value from the URL and writes its value back on every run, so the
address bar always describes the view. Several values are written comma-separated
(?status=stalled,in_progress); free text (a responsible body, a douar) one parameter per
value (?location=A&location=B), since it may hold commas itself.
"""

from __future__ import annotations

import datetime as dt
import os
from urllib.parse import urlencode

import streamlit as st

from musharaka import queries, sharing
from musharaka.i18n import t
from musharaka.ui import inputs
from musharaka.ui.display import (
    number,
)
from musharaka.ui.frame import Page
from musharaka.views.recommendations import page_count


def commune_filter(page: Page) -> tuple[int, ...]:
    """A commune picker in the sidebar, kept in the URL as ?commune=ID; () means all."""
    communes = page.query(queries.communes)
    if communes.empty:
        return ()
    names = dict(zip(communes["id"].astype(int), communes["name"], strict=True))
    chosen = sidebar_id_picker(
        page.lang,
        t("commune", page.lang),
        "commune",
        names,
        t("all_communes", page.lang),
        "commune_filter",
    )
    return () if chosen is None else (chosen,)


def sidebar_id_picker(
    lang: str, label: str, param: str, names: dict[int, str], none_label: str, key: str
) -> int | None:
    """One of `names` (id -> label) picked in the sidebar and kept in the URL as ?param=ID;
    None, shown as `none_label`, leaves the parameter out."""
    wanted = st.query_params.get(param, "")
    current = int(wanted) if wanted.isdigit() and int(wanted) in names else None
    options = [None, *names]
    with st.sidebar:
        chosen = inputs.selectbox(
            lang,
            label,
            options,
            index=options.index(current),
            format_func=lambda id_: none_label if id_ is None else names[id_],
            key=key,
        )
    if chosen != current:
        if chosen is None:
            del st.query_params[param]
        else:
            st.query_params[param] = str(chosen)
    return chosen


RECOMMENDATIONS_PAGE = "Recommendations"


def list_links(page: Page, commune_ids: tuple[int, ...]) -> dict[str, str]:
    """Relative links to the Recommendations page filtered like each key figure."""
    base = {"lang": page.lang}
    if commune_ids:
        base["commune"] = ",".join(str(c) for c in commune_ids)
    filters = {
        "all": {},
        "completed": {"status": "completed"},
        "partially_completed": {"status": "partially_completed"},
        "in_progress": {"status": "in_progress"},
        "stalled": {"status": "stalled"},
        "overdue": {"overdue": "1"},
    }
    return {
        key: f"{RECOMMENDATIONS_PAGE}?{urlencode({**base, **extra})}"
        for key, extra in filters.items()
    }


def url_choice(page: Page, key: str, options: tuple[str, ...], default: str) -> str:
    """A horizontal choice kept in the URL as ?key=option (labels from the vocabulary)."""
    wanted = st.query_params.get(key, default)
    current = wanted if wanted in options else default
    chosen = st.radio(
        t(key, page.lang),
        options,
        index=options.index(current),
        format_func=lambda option: t(option, page.lang),
        horizontal=True,
        key=f"url_choice_{key}",
    )
    if chosen != current:
        st.query_params[key] = chosen
    return chosen


# Each takes its first value from the URL and writes its value back on every run, so the
# address bar always describes the view and can be shared. Several values are written
# comma-separated (?status=stalled,in_progress); free text (a responsible body, a douar)
# one parameter per value (?location=A&location=B), since it may hold commas itself.
def url_values(param: str, *, split: bool = True) -> list[str]:
    """A URL parameter's values, repeated (?x=a&x=b) or, when `split`, comma-separated."""
    values: list[str] = []
    for raw in st.query_params.get_all(param):
        parts = raw.split(",") if split else [raw]
        values.extend(part.strip() for part in parts if part.strip())
    return list(dict.fromkeys(values))


def _write_url(param: str, values: list[str], *, split: bool = True) -> None:
    wanted = ([",".join(values)] if values else []) if split else values
    if st.query_params.get_all(param) == wanted:
        return
    if wanted:
        st.query_params[param] = wanted if len(wanted) > 1 else wanted[0]
    elif param in st.query_params:
        del st.query_params[param]


def _seed(key: str, value) -> bool:
    """Give a widget its first value (from the URL); afterwards the widget keeps its own.
    True when this run seeded it."""
    if key in st.session_state:
        return False
    st.session_state[key] = value
    return True


def url_multiselect(
    lang: str,
    label: str,
    param: str,
    options: list,
    *,
    key: str,
    format_func=str,
    split: bool = True,
    placeholder: str | None = None,
) -> list:
    """A multiselect kept in the URL; values not among `options` are dropped (from the URL
    too), so a narrowed list of choices never leaves a stale value behind."""
    by_text = {str(option): option for option in options}
    _seed(key, [by_text[v] for v in url_values(param, split=split) if v in by_text])
    kept = [v for v in st.session_state[key] if str(v) in by_text]
    if kept != st.session_state[key]:
        st.session_state[key] = kept
    chosen = inputs.multiselect(
        lang, label, options, key=key, format_func=format_func, placeholder=placeholder
    )
    _write_url(param, [str(v) for v in chosen], split=split)
    return chosen


def url_text(label: str, param: str, *, key: str, hint: str | None = None) -> str:
    """A text box kept in the URL as ?param=text (trimmed; blank removes it)."""
    _seed(key, st.query_params.get(param, ""))
    value = (st.text_input(label, key=key, help=hint) or "").strip()
    _write_url(param, [value] if value else [], split=False)
    return value


def url_flag(label: str, param: str, *, key: str) -> bool:
    """A checkbox kept in the URL as ?param=1."""
    _seed(key, st.query_params.get(param, "") in ("1", "true", "yes"))
    value = st.checkbox(label, key=key)
    _write_url(param, ["1"] if value else [])
    return value


def url_date(lang: str, label: str, param: str, *, key: str):
    """An optional date kept in the URL as ?param=YYYY-MM-DD (picked in the order the
    reader's language writes dates)."""
    try:
        wanted = dt.date.fromisoformat(st.query_params.get(param, ""))
    except ValueError:
        wanted = None
    _seed(key, wanted)
    value = inputs.date_input(lang, label, value=None, key=key)
    _write_url(param, [value.isoformat()] if value else [])
    return value


def url_select(
    lang: str, label: str, param: str, options: list[str], *, key: str, format_func=str
) -> str:
    """A choice kept in the URL as ?param=option; the first option (the default) is not
    written, so the URL stays short."""
    wanted = st.query_params.get(param, options[0])
    _seed(key, wanted if wanted in options else options[0])
    value = inputs.selectbox(lang, label, options, key=key, format_func=format_func)
    _write_url(param, [] if value == options[0] else [value])
    return value


def url_page_number(label: str, param: str, *, key: str, pages: int, view: object) -> int:
    """A page number kept in the URL as ?page=N (1 is not written). A new `view` (other
    filters or order) starts again on its first page; a number past the end is the last."""
    wanted = st.query_params.get(param, "1")
    marker = f"{key}__view"
    if not _seed(key, int(wanted) if wanted.isdigit() else 1) and (
        st.session_state.get(marker) != view
    ):
        st.session_state[key] = 1
    st.session_state[marker] = view
    clamped = min(max(1, int(st.session_state[key])), pages)
    if clamped != st.session_state[key]:
        st.session_state[key] = clamped
    number = int(st.number_input(label, min_value=1, max_value=pages, step=1, key=key))
    _write_url(param, [] if number == 1 else [str(number)])
    return number


def pager(
    page: Page, total: int, page_size: int, *, found: str, key: str, view: object, heading: bool
) -> int:
    """The row above a paged list: how many were found (`found`, a vocabulary text with
    {count}; as a subheading or a line), the page number kept in the URL as ?page=N
    (`url_page_number`) and "page N of M". Returns the page number."""
    pages = page_count(total, page_size)
    found_box, number_box, of_box = st.columns([3, 1, 2], vertical_alignment="bottom")
    said = t(found, page.lang).format(count=number(total, page.lang))
    if heading:
        found_box.subheader(said)
    else:
        found_box.markdown(said)
    with number_box:
        chosen = url_page_number(
            t("rec_page_number", page.lang), "page", key=key, pages=pages, view=view
        )
    of_box.caption(
        t("rec_page_of", page.lang).format(
            page=number(chosen, page.lang), pages=number(pages, page.lang)
        )
    )
    return chosen


def url_row_choice(rows: list[int], values: list[str], param: str, *, key: str) -> str | None:
    """The value (e.g. a code) of the table row a reader selected, kept in the URL as
    ?param=value. A selection counts only when it changes, so a shared link's value stays
    until the reader picks or clears a row."""
    previous = st.session_state.get(key, [])
    st.session_state[key] = list(rows)
    if list(rows) != previous:
        picked = values[rows[0]] if rows and rows[0] < len(values) else None
        _write_url(param, [picked] if picked else [], split=False)
    return st.query_params.get(param) or None


def forget_url_param(param: str) -> None:
    """Remove a parameter from the URL (a button's on_click: 'close this detail')."""
    if param in st.query_params:
        del st.query_params[param]


def share_url(page_path: str, params: dict[str, str]) -> str:
    """The address of this page with these URL parameters, to copy and share: under
    MUSHARAKA_PUBLIC_URL when it is set, else where the browser told us the app is, else
    relative to the app."""
    if os.environ.get("MUSHARAKA_PUBLIC_URL", "").strip():
        return sharing.view_url(page_path, params)
    base = getattr(st.context, "url", None) or page_path
    return f"{base}?{urlencode(params)}"


# Drawn by pages/1_Recommendations.py, whose docstring lists the URL parameters.
# Beyond this many communes, meetings and associations are picked within chosen communes.
LONG_LIST_COMMUNES = 200


def country_wide(page: Page, communes: tuple[int, ...]) -> bool:
    """Whether a picker would list a whole country's meetings or associations: no commune
    chosen, among more than LONG_LIST_COMMUNES. Such a list (15,000 meetings, 21,000
    associations) is one nobody scrolls, and every reader's session would keep it."""
    if communes:
        return False
    return len(page.query(queries.communes)) > LONG_LIST_COMMUNES


def detail_picker(
    lang: str, label: str, param: str, options: dict[str, str], *, key: str, none: str
) -> str:
    """Which item's own page is open (?param=VALUE), picked in the sidebar among `options`
    (value -> label); "" when none is. A value no longer offered (the reader chose another
    commune) closes that page."""
    with st.sidebar:
        chosen = url_select(
            lang, label, param, ["", *options], key=key, format_func=lambda v: options.get(v, none)
        )
    if chosen and chosen not in options:
        forget_url_param(param)
        del st.session_state[key]
        st.rerun()
    return chosen


def back_button(label: str, key: str) -> None:
    """A button from an item's own page back to the list: it clears the `detail_picker`."""
    st.button(label, on_click=st.session_state.update, args=({key: ""},), icon=":material/list:")
