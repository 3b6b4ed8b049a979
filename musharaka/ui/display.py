"""Showing values as the reader's language writes them: numbers, dates, statuses, text
from files made safe for markdown, progress columns and rows of key figures."""

from __future__ import annotations

import datetime as dt
import functools
import re

import pandas as pd
import streamlit as st
from babel.dates import format_date, format_timedelta

from musharaka import formats
from musharaka.charts import status_text
from musharaka.formats import LOCALES
from musharaka.i18n import NO_RELATIVE_DAYS, t
from musharaka.ui.frame import Page

# The same words as the documents built outside a page (musharaka.formats).
number, percent, money = formats.number, formats.percent, formats.money


def day(value, lang: str) -> str:
    """A date as the reader's language writes it (15 مارس 2026, 15 mars 2026)."""
    if value is None or value != value:
        return "—"
    return _long_date(pd.Timestamp(value).date(), lang)


@functools.lru_cache(maxsize=50_000)
def _long_date(value, lang: str) -> str:
    # Babel formats a date in tens of microseconds: a national list of 15,000 meetings
    # repeats a few thousand dates on every rerun.
    return format_date(value, format="long", locale=LOCALES[lang])


def status_label(key: str | None, lang: str) -> str:
    """A status as an icon and its name: colour is never the only cue."""
    return status_text(key, lang)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<&$:])")


def data_text(value: object) -> str:
    """Text that came from a file or a person, made safe for st.markdown: every markdown
    and HTML character escaped, direction and control characters removed, and the whole
    isolated in its own direction (an Arabic title reads right in a French page, and the
    reverse)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = formats.CONTROLS.sub("", str(value))
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")
    return f"\u2068{text}\u2069"


def progress_column(label: str):
    return st.column_config.ProgressColumn(label, min_value=0, max_value=100, format="%.0f%%")


# The data grid writes dates with day.js patterns, in no language of ours: a day-first date
# in figures is how Moroccan readers write it in Arabic and in French, and it still sorts
# as a date (a date in words would sort as text).
DAY_FIRST = "DD/MM/YYYY"
DAY_FIRST_TIME = "DD/MM/YYYY HH:mm"


def date_column(label: str):
    return st.column_config.DateColumn(label, format=DAY_FIRST)


def days_since(value, lang: str, today=None) -> str:
    """How long ago a date was, in days, as the reader's language says it
    ('قبل 12 يومًا', 'il y a 12 jours', '12 days ago'; 'today')."""

    if value is None or value != value:
        return "—"
    days = ((today or dt.date.today()) - pd.Timestamp(value).date()).days
    if days == 0:
        return t("rec_today", lang)
    if lang in NO_RELATIVE_DAYS:
        return t("rec_days_ago", lang).format(days=formats.number(days, lang))
    return format_timedelta(
        dt.timedelta(days=-days),
        granularity="day",
        threshold=10**9,  # always in days, never rounded to months or years
        add_direction=True,
        locale=LOCALES[lang],
    )


def figure_row(page: Page, figures) -> None:
    """The key figures of some recommendations (metrics.KeyFigures) as one row of metrics:
    how many, completed, partially completed, in progress, stalled, overdue and the
    completion rate. On a phone the row becomes a grid of two per line (PAGE_CSS), not seven
    lines of one."""
    cols = st.container(key="key_figures").columns(7)
    cols[0].metric(page.t("recommendations"), number(figures.total, page.lang))
    cols[1].metric(page.t("completed"), number(figures.completed, page.lang))
    cols[2].metric(page.t("partially_completed"), number(figures.partially_completed, page.lang))
    cols[3].metric(page.t("in_progress"), number(figures.in_progress, page.lang))
    cols[4].metric(page.t("stalled"), number(figures.stalled, page.lang))
    cols[5].metric(page.t("overdue"), number(figures.overdue, page.lang))
    cols[6].metric(page.t("completion_rate"), percent(figures.completion_rate, page.lang))
