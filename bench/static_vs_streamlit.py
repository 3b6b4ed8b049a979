"""A commune's public figures served two ways, both through the deployment's nginx
(docs/deployment/nginx.conf): as a static file from disk, and as the dashboard's public
display page from a Streamlit process. Measures requests per second over HTTP (the static
file), page views per second in Debian's headless Chromium (each view a fresh browser
context, so a first visit), and the bytes a first visit downloads (headers and compressed
bodies, and for Streamlit its WebSocket frames). Bounded in time and views; prints a
Markdown table and saves it under bench/results/.

    python bench/static_vs_streamlit.py [--seconds 5] [--views 8] [--clients 4]
        [--site DIR --page fr/commune/1.html] [--database URL]

Without --site, the static side is the commune's open data (data/commune/ID/...json)
written by etl.publish.open_data from the database; with --site (the folder `python -m
etl publish --out` wrote), the page named by --page. Without --database, a fresh SQLite
database of the bundled sample. Nothing here asserts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import browser  # noqa: E402  (tests/browser.py: the server and Chromium helpers)
import nginx_server  # noqa: E402  (tests/nginx_server.py: nginx with the documented file)

from etl.load import run_load  # noqa: E402
from etl.publish import open_data  # noqa: E402
from musharaka import db  # noqa: E402

RESULTS = ROOT / "bench" / "results"
WORK = ROOT / "bench" / "work" / "static-vs-streamlit"


def sample_database() -> str:
    path = WORK / "sample.db"
    path.unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    report = run_load(engine, [ROOT / "data" / "sample"])
    if not report.committed:
        sys.exit("the sample did not load")
    engine.dispose()
    return url


def busiest_commune(url: str) -> int:
    engine = db.make_engine(url)
    with engine.connect() as connection:
        files = open_data.national_files(connection, None)
    engine.dispose()
    communes = json.loads(files["data/catalog.json"])["communes"]
    return max(communes, key=lambda c: c["rows"]["recommendations"])["id"]


def open_data_site(url: str, commune_id: int) -> Path:
    site = WORK / "site"
    engine = db.make_engine(url)
    with engine.connect() as connection:
        files = open_data.commune_files(connection, commune_id)
    engine.dispose()
    for name, content in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(content)
    return site


def http_rate(port: int, path: str, seconds: float, clients: int) -> tuple[float, int]:
    """Requests per second of `clients` keep-alive connections asking for `path`
    (compressed) for `seconds`; and how many answers were not 200."""
    stop = time.monotonic() + seconds
    done = [0] * clients
    failed = [0] * clients

    def client(slot: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop:
            connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
            answer = connection.getresponse()
            answer.read()
            done[slot] += 1
            failed[slot] += answer.status != 200
        connection.close()

    threads = [threading.Thread(target=client, args=(slot,)) for slot in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.monotonic() - started), sum(failed)


def first_visit(chromium, url: str, streamlit: bool) -> tuple[int, int]:
    """(bytes, requests) a fresh browser downloads to show `url`: response headers and
    encoded bodies, and the WebSocket frames it receives."""
    context = chromium.new_context(locale="fr-MA")
    page = context.new_page()
    responses: list[int] = []
    frames: list[int] = []
    page.on(
        "requestfinished",
        lambda request: responses.append(
            request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]
        ),
    )
    page.on(
        "websocket",
        lambda socket: socket.on("framereceived", lambda frame: frames.append(len(frame))),
    )
    if streamlit:
        # open_page waits for the script's run and for the network to settle; frames
        # that trail it are counted for a second more.
        browser.open_page(page, url)
        page.wait_for_timeout(1000)
    else:
        page.goto(url, wait_until="networkidle")
    context.close()
    return sum(responses) + sum(frames), len(responses)


def browser_rate(chromium, url: str, streamlit: bool, views: int, seconds: float) -> float:
    """Page views per second, one after another, each in a fresh context (a first visit),
    at most `views` or `seconds`."""
    started = time.monotonic()
    count = 0
    while count < views and time.monotonic() - started < seconds:
        context = chromium.new_context(locale="fr-MA")
        page = context.new_page()
        if streamlit:
            browser.open_page(page, url)
        else:
            page.goto(url, wait_until="load")
        context.close()
        count += 1
    return count / (time.monotonic() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--views", type=int, default=8)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--site", type=Path)
    parser.add_argument("--page")
    parser.add_argument("--database")
    parser.add_argument("--name", default="static-vs-streamlit")
    args = parser.parse_args()
    for problem in (browser.chromium_unavailable(), nginx_server.nginx_unavailable(0)):
        if problem:
            sys.exit(problem)
    WORK.mkdir(parents=True, exist_ok=True)
    url = args.database or sample_database()
    commune = busiest_commune(url)
    if args.site:
        site, static_path = args.site.resolve(), args.page
    else:
        site = open_data_site(url, commune)
        static_path = f"{open_data.commune_folder(commune)}/recommendations.json"
    from playwright.sync_api import sync_playwright

    streamlit = browser.start_server(url, WORK / "streamlit.log")
    prefix = WORK / "nginx"
    prefix.mkdir(exist_ok=True)
    upstream = int(streamlit.base_url.rsplit(":", 1)[1])
    nginx = nginx_server.start_nginx(
        prefix, site, upstream, browser.free_port(), workers=1, access_log=False
    )
    base = f"http://127.0.0.1:{nginx.port}"
    static_url = f"{base}/site/{static_path}"
    dashboard_url = f"{base}/Public_display?commune={commune}&lang=fr"
    try:
        rate, failed = http_rate(nginx.port, f"/site/{static_path}", args.seconds, args.clients)
        with sync_playwright() as playwright:
            chromium = browser.launch_chromium(playwright)
            first_visit(chromium, dashboard_url, True)  # the server's caches, warm
            static_bytes, static_requests = first_visit(chromium, static_url, False)
            live_bytes, live_requests = first_visit(chromium, dashboard_url, True)
            static_views = browser_rate(chromium, static_url, False, args.views * 10, args.seconds)
            live_views = browser_rate(chromium, dashboard_url, True, args.views, args.seconds * 6)
            chromium.close()
    finally:
        nginx.stop()
        streamlit.stop()
    lines = [
        f"Commune {commune}, {dt.date.today().isoformat()}; HTTP: {args.clients} keep-alive "
        f"clients for {args.seconds:g} s ({failed} answers not 200); Chromium: views one "
        "after another, each a fresh context.",
        "",
        "| view | served by | HTTP requests/s | Chromium views/s | first visit KB | requests |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
        f"| `/site/{static_path}` | nginx, from disk | {rate:,.0f} | {static_views:.1f} | "
        f"{static_bytes / 1024:,.1f} | {static_requests} |",
        f"| Public display, commune {commune} | nginx → Streamlit | — | {live_views:.2f} | "
        f"{live_bytes / 1024:,.1f} | {live_requests} |",
    ]
    table = "\n".join(lines) + "\n"
    print(table)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{args.name}.md").write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
