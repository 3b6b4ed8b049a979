"""What a first visit of the static site downloads: a commune's page in Arabic and in
French opened in a fresh Chromium context from a plain HTTP server (no compression), its
requests and their bytes (headers and bodies), fonts apart. Publishes the bundled sample
into bench/work/; prints a Markdown table and saves it under bench/results/.

    python bench/site_first_visit.py
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import browser  # noqa: E402  (tests/browser.py: the Chromium helpers)

from etl.load import run_load  # noqa: E402
from etl.publish import publish  # noqa: E402
from musharaka import db, static_site  # noqa: E402

WORK = ROOT / "bench" / "work" / "site-first-visit"
RESULTS = ROOT / "bench" / "results"


def sample_site() -> Path:
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "sample.db").unlink(missing_ok=True)
    engine = db.make_engine(f"sqlite:///{WORK / 'sample.db'}")
    db.upgrade(engine)
    if not run_load(engine, [ROOT / "data" / "sample"]).committed:
        sys.exit("the sample did not load")
    publish(engine, WORK / "site")
    engine.dispose()
    return WORK / "site"


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def visit(chromium, url: str) -> list[tuple[str, int]]:
    context = chromium.new_context()
    page = context.new_page()
    seen: list[tuple[str, int]] = []
    page.on(
        "requestfinished",
        lambda request: seen.append(
            (
                request.url,
                request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"],
            )
        ),
    )
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    context.close()
    return seen


def main() -> None:
    problem = browser.chromium_unavailable()
    if problem:
        sys.exit(problem)
    site = sample_site()
    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", browser.free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        chromium = browser.launch_chromium(playwright)
        for lang in static_site.SITE_LANGUAGES:
            seen = visit(chromium, f"{base}/{static_site.commune_page(lang, 1)}")
            fonts = sum(size for url, size in seen if "/fonts/" in url)
            total = sum(size for _, size in seen)
            rows.append((lang, len(seen), fonts, total))
        chromium.close()
    server.shutdown()
    lines = [
        f"A commune's static page (the sample's commune 1), first visit, "
        f"{dt.date.today().isoformat()}; uncompressed HTTP.",
        "",
        "| page | requests | fonts KB | total KB |",
        "| --- | ---: | ---: | ---: |",
        *(
            f"| `{static_site.commune_page(lang, 1)}` | {n} | {f / 1024:,.1f} | {t / 1024:,.1f} |"
            for lang, n, f, t in rows
        ),
    ]
    table = "\n".join(lines) + "\n"
    print(table)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "site-first-visit.md").write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
