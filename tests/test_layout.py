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
