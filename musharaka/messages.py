"""The catalogs' template, for `make messages` (pure, apart from `main`'s files).

`pybabel extract`, with `extract` below as its method (babel.cfg), finds the message ids
the code names literally (`t("rec_filters", lang)`, `page.t("empty_title")`, both ids of
`page.t("assoc_none" if empty else "assoc_no_match")`). Some ids are built
(`f"role_{role}"`, `dictionary_<table>_<column>`, `status.<key>`), so the English
catalog, which holds every message, is the other source: the template is the union of
both, each message with its English text as a translator comment. `pybabel update` then
brings every language's catalog to it: a new id arrives empty in each language (and the
completeness test fails until it is translated); the English comment follows every
change of the English text.

    python -m musharaka.messages EXTRACTED.pot TEMPLATE.pot
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

# Read from the project's root, where `make messages` runs; not through musharaka.i18n,
# which needs every language's catalog to exist already.
SOURCE = Path("locale/en/LC_MESSAGES/musharaka.po")
ENGLISH = "English: "


def _literal_ids(node: ast.expr) -> Iterator[str]:
    """The ids an argument can be: a string, or either branch of a conditional."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _literal_ids(node.body)
        yield from _literal_ids(node.orelse)


def extract(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel's extraction method for Python: every literal id given to `t(...)` or
    `<anything>.t(...)`. (Babel's own joins the two strings of `"a" if x else "b"`.)"""
    tree = ast.parse(fileobj.read())
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name == "t":
            for message in _literal_ids(node.args[0]):
                yield node.lineno, "t", message, []


def template(extracted: Catalog, source: Catalog) -> Catalog:
    """Every id of `extracted` (with where the code uses it) and of `source` (the English
    catalog), with the English text and the source's other notes as translator comments."""
    result = Catalog(project="Musharaka", copyright_holder="Musharaka's contributors")
    english = {str(m.id): m for m in source if m.id}
    used = {str(m.id): m for m in extracted if m.id}
    for key in [*english, *(k for k in used if k not in english)]:
        comments = []
        if key in english:
            comments.append(ENGLISH + str(english[key].string))
            comments += [c for c in english[key].auto_comments if not c.startswith(ENGLISH)]
        locations = used[key].locations if key in used else ()
        result.add(key, auto_comments=comments, locations=locations)
    return result


def main(argv: list[str]) -> int:
    extracted_path, template_path = (Path(a) for a in argv)
    with extracted_path.open("rb") as handle:
        extracted = read_po(handle)
    with SOURCE.open("rb") as handle:
        source = read_po(handle)
    result = template(extracted, source)
    with template_path.open("wb") as handle:
        write_po(handle, result, width=100)
    print(f"{template_path}: {len(result)} messages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
