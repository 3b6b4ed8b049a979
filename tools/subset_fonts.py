"""Subset the bundled Arabic fonts for the static site: `python tools/subset_fonts.py`
writes etl/publish/assets/fonts/*.woff2 from static/NotoSansArabic-*.ttf (`make fonts`).

The static site's pages show the catalogs' words and the data's text: Arabic letters,
digits and punctuation (Arabic, Arabic Supplement, the presentation forms data may hold),
Latin digits and punctuation, the direction and joining controls. The subset keeps those
characters and every layout feature (GSUB, GPOS: the shaping of Arabic), compressed as
WOFF2. Run again after changing the fonts or the ranges (etl.publish.fonts.RANGES).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.publish import fonts  # noqa: E402


def main() -> None:
    for source, target in fonts.SOURCES.items():
        content = fonts.subset(ROOT / "static" / source)
        (fonts.ASSETS / target).write_bytes(content)
        print(
            f"{target}: {len(content):,} bytes (from {(ROOT / 'static' / source).stat().st_size:,})"
        )


if __name__ == "__main__":
    main()
