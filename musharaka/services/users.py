"""What an administrator does to users from the administration page (pages/10_Admin.py):
add a user, disable or enable, unlock, reset a password, change role and communes.

Every change goes through musharaka.auth with the administrator as actor and "admin" as
source, so it leaves the same audit entry as the command line does. The checks here come
first so that each refusal names its field with a vocabulary key (the page shows it next
to the field, in the reader's language); nothing is written when one is found.
No Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select

from musharaka import auth, db
from musharaka.models import User

SOURCE = "admin"


@dataclass(frozen=True)
class NewUser:
    """The add-a-user form as typed."""

    username: str
    display_name: str
    role: str
    communes: tuple[int, ...]
    association_id: int | None
    password: str
    again: str


def _password_problems(password: str, again: str, username: str) -> dict[str, str]:
    problem = auth.password_problem(password, username)
    if problem:
        return {"password": f"admin_{problem}"}
    if password != again:
        return {"again": "admin_passwords_differ"}
    return {}


def _scope_problems(role: str, communes: tuple[int, ...], association_id: int | None) -> dict:
    if role not in auth.ROLES:
        return {"role": "admin_role_unknown"}
    if role == "editor" and not communes:
        return {"communes": "admin_communes_needed"}
    if role == "association" and association_id is None:
        return {"association": "admin_association_needed"}
    return {}


def _scope(role: str, communes: tuple[int, ...], association_id: int | None) -> dict:
    """Only what the role uses: communes for an editor, the association for its user."""
    return {
        "communes": list(communes) if role == "editor" else [],
        "association": association_id if role == "association" else None,
    }


def new_user_problems(new: NewUser, taken: bool) -> dict[str, str]:
    """Field -> vocabulary key of what is wrong with the form (empty when all is well);
    `taken` says whether the user name exists already."""
    problems: dict[str, str] = {}
    name = auth.normalise_username(new.username)
    if not name or len(name) > 120 or any(c.isspace() for c in name):
        problems["username"] = "admin_username_invalid"
    elif taken:
        problems["username"] = "admin_username_taken"
    if len(new.display_name.strip()) > 200:
        problems["display_name"] = "admin_display_name_too_long"
    problems.update(_scope_problems(new.role, new.communes, new.association_id))
    problems.update(_password_problems(new.password, new.again, name))
    return problems


def add_user(engine: Engine, new: NewUser, *, actor: str) -> dict[str, str]:
    """Create the user and its audit entry; or, without writing, the form's problems."""
    name = auth.normalise_username(new.username)
    with db.writing(engine).begin() as conn:
        taken = conn.execute(select(User.id).where(User.username == name)).first() is not None
        problems = new_user_problems(new, taken)
        if problems:
            return problems
        auth.create_user(
            conn,
            name,
            new.password,
            new.role,
            **_scope(new.role, new.communes, new.association_id),
            display_name=new.display_name.strip() or None,
            actor=actor,
            source=SOURCE,
        )
    return {}


def set_active(engine: Engine, username: str, active: bool, *, actor: str) -> str | None:
    """Disable or enable a user; a vocabulary key when refused (an administrator cannot
    disable their own account: nobody could then undo it from the page)."""
    if not active and auth.normalise_username(username) == auth.normalise_username(actor):
        return "admin_cannot_disable_self"
    with db.writing(engine).begin() as conn:
        auth.set_active(conn, username, active, actor=actor, source=SOURCE)
    return None


def unlock(engine: Engine, username: str, *, actor: str) -> None:
    with db.writing(engine).begin() as conn:
        auth.unlock(conn, username, actor=actor, source=SOURCE)


def reset_password(
    engine: Engine, username: str, password: str, again: str, *, actor: str
) -> dict[str, str]:
    """Set a new password; or, without writing, the form's problems."""
    problems = _password_problems(password, again, auth.normalise_username(username))
    if problems:
        return problems
    with db.writing(engine).begin() as conn:
        auth.set_password(conn, username, password, actor=actor, source=SOURCE)
    return {}


def change_role(
    engine: Engine,
    username: str,
    role: str,
    communes: tuple[int, ...],
    association_id: int | None,
    *,
    actor: str,
) -> dict[str, str]:
    """Change role, communes and association together; or, without writing, the problems.
    An administrator keeps their own role (else they would lock themselves out)."""
    if auth.normalise_username(username) == auth.normalise_username(actor) and role != "admin":
        return {"role": "admin_cannot_demote_self"}
    problems = _scope_problems(role, communes, association_id)
    if problems:
        return problems
    with db.writing(engine).begin() as conn:
        auth.set_role(
            conn,
            username,
            role,
            **_scope(role, communes, association_id),
            actor=actor,
            source=SOURCE,
        )
    return {}
