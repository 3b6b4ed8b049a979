"""A first load decides its recommendations as it checks them (nothing in the database to
compare with): each row kept counts as inserted once, and a part whose parent is refused
after that check is refused, not counted inserted too. On both engines."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import func, select

from etl.demo import write_files
from etl.load import run_load
from musharaka.models import Association, Recommendation


def test_a_part_refused_for_its_parent_is_not_also_counted_inserted(engine, tmp_path):
    folder = tmp_path / "files"
    write_files(folder, 2)
    with next(folder.glob("*-recommendations.csv")).open(encoding="utf-8") as file:
        first = next(csv.DictReader(file))
    columns = ["recommendation_id", "meeting_id", "domain", "title", "proposed_by"]
    columns += ["status", "progress", "parent_id"]
    part = {
        "recommendation_id": "PART-1",
        "meeting_id": first["meeting_id"],
        "domain": first["domain"],
        "title": "جزء من مشروع غير معروف",
        "proposed_by": "جمعية لا تقترح إلا هذا الجزء",
        "status": "planned",
        "progress": "0",
        "parent_id": "NO-SUCH-PARENT",
    }
    path = Path(folder / "z-parts-recommendations.csv")
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, columns)
        writer.writeheader()
        writer.writerow(part)

    report = run_load(engine, [folder])

    assert report.committed and report.balanced()
    counts = report.tables["recommendations"]
    assert counts["rejected"] == 1
    with engine.connect() as conn:
        written = conn.execute(select(func.count()).select_from(Recommendation)).scalar()
        names = set(conn.execute(select(Association.name)).scalars())
    assert counts["inserted"] == written == counts["read"] - 1
    assert [r["row"] for r in report.rejects if r["file"] == path.name] == [2]
    assert part["proposed_by"] not in names  # no association made for a refused row
