"""What an administrator does to communes, from the administration page (pages/10_Admin.py)
and the command line (`python -m musharaka communes`): list them with their names and
aliases, add an alias or remove one, add a commune of the reference list.

Each change is written with its audit entry in one transaction. A refusal is a vocabulary
key (the page shows it in the reader's language, the command line in English) with the
values it names; nothing is written then. No Streamlit here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, delete, insert, select

from etl.plan.communes import new_commune
from musharaka import audit, db
from musharaka.communes import CommuneNames, reference_by_code, reference_communes
from musharaka.models import Commune, CommuneAlias, text_limit, utc_now
from musharaka.text import fold

ALIAS_LIMIT = text_limit(CommuneAlias.__table__.c.alias)


@dataclass(frozen=True)
class Refusal:
    """Why a change was refused: a vocabulary key, and the values its text names."""

    key: str
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CommuneRow:
    """One commune as the list shows it."""

    id: int
    name: str
    name_ar: str | None
    name_fr: str | None
    province: str | None
    code: str | None
    aliases: tuple[str, ...]


def commune_rows(conn: Connection) -> list[CommuneRow]:
    """Every commune with its names and aliases, by name."""
    aliases: dict[int, list[str]] = {}
    for commune_id, alias in conn.execute(
        select(CommuneAlias.commune_id, CommuneAlias.alias).order_by(CommuneAlias.alias)
    ):
        aliases.setdefault(commune_id, []).append(alias)
    rows = conn.execute(
        select(
            Commune.id,
            Commune.name,
            Commune.name_ar,
            Commune.name_fr,
            Commune.province,
            Commune.code,
        ).order_by(Commune.name)
    ).all()
    return [
        CommuneRow(
            r.id, r.name, r.name_ar, r.name_fr, r.province, r.code, tuple(aliases.get(r.id, ()))
        )
        for r in rows
    ]


def _commune(conn: Connection, commune: str | int) -> tuple[int, str] | None:
    """(id, name) of the commune an id or any of its names gives."""
    known = CommuneNames.read(conn)
    text = str(commune).strip()
    place = known.by_id(int(text)) if text.isdigit() else known.find(text)
    if place is None or place.id is None:
        return None
    name = conn.execute(select(Commune.name).where(Commune.id == place.id)).scalar_one()
    return place.id, name


def add_alias(
    conn: Connection, commune: str | int, alias: str, *, actor: str, source: str
) -> Refusal | None:
    """Add `alias` as a name of `commune` (its id or a name); None when added. Refused
    when the alias is blank or too long, or already names this or another commune."""
    written = " ".join(alias.split())
    if not fold(written):
        return Refusal("communes_alias_blank")
    if len(written) > ALIAS_LIMIT:
        return Refusal("communes_alias_too_long", {"limit": str(ALIAS_LIMIT)})
    found = _commune(conn, commune)
    if found is None:
        return Refusal("communes_unknown", {"commune": str(commune).strip()})
    commune_id, name = found
    key = fold(written)
    owner = _named_by(conn, written)
    if owner is not None:
        owner_id, owner_name = owner
        if owner_id == commune_id:
            return Refusal("communes_alias_already", {"alias": written, "commune": name})
        return Refusal("communes_alias_taken", {"alias": written, "commune": owner_name})
    conn.execute(
        insert(CommuneAlias).values(
            key=key, alias=written, commune_id=commune_id, added_by=actor, added_at=utc_now()
        )
    )
    change = audit.Change(
        "commune_aliases", written, "insert", None, {"commune": name, "alias": written}
    )
    audit.record(conn, [change], actor=actor, source=source)
    return None


def _named_by(
    conn: Connection, written: str, province: str | None = None
) -> tuple[int, str] | None:
    """(id, name) of the commune a name already names (a name, an alias, or the same name
    but for an article: musharaka.communes' rules 1-3), if any."""
    place = CommuneNames.read(conn).find(written, province)
    if place is None or place.id is None:
        return None
    return place.id, conn.execute(select(Commune.name).where(Commune.id == place.id)).scalar_one()


def remove_alias(conn: Connection, alias: str, *, actor: str, source: str) -> Refusal | None:
    """Remove an alias (as written, or any spelling that folds alike); None when removed."""
    key = fold(alias)
    row = conn.execute(
        select(CommuneAlias.id, CommuneAlias.alias, Commune.name)
        .join(Commune, Commune.id == CommuneAlias.commune_id)
        .where(CommuneAlias.key == key)
    ).first()
    if row is None:
        return Refusal("communes_alias_unknown", {"alias": alias.strip()})
    conn.execute(delete(CommuneAlias).where(CommuneAlias.id == row.id))
    change = audit.Change(
        "commune_aliases", row.alias, "delete", {"commune": row.name, "alias": row.alias}, None
    )
    audit.record(conn, [change], actor=actor, source=source)
    return None


def reference_choices(conn: Connection) -> dict[str, str]:
    """The communes of the reference list not in the database yet, code -> label
    ("Lakhnafif · الخنافيف · Taroudant"), by French name."""
    taken = set(conn.execute(select(Commune.code).where(Commune.code.is_not(None))).scalars())
    return {
        r.code: f"{r.name_fr} · {r.name_ar} · {r.province}"
        for r in sorted(reference_communes(), key=lambda r: (fold(r.name_fr), r.code))
        if r.code not in taken
    }


def add_reference_commune(
    conn: Connection, code: str, *, actor: str, source: str
) -> Refusal | None:
    """Create the commune of the reference list with that code (its official names,
    province and region); None when created."""
    ref = reference_by_code(code)
    if ref is None:
        return Refusal("communes_unknown", {"commune": code})
    if _named_by(conn, ref.name_ar, ref.province) or _named_by(conn, ref.name_fr, ref.province):
        return Refusal("communes_exists", {"commune": ref.name_ar})
    if conn.execute(select(Commune.id).where(Commune.code == code)).first():
        return Refusal("communes_exists", {"commune": ref.name_ar})
    row = new_commune(ref.name_ar, ref.province)  # the row a load would create
    conn.execute(insert(Commune).values(**row))
    after = {k: row[k] for k in ("code", "name_ar", "name_fr", "province")}
    change = audit.Change("communes", ref.name_ar, "insert", None, after)
    audit.record(conn, [change], actor=actor, source=source)
    return None


def write(engine: Engine, change: Callable[..., Refusal | None], *args, **kwargs) -> Refusal | None:
    """One of the changes above in its own transaction (the page's way to call them): the
    change and its audit entry are committed together, or nothing is."""
    with db.writing(engine).begin() as conn:
        return change(conn, *args, **kwargs)
