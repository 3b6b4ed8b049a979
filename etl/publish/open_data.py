"""The static site's open data: the public export (etl.export, the files the Open data page
offers, with the same columns and the same withheld ones) at stable URLs, for the country
and for each commune, described by a Frictionless Tabular Data Package and a catalog.

    data/{table}.csv, data/{table}.json          the country: associations, meetings,
    data/dictionary.csv, data/metadata.csv       recommendations, status_updates
    data/datapackage.json, data/catalog.json
    data/commune/{id}/{table}.csv|json           one commune (its metadata.csv and
    data/commune/{id}/datapackage.json           datapackage.json too)

`national_files` and `commune_files` return relative path -> bytes; the publisher writes
them. Same data, same bytes: rows in the export's stable order, and every date in the files
is the data's own (the newest change of the rows), never the clock's, so a publisher can
compare hashes and rewrite only what changed. Paths inside `data/` are relative to the
file that names them (the data package's and the catalog's), so the tree can be served
under any address.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from sqlalchemy import Connection, select

from etl import export
from musharaka import data_dictionary, licences
from musharaka.models import Association
from musharaka.queries import open_data as queries

DATA = "data"
COMMUNE_DIR = "commune"
CATALOG = "catalog.json"
DATAPACKAGE = "datapackage.json"
TABLES = export.TABLES
# A commune's own files; the dictionary is the country's (data/dictionary.csv).
COMMUNE_EXTRAS = (f"{export.METADATA}.csv",)
NATIONAL_EXTRAS = (f"{export.DICTIONARY}.csv", f"{export.METADATA}.csv")
# Before any data: the files of an empty database are dated at the Unix epoch.
NEVER = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

# The natural keys the database holds unique (models: Association.key is the folded name,
# so the name as written is unique too; meeting and recommendation codes are unique).
PRIMARY_KEYS = {
    "associations": "name",
    "meetings": "meeting_id",
    "recommendations": "recommendation_id",
}
# (table, column) -> (referenced table, its column); "" is the Data Package's own table.
FOREIGN_KEYS = {
    "recommendations": (
        ("meeting_id", "meetings", "meeting_id"),
        ("parent_id", "", "recommendation_id"),
    ),
    "status_updates": (("recommendation_id", "recommendations", "recommendation_id"),),
}
# The dictionary's types (musharaka.data_dictionary.TYPES) as Table Schema types; a list
# is one CSV cell, its items separated by "; ".
FIELD_TYPES = {
    "text": "string",
    "date": "date",
    "integer": "integer",
    "number": "number",
    "list": "string",
    "code": "string",
}
# The CSV files are UTF-8 with a byte-order mark (so that Excel reads Arabic).
CSV_ENCODING = "utf-8-sig"
TITLE = "Musharaka open data"
# What a table's JSON file holds after its last record.
JSON_TAIL = b"]}\n"


@dataclass(frozen=True)
class SitemapEntry:
    """One address of the open data for the sitemap: its path under the site's root and
    the date its content last changed (YYYY-MM-DD)."""

    path: str
    lastmod: str


# --- Dates ---------------------------------------------------------------------------
def _utc(value: dt.datetime | None) -> dt.datetime | None:
    """A stored timestamp in UTC to the second: SQLite gives it back without a zone."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).replace(microsecond=0)


def _iso(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def updated_by_commune(
    connection: Connection, commune_id: int | None = None
) -> dict[int, dt.datetime]:
    """When each commune's data last changed (or one commune's): commune id -> UTC time."""
    newest: dict[int, dt.datetime] = {}
    for query in queries.commune_updated():
        if commune_id is not None:
            query = query.where(query.selected_columns[0] == commune_id)
        for owner, when in connection.execute(query):
            stamp = _utc(when)
            if stamp is not None and (owner not in newest or stamp > newest[owner]):
                newest[owner] = stamp
    return newest


# --- Documents -----------------------------------------------------------------------
def _json(document: object) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _compact_json(document: object) -> bytes:
    # Without indentation json uses its C encoder: the tables' files are written about
    # ten times faster, and are smaller.
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def _licence_meta(licence: licences.Licence) -> export.LicenceMeta:
    return {"id": licence.id, "name": licence.name, "url": licence.url}


def table_json(
    table: str, records: list[dict], updated: dt.datetime, licence: licences.Licence
) -> bytes:
    """One table as a JSON document: its licence, when its data last changed, and its
    records under the table's name, with the public columns in the export's order (lists
    as arrays, text exactly as stored)."""
    columns = export.PUBLIC_COLUMNS[table]
    return _compact_json(
        {
            "licence": _licence_meta(licence),
            "updated": _iso(updated),
            table: [{c: export._jsonable(record[c]) for c in columns} for record in records],
        }
    )


def table_schema(table: str, dictionary: tuple[data_dictionary.Entry, ...]) -> dict:
    """The Table Schema of one table's public CSV: each column typed from the data
    dictionary, described in English, its codes as an enum; the keys the database keeps."""
    fields = []
    for entry in dictionary:
        if entry.table != table or entry.kind == data_dictionary.WITHHELD:
            continue
        field: dict[str, object] = {
            "name": entry.column,
            "type": FIELD_TYPES[entry.kind],
            "description": entry.meaning("en"),
        }
        constraints: dict[str, object] = {}
        if entry.terms:
            constraints["enum"] = [term.key for term in entry.terms]
        if entry.column == PRIMARY_KEYS.get(table):
            constraints["required"] = True
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    schema: dict[str, object] = {"fields": fields, "missingValues": [""]}
    if table in PRIMARY_KEYS:
        schema["primaryKey"] = [PRIMARY_KEYS[table]]
    if table in FOREIGN_KEYS:
        schema["foreignKeys"] = [
            {"fields": [column], "reference": {"resource": target, "fields": [key]}}
            for column, target, key in FOREIGN_KEYS[table]
        ]
    return schema


def _string_schema(columns: Iterable[str]) -> dict:
    return {"fields": [{"name": c, "type": "string"} for c in columns], "missingValues": [""]}


def facts(content: bytes) -> tuple[int, str]:
    """A file's size and SHA-256 (hex), as its data package describes it."""
    return len(content), hashlib.sha256(content).hexdigest()


def datapackage(
    files: dict[str, tuple[int, str]], title: str, updated: dt.datetime, licence: licences.Licence
) -> bytes:
    """The Tabular Data Package of these CSV files (name -> (size, SHA-256), beside the
    descriptor): a resource per file, with its schema, size and hash, and the licence."""
    dictionary = export.dictionary(public=True)
    resources = []
    for name, (size, sha256) in files.items():
        table = name.removesuffix(".csv")
        if table in TABLES:
            schema = table_schema(table, dictionary)
        elif table == export.DICTIONARY:
            schema = _string_schema(data_dictionary.COLUMNS)
        else:
            schema = _string_schema(export.METADATA_COLUMNS)
        resources.append(
            {
                "name": table,
                "path": name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": CSV_ENCODING,
                "bytes": size,
                "hash": f"sha256:{sha256}",
                "schema": schema,
            }
        )
    licence_entry = {"name": licence.id, "title": licence.name}
    if licence.url:
        licence_entry["path"] = licence.url
    return _json(
        {
            "profile": "tabular-data-package",
            "name": "musharaka",
            "title": title,
            "version": str(export.EXPORT_VERSION),
            "created": _iso(updated),
            "licenses": [licence_entry],
            "sources": [{"title": export.SOURCE}],
            "resources": resources,
        }
    )


def _table_files(
    data: dict[str, list[dict]], updated: dt.datetime, licence: licences.Licence, extras
) -> dict[str, bytes]:
    """The CSV files the export writes (dated by the data): the tables, then `extras`."""
    meta = export.metadata(data, updated, licence)
    csv_files = export.csv_files(data, meta, public=True)
    files = {f"{t}.csv": csv_files[f"{t}.csv"] for t in TABLES}
    files |= {name: csv_files[name] for name in extras}
    return files


def _tree(
    folder: str,
    data: dict[str, list[dict]],
    updated: dt.datetime,
    licence: licences.Licence,
    title: str,
    extras: tuple[str, ...],
) -> dict[str, bytes]:
    csv_files = _table_files(data, updated, licence, extras)
    files = {f"{folder}/{name}": content for name, content in csv_files.items()}
    for table in TABLES:
        files[f"{folder}/{table}.json"] = table_json(table, data[table], updated, licence)
    described = {name: facts(content) for name, content in csv_files.items()}
    files[f"{folder}/{DATAPACKAGE}"] = datapackage(described, title, updated, licence)
    return files


# --- The producers -------------------------------------------------------------------
def commune_folder(commune_id: int) -> str:
    """Where one commune's files are, under the site's root."""
    return f"{DATA}/{COMMUNE_DIR}/{commune_id}"


def commune_file_names() -> tuple[str, ...]:
    """The names of the files in each commune's folder."""
    return (
        *(f"{t}.csv" for t in TABLES),
        *COMMUNE_EXTRAS,
        *(f"{t}.json" for t in TABLES),
        DATAPACKAGE,
    )


def published_communes(connection: Connection) -> list[int]:
    """The communes that get files (those holding a meeting or an association), by id."""
    return [row.id for row in connection.execute(queries.commune_rows())]


def commune_files(connection: Connection, commune_id: int) -> dict[str, bytes]:
    """One commune's open data, relative path -> bytes: its associations, meetings,
    recommendations and their updates as CSV and JSON, their metadata and data package."""
    data = export.collect(connection, public=True, commune_id=commune_id)
    updated = updated_by_commune(connection, commune_id).get(commune_id, NEVER)
    names = [m["commune"] for m in data["meetings"]] + [
        str(a["commune"]) for a in data["associations"]
    ]
    title = f"{TITLE}: {names[0]}" if names else TITLE
    return _tree(
        commune_folder(commune_id), data, updated, licences.configured(), title, COMMUNE_EXTRAS
    )


def catalog(
    rows: Iterable,
    updated: dict[int, dt.datetime],
    licence: licences.Licence,
    totals: dict[str, int],
) -> dict:
    """The catalog: the country's files and rows per table (`totals`: associations known
    by name alone count there, in no commune), then every commune with its names, official
    code, province, region, when its data last changed, its rows per table and its files'
    paths (relative to the catalog)."""
    communes = []
    for row in rows:
        folder = f"{COMMUNE_DIR}/{row.id}"
        communes.append(
            {
                "id": row.id,
                "name": row.name,
                "name_ar": row.name_ar,
                "name_fr": row.name_fr,
                "code": row.code,
                "province": row.province,
                "province_key": row.province_key,
                "region_key": row.region_key,
                "updated": _iso(updated.get(row.id, NEVER)),
                "rows": {table: getattr(row, table) for table in TABLES},
                "files": [f"{folder}/{name}" for name in commune_file_names()],
            }
        )
    newest = max(updated.values(), default=NEVER)
    return {
        "licence": _licence_meta(licence),
        "updated": _iso(newest),
        "datapackage": DATAPACKAGE,
        "files": [
            *(f"{t}.csv" for t in TABLES),
            *NATIONAL_EXTRAS,
            *(f"{t}.json" for t in TABLES),
            DATAPACKAGE,
        ],
        "rows": totals,
        "communes": communes,
    }


def unplaced_associations(connection: Connection) -> list[dict]:
    """The associations known by name alone (in no commune), as the public export's records
    (etl.export.collect), in its order: they are in the country's files and no commune's."""
    query = (
        select(Association.name, Association.domain, Association.location)
        .where(Association.commune_id.is_(None))
        .order_by(Association.key)
    )
    return [
        {"name": row.name, "commune": None, "domain": row.domain, "location": row.location}
        for row in connection.execute(query)
    ]


def national_data(connection: Connection) -> dict[str, list[dict]]:
    """The country's rows in the order of its files: each commune's rows as its own files
    hold them, communes by id, then the associations known by name alone. So the country's
    tables are the communes' files put end to end (etl.publish.national_data does that)."""
    data: dict[str, list[dict]] = {table: [] for table in TABLES}
    for commune_id in published_communes(connection):
        part = export.collect(connection, public=True, commune_id=commune_id)
        for table in TABLES:
            data[table] += part[table]
    data["associations"] += unplaced_associations(connection)
    return data


def national_files(connection: Connection, commune_id: None = None) -> dict[str, bytes]:
    """The country's open data, relative path -> bytes: every table as CSV and JSON, the
    data dictionary, the metadata, the data package, and the catalog of every commune's
    files. `commune_id` is None: the signature every producer of the site shares. Built
    from the database in memory; the publisher assembles the same bytes from the communes'
    files it has written (etl.publish.national_data)."""
    licence = licences.configured()
    updated = updated_by_commune(connection)
    newest = max(updated.values(), default=NEVER)
    data = national_data(connection)
    files = _tree(DATA, data, newest, licence, TITLE, NATIONAL_EXTRAS)
    rows = list(connection.execute(queries.commune_rows()))
    totals = {table: len(data[table]) for table in TABLES}
    files[f"{DATA}/{CATALOG}"] = _json(catalog(rows, updated, licence, totals))
    return files


# --- The country's files from the communes' ------------------------------------------
def csv_head(table: str) -> bytes:
    """What a table's CSV file holds before its first row: the byte-order mark and the
    header line."""
    return export._csv_bytes(export.PUBLIC_COLUMNS[table], [])


def csv_rows_bytes(table: str, records: list[dict]) -> bytes:
    """These records as the rows of a table's CSV file, without its head."""
    columns = export.PUBLIC_COLUMNS[table]
    content = export._csv_bytes(columns, ([r[c] for c in columns] for r in records))
    return content[len(csv_head(table)) :]


def json_head(table: str, updated: dt.datetime, licence: licences.Licence) -> bytes:
    """What a table's JSON file (table_json) holds before its first record; its records are
    separated by `,` and followed by JSON_TAIL."""
    return table_json(table, [], updated, licence)[: -len(JSON_TAIL)]


def json_records_bytes(table: str, records: list[dict]) -> bytes:
    """These records as they stand between a table's JSON head and tail."""
    document = table_json(table, records, NEVER, licences.configured())
    return document[len(json_head(table, NEVER, licences.configured())) : -len(JSON_TAIL)]


def national_extras(
    rows: list,
    updated: dict[int, dt.datetime],
    totals: dict[str, int],
    tables: dict[str, tuple[int, str]],
) -> dict[str, bytes]:
    """The country's files besides its tables: the dictionary, the metadata, the data
    package (`tables`: each table's CSV name -> its size and SHA-256) and the catalog."""
    licence = licences.configured()
    newest = max(updated.values(), default=NEVER)
    meta: export.Metadata = {
        "format": export.EXPORT_FORMAT,
        "version": export.EXPORT_VERSION,
        "generated_at": _iso(newest),
        "licence": _licence_meta(licence),
        "source": {"name": export.SOURCE, "communes": sorted({row.name for row in rows})},
        "rows": totals,
    }
    empty: dict[str, list[dict]] = {table: [] for table in TABLES}
    extras = export.csv_files(empty, meta, public=True)
    described = dict(tables) | {name: facts(extras[name]) for name in NATIONAL_EXTRAS}
    files = {f"{DATA}/{name}": extras[name] for name in NATIONAL_EXTRAS}
    files[f"{DATA}/{DATAPACKAGE}"] = datapackage(described, TITLE, newest, licence)
    files[f"{DATA}/{CATALOG}"] = _json(catalog(rows, updated, licence, totals))
    return files


# --- The sitemap ---------------------------------------------------------------------
def sitemap_entries(catalog_bytes: bytes) -> list[SitemapEntry]:
    """The open data's addresses for the sitemap, read from the catalog: the country's
    files dated by the newest change, each commune's by its own."""
    document = json.loads(catalog_bytes)
    national = document["updated"][:10]
    entries = [SitemapEntry(f"{DATA}/{name}", national) for name in document["files"]]
    entries.append(SitemapEntry(f"{DATA}/{CATALOG}", national))
    for commune in document["communes"]:
        day = commune["updated"][:10]
        entries.extend(SitemapEntry(f"{DATA}/{name}", day) for name in commune["files"])
    return entries


def sitemap_fragment(base_url: str, entries: Iterable[SitemapEntry]) -> str:
    """The entries as the <url> elements of a sitemap.xml, under `base_url` (the site's
    public address, ending in /)."""
    return "".join(
        f"<url><loc>{escape(base_url + entry.path)}</loc><lastmod>{entry.lastmod}</lastmod></url>\n"
        for entry in entries
    )
