"""Export: the open-data tables, the data contract read backwards (JSON, CSV, XLSX).

Canonical column names, ISO dates, vocabulary keys, numbers as numbers, and each
recommendation's current status and progress. JSON keeps text exactly as stored; CSV and
XLSX neutralise spreadsheet formulas. Contact details of associations are personal data
and are never exported.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from sqlalchemy import Connection, Engine, select

from etl.extract import EXPORT_FORMAT
from musharaka.exports import neutralise
from musharaka.models import (
    Association,
    Commune,
    Meeting,
    Recommendation,
    StatusUpdate,
    meeting_associations,
    recommendation_proposers,
)

EXPORT_VERSION = 1
LIST_COLUMNS = {"associations", "proposed_by", "partners"}
COLUMNS = {
    "associations": ("name", "commune", "domain", "location"),
    "meetings": (
        "meeting_id",
        "commune",
        "province",
        "date",
        "title",
        "kind",
        "edition",
        "location",
        "chair",
        "facilitator",
        "participants",
        "associations",
        "summary",
        "source_url",
    ),
    "recommendations": (
        "recommendation_id",
        "meeting_id",
        "domain",
        "domain_text",
        "title",
        "description",
        "proposed_by",
        "responsible",
        "partners",
        "location",
        "priority",
        "budget_mad",
        "target_date",
        "status",
        "progress",
        "initial_status",
        "initial_progress",
    ),
    "status_updates": (
        "recommendation_id",
        "date",
        "status",
        "progress",
        "note",
        "evidence_url",
        "reported_by",
    ),
}
TABLES = ("associations", "meetings", "recommendations", "status_updates")


def _links(conn: Connection, table, owner_column: str) -> dict[int, list[str]]:
    owner = table.c[owner_column]
    query = (
        select(owner, Association.name)
        .join(Association, Association.id == table.c.association_id)
        .order_by(owner, table.c.position)
    )
    links: dict[int, list[str]] = {}
    for owner_id, name in conn.execute(query):
        links.setdefault(owner_id, []).append(name)
    return links


def _number(value: object) -> object:
    """Whole numbers as integers, so 1200000.0 is written 1200000."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def collect(conn: Connection) -> dict[str, list[dict[str, object]]]:
    """Every public table as lists of records with canonical columns, in a stable order."""
    communes = {c.id: c for c in conn.execute(select(Commune.__table__))}
    associations = [
        {
            "name": a.name,
            "commune": communes[a.commune_id].name if a.commune_id else None,
            "domain": a.domain,
            "location": a.location,
        }
        for a in conn.execute(select(Association.__table__).order_by(Association.key))
        if a.commune_id or a.domain or a.location
    ]
    meeting_links = _links(conn, meeting_associations, "meeting_id")
    meetings = []
    meeting_codes: dict[int, str] = {}
    for m in conn.execute(select(Meeting.__table__).order_by(Meeting.date, Meeting.code)):
        meeting_codes[m.id] = m.code
        commune = communes[m.commune_id]
        meetings.append(
            {
                "meeting_id": m.code,
                "commune": commune.name,
                "province": commune.province,
                "date": m.date,
                "title": m.title,
                "kind": m.kind,
                "edition": m.edition,
                "location": m.location,
                "chair": m.chair,
                "facilitator": m.facilitator,
                "participants": m.participants,
                "associations": meeting_links.get(m.id, []),
                "summary": m.summary,
                "source_url": m.source_url,
            }
        )
    proposer_links = _links(conn, recommendation_proposers, "recommendation_id")
    recommendations = []
    recommendation_codes: dict[int, str] = {}
    for r in conn.execute(select(Recommendation.__table__).order_by(Recommendation.code)):
        recommendation_codes[r.id] = r.code
        recommendations.append(
            {
                "recommendation_id": r.code,
                "meeting_id": meeting_codes[r.meeting_id],
                "domain": r.domain,
                "domain_text": r.domain_text,
                "title": r.title,
                "description": r.description,
                "proposed_by": proposer_links.get(r.id, []),
                "responsible": r.responsible,
                "partners": r.partners.split("; ") if r.partners else [],
                "location": r.location,
                "priority": r.priority,
                "budget_mad": _number(r.budget_mad),
                "target_date": r.target_date,
                "status": r.current_status,
                "progress": _number(r.current_progress),
                "initial_status": r.initial_status,
                "initial_progress": _number(r.initial_progress),
            }
        )
    updates = [
        {
            "recommendation_id": recommendation_codes[u.recommendation_id],
            "date": u.date,
            "status": u.status,
            "progress": _number(u.progress),
            "note": u.note,
            "evidence_url": u.evidence_url,
            "reported_by": u.reported_by,
        }
        for u in conn.execute(select(StatusUpdate.__table__).order_by(StatusUpdate.id))
    ]
    # A stable sort: updates of one day keep the order they were read in, which decides
    # which of them is the current state when the export is loaded again.
    updates.sort(key=lambda u: (u["recommendation_id"], u["date"]))
    return {
        "associations": associations,
        "meetings": meetings,
        "recommendations": recommendations,
        "status_updates": updates,
    }


def _jsonable(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _cell(value: object) -> object:
    """A value for a CSV or XLSX cell: lists joined, dates ISO, formulas neutralised."""
    if isinstance(value, list):
        value = "; ".join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise(value)


def write_json(data: dict[str, list[dict]], path: Path) -> None:
    document = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION}
    for table in TABLES:
        document[table] = [
            {c: _jsonable(record[c]) for c in COLUMNS[table]} for record in data[table]
        ]
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_csv(data: dict[str, list[dict]], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        path = folder / f"{table}.csv"
        # UTF-8 with a BOM: Excel then opens Arabic text correctly.
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS[table])
            for record in data[table]:
                writer.writerow(
                    ["" if record[c] is None else _cell(record[c]) for c in COLUMNS[table]]
                )
        written.append(path)
    return written


def write_xlsx(data: dict[str, list[dict]], path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    for table in TABLES:
        sheet = workbook.create_sheet(table)
        sheet.append(list(COLUMNS[table]))
        for record in data[table]:
            row = []
            for column in COLUMNS[table]:
                value = record[column]
                if isinstance(value, dt.date):
                    row.append(value)
                else:
                    row.append(_cell(value))
            sheet.append(row)
    workbook.save(path)


def export(engine: Engine, fmt: str, out: Path) -> list[Path]:
    """Write the export in `fmt` (json, csv, xlsx) to `out`; returns the files written."""
    with engine.connect() as conn:
        data = collect(conn)
    if fmt == "json":
        out.parent.mkdir(parents=True, exist_ok=True)
        write_json(data, out)
        return [out]
    if fmt == "csv":
        return write_csv(data, out)
    if fmt == "xlsx":
        out.parent.mkdir(parents=True, exist_ok=True)
        write_xlsx(data, out)
        return [out]
    raise ValueError(f"unknown export format '{fmt}'")
