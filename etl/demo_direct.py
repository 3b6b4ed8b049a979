"""The demo straight into an empty database (`load_direct`): each generated row goes
through the row shaping a file load uses (the table planners' `values`/`row`, etl.plan),
so the database is exactly what `etl.load.run_load` of the demo's files would write and a
later load of those files finds every row unchanged. Ids are given here, in order."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from sqlalchemy import Connection, Engine, func, insert, select, text

from etl.bulk import bulk_insert, converter, vacuum_after_bulk
from etl.current import latest_state
from etl.demo_generate import (
    ASSOCIATION_COLUMNS,
    DOUAR_COLUMNS,
    FILE_COLUMNS,
    LIST_SEPARATOR,
    MEETING_COLUMNS,
    RECOMMENDATION_COLUMNS,
    STATUS_UPDATE_COLUMNS,
    demo_communes,
    file_name,
)
from etl.parts import refresh_with_parents
from etl.plan import associations, meetings, recommendations, status_updates
from etl.plan.base import link_rows
from etl.plan.communes import new_commune
from etl.plan.douars import douar_row
from etl.report import LoadReport, Origin
from etl.scores import refresh_all_scores
from etl.validate import implied_progress, status_fingerprint
from musharaka import audit
from musharaka.audit import Change
from musharaka.dates import latest_update_day
from musharaka.db import WriterBusy, exclusive_write, insert_one
from musharaka.models import (
    Association,
    Base,
    Commune,
    LoadRun,
    Meeting,
    Recommendation,
    StatusUpdate,
    utc_now,
)
from musharaka.text import fold

Progress = Callable[[str, int, int], None]

CHUNK = 20_000
DIRECT_TABLES = (
    "communes",
    "douars",
    "associations",
    "meetings",
    "meeting_associations",
    "recommendations",
    "recommendation_proposers",
    "status_updates",
)
_LINK_COLUMNS = {
    "meeting_associations": ("meeting_id", "association_id", "position"),
    "recommendation_proposers": ("recommendation_id", "association_id", "position"),
}
_CHECKED_EMPTY = (Meeting, Recommendation, StatusUpdate, Commune, Association)


class _Bulk:
    """Buffers rows per table and writes them in chunks, parents before children, with
    etl.bulk (COPY on PostgreSQL, the driver's executemany on SQLite) on the connection of
    the surrounding transaction. A table's columns are those of its first row (a dict);
    later rows come as tuples of their values, in the same order."""

    def __init__(self, conn: Connection, chunk: int = CHUNK) -> None:
        self.conn = conn
        self.chunk = chunk
        self.postgres = conn.dialect.name == "postgresql"
        self.buffers: dict[str, list[tuple]] = {t: [] for t in DIRECT_TABLES}
        self.counts = dict.fromkeys(DIRECT_TABLES, 0)
        self.columns: dict[str, tuple[str, ...]] = dict(_LINK_COLUMNS)
        self.columns["status_updates"] = ("id", *status_updates.COLUMNS)
        meetings_table = Base.metadata.tables["meetings"]
        # Dates and timestamps as the driver stores them (text on SQLite), each day once.
        self.day = converter(conn, meetings_table, "date")
        self.timestamp = converter(conn, meetings_table, "updated_at")

    def add_dict(self, table: str, row: dict[str, object]) -> None:
        if table not in self.columns:
            self.columns[table] = tuple(row)
        self.add(table, tuple(row.values()))

    def add(self, table: str, row: tuple) -> None:
        buffer = self.buffers[table]
        buffer.append(row)
        if len(buffer) >= self.chunk:
            self.flush(upto=table)

    def flush(self, upto: str | None = None) -> None:
        for table in DIRECT_TABLES:
            rows = self.buffers[table]
            if rows:
                table_object = Base.metadata.tables[table]
                bulk_insert(self.conn, table_object, self.columns[table], rows, converted=True)
                self.counts[table] += len(rows)
                self.buffers[table] = []
            if table == upto:
                return


def _require_empty(conn: Connection) -> None:
    for model in _CHECKED_EMPTY:
        count = conn.execute(select(func.count()).select_from(model)).scalar_one()
        if count:
            raise ValueError(
                f"load_direct needs an empty database, but table '{model.__tablename__}' "
                f"already holds {count} rows: load the demo files with `python -m etl load` "
                "instead, or start from an empty database"
            )


def _consistent(status: str, progress: int | None) -> float | None:
    """The progress the ETL stores for this status and progress (etl.validate's rule)."""
    return implied_progress(status, None if progress is None else float(progress))


def _items(text_value: str | None) -> list[str]:
    """A list cell as the validator reads it."""
    return text_value.split(LIST_SEPARATOR) if text_value else []


def load_direct(
    engine: Engine,
    communes: int,
    seed: int = 1,
    progress: Progress | None = None,
    *,
    chunk: int = CHUNK,
) -> dict[str, int]:
    """Insert the demo into an EMPTY database in one transaction; row counts per table.

    Writes what `run_load` of the same seed's files would (provenance, joined partners,
    current status by `latest_state`, fingerprints), so that a later load of those files
    reports every row unchanged. Raises ValueError when the database already holds data.
    """
    started = utc_now()
    try:
        # The one writer of the database, as a load is (musharaka.db).
        with exclusive_write(engine) as conn:
            _require_empty(conn)
            bulk = _Bulk(conn, chunk)
            parts = _write_direct(bulk, communes, seed, progress)
            bulk.flush()
            # As a load does: the parents' progress rolled up from their parts, then the
            # scorecards' summaries from the rows as left.
            refresh_with_parents(conn, (), parts)
            refresh_all_scores(conn)
            if bulk.postgres:
                for model in (Commune, Association, Meeting, Recommendation, StatusUpdate):
                    _reset_sequence(conn, model.__tablename__)
                conn.execute(text("ANALYZE " + ", ".join(DIRECT_TABLES)))
            _record_run(conn, bulk.counts, communes, seed, started)
    except WriterBusy as busy:
        raise ValueError(str(busy)) from busy
    vacuum_after_bulk(engine, bulk.counts["recommendations"])
    return dict(bulk.counts)


def _reset_sequence(conn: Connection, table: str) -> None:
    # Ids were given explicitly: the next insert by a load must not reuse one.
    conn.execute(
        text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table}")
    )


def _record_run(conn: Connection, counts: dict[str, int], communes: int, seed: int, started):
    report = LoadReport(committed=True)
    for table in ("meetings", "recommendations", "status_updates", "associations", "douars"):
        report.tables[table] = {
            "read": counts[table],
            "inserted": counts[table],
            "updated": 0,
            "unchanged": 0,
            "merged": 0,
            "rejected": 0,
        }
    document = report.as_dict()
    rows = sum(
        counts[t]
        for t in ("associations", "meetings", "recommendations", "status_updates", "douars")
    )
    run_id = insert_one(
        conn,
        insert(LoadRun).values(
            started_at=started,
            finished_at=utc_now(),
            source="demo",
            actor="cli",
            files=f"demo --communes {communes} --seed {seed}",
            rows_read=rows,
            rows_rejected=0,
            report_json=json.dumps(document, ensure_ascii=False),
        ),
    )
    entry = Change(
        "load_runs",
        str(run_id),
        "load",
        None,
        {"files": [f"demo --communes {communes} --seed {seed}"], "tables": document["tables"]},
    )
    audit.record(conn, [entry], actor="cli", source="demo")


def _write_direct(bulk: _Bulk, communes: int, seed: int, progress: Progress | None) -> list[int]:
    """Buffer every row of the demo in `bulk`; the ids of the recommendations that are
    parts of another (their parents' progress is rolled up once they are written)."""
    day = bulk.day
    parts: list[int] = []
    now = bulk.timestamp(utc_now())
    until = latest_update_day()
    association_ids: dict[str, int] = {}
    last_row: dict[str, int] = {}  # per file: the last row number used (the header is 1)
    ids = dict.fromkeys(("commune", "association", "meeting", "recommendation", "update"), 0)
    for done, commune in enumerate(demo_communes(communes, seed), start=1):
        profile = commune.profile
        region = profile.region_key
        files = {t: file_name(region, t) for t in FILE_COLUMNS}
        rows = {t: last_row.get(files[t], 1) for t in FILE_COLUMNS}

        def origin(table: str, files=files, rows=rows) -> Origin:
            """Where the row would be in the demo's file: the next row of that file."""
            rows[table] += 1
            return Origin(files[table], "", table, rows[table])

        ids["commune"] += 1
        commune_id = ids["commune"]
        bulk.add_dict(
            "communes",
            {"id": commune_id, **new_commune(profile.name, profile.province.name_fr)},
        )
        commune_ids = {fold(profile.name): commune_id}
        for cells in commune.douars:
            record = dict(zip(DOUAR_COLUMNS, cells, strict=True))
            douar = douar_row(record, origin("douars"))
            bulk.add_dict("douars", {"commune_id": commune_id, **douar})

        for cells in commune.associations:
            record = dict(zip(ASSOCIATION_COLUMNS, cells, strict=True))
            key = fold(record["name"])
            if key in association_ids:
                raise AssertionError(f"demo association name repeated: {record['name']}")
            ids["association"] += 1
            association_ids[key] = ids["association"]
            details = associations.details(record, origin("associations"), commune_ids)
            bulk.add_dict(
                "associations",
                {"id": ids["association"], "key": key, "name": record["name"], **details},
            )

        meeting_info: dict[str, tuple[int, dt.date]] = {}
        for cells in commune.meetings:
            record = dict(zip(MEETING_COLUMNS, cells, strict=True))
            record["associations"] = _items(record["associations"])
            ids["meeting"] += 1
            meeting_id = ids["meeting"]
            meeting_info[record["meeting_id"]] = (meeting_id, record["date"])
            row = meetings.values(record, origin("meetings"), commune_id, now)
            row["date"] = day(row["date"])
            bulk.add_dict("meetings", {"id": meeting_id, "code": record["meeting_id"], **row})
            for link in link_rows(meeting_id, record["associations"], association_ids):
                bulk.add("meeting_associations", link)

        updates = commune.status_updates
        j, n_updates = 0, len(updates)
        for cells in commune.recommendations:
            record = dict(zip(RECOMMENDATION_COLUMNS, cells, strict=True))
            code = record["recommendation_id"]
            record["domain_text"] = None
            record["proposed_by"] = _items(record["proposed_by"])
            record["partners"] = _items(record["partners"])
            budget = record["budget_mad"]
            record["budget_mad"] = None if budget is None else float(budget)
            weight = record["weight"]
            record["weight"] = None if weight is None else float(weight)
            record["progress"] = _consistent(record["status"], record["progress"])
            ids["recommendation"] += 1
            recommendation_id = ids["recommendation"]
            meeting_id, meeting_day = meeting_info[record["meeting_id"]]
            history, update_rows = [], []
            while j < n_updates and updates[j][0] == code:
                update = dict(zip(STATUS_UPDATE_COLUMNS, updates[j], strict=True))
                j += 1
                ids["update"] += 1
                update["progress"] = _consistent(update["status"], update["progress"])
                update["fingerprint"] = status_fingerprint(update)
                update_rows.append(
                    (
                        ids["update"],
                        *status_updates.row(
                            update, origin("status_updates").source, recommendation_id, now, day
                        ),
                    )
                )
                history.append(
                    (
                        update["date"],
                        ids["update"],
                        update["status"],
                        update["progress"],
                        update["stall_reason"],
                    )
                )
            # A recommendation's file row gives no reason with its first status.
            current_day, current_status, current_progress, current_reason = latest_state(
                (meeting_day, record["status"], record["progress"], None), history, until
            )
            parent = record["parent_id"]
            if parent is not None:
                parts.append(recommendation_id)
            row = recommendations.values(
                record, origin("recommendations"), meeting_id, commune_id, parent, now
            )
            row["target_date"] = day(row["target_date"])
            bulk.add_dict(
                "recommendations",
                {
                    "id": recommendation_id,
                    "code": code,
                    **row,
                    "current_status": current_status,
                    "current_progress": current_progress,
                    "current_status_date": day(current_day),
                    "current_stall_reason": current_reason,
                },
            )
            for link in link_rows(recommendation_id, record["proposed_by"], association_ids):
                bulk.add("recommendation_proposers", link)
            for update_row in update_rows:
                bulk.add("status_updates", update_row)
        for table, row_number in rows.items():
            last_row[files[table]] = row_number
        if progress:
            progress("loading demo", done, communes)
    return parts
