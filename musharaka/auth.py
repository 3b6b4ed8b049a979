"""Who may do what: users, their passwords (argon2id), sign-in with a lockout after
repeated failures, sessions that end after inactivity, and the role rules every page
and every write checks.

No Streamlit here: the pages (musharaka.ui) and the command line (musharaka.users_cli)
call these functions, so both follow the same rules and leave the same audit entries.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, and_, case, delete, insert, or_, select, update

from musharaka import audit, db
from musharaka.audit import Change
from musharaka.communes import CommuneNames
from musharaka.models import Association, User, user_communes, utc_now
from musharaka.text import fold

# Roles from the least to the most trusted. The public needs no account.
ROLES = ("association", "editor", "admin")
MAX_FAILURES = 5  # failed sign-ins in a row before the account is locked
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 10
DEFAULT_SESSION_MINUTES = 30

# argon2-cffi's defaults are argon2id with RFC 9106's low-memory profile.
_HASHER = PasswordHasher()
# Verified against when the user name is unknown, so that a wrong name takes as long
# as a wrong password and does not tell which names exist.
_DUMMY_HASH = _HASHER.hash("not a password of anyone")


class AuthError(ValueError):
    """A user cannot be created or changed as asked; the message says why."""


@dataclass(frozen=True)
class Identity:
    """A signed-in user as the pages see it."""

    id: int
    username: str
    display_name: str | None
    role: str
    commune_ids: frozenset[int]
    association_id: int | None

    @property
    def name(self) -> str:
        return self.display_name or self.username

    def has_role(self, role: str) -> bool:
        """At least this role: an admin may do what an editor may, not what an
        association may (an association's reports speak for that association only)."""
        if role == "association":
            return self.role == "association"
        return ROLES.index(self.role) >= ROLES.index(role)

    def can_edit_commune(self, commune_id: int | None) -> bool:
        if self.role == "admin":
            return True
        return self.role == "editor" and commune_id in self.commune_ids

    def editable_communes(self) -> set[int] | None:
        """The communes whose data this user may change; None: every commune (an admin)."""
        return None if self.role == "admin" else set(self.commune_ids)


def session_minutes() -> int:
    """Minutes of inactivity after which a session ends (MUSHARAKA_SESSION_MINUTES)."""
    try:
        value = int(os.environ.get("MUSHARAKA_SESSION_MINUTES", DEFAULT_SESSION_MINUTES))
    except ValueError:
        return DEFAULT_SESSION_MINUTES
    return max(value, 1)


def session_expired(last_seen: dt.datetime, now: dt.datetime, minutes: int) -> bool:
    return now - last_seen > dt.timedelta(minutes=minutes)


def normalise_username(username: str) -> str:
    return unicodedata.normalize("NFKC", username).strip().lower()


def password_problem(password: str, username: str = "") -> str | None:
    """Why a password is refused, or None. A vocabulary key for the pages' message."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return "password_too_short"
    if username and normalise_username(password) == normalise_username(username):
        return "password_is_username"
    if len(set(password)) < 4:
        return "password_too_simple"
    return None


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


# --- sign-in -------------------------------------------------------------------------
@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in: an identity, or the reason (a vocabulary key)."""

    identity: Identity | None
    reason: str | None = None


def authenticate(
    conn: Connection, username: str, password: str, now: dt.datetime | None = None
) -> SignIn:
    """Check a user name and password; count failures and lock after MAX_FAILURES.

    The caller commits. Unknown names, wrong passwords, locked and disabled accounts all
    get the same answer after the same work (one argon2 verification), so the form does
    not tell which names exist. The failure count and the lock are kept by the database
    itself (`_count_failure`, `_accept`): attempts sent at the same moment from several
    tabs each count, and none of them gets past a lock another one set.
    """
    now = now or utc_now()
    name = normalise_username(username)
    user = conn.execute(
        select(User.id, User.password_hash, User.active).where(User.username == name)
    ).one_or_none()
    if user is None:
        _verify(_DUMMY_HASH, password)
        return SignIn(None, "sign_in_failed")
    # Verified even when the account is locked: a locked name costs what any name costs.
    if not _verify(user.password_hash, password) or not user.active:
        _count_failure(conn, user.id, name, now)
        return SignIn(None, "sign_in_failed")
    if not _accept(conn, user.id, user.password_hash, password, now):
        return SignIn(None, "sign_in_failed")  # locked: the right password waits too
    return SignIn(load_identity(conn, user.id))


def _count_failure(conn: Connection, user_id: int, name: str, now: dt.datetime) -> None:
    """Add one failure and lock at the MAX_FAILURES-th, in one UPDATE: the database adds
    to the count it holds (never to one read earlier) and holds the row until the caller
    commits, so simultaneous attempts are counted one after the other."""
    lock_ended = and_(User.locked_until.is_not(None), User.locked_until <= now)
    # After a lock has run out, counting starts afresh: five more tries, as at first.
    failures = case((lock_ended, 1), else_=User.failed_attempts + 1)
    locked_until = case(
        (User.locked_until > now, User.locked_until),  # a running lock is not lengthened
        (failures >= MAX_FAILURES, now + dt.timedelta(minutes=LOCK_MINUTES)),
        else_=None,
    )
    counted = conn.execute(
        update(User)
        .where(User.id == user_id)
        .values(failed_attempts=failures, locked_until=locked_until)
        .returning(User.failed_attempts)
    ).scalar_one()
    # The count reaches MAX_FAILURES exactly once per lock: later failures go past it.
    if counted == MAX_FAILURES:
        audit.record(
            conn,
            [Change("users", name, "lock", None, {"minutes": LOCK_MINUTES})],
            actor=name,
            source="sign_in",
            at=now,
        )


def _accept(
    conn: Connection, user_id: int, password_hash: str, password: str, now: dt.datetime
) -> bool:
    """Record a successful sign-in unless the account is locked at this moment; False when
    it is. The condition is checked by the UPDATE itself, which waits for any attempt
    still counting a failure on this row, so a lock set meanwhile is seen."""
    values: dict = {"failed_attempts": 0, "locked_until": None, "last_sign_in_at": now}
    if _HASHER.check_needs_rehash(password_hash):
        values["password_hash"] = hash_password(password)
    accepted = conn.execute(
        update(User)
        .where(User.id == user_id, or_(User.locked_until.is_(None), User.locked_until <= now))
        .values(**values)
    )
    return accepted.rowcount == 1


def _verify(hashed: str, password: str) -> bool:
    try:
        return _HASHER.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    # SQLite gives back naive datetimes; they were written in UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def load_identity(conn: Connection, user_id: int) -> Identity | None:
    """The user as they are now, or None when missing or disabled: read on every page
    run, so disabling an account or changing a role takes effect at once."""
    user = conn.execute(select(User).where(User.id == user_id)).one_or_none()
    if user is None or not user.active:
        return None
    communes = conn.execute(
        select(user_communes.c.commune_id).where(user_communes.c.user_id == user_id)
    ).scalars()
    return Identity(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        commune_ids=frozenset(communes),
        association_id=user.association_id,
    )


# --- managing users --------------------------------------------------------------------
def _commune_ids(conn: Connection, communes: Iterable[str | int]) -> list[int]:
    """Commune ids from ids or names (any name the commune is known by: musharaka.communes)."""
    wanted = [str(c).strip() for c in communes]
    if not wanted:
        return []
    known = CommuneNames.read(conn)
    ids = []
    for item in wanted:
        place = known.by_id(int(item)) if item.isdigit() else known.find(item)
        if place is None or place.id is None:
            raise AuthError(f"unknown commune: {item}")
        ids.append(place.id)
    return sorted(set(ids))


def _association_id(conn: Connection, association: str | int | None) -> int | None:
    if association is None or association == "":
        return None
    if isinstance(association, int) or str(association).isdigit():
        query = select(Association.id).where(Association.id == int(association))
    else:
        query = select(Association.id).where(Association.key == fold(str(association)))
    found = conn.execute(query).scalar()
    if found is None:
        raise AuthError(f"unknown association: {association}")
    return found


def _check_role(role: str, commune_ids: list[int], association_id: int | None) -> None:
    if role not in ROLES:
        raise AuthError(f"unknown role {role!r}: one of {', '.join(ROLES)}")
    if role == "editor" and not commune_ids:
        raise AuthError("an editor needs at least one commune (--commune)")
    if role == "association" and association_id is None:
        raise AuthError("an association's user needs its association (--association)")


def create_user(
    conn: Connection,
    username: str,
    password: str,
    role: str,
    *,
    communes: Iterable[str | int] = (),
    association: str | int | None = None,
    display_name: str | None = None,
    actor: str,
    source: str,
) -> int:
    """Add a user; the caller commits. Raises AuthError with the reason."""
    name = normalise_username(username)
    if not name or len(name) > 120 or any(c.isspace() for c in name):
        raise AuthError("a user name is one word of at most 120 characters")
    problem = password_problem(password, name)
    if problem:
        raise AuthError(PASSWORD_MESSAGES[problem])
    if conn.execute(select(User.id).where(User.username == name)).scalar() is not None:
        raise AuthError(f"the user {name!r} exists already")
    commune_ids = _commune_ids(conn, communes)
    association_id = _association_id(conn, association)
    _check_role(role, commune_ids, association_id)
    user_id = db.insert_one(
        conn,
        insert(User).values(
            username=name,
            display_name=display_name,
            role=role,
            association_id=association_id,
            password_hash=hash_password(password),
            active=True,
            failed_attempts=0,
        ),
    )
    if commune_ids:
        conn.execute(
            insert(user_communes), [{"user_id": user_id, "commune_id": c} for c in commune_ids]
        )
    after = {"role": role, "communes": commune_ids, "association_id": association_id}
    audit.record(conn, [Change("users", name, "insert", None, after)], actor=actor, source=source)
    return user_id


def _user(conn: Connection, username: str):
    user = conn.execute(
        select(User).where(User.username == normalise_username(username))
    ).one_or_none()
    if user is None:
        raise AuthError(f"no user named {username!r}")
    return user


def set_active(conn: Connection, username: str, active: bool, *, actor: str, source: str) -> None:
    user = _user(conn, username)
    conn.execute(update(User).where(User.id == user.id).values(active=active))
    change = Change(
        "users",
        user.username,
        "enable" if active else "disable",
        {"active": user.active},
        {"active": active},
    )
    audit.record(conn, [change], actor=actor, source=source)


def set_password(
    conn: Connection, username: str, password: str, *, actor: str, source: str
) -> None:
    user = _user(conn, username)
    problem = password_problem(password, user.username)
    if problem:
        raise AuthError(PASSWORD_MESSAGES[problem])
    conn.execute(
        update(User)
        .where(User.id == user.id)
        .values(password_hash=hash_password(password), failed_attempts=0, locked_until=None)
    )
    # The audit says that it changed, never what it is.
    change = Change("users", user.username, "password", None, {"password": "changed"})
    audit.record(conn, [change], actor=actor, source=source)


def unlock(conn: Connection, username: str, *, actor: str, source: str) -> None:
    user = _user(conn, username)
    conn.execute(
        update(User).where(User.id == user.id).values(failed_attempts=0, locked_until=None)
    )
    change = Change("users", user.username, "unlock", None, None)
    audit.record(conn, [change], actor=actor, source=source)


def set_role(
    conn: Connection,
    username: str,
    role: str,
    *,
    communes: Iterable[str | int] = (),
    association: str | int | None = None,
    actor: str,
    source: str,
) -> None:
    """Change a user's role, communes and association together (they must agree)."""
    user = _user(conn, username)
    commune_ids = _commune_ids(conn, communes)
    association_id = _association_id(conn, association)
    _check_role(role, commune_ids, association_id)
    before_communes = sorted(
        conn.execute(
            select(user_communes.c.commune_id).where(user_communes.c.user_id == user.id)
        ).scalars()
    )
    conn.execute(
        update(User).where(User.id == user.id).values(role=role, association_id=association_id)
    )
    conn.execute(delete(user_communes).where(user_communes.c.user_id == user.id))
    if commune_ids:
        conn.execute(
            insert(user_communes), [{"user_id": user.id, "commune_id": c} for c in commune_ids]
        )
    before = {"role": user.role, "communes": before_communes, "association_id": user.association_id}
    after = {"role": role, "communes": commune_ids, "association_id": association_id}
    change = Change(
        "users",
        user.username,
        "update",
        *audit.diff(list(before), list(before.values()), list(after.values())),
    )
    audit.record(conn, [change], actor=actor, source=source)


PASSWORD_MESSAGES = {
    "password_too_short": f"a password needs at least {MIN_PASSWORD_LENGTH} characters",
    "password_is_username": "a password must not be the user name",
    "password_too_simple": "a password needs at least 4 different characters",
}
