"""The only core module that imports Streamlit: page setup (language, direction, database),
the engine and cached query wrappers, and small display helpers.

Every page calls `setup_page` first: Streamlit can serve a file in pages/ directly by its
URL without running dashboard.py, so nothing may rely on the entry script having run.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass

import pandas as pd
import streamlit as st
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from sqlalchemy import Engine

from musharaka import db, queries
from musharaka.config import database_url
from musharaka.vocabulary import LANGUAGES, STATUSES, t, term_label

BABEL_LOCALES = {"ar": "ar_MA", "fr": "fr_MA", "en": "en"}
LANGUAGE_NAMES = {"ar": "العربية", "fr": "Français", "en": "English"}
STATUS_ICONS = {
    "not_started": "○",
    "planned": "◔",
    "in_progress": "◑",
    "completed": "●",
    "stalled": "▲",
    "cancelled": "✕",
}

# Streamlit has no direction setting: this one style mirrors the layout for Arabic. The
# selectors are Streamlit's own test ids; tests/test_browser.py checks the result.
RTL_CSS = """
<style>
[data-testid="stAppViewContainer"] { flex-direction: row-reverse; }
[data-testid="stMain"], [data-testid="stSidebar"], [data-testid="stHeader"],
[data-testid="stSidebarContent"] { direction: rtl; }
[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"],
h1, h2, h3, h4, h5, [data-testid="stMetric"], [data-testid="stWidgetLabel"] {
  text-align: right;
}
[data-testid="stSidebar"] { border-left: 1px solid rgba(49, 51, 63, 0.2); }
</style>
"""
# A page for a screen in the town hall: no sidebar, no menu, large type.
PUBLIC_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], [data-testid="stHeader"] { display: none; }
[data-testid="stMetricValue"] { font-size: 3.2rem; }
[data-testid="stMetricLabel"] p { font-size: 1.3rem; }
html { font-size: 20px; }
</style>
"""


@dataclass(frozen=True)
class Page:
    lang: str
    engine: Engine
    url: str

    def t(self, key: str) -> str:
        return t(key, self.lang)

    @property
    def rtl(self) -> bool:
        return self.lang == "ar"


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


def setup_page(title_key: str = "app_title", *, public: bool = False) -> Page:
    """Language, direction and database for a page; call it first on every page.

    A public page (the town-hall display) has no sidebar and no language switch: its
    language comes from the URL (?lang=ar).
    """
    lang = choose_language()
    st.set_page_config(
        page_title=f"{t(title_key, lang)} · {t('app_title', lang)}",
        page_icon="🤝",
        layout="wide",
        initial_sidebar_state="collapsed" if public else "auto",
    )
    if lang == "ar":
        st.html(RTL_CSS)
    if public:
        st.html(PUBLIC_CSS)
    else:
        _language_switch(lang)
    url = database_url()
    return Page(lang=lang, engine=get_engine(url), url=url)


def _language_switch(lang: str) -> None:
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


@st.cache_data(ttl=60, show_spinner=False, max_entries=500)
def cached_query(url: str, name: str, *args) -> pd.DataFrame:
    """Run a query builder of `musharaka.queries` by name ("overview.status_counts" or
    "status_counts") with hashable arguments; cached for a minute per process."""
    module_name, _, function = name.rpartition(".")
    module = importlib.import_module(f"musharaka.queries.{module_name}") if module_name else queries
    query = getattr(module, function)(*args)
    return queries.read_frame(get_engine(url), query)


def cached_frame(url: str, query_name: str, f: queries.RecommendationFilter | None) -> pd.DataFrame:
    """An overview query by name, for a filter (or none), through the cache."""
    return cached_query(url, query_name, *(() if f is None else (f,)))


@st.cache_data(ttl=60, show_spinner=False)
def cached_is_empty(url: str) -> bool:
    return db.is_empty(get_engine(url))


def empty_state(page: Page) -> None:
    """What every page shows on an empty database: what to do to see something."""
    st.info(f"**{page.t('empty_title')}**\n\n{page.t('empty_body')}", icon="📭")


# --- showing values ------------------------------------------------------------------
def number(value: float, lang: str) -> str:
    return format_decimal(value, locale=BABEL_LOCALES[lang], decimal_quantization=False)


def percent(value: float | None, lang: str) -> str:
    if value is None or value != value:
        return "—"
    return format_percent(value, format="#,##0.#%", locale=BABEL_LOCALES[lang])


def money(value: float | None, lang: str) -> str:
    if value is None or value != value:
        return "—"
    unit = {"ar": "درهم", "fr": "DH", "en": "MAD"}[lang]
    return f"{format_decimal(round(value), locale=BABEL_LOCALES[lang])} {unit}"


def day(value, lang: str) -> str:
    """A date as the reader's language writes it (15 مارس 2026, 15 mars 2026)."""
    if value is None or value != value:
        return "—"
    return format_date(pd.Timestamp(value).date(), format="long", locale=BABEL_LOCALES[lang])


def status_label(key: str | None, lang: str) -> str:
    """A status as an icon and its name: colour is never the only cue."""
    if not key:
        return ""
    return f"{STATUS_ICONS.get(key, '')} {term_label(STATUSES, key, lang)}"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<&$:])")
_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def data_text(value: object) -> str:
    """Text that came from a file or a person, made safe for st.markdown: every markdown
    and HTML character escaped, direction controls removed, and the whole isolated in its
    own direction (an Arabic title reads right in a French page, and the reverse)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = _CONTROLS.sub("", str(value))
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")
    return f"\u2068{text}\u2069"


def progress_column(label: str):
    return st.column_config.ProgressColumn(label, min_value=0, max_value=100, format="%.0f%%")


# --- filters bound to the URL --------------------------------------------------------
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


# --- links and choices kept in the URL -------------------------------------------------
RECOMMENDATIONS_PAGE = "Recommendations"


def list_links(page: Page, commune_ids: tuple[int, ...]) -> dict[str, str]:
    """Relative links to the Recommendations page filtered like each key figure."""
    from urllib.parse import urlencode

    base = {"lang": page.lang}
    if commune_ids:
        base["commune"] = ",".join(str(c) for c in commune_ids)
    filters = {
        "all": {},
        "completed": {"status": "completed"},
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
