"""Pure pieces of the public display (pages/4_Public_display.py): its colours and their
contrast, its refresh interval, the commune the URL names, the domains it rotates through,
and a chart made readable on a wall screen. No Streamlit here."""

from __future__ import annotations

import pandas as pd

from musharaka.vocabulary import DOMAIN_KEYS

# --- colours (WCAG AA: every text colour on every background it sits on >= 4.5:1) -------
DISPLAY_BACKGROUND = "#FFFFFF"
DISPLAY_TEXT = "#1B1E28"
DISPLAY_MUTED = "#474C59"  # captions: Streamlit's own faded grey is below 4.5:1 on white
DISPLAY_PANEL = "#EAF2F9"  # the rotating domain's panel
# (text, background) pairs used on the display; tests/test_page_public_display.py checks them.
DISPLAY_COLOUR_PAIRS = (
    (DISPLAY_TEXT, DISPLAY_BACKGROUND),
    (DISPLAY_MUTED, DISPLAY_BACKGROUND),
    (DISPLAY_TEXT, DISPLAY_PANEL),
    (DISPLAY_MUTED, DISPLAY_PANEL),
)


# Static CSS (no data in it), injected after ui.PUBLIC_CSS: fixed colours whatever the
# viewer's theme, captions dark enough, and type that scales with the screen or the iframe
# it is embedded in (vw is the iframe's width there).
DISPLAY_CSS = f"""
<style>
.stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"] {{
  background-color: {DISPLAY_BACKGROUND}; color: {DISPLAY_TEXT};
}}
h1, h2, h3, [data-testid="stMarkdownContainer"], [data-testid="stMetricValue"],
[data-testid="stMetricLabel"] p {{ color: {DISPLAY_TEXT}; }}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {{
  color: {DISPLAY_MUTED};
}}
.st-key-public_spotlight {{ background-color: {DISPLAY_PANEL}; border-radius: 0.5rem; }}
html {{ font-size: clamp(15px, 0.8vw + 8px, 24px); }}
/* A kiosk: the whole display on one screen, so none of Streamlit's margins for scrolling. */
[data-testid="stMainBlockContainer"] {{ padding: 1rem 2rem 0.5rem; max-width: none; }}
[data-testid="stMetricValue"] {{ line-height: 1.05; }}
[data-testid="stMetricLabel"] {{ min-height: 0; margin-bottom: 0; }}
[data-testid="stMetricValue"] {{ font-size: clamp(1.6rem, 3vw, 3.2rem); }}
[data-testid="stMetricLabel"] div, [data-testid="stMetricLabel"] p {{
  white-space: normal; overflow: visible; text-overflow: clip; word-break: normal;
  overflow-wrap: normal; font-size: 1.05rem;
}}
/* Narrow screens and iframes: figures wrap onto a second line instead of being cut. */
[data-testid="stHorizontalBlock"] {{ flex-wrap: wrap; }}
[data-testid="stColumn"] {{ min-width: min(7rem, 100%); }}
/* Read from across the room: the latest completions at 1.46vw, 28 px on a 1080p screen
   (smaller on a 720p one, where the same lines must still fit), the bars at 1.2rem. */
[data-testid="stMarkdownContainer"] li {{ font-size: clamp(1rem, 1.46vw, 1.8rem);
  line-height: 1.3; margin-bottom: 0.25rem; }}
h1 {{ font-size: 1.8rem; padding: 0 0 0.2rem; }}
h3 {{ font-size: 1.25rem; padding-top: 0.2rem; padding-bottom: 0.3rem; }}
table.bars {{ font-size: 1.2rem; margin: 0; }}
table.bars th {{ width: 42%; }}
table.bars .line, table.bars .seg {{ height: 1.5rem; line-height: 1.5rem; }}
table.bars .seg {{ font-size: 0.9rem; }}
[data-testid="stMetric"] {{ padding: 0; }}
@media (max-width: 640px) {{
  .st-key-public_panels [data-testid="stColumn"] {{ min-width: 100%; }}
}}
.pd-grid {{ display: grid; grid-template-columns: 1fr 1fr; gap: 0.6rem 1rem; }}
.pd-value {{ font-size: 2.2rem; font-weight: 600; line-height: 1.1; }}
.pd-label {{ font-size: 1rem; }}
</style>
"""


# --- what the URL asks for -----------------------------------------------------------
DEFAULT_REFRESH_SECONDS = 30
MIN_REFRESH_SECONDS = 10
MAX_REFRESH_SECONDS = 600


def refresh_seconds(raw: object) -> int:
    """The refresh interval from ?refresh=SECONDS: 30 by default or when unreadable, kept
    between 10 s (spare the database) and 10 min (a screen that still looks alive)."""
    try:
        seconds = int(str(raw).strip())  # int() reads Arabic-Indic digits too
    except ValueError:
        return DEFAULT_REFRESH_SECONDS
    return min(max(seconds, MIN_REFRESH_SECONDS), MAX_REFRESH_SECONDS)


def commune_name(row, lang: str) -> str:
    """A commune's name in the reader's language when known, else as first written."""
    preferred = row.name_ar if lang == "ar" else row.name_fr
    return preferred if isinstance(preferred, str) and preferred else row.name


def chosen_communes(communes: pd.DataFrame, wanted: str, lang: str) -> dict[int, str]:
    """The communes ?commune=ID[,ID...] names, by id with their names; ids that name no
    commune are ignored, and an empty result means the whole country."""
    known = {int(row.id): commune_name(row, lang) for row in communes.itertuples(index=False)}
    chosen: dict[int, str] = {}
    for part in str(wanted or "").split(","):
        part = part.strip()
        if part.isdigit() and int(part) in known:
            chosen[int(part)] = known[int(part)]
    return chosen


def domains_in(domain_counts: pd.DataFrame) -> list[str]:
    """The domains that have recommendations, in the vocabulary's order (the rotation's)."""
    present = {row.domain for row in domain_counts.itertuples(index=False) if row.count > 0}
    return [key for key in DOMAIN_KEYS if key in present]


def rotating_domain(domains: list[str], tick: int) -> tuple[int, str] | None:
    """The domain shown at the display's `tick`-th refresh, with its index; None if none."""
    if not domains:
        return None
    index = tick % len(domains)
    return index, domains[index]
