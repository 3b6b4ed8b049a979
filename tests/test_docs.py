"""The documentation keeps up with the code: the data contract (docs/data-contract.md)
shows every status key, every domain key, every stall reason key and every canonical
column of every table, so a value or column added to the vocabulary without
documentation fails here; and every link between the README and the pages of docs/
leads to a file that exists.

A name counts as documented when the page shows it as inline code (`in_progress`) or as a
whole cell of a Markdown table (| in_progress |).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from musharaka import vocabulary as vocab

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
CONTRACT = ROOT / "docs" / "data-contract.md"


def _documented_names() -> set[str]:
    text = CONTRACT.read_text(encoding="utf-8")
    names = set(re.findall(r"`([^`\n]+)`", text))
    for line in text.splitlines():
        if line.lstrip().startswith("|"):
            names.update(cell.strip().strip("`").strip() for cell in line.split("|"))
    return names


DOCUMENTED: list[tuple[str, str]] = (
    [("status", key) for key in vocab.STATUS_KEYS]
    + [("domain", key) for key in vocab.DOMAIN_KEYS]
    + [("stall reason", key) for key in vocab.STALL_REASON_KEYS]
    + [
        (f"{table} column", column.name)
        for table, columns in vocab.COLUMNS.items()
        for column in columns
    ]
)


def test_the_readme_exists_and_stays_a_front_door():
    assert README.is_file(), f"{README} is missing"
    # What Musharaka is, the two commands, the pages and links: the rest is in docs/.
    assert len(README.read_bytes()) < 12 * 1024


def _links(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    return [t for t in re.findall(r"\]\(([^)\s]+)\)", text) if "://" not in t]


@pytest.mark.parametrize(
    "page", [README, *sorted((ROOT / "docs").glob("*.md"))], ids=lambda p: p.name
)
def test_every_link_leads_to_a_file(page):
    for target in _links(page):
        path = target.split("#", 1)[0]
        if path:
            assert (page.parent / path).exists(), f"{page.name} links to {target}, missing"


def test_no_comment_cites_a_file_outside_the_project():
    # The project documents itself: its code and pages refer to its own docs/.
    cited = re.compile(r"(?<!docs/)\b(?:interfaces|data-contract|style|streamlit-notes)\.md\b")
    for folder in ("etl", "musharaka", "pages", "tests", "bench", "data", "docs"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in (".py", ".md") or path.name == "test_docs.py":
                continue
            text = path.read_text(encoding="utf-8")
            for match in cited.finditer(text):
                line = text[: match.start()].count("\n") + 1
                raise AssertionError(
                    f"{path.relative_to(ROOT)}:{line} cites {match.group(0)}, not in the project"
                )


@pytest.mark.parametrize(
    ("kind", "name"), [pytest.param(kind, name, id=f"{kind} {name}") for kind, name in DOCUMENTED]
)
def test_the_data_contract_documents(kind, name):
    assert name in _documented_names(), f"docs/data-contract.md does not document `{name}`"
