"""Memory of a real dashboard server: `streamlit run dashboard.py` against DATABASE_URL,
its public pages opened again and again in Debian's headless Chromium (each view a new
session, all communes, in French), and the server's resident memory (RSS) and peak
(VmHWM) read after each round. Prints a Markdown table; saves it under bench/results/.

    python bench/server_memory.py --rounds 24 [--name sqlite-1503]

bench/pages.py times the pages under AppTest; this measures what a server holds after
many readers: its caches (a minute), the sessions it keeps, and what the allocator keeps.
Needs the browser tests' tools (Playwright, /usr/bin/chromium). Nothing here asserts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import browser  # noqa: E402  (tests/browser.py: the server and Chromium helpers)

from musharaka.config import database_url  # noqa: E402

RESULTS = ROOT / "bench" / "results"
PAGES = ("/", "/Recommendations", "/Meetings", "/Associations", "/Public_display", "/Open_data")


def memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, peak RSS) of a process, in MB."""
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=24)
    parser.add_argument("--name", default="server-memory")
    args = parser.parse_args()
    problem = browser.chromium_unavailable()
    if problem:
        sys.exit(problem)
    from playwright.sync_api import sync_playwright

    log = ROOT / "bench" / "work" / "server-memory.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    server = browser.start_server(database_url(), log)
    pid = server.process.pid
    lines = ["| after | page views | RSS MB | peak MB |", "| --- | ---: | ---: | ---: |"]
    try:
        with sync_playwright() as playwright:
            chromium = browser.launch_chromium(playwright)
            rss, peak = memory_mb(pid)
            lines.append(f"| start | 0 | {rss:,.0f} | {peak:,.0f} |")
            for number in range(1, args.rounds + 1):
                for path in PAGES:
                    page = chromium.new_page()
                    browser.open_page(page, server.url(path, lang="fr"))
                    page.close()
                rss, peak = memory_mb(pid)
                views = number * len(PAGES)
                lines.append(f"| round {number} | {views} | {rss:,.0f} | {peak:,.0f} |")
                print(lines[-1], flush=True)
            chromium.close()
    finally:
        server.stop()
    when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    table = "\n".join(
        [
            f"Measured {when}: one `streamlit run` server, the pages {', '.join(PAGES)} "
            f"opened {args.rounds} times each in headless Chromium, one after the other.",
            "",
            *lines,
            "",
        ]
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{args.name}.md").write_text(table, encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
