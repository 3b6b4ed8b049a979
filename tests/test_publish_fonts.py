"""The static site's fonts: the Arabic font subset to what the pages can show is a
fraction of the full one, still holds every character of the Arabic and French catalogs
and of the status words, and keeps the shaping of Arabic (its layout features)."""

from __future__ import annotations

import io
import unicodedata

import pytest
from babel.messages.pofile import read_po
from fontTools.ttLib import TTFont

from etl.publish import fonts
from musharaka.config import PROJECT_ROOT


def subset_fonts() -> dict[str, TTFont]:
    return {name: TTFont(io.BytesIO(content)) for name, content in fonts.files().items()}


def catalog_text(lang: str) -> str:
    with (PROJECT_ROOT / "locale" / lang / "LC_MESSAGES" / "musharaka.po").open("rb") as po:
        catalog = read_po(po)
    parts: list[str] = []
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        parts.extend(s for s in strings if s)
    return "".join(parts)


def test_the_subsets_are_a_fraction_of_the_full_fonts():
    for source, target in fonts.SOURCES.items():
        full = (PROJECT_ROOT / "static" / source).stat().st_size
        cut = (fonts.ASSETS / target).stat().st_size
        assert cut < full / 3, (target, cut, full)


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_every_character_of_the_catalogs_the_font_draws_is_kept(lang):
    """What the full font can draw of a catalog's text (Arabic letters, digits,
    punctuation; not Latin letters, which the reader's own font draws) the subset draws."""
    full = TTFont(PROJECT_ROOT / "static" / "NotoSansArabic-Regular.ttf").getBestCmap()
    wanted = {c for c in catalog_text(lang) if ord(c) in full}
    if lang == "ar":
        assert len(wanted) > 40  # the Arabic alphabet, at least
    for name, font in subset_fonts().items():
        missing = sorted(c for c in wanted if ord(c) not in font.getBestCmap())
        assert not missing, (name, [unicodedata.name(c, hex(ord(c))) for c in missing])


def test_the_shaping_of_arabic_is_kept():
    for name, font in subset_fonts().items():
        assert "GSUB" in font and "GPOS" in font, name
        features = {r.FeatureTag for r in font["GSUB"].table.FeatureList.FeatureRecord}
        assert {"init", "medi", "fina", "rlig"} <= features, (name, features)
        marks = {r.FeatureTag for r in font["GPOS"].table.FeatureList.FeatureRecord}
        assert "mark" in marks, (name, marks)
        # The letters of Moroccan names and Arabic-Indic digits are there.
        cmap = font.getBestCmap()
        assert all(ord(c) in cmap for c in "ڭبتث٠١٢٣،؟"), name
