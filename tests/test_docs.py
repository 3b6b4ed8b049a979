"""The README documents the vocabulary: every status key, every domain key and every
canonical column of every table appears in it, so a value or column added to the
vocabulary without documentation fails here.

A name counts as documented when the README shows it as inline code (`in_progress`) or
as a whole cell of a Markdown table (| in_progress |).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from musharaka import vocabulary as vocab

README = Path(__file__).resolve().parent.parent / "README.md"


def _documented_names() -> set[str]:
    text = README.read_text(encoding="utf-8")
    names = set(re.findall(r"`([^`\n]+)`", text))
    for line in text.splitlines():
        if line.lstrip().startswith("|"):
            names.update(cell.strip().strip("`").strip() for cell in line.split("|"))
    return names


DOCUMENTED: list[tuple[str, str]] = (
    [("status", key) for key in vocab.STATUS_KEYS]
    + [("domain", key) for key in vocab.DOMAIN_KEYS]
    + [
        (f"{table} column", column.name)
        for table, columns in vocab.COLUMNS.items()
        for column in columns
    ]
)


def test_the_readme_exists():
    assert README.is_file(), f"{README} is missing"


@pytest.mark.parametrize(
    ("kind", "name"), [pytest.param(kind, name, id=f"{kind} {name}") for kind, name in DOCUMENTED]
)
def test_the_readme_documents(kind, name):
    assert README.is_file(), f"{README} is missing"
    assert name in _documented_names(), f"README.md does not document the {kind} `{name}`"
