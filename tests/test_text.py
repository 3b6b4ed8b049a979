"""Text matching rules of the data contract: how a header or value is folded, stemmed, split.

"Header matching ignores case, accents, surrounding spaces, Arabic diacritics (tashkeel)
and tatweel, and treats أ إ آ as ا, ة as ه and ى as ي."
"""

from __future__ import annotations

import pytest

from musharaka.text import fold, split_list, stem, stored_text, to_ascii_digits

# (written, folds like) — each row is one clause of the matching rule.
FOLDING = [
    pytest.param("REUNION", "reunion", id="upper case"),
    pytest.param("Réunion", "reunion", id="acute accent"),
    pytest.param("ÉLECTRICITÉ", "electricite", id="accented capitals"),
    pytest.param("Échéance", "echeance", id="accents on both ends"),
    pytest.param("Intitulé", "intitule", id="trailing accent"),
    pytest.param("Coût estimé", "cout estime", id="circumflex"),
    pytest.param("Modérateur", "moderateur", id="accent inside"),
    pytest.param("naïve", "naive", id="diaeresis"),
    pytest.param("Ça", "ca", id="cedilla"),
    pytest.param("  réunion  ", "reunion", id="surrounding spaces"),
    pytest.param("\treunion\n", "reunion", id="surrounding tab and newline"),
    pytest.param("\u00a0reunion\u00a0", "reunion", id="surrounding no-break spaces"),
    pytest.param("meeting   date", "meeting date", id="repeated inner spaces"),
    pytest.param("التَّوْصِيَة", "التوصيه", id="tashkeel (fatha, shadda, sukun, kasra)"),
    pytest.param("التاريخُ", "التاريخ", id="tashkeel (damma)"),
    pytest.param("مُنْجَزَةٌ", "منجزه", id="tashkeel (tanwin)"),
    pytest.param("الـتـاريـخ", "التاريخ", id="tatweel"),
    pytest.param("الـمـجـال", "المجال", id="tatweel in a header"),
    pytest.param("أ", "ا", id="alef with hamza above"),
    pytest.param("إ", "ا", id="alef with hamza below"),
    pytest.param("آ", "ا", id="alef with madda"),
    pytest.param("الأولوية", "الاولويه", id="أ inside a word"),
    pytest.param("الإقليم", "الاقليم", id="إ inside a word"),
    pytest.param("آذار", "اذار", id="آ at the start"),
    pytest.param("ة", "ه", id="taa marbuta"),
    pytest.param("ملاحظة", "ملاحظه", id="taa marbuta at the end of a word"),
    pytest.param("ى", "ي", id="alef maqsura"),
    pytest.param("ملغى", "ملغي", id="alef maqsura at the end of a word"),
    pytest.param("  الـجَمْعِيّـة  ", "الجمعيه", id="all the Arabic rules together"),
    pytest.param("\u200fالتاريخ", "التاريخ", id="right-to-left mark"),
    pytest.param("\ufeffdate", "date", id="stray byte-order mark"),
    pytest.param("meeting_id", "meeting id", id="underscore is a space"),
    pytest.param("Meeting-ID", "meeting id", id="hyphen is a space"),
    pytest.param(None, "", id="empty cell"),
]


@pytest.mark.parametrize(("written", "folded"), FOLDING)
def test_fold(written, folded):
    assert fold(written) == folded


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Réunion ", "REUNION"),
        ("Date de mise à jour", "DATE DE MISE A JOUR"),
        ("الأولوية", "الاولوية"),
        ("الإقليم", "الاقليم"),
        ("تاريخ الإنجاز المتوقع", "تاريخ الانجاز المتوقع"),
        ("نسبة الإنجاز", "نسبه الانجاز"),
        ("الكلفة التقديرية", "الكلفه التقديريه"),
        ("مستشفى", "مستشفي"),
        ("التَّوْصِيَة", "التوصية"),
        ("الـتـوصـيـة", "التوصية"),
    ],
)
def test_fold_makes_spellings_alike(one, other):
    assert fold(one) == fold(other)


@pytest.mark.parametrize(
    "forms",
    [
        pytest.param(("réalisé", "réalisée", "réalisés", "réalisées"), id="réalisé"),
        pytest.param(("Réalisé", "REALISEE", "realises", " réalisées "), id="réalisé folded"),
        pytest.param(("terminé", "terminée", "terminés", "terminées"), id="terminé"),
        pytest.param(("annulé", "annulée", "annulés", "annulées"), id="annulé"),
        pytest.param(("programmé", "programmée", "programmés", "programmées"), id="programmé"),
        pytest.param(("منجز", "منجزة", "منجزات"), id="منجز"),
        pytest.param(("مبرمج", "مبرمجة", "مبرمجات"), id="مبرمج"),
        pytest.param(("متعثر", "متعثرة", "متعثرات"), id="متعثر"),
        pytest.param(("مُنجَز", "مـنـجـزة", "منجزه"), id="منجز folded"),
    ],
)
def test_stem_makes_gender_and_number_alike(forms):
    stems = {stem(form) for form in forms}
    assert len(stems) == 1, stems


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("non entamé", "non entamée"),
        ("pas commencé", "pas commencées"),
        ("غير منطلق", "غير منطلقة"),
    ],
)
def test_stem_applies_to_every_word(one, other):
    assert stem(one) == stem(other)


@pytest.mark.parametrize(
    ("cell", "items"),
    [
        pytest.param("a; b", ["a", "b"], id="semicolon"),
        pytest.param("a;b;c", ["a", "b", "c"], id="semicolon without spaces"),
        pytest.param("جمعية النور؛ جمعية الأمل", ["جمعية النور", "جمعية الأمل"], id="؛"),
        pytest.param("جمعية النور، جمعية الأمل", ["جمعية النور", "جمعية الأمل"], id="،"),
        pytest.param("Association A\nAssociation B", ["Association A", "Association B"], id="LF"),
        pytest.param("A\r\nB", ["A", "B"], id="CRLF"),
        pytest.param("  A  ;   B  ", ["A", "B"], id="items trimmed"),
        pytest.param("A; ; B;", ["A", "B"], id="empty items dropped"),
        pytest.param(
            "جمعية النور؛ جمعية الأمل، Association Tifawt\nجمعية السلام; Amal",
            ["جمعية النور", "جمعية الأمل", "Association Tifawt", "جمعية السلام", "Amal"],
            id="all separators in one cell",
        ),
        pytest.param(
            "Commune, Province", ["Commune, Province"], id="a Latin comma is not a separator"
        ),
        pytest.param("Association A", ["Association A"], id="one item"),
        pytest.param("A; a", ["A"], id="a repeated item is dropped"),
        pytest.param("", [], id="blank"),
        pytest.param("   ", [], id="only spaces"),
        pytest.param(None, [], id="empty cell"),
        pytest.param(float("nan"), [], id="NaN (a blank cell in a data frame)"),
    ],
)
def test_split_list(cell, items):
    assert split_list(cell) == items


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        pytest.param("٠١٢٣٤٥٦٧٨٩", "0123456789", id="Arabic-Indic"),
        pytest.param("۰۱۲۳۴۵۶۷۸۹", "0123456789", id="Persian"),
        pytest.param("R-١٢", "R-12", id="inside text"),
        pytest.param("2020", "2020", id="ASCII unchanged"),
        pytest.param("٪٫٬", "٪٫٬", id="Arabic signs unchanged"),
    ],
)
def test_to_ascii_digits(written, expected):
    assert to_ascii_digits(written) == expected


# "Text is stored as given (trimmed), never HTML-escaped or truncated."
@pytest.mark.parametrize(
    ("cell", "stored"),
    [
        pytest.param("  Douar Aït Ali  ", "Douar Aït Ali", id="trimmed"),
        pytest.param("<b>R&D</b>", "<b>R&D</b>", id="not HTML-escaped"),
        pytest.param("x" * 5000, "x" * 5000, id="not truncated"),
        pytest.param("سطر\nسطر", "سطر\nسطر", id="inner newline kept"),
        pytest.param(12.0, "12", id="a whole float is an integer"),
        pytest.param(12.5, "12.5", id="a float"),
        pytest.param("   ", None, id="only spaces is blank"),
        pytest.param(None, None, id="empty cell"),
        pytest.param(float("nan"), None, id="NaN is blank"),
    ],
)
def test_stored_text_trims_and_stores_blank_as_none(cell, stored):
    assert stored_text(cell) == stored


def test_the_fast_fold_agrees_with_full_decomposition():
    """fold() folds most text with one translation table; it must give exactly what the
    full Unicode decomposition gives, on every Latin and Arabic character mix."""
    import random

    from musharaka.text import _fold, _fold_decomposed

    rng = random.Random(2020)
    alphabet = [chr(c) for c in [*range(0x20, 0x250), *range(0x600, 0x700)]]
    for _ in range(20_000):
        sample = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 16)))
        assert _fold(sample) == _fold_decomposed(sample), sample


@pytest.mark.parametrize("hidden", ["\u202e", "\u2067", "\u200f", "\x07", "\x1b", "\x7f", "\r"])
def test_every_page_drops_the_same_control_characters_from_text_it_shows(hidden):
    """A title or a note with a direction override or a terminal escape is shown without
    it wherever it appears: Markdown text, report tables, HTML lists (one set of controls,
    formats.CONTROLS)."""
    from musharaka import formats
    from musharaka.services.field_reports import shown_text
    from musharaka.ui.display import data_text

    written = f"Route{hidden} douar"
    for shown in (data_text(written), shown_text(written), formats.text_without_controls(written)):
        assert hidden not in shown and "Route" in shown and "douar" in shown
