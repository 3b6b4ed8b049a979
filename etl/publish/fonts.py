"""The static site's fonts: Noto Sans Arabic, subset to the characters the pages can show
and compressed as WOFF2 (tools/subset_fonts.py writes them into assets/fonts/ from the
full fonts under static/). Served once from static/fonts/ and cached by every page."""

from __future__ import annotations

import io
from pathlib import Path

ASSETS = Path(__file__).resolve().parent / "assets" / "fonts"
# The full font under static/ -> its subset under assets/fonts/.
SOURCES = {
    "NotoSansArabic-Regular.ttf": "NotoSansArabic-Regular.woff2",
    "NotoSansArabic-Bold.ttf": "NotoSansArabic-Bold.woff2",
}
# What the pages can hold, by Unicode range: Latin digits and punctuation (Latin letters
# are drawn by the reader's own font), Arabic and Arabic Supplement (letters, Arabic-Indic
# digits, Arabic punctuation, the letters of Moroccan names such as ڭ), the presentation
# forms a pasted text may hold, the general punctuation with the direction and joining
# controls, and the dotted circle the shaper draws under a lone mark.
RANGES = (
    (0x0020, 0x007E),
    (0x00A0, 0x00FF),
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x2000, 0x206F),
    (0x25CC, 0x25CC),
    (0xFE70, 0xFEFF),
)


def unicodes() -> list[int]:
    return [code for first, last in RANGES for code in range(first, last + 1)]


def subset(source: Path) -> bytes:
    """The font at `source` cut to RANGES, with every layout feature, as WOFF2."""
    from fontTools import subset as subsetter
    from fontTools.ttLib import TTFont

    options = subsetter.Options()
    options.layout_features = ["*"]  # init, medi, fina, rlig, mark, kern... the shaping
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.flavor = "woff2"
    font = TTFont(source)
    cutter = subsetter.Subsetter(options)
    cutter.populate(unicodes=unicodes())
    cutter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def files() -> dict[str, bytes]:
    """The site's font files: path under the site -> bytes."""
    return {f"static/fonts/{name}": (ASSETS / name).read_bytes() for name in SOURCES.values()}
