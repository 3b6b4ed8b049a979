"""The outbox after a national change: a demo data set, followers on every commune, one load
of a status update for every recommendation; then how many status changes, outbox rows and
messages it makes, how long the load takes with them, and how long `notify` takes to build
and send them to a local SMTP server (aiosmtpd on 127.0.0.1, counting what it accepts).
Prints a Markdown table.

    python bench/outbox.py [--communes 150] [--followers 2] [--database URL]

Without --database, a fresh SQLite file in a temporary folder.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aiosmtpd.controller import Controller  # noqa: E402
from sqlalchemy import func, insert, select  # noqa: E402

from etl import current, demo  # noqa: E402
from etl.load import run_load  # noqa: E402
from musharaka import db, mail  # noqa: E402
from musharaka.models import (  # noqa: E402
    Commune,
    Follower,
    OutboxMessage,
    Recommendation,
    StatusChange,
    outbox_changes,
    utc_now,
)
from musharaka.services import notify  # noqa: E402


class Counter:
    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
        return "250 OK"


def _said(what: str, seconds: float) -> None:
    """Each phase's time on stderr as it ends: a national run takes long on a shared
    machine, and one cut short still tells how far it went."""
    print(f"{time.strftime('%H:%M:%S')} {what} in {seconds:.1f} s", file=sys.stderr, flush=True)


def _count(conn, table) -> int:
    return conn.execute(select(func.count()).select_from(table)).scalar() or 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--communes", type=int, default=150)
    parser.add_argument("--followers", type=int, default=2, help="followers per commune")
    parser.add_argument("--database", help="an empty database's URL (default: a new SQLite)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="outbox-bench-"))
    url = args.database or f"sqlite:///{folder / 'bench.db'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    started = time.perf_counter()
    demo.load_direct(engine, args.communes, seed=1)
    demo_seconds = time.perf_counter() - started
    _said(f"demo of {args.communes} communes written", demo_seconds)

    now = utc_now()
    with engine.begin() as conn:
        communes = list(conn.execute(select(Commune.id)).scalars())
        conn.execute(
            insert(Follower),
            [
                {
                    "email": f"f{n}.{commune}@example.org",
                    "target": "commune",
                    "target_id": commune,
                    "lang": ("ar", "fr", "en")[n % 3],
                    "frequency": "immediate",
                    "salt": f"salt{n}{commune}",
                    "created_at": now,
                    "confirmation_sent_at": now,
                    "confirmed_at": now,
                    "digest_until": now,
                }
                for commune in communes
                for n in range(args.followers)
            ],
        )
        recommendations = conn.execute(
            select(Recommendation.code, Recommendation.current_status)
        ).all()
    # The national change: every recommendation moves (completed ones back to in progress).
    day = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    updates = folder / "status_updates.csv"
    with updates.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["recommendation_id", "date", "status", "progress", "note"])
        for code, status in recommendations:
            new = "in_progress" if status == "completed" else "completed"
            writer.writerow([code, day, new, "60" if new == "in_progress" else "100", "bench"])
    # The part of the load that records the changes and their alerts, timed apart.
    recording = [0.0]
    record = current.record_changes

    def timed_record(conn, changes, *bulk) -> None:
        began = time.perf_counter()
        record(conn, changes, *bulk)
        recording[0] += time.perf_counter() - began

    current.record_changes = timed_record
    started = time.perf_counter()
    report = run_load(engine, [updates])
    load_seconds = time.perf_counter() - started
    _said(f"status-update load of {len(recommendations):,} rows", load_seconds)
    current.record_changes = record
    assert report.committed, report.rejects[:3]
    with engine.connect() as conn:
        changes = _count(conn, StatusChange)
        outbox_rows = _count(conn, OutboxMessage)
        links = _count(conn, outbox_changes)

    counter = Counter()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    os.environ.setdefault("MUSHARAKA_PUBLIC_URL", "https://musharaka.example.ma")
    started = time.perf_counter()
    result = notify.run(engine, mail.Mailer(mail.smtp_settings(f"smtp://127.0.0.1:{port}")))
    notify_seconds = time.perf_counter() - started
    _said(f"notify sent {result.sent:,} messages", notify_seconds)
    controller.stop()

    rows = [
        ("database", engine.dialect.name),
        ("communes (demo)", f"{len(communes):,}"),
        ("recommendations changed by one load", f"{len(recommendations):,}"),
        ("followers (immediate alerts)", f"{len(communes) * args.followers:,}"),
        ("demo written in", f"{demo_seconds:.1f} s"),
        ("status-update load (with its outbox) in", f"{load_seconds:.1f} s"),
        ("of which recording the changes and the outbox", f"{recording[0]:.1f} s"),
        ("status changes recorded", f"{changes:,}"),
        ("outbox rows (one per follower)", f"{outbox_rows:,}"),
        ("changes listed in them", f"{links:,}"),
        ("messages sent by `notify`", f"{result.sent:,} (the server counted {counter.count:,})"),
        ("`notify` built and sent them in", f"{notify_seconds:.1f} s"),
        ("per message", f"{1000 * notify_seconds / max(result.sent, 1):.1f} ms"),
    ]
    print("| measure | value |\n| --- | --- |")
    for name, value in rows:
        print(f"| {name} | {value} |")
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
