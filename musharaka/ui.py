"""With musharaka.access, the only core module that imports Streamlit: page setup
(language, direction, database, access), the engine and cached query wrappers, and small
display helpers.

Every page calls `setup_page` first: Streamlit can serve a file in pages/ directly by its
URL without running dashboard.py, so nothing may rely on the entry script having run.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass

import pandas as pd
import streamlit as st
from babel.dates import format_date
from sqlalchemy import Engine, Select

from musharaka import access, db, formats, queries
from musharaka.auth import Identity
from musharaka.charts import STATUS_ICONS, status_text
from musharaka.config import database_url
from musharaka.vocabulary import BABEL_LOCALES, LANGUAGES, t, term_label

LANGUAGE_NAMES = {"ar": "العربية", "fr": "Français", "en": "English"}

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
    title_key: str = "app_title", *, public: bool = False, roles: tuple[str, ...] = ()
) -> Page:
    """Language, direction, database and access for a page; call it first on every page.

    A public page (the town-hall display) has no sidebar, no language switch and no
    signed-in user: its language comes from the URL (?lang=ar). A page with `roles` is
    shown only to a signed-in user with one of them; anyone else gets the sign-in form.
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
    url = database_url()
    engine = open_database(url, lang)
    if public:
        st.html(PUBLIC_CSS)
        return Page(lang=lang, engine=engine, url=url)
    user = access.current_user(engine)
    _menu(lang, user)
    access.user_box(lang, user)
    _language_switch(lang)
    if roles:
        access.require(engine, lang, user, roles)
    return Page(lang=lang, engine=engine, url=url, user=user)


# The pages in the order of the menu, with the vocabulary key of their name. Streamlit's
# own menu is hidden (client.showSidebarNavigation) because it names pages by file name.
# The roles that see an entry; the pages check again (setup_page's `roles`).
MENU = (
    ("dashboard.py", "nav_overview", ()),
    ("pages/1_Recommendations.py", "recommendations", ()),
    ("pages/2_Meetings.py", "meet_title", ()),
    ("pages/3_Associations.py", "assoc_title", ()),
    ("pages/4_Public_display.py", "public_title", ()),
    ("pages/5_Data_status.py", "data_status_title", ("editor",)),
    ("pages/11_Open_data.py", "open_data_title", ()),
    ("pages/7_Edit.py", "nav_edit", ("editor",)),
    ("pages/8_Upload.py", "nav_upload", ("editor",)),
    ("pages/9_Field_reports.py", "nav_field_reports", ("association", "editor")),
    ("pages/10_Admin.py", "nav_admin", ("admin",)),
)


def _menu(lang: str, user: Identity | None) -> None:
    with st.sidebar:
        for path, key, roles in MENU:
            if not roles or (user and any(user.has_role(r) for r in roles)):
                st.page_link(path, label=t(key, lang))
        st.divider()


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


# --- showing values ------------------------------------------------------------------
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
    return format_date(value, format="long", locale=BABEL_LOCALES[lang])


def status_label(key: str | None, lang: str) -> str:
    """A status as an icon and its name: colour is never the only cue."""
    return status_text(key, lang)


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
    communes = page.query(queries.communes)
    if communes.empty:
        return ()
    names = dict(zip(communes["id"].astype(int), communes["name"], strict=True))
    chosen = _sidebar_id_picker(
        t("commune", page.lang), "commune", names, t("all_communes", page.lang), "commune_filter"
    )
    return () if chosen is None else (chosen,)


def _sidebar_id_picker(
    label: str, param: str, names: dict[int, str], none_label: str, key: str
) -> int | None:
    """One of `names` (id -> label) picked in the sidebar and kept in the URL as ?param=ID;
    None, shown as `none_label`, leaves the parameter out."""
    wanted = st.query_params.get(param, "")
    current = int(wanted) if wanted.isdigit() and int(wanted) in names else None
    options = [None, *names]
    with st.sidebar:
        chosen = st.selectbox(
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


# --- widgets kept in the URL (first used by pages/1_Recommendations.py) -----------------
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
    chosen = st.multiselect(
        label, options, key=key, format_func=format_func, placeholder=placeholder
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


def url_date(label: str, param: str, *, key: str):
    """An optional date kept in the URL as ?param=YYYY-MM-DD."""
    import datetime as dt

    try:
        wanted = dt.date.fromisoformat(st.query_params.get(param, ""))
    except ValueError:
        wanted = None
    _seed(key, wanted)
    value = st.date_input(label, value=None, key=key, format="YYYY-MM-DD")
    _write_url(param, [value.isoformat()] if value else [])
    return value


def url_select(label: str, param: str, options: list[str], *, key: str, format_func=str) -> str:
    """A choice kept in the URL as ?param=option; the first option (the default) is not
    written, so the URL stays short."""
    wanted = st.query_params.get(param, options[0])
    _seed(key, wanted if wanted in options else options[0])
    value = st.selectbox(label, options, key=key, format_func=format_func)
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
    from musharaka.listing import page_count

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


def days_since(value, lang: str, today=None) -> str:
    """How long ago a date was, in days, as the reader's language says it
    ('قبل 12 يومًا', 'il y a 12 jours', '12 days ago'; 'today')."""
    import datetime as dt

    from babel.dates import format_timedelta

    if value is None or value != value:
        return "—"
    days = ((today or dt.date.today()) - pd.Timestamp(value).date()).days
    if days == 0:
        return t("rec_today", lang)
    return format_timedelta(
        dt.timedelta(days=-days),
        granularity="day",
        threshold=10**9,  # always in days, never rounded to months or years
        add_direction=True,
        locale=BABEL_LOCALES[lang],
    )


# --- links to share (associations page) ---------------------------------------------
def share_url(page_path: str, params: dict[str, str]) -> str:
    """The address of this page with these URL parameters, to copy and share: absolute
    when the browser told us where the app is, else relative to the app."""
    from urllib.parse import urlencode

    base = getattr(st.context, "url", None) or page_path
    return f"{base}?{urlencode(params)}"


# --- the public display and the data status page -------------------------------------
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
        import logging

        logging.getLogger("musharaka.public").error("page failed", exc_info=error)
        st.error(t("public_error", self.lang), icon="⚠️")
        return True


def neutral_errors(lang: str) -> NeutralErrors:
    return NeutralErrors(lang)


def load_run_filter(page: Page, runs: pd.DataFrame, latest: int) -> int | None:
    """A picker of one load among `runs` (newest first) in the sidebar, kept in the URL as
    ?load=ID; None means the `latest` loads."""
    labels = {
        int(run.id): f"#{int(run.id)} · {pd.Timestamp(run.finished_at):%Y-%m-%d %H:%M}"
        for run in runs.itertuples(index=False)
    }
    latest_label = t("data_status_latest_loads", page.lang).format(count=number(latest, page.lang))
    return _sidebar_id_picker(
        t("data_status_load_filter", page.lang),
        "load",
        labels,
        latest_label,
        "data_status_load_filter",
    )


# --- the recommendations list's filters and one recommendation's detail ------------------
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


def recommendation_filters(page: Page, search: str = "") -> queries.RecommendationFilter:
    """The sidebar filters of the recommendations list, each kept in the URL; the choices
    of meetings, associations, responsible bodies and douars follow the chosen communes."""
    from musharaka.listing import meeting_labels
    from musharaka.vocabulary import DOMAINS, PRIORITIES

    def options(builder: Callable[..., Select], commune_ids: tuple[int, ...]) -> pd.DataFrame:
        return page.query(builder, commune_ids)

    def long_options(
        builder: Callable[..., Select], commune_ids: tuple[int, ...], param: str
    ) -> pd.DataFrame:
        # Country-wide, only those a link chose are offered until a commune is chosen.
        if not wide:
            return options(builder, commune_ids)
        ids = tuple(sorted({int(v) for v in url_values(param) if v.isdigit()}))
        if ids:
            return page.query(builder, (), ids)
        return pd.DataFrame({"id": [], "code": [], "date": [], "commune": [], "name": []})

    def pick(label: str, param: str, choices, names=None, split: bool = True) -> tuple:
        shown = names.get if isinstance(names, dict) else names
        return tuple(
            url_multiselect(
                t(label, page.lang),
                param,
                list(choices),
                key=f"rec_{param}",
                format_func=shown or str,
                split=split,
                placeholder=t("rec_all", page.lang),
            )
        )

    def by_id(frame: pd.DataFrame, column: str) -> dict[int, str]:
        return dict(zip(frame["id"].astype(int).tolist(), frame[column], strict=True))

    lang = page.lang
    with st.sidebar:
        st.header(t("rec_filters", lang))
        communes = by_id(page.query(queries.communes), "name")
        commune_ids = pick("commune", "commune", communes, communes)
        wide = country_wide(page, commune_ids)
        meetings = meeting_labels(
            long_options(queries.recommendations.meeting_options, commune_ids, "meeting"),
            lambda d: day(d, lang),
        )
        associations = by_id(
            long_options(queries.recommendations.association_options, commune_ids, "association"),
            "name",
        )
        if wide:
            st.caption(t("rec_pick_commune_first", lang))
        return queries.RecommendationFilter(
            commune_ids=commune_ids,
            meeting_ids=pick("rec_meeting", "meeting", meetings, meetings),
            domains=pick(
                "domain", "domain", [d.key for d in DOMAINS], lambda k: term_label(DOMAINS, k, lang)
            ),
            statuses=pick("status", "status", STATUS_ICONS, lambda k: status_label(k, lang)),
            priorities=pick(
                "rec_priority",
                "priority",
                [p.key for p in PRIORITIES],
                lambda k: term_label(PRIORITIES, k, lang),
            ),
            association_ids=pick("rec_association", "association", associations, associations),
            responsible=pick(
                "rec_responsible",
                "responsible",
                options(queries.recommendations.responsible_options, commune_ids)["value"],
                split=False,
            ),
            locations=pick(
                "rec_location",
                "location",
                options(queries.recommendations.location_options, commune_ids)["value"],
                split=False,
            ),
            target_from=url_date(t("rec_target_from", lang), "from", key="rec_from"),
            target_to=url_date(t("rec_target_to", lang), "to", key="rec_to"),
            overdue_only=url_flag(t("rec_overdue_only", lang), "overdue", key="rec_overdue"),
            search=search,
        )


def recommendation_detail(page: Page, code: str) -> None:
    """One recommendation: its state, meeting, proposers, partners, responsible, budget and
    target date, its status history as a timeline and a table, its evidence (links only
    when they are web addresses) and how long since it was last updated."""
    from musharaka import charts, listing
    from musharaka.vocabulary import DOMAINS, PRIORITIES

    lang = page.lang
    detail = page.query(queries.recommendations.detail, code)
    if detail.empty:
        st.warning(f"{t('rec_not_found', lang)} {data_text(code)}")
        return
    rec = next(detail.itertuples(index=False))
    title_box, close_box = st.columns([5, 1], vertical_alignment="center")
    title_box.subheader(data_text(f"{rec.code} · {rec.title}"))
    close_box.button(t("rec_close", lang), on_click=forget_url_param, args=("rec",))
    st.caption(t("rec_since_update", lang).format(when=days_since(rec.updated, lang)))
    figures = st.columns(4)
    figures[0].metric(t("status", lang), status_label(rec.status, lang))
    figures[1].metric(t("progress", lang), percent(listing.fraction(rec.progress), lang))
    figures[2].metric(t("rec_budget", lang), money(rec.budget_mad, lang))
    figures[3].metric(t("rec_target_date", lang), day(rec.target_date, lang))
    names = page.query(queries.recommendations.proposers, code)["name"]
    facts = {
        "rec_meeting": " · ".join(
            [data_text(rec.meeting), day(rec.meeting_date, lang), data_text(rec.commune)]
        ),
        "domain": term_label(DOMAINS, rec.domain, lang),
        "rec_priority": term_label(PRIORITIES, rec.priority, lang),
        "rec_proposed_by": " · ".join(data_text(name) for name in names),
        "rec_partners": data_text(rec.partners),
        "rec_responsible": data_text(rec.responsible),
        "rec_location": data_text(rec.location),
        "rec_description": data_text(rec.description),
    }
    for key, value in facts.items():
        st.markdown(f"**{t(key, lang)}:** {value or '—'}")

    # A note can hold a person's name or phone: only the commune's editors read them.
    notes = page.user is not None and page.user.can_edit_commune(int(rec.commune_id))
    history = page.query(queries.recommendations.history, code, notes)
    if history.empty:
        st.info(t("rec_no_history", lang))
        return
    st.plotly_chart(charts.status_timeline(history, lang), key="rec_timeline")
    st.dataframe(
        listing.history_table(history, lang),
        hide_index=True,
        column_config={t("progress", lang): progress_column(t("progress", lang))},
        key="rec_history",
    )
    evidence = listing.evidence(history)
    if evidence:
        st.markdown(f"**{t('rec_evidence', lang)}**")
    for when, text, href in evidence:
        # The address is percent-encoded and only ever http(s); the text is escaped.
        shown = (
            f"[{data_text(text)}]({href})"
            if href
            else f"{data_text(text)} " + t("rec_not_a_link", lang)
        )
        st.markdown(f"- {day(when, lang)}: {shown}")


def figure_row(page: Page, figures) -> None:
    """The key figures of some recommendations (metrics.KeyFigures) as one row of metrics:
    how many, completed, in progress, stalled, overdue and the completion rate."""
    cols = st.columns(6)
    cols[0].metric(page.t("recommendations"), number(figures.total, page.lang))
    cols[1].metric(page.t("completed"), number(figures.completed, page.lang))
    cols[2].metric(page.t("in_progress"), number(figures.in_progress, page.lang))
    cols[3].metric(page.t("stalled"), number(figures.stalled, page.lang))
    cols[4].metric(page.t("overdue"), number(figures.overdue, page.lang))
    cols[5].metric(page.t("completion_rate"), percent(figures.completion_rate, page.lang))


def detail_picker(label: str, param: str, options: dict[str, str], *, key: str, none: str) -> str:
    """Which item's own page is open (?param=VALUE), picked in the sidebar among `options`
    (value -> label); "" when none is. A value no longer offered (the reader chose another
    commune) closes that page."""
    with st.sidebar:
        chosen = url_select(
            label, param, ["", *options], key=key, format_func=lambda v: options.get(v, none)
        )
    if chosen and chosen not in options:
        forget_url_param(param)
        del st.session_state[key]
        st.rerun()
    return chosen


def back_button(label: str, key: str) -> None:
    """A button from an item's own page back to the list: it clears the `detail_picker`."""
    st.button(label, on_click=st.session_state.update, args=({key: ""},), icon=":material/list:")


# --- forms whose refusals are shown next to their fields (pages/10_Admin.py) -----------
FORM_NOTICE_KEY = "musharaka_form_notice"


def form_problem(page: Page, form: str, field: str) -> None:
    """The message of a refused form under its field: `finish_form` keeps each form's
    problems (field -> vocabulary key) in the session for the run that draws them."""
    key = st.session_state.get(f"{form}_problems", {}).get(field)
    if key:
        st.error(t(key, page.lang))


def finish_form(
    page: Page, form: str, problems: dict[str, str], fields: list[str], notice: str, name: str
) -> None:
    """After a form was sent: its problems shown next to its fields on the rerun; or, when
    it was written, its `fields` (widget keys) emptied, the cached queries cleared (the
    write made them stale) and `notice` ("... {name} ...") shown at the top of the page."""
    # A form sent clears the messages any form had before: they answered earlier sendings.
    for key in [k for k in st.session_state if str(k).endswith("_problems")]:
        del st.session_state[key]
    st.session_state[f"{form}_problems"] = problems
    if not problems:
        for field in fields:
            st.session_state.pop(field, None)
        st.cache_data.clear()
        st.session_state[FORM_NOTICE_KEY] = t(notice, page.lang).format(name=name)
    st.rerun()


def form_notice() -> None:
    """What the last written form did ("User x added."), once, at the top of the page."""
    notice = st.session_state.pop(FORM_NOTICE_KEY, None)
    if notice:
        st.success(notice)


def user_scope_fields(
    page: Page,
    form: str,
    communes: dict[int, str],
    associations: dict[int, str],
    current: tuple[str, tuple[int, ...], int | None] = ("editor", (), None),
) -> tuple[str, tuple[int, ...], int | None]:
    """A user's role, communes and association, pre-filled with `current`; each with the
    form's message for it underneath."""
    from musharaka.auth import ROLES

    role, commune_ids, association_id = current
    role = st.selectbox(
        t("admin_role", page.lang),
        ROLES,
        index=ROLES.index(role) if role in ROLES else 1,
        format_func=lambda r: t(f"role_{r}", page.lang),
        key=f"{form}_role",
    )
    form_problem(page, form, "role")
    chosen = st.multiselect(
        t("admin_communes", page.lang),
        list(communes),
        default=[c for c in commune_ids if c in communes],
        format_func=lambda c: communes.get(c, str(c)),
        help=t("admin_communes_help", page.lang),
        key=f"{form}_communes",
    )
    form_problem(page, form, "communes")
    choices = [None, *associations]
    association = st.selectbox(
        t("admin_association", page.lang),
        choices,
        index=choices.index(association_id) if association_id in associations else 0,
        format_func=lambda a: t("admin_none", page.lang) if a is None else associations[a],
        help=t("admin_association_help", page.lang),
        key=f"{form}_association",
    )
    form_problem(page, form, "association")
    return role, tuple(chosen), association


def password_fields(page: Page, form: str) -> tuple[str, str]:
    """A new password typed twice, with the form's messages for each."""
    first = st.text_input(
        t("password", page.lang),
        type="password",
        max_chars=200,
        help=t("admin_password_help", page.lang),
        key=f"{form}_pw",
    )
    form_problem(page, form, "password")
    again = st.text_input(
        t("admin_password_again", page.lang), type="password", max_chars=200, key=f"{form}_again"
    )
    form_problem(page, form, "again")
    return first, again


def audit_filter(page: Page):
    """The audit log's filters, each kept in the URL: a period (?from=, ?to=), who
    (?actor=), through what (?source=), which table (?table=) and part of a record's key
    (?record=). Returns a `queries.audit.AuditFilter`."""
    from musharaka import audit_view
    from musharaka.queries.audit import AuditFilter

    def pick(label: str, param: str, options_query: Callable[[], Select], shown) -> tuple[str, ...]:
        options = page.read(options_query)["value"].tolist()
        return tuple(
            url_multiselect(
                t(label, page.lang),
                param,
                options,
                key=f"audit_{param}",
                format_func=shown,
                split=False,  # a user name may hold a comma
                placeholder=t("audit_all", page.lang),
            )
        )

    lang = page.lang
    period, who, what = st.columns(3)
    with period:
        date_from = url_date(t("audit_from", lang), "from", key="audit_from")
        date_to = url_date(t("audit_to", lang), "to", key="audit_to")
    with who:
        actors = pick("audit_actor", "actor", queries.audit.actor_options, audit_view.visible)
        sources = pick(
            "audit_source",
            "source",
            queries.audit.source_options,
            lambda s: audit_view.source_label(s, lang),
        )
    with what:
        tables = pick(
            "audit_table",
            "table",
            queries.audit.table_options,
            lambda n: audit_view.table_label(n, lang),
        )
        record = url_text(t("audit_record_key", lang), "record", key="audit_record")
    return AuditFilter(date_from, date_to, actors, sources, tables, record)


# --- the open-data page (pages/11_Open_data.py) ---------------------------------------
# The files of a data set up to this many rows are kept an hour for each version of the
# data; larger ones are built afresh at each click rather than held in the server's memory.
OPEN_DATA_KEPT_ROWS = 50_000


def open_data_rows(page: Page) -> dict[str, int]:
    """How many rows each table of the open-data export holds (cached for a minute)."""
    from musharaka.queries.open_data import TABLES

    counts = page.query(queries.open_data.table_counts)
    row = counts.iloc[0] if len(counts) else {}
    return {table: int(row.get(table, 0) or 0) for table in TABLES}


def licence_link(licence) -> str:
    """A `licences.Licence` as Markdown: its name linked to its text, then its identifier."""
    name = f"[{licence.name}]({licence.url})" if licence.url else licence.name
    return name if licence.name == licence.id else f"{name} (`{licence.id}`)"


def _build_open_data(engine: Engine, fmt: str, licence_id: str) -> dict[str, bytes]:
    from etl.export import build_files
    from musharaka.licences import licence

    # Public: anyone may download these, so no column that can hold personal data.
    return build_files(engine, fmt, licence=licence(licence_id), public=True)


@st.cache_data(ttl=3600, max_entries=4, show_spinner=False)
def _kept_open_data(
    url: str, _engine: Engine, fmt: str, licence_id: str, version: int
) -> dict[str, bytes]:
    # Keyed by the database's URL (`_engine` is left out of the key), format and version.
    return _build_open_data(_engine, fmt, licence_id)


def open_data_file(page: Page, fmt: str, name: str | None, licence_id: str, rows: int) -> bytes:
    """One file of the public export, the bytes `python -m etl export --public` writes: `fmt` is
    json, zip or xlsx, or csv with the `name` of one table's file. For a download button's
    click; `rows` (the data set's size) decides whether the files are kept for the next."""
    if rows <= OPEN_DATA_KEPT_ROWS:
        version = int(page.read(queries.open_data.data_version)["version"].iloc[0])
        files = _kept_open_data(page.url, page.engine, fmt, licence_id, version)
    else:
        files = _build_open_data(page.engine, fmt, licence_id)
    return files[name] if name else next(iter(files.values()))


# --- the council's between-meetings report (pages/2_Meetings.py) -----------------------
def council_report_downloads(page: Page, commune_id: int, earlier: str, later: str) -> None:
    """Download buttons for the council's report (musharaka.council_report) of the period
    between these two meetings, as HTML and as PDF, in the page's language. Each file is
    built only when its button is clicked (a callable as data)."""
    from musharaka import council_report as report

    # The callables run outside the script's thread: they take the engine and the language
    # with them rather than reading anything from Streamlit.
    engine, lang = page.engine, page.lang

    def html() -> str:
        return report.render_html(report.build_report(engine, commune_id, earlier, later, lang))

    def pdf() -> bytes:
        return report.render_pdf(html())

    html_box, pdf_box, _ = st.columns([1, 1, 2])
    for box, kind, data, mime in (
        (html_box, "html", lambda: html().encode("utf-8"), "text/html"),
        (pdf_box, "pdf", pdf, "application/pdf"),
    ):
        box.download_button(
            t(f"cr_download_{kind}", lang),
            data=data,
            file_name=report.file_name(commune_id, earlier, later, lang, kind),
            mime=mime,
            help=t("cr_download_help", lang),
            on_click="ignore",
            icon=":material/download:",
            key=f"cr_download_{kind}",
        )
