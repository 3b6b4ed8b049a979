"""The only core module that imports Streamlit: page setup (language, direction, database),
the engine and cached query wrappers, and small display helpers.

Every page calls `setup_page` first: Streamlit can serve a file in pages/ directly by its
URL without running dashboard.py, so nothing may rely on the entry script having run.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st
from babel.numbers import format_decimal, format_percent
from sqlalchemy import Engine

from musharaka import db, queries
from musharaka.config import database_url
from musharaka.vocabulary import LANGUAGES, t

BABEL_LOCALES = {"ar": "ar_MA", "fr": "fr_MA", "en": "en"}
LANGUAGE_NAMES = {"ar": "العربية", "fr": "Français", "en": "English"}

# Streamlit has no direction setting: this one style mirrors the layout for Arabic.
RTL_CSS = """
<style>
[data-testid="stAppViewContainer"] { flex-direction: row-reverse; }
[data-testid="stMain"], [data-testid="stSidebar"], [data-testid="stHeader"] { direction: rtl; }
[data-testid="stMarkdownContainer"], h1, h2, h3, h4, [data-testid="stMetric"] {
  text-align: right;
}
</style>
"""


@dataclass(frozen=True)
class Page:
    lang: str
    engine: Engine
    url: str

    def t(self, key: str) -> str:
        return t(key, self.lang)


def choose_language() -> str:
    """The language from the URL (?lang=), else the browser's, else Arabic."""
    lang = st.query_params.get("lang", "")
    if lang in LANGUAGES:
        return lang
    locale = (getattr(st.context, "locale", None) or "").lower()
    for candidate in LANGUAGES:
        if locale.startswith(candidate):
            return candidate
    return "ar"


@st.cache_resource(show_spinner=False)
def get_engine(url: str) -> Engine:
    """One engine per database URL and process, brought to the newest schema."""
    engine = db.make_engine(url)
    db.upgrade(engine)
    return engine


def setup_page(title_key: str = "app_title", layout: str = "wide") -> Page:
    """Language, direction and database for a page; call it first on every page."""
    lang = choose_language()
    st.set_page_config(page_title=t(title_key, lang), page_icon="🤝", layout=layout)
    if lang == "ar":
        st.html(RTL_CSS)
    with st.sidebar:
        chosen = st.radio(
            t("language", lang),
            LANGUAGES,
            index=LANGUAGES.index(lang),
            format_func=LANGUAGE_NAMES.get,
            horizontal=True,
            key="language_switch",
        )
    if chosen != lang:
        st.query_params["lang"] = chosen
        st.rerun()
    url = database_url()
    return Page(lang=lang, engine=get_engine(url), url=url)


@st.cache_data(ttl=60, show_spinner=False)
def cached_frame(url: str, query_name: str, f: queries.RecommendationFilter | None) -> pd.DataFrame:
    """A query of `queries` by name, for a filter, cached for a minute per process."""
    builder = getattr(queries, query_name)
    query = builder(f) if f is not None else builder()
    return queries.read_frame(get_engine(url), query)


@st.cache_data(ttl=60, show_spinner=False)
def cached_is_empty(url: str) -> bool:
    return db.is_empty(get_engine(url))


def empty_state(page: Page) -> None:
    """What every page shows on an empty database: what to do to see something."""
    st.info(f"**{page.t('empty_title')}**\n\n{page.t('empty_body')}", icon="📭")


def number(value: float, lang: str) -> str:
    return format_decimal(value, locale=BABEL_LOCALES[lang], decimal_quantization=False)


def percent(value: float | None, lang: str) -> str:
    if value is None:
        return "—"
    return format_percent(value, format="#,##0.#%", locale=BABEL_LOCALES[lang])


def money(value: float, lang: str) -> str:
    unit = {"ar": "درهم", "fr": "DH", "en": "MAD"}[lang]
    return f"{format_decimal(round(value), locale=BABEL_LOCALES[lang])} {unit}"


def progress_column(label: str):
    return st.column_config.ProgressColumn(label, min_value=0, max_value=100, format="%.0f%%")


def commune_filter(page: Page) -> tuple[int, ...]:
    """A commune picker in the sidebar, kept in the URL as ?commune=ID; () means all."""
    communes = cached_frame(page.url, "communes", None)
    if communes.empty:
        return ()
    names = dict(zip(communes["id"].astype(int), communes["name"], strict=True))
    wanted = st.query_params.get("commune", "")
    current = int(wanted) if wanted.isdigit() and int(wanted) in names else None
    options = [None, *names]
    with st.sidebar:
        chosen = st.selectbox(
            t("commune", page.lang),
            options,
            index=options.index(current),
            format_func=lambda key: t("all_communes", page.lang) if key is None else names[key],
            key="commune_filter",
        )
    if chosen != current:
        if chosen is None:
            del st.query_params["commune"]
        else:
            st.query_params["commune"] = str(chosen)
    return () if chosen is None else (chosen,)
