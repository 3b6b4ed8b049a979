"""`python -m musharaka media ...`: remove the evidence files no status update or field
report names (`sweep`: left by a save that failed between writing its files and
committing), and choose whether photos are kept as sent, for editors (`keep-originals on`)
or only as published, without their metadata (`keep-originals off`, the default)."""

from __future__ import annotations

import argparse

from sqlalchemy import Connection

from musharaka import media_store
from musharaka.services import evidence


def add_commands(commands: argparse._SubParsersAction) -> None:
    """The `media` commands, under the program's parser."""
    media = commands.add_parser("media", help="evidence files (photos and PDFs)")
    actions = media.add_subparsers(dest="command", required=True)
    actions.add_parser("sweep", help="remove stored files that nothing names")
    keep = actions.add_parser("keep-originals", help="keep photos as sent, for editors")
    keep.add_argument("choice", choices=("on", "off"))


def run(conn: Connection, args: argparse.Namespace, actor: str) -> bool:
    """Carry out one `media` command."""
    if args.command == "sweep":
        removed = media_store.sweep(conn)
        for path in removed:
            print(f"removed {path.parent.parent.name}/{path.name}")
        print(f"{len(removed)} file(s) removed from {media_store.media_dir()}.")
        return True
    keep = args.choice == "on"
    evidence.choose_keep_originals(conn, keep, actor=actor, source="cli")
    print("Photos will be kept as sent." if keep else "Only published photos will be kept.")
    return True
