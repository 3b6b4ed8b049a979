"""The administration page's read-only queries: the audit log narrowed by a filter and paged
in SQL (newest first), the choices its filters offer, and the users with their communes,
association, state and last sign-in (never their password hashes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, String, cast, func, select

from musharaka.models import Association, AuditEntry, Commune, CommuneAlias, User, user_communes

PAGE_SIZE = 50  # audit entries per page of the log
EXPORT_LIMIT = 100_000  # the most entries one export holds


@dataclass(frozen=True)
class AuditFilter:
    """What an administrator narrowed the log to; an empty field means 'all'."""

    date_from: dt.date | None = None  # days in UTC, both ends included
    date_to: dt.date | None = None
    actors: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()
    record_key: str = ""  # part of the record's key, any case


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)


def filtered(query: Select, f: AuditFilter) -> Select:
    """`query` (over audit_log) with a clause for each field the filter sets."""
    a = AuditEntry
    if f.date_from:
        query = query.where(a.at >= _day_start(f.date_from))
    if f.date_to:
        query = query.where(a.at < _day_start(f.date_to + dt.timedelta(days=1)))
    if f.actors:
        query = query.where(a.actor.in_(f.actors))
    if f.sources:
        query = query.where(a.source.in_(f.sources))
    if f.tables:
        query = query.where(a.table_name.in_(f.tables))
    if f.record_key.strip():
        # `%` and `_` typed by the administrator are matched as themselves.
        query = query.where(a.record_key.icontains(f.record_key.strip(), autoescape=True))
    return query


def entries(f: AuditFilter, limit: int = PAGE_SIZE, offset: int = 0) -> Select:
    """One page of the filtered log, newest first."""
    a = AuditEntry
    query = select(
        a.id,
        a.at,
        a.actor,
        a.source,
        a.action,
        a.table_name,
        a.record_key,
        a.before_json,
        a.after_json,
    )
    return filtered(query, f).order_by(a.at.desc(), a.id.desc()).limit(limit).offset(offset)


def entry_count(f: AuditFilter) -> Select:
    """How many entries the filter keeps (one row, one column: `count`)."""
    return filtered(select(func.count().label("count")).select_from(AuditEntry), f)


def _distinct(column) -> Select:
    return select(column.label("value")).distinct().order_by(column)


def actor_options() -> Select:
    return _distinct(AuditEntry.actor)


def source_options() -> Select:
    return _distinct(AuditEntry.source)


def table_options() -> Select:
    return _distinct(AuditEntry.table_name)


# --- users ---------------------------------------------------------------------------
def users() -> Select:
    """Every user: name, role, communes (ids, comma-separated), association, whether
    active, until when locked and when last signed in. The password hash is left out."""
    commune_ids = (
        select(func.aggregate_strings(cast(user_communes.c.commune_id, String), ","))
        .where(user_communes.c.user_id == User.id)
        .scalar_subquery()
    )
    return (
        select(
            User.id,
            User.username,
            User.display_name,
            User.role,
            commune_ids.label("commune_ids"),
            User.association_id,
            Association.name.label("association"),
            User.active,
            User.locked_until,
            User.last_sign_in_at,
        )
        .outerjoin(Association, Association.id == User.association_id)
        .order_by(User.username)
    )


def commune_options() -> Select:
    """The communes a user can be given, by name."""
    return select(Commune.id, Commune.name).order_by(Commune.name, Commune.id)


def communes_named() -> Select:
    """Every commune with its names, province and official code, by name."""
    return select(
        Commune.id,
        Commune.name,
        Commune.name_ar,
        Commune.name_fr,
        Commune.province,
        Commune.code,
    ).order_by(Commune.name, Commune.id)


def commune_aliases() -> Select:
    """Every alias of a commune, by alias."""
    return select(
        CommuneAlias.alias, CommuneAlias.commune_id, CommuneAlias.added_by, CommuneAlias.added_at
    ).order_by(CommuneAlias.alias)


def association_options() -> Select:
    """The associations an association's user can speak for, by name (no contact details)."""
    return select(Association.id, Association.name).order_by(Association.name, Association.id)
