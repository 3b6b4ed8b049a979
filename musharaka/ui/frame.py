"""The frame of every page: language, direction, database and access (`setup_page`), the
engine and the query cache (`Page.query`), the sidebar and the neutral error message.

Every page calls `setup_page` first: Streamlit can serve a file in pages/ directly by its
URL without running dashboard.py, so nothing may rely on the entry script having run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable
from dataclasses import dataclass

import pandas as pd
import streamlit as st
from sqlalchemy import Engine, Select

from musharaka import access, db, queries
from musharaka.auth import Identity
from musharaka.colours import FOCUS_RING, MUTED_TEXT
from musharaka.config import database_url
from musharaka.i18n import LANGUAGE_NAMES, LANGUAGES, t
from musharaka.ui import inputs, navigation

# Every page: on a phone Streamlit's title type (2.75rem) is wider than a long word
# ("Recommandations" at 390 px), which the browser then breaks inside the word.
PAGE_CSS = """
<style>
@media (max-width: 640px) {
  [data-testid="stMain"] [data-testid="stHeading"] h1 { font-size: 1.9rem; }
  [data-testid="stMain"] [data-testid="stHeading"] h2 { font-size: 1.5rem; }
  /* Streamlit stacks columns one per line on a phone: six key figures took a screen. */
  .st-key-key_figures [data-testid="stColumn"] {
    min-width: calc(50% - 1rem) !important; flex: 1 1 calc(50% - 1rem) !important;
  }
}
/* A key figure's name wraps instead of ending in "...": seven figures to a line leave
   "Partiellement réalisées" about 130 px at 1400 px. Every name gets two lines' room, so
   the numbers stay on one line. */
.st-key-key_figures [data-testid="stMetricLabel"] {
  min-height: 2.6em; align-items: flex-start;
}
.st-key-key_figures [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  line-height: 1.3 !important;
}
</style>
"""

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
/* A collapsed sidebar slides left, which the mirrored layout would leave over the page. */
[data-testid="stSidebar"][data-collapsed="true"] {
  visibility: hidden; overflow: hidden; border-left: none;
}
[data-testid="stSidebarCollapseButton"] [data-testid="stIconMaterial"],
[data-testid="stExpandSidebarButton"] [data-testid="stIconMaterial"] {
  display: inline-block; transform: scaleX(-1);
}
[data-testid="stMarkdownContainer"] ul, [data-testid="stMarkdownContainer"] ol {
  text-align: right;
}
[data-testid="stMarkdownContainer"] li { margin: 0.2em 1.15em 0.2em 0; padding: 0 0.3em 0 0; }
/* Drop-down lists and tooltips are drawn outside the main area. */
[data-testid="stSelectboxVirtualDropdown"], [role="listbox"], [data-testid="stTooltipContent"] {
  direction: rtl; text-align: right;
}
</style>
"""


# Every page, in every language: captions readable (Streamlit fades them with opacity to
# a contrast below WCAG AA) and the keyboard's focus visible (docs/accessibility.md).
READABLE_CSS = f"""
<style>
[data-testid="stCaptionContainer"] {{ opacity: 1; color: {MUTED_TEXT}; }}
/* The menu's links show the keyboard's focus with a ring: Streamlit greys the focused link
   as it greys the current page's, so on the current page the focus did not show. */
[data-testid="stPageLink-NavLink"]:focus-visible {{
  outline: 2px solid {FOCUS_RING}; outline-offset: 1px;
}}
/* A block that only runs a script (document_language) takes no room. */
[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script:only-child) {{
  display: none;
}}
</style>
"""


def document_language(lang: str) -> str:
    """A script that declares the page's language on the document itself (Streamlit's
    <html lang="en"> whatever the page says): a screen reader reads the page with that
    language's voice. Only the language: the direction is set per block (RTL_CSS), since
    a mirrored <html> would mirror Streamlit's own layout a second time."""
    return f"<script>document.documentElement.lang = {lang!r};</script>"


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


# The last rule of a page's style. Streamlit draws a style block in a part of its page it
# loads after the first paint, so for a moment a page is drawn without it (an Arabic page
# left to right); whoever reads a page's layout (the browser tests, the screenshots) waits
# for this property before reading it (tests/browser.py).
STYLED_MARK = "--mk-styled"
STYLED_CSS = f"<style>:root {{ {STYLED_MARK}: 1; }}</style>"


def page_css(lang: str, public: bool) -> str:
    """Every page's style, in one block so that it applies at once: readable captions and
    phone titles, the mirrored layout in Arabic, the public pages' large type."""
    return (
        READABLE_CSS
        + PAGE_CSS
        + (RTL_CSS if lang == "ar" else "")
        + (PUBLIC_CSS if public else "")
        + STYLED_CSS
    )


@dataclass(frozen=True)
class Page:
    """What every page knows once set up: the reader's language, the database and who is
    signed in. Queries are called through it by reference: `page.query(queries.x.y, ...)`."""

    lang: str
    engine: Engine
    url: str  # the database's, kept only as the caches' key (never shown)
    user: Identity | None = None

    def t(self, key: str) -> str:
        return t(key, self.lang)

    @property
    def rtl(self) -> bool:
        return self.lang == "ar"

    def query(self, builder: Callable[..., Select], *args: Hashable) -> pd.DataFrame:
        """`builder(*args)` (a query function of musharaka.queries) read through the cache,
        kept a minute per process; the key is the builder's qualified name and `args`."""
        return _cached_frame(self.url, query_name(builder), builder, *args)

    def read(self, builder: Callable[..., Select], *args: Hashable) -> pd.DataFrame:
        """`builder(*args)` read now, without the cache: a form opens on the current record,
        and a file built when a reader clicks (a national export) should not stay in memory."""
        return queries.read_frame(self.engine, builder(*args))

    def database_is_empty(self) -> bool:
        return _cached_is_empty(self.url)


def query_name(builder: Callable[..., Select]) -> str:
    """A query function's qualified name ("musharaka.queries.recommendations.listing"):
    the cache's key for it, stable across reruns and processes."""
    return f"{builder.__module__}.{builder.__qualname__}"


@st.cache_data(ttl=60, show_spinner=False, max_entries=500)
def _cached_frame(url: str, name: str, _builder: Callable[..., Select], *args) -> pd.DataFrame:
    # `_builder` is left out of the key (a leading underscore): `name` stands for it. The
    # database URL is in the key because one process may serve several (the tests do).
    return queries.read_frame(get_engine(url), _builder(*args))


@st.cache_data(ttl=60, show_spinner=False)
def _cached_is_empty(url: str) -> bool:
    return db.is_empty(get_engine(url))


def choose_language() -> str:
    """The language from the URL (?lang=), else the one chosen earlier in this session
    (moving to another page drops the URL's parameters), else the browser's, else Arabic."""
    lang = st.query_params.get("lang", "")
    if lang not in LANGUAGES:
        lang = st.session_state.get("musharaka_lang", "")
    if lang not in LANGUAGES:
        locale = (getattr(st.context, "locale", None) or "").lower()
        lang = next((c for c in LANGUAGES if locale.startswith(c)), "ar")
    st.session_state["musharaka_lang"] = lang
    return lang


@st.cache_resource(show_spinner=False)
def get_engine(url: str) -> Engine:
    """One engine per database URL and process, brought to the newest schema."""
    engine = db.make_engine(url)
    db.upgrade(engine)
    return engine


def open_database(url: str, lang: str) -> Engine:
    """The engine for `url`, checked to answer; else a plain message and the page stops.

    Whatever fails here (a wrong DATABASE_URL, a server down, an SQLite file in a folder
    that cannot be made) means the data is not available: the error names the database's
    host, port, name or file, so it goes to the server's log and never to the page.
    """
    try:
        engine = get_engine(url)
        # The engine is kept for the process: a database that went away since shows here.
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except Exception as error:
        logging.getLogger("musharaka.db").error("database not available: %s", error, exc_info=True)
        st.error(t("data_unavailable", lang), icon="⚠️")
        st.stop()
    return engine


def setup_page(
    title_key: str = "app_title",
    *,
    public: bool = False,
    roles: tuple[str, ...] = (),
    signed_in_title_key: str | None = None,
) -> Page:
    """Language, direction, database and access for a page; call it first on every page.

    A public page (the town-hall display) has no sidebar, no language switch and no
    signed-in user: its language comes from the URL (?lang=ar). A page with `roles` is
    shown only to a signed-in user with one of them; anyone else gets the sign-in form.
    A page that becomes another once its reader is signed in (the sign-in page, then the
    account's) is titled `signed_in_title_key` then, in the browser's tab too.
    """
    lang = choose_language()
    st.set_page_config(
        page_title=f"{t(title_key, lang)} · {t('app_title', lang)}",
        page_icon="🤝",
        layout="wide",
        initial_sidebar_state="collapsed" if public else "auto",
    )
    st.html(page_css(lang, public))
    st.html(document_language(lang), unsafe_allow_javascript=True)
    inputs.language_words(lang)
    url = database_url()
    engine = open_database(url, lang)
    if public:
        return Page(lang=lang, engine=engine, url=url)
    user = access.current_user(engine)
    if user is not None and signed_in_title_key:
        st.set_page_config(page_title=f"{t(signed_in_title_key, lang)} · {t('app_title', lang)}")
    navigation.menu(lang, user)
    access.user_box(lang, user)
    _language_switch(lang)
    if roles:
        access.require(engine, lang, user, roles)
    return Page(lang=lang, engine=engine, url=url, user=user)


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
        st.session_state["musharaka_lang"] = chosen
        st.rerun()


def empty_state(page: Page) -> None:
    """What every page shows on an empty database: what to do to see something."""
    st.info(f"**{page.t('empty_title')}**\n\n{page.t('empty_body')}", icon="📭")


class NeutralErrors:
    """A `with` block that shows a neutral message in the page's language instead of an
    error's details (a traceback can name files, tables and database hosts). The error
    goes to the server's log. Streamlit's own stop and rerun pass through (they are not
    `Exception`s). Behind it, .streamlit/config.toml sets client.showErrorDetails = "none"."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __enter__(self) -> NeutralErrors:
        return self

    def __exit__(self, kind, error, traceback) -> bool:
        if not isinstance(error, Exception):
            return False
        logging.getLogger("musharaka.public").error("page failed", exc_info=error)
        st.error(t("public_error", self.lang), icon="⚠️")
        return True


def neutral_errors(lang: str) -> NeutralErrors:
    return NeutralErrors(lang)
