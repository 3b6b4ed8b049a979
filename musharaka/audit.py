"""The audit log: one append-only entry per change, whatever made it (form, upload, load,
command line). Entries are written in the same transaction as the change they describe,
so a change and its entry are committed, or refused, together.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, insert

from musharaka.models import AuditEntry, utc_now


@dataclass(frozen=True)
class Change:
    """One record's change: its table and key, what it was and what it became.

    `before` is None for a new record; both hold only the fields that differ (all of
    them for a new record)."""

    table: str
    key: str
    action: str
    before: dict | None
    after: dict | None


def diff(fields: Sequence[str], old: Sequence, new: Sequence) -> tuple[dict, dict]:
    """The fields whose values differ, as (before, after)."""
    before, after = {}, {}
    for name, was, now in zip(fields, old, new, strict=True):
        if was != now:
            before[name], after[name] = was, now
    return before, after


def _json(value: dict | None) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, default=_plain, sort_keys=True)


def _plain(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    return str(value)


def record(
    conn: Connection,
    changes: Iterable[Change],
    *,
    actor: str,
    source: str,
    at: dt.datetime | None = None,
) -> int:
    """Append one entry per change; returns how many were written."""
    when = at or utc_now()
    rows = [
        {
            "at": when,
            "actor": actor,
            "source": source,
            "action": c.action,
            "table_name": c.table,
            "record_key": None if c.key is None else str(c.key)[:200],
            "before_json": _json(c.before),
            "after_json": _json(c.after),
        }
        for c in changes
    ]
    if rows:
        conn.execute(insert(AuditEntry), rows)
    return len(rows)


def command_line_actor() -> str:
    """Who a command-line change is from, for the audit log: the system account."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no account name (some containers)
        return "cli"
