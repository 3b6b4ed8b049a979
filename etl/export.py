"""Export: the open-data tables, the data contract read backwards (JSON, CSV, XLSX).

Canonical column names, ISO dates, vocabulary keys, numbers as numbers, and each
recommendation's current status and progress. JSON keeps text exactly as stored; CSV and
XLSX neutralise spreadsheet formulas.

Two exports: the full one (`python -m etl export`, for backups and the round trip) keeps
every field; the public one (`--public`, and everything the Open data page offers) leaves
out every column that can hold a person's name, phone number or e-mail address
(`WITHHELD`), and its data dictionary lists them as withheld, saying why.

Every format also holds the data dictionary (musharaka.data_dictionary) and the metadata:
format, version, when it was generated, the licence (MUSHARAKA_DATA_LICENCE) and the
source. The files are built in memory as bytes (`build_files`): `python -m etl export
--public` writes them, the open-data page offers them for download, so both give the same
bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import zipfile
from pathlib import Path
from typing import TypedDict

from sqlalchemy import Connection, Engine, select

from etl.extract import EXPORT_FORMAT
from etl.plan.associations import AssociationPlanner
from etl.plan.meetings import MeetingPlanner
from etl.plan.recommendations import RecommendationPlanner
from etl.plan.status_updates import StatusUpdatePlanner
from musharaka import data_dictionary, licences
from musharaka.evidence import media_url
from musharaka.formulas import neutralise
from musharaka.mail import public_url
from musharaka.models import (
    Association,
    Commune,
    EvidenceFile,
    Meeting,
    Recommendation,
    StatusUpdate,
    meeting_associations,
    recommendation_proposers,
)

# 2: the data dictionary and the metadata (generated_at, licence, source, rows) added.
EXPORT_VERSION = 2
LIST_COLUMNS = {"associations", "proposed_by", "partners", "evidence_files", "evidence_sha256"}
# Each table's columns as its planner declares them (etl.plan); a recommendation's status
# and progress are its current ones here, and its initial ones follow them.
COLUMNS = {
    "associations": AssociationPlanner.columns(),
    "meetings": MeetingPlanner.columns(),
    "recommendations": tuple(
        column
        for planned in RecommendationPlanner.columns()
        for column in (
            (planned, "initial_status", "initial_progress")
            if planned == "progress"
            else (planned, "initial_stall_reason")
            if planned == "stall_reason"
            else (planned,)
        )
    ),
    # The update's published photos and PDFs: their addresses and sha256, in one order.
    "status_updates": (*StatusUpdatePlanner.columns(), "evidence_files", "evidence_sha256"),
}
TABLES = ("associations", "meetings", "recommendations", "status_updates")
# Free text that can hold a person's name, phone number or e-mail address: an association's
# contacts, who chaired and facilitated a meeting (not always a public office holder named
# as such), and a status update's note and who reported it. Never in a public file.
WITHHELD = {
    "associations": ("phone", "email"),
    "meetings": ("chair", "facilitator"),
    "status_updates": ("note", "reported_by"),
}
PUBLIC_COLUMNS = {
    table: tuple(c for c in columns if c not in WITHHELD.get(table, ()))
    for table, columns in COLUMNS.items()
}


class LicenceMeta(TypedDict):
    id: str
    name: str
    url: str | None


class SourceMeta(TypedDict):
    name: str
    communes: list[str]


class Metadata(TypedDict):
    """What an export says about itself (`metadata`)."""

    format: str
    version: int
    generated_at: str  # ISO 8601, UTC, to the second
    licence: LicenceMeta
    source: SourceMeta
    rows: dict[str, int]  # per table


def columns_of(public: bool) -> dict[str, tuple[str, ...]]:
    """The columns of the public export, or of the full one."""
    return PUBLIC_COLUMNS if public else COLUMNS


def _links(conn: Connection, table, owner_column: str, owners=None) -> dict[int, list[str]]:
    owner = table.c[owner_column]
    query = (
        select(owner, Association.name)
        .join(Association, Association.id == table.c.association_id)
        .order_by(owner, table.c.position)
    )
    if owners is not None:  # a subquery of the owners' ids: one commune's
        query = query.where(owner.in_(owners))
    links: dict[int, list[str]] = {}
    for owner_id, name in conn.execute(query):
        links.setdefault(owner_id, []).append(name)
    return links


def _number(value: object) -> object:
    """Whole numbers as integers, so 1200000.0 is written 1200000."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def collect(
    conn: Connection, *, public: bool = False, commune_id: int | None = None
) -> dict[str, list[dict[str, object]]]:
    """Every table as lists of records with canonical columns, in a stable order. Public:
    without the withheld columns. Every association is a row, those known by name alone
    too: the Associations page lists them all, and the files count what the page shows.
    With `commune_id`, one commune's rows only: its associations, its meetings, their
    recommendations and those recommendations' updates (the static site's per-commune
    files)."""
    communes = {c.id: c for c in conn.execute(select(Commune.__table__))}
    association_rows = select(Association.__table__).order_by(Association.key)
    meeting_rows = select(Meeting.__table__).order_by(Meeting.date, Meeting.code)
    recommendation_rows = select(Recommendation.__table__).order_by(Recommendation.code)
    update_rows = select(StatusUpdate.__table__).order_by(StatusUpdate.id)
    meeting_ids = recommendation_ids = None
    if commune_id is not None:
        association_rows = association_rows.where(Association.commune_id == commune_id)
        meeting_rows = meeting_rows.where(Meeting.commune_id == commune_id)
        recommendation_rows = recommendation_rows.where(Recommendation.commune_id == commune_id)
        meeting_ids = select(Meeting.id).where(Meeting.commune_id == commune_id)
        recommendation_ids = select(Recommendation.id).where(
            Recommendation.commune_id == commune_id
        )
        update_rows = update_rows.where(StatusUpdate.recommendation_id.in_(recommendation_ids))
    associations = [
        {
            "name": a.name,
            "commune": communes[a.commune_id].name if a.commune_id else None,
            "domain": a.domain,
            "location": a.location,
            "phone": a.phone,
            "email": a.email,
        }
        for a in conn.execute(association_rows)
    ]
    meeting_links = _links(conn, meeting_associations, "meeting_id", meeting_ids)
    meetings = []
    meeting_codes: dict[int, str] = {}
    for m in conn.execute(meeting_rows):
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
                "latitude": m.latitude,
                "longitude": m.longitude,
            }
        )
    proposer_links = _links(conn, recommendation_proposers, "recommendation_id", recommendation_ids)
    recommendations = []
    recommendation_codes: dict[int, str] = {}
    for r in conn.execute(recommendation_rows):
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
                "parent_id": r.parent_code,
                "weight": _number(r.weight),
                "stall_reason": r.current_stall_reason,
                "initial_stall_reason": r.initial_stall_reason,
                "latitude": r.latitude,
                "longitude": r.longitude,
                "pac_ref": r.pac_ref,
                "budget_line": r.budget_line,
                "partner_institution": r.partner_institution,
            }
        )
    files = _evidence_files(conn)
    updates = [
        {
            "recommendation_id": recommendation_codes[u.recommendation_id],
            "date": u.date,
            "status": u.status,
            "progress": _number(u.progress),
            "note": u.note,
            "evidence_url": u.evidence_url,
            "reported_by": u.reported_by,
            "stall_reason": u.stall_reason,
            "evidence_files": [url for url, _ in files.get(u.id, [])],
            "evidence_sha256": [sha for _, sha in files.get(u.id, [])],
        }
        for u in conn.execute(update_rows)
    ]
    # A stable sort: updates of one day keep the order they were read in, which decides
    # which of them is the current state when the export is loaded again.
    updates.sort(key=lambda u: (u["recommendation_id"], u["date"]))
    data = {
        "associations": associations,
        "meetings": meetings,
        "recommendations": recommendations,
        "status_updates": updates,
    }
    if public:
        for table, withheld in WITHHELD.items():
            for record in data[table]:
                for column in withheld:
                    del record[column]
    return data


def _evidence_files(conn: Connection) -> dict[int, list[tuple[str, str]]]:
    """Each status update's published files: (address under MUSHARAKA_PUBLIC_URL, sha256),
    in the order they were sent. A waiting field report's files are not published."""
    base = public_url()
    found: dict[int, list[tuple[str, str]]] = {}
    rows = conn.execute(
        select(EvidenceFile.status_update_id, EvidenceFile.sha256, EvidenceFile.media_type)
        .where(EvidenceFile.status_update_id.is_not(None))
        .order_by(EvidenceFile.status_update_id, EvidenceFile.position)
    )
    for update_id, sha, media_type in rows:
        assert update_id is not None  # the query's own condition
        found.setdefault(update_id, []).append((media_url(sha, media_type, base), sha))
    return found


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


# --- The files -----------------------------------------------------------------------
FORMATS = ("json", "csv", "zip", "xlsx")
DICTIONARY = "dictionary"
METADATA = "metadata"
METADATA_COLUMNS = ("key", "value")
JSON_NAME = "musharaka-open-data.json"
XLSX_NAME = "musharaka-open-data.xlsx"
ZIP_NAME = "musharaka-open-data-csv.zip"
SOURCE = "Musharaka"
# The most rows an Excel sheet holds, its header included.
XLSX_MAX_ROWS = 1_048_576
# Zip archives cannot date their members before 1980.
_ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)


class ExportTooLarge(ValueError):
    """A table has more rows than the format can hold (the message says which)."""


def export_time(environ: dict[str, str] | None = None) -> dt.datetime:
    """When an export is made: now, in UTC to the second; or SOURCE_DATE_EPOCH (seconds since
    1970) when it is set, the reproducible-builds convention, so that two exports of the
    same data write the same bytes."""
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(tz=dt.UTC).replace(microsecond=0)


def metadata(
    data: dict[str, list[dict]], generated_at: dt.datetime, licence: licences.Licence
) -> Metadata:
    """What an export says about itself: its format and version, when it was generated,
    its licence, its source (the communes whose data it holds) and its rows per table."""
    communes = {m["commune"] for m in data["meetings"]}
    communes |= {a["commune"] for a in data["associations"] if a["commune"]}
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "generated_at": generated_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licence": {"id": licence.id, "name": licence.name, "url": licence.url},
        "source": {"name": SOURCE, "communes": sorted(communes)},
        "rows": {table: len(data[table]) for table in TABLES},
    }


def metadata_rows(meta: Metadata) -> list[tuple[str, object]]:
    """The metadata as (key, value) rows, for the CSV file and the XLSX sheet; the format
    comes first, so that a loader can tell the sheet from data."""
    licence, source = meta["licence"], meta["source"]
    return [
        ("format", meta["format"]),
        ("version", meta["version"]),
        ("generated_at", meta["generated_at"]),
        ("licence", licence["id"]),
        ("licence_name", licence["name"]),
        ("licence_url", licence["url"]),
        ("source", source["name"]),
        ("communes", "; ".join(source["communes"])),
        *((f"rows_{table}", rows) for table, rows in meta["rows"].items()),
    ]


def dictionary(public: bool = False) -> tuple[data_dictionary.Entry, ...]:
    """The data dictionary of the exported columns (raises if a column has no entry); the
    public one lists the withheld columns too, as withheld."""
    if public:
        return data_dictionary.entries(PUBLIC_COLUMNS, withheld=WITHHELD)
    return data_dictionary.entries(COLUMNS)


def dictionary_records(public: bool = False) -> list[dict[str, str]]:
    """The data dictionary as the files hold it: one record per column."""
    return data_dictionary.records(dictionary(public))


def json_bytes(data: dict[str, list[dict]], meta: Metadata, public: bool = False) -> bytes:
    """One JSON document: the metadata, then each table under its name, then the dictionary."""
    columns = columns_of(public)
    document = dict(meta)
    for table in TABLES:
        document[table] = [
            {c: _jsonable(record[c]) for c in columns[table]} for record in data[table]
        ]
    document[DICTIONARY] = dictionary_records(public)
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _csv_bytes(header: tuple[str, ...], rows) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else _cell(value) for value in row])
    # UTF-8 with a BOM: Excel then opens Arabic text correctly.
    return out.getvalue().encode("utf-8-sig")


def csv_files(
    data: dict[str, list[dict]], meta: Metadata, public: bool = False
) -> dict[str, bytes]:
    """One CSV file per table, then dictionary.csv and metadata.csv: file name -> bytes."""
    columns = columns_of(public)
    files = {
        f"{table}.csv": _csv_bytes(
            columns[table], ([record[c] for c in columns[table]] for record in data[table])
        )
        for table in TABLES
    }
    records = dictionary_records(public)
    files[f"{DICTIONARY}.csv"] = _csv_bytes(
        data_dictionary.COLUMNS, ([r[c] for c in data_dictionary.COLUMNS] for r in records)
    )
    files[f"{METADATA}.csv"] = _csv_bytes(METADATA_COLUMNS, metadata_rows(meta))
    return files


def _zip_time(generated_at: dt.datetime) -> tuple[int, int, int, int, int, int]:
    return max(generated_at, _ZIP_EPOCH).astimezone(dt.UTC).timetuple()[:6]


def zip_bytes(files: dict[str, bytes], generated_at: dt.datetime) -> bytes:
    """The files as one zip archive, each dated `generated_at`: the same files at the same
    time give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            member = zipfile.ZipInfo(name, date_time=_zip_time(generated_at))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            archive.writestr(member, content)
    return out.getvalue()


def _xlsx_cell(value: object) -> object:
    """A value for an XLSX cell: dates as dates, numbers as numbers, text inert and free of
    the control characters a workbook cannot hold (they become U+FFFD)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, dt.date):
        return value
    value = _cell(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    return value


def xlsx_bytes(data: dict[str, list[dict]], meta: Metadata, public: bool = False) -> bytes:
    """One workbook: a sheet per table, then the dictionary and the metadata sheets."""
    import openpyxl
    from openpyxl.writer.excel import ExcelWriter

    for table in TABLES:
        if len(data[table]) + 1 > XLSX_MAX_ROWS:
            raise ExportTooLarge(
                f"{table} has {len(data[table]):,} rows, more than an XLSX sheet holds "
                f"({XLSX_MAX_ROWS - 1:,}): export it as CSV or JSON"
            )
    workbook = openpyxl.Workbook(write_only=True)
    # Dated when generated (openpyxl's save would date it now): the same export, the same bytes.
    when = dt.datetime.strptime(str(meta["generated_at"]), "%Y-%m-%dT%H:%M:%SZ")
    workbook.properties.created = workbook.properties.modified = when
    workbook.properties.creator = SOURCE
    workbook.properties.title = "Musharaka open data"
    workbook.properties.description = f"Licence: {meta['licence']['id']}"
    columns = columns_of(public)
    sheets = [(table, columns[table], data[table]) for table in TABLES]
    sheets.append((DICTIONARY, data_dictionary.COLUMNS, dictionary_records(public)))
    for name, sheet_columns, records in sheets:
        sheet = workbook.create_sheet(name)
        sheet.append(list(sheet_columns))
        for record in records:
            sheet.append([_xlsx_cell(record[c]) for c in sheet_columns])
    sheet = workbook.create_sheet(METADATA)
    sheet.append(list(METADATA_COLUMNS))
    for row in metadata_rows(meta):
        sheet.append([_xlsx_cell(value) for value in row])
    written = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED)).save()
    with zipfile.ZipFile(io.BytesIO(written.getvalue())) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    return zip_bytes(parts, when.replace(tzinfo=dt.UTC))


def build(
    data: dict[str, list[dict]], fmt: str, meta: Metadata, public: bool = False
) -> dict[str, bytes]:
    """The export of `data` in one format, as file name -> bytes: json and xlsx one file,
    csv one file per table (and the dictionary and metadata), zip those in one archive."""
    if fmt == "json":
        return {JSON_NAME: json_bytes(data, meta, public)}
    if fmt == "csv":
        return csv_files(data, meta, public)
    if fmt == "zip":
        generated_at = dt.datetime.strptime(str(meta["generated_at"]), "%Y-%m-%dT%H:%M:%SZ")
        files = csv_files(data, meta, public)
        return {ZIP_NAME: zip_bytes(files, generated_at.replace(tzinfo=dt.UTC))}
    if fmt == "xlsx":
        return {XLSX_NAME: xlsx_bytes(data, meta, public)}
    raise ValueError(f"unknown export format '{fmt}'")


def build_files(
    engine: Engine,
    fmt: str,
    *,
    generated_at: dt.datetime | None = None,
    licence: licences.Licence | None = None,
    public: bool = False,
) -> dict[str, bytes]:
    """The export of the database in `fmt` (json, csv, zip, xlsx): file name -> bytes; the
    public one (what anyone may download) or the full one. Generated now (or at
    SOURCE_DATE_EPOCH) under the configured licence unless told otherwise."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format '{fmt}'")
    with engine.connect() as conn:
        data = collect(conn, public=public)
    meta = metadata(data, generated_at or export_time(), licence or licences.configured())
    return build(data, fmt, meta, public)


def export(
    engine: Engine,
    fmt: str,
    out: Path,
    *,
    generated_at: dt.datetime | None = None,
    licence: licences.Licence | None = None,
    public: bool = False,
) -> list[Path]:
    """Write the export (full, or public) in `fmt` (json, csv, xlsx) to `out`; returns the
    files written. csv writes one file per table into the folder `out`, or one zip archive
    of them when `out` ends in .zip."""
    if fmt == "csv" and out.suffix.lower() == ".zip":
        fmt = "zip"
    files = build_files(engine, fmt, generated_at=generated_at, licence=licence, public=public)
    if fmt == "csv":
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for name, content in files.items():
            (out / name).write_bytes(content)
            written.append(out / name)
        return written
    out.parent.mkdir(parents=True, exist_ok=True)
    (content,) = files.values()
    out.write_bytes(content)
    return [out]


# --- Decidim -------------------------------------------------------------------------
def decidim_csv(engine: Engine, commune_id: int | None = None) -> bytes:
    """The recommendations (of one commune, or all) as Decidim's accountability results CSV
    (etl.decidim): `;`-separated UTF-8 without a BOM, as Decidim's importer reads it; each
    with its current status and progress, its meeting's date as start_date."""
    from etl import decidim

    r, m = Recommendation, Meeting
    query = (
        select(
            r.code.label("recommendation_id"),
            m.code.label("meeting_id"),
            m.date.label("meeting_date"),
            r.domain,
            r.domain_text,
            r.title,
            r.description,
            r.location,
            r.target_date,
            r.current_status.label("status"),
            r.current_progress.label("progress"),
            r.parent_code.label("parent_id"),
        )
        .join(m, m.id == r.meeting_id)
        .order_by(m.date, m.code, r.code)
    )
    if commune_id is not None:
        query = query.where(r.commune_id == commune_id)
    with engine.connect() as conn:
        records = [row._asdict() for row in conn.execute(query)]
    dates = {record["meeting_id"]: record["meeting_date"] for record in records}
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=decidim.DELIMITER, lineterminator="\n")
    writer.writerows(decidim.export_rows(records, dates))
    return out.getvalue().encode("utf-8")
