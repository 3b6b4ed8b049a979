"""`python -m musharaka users ...`: create the first admin, add, change, disable or unlock
users, from the command line. Passwords are asked at a prompt (or read from standard
input with --password-stdin, for scripts); they never appear in the command line.
(`communes`, `follow`, `notify` and `media` share the command: musharaka.communes_cli,
musharaka.follow_cli and musharaka.media_cli.)

Every change leaves an audit entry whose actor is the system account that ran it.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy import select

from musharaka import auth, communes_cli, db, follow_cli, media_cli
from musharaka.audit import command_line_actor
from musharaka.models import Association, Commune, User, user_communes

EXIT_OK, EXIT_ERROR = 0, 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m musharaka", description=__doc__.split("\n\n")[0]
    )
    commands = parser.add_subparsers(dest="area", required=True)
    users = commands.add_parser("users", help="manage users").add_subparsers(
        dest="command", required=True
    )
    add = users.add_parser("add", help="add a user (the first admin, too)")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=auth.ROLES)
    add.add_argument("--name", help="name shown in the app")
    add.add_argument("--commune", action="append", default=[], help="an editor's commune (repeat)")
    add.add_argument("--association", help="an association user's association (name or id)")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    users.add_parser("list", help="list users")
    for name, text in (
        ("disable", "stop a user from signing in"),
        ("enable", "let a disabled user sign in again"),
        ("unlock", "lift a lockout after failed sign-ins"),
    ):
        users.add_parser(name, help=text).add_argument("username")
    password = users.add_parser("password", help="set a new password")
    password.add_argument("username")
    password.add_argument("--password-stdin", action="store_true")
    role = users.add_parser("role", help="change role, communes and association")
    role.add_argument("username")
    role.add_argument("--role", required=True, choices=auth.ROLES)
    role.add_argument("--commune", action="append", default=[])
    role.add_argument("--association")
    communes_cli.add_commands(commands)
    follow_cli.add_commands(commands)
    media_cli.add_commands(commands)
    return parser


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise auth.AuthError("the two passwords differ")
    return first


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.area in follow_cli.AREAS:
        return follow_cli.run(args)
    engine = db.make_engine()
    db.upgrade(engine)
    actor = command_line_actor()
    try:
        with db.writing(engine).begin() as conn:
            if args.area == "communes":
                if not communes_cli.run(conn, args, actor):
                    return EXIT_ERROR  # a refusal writes nothing
            elif args.area == "media":
                media_cli.run(conn, args, actor)
            elif args.command == "list":
                _list(conn)
            elif args.command == "add":
                auth.create_user(
                    conn,
                    args.username,
                    _password(args.password_stdin),
                    args.role,
                    communes=args.commune,
                    association=args.association,
                    display_name=args.name,
                    actor=actor,
                    source="cli",
                )
                print(f"User {auth.normalise_username(args.username)} added ({args.role}).")
            elif args.command in ("disable", "enable"):
                auth.set_active(
                    conn, args.username, args.command == "enable", actor=actor, source="cli"
                )
                print(f"User {args.username} {args.command}d.")
            elif args.command == "unlock":
                auth.unlock(conn, args.username, actor=actor, source="cli")
                print(f"User {args.username} unlocked.")
            elif args.command == "password":
                auth.set_password(
                    conn, args.username, _password(args.password_stdin), actor=actor, source="cli"
                )
                print(f"Password of {args.username} changed.")
            elif args.command == "role":
                auth.set_role(
                    conn,
                    args.username,
                    args.role,
                    communes=args.commune,
                    association=args.association,
                    actor=actor,
                    source="cli",
                )
                print(f"User {args.username} is now {args.role}.")
    except auth.AuthError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def _list(conn) -> None:
    rows = conn.execute(
        select(User.username, User.role, User.active, User.locked_until, Association.name)
        .outerjoin(Association, Association.id == User.association_id)
        .order_by(User.username)
    ).all()
    communes: dict[str, list[str]] = {}
    for username, commune in conn.execute(
        select(User.username, Commune.name)
        .join(user_communes, user_communes.c.user_id == User.id)
        .join(Commune, Commune.id == user_communes.c.commune_id)
    ):
        communes.setdefault(username, []).append(commune)
    if not rows:
        print(
            "No users yet. Create the first admin: python -m musharaka users add NAME --role admin"
        )
    for username, role, active, locked, association in rows:
        state = "active" if active else "disabled"
        if locked:
            state += f", locked until {locked:%Y-%m-%d %H:%M}"
        scope = ", ".join(communes.get(username, [])) or association or ""
        print(f"{username:<24} {role:<12} {state:<10} {scope}")
