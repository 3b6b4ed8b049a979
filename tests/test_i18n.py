"""The screen's text in gettext catalogs (locale/<lang>/LC_MESSAGES/musharaka.po): every
message in Arabic, French and English, no page showing a message id, the ETL loading no
screen text, and Tamazight (zgh) as the recipe in docs/adding-a-language.md adds a
language: its catalog, its Babel locale, its font, the language switch, its labels, and
Arabic wherever it has no translation yet."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from conftest import PROJECT_ROOT, SAMPLE_DIR, proto_strings, run_page
from etl.load import run_load
from musharaka import formats, i18n, messages
from musharaka.ui import navigation
from musharaka.vocabulary import DOMAINS, PRIORITIES, STATUSES

CONTRACT_LANGUAGES = ("ar", "fr", "en")
TIFINAGH = re.compile("[\u2d30-\u2d7f]")
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


def _shown(app) -> list[str]:
    strings = []
    for node in app._tree:
        proto = getattr(node, "proto", None)
        if proto is not None:
            strings.extend(s.strip() for s in proto_strings(proto))
    return [s for s in strings if s]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_no_public_page_shows_a_message_id(lang, sample_sqlite, monkeypatch):
    ids = set(i18n.UI)
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


def test_tamazight_public_pages_speak_tamazight(sample_sqlite, monkeypatch):
    """Every message the public pages show has its Tifinagh text:
    none of their strings is the Arabic stand-in of a message zgh left empty."""
    stand_ins = {e["ar"] for e in i18n.UI.values() if "zgh" not in e and len(e["ar"]) > 3}
    missing: list[str] = []
    for page in [entry.path for entry in navigation.PUBLIC] + [navigation.SIGN_IN.path]:
        app = run_page(page, sample_sqlite, monkeypatch, lang="zgh")
        shown = _shown(app)
        assert any(TIFINAGH.search(s) for s in shown)
        arabic = sorted(s for s in shown if any(a in s for a in stand_ins))
        missing.extend(f"{page}: {s}" for s in arabic)
    assert not missing, "untranslated in zgh:\n" + "\n".join(missing)


@pytest.mark.parametrize("terms", (STATUSES, DOMAINS, PRIORITIES), ids=lambda t: t[0].key)
def test_every_status_domain_and_priority_has_a_tamazight_label(terms):
    for term in terms:
        label = i18n.term_label(terms, term.key, "zgh")
        assert TIFINAGH.search(label), f"{term.key}: {label!r}"


def test_a_message_tamazight_has_not_translated_is_shown_in_arabic():
    untranslated = [str(m.id) for m in _catalog("zgh") if m.id and not (m.string and not m.fuzzy)]
    assert untranslated, "every message is translated: pick another language for this test"
    for key in untranslated:
        assert i18n.t(key, "zgh") == i18n.t(key, "ar")
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
