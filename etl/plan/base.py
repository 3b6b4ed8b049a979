"""What every table's planner shares: the accepted row (Candidate), lookups in chunks, the
first-of-each-key rule, and `TablePlanner`, which compares a table's records with the
database by the fields its planner declares and decides inserted/updated/unchanged."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Collection, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import Connection, Table, bindparam, delete, func, select, update

from etl.bulk import bulk_insert, foreign_keys_checked_after
from etl.report import LoadReport, Origin, Place
from etl.validate import Record
from musharaka.dates import before_meeting_problem
from musharaka.loader_text import english
from musharaka.models import Association
from musharaka.text import fold

if TYPE_CHECKING:
    from etl.plan.orchestrator import Plan
    from etl.readers.meeting_hint import MeetingHint

# progress(stage, done, total): called as work advances, for a terminal bar or a page.
Progress = Callable[[str, int, int], None]

# The most keys one lookup statement carries (databases limit a statement's parameters).
CHUNK = 500


class Candidate:
    """An accepted row waiting for its outcome. `hint`: for a recommendation read from a
    table without a meeting column, where its meeting is to be found (its record's
    meeting_id is None until etl.plan.meeting_hints sets it).

    A load holds millions of them until it writes: each keeps its row number and, shared
    with every row of its sheet, the `place` (file, sheet, table) a reader gives, instead
    of an Origin of its own (72 bytes a row); `origin` is made again when asked."""

    __slots__ = ("_row", "hint", "place", "record")

    def __init__(
        self,
        origin: Origin,
        record: Record,
        hint: MeetingHint | None = None,
        place: Place | None = None,
    ) -> None:
        self.place = origin[:3] if place is None else place
        self._row = origin.row
        self.record = record
        self.hint = hint

    @classmethod
    def at(
        cls, place: Place, row: int, record: Record, hint: MeetingHint | None = None
    ) -> Candidate:
        """A row read at `row` of the sheet at `place`, without an Origin made for it (a
        reader's millions of rows: most have nothing to report)."""
        candidate = cls.__new__(cls)
        candidate.place, candidate._row, candidate.record, candidate.hint = place, row, record, hint
        return candidate

    @property
    def origin(self) -> Origin:
        return Origin(*self.place, self._row)

    def __repr__(self) -> str:
        return f"Candidate({self.origin!r}, {self.record!r}, {self.hint!r})"


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a table's records, as its planner declares it.

    `column`: the model's column it is stored in as it is ("" when it is stored otherwise:
    a reference, a list of links, a joined text). `incoming(record, old)` gives the value
    compared for a record (default: the record's own), `stored(row, links)` the value of
    the row in the database (default: the row's `column`). `compared=False`: part of the
    record's identity, or only written."""

    name: str
    column: str | None = None  # None: the field's own name
    incoming: Callable[[dict, dict], Any] | None = None  # only asked when a row exists
    stored: Callable[[Any, dict], Any] | None = None
    compared: bool = True

    @property
    def stored_as(self) -> str:
        return self.name if self.column is None else self.column


def _own_value(name: str) -> Callable[[dict, dict], Any]:
    """A field's default `incoming`: the record's own value."""
    return lambda record, old: record[name]


def _column_value(column: str) -> Callable[[Any, dict], Any]:
    """A field's default `stored`: the row's column."""
    return lambda row, links: getattr(row, column)


def copied(fields: Iterable[Field]) -> tuple[str, ...]:
    """The fields written as they are into the model's column of the same name."""
    return tuple(f.name for f in fields if f.column is None and f.incoming is None)


def _kept_place(name: str) -> Callable[[dict, dict], Any]:
    """A coordinate as a row gives it, or the stored one when the row has no coordinate
    columns (a form, a file without them): see etl.validate._place."""
    return lambda record, old: record[name] if name in record else old[name]


# The contract's latitude and longitude of a meeting or a recommendation.
PLACE_FIELDS = (
    Field("latitude", incoming=_kept_place("latitude")),
    Field("longitude", incoming=_kept_place("longitude")),
)


def place_values(record: dict, old: dict | None) -> dict[str, float | None]:
    """The coordinates a row writes: its own, or those stored when it has none."""
    if "latitude" in record or old is None:
        return {"latitude": record.get("latitude"), "longitude": record.get("longitude")}
    return {"latitude": old["latitude"], "longitude": old["longitude"]}


def fetch(conn: Connection, column, keys: Iterable, *columns) -> list:
    """Rows of `columns` whose `column` is among `keys`, in chunks."""
    return fetch_where(conn, select(*columns), column, keys)


def fetch_where(conn: Connection, query, column, keys: Iterable) -> list:
    """The rows of `query` whose `column` is among `keys`, asked in chunks so that no
    statement carries more parameters than a database accepts."""
    keys = list(keys)
    found: list[Any] = []
    for start in range(0, len(keys), CHUNK):
        found.extend(conn.execute(query.where(column.in_(keys[start : start + CHUNK]))).all())
    return found


def has_rows(conn: Connection, model) -> bool:
    return conn.execute(select(model.id).limit(1)).first() is not None


def join_list(items: list[str]) -> str | None:
    return "; ".join(items) if items else None


def insert_dicts(conn: Connection, table, rows: Iterable[dict], binary: bool = False) -> None:
    """Insert `rows`, dicts with the same keys, maybe made as they are written
    (etl.bulk.bulk_insert, and its `binary`)."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return
    columns = list(first)
    take = itemgetter(*columns)  # each row's values in the columns' order, in one call
    values = (take(row) for row in itertools.chain((first,), rows))
    if len(columns) == 1:  # itemgetter gives one column's value alone, not in a tuple
        values = ((value,) for value in values)
    bulk_insert(conn, table, columns, values, binary=binary)


def update_versioned(conn: Connection, table, rows: list[dict]) -> None:
    """Write `rows` over the records their `b_id` names, each one version newer, so that a
    form opened on the version before refuses to overwrite the change."""
    if rows:
        conn.execute(
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(version=table.c.version + 1),
            rows,
        )


def dedupe(
    candidates: list[Candidate], key_of: Callable[[dict], str], column: str, report: LoadReport
) -> dict[str, Candidate]:
    """The first row of each natural key; exact repeats are merged, others rejected."""
    kept: dict[str, Candidate] = {}
    for candidate in candidates:
        key = key_of(candidate.record)
        first = kept.get(key)
        if first is None:
            kept[key] = candidate
        else:
            report_repeat(candidate, first, column, report, key)
    return kept


def report_repeat(
    candidate: Candidate, first: Candidate, column: str, report: LoadReport, key=None
) -> None:
    """A row whose key an earlier row has: merged when it is an exact repeat, rejected
    as a conflict otherwise, naming where the first is."""
    if first.record == candidate.record:
        report.outcome(candidate.place, "merged")
        return
    key = candidate.record[column] if key is None else key
    at = first.origin
    report.reject(
        candidate.origin,
        column,
        "duplicate_conflict",
        key,
        english(
            "loader_duplicate",
            column=column,
            value=key,
            where=at.file + (f" [{at.sheet}]" if at.sheet else ""),
            row=at.row,
        ),
        record=candidate.record,
    )


def look_up_new(
    known: dict, absent: set, keys: set, find: Callable[[set], Iterable[tuple]]
) -> None:
    """What the database says of the keys a chunk of rows names: `known` takes the pairs
    `find` gives for the keys neither known nor already looked up in vain, and `absent`
    the keys it gives nothing for. Each key is asked once however many chunks name it.

    The chunk's keys are each looked up, not subtracted as sets: `keys - known.keys()`
    walks the whole of `known` (a set minus a dict's keys is the dict's keys taken away
    one by one), and a national load's status updates asked that of a million
    recommendations once a chunk, 255 times: 37 of its seconds."""
    unseen = {key for key in keys if key not in known and key not in absent}
    if unseen:
        known.update(find(unseen))
        absent.update(key for key in unseen if key not in known)


def association_links(conn: Connection, table, owner_column: str, owner_ids) -> dict:
    """Association keys linked to each owner id, in their written order."""
    links: dict[int, list[tuple[int, str]]] = {}
    owner = table.c[owner_column]
    query = select(owner, table.c.position, Association.key).join(
        Association, Association.id == table.c.association_id
    )
    for owner_id, position, key in fetch_where(conn, query, owner, owner_ids):
        links.setdefault(owner_id, []).append((position, key))
    return {k: tuple(key for _, key in sorted(v)) for k, v in links.items()}


def link_rows(owner_id: int, names: Iterable[str], association_ids: dict[str, int]) -> list:
    """(owner id, association id, position) of each named association, in the given order:
    the rows of meeting_associations and recommendation_proposers."""
    return [
        (owner_id, association_ids[fold(name)], position) for position, name in enumerate(names)
    ]


def relink(conn, table, owner_column, owners, association_ids, stale=None) -> None:
    """Replace the association links of `owners` ((id, names) pairs, maybe made as they
    are written: etl.bulk.bulk_insert); the links of `stale` owners are deleted first
    (all of `owners` when not given: it is then a list)."""
    if stale is None:
        stale = [owner_id for owner_id, _ in owners]
    stale = list(stale)
    for start in range(0, len(stale), CHUNK):
        chunk = stale[start : start + CHUNK]
        conn.execute(delete(table).where(table.c[owner_column].in_(chunk)))
    columns = (owner_column, "association_id", "position")
    rows = (
        row for owner_id, names in owners for row in link_rows(owner_id, names, association_ids)
    )
    bulk_insert(conn, table, columns, rows, binary=True)  # ids and positions: ints


@contextmanager
def indexes_rebuilt_if_bulk(
    conn: Connection,
    model,
    incoming: int,
    links: tuple[Table, ...] = (),
    unseen: Collection[str] = (),
):
    """When a load brings more rows than a table holds, drop its secondary indexes while
    inserting and build them again after: one sorted build is much cheaper than millions of
    single updates. On PostgreSQL its foreign keys and those of `links` (the tables of its
    links, written with it) that point to `unseen` tables (empty when the load began) are
    checked after the inserts too, in one pass each (etl.bulk.foreign_keys_checked_after).
    Both happen inside the load's transaction (on SQLite too: the engine begins every
    transaction itself, see musharaka.db), so a load that fails or is killed before it
    commits keeps them: its rollback restores them."""
    indexes = [i for i in model.__table__.indexes if not i.unique]
    bulk = incoming > 10_000 and bool(indexes)
    if bulk:
        present = conn.execute(select(func.count()).select_from(model.__table__)).scalar_one()
        # On PostgreSQL dropping an index locks the table against readers until the load
        # commits: only worth it for a first load, when there is nothing to read yet.
        bulk = present == 0 if conn.dialect.name == "postgresql" else incoming > present
    if not bulk:
        yield
        return
    with foreign_keys_checked_after(conn, (model.__table__, *links), unseen):
        for index in indexes:
            index.drop(conn)
        yield
        # Built again only after the inserts succeeded: after an error the transaction
        # rolls back, which restores them, and on PostgreSQL a failed transaction refuses
        # any further statement (that error would hide the one the user needs to read).
        for index in indexes:
            index.create(conn)


def reject_before_meeting(
    report: LoadReport, candidate: Candidate, column: str, meeting: dt.date
) -> bool:
    """Reject (out_of_range) a target or update dated before its recommendation's
    meeting; True when it was."""
    date = candidate.record.get(column)
    if date is None or date >= meeting:  # nearly every row: no message to make
        return False
    what = english(
        "loader_word_target_date" if column == "target_date" else "loader_word_update_date"
    )
    message = before_meeting_problem(what, date, meeting)
    if message is None:
        return False
    report.reject(
        candidate.origin, column, "out_of_range", date.isoformat(), message, record=candidate.record
    )
    if column == "target_date":
        rejected = report.rejected_ids.setdefault("recommendations", set())
        rejected.add(candidate.record["recommendation_id"])
    return True


def reject_unknown(
    report: LoadReport,
    candidate: Candidate,
    column: str,
    rejected: Collection[str],
    unknown: str,
    unknown_rejected: str,
) -> None:
    """Reject (unknown_reference) a row naming, under `column`, a row found neither in the
    database nor among this load's: `unknown_rejected` is the message when this load
    rejected that row itself (the reader is told why it is missing), `unknown` otherwise."""
    code = candidate.record[column]
    message = english(unknown_rejected if code in rejected else unknown, code=code)
    report.reject(
        candidate.origin, column, "unknown_reference", code, message, record=candidate.record
    )


class TablePlanner:
    """One table of the contract: what a planner declares (its model, the column naming a
    row, its fields), and the generic part, which compares each kept record with the row
    of the same key and decides its outcome. A subclass resolves its references and
    rights before `decide` and writes after."""

    table: ClassVar[str]
    model: ClassVar[Any]
    key: ClassVar[str]  # the contract's column that names a row (its natural key)
    fields: ClassVar[tuple[Field, ...]]

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.conn: Connection = plan.conn
        self.report: LoadReport = plan.report
        self.kept: dict[Any, Candidate] = {}
        # key -> {"id": ..., "compare": the stored values of the compared fields, ...}
        self.existing: dict[Any, dict] = {}
        self.to_write: list[Candidate] = []  # inserted and updated, in read order
        compared = [f for f in self.fields if f.compared]
        self.compared = tuple(f.name for f in compared)
        self._incoming = tuple(f.incoming or _own_value(f.name) for f in compared)
        self._stored = tuple(f.stored or _column_value(f.stored_as) for f in compared)
        # The compared fields of a record, as a tuple to compare with stored_values. The
        # biggest table (status updates) compares plain fields only: one itemgetter per
        # record instead of a call per field.
        self.incoming_values: Callable[[dict, dict], tuple] = self._each_incoming
        if len(compared) > 1 and all(f.incoming is None for f in compared):
            take = itemgetter(*self.compared)
            self.incoming_values = lambda record, old: take(record)

    @classmethod
    def columns(cls) -> tuple[str, ...]:
        """The contract's columns of the table's files, the key first."""
        return (cls.key, *(f.name for f in cls.fields))

    def stored_values(self, row, links: dict) -> tuple:
        return tuple([stored(row, links) for stored in self._stored])

    def _each_incoming(self, record: dict, old: dict) -> tuple:
        return tuple([incoming(record, old) for incoming in self._incoming])

    def resolve(self, candidates: list[Candidate]) -> None:
        """Check the table's accepted rows (references, rights, repeats), then `decide`."""
        raise NotImplementedError

    def audit_key(self, key, record: dict) -> str:
        return str(key)

    def outcome_of(self, key, record: dict, old: dict | None) -> str:
        """inserted (no row has its key), unchanged (every compared field equal) or
        updated (the audit log keeps the fields that changed, before and after)."""
        if old is None:
            return "inserted"
        new = self.incoming_values(record, old)
        if new == old["compare"]:
            return "unchanged"
        self.plan.changed(
            self.table, self.audit_key(key, record), self.compared, old["compare"], new
        )
        return "updated"

    def decide(self) -> None:
        """Each kept record's outcome (outcome_of), reported; those inserted or updated
        go to `to_write`."""
        existing, to_write, tally = self.existing, self.to_write, self.report.tally()
        for key, candidate in self.kept.items():
            outcome = self.outcome_of(key, candidate.record, existing.get(key))
            tally.add(candidate.place, outcome)
            if outcome != "unchanged":
                to_write.append(candidate)
        tally.close()
