"""Helpers for the browser tests (not a test module): run `streamlit run serve.py` on a
free localhost port against a given database, and open its pages in Debian's headless
Chromium through Playwright (never a downloaded browser).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from musharaka.ui.frame import STYLED_MARK

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # root in a container has no user namespace for the sandbox
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A page is ready once a script run has finished (before the first run the state is
# "initial") and the app is connected.
APP_READY = (
    "[data-testid='stApp'][data-test-script-state='notRunning']"
    "[data-test-connection-state='CONNECTED']"
)
EXCEPTION = "[data-testid='stException']"
ERROR = "[data-testid='stAlertContentError']"
PAGE_FILE = re.compile(r"([0-9]*)[_ -]*(.*)\.py")


def chromium_unavailable() -> str | None:
    """None when the browser tests can run, else why not."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        return f"Playwright is not installed: {error}"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def page_path(script: Path) -> str:
    """The URL path Streamlit gives a page file: pages/1_Recommendations.py ->
    "/Recommendations", dashboard.py -> "/"."""
    if script.parent.name != "pages":
        return "/"
    from streamlit.source_util import page_icon_and_name

    return "/" + page_icon_and_name(script)[1]


@dataclass
class Server:
    """A `streamlit run` process started by the tests."""

    process: subprocess.Popen
    base_url: str
    log_path: Path

    def url(self, path: str = "/", **params: str) -> str:
        query = "&".join(f"{key}={value}" for key, value in params.items())
        return f"{self.base_url}{path}" + (f"?{query}" if query else "")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_server(
    database_url: str, log_path: Path, timeout: float = 60, env: dict[str, str] | None = None
) -> Server:
    """`streamlit run serve.py` (every page, and the one-click unsubscribe endpoint) against
    `database_url`, with `env` added to its environment, returned once its health endpoint
    answers "ok"."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "serve.py",
        "--server.headless=true",
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
    ]
    environment = {**os.environ, **(env or {}), "DATABASE_URL": database_url}
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
    server = Server(process, f"http://127.0.0.1:{port}", log_path)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{server.log()}")
        try:
            with urllib.request.urlopen(server.url("/_stcore/health"), timeout=2) as answer:
                if answer.read().decode().strip() == "ok":
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"streamlit did not answer within {timeout} s:\n{server.log()}")


def launch_chromium(playwright):
    """Debian's Chromium, headless, with the arguments it needs in a container."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def open_page(page, url: str, timeout: float = 60_000) -> None:
    """Go to `url` and wait until the script has run, its title (or an error) is on screen
    and the page's own style is applied."""
    page.goto(url, wait_until="domcontentloaded", timeout=timeout)
    wait_until_open(page, timeout)


def wait_until_open(page, timeout: float = 60_000) -> None:
    """open_page's wait, once the address is asked for."""
    page.wait_for_selector(APP_READY, timeout=timeout)
    page.wait_for_selector(f"h1, {EXCEPTION}, {ERROR}", timeout=timeout)
    page.wait_for_function(STYLED, timeout=timeout)
    # Fonts, charts and the data grid paint after the run; let them settle.
    page.wait_for_load_state("networkidle", timeout=timeout)
    page.wait_for_selector(APP_READY, timeout=timeout)
    wait_until_settled(page, timeout=timeout)


async def open_page_async(page, url: str, timeout: float = 60_000) -> None:
    """open_page for Playwright's asyncio API, for several readers at once."""
    await page.goto(url, wait_until="domcontentloaded", timeout=timeout)
    await page.wait_for_selector(APP_READY, timeout=timeout)
    await page.wait_for_selector(f"h1, {EXCEPTION}, {ERROR}", timeout=timeout)
    await page.wait_for_function(STYLED, timeout=timeout)
    await page.wait_for_load_state("networkidle", timeout=timeout)
    await page.wait_for_selector(APP_READY, timeout=timeout)
    await page.wait_for_function(SETTLED, timeout=timeout)
    await page.wait_for_selector(APP_READY, timeout=timeout)


# The page's style (ui.frame.page_css) is drawn by a part of Streamlit's page that loads
# after the first paint, sometimes after the run has ended and the network fallen idle: until
# then an Arabic page is laid out left to right. Its last rule sets this property.
STYLED = f"""() => getComputedStyle(document.documentElement)
    .getPropertyValue({STYLED_MARK!r}).trim() === '1'"""


# Streamlit greys what a run has not redrawn yet ("stale") and fades it back in: until the
# fade ends, text is drawn at part opacity, lighter than it will be. The fade may be on a
# block or on any container around it (an st.container fades as a whole), so what counts is
# the opacity drawn: the product of the block's and its ancestors'. A reading of colours
# (axe's contrast rule, a screenshot) waits for every block to be drawn at full opacity.
SETTLED = """() => ![...document.querySelectorAll('[data-testid="stElementContainer"]')]
    .some(e => {
        if (e.dataset.stale === 'true') return true;
        for (let n = e; n && n !== document.body; n = n.parentElement) {
            if (parseFloat(getComputedStyle(n).opacity) < 1) return true;
        }
        return false;
    })"""


def wait_after_run(page, timeout: float = 60_000) -> None:
    """After a click that reruns the page or opens another from the menu: the run over, the
    network idle and the page's style drawn."""
    page.wait_for_selector(APP_READY, timeout=timeout)
    page.wait_for_load_state("networkidle", timeout=timeout)
    page.wait_for_selector(APP_READY, timeout=timeout)
    page.wait_for_function(STYLED, timeout=timeout)


def wait_until_settled(page, timeout: float = 60_000) -> None:
    """Wait until no block of the page is stale or fading (see SETTLED)."""
    page.wait_for_function(SETTLED, timeout=timeout)
    page.wait_for_selector(APP_READY, timeout=timeout)


def websocket_frames(page) -> list[str]:
    """A list that fills with every frame the server sends `page` over its WebSocket, as
    text: table cells included, which the data grid only paints on a canvas."""
    received: list[str] = []
    page.on(
        "websocket",
        lambda socket: socket.on(
            "framereceived",
            lambda frame: received.append(
                frame.decode("utf-8", "replace") if isinstance(frame, bytes) else frame
            ),
        ),
    )
    return received


def save_screenshot(page, path: Path, max_height: int = 6000) -> None:
    """The whole page as a PNG: Streamlit scrolls inside its main area, so the window is
    made as tall as the content first."""
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll("
        "'[data-testid=stMain], [data-testid=stMainBlockContainer]')].map(e => e.scrollHeight))"
    )
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": width, "height": min(max(height, 900), max_height)})
    # Charts and the data grid redraw for the new size; wait for the app to be idle again.
    page.wait_for_selector(APP_READY)
    page.wait_for_timeout(800)
    page.screenshot(path=str(path))
