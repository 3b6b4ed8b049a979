"""Screenshots of every page in Arabic and French, as a reader first sees them: the first
screen at 1400x900 (a laptop) and 390x844 (a phone), and the town-hall display at
1920x1080; the pages behind sign-in as an administrator sees them; with a gallery page,
docs/screenshots/README.md.

    python tools/screenshots.py [--out docs/screenshots] [--signed-in-only]

It loads the bundled sample into a new SQLite file, starts the server the browser tests
start (serve.py) and drives Debian's Chromium through Playwright, as they do.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

# The browser tests' own server and window helpers: pages are shot as the tests see them.
from browser import launch_chromium, open_page, start_server, wait_after_run  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from tqdm import tqdm  # noqa: E402

from musharaka import auth  # noqa: E402
from musharaka.i18n import t  # noqa: E402
from musharaka.ui.navigation import PUBLIC, RESTRICTED, SIGN_IN  # noqa: E402

LANGUAGES = ("ar", "fr")
SIZES = {"desktop": (1400, 900), "phone": (390, 844)}
DISPLAY = "Public_display"
# The administrator the pages behind sign-in are shot for (every such page is theirs).
ADMIN, PASSWORD = "amina", "une-phrase-de-passe-longue"
SIGNED_IN = "signed in as an administrator"
# A view shot further down its page: the sample's first commune's map, scrolled to.
MAP_SLUG, MAP_BLOCK = "map", ".st-key-overview_map"
# The map's base tiles are kept from the browser, as offline: the shots do not change with
# OpenStreetMap's tiles or the network.
TILES = "**/*openstreetmap*/**"


def item_views(url: str) -> list[tuple[str, str, str]]:
    """(file slug, address, title id) of a recommendation's, a meeting's and an
    association's own view, the first of each in the sample."""
    with create_engine(url).connect() as conn:
        rec = conn.execute(text("SELECT code FROM recommendations ORDER BY code")).scalar()
        meeting = conn.execute(text("SELECT code FROM meetings ORDER BY date")).scalar()
        association = conn.execute(text("SELECT min(id) FROM associations")).scalar()
    return [
        ("recommendation", f"/Recommendations?rec={rec}", "recommendations"),
        ("meeting", f"/Meetings?meeting={meeting}", "meet_title"),
        ("association", f"/Associations?association={association}", "assoc_title"),
        (MAP_SLUG, "/?commune=1", "map_title"),
    ]


def views(url: str) -> list[tuple[str, str, str]]:
    pages = [
        (entry.url_path or "Overview", f"/{entry.url_path}", entry.title_key)
        for entry in (*PUBLIC, SIGN_IN)
    ]
    return [(slug.lower().replace("_", "-"), path, key) for slug, path, key in pages] + (
        item_views(url)
    )


def shots(url: str) -> list[tuple[str, str, str, str, tuple[int, int]]]:
    """(file name, address, title id, language, window) of every screenshot."""
    planned = []
    for slug, path, key in views(url):
        for lang in LANGUAGES:
            for size_name, size in SIZES.items():
                planned.append((f"{slug}-{lang}-{size_name}.png", path, key, lang, size))
            if slug == DISPLAY.lower().replace("_", "-"):
                planned.append((f"{slug}-{lang}-1080p.png", path, key, lang, (1920, 1080)))
    return planned


def slug_of(path: str) -> str:
    """A page file's name in the screenshots' files: pages/5_Data_status.py -> data-status."""
    return Path(path).stem.partition("_")[2].lower().replace("_", "-")


def signed_in_shots() -> list[tuple[str, str, str, str, tuple[int, int]]]:
    """(file name, page file, title id, language, window) of every page behind sign-in."""
    return [
        (
            f"{slug_of(e.path)}-{lang}-{size_name}.png",
            e.path,
            e.title_key,
            lang,
            size,
        )
        for e in RESTRICTED
        for lang in LANGUAGES
        for size_name, size in SIZES.items()
    ]


def add_administrator(url: str) -> None:
    with create_engine(url).begin() as conn:
        auth.create_user(
            conn, ADMIN, PASSWORD, "admin", display_name="Amina", actor="screenshots", source="cli"
        )


def _menu_link(page, path: str):
    """The sidebar's link to the page file `path`, the sidebar opened if a phone hid it."""
    name = Path(path).stem.partition("_")[2]
    links = page.locator("[data-testid='stSidebar'] a")
    if not page.locator("[data-testid='stSidebar']").is_visible() or not links.first.is_visible():
        page.locator("[data-testid='stExpandSidebarButton']").click()
        page.wait_for_timeout(400)
    hrefs = links.evaluate_all("l => l.map(a => a.getAttribute('href'))")
    found = [i for i, h in enumerate(hrefs) if (h or "").split("?")[0].strip("/") == name]
    return links.nth(found[0])


def shoot_signed_in(browser, server, planned, out: Path) -> None:
    """Sign in once per language and window (a new address is a new session, signed out),
    then open each page from the menu, as an administrator does."""
    by_window: dict[tuple[str, tuple[int, int]], list] = {}
    for shot in planned:
        by_window.setdefault((shot[3], shot[4]), []).append(shot)
    for (lang, (width, height)), shots_here in tqdm(by_window.items(), unit="window"):
        context = browser.new_context(
            locale=f"{lang}-MA", viewport={"width": width, "height": height}
        )
        page = context.new_page()
        open_page(page, server.url(f"/{SIGN_IN.url_path}", lang=lang))
        page.get_by_label(t("username", lang)).fill(ADMIN)
        page.get_by_label(t("password", lang)).fill(PASSWORD)
        page.get_by_role("button", name=t("sign_in", lang)).click()
        page.get_by_text(t("signed_in_as", lang)).first.wait_for(state="attached")
        wait_after_run(page)
        for name, path, _key, _lang, _size in shots_here:
            _menu_link(page, path).click()
            # The page's own address, then no element still drawing (Streamlit's skeletons).
            page.wait_for_url(re.compile(f"/{Path(path).stem.partition('_')[2]}(\\?|$)"))
            wait_after_run(page)
            page.locator("[data-testid='stMain'] h1").first.wait_for()
            page.wait_for_function("() => !document.querySelector(\"[data-testid='stSkeleton']\")")
            if width < 600 and page.locator("[data-testid='stSidebarCollapseButton']").count():
                collapse = page.locator("[data-testid='stSidebarCollapseButton'] button")
                if collapse.first.is_visible():
                    collapse.first.click()
            page.wait_for_timeout(800)
            page.screenshot(path=str(out / name))
        context.close()


def with_lang(path: str, lang: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}lang={lang}"


def gallery(planned, signed_in=()) -> str:
    """The gallery page: one row per page and language, its screens side by side; then the
    pages behind sign-in."""
    lines = [
        "# Screenshots",
        "",
        "Every public page on the bundled sample, as a reader first sees it: a laptop's",
        "window (1400x900), a phone's (390x844) and, for the display, a 1080p screen;",
        f"then the pages behind sign-in, {SIGNED_IN}.",
        "Made by `python tools/screenshots.py`.",
        "",
        "| page | language | laptop | phone | 1080p screen |",
        "| --- | --- | --- | --- | --- |",
    ]
    rows: dict[tuple[str, str], dict[str, str]] = {}
    for name, _path, key, lang, _size in planned:
        screen = name.removesuffix(".png").rsplit("-", 1)[1]
        rows.setdefault((t(key, "en"), lang), {})[screen] = name
    signed: set[tuple[str, str]] = set()
    for name, _path, key, lang, _size in signed_in:
        screen = name.removesuffix(".png").rsplit("-", 1)[1]
        rows.setdefault((t(key, "en"), lang), {})[screen] = name
        signed.add((t(key, "en"), lang))
    for (title, lang), files in rows.items():
        if (title, lang) in signed:
            title = f"{title} ({SIGNED_IN})"
        cells = [
            f'<img src="{files[screen]}" alt="{title}, {lang}, {screen}" width="{width}">'
            if screen in files
            else ""
            for screen, width in (("desktop", 280), ("phone", 100), ("1080p", 280))
        ]
        lines.append(f"| {title} | {lang} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument(
        "--signed-in-only", action="store_true", help="only the pages behind sign-in"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        url = f"sqlite:///{work}/sample.db"
        subprocess.run(
            [sys.executable, "-m", "etl", "sample"],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": url},
            check=True,
            capture_output=True,
        )
        planned, signed_in = shots(url), signed_in_shots()
        add_administrator(url)
        # The share links show a public address, not the local server's changing port.
        os.environ.setdefault("MUSHARAKA_PUBLIC_URL", "https://musharaka.example.ma")
        server = start_server(url, Path(work) / "server.log")
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                for name, path, _key, lang, (width, height) in tqdm(
                    [] if args.signed_in_only else planned, unit="shot"
                ):
                    context = browser.new_context(
                        locale=f"{lang}-MA", viewport={"width": width, "height": height}
                    )
                    page = context.new_page()
                    page.route(TILES, lambda route: route.abort())
                    open_page(page, server.url(with_lang(path, lang)))
                    if name.startswith(f"{MAP_SLUG}-"):
                        page.locator(MAP_BLOCK).scroll_into_view_if_needed()
                        page.wait_for_timeout(2500)  # the map's first frame
                    page.wait_for_timeout(600)
                    page.screenshot(path=str(args.out / name))
                    context.close()
                shoot_signed_in(browser, server, signed_in, args.out)
                browser.close()
        finally:
            server.stop()
    (args.out / "README.md").write_text(gallery(planned, signed_in), encoding="utf-8")


if __name__ == "__main__":
    main()
