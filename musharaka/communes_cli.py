"""`python -m musharaka communes ...`: list the communes with their names and aliases, add
an alias (another name a file may write a commune by) or remove one. Every change leaves
an audit entry whose actor is the system account that ran it."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import Connection

from musharaka.i18n import t
from musharaka.services import communes as service

SOURCE = "cli"


def add_commands(commands: argparse._SubParsersAction) -> None:
    """The `communes` commands, under the program's parser."""
    communes = commands.add_parser("communes", help="communes and the names they are known by")
    actions = communes.add_subparsers(dest="command", required=True)
    actions.add_parser("list", help="list communes with their code, names and aliases")
    alias = actions.add_parser("alias", help="add or remove another name of a commune")
    alias_actions = alias.add_subparsers(dest="alias_command", required=True)
    add = alias_actions.add_parser("add", help="add ALIAS as a name of COMMUNE")
    add.add_argument("commune", help="the commune: its id or any of its names")
    add.add_argument("alias", help="the other name, as files write it")
    remove = alias_actions.add_parser("remove", help="remove an alias")
    remove.add_argument("alias")


def run(conn: Connection, args: argparse.Namespace, actor: str) -> bool:
    """Carry out one `communes` command; False when it was refused (said on stderr)."""
    if args.command == "list":
        _list(conn)
        return True
    if args.alias_command == "add":
        refused = service.add_alias(conn, args.commune, args.alias, actor=actor, source=SOURCE)
        done = f"Alias {args.alias.strip()} added to {args.commune.strip()}."
    else:
        refused = service.remove_alias(conn, args.alias, actor=actor, source=SOURCE)
        done = f"Alias {args.alias.strip()} removed."
    if refused is not None:
        print(f"error: {t(refused.key, 'en').format(**refused.values)}", file=sys.stderr)
        return False
    print(done)
    return True


def _list(conn: Connection) -> None:
    rows = service.commune_rows(conn)
    if not rows:
        print("No communes yet: they come with the first load (python -m etl load FILES).")
    for row in rows:
        names = " / ".join(dict.fromkeys(n for n in (row.name, row.name_ar, row.name_fr) if n))
        aliases = f"  aliases: {', '.join(row.aliases)}" if row.aliases else ""
        print(f"{row.id:>5}  {row.code or '-':<13} {names}  [{row.province or '-'}]{aliases}")
