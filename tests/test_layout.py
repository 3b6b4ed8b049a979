"""The drawing of the code, read from its imports (ast, nothing is run): pages -> ui ->
views/queries -> models; etl -> models; the write side in musharaka/services, used by the
pages and the command line. A forbidden arrow, a query called by a string, or a module
grown past 500 lines fails here with the file and line that does it."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCREENS = [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py"))]


def python_files(*folders: str) -> list[Path]:
    return sorted(path for folder in folders for path in (ROOT / folder).rglob("*.py"))


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def calls(path: Path) -> Iterator[ast.Call]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            yield node


def called_name(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")


# --- queries are called by reference ---------------------------------------------------
@pytest.mark.parametrize("path", SCREENS + python_files("musharaka"), ids=relative)
def test_queries_are_called_by_reference_not_by_a_string(path):
    """page.query(queries.recommendations.listing, f): go-to-definition and the import
    graph see the query; a string ("recommendations.listing") resolved by importlib hides
    it, and a database URL in the call is not the page's business."""
    found = []
    for call in calls(path):
        name = called_name(call)
        if name in {"import_module", "cached_query", "cached_frame", "query_frame"}:
            found.append(f"{relative(path)}:{call.lineno}: {name}(...)")
        if name in {"query", "read"} and call.args:
            first = call.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.append(f"{relative(path)}:{call.lineno}: {name}({first.value!r}, ...)")
    assert not found, "queries called by a name, not by reference:\n" + "\n".join(found)


def test_a_query_is_cached_under_its_qualified_name():
    from musharaka import queries
    from musharaka.ui import query_name

    name = query_name(queries.recommendations.listing)
    assert name == "musharaka.queries.recommendations.listing"
    assert query_name(queries.communes) == "musharaka.queries.overview.communes"


# --- the arrows between folders --------------------------------------------------------
def imported(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) of every import in a file, those inside functions included."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            for alias in node.names:  # from musharaka import ui: the module musharaka.ui
                yield node.lineno, f"{node.module}.{alias.name}"


def layer(module: str) -> str:
    """The folder a module belongs to in the drawing."""
    parts = module.split(".")
    if parts[0] == "musharaka" and len(parts) > 1 and parts[1] in SUBLAYERS:
        return f"musharaka.{parts[1]}"
    return parts[0]


SUBLAYERS = {"ui", "views", "queries", "services", "access", "apptest"}
SCREEN_LAYERS = {"streamlit", "musharaka.ui", "musharaka.access", "musharaka.apptest"}
# Who may not import whom: (the files, the layers they may not import, why).
FORBIDDEN = [
    ("etl", {"musharaka.services", "musharaka.views", *SCREEN_LAYERS}, "etl is the file pipeline"),
    (
        "musharaka/queries",
        {"etl", "musharaka.services", "musharaka.views", *SCREEN_LAYERS},
        "SQL only",
    ),
    ("musharaka/views", {"etl", "musharaka.services", *SCREEN_LAYERS}, "pure, without Streamlit"),
    # Services may label with the pure views (an upload's report), never with Streamlit.
    ("musharaka/services", SCREEN_LAYERS, "the CLI uses services too"),
    ("musharaka/ui", {"etl"}, "the write side and the files go through services"),
    ("pages", {"etl"}, "pages reach the file pipeline through services"),
]
CORE = [  # musharaka/ outside ui, views, queries, services: no etl, no Streamlit
    path
    for path in python_files("musharaka")
    if path.relative_to(ROOT / "musharaka").parts[0] not in {"ui", "views", "queries", "services"}
]
# Streamlit's own modules of the core: the sign-in (access) and AppTest's helper.
CORE_STREAMLIT = {"access.py", "apptest.py"}


def arrows() -> Iterator:
    for folder, banned, why in FORBIDDEN:
        yield pytest.param(folder, python_files(folder), banned, why, id=folder)
    screens = "the frame reads, services write"
    yield pytest.param("dashboard.py", [ROOT / "dashboard.py"], {"etl"}, screens, id="dashboard")
    for path in CORE:
        banned = {"etl"} | (set() if path.name in CORE_STREAMLIT else SCREEN_LAYERS)
        why = "the core is importable without etl or Streamlit"
        yield pytest.param(relative(path), [path], banned, why, id=relative(path))


@pytest.mark.parametrize(("where", "files", "banned", "why"), list(arrows()))
def test_no_forbidden_arrow(where, files, banned, why):
    found = [
        f"{relative(path)}:{line}: imports {module} ({why})"
        for path in files
        for line, module in imported(path)
        if layer(module) in banned
    ]
    assert not found, "\n".join(found)


# --- small modules ---------------------------------------------------------------------
MAX_LINES = 500
LARGE_EXEMPT = {
    # Being split by moving the screen text into gettext catalogs (its own piece of work).
    "musharaka/vocabulary.py",
}


@pytest.mark.parametrize(
    "path",
    [path for path in python_files("musharaka") if relative(path) not in LARGE_EXEMPT],
    ids=relative,
)
def test_no_module_in_musharaka_over_500_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{relative(path)} has {lines} lines (at most {MAX_LINES})"
