"""Several dashboard processes behind the deployment's nginx (docs/deployment/nginx.conf,
the file itself, only its port, folder and upstream's servers replaced): three `streamlit
run` processes on one PostgreSQL database holding the sample. A first visit is given a
route cookie and every request of that reader, its WebSocket included, reaches one process;
new readers spread over the three; six readers at once in headless Chromium read several
pages each, every page with its title and no error, each reader's pages served by one
process and the readers by all three.
"""

from __future__ import annotations

import asyncio
import http.client
import os
import secrets
import time
from collections.abc import Iterator

import pytest
from browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ERROR,
    EXCEPTION,
    chromium_unavailable,
    free_port,
    open_page_async,
    start_server,
)
from nginx_server import Nginx, Routed, nginx_unavailable, start_nginx

from conftest import (
    SAMPLE_DIR,
    _drop_postgres_database,
    _fresh_postgres_database,
    _postgres_unavailable,
)
from etl.load import run_load
from musharaka import db
from musharaka.i18n import t
from musharaka.ui import navigation

PROCESSES = 3
READERS = 6
LANGS = ("fr", "ar", "en")
COOKIE = "musharaka_route"
# Generous: three servers and six browsers share two cores.
TIMEOUT = 90_000

pytestmark = pytest.mark.postgres


def _needed(problem: str | None) -> None:
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"the processes test must run in CI: {problem}")
        pytest.skip(problem)


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    _needed(_postgres_unavailable())
    url = _fresh_postgres_database()
    engine = db.make_engine(url)
    db.upgrade(engine)
    report = run_load(engine, [SAMPLE_DIR])
    assert report.committed and not report.rejects
    engine.dispose()
    yield url
    _drop_postgres_database(url)


@pytest.fixture(scope="module")
def processes(database, tmp_path_factory):
    """Three processes with one cookie secret, as the deployment page says."""
    folder = tmp_path_factory.mktemp("processes")
    env = {"STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
    running = []
    try:
        for number in range(PROCESSES):
            log = folder / f"streamlit-{number}.log"
            running.append(start_server(database, log, timeout=120, env=env))
        yield running
    finally:
        for server in running:
            server.stop()


@pytest.fixture(scope="module")
def nginx(processes, tmp_path_factory) -> Iterator[Nginx]:
    _needed(nginx_unavailable())
    ports = [int(server.base_url.rsplit(":", 1)[1]) for server in processes]
    site = tmp_path_factory.mktemp("site")
    running = start_nginx(tmp_path_factory.mktemp("nginx"), site, ports, free_port())
    yield running
    running.stop()


def _get(port: int, path: str, cookie: str | None = None) -> tuple[int, str | None]:
    """Status, and the route cookie nginx sets if it sets one, of a request through nginx."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Cookie": f"{COOKIE}={cookie}"} if cookie else {})
        answer = connection.getresponse()
        answer.read()
        ours = [c for c in answer.msg.get_all("Set-Cookie") or [] if c.startswith(f"{COOKIE}=")]
        assert len(ours) <= 1, ours
        return answer.status, ours[0] if ours else None
    finally:
        connection.close()


def _route(set_cookie: str | None) -> str:
    assert set_cookie, "no route cookie"
    assert "HttpOnly" in set_cookie and "Path=/" in set_cookie, set_cookie
    return set_cookie.split(";", 1)[0].split("=", 1)[1]


def _requests_of(nginx: Nginx, route: str, count: int) -> list[Routed]:
    """The logged requests of a route, once there are `count` (nginx logs a request just
    after its answer)."""
    deadline = time.monotonic() + 30
    while True:
        requests = [r for r in nginx.routed() if r.route == route]
        if len(requests) >= count or time.monotonic() > deadline:
            return requests
        time.sleep(0.05)


def test_a_first_visit_is_given_a_route_and_kept_on_its_process(nginx):
    status, set_cookie = _get(nginx.port, "/")
    assert status == 200
    route = _route(set_cookie)
    for path in ("/", "/_stcore/health", "/_stcore/host-config", "/Recommendations"):
        status, again = _get(nginx.port, path, route)
        assert status == 200 and again is None, (path, again)
    answered = _requests_of(nginx, route, 5)
    assert len(answered) == 5
    assert answered[0].cookie == "-" and all(r.cookie == route for r in answered[1:])
    # The first answer came from the process every later request reached.
    assert len({r.upstream for r in answered}) == 1, answered


def test_new_readers_spread_over_every_process(nginx, processes):
    routes = [_route(_get(nginx.port, "/_stcore/health")[1]) for _ in range(60)]
    served = [_requests_of(nginx, route, 1) for route in routes]
    assert all(len(requests) == 1 for requests in served)
    used = {requests[0].upstream for requests in served}
    assert used == {_address(server) for server in processes}


async def _read(browser, route: str, lang: str, port: int) -> list[str]:
    """One reader (own browser context, so own cookies) reading the public pages in
    `lang`; what went wrong on each page."""
    context = await browser.new_context(locale=f"{lang}-MA")
    await context.add_cookies([{"name": COOKIE, "value": route, "url": f"http://127.0.0.1:{port}"}])
    page = await context.new_page()
    problems = []
    try:
        for entry in navigation.PUBLIC[:3]:
            url = f"http://127.0.0.1:{port}/{entry.url_path}?lang={lang}"
            await open_page_async(page, url, timeout=TIMEOUT)
            errors = page.locator(f"{EXCEPTION}, {ERROR}")
            if await errors.count():
                problems.append(f"{url}: {await errors.first.inner_text()}")
            title = t(entry.title_key if entry.url_path else "app_title", lang)
            heading = (await page.locator("[data-testid='stMain'] h1").first.inner_text()).strip()
            if not (await page.title()).startswith(title) or not heading:
                problems.append(f"{url}: tab {await page.title()!r}, heading {heading!r}")
    finally:
        await context.close()
    return problems


async def _readers(routes: list[str], port: int) -> list[list[str]]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            return await asyncio.gather(
                *(_read(browser, route, LANGS[n % 3], port) for n, route in enumerate(routes))
            )
        finally:
            await browser.close()


def _address(server) -> str:
    return server.base_url.removeprefix("http://")


def _streams_logged(nginx: Nginx, since: int, count: int) -> list[Routed]:
    """The requests logged after the first `since`, once `count` WebSockets are (nginx logs
    one when it closes)."""
    deadline = time.monotonic() + 30
    while True:
        requests = nginx.routed()[since:]
        streams = [r for r in requests if r.path.startswith("/_stcore/stream")]
        if len(streams) >= count or time.monotonic() > deadline:
            return requests
        time.sleep(0.2)


def test_readers_at_once_each_stay_on_one_process(nginx, processes):
    _needed(chromium_unavailable())
    # Six routes nginx gave first visits, two reaching each process: readers coming back.
    by_process: dict[str, list[str]] = {_address(server): [] for server in processes}
    for _ in range(300):
        route = _route(_get(nginx.port, "/_stcore/health")[1])
        by_process[_requests_of(nginx, route, 1)[0].upstream].append(route)
        if min(len(routes) for routes in by_process.values()) >= 2:
            break
    expected = {by_process[a][n]: a for n in range(2) for a in map(_address, processes)}
    routes = list(expected)
    before = len(nginx.routed())
    problems = asyncio.run(_readers(routes, nginx.port))
    assert problems == [[]] * READERS
    pages = len(navigation.PUBLIC[:3])
    requests = _streams_logged(nginx, before, READERS * pages)
    assert all(request.cookie in routes for request in requests)
    # Every reader's pages (page, scripts, WebSockets) went first to the process its route
    # names, one WebSocket per page read, and every WebSocket (the session) stayed there.
    # A script's request may go on to another process when the first one's idle
    # connection was closed under it (nginx then logs both, "A, B"): a script is the
    # same from every process, a session is not.
    for route, process in expected.items():
        mine = [r for r in requests if r.route == route]
        assert {r.upstream.split(", ")[0] for r in mine} == {process}, (route, mine)
        streams = [r for r in mine if r.path.startswith("/_stcore/stream")]
        assert len(streams) == pages and {r.status for r in streams} == {"101"}, streams
        assert {r.upstream for r in streams} == {process}, streams
    for server in processes:
        assert "Traceback" not in server.log(), server.log()
