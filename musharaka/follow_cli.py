"""`python -m musharaka follow ...` and `python -m musharaka notify`: follow a commune, an
association's recommendations or one recommendation by e-mail (double opt-in: a
confirmation is queued, nothing else is sent until its link is opened), list and remove
followers, and send what the outbox holds (musharaka.services.notify).

`notify` is meant to run every minute from cron or a systemd timer
(docs/notifications.md): runs never overlap, and a run killed midway is resumed by the next.
"""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import Connection, select

from musharaka import db, mail
from musharaka.models import Follower, OutboxMessage, Recommendation
from musharaka.services import following, notify

AREAS = ("follow", "notify")
EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2

OUTCOMES = {
    following.QUEUED: "Confirmation queued: it goes out with the next `python -m musharaka "
    "notify`; nothing else is sent until its link is opened.",
    following.RATE_LIMITED: "A confirmation went to this address less than an hour ago: "
    "nothing queued (ask again later).",
    following.ALREADY: "This address already follows it: nothing queued.",
    following.BAD_EMAIL: "error: not an e-mail address",
    following.UNKNOWN_TARGET: "error: nothing to follow with that id",
    following.BAD_CHOICE: "error: unknown language or frequency",
}


def add_commands(commands) -> None:
    """The `follow` and `notify` commands, on the parser of `python -m musharaka`."""
    follow = commands.add_parser("follow", help="follow by e-mail").add_subparsers(
        dest="command", required=True
    )
    add = follow.add_parser("add", help="ask to follow (queues a confirmation e-mail)")
    add.add_argument("email")
    _target_options(add, required=True)
    add.add_argument("--lang", required=True, choices=following.FOLLOWER_LANGUAGES)
    add.add_argument(
        "--digest",
        choices=("daily", "weekly"),
        help="a daily or weekly digest instead of an alert at each change",
    )
    follow.add_parser("list", help="list followers (for the operator: shows addresses)")
    remove = follow.add_parser("remove", help="stop following: by follower id, or an address")
    remove.add_argument("who", help="a follower id (from `follow list`) or an e-mail address")
    _target_options(remove, required=False)

    run = commands.add_parser("notify", help="send what the outbox holds (cron: every minute)")
    run.add_argument(
        "--no-digests", action="store_true", help="send alerts only; do not queue digests"
    )
    run.add_argument("--limit", type=int, help="send at most this many messages")


def _target_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    target = parser.add_mutually_exclusive_group(required=required)
    target.add_argument("--commune", help="a commune, by name or id")
    target.add_argument("--association", type=int, help="an association, by id")
    target.add_argument("--rec", help="a recommendation, by code")


def _target(conn: Connection, args) -> tuple[str, int] | None:
    """(target, id) the options name, or None when they name nothing (an error is printed)."""
    if args.commune:
        found = following.find_commune(conn, args.commune)
        if found is None:
            print(f"error: no commune {args.commune!r}", file=sys.stderr)
            return None
        return "commune", found[0]
    if args.association is not None:
        return "association", args.association
    if args.rec:
        rec = conn.execute(
            select(Recommendation.id).where(Recommendation.code == args.rec.strip())
        ).scalar()
        if rec is None:
            print(f"error: no recommendation {args.rec!r}", file=sys.stderr)
            return None
        return "recommendation", rec
    return None


def run(args: argparse.Namespace) -> int:
    engine = db.make_engine()
    db.upgrade(engine)
    if args.area == "notify":
        return _notify(engine, args)
    with db.writing(engine).begin() as conn:
        if args.command == "list":
            _list(conn)
            return EXIT_OK
        if args.command == "add":
            target = _target(conn, args)
            if target is None:
                return EXIT_ERROR
            outcome = following.request_follow(
                conn, args.email, target[0], target[1], args.lang, args.digest or "immediate"
            )
            print(OUTCOMES[outcome], file=sys.stderr if outcome.startswith("bad") else sys.stdout)
            ok = outcome in (following.QUEUED, following.RATE_LIMITED, following.ALREADY)
            return EXIT_OK if ok else EXIT_ERROR
        # remove
        target = None
        if args.commune or args.association is not None or args.rec:
            target = _target(conn, args)
            if target is None:
                return EXIT_ERROR
        if args.who.isdigit():
            removed = following.remove(conn, follower_id=int(args.who))
        else:
            removed = following.remove(conn, email=args.who, target=target)
        print(f"{removed} follower(s) removed.")
        return EXIT_OK if removed else EXIT_ERROR


def _notify(engine, args) -> int:
    try:
        report = notify.run(engine, digests=not args.no_digests, limit=args.limit)
    except mail.MailNotConfigured as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    if report.locked:
        print("another notify run is still going on: nothing done")
        return EXIT_OK
    print(
        f"sent {report.sent}, to retry {report.retrying}, failed {report.failed}, "
        f"digests queued {report.digests}, resumed after an interruption {report.resumed}"
    )
    for error in report.errors[:5]:
        print(f"  {error}", file=sys.stderr)
    return EXIT_OK


def _list(conn: Connection) -> None:
    rows = conn.execute(
        select(
            Follower.id,
            Follower.email,
            Follower.target,
            Follower.target_id,
            Follower.lang,
            Follower.frequency,
            Follower.confirmed_at,
        ).order_by(Follower.email, Follower.id)
    ).all()
    if not rows:
        print("No followers.")
    pending = dict(
        conn.execute(
            select(OutboxMessage.follower_id, OutboxMessage.id).where(
                OutboxMessage.state.in_(("pending", "sending"))
            )
        ).all()
    )
    for row in rows:
        state = "confirmed" if row.confirmed_at else "awaiting confirmation"
        queued = " (messages pending)" if row.id in pending else ""
        print(
            f"{row.id:<6} {row.email:<40} {row.target} {row.target_id:<8} "
            f"{row.lang} {row.frequency:<9} {state}{queued}"
        )
