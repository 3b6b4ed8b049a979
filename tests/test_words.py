"""No raw value and no foreign word on an Arabic or French page: Streamlit's English
defaults replaced by the catalogs' words (placeholders, the uploader, the "Press Enter"
hint, date pickers in the language's order), the loader's messages said in the reader's
language, the audit log in words, one word per status, chart titles that say what they
show, the sign-in page titled for what it becomes; then every page walked in Chromium in
Arabic and French, signed out and signed in as each role, for anything of the kind left.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pandas as pd
import pytest
import test_browser
from browser import (
    PROJECT_ROOT,
    open_page,
    start_server,
    wait_after_run,
    websocket_frames,
)
from sqlalchemy import select

from etl.load import run_load
from etl.validate import validate_recommendation, validate_status_update
from musharaka import auth, charts, db, formats
from musharaka import vocabulary as vocab
from musharaka.auth import ROLES
from musharaka.i18n import UI, t
from musharaka.loader_text import MESSAGES, english, recognise
from musharaka.models import Association, Commune
from musharaka.ui import inputs, navigation
from musharaka.views import admin as audit_view
from musharaka.views.data_status import said
from musharaka.views.edit_messages import problem_text

SAMPLE_DIR = PROJECT_ROOT / "data" / "sample"
# Streamlit's own English, which no Arabic or French page may show.
STREAMLIT_ENGLISH = (
    "Choose an option",
    "Choose options",
    "Drag and drop",
    "Browse files",
    "Limit 200MB",
    "per file",
    "No results",
    "Press Enter",
    "Select all",
)
RAW_VALUES = re.compile(r"(?<![\w-])(None|nan|NaN|NaT|null|undefined)(?![\w-])")
# Message ids look like snake_case words: any that is one is a leak. (The contract's keys,
# roads_transport, are documented as such on the open data page.)
KNOWN_IDS = {k for k in UI if re.fullmatch(r"[a-z]+(?:[_.][a-z0-9]+)+", k)}
WORD = re.compile(r"[a-z][a-z0-9]*(?:[_.][a-z0-9]+)+")


# --- every widget through musharaka.ui.inputs ------------------------------------------------
WIDGETS = {"selectbox", "multiselect", "date_input", "file_uploader"}


def _python_files() -> list[Path]:
    return [
        *sorted((PROJECT_ROOT / "musharaka").rglob("*.py")),
        *sorted((PROJECT_ROOT / "pages").glob("*.py")),
        PROJECT_ROOT / "dashboard.py",
    ]


def test_every_selectbox_multiselect_date_picker_and_uploader_is_made_by_inputs():
    """Streamlit's own would speak English on an Arabic page."""
    made_elsewhere = []
    for path in _python_files():
        if path == PROJECT_ROOT / "musharaka" / "ui" / "inputs.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in WIDGETS
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "st"
            ):
                made_elsewhere.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}")
    assert made_elsewhere == []


def test_date_pickers_show_dates_in_the_order_the_language_writes_them():
    assert formats.date_input_format("ar") == "DD/MM/YYYY"
    assert formats.date_input_format("fr") == "DD/MM/YYYY"
    assert formats.date_input_format("en") == "MM/DD/YYYY"


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_uploader_and_the_enter_hint_are_written_in_the_pages_language(lang):
    css = inputs.words_css(lang)
    for key in ("input_upload_button", "input_press_enter"):
        assert inputs.css_string(t(key, lang)) in css
    assert inputs.css_string('a "b" \\ <c>') == '"a \\22 b\\22  \\5C  \\3C c\\3E "'
    # The button, its own text hidden, is named for screen readers too.
    script = inputs.upload_name_script(lang)
    assert json.dumps(t("input_upload_button", lang)) in script
    assert script.count("</script>") == 1


# --- the loader's messages -------------------------------------------------------------------
SAMPLE_VALUES = {
    "value": "16/13/2020",
    "progress": "0.5",
    "hundredfold": "50",
    "known": "not_started, completed",
    "what": "target date",
    "limit": "1,000,000",
    "date": "2019-01-01",
    "earliest": "1990-01-01",
    "latest": "2031-01-01",
    "today": "2026-01-01",
    "years": "5",
    "column": "title",
    "code": "KH-2019-01",
    "child": "KH-2019-02",
    "written": "Khnafiff",
    "communes": "'الخنافيف (Lakhnafif)'",
    "command": 'python -m musharaka communes alias add "الخنافيف" "Khnafiff"',
    "official": "Lakhnafif",
    "name": "notes.pdf",
    "owner": "'suivi.xlsx'",
    "suffix": ".pdf",
    "types": ".xlsx, .csv",
    "where": "suivi.xlsx [Feuil2]",
    "header": "Remarques",
    "formula": "=SUM(B2:B9)",
    "count": "1,200",
    "figure": "Completion rate",
    "listed": "50",
    "length": "40,000",
    "commune": "Tighza",
    "ranges": "12",
    "named": "A2:A4, C2:C3",
    "more": "10",
    "meeting": "'KH-2019-01' (الخنافيف, 2019-09-29)",
    "how": "its code 'KH-2019-01'",
    "place": "row 3",
    "looked": "the sheet's name or the rows above its header",
    "dates": "'01-01-1999'",
    "meetings": "'KH-2019-01' (الخنافيف, 2019-09-29), 'KH-2019-02' (الخنافيف, 2019-09-29)",
    "columns": "title/fr, title/ar",
    "message": "'16/13/2020' is not a date",
    "skipped": "notes.pdf: skipped: a hidden file",
    "reason": "CHECK constraint failed",
    "seconds": "30",
    "kind": "KeyError",
    "row": "3",
    "paragraph": "2",
    "error": "File is not a zip file",
    "encoding": "utf-16",
    "line": "12",
    "part": "xl/worksheets/sheet1.xml",
    "why": "Permission denied",
    "sha": "3f2a9c01be47",
    "point": "48.8566, 2.3522",
    "box": "20.5..36.1, -17.3..-0.9",
    "missing": "longitude",
    "longitude": "9.5",
    "size": "2,048",
    "packed": "1.5",
    "ratio": "100",
    "xml": "1,024",
    "xml_limit": "256",
    "table": "recommendations",
    "status": "completed",
}


def _fields(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_each_loader_message_is_in_the_catalogs_and_recognised_again(key):
    assert t(key, "en") == MESSAGES[key], "the English catalog says what the loader writes"
    for lang in ("ar", "fr"):
        assert UI[key].get(lang), f"{key} has no {lang} text"
        assert _fields(UI[key][lang]) <= _fields(MESSAGES[key])
    values = {name: SAMPLE_VALUES[name] for name in _fields(MESSAGES[key])}
    written = english(key, **values)
    assert recognise(written) == (key, values)


def test_a_rejected_row_and_a_warning_are_said_in_the_readers_language():
    bad_date = validate_status_update(
        {"recommendation_id": "R1", "date": "31/02/2020", "status": "completed"}
    )
    assert bad_date.problem is not None
    message = bad_date.problem.message
    assert message == "'31/02/2020' is not a date that exists"  # the command line's
    assert said(message, "fr") == "« 31/02/2020 » n'est pas une date qui existe"
    assert said(message, "ar") == "«31/02/2020» ليس تاريخًا موجودًا"
    fraction = validate_recommendation(
        {
            "recommendation_id": "R1",
            "meeting_id": "M1",
            "domain": "water",
            "title": "Puits",
            "progress": "0.5",
        }
    )
    (_, warning), *_ = fraction.warnings
    assert said(warning, "fr").startswith("avancement « 0.5 » lu comme 0.5 %")
    # A word of the loader's in a message is said too; a value from the file never is.
    before = english(
        "loader_before_meeting", what=english("loader_word_target_date"), date="x", meeting="y"
    )
    assert said(before, "fr").startswith("l'échéance x est antérieure")
    # A message the loader does not write (a report stored long ago) is shown as it was.
    assert said("something else entirely", "fr") == "something else entirely"
    # The editing form: the reason, then the message, both in French.
    assert problem_text(message, "fr") == (
        f"{t('data_status_reason_bad_date', 'fr')} — « 31/02/2020 » n'est pas une date qui existe"
    )


# --- the audit log in words ------------------------------------------------------------------
def _as_json(value):
    return None if value is None else json.dumps(value, ensure_ascii=False)


def test_the_audit_log_names_fields_ids_and_values_in_words():
    names = audit_view.Names(communes={1: "الخنافيف"}, associations={7: "Association Tifawin"})
    change = audit_view.changes_text(
        _as_json({"role": "association", "communes": [], "association_id": None}),
        _as_json({"role": "editor", "communes": [1], "association_id": 7}),
        "fr",
        "users",
        names,
    )
    assert change == (
        f"{t('admin_role', 'fr')} : {t('role_association', 'fr')} → {t('role_editor', 'fr')} ; "
        f"{t('admin_communes', 'fr')} : — → الخنافيف ; "
        f"{t('admin_association', 'fr')} : — → Association Tifawin"
    )
    for raw in ("role", "communes", "association_id", "editor", ": 1", ": 7"):
        assert raw not in change
    status = audit_view.changes_text(
        _as_json({"status": "planned", "progress": None, "target_date": "2024-04-21"}),
        _as_json({"status": "stalled", "progress": 40, "target_date": "2025-04-21"}),
        "ar",
        "recommendations",
    )
    assert t("status.planned", "ar") in status and t("status.stalled", "ar") in status
    assert formats.day(pd.Timestamp("2025-04-21").date(), "ar") in status
    assert "stalled" not in status and "target_date" not in status and "2025-04-21" not in status
    load = audit_view.changes_text(
        None, _as_json({"tables": {"meetings": {"read": 2, "inserted": 2}}}), "fr", "load_runs"
    )
    assert load == (
        f"{t('audit_field_tables', 'fr')} : {t('data_status_table_meetings', 'fr')} : "
        f"2 {t('upload_read', 'fr')}, 2 {t('upload_inserted', 'fr')}"
    )


def test_the_audit_log_punctuates_as_each_language_writes():
    """French puts a space before its colon and semicolon; Arabic lists with its comma
    and separates with its semicolon."""
    names = audit_view.Names(communes={1: "الخنافيف", 2: "تيغزة"})
    before = _as_json({"role": "association", "communes": []})
    after = _as_json({"role": "editor", "communes": [1, 2]})
    french = audit_view.changes_text(before, after, "fr", "users", names)
    assert french == (
        f"{t('admin_role', 'fr')} : {t('role_association', 'fr')} → {t('role_editor', 'fr')} ; "
        f"{t('admin_communes', 'fr')} : — → الخنافيف, تيغزة"
    )
    arabic = audit_view.changes_text(before, after, "ar", "users", names)
    assert arabic == (
        f"{t('admin_role', 'ar')}: {t('role_association', 'ar')} → {t('role_editor', 'ar')}؛ "
        f"{t('admin_communes', 'ar')}: — → الخنافيف، تيغزة"
    )
    english = audit_view.changes_text(before, after, "en", "users", names)
    assert english.endswith("; Communes: — → الخنافيف, تيغزة")


# --- one word per status ---------------------------------------------------------------------
# The words of a status and of "overdue" (not a status: a date gone by), by language: a
# message whose English names one says it with these, and no other message uses them.
WORDS = {
    "stalled": {"fr": "en retard", "ar": "تعثر"},
    "overdue": {"fr": "hors délai", "ar": "متجاوز"},
}


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_status_has_one_word_in_each_language(lang):
    from musharaka.text import stem

    wrong = []
    for key, entry in UI.items():
        english_text, text = entry.get("en", ""), stem(entry.get(lang, ""))
        for word, spellings in WORDS.items():
            named = re.search(rf"\b{word}\b", english_text, re.I)
            uses = stem(spellings[lang]) in text
            if named and not uses:
                wrong.append(f"{key}: {entry.get(lang)!r} does not say {spellings[lang]!r}")
            if uses and not named:
                wrong.append(f"{key}: {entry.get(lang)!r} says {spellings[lang]!r}")
    # What else the files may call a stalled recommendation is never the screen's word for it.
    stalled = next(term for term in vocab.STATUSES if term.key == "stalled")
    others = {stem(w) for w in stalled.accepted} - {stem(stalled.label(lang))}
    others = {w for w in others if w and not stem(stalled.label(lang)).startswith(w)}
    for key, entry in UI.items():
        english_text = entry.get("en", "")
        if re.search(r"\bstall", english_text, re.I):
            found = [w for w in others if re.search(rf"(?<!\w){re.escape(w)}", stem(entry[lang]))]
            if found:
                wrong.append(f"{key}: {entry[lang]!r} says {found}")
    assert wrong == []


# --- chart titles --------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_the_completion_chart_is_titled_by_what_its_bars_are(lang):
    by_year = pd.DataFrame({"year": [2019, 2020], "recommendations": [5, 3], "completed": [2, 1]})
    by_meeting = pd.DataFrame(
        {"date": ["2019-09-29", "2020-02-16"], "recommendations": [5, 3], "completed": [2, 1]}
    )
    year_title = charts.completion_over_time(by_year, "year", lang).layout.title.text
    meeting_title = charts.completion_over_time(by_meeting, "date", lang).layout.title.text
    assert year_title == t("completion_by_year", lang)
    assert meeting_title == t("completion_by_meeting", lang)
    assert year_title != meeting_title
    assert "year" in t("completion_by_year", "en") and "year" not in t(
        "completion_by_meeting", "en"
    )


# --- every page in Chromium -----------------------------------------------------------------
PASSWORD = "une-phrase-de-passe-longue"
USERS = {"admin": "admin_words", "editor": "editor_words", "association": "assoc_words"}


# The browser tests' own Chromium (skipped without it, failed under CI), one per module.
chromium = test_browser.chromium


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The sample, a user of each role (their creation is in the audit log), one server."""
    url = f"sqlite:///{tmp_path_factory.mktemp('words') / 'musharaka.db'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    assert run_load(engine, [SAMPLE_DIR], actor="clerk", source="cli").committed
    with engine.begin() as connection:
        commune_id = connection.execute(select(Commune.id).order_by(Commune.id)).scalar()
        association_id = connection.execute(
            select(Association.id).order_by(Association.id)
        ).scalar()
        for role in ROLES:
            auth.create_user(
                connection,
                USERS[role],
                PASSWORD,
                role,
                communes=[commune_id] if role == "editor" else [],
                association=association_id if role == "association" else None,
                actor="test",
                source="cli",
            )
    engine.dispose()
    running = start_server(url, tmp_path_factory.mktemp("server") / "streamlit.log")
    yield running
    running.stop()
    assert "Traceback" not in running.log(), running.log()


# Everything a reader sees or hears of a page: its text, and the placeholders and names
# that screen readers read.
_SEEN = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  const said = [...app.querySelectorAll('[placeholder], [aria-label], [title]')].flatMap(
    e => ['placeholder', 'aria-label', 'title'].map(a => e.getAttribute(a)).filter(Boolean));
  return {text: app.innerText, said: said, title: document.title};
}"""


def _problems(page, where: str) -> list[str]:
    seen = page.evaluate(_SEEN)
    problems = []
    for text in (seen["text"], *seen["said"], seen["title"]):
        problems += [f"{where}: {m!r} in {text[:80]!r}" for m in RAW_VALUES.findall(text)]
        problems += [f"{where}: Streamlit's {e!r}" for e in STREAMLIT_ENGLISH if e in text]
        problems += [f"{where}: message id {w!r}" for w in WORD.findall(text) if w in KNOWN_IDS]
    return problems


def _sign_in(page, server, lang: str, role: str) -> None:
    open_page(page, server.url(f"/{navigation.SIGN_IN.url_path}", lang=lang))
    page.get_by_label(t("username", lang)).fill(USERS[role])
    page.get_by_label(t("password", lang)).fill(PASSWORD)
    page.get_by_role("button", name=t("sign_in", lang)).click()
    page.locator("[data-testid='stSidebar']").get_by_text(t("signed_in_as", lang)).wait_for()
    wait_after_run(page)


def _walk_signed_in(page, lang: str, role: str, frames: list[str]) -> list[str]:
    """Every page of the role's menu, opened from the sidebar's links (a new address
    would start a new session, signed out)."""
    problems = []
    # The public display is the same for everyone (walked signed out), and has no menu
    # to come back by.
    entries = [
        e
        for e in navigation.PAGES
        if e.in_menu
        and (not e.roles or _has(role, e))
        and not e.path.endswith("_Public_display.py")
    ]
    where_menu = f"{lang} {role}"
    for entry in entries:
        # The menu links a page by its name (the first page too, which is the root).
        name = Path(entry.path).stem.partition("_")[2]
        links = page.locator("[data-testid='stSidebar'] a")
        hrefs = links.evaluate_all("l => l.map(a => a.getAttribute('href'))")
        # The root is linked as "" once the app has routed there.
        targets = {name, ""} if not entry.url_path else {name}
        found = [i for i, h in enumerate(hrefs) if (h or "").split("?")[0] in targets]
        assert found, f"{where_menu}: no link to {name} among {hrefs}"
        link = links.nth(found[0])
        frames.clear()
        link.click()
        page.wait_for_timeout(300)
        wait_after_run(page)
        heading = page.locator("[data-testid='stMain'] h1").first
        heading.wait_for()
        where = f"{lang} {role} {entry.url_path or '/'}"
        problems += _problems(page, where)
        if entry.path.endswith("_Admin.py"):
            problems += _audit_log_problems(page, frames, where)
        if entry.path.endswith("_Upload.py"):
            problems += _uploader_problems(page, lang, where)
    return problems


def _has(role: str, entry) -> bool:
    """Whether a user of `role` sees `entry` in the menu (an administrator is an editor)."""
    held = {"admin": ("admin", "editor"), "editor": ("editor",), "association": ("association",)}
    return any(r in held[role] for r in entry.roles)


def _audit_log_problems(page, frames: list[str], where: str) -> list[str]:
    """The audit log is drawn on a canvas: its cells are read from what the server sent."""
    page.get_by_role("tab").nth(1).click()
    wait_after_run(page)
    sent = "\n".join(frames)
    return [
        f"{where}: audit log shows {raw!r}"
        for raw in ("association_id", "role: editor")
        if raw in sent
    ]


# The names Streamlit gives a data grid's toolbar buttons, in English only.
GRID_TOOLBAR = ("Show/hide columns", "Download as CSV", "Search", "Fullscreen", "Clear selection")
_GRID_TOOLBAR_NAMES = """() => [...document.querySelectorAll("[data-testid='stDataFrame']")]
  .map(grid => grid.closest("[data-testid='stElementContainer']") || grid)
  .flatMap(box => [...box.querySelectorAll("[data-testid='stElementToolbar'] button")])
  .filter(button => button.checkVisibility())
  .map(button => button.getAttribute('aria-label') || '')"""


def _grid_toolbar_problems(page, where: str) -> list[str]:
    """A data grid's toolbar, shown when the pointer is over the grid, names nothing in
    English to the keyboard and screen reader."""
    grids = page.locator("[data-testid='stDataFrame']")
    if grids.count():
        grids.first.hover()
        page.wait_for_timeout(200)
    names = page.evaluate(_GRID_TOOLBAR_NAMES)
    return [
        f"{where}: grid toolbar button {name!r}"
        for name in names
        if any(name.startswith(label) for label in GRID_TOOLBAR)
    ]


def _uploader_problems(page, lang: str, where: str) -> list[str]:
    button = page.locator("[data-testid='stFileUploaderDropzone'] button").first
    shown = button.evaluate("b => getComputedStyle(b, '::after').content")
    if shown != json.dumps(t("input_upload_button", lang), ensure_ascii=False):
        return [f"{where}: the uploader's button says {shown!r} and {button.inner_text()!r}"]
    return []


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_no_raw_value_nor_foreign_word_on_any_page(server, chromium, lang):
    locale = {"ar": "ar-MA", "fr": "fr-MA"}[lang]
    problems: list[str] = []
    # Signed out: every page by its address (a restricted one shows the sign-in form).
    context = chromium.new_context(locale=locale, viewport={"width": 1400, "height": 900})
    page = context.new_page()
    for entry in navigation.PAGES:
        open_page(page, server.url(f"/{entry.url_path}", lang=lang))
        problems += _problems(page, f"{lang} signed out /{entry.url_path}")
        problems += _grid_toolbar_problems(page, f"{lang} signed out /{entry.url_path}")
    # The search box being typed in: Streamlit's "Press Enter to apply" is replaced.
    open_page(page, server.url("/Recommendations", lang=lang))
    page.locator("[data-testid='stTextInput'] input").first.fill("puits")
    page.locator("[data-testid='InputInstructions']").first.wait_for()
    problems += _problems(page, f"{lang} typing")
    # The date pickers read dates as the language writes them: day, month, year.
    field = page.locator("[data-testid='stDateInputField']").first
    order = field.evaluate(
        "f => [...f.querySelectorAll('[role=spinbutton]')].map(s => s.dataset.type)"
    )
    assert order == ["day", "month", "year"]
    context.close()
    # Signed in as each role: the account page, then every page of the menu.
    for role in ROLES:
        context = chromium.new_context(locale=locale, viewport={"width": 1400, "height": 900})
        page = context.new_page()
        frames = websocket_frames(page)
        _sign_in(page, server, lang, role)
        account = f"{t('account_title', lang)} · {t('app_title', lang)}"
        assert page.title() == account, f"{role}: the tab says {page.title()!r}"
        heading = page.locator("[data-testid='stMain'] h1").first.inner_text().strip()
        assert heading == t("account_title", lang)
        problems += _problems(page, f"{lang} {role} account")
        problems += _walk_signed_in(page, lang, role, frames)
        context.close()
    assert problems == [], "\n".join(problems)


def test_the_walk_knows_the_ids_a_leak_would_show():
    assert {"rec_back_to_list", "in_progress", "status.stalled"} <= KNOWN_IDS
