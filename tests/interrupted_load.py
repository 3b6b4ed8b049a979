"""`python -m etl ARGS` as a user runs it, interrupted at one exact point of its
transaction by a signal to itself: `python tests/interrupted_load.py POINT SIGNAL ARGS...`.

POINT: `dropped` (just after the first index is dropped), `rebuilding` (every row
inserted, just before the first index is built again), `committing` (everything written,
just before COMMIT). SIGNAL: KILL (nothing runs after it, like a power cut or an
out-of-memory kill) or INT (Ctrl-C: Python unwinds as it does at a keyboard interrupt).
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from sqlalchemy import Engine, event

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from etl.cli import main

point, signal_name, *arguments = sys.argv[1:]
number = {"KILL": signal.SIGKILL, "INT": signal.SIGINT}[signal_name]
fired = []


def interrupt() -> None:
    if not fired:
        fired.append(point)
        print(f"interrupted at {point}", file=sys.stderr, flush=True)
        os.kill(os.getpid(), number)


def after_statement(conn, cursor, statement, parameters, context, executemany) -> None:
    if point == "dropped" and statement.lstrip().upper().startswith("DROP INDEX"):
        interrupt()


def before_statement(conn, cursor, statement, parameters, context, executemany) -> None:
    if point == "rebuilding" and statement.lstrip().upper().startswith("CREATE INDEX"):
        interrupt()


def before_commit(conn) -> None:
    if point == "committing":
        interrupt()


event.listen(Engine, "after_cursor_execute", after_statement)
event.listen(Engine, "before_cursor_execute", before_statement)
event.listen(Engine, "commit", before_commit)
sys.exit(main(arguments))
