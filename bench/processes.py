"""Memory of several dashboard processes behind the deployment's nginx: N `streamlit run`
processes on one PostgreSQL database of the demo data (`--communes`, 80 for a province,
1503 for the country), behind docs/deployment/nginx.conf, and R readers at once in
Debian's headless Chromium, each its own browser (context) reading the public pages and
staying on the last one. Reads each process's resident memory (RSS) started, warmed (one
reader of every page on each, gone) and with the R readers held, and the page views per
second the processes gave the readers. Prints a Markdown table; saves it under
bench/results/.

    python bench/processes.py --communes 80 [--processes 3] [--readers 12] [--database URL]

Without --database, a fresh PostgreSQL database of the demo is made on
MUSHARAKA_BENCH_POSTGRES_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test)
and dropped after. Chromium runs on the same machine and takes its share of the cores, so
the views per second are a floor. Nothing here asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import http.client
import os
import secrets
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import browser  # noqa: E402  (tests/browser.py: the server and Chromium helpers)
import nginx_server  # noqa: E402  (tests/nginx_server.py: nginx with the documented file)
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bench.server_memory import memory_mb  # noqa: E402
from etl import demo  # noqa: E402
from musharaka import db  # noqa: E402

RESULTS = ROOT / "bench" / "results"
WORK = ROOT / "bench" / "work" / "processes"
POSTGRES = os.environ.get(
    "MUSHARAKA_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
PAGES = ("/", "/Recommendations", "/Public_display")
COOKIE = "musharaka_route"
CONCURRENT = 6  # readers opening pages at the same moment (the rest wait their turn)


def demo_database(communes: int) -> str:
    """A fresh PostgreSQL database holding the demo's first `communes` communes."""
    admin = make_url(POSTGRES)
    name = f"musharaka_bench_processes_{uuid.uuid4().hex[:8]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    url = admin.set(database=name).render_as_string(hide_password=False)
    engine = db.make_engine(url)
    db.upgrade(engine)
    demo.load_direct(engine, communes)
    engine.dispose()
    return url


def drop_database(url: str) -> None:
    engine = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        name = make_url(url).database
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def first_visit(nginx: nginx_server.Nginx) -> tuple[str, str]:
    """(route, process) nginx gives a first visit."""
    connection = http.client.HTTPConnection("127.0.0.1", nginx.port, timeout=60)
    connection.request("GET", "/_stcore/health")
    answer = connection.getresponse()
    answer.read()
    cookies = answer.msg.get_all("Set-Cookie") or []
    connection.close()
    route = next(c for c in cookies if c.startswith(f"{COOKIE}="))
    route = route.split(";", 1)[0].split("=", 1)[1]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        logged = [r for r in nginx.routed() if r.route == route]
        if logged:
            return route, logged[0].upstream
        time.sleep(0.05)
    raise RuntimeError("nginx did not log the first visit")


async def read(chromium, port: int, route: str | None, gate: asyncio.Semaphore):
    """A reader's context (its route cookie set when given), once it has read the pages."""
    context = await chromium.new_context(locale="fr-MA")
    if route:
        url = f"http://127.0.0.1:{port}"
        await context.add_cookies([{"name": COOKIE, "value": route, "url": url}])
    page = await context.new_page()
    async with gate:
        for path in PAGES:
            url = f"http://127.0.0.1:{port}{path}?lang=fr"
            await browser.open_page_async(page, url, timeout=180_000)
    return context


async def readers(
    port: int, warm_routes: list[str], count: int
) -> tuple[tuple[float, float], dict, dict]:
    """Warm each process with one reader (closed), then hold `count` readers at once;
    ((page views per second, the processes' CPU seconds per view) of the held readers,
    RSS when warm, RSS held)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(
            executable_path=browser.CHROMIUM, args=browser.CHROMIUM_ARGS, headless=True
        )
        gate = asyncio.Semaphore(CONCURRENT)
        for route in warm_routes:
            await (await read(chromium, port, route, gate)).close()
        await asyncio.sleep(2)
        warm = measure()
        start, cpu = time.monotonic(), cpu_seconds()
        contexts = await asyncio.gather(*(read(chromium, port, None, gate) for _ in range(count)))
        seconds, cpu = time.monotonic() - start, cpu_seconds() - cpu
        await asyncio.sleep(2)
        held = measure()
        for context in contexts:
            await context.close()
        await chromium.close()
    views = count * len(PAGES)
    return (views / seconds, cpu / views), warm, held


SERVERS: list[browser.Server] = []


def cpu_seconds() -> float:
    """User and system CPU time the processes have used so far."""
    total = 0
    for server in SERVERS:
        with open(f"/proc/{server.process.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def measure(peak: bool = False) -> dict[str, float]:
    """Each process's RSS in MB (its highest so far with `peak`)."""
    return {
        s.base_url.removeprefix("http://"): memory_mb(s.process.pid)[1 if peak else 0]
        for s in SERVERS
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=int, default=80)
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--readers", type=int, default=12)
    parser.add_argument("--database", help="an existing database (default: a fresh demo)")
    parser.add_argument("--name", help="result file name (default processes-postgresql-N)")
    args = parser.parse_args()
    problem = browser.chromium_unavailable() or nginx_server.nginx_unavailable(wait=0)
    if problem:
        sys.exit(problem)
    WORK.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    url = args.database or demo_database(args.communes)
    print(f"database ready in {time.monotonic() - started:.0f} s", flush=True)
    env = {"STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
    nginx = None
    try:
        for number in range(args.processes):
            log = WORK / f"streamlit-{number}.log"
            SERVERS.append(browser.start_server(url, log, timeout=180, env=env))
        idle = measure()
        ports = [int(s.base_url.rsplit(":", 1)[1]) for s in SERVERS]
        site = WORK / "site"
        site.mkdir(exist_ok=True)
        prefix = WORK / "nginx"
        prefix.mkdir(exist_ok=True)
        (prefix / "access.log").unlink(missing_ok=True)
        nginx = nginx_server.start_nginx(prefix, site, ports, browser.free_port())
        warm_routes: dict[str, str] = {}
        while len(warm_routes) < len(SERVERS):
            route, process = first_visit(nginx)
            warm_routes.setdefault(process, route)
        before = len(nginx.routed())
        rate, warm, held = asyncio.run(
            readers(nginx.port, list(warm_routes.values()), args.readers)
        )
        spread: dict[str, set[str]] = {address: set() for address in idle}
        for request in nginx.routed()[before:]:
            if (
                request.path.startswith("/_stcore/stream")
                and request.route not in warm_routes.values()
            ):
                spread[request.upstream].add(request.route)
        peak = measure(peak=True)
    finally:
        if nginx:
            nginx.stop()
        for server in SERVERS:
            server.stop()
        if not args.database:
            drop_database(url)
    report(args, idle, warm, held, peak, spread, rate)


def report(args, idle: dict, warm: dict, held: dict, peak: dict, spread: dict, rate: float) -> None:
    lines = [
        "| process | RSS started MB | RSS warm MB | RSS with its readers MB | peak MB "
        "| readers on it |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for number, address in enumerate(idle, 1):
        lines.append(
            f"| {number} | {idle[address]:,.0f} | {warm[address]:,.0f} | "
            f"{held[address]:,.0f} | {peak[address]:,.0f} | {len(spread[address])} |"
        )
    total = {name: sum(values.values()) for name, values in (("idle", idle), ("warm", warm))}
    per_reader = (sum(held.values()) - total["warm"]) / args.readers
    lines.append(
        f"| all | {total['idle']:,.0f} | {total['warm']:,.0f} | {sum(held.values()):,.0f} | "
        f"{sum(peak.values()):,.0f} | {sum(len(s) for s in spread.values())} |"
    )
    when = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    text_ = "\n".join(
        [
            f"Measured {when} on one machine ({os.cpu_count()} cores): {args.processes} "
            f"`streamlit run` processes on PostgreSQL, the demo's {args.communes:,} communes, "
            "behind docs/deployment/nginx.conf; warmed by one reader of the pages on each, "
            f"then {args.readers} readers in headless Chromium (each its own browser, "
            f"{CONCURRENT} opening pages at a time) reading {', '.join(PAGES)} in French and "
            "staying on the last page, all held while measured.",
            "",
            *lines,
            "",
            f"- a warm process: {total['warm'] / args.processes:,.0f} MB on average; its "
            f"peak while serving: {max(peak.values()):,.0f} MB at most",
            f"- each reader held: {per_reader:,.1f} MB more (with the sessions of the pages "
            "it left, which Streamlit keeps a while)",
            f"- page views: {rate[0]:.2f} per second over the {args.processes} processes "
            "(Chromium on the same cores, so a floor); the processes' CPU time per page "
            f"view: {rate[1]:.2f} s",
            "",
        ]
    )
    name = args.name or f"processes-postgresql-{args.communes}"
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.md").write_text(text_, encoding="utf-8")
    print(text_)


if __name__ == "__main__":
    main()
