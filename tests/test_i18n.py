"""The screen's text in gettext catalogs (locale/<lang>/LC_MESSAGES/musharaka.po): every
message in Arabic, French and English, no page showing a message id, the ETL loading no
screen text, and Tamazight (zgh) as the recipe in docs/adding-a-language.md adds a
language: its catalog, its Babel locale, its font, the language switch, its labels, and
Arabic wherever it has no translation yet."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import pytest
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from sqlalchemy import create_engine, inspect, text
from streamlit.testing.v1.element_tree import Dataframe, Table

from conftest import PROJECT_ROOT, SAMPLE_DIR, run_page
from etl.load import run_load
from musharaka import formats, i18n, messages
from musharaka.services import open_data
from musharaka.ui import navigation
from musharaka.vocabulary import DOMAINS, PRIORITIES, STATUSES

CONTRACT_LANGUAGES = ("ar", "fr", "en")
TIFINAGH = re.compile("[\u2d30-\u2d7f]")
ARABIC = re.compile("[\u0600-\u06ff]")
PUBLIC_PAGES = (
    "dashboard.py",
    "pages/1_Recommendations.py",
    "pages/2_Meetings.py",
    "pages/3_Associations.py",
    "pages/4_Public_display.py",
    "pages/6_Open_data.py",
    "pages/11_Sign_in.py",
)


def _catalog(lang: str):
    with i18n.catalog_path(lang).open("rb") as handle:
        return read_po(handle)


def _used_ids() -> dict[str, str]:
    """Every message id the code names literally -> where (as `make messages` finds them)."""
    found = {}
    files = [
        *(PROJECT_ROOT / "musharaka").rglob("*.py"),
        *(PROJECT_ROOT / "pages").glob("*.py"),
        PROJECT_ROOT / "dashboard.py",
    ]
    for path in files:
        with path.open("rb") as handle:
            for line, _, key, _ in messages.extract(handle, None, None, None):
                found.setdefault(key, f"{path.relative_to(PROJECT_ROOT)}:{line}")
    return found


def test_every_message_is_translated_in_arabic_french_and_english():
    ids = {str(m.id) for lang in i18n.LANGUAGES for m in _catalog(lang) if m.id}
    ids |= set(_used_ids())
    for lang in CONTRACT_LANGUAGES:
        translated = i18n.translations(_catalog(lang))
        missing = sorted(ids - set(translated))
        assert not missing, f"locale/{lang}: no translation for {missing}"


def test_every_id_the_code_names_is_in_the_catalogs():
    unknown = {key: where for key, where in _used_ids().items() if key not in i18n.UI}
    assert not unknown, f"message ids with no catalog entry: {unknown}"


def test_the_extractor_finds_both_ids_of_a_conditional():
    code = b'page.t("assoc_none" if not search else "assoc_no_match")\nt(name, lang)\n'
    found = [key for _, _, key, _ in messages.extract(io.BytesIO(code), None, None, None)]
    assert found == ["assoc_none", "assoc_no_match"]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_translations_keep_the_english_placeholders(lang):
    english = i18n.translations(_catalog("en"))
    wrong = {
        key: text
        for key, text in i18n.translations(_catalog(lang)).items()
        if sorted(re.findall(r"\{\w*\}", text)) != sorted(re.findall(r"\{\w*\}", english[key]))
    }
    assert not wrong, f"locale/{lang}: placeholders differ from the English: {wrong}"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_a_compiled_catalog_holds_what_its_po_says(lang):
    source = _catalog(lang)
    compiled = io.BytesIO()
    write_mo(compiled, source)
    compiled.seek(0)
    assert i18n.translations(read_mo(compiled)) == i18n.translations(source)


def test_arabic_french_and_english_catalogs_carry_the_english_for_translators():
    for lang in ("ar", "fr", "zgh"):
        without = [
            str(m.id)
            for m in _catalog(lang)
            if m.id and not any(c.startswith("English: ") for c in m.auto_comments)
        ]
        assert not without, f"locale/{lang}: no English comment on {without}"


def test_status_domain_and_priority_labels_are_the_contracts_spellings():
    for terms in (STATUSES, DOMAINS, PRIORITIES):
        for term in terms:
            for lang in CONTRACT_LANGUAGES:
                assert i18n.term_label(terms, term.key, lang) == term.label(lang)
    assert i18n.term_label(STATUSES, "no_such_status", "fr") == "no_such_status"


def test_loading_files_loads_no_screen_text():
    """`python -m etl load` reads the data contract only. (The export, and the demo that
    reuses its columns, write the data dictionary, whose meanings are catalog messages.)"""
    code = (
        "import sys\n"
        "import etl.cli, etl.load, etl.validate, etl.readers, etl.decidim, etl.extract\n"
        "from musharaka import vocabulary\n"
        "print(sorted(m for m in sys.modules if m in ('musharaka.i18n', 'streamlit')))\n"
        "print(sorted(n for n in ('UI', 't', 'term_label') if hasattr(vocabulary, n)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["[]", "[]"]


@pytest.fixture
def sample_sqlite(sqlite_engine):
    """The bundled sample in SQLite: what a page says does not depend on the engine."""
    report = run_load(sqlite_engine, [SAMPLE_DIR])
    assert report.committed
    return sqlite_engine.url.render_as_string(hide_password=False)


# The fields of a Plotly figure and of a table's column settings drawn on screen.
JSON_SHOWN = frozenset(
    {"x", "y", "text", "name", "label", "labels", "ticktext", "hovertext", "help"}
)


def _reader_text(app) -> tuple[list[str], list[str]]:
    """What a reader sees on a page, as (prose, values). Prose: each single text of an
    element (markdown, captions, titles, labels, help, tab and expander labels, metrics,
    buttons, a chart's titles). Values: each text that is one item of a list (the options
    of a select box, radio or multiselect, a chart's categories), and each column name and
    text cell of a table (st.dataframe, st.table send them as Arrow bytes, not as text).
    JSON sent as text (a chart's figure, a table's column settings) is read as JSON, for
    the fields drawn on screen only (not a chart's hidden data or a column's type)."""
    prose: list[str] = []
    values: list[str] = []

    def walk(value, out: list[str]) -> None:
        if hasattr(value, "ListFields"):
            for field, item in value.ListFields():
                listed = field.is_repeated and field.type == field.TYPE_STRING
                walk(item, values if listed else prose)
        elif isinstance(value, str):
            try:
                parsed = json.loads(value) if value.lstrip()[:1] in ("{", "[") else None
            except ValueError:
                parsed = None
            if parsed is None:
                out.append(value)
            else:
                walk_json(parsed, "", out)
        elif not isinstance(value, bytes) and hasattr(value, "__iter__"):
            for item in value:
                walk(item, out)

    def walk_json(value, key: str, out: list[str]) -> None:
        if isinstance(value, dict):
            for name, item in value.items():
                walk_json(item, name, prose)
        elif isinstance(value, list):
            for item in value:
                walk_json(item, key, values)
        elif isinstance(value, str) and key in JSON_SHOWN:
            walk(value, out)

    for node in app._tree:
        proto = getattr(node, "proto", None)
        if getattr(node, "type", "") == "html":
            # st.html: each piece of text a reader sees, apart (a list's cells and headers,
            # a chart's labels), not the markup around them nor its style sheet.
            values.extend(html_texts(proto.body))
            continue
        if proto is not None:
            walk(proto, prose)
        if isinstance(node, (Dataframe, Table)):
            frame = node.value
            values.extend(str(column) for column in frame.columns)
            for column in frame.columns:
                values.extend(cell for cell in frame[column] if isinstance(cell, str))
    return [s.strip() for s in prose if s.strip()], [s.strip() for s in values if s.strip()]


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._style = False

    def handle_starttag(self, tag, attrs) -> None:
        self._style = tag == "style"

    def handle_endtag(self, tag) -> None:
        self._style = False

    def handle_data(self, data: str) -> None:
        if not self._style and data.strip():
            self.texts.append(data.strip())


def html_texts(body: str) -> list[str]:
    parser = _HtmlText()
    parser.feed(body)
    return parser.texts


def _shown(app) -> list[str]:
    prose, values = _reader_text(app)
    return prose + values


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_no_public_page_shows_a_message_id(lang, sample_sqlite, monkeypatch):
    # The data dictionary names the files' columns as the files write them (`commune`,
    # `status`): some are also message ids.
    columns = {entry.column for entry in open_data.dictionary(public=True)}
    ids = set(i18n.UI) - columns
    for page in PUBLIC_PAGES:
        app = run_page(page, sample_sqlite, monkeypatch, lang=lang)
        assert not app.exception, f"{page}: {app.exception}"
        shown_ids = sorted(ids.intersection(_shown(app)))
        assert not shown_ids, f"{page} in {lang} shows message ids {shown_ids}"


# --- Tamazight ---------------------------------------------------------------------


def test_tamazight_is_offered_by_the_language_switch_and_by_the_url(sample_sqlite, monkeypatch):
    app = run_page("dashboard.py", sample_sqlite, monkeypatch, lang="zgh")
    switch = app.sidebar.radio(key="language_switch")
    assert "zgh" in switch.options or "ⵜⴰⵎⴰⵣⵉⵖⵜ" in switch.options
    assert switch.value == "zgh"
    assert app.title[0].value == i18n.t("app_title", "zgh") == "ⵎⵓⵛⴰⵔⴰⴽⴰ"
    # Left to right: the Arabic page's mirroring style is not sent.
    assert not any("row-reverse" in s for s in _shown(app))


# The public pages as visitors open them, links included: a commune chosen, one
# recommendation (with its history and evidence, and without any history), one meeting
# (the first of its commune and a later one), a period between two meetings, one
# association, and searches that find nothing. Codes and ids are the bundled sample's.
PUBLIC_VISITS = (
    *((entry.path, {}) for entry in (*navigation.PUBLIC, navigation.SIGN_IN)),
    ("pages/0_Overview.py", {"commune": "1"}),
    ("pages/1_Recommendations.py", {"commune": "1"}),
    ("pages/1_Recommendations.py", {"rec": "KHN-2019-1-R01"}),
    ("pages/1_Recommendations.py", {"rec": "TLO-2021-1-R08"}),
    ("pages/1_Recommendations.py", {"rec": "NO-SUCH-CODE"}),
    ("pages/1_Recommendations.py", {"q": "zzzz"}),
    ("pages/2_Meetings.py", {"meeting": "KHN-2019-1"}),
    ("pages/2_Meetings.py", {"meeting": "KHN-2020-2"}),
    ("pages/2_Meetings.py", {"commune": "1"}),
    ("pages/2_Meetings.py", {"commune": "2", "between": "TLO-2023-2"}),
    ("pages/3_Associations.py", {"association": "1"}),
    ("pages/3_Associations.py", {"q": "zzzz"}),
    ("pages/4_Public_display.py", {"commune": "1"}),
)
# Text from files, isolated in its own direction wherever a page writes it into a sentence
# (ui.data_text): an Arabic title is the data's, not a message's.
DATA_TEXT = re.compile("\u2068[^\u2069]*\u2069")


def _arabic_messages(lang: str) -> dict[str, re.Pattern]:
    """The Arabic text of every message as `lang` should not show it: each it left empty
    (shown in Arabic instead) and each it translated (so Arabic means the page did not ask
    the catalog). Patterns of whole words whose placeholders match any text (a message is
    often shown formatted), named by the ids they stand for ("a / b" when they share it)."""
    ids: dict[str, list[str]] = {}
    for key, entry in i18n.UI.items():
        arabic = entry[i18n.FALLBACK]
        if len(arabic) > 3 and ARABIC.search(arabic) and entry.get(lang) != arabic:
            ids.setdefault(arabic, []).append(key)
    patterns = {}
    for arabic, keys in ids.items():
        parts = [re.escape(part) for part in re.split(r"\{\w*\}", arabic)]
        pattern = re.compile(r"(?<!\w)" + ".+?".join(parts) + r"(?!\w)", re.DOTALL)
        patterns[" / ".join(sorted(keys))] = pattern
    return patterns


def _data_texts(url: str) -> set[str]:
    """Every text the database holds (titles, names, places...): shown whole in a cell or
    an option, it is the data's, not a message's."""
    engine = create_engine(url)
    texts = set()
    with engine.connect() as connection:
        for table in inspect(engine).get_table_names():
            for row in connection.execute(text(f'SELECT * FROM "{table}"')):
                texts.update(v.strip() for v in row if isinstance(v, str))
    engine.dispose()
    return texts


def _in_arabic(app, arabic: dict[str, re.Pattern], data: set[str]) -> dict[str, str]:
    """message id -> the page's text showing it in Arabic: in a sentence, a label, an
    option or a cell, the text of the files set aside (isolated in a sentence, whole in an
    option or a cell)."""
    prose, values = _reader_text(app)
    texts = [DATA_TEXT.sub(" ", s) for s in prose + values if s not in data]
    found = {}
    for key, pattern in arabic.items():
        match = next(filter(None, map(pattern.search, texts)), None)
        if match:
            found[key] = match.group(0)
    return found


def test_tamazight_public_pages_speak_tamazight(sample_sqlite, monkeypatch):
    """Every message a visitor sees on the public pages, tables and charts included, is in
    Tifinagh: none shows in Arabic, whether zgh left it empty or the page bypassed it."""
    arabic, data = _arabic_messages("zgh"), _data_texts(sample_sqlite)
    missing: dict[str, str] = {}
    for page, params in PUBLIC_VISITS:
        app = run_page(page, sample_sqlite, monkeypatch, lang="zgh", params=params)
        where = f"{page}?{urlencode(params)}" if params else page
        assert not app.exception, f"{where}: {app.exception}"
        assert any(TIFINAGH.search(s) for s in _shown(app)), where
        for key, shown in _in_arabic(app, arabic, data).items():
            missing.setdefault(key, f"{key}  ({where}: {shown[:60]!r})")
    assert not missing, f"shown in Arabic in zgh ({len(missing)}):\n" + "\n".join(
        missing[key] for key in sorted(missing)
    )


@pytest.mark.parametrize("terms", (STATUSES, DOMAINS, PRIORITIES), ids=lambda t: t[0].key)
def test_every_status_domain_and_priority_has_a_tamazight_label(terms):
    for term in terms:
        label = i18n.term_label(terms, term.key, "zgh")
        assert TIFINAGH.search(label), f"{term.key}: {label!r}"


def test_a_message_a_language_left_empty_is_shown_in_arabic(monkeypatch):
    """A partial translation is usable from the start (Tamazight's catalog is complete
    now, so one of its messages is emptied here)."""
    catalog = _catalog("zgh")
    catalog["app_tagline"].string = ""
    assert "app_tagline" not in i18n.translations(catalog)
    without = {lang: s for lang, s in i18n.UI["app_tagline"].items() if lang != "zgh"}
    monkeypatch.setitem(i18n.UI, "app_tagline", without)
    assert i18n.t("app_tagline", "zgh") == i18n.t("app_tagline", "ar")
    assert i18n.t("app_title", "xx") == i18n.t("app_title", "ar")


def test_tamazight_numbers_and_dates_are_babels_zgh():
    assert formats.number(12345.5, "zgh").replace("\u202f", " ").replace("\xa0", " ") == (
        "12 345,5"
    )
    assert formats.day("2026-03-15", "zgh") == "15 ⵎⴰⵕⵚ 2026"
    assert formats.money(1200, "zgh").endswith(i18n.t("money_unit", "zgh"))


def test_the_tamazight_catalog_awaits_a_native_speakers_review():
    header = i18n.catalog_path("zgh").read_text(encoding="utf-8").split("msgid", 1)[0]
    assert "AWAITING REVIEW BY A NATIVE SPEAKER" in header
    assert "native speaker" in (PROJECT_ROOT / "docs" / "translating.md").read_text()


def test_the_tifinagh_font_is_bundled_and_declared():
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
    faces = {face["family"]: face["url"] for face in config["theme"]["fontFaces"]}
    url = faces["noto-sans-tifinagh"]
    assert (PROJECT_ROOT / "static" / Path(url).name).stat().st_size > 10_000
    assert "noto-sans-tifinagh" in config["theme"]["font"]
    notice = (PROJECT_ROOT / "static" / "FONTS.md").read_text()
    assert "NotoSansTifinagh-Regular.ttf" in notice and "Open Font License" in notice


def test_days_ago_is_written_in_words_in_every_language():
    """Babel's zgh locale writes "N days ago" as "-12 d": the catalog's words stand in."""
    import datetime as dt

    from musharaka.ui.display import days_since

    today = dt.date(2026, 3, 20)
    for lang in i18n.LANGUAGES:
        said = days_since("2026-03-08", lang, today=today)
        assert "12" in said or "١٢" in said, (lang, said)
        assert not said.startswith("-") and not said.endswith(" d"), (lang, said)
    assert days_since("2026-03-08", "zgh", today=today) == "ⵣⴳ 12 ⵏ ⵡⵓⵙⵙⴰⵏ"
