"""Time every page under AppTest against DATABASE_URL, and compute the overview the naive
way; prints one JSON document. Run by bench/run.py in its own process, so the peak memory
it reports is that of the page runs alone. Each run is a new session (a new AppTest) that
shares the process's component registry, as a server's sessions do (musharaka.apptest).

    python bench/pages.py --commune ID [--runs 5] [--naive] [--page 13_Scorecards.py ...]
"""

from __future__ import annotations

import argparse
import gc
import json
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402
from sqlalchemy import select  # noqa: E402

from musharaka import auth, db, metrics, queries  # noqa: E402
from musharaka.access import SESSION_KEY  # noqa: E402
from musharaka.apptest import app_test  # noqa: E402
from musharaka.config import database_url  # noqa: E402
from musharaka.models import User, utc_now  # noqa: E402
from musharaka.ui import navigation  # noqa: E402


def page_files() -> list[Path]:
    return [ROOT / entry.path for entry in navigation.PAGES]


# Pages for signed-in users are timed as an admin sees them (an anonymous visitor only
# gets the sign-in form); the admin is made by `signed_in_admin`.
RESTRICTED = {entry.path for entry in navigation.RESTRICTED}
ADMIN: dict[str, int] = {}


def signed_in_admin(engine) -> int:
    """The benchmark's own admin account (random password), made once per database."""
    with engine.begin() as conn:
        found = conn.execute(select(User.id).where(User.username == "bench-admin")).scalar()
        if found is None:
            found = auth.create_user(
                conn, "bench-admin", secrets.token_urlsafe(16), "admin", actor="bench", source="cli"
            )
    return found


def _run_once(page: Path, commune: int | None) -> float:
    # As a server runs it: dashboard.py is the entry point and the page is switched to.
    app = app_test(ROOT / "dashboard.py")
    app.switch_page(str(page.relative_to(ROOT)))
    if str(page.relative_to(ROOT)) in RESTRICTED:
        app.session_state[SESSION_KEY] = (ADMIN["id"], utc_now())
    app.query_params["lang"] = "fr"
    if commune is not None:
        app.query_params["commune"] = str(commune)
    started = time.perf_counter()
    app.run()
    elapsed = time.perf_counter() - started
    if app.exception:
        raise RuntimeError(f"{page.name}: {app.exception[0].message}")
    # AppTest keeps each run's element tree (tables included) in cycles that only a full
    # collection frees, and one seldom comes: 110 runs of the national pages piled up to
    # 740 MB. A server keeps no such tree; bench/server_memory.py measures one.
    del app
    gc.collect()
    return elapsed


def time_page(page: Path, commune: int | None, runs: int) -> dict[str, float]:
    """Median script run time, cold (data caches cleared before each run) and warm."""
    cold = []
    for _ in range(runs):
        st.cache_data.clear()
        cold.append(_run_once(page, commune))
    _run_once(page, commune)
    warm = [_run_once(page, commune) for _ in range(runs)]
    return {"cold": statistics.median(cold), "warm": statistics.median(warm)}


def overview_ours(engine) -> tuple[float, metrics.KeyFigures]:
    started = time.perf_counter()
    frame = queries.read_frame(engine, queries.status_counts(queries.RecommendationFilter()))
    figures = metrics.key_figures(frame)
    return time.perf_counter() - started, figures


def overview_naive(engine) -> tuple[float, metrics.KeyFigures]:
    """The way a quick script would do it: the whole table into pandas, grouped there."""
    started = time.perf_counter()
    with engine.connect() as connection:
        table = pd.read_sql("SELECT * FROM recommendations", connection)
    today = pd.Timestamp.today().normalize()
    target = pd.to_datetime(table["target_date"])
    open_ = ~table["current_status"].isin(["completed", "cancelled"])
    table["overdue"] = ((target < today) & open_).astype(int)
    grouped = table.groupby("current_status").agg(
        count=("id", "size"), overdue=("overdue", "sum"), budget_mad=("budget_mad", "sum")
    )
    frame = grouped.reset_index().rename(columns={"current_status": "status"})
    figures = metrics.key_figures(frame)
    return time.perf_counter() - started, figures


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited
    from the parent across exec)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commune", type=int, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--naive", action="store_true", help="only the naive overview")
    parser.add_argument(
        "--page", action="append", default=[], help="time only this page (its file's name)"
    )
    args = parser.parse_args()
    engine = db.make_engine(database_url())
    result: dict[str, object] = {}
    if args.naive:
        elapsed, figures = overview_naive(engine)
        result["naive"] = {"seconds": elapsed, "total": figures.total}
    else:
        db.upgrade(engine)
        ADMIN["id"] = signed_in_admin(engine)
        ours = [overview_ours(engine) for _ in range(args.runs)]
        result["ours"] = {
            "seconds": statistics.median(e for e, _ in ours),
            "total": ours[0][1].total,
        }
        result["pages"] = {
            page.name: {
                "all": time_page(page, None, args.runs),
                "one_commune": time_page(page, args.commune, args.runs),
            }
            for page in page_files()
            if not args.page or page.name in args.page
        }
    result["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
