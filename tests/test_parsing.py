"""Cell parsing rules of the data contract, one row per rule, failures included.

The statuses, domains and priorities are checked twice: over the whole vocabulary (so
every entry anyone adds is reachable) and over rows copied from the contract's text (so
a vocabulary that loses an entry fails here).
"""

from __future__ import annotations

import datetime as dt

import pytest

from musharaka import vocabulary as vocab
from musharaka.parsing import (
    CellError,
    DomainMatch,
    PercentCell,
    parse_amount,
    parse_count,
    parse_date,
    parse_domain,
    parse_number,
    parse_priority,
    parse_progress,
    parse_status,
)

FEB_16 = dt.date(2020, 2, 16)

# --- Dates ---------------------------------------------------------------------------
DATES = [
    pytest.param(dt.date(2020, 2, 16), FEB_16, id="native date"),
    pytest.param(dt.datetime(2020, 2, 16, 10, 30), FEB_16, id="native datetime"),
    pytest.param(43877, FEB_16, id="Excel serial as a number"),
    pytest.param(43877.0, FEB_16, id="Excel serial as a float"),
    pytest.param(43877.5, FEB_16, id="Excel serial with a time of day"),
    pytest.param("43877", FEB_16, id="Excel serial as text"),
    pytest.param("٤٣٨٧٧", FEB_16, id="Excel serial in Arabic-Indic digits"),
    pytest.param("2020-02-16", FEB_16, id="ISO"),
    pytest.param("2020-02-16T10:30:00", FEB_16, id="ISO with a time"),
    pytest.param("16/02/2020", FEB_16, id="day first, slashes"),
    pytest.param("16-02-2020", FEB_16, id="day first, hyphens"),
    pytest.param("16.02.2020", FEB_16, id="day first, dots"),
    pytest.param("16/2/2020", FEB_16, id="day first, one-digit month"),
    pytest.param("05/03/2021", dt.date(2021, 3, 5), id="day before month (Moroccan usage)"),
    pytest.param("16/02/2020 10:30", FEB_16, id="day first with a time"),
    pytest.param(" 16/02/2020 ", FEB_16, id="surrounding spaces"),
    pytest.param("١٦/٠٢/٢٠٢٠", FEB_16, id="Arabic-Indic digits"),
    pytest.param("۱۶/۰۲/۲۰۲۰", FEB_16, id="Persian digits"),
    pytest.param("۲۰۲۰-۰۲-۱۶", FEB_16, id="Persian digits, ISO"),
    pytest.param("16 février 2020", FEB_16, id="French month"),
    pytest.param("16 FEVRIER 2020", FEB_16, id="French month, capitals, no accent"),
    pytest.param("1er mars 2021", dt.date(2021, 3, 1), id="French 1er"),
    pytest.param("le 16 février 2020", FEB_16, id="French with le"),
    pytest.param("dimanche 16 février 2020", FEB_16, id="French with the weekday"),
    pytest.param("February 16, 2020", FEB_16, id="English month first"),
    pytest.param("16 February 2020", FEB_16, id="English day first"),
    pytest.param("16 فبراير 2020", FEB_16, id="MSA month"),
    pytest.param("الأحد 16 فبراير 2020", FEB_16, id="MSA with the weekday"),
    pytest.param("٢٩ شتنبر ٢٠١٩", dt.date(2019, 9, 29), id="Moroccan month, Arabic-Indic digits"),
    pytest.param("3 غشت 2021", dt.date(2021, 8, 3), id="Moroccan غشت"),
    pytest.param("16 شباط 2020", FEB_16, id="Levantine month"),
    pytest.param("3 كانون الثاني 2021", dt.date(2021, 1, 3), id="Levantine two-word month"),
    pytest.param("29/02/2020", dt.date(2020, 2, 29), id="leap day"),
]


@pytest.mark.parametrize(("cell", "expected"), DATES)
def test_parse_date(cell, expected):
    parsed = parse_date(cell)
    assert parsed == expected
    assert type(parsed) is dt.date


# The contract's month lists, written out as it gives them.
MONTH_NAMES = {
    "French": "janvier février mars avril mai juin juillet août septembre octobre novembre "
    "décembre",
    "English": "January February March April May June July August September October November "
    "December",
    "Modern Standard Arabic": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر "
    "نوفمبر ديسمبر",
    "Moroccan Arabic": "يناير فبراير مارس أبريل ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر",
}


@pytest.mark.parametrize(
    ("name", "month"),
    [
        pytest.param(name, month, id=f"{language} {month}")
        for language, names in MONTH_NAMES.items()
        for month, name in enumerate(names.split(), start=1)
    ],
)
def test_every_month_name_in_the_contract(name, month):
    assert parse_date(f"16 {name} 2020") == dt.date(2020, month, 16)


BAD_DATES = [
    pytest.param("31/02/2020", id="a day that does not exist"),
    pytest.param("29/02/2021", id="29 February outside a leap year"),
    pytest.param("2020-13-01", id="ISO month 13"),
    pytest.param("02/16/2020", id="month first is not read (no month 16)"),
    pytest.param("30 février 2020", id="written date that does not exist"),
    pytest.param("demain", id="a word"),
    pytest.param("16 brumaire 2020", id="unknown month name"),
    pytest.param("février 2020", id="no day"),
    pytest.param(99999999, id="a number too large for a date"),
    pytest.param("99999999", id="a number too large for a date, as text"),
    pytest.param(12, id="a small number"),
    pytest.param(True, id="a boolean"),
]


@pytest.mark.parametrize("cell", BAD_DATES)
def test_parse_date_refuses(cell):
    with pytest.raises(CellError) as error:
        parse_date(cell)
    assert error.value.reason == "bad_date"


# --- Numbers -------------------------------------------------------------------------
NUMBERS = [
    pytest.param("1200000", 1_200_000, id="plain"),
    pytest.param(1200000, 1_200_000, id="native number"),
    pytest.param("1 200 000", 1_200_000, id="space thousands"),
    pytest.param("1 200 000,50", 1_200_000.50, id="space thousands, decimal comma"),
    pytest.param("1\u00a0200\u00a0000,50", 1_200_000.50, id="no-break space U+00A0"),
    pytest.param("1\u202f200\u202f000,50", 1_200_000.50, id="narrow no-break space U+202F"),
    pytest.param("1.200.000,50", 1_200_000.50, id="dot thousands, decimal comma"),
    pytest.param("1.200.000", 1_200_000, id="dot thousands"),
    pytest.param("1,200,000.50", 1_200_000.50, id="comma thousands, decimal point"),
    pytest.param("1,200,000", 1_200_000, id="comma thousands"),
    pytest.param("12,5", 12.5, id="decimal comma"),
    pytest.param("12.5", 12.5, id="decimal point"),
    pytest.param("١٬٢٠٠٬٠٠٠", 1_200_000, id="Arabic thousands separator ٬"),
    pytest.param("١٢٫٥", 12.5, id="Arabic decimal separator ٫"),
    pytest.param("۱۲۰۰", 1200, id="Persian digits"),
    pytest.param("350 000 DH", 350_000, id="trailing DH"),
    pytest.param("350 000 dh", 350_000, id="trailing dh"),
    pytest.param("350000 MAD", 350_000, id="trailing MAD"),
    pytest.param("350000DH", 350_000, id="DH without a space"),
    pytest.param("1200 درهم", 1200, id="trailing درهم"),
    pytest.param("١٬٢٠٠٬٠٠٠٫٥٠ درهم", 1_200_000.50, id="all Arabic"),
    pytest.param("1 200 000,50 DH", 1_200_000.50, id="French amount with DH"),
    pytest.param(" 45 ", 45, id="surrounding spaces"),
    pytest.param("-100", -100, id="negative (parse_number itself does not judge range)"),
]


@pytest.mark.parametrize(("cell", "expected"), NUMBERS)
def test_parse_number(cell, expected):
    assert parse_number(cell) == expected


@pytest.mark.parametrize(
    "cell",
    [
        pytest.param("abc", id="a word"),
        pytest.param("1,5 million", id="a number with words"),
        pytest.param("12 500 euros", id="another currency"),
        pytest.param("", id="empty text"),
        pytest.param(float("nan"), id="NaN"),
        pytest.param(True, id="a boolean"),
    ],
)
def test_parse_number_refuses(cell):
    with pytest.raises(CellError) as error:
        parse_number(cell)
    assert error.value.reason == "bad_number"


# --- Progress ------------------------------------------------------------------------
PROGRESS = [
    pytest.param("45", 45, id="45"),
    pytest.param("45%", 45, id="45%"),
    pytest.param("45 %", 45, id="45 space %"),
    pytest.param("٤٥٪", 45, id="Arabic digits and ٪"),
    pytest.param("۴۵٪", 45, id="Persian digits and ٪"),
    pytest.param(45, 45, id="a number"),
    pytest.param("45,5 %", 45.5, id="decimal comma"),
    pytest.param(PercentCell(0.45), 45, id="a percent-formatted cell holding 0.45"),
    pytest.param(PercentCell(1.0), 100, id="a percent-formatted cell holding 1"),
    pytest.param(PercentCell(0.0), 0, id="a percent-formatted cell holding 0"),
    pytest.param("0", 0, id="0"),
    pytest.param("100", 100, id="100"),
    pytest.param("100%", 100, id="100%"),
    pytest.param(1, 1, id="1 is one percent"),
    pytest.param("0.5%", 0.5, id="a fraction written with % is meant"),
]


@pytest.mark.parametrize(("cell", "expected"), PROGRESS)
def test_parse_progress(cell, expected):
    assert parse_progress(cell) == (expected, None)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param(0.45, 0.45, id="0.45 as a plain number"),
        pytest.param("0.45", 0.45, id="0.45 as text"),
        pytest.param("0,45", 0.45, id="0,45 as text"),
    ],
)
def test_parse_progress_reads_a_bare_fraction_as_it_stands_with_a_warning(cell, expected):
    progress, warning = parse_progress(cell)
    assert progress == expected
    assert warning is not None
    assert str(cell) in warning


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        pytest.param(150, "out_of_range", id="150"),
        pytest.param("150%", "out_of_range", id="150%"),
        pytest.param(-5, "out_of_range", id="-5"),
        pytest.param("-5 %", "out_of_range", id="-5 %"),
        pytest.param(100.5, "out_of_range", id="just above 100"),
        pytest.param(PercentCell(1.5), "out_of_range", id="percent cell holding 150%"),
        pytest.param("abc", "bad_number", id="not a number"),
        pytest.param("beaucoup %", "bad_number", id="a word with %"),
    ],
)
def test_parse_progress_refuses(cell, reason):
    with pytest.raises(CellError) as error:
        parse_progress(cell)
    assert error.value.reason == reason


# --- Statuses ------------------------------------------------------------------------
# The contract's table, as written there.
CONTRACT_STATUSES = {
    "partially_completed": (
        "partially completed",
        "partly done",
        "partiellement réalisée",
        "réalisée partiellement",
        "منجزة جزئيا",
        "إنجاز جزئي",
    ),
    "not_started": (
        "not started",
        "non entamée",
        "non démarrée",
        "pas commencé",
        "لم تنطلق بعد",
        "غير منطلقة",
    ),
    "planned": ("planned", "scheduled", "programmée", "planifiée", "مبرمجة"),
    "in_progress": (
        "in progress",
        "ongoing",
        "en cours",
        "en cours de réalisation",
        "في طور الإنجاز",
        "قيد الإنجاز",
        "جارية",
    ),
    "completed": ("completed", "done", "réalisée", "achevée", "terminée", "منجزة", "تم الإنجاز"),
    "stalled": (
        "stalled",
        "delayed",
        "blocked",
        "en retard",
        "bloquée",
        "suspendue",
        "متعثرة",
        "متوقفة",
    ),
    "cancelled": ("cancelled", "canceled", "dropped", "annulée", "abandonnée", "ملغاة"),
}


def test_the_status_keys_are_the_contracts():
    assert set(vocab.STATUS_KEYS) == set(CONTRACT_STATUSES)


@pytest.mark.parametrize(
    ("written", "key"),
    [(key, key) for key in CONTRACT_STATUSES]
    + [(written, key) for key, accepted in CONTRACT_STATUSES.items() for written in accepted],
)
def test_every_status_in_the_contract(written, key):
    assert parse_status(written) == key


@pytest.mark.parametrize(
    ("written", "key"),
    [
        (written, term.key)
        for term in vocab.STATUSES
        for written in dict.fromkeys((term.key, term.ar, term.fr, term.en, *term.accepted))
    ],
)
def test_every_status_in_the_vocabulary(written, key):
    assert parse_status(written) == key


# "Masculine or plural forms of the French and Arabic words (réalisé, منجز) are accepted too."
STATUS_FORMS = [
    ("non entamé", "not_started"),
    ("non démarrés", "not_started"),
    ("pas commencée", "not_started"),
    ("غير منطلق", "not_started"),
    ("programmé", "planned"),
    ("programmés", "planned"),
    ("planifié", "planned"),
    ("مبرمج", "planned"),
    ("مبرمجات", "planned"),
    ("جاري", "in_progress"),
    ("réalisé", "completed"),
    ("réalisés", "completed"),
    ("réalisées", "completed"),
    ("achevé", "completed"),
    ("terminé", "completed"),
    ("terminés", "completed"),
    ("منجز", "completed"),
    ("منجزات", "completed"),
    ("bloqué", "stalled"),
    ("bloqués", "stalled"),
    ("suspendu", "stalled"),
    ("متعثر", "stalled"),
    ("متعثرات", "stalled"),
    ("متوقف", "stalled"),
    ("annulé", "cancelled"),
    ("annulés", "cancelled"),
    ("abandonné", "cancelled"),
]


@pytest.mark.parametrize(("written", "key"), STATUS_FORMS)
def test_masculine_and_plural_status_forms(written, key):
    assert parse_status(written) == key


# "same matching rules as headers": case, accents, spaces, tashkeel, tatweel, letter forms.
@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("RÉALISÉE", "completed"),
        ("realisee", "completed"),
        ("  En cours  ", "in_progress"),
        ("EN COURS DE REALISATION", "in_progress"),
        ("In_Progress", "in_progress"),
        ("Not-Started", "not_started"),
        ("مُنْجَزَة", "completed"),
        ("مـنـجـزة", "completed"),
        ("تم الانجاز", "completed"),
        ("في طور الانجاز", "in_progress"),
        ("قيد الإنجاز ", "in_progress"),
        ("منجزه", "completed"),
    ],
)
def test_status_matching_ignores_spelling_variants(written, key):
    assert parse_status(written) == key


@pytest.mark.parametrize("written", ["xyz", "peut-être", "45%", "réalisable", ""])
def test_an_unknown_status_is_refused(written):
    with pytest.raises(CellError) as error:
        parse_status(written)
    assert error.value.reason == "unknown_value"


# --- Domains -------------------------------------------------------------------------
# The contract's table, as written there: key, Arabic, French, English.
CONTRACT_DOMAINS = [
    ("roads_transport", "الطرق والنقل", "Routes et transport", "Roads and transport"),
    ("water_sanitation", "الماء والتطهير", "Eau et assainissement", "Water and sanitation"),
    (
        "electricity_lighting",
        "الكهرباء والإنارة العمومية",
        "Électricité et éclairage public",
        "Electricity and public lighting",
    ),
    ("education", "التعليم", "Éducation", "Education"),
    ("health", "الصحة", "Santé", "Health"),
    (
        "culture_sports_youth",
        "الثقافة والرياضة والشباب",
        "Culture, sport et jeunesse",
        "Culture, sports and youth",
    ),
    (
        "women_social",
        "المرأة والعمل الاجتماعي",
        "Femmes et action sociale",
        "Women and social action",
    ),
    ("economy_employment", "الاقتصاد والتشغيل", "Économie et emploi", "Economy and employment"),
    ("agriculture", "الفلاحة", "Agriculture", "Agriculture"),
    ("environment", "البيئة", "Environnement", "Environment"),
    (
        "governance_participation",
        "الحكامة والمشاركة",
        "Gouvernance et participation",
        "Governance and participation",
    ),
    ("other", "أخرى", "Autre", "Other"),
]


def test_the_domain_keys_are_the_contracts():
    assert set(vocab.DOMAIN_KEYS) == {row[0] for row in CONTRACT_DOMAINS}


@pytest.mark.parametrize(
    ("written", "key"),
    [(written, row[0]) for row in CONTRACT_DOMAINS for written in dict.fromkeys(row)],
)
def test_every_domain_in_the_contract(written, key):
    assert parse_domain(written) == DomainMatch(key, None, None)


@pytest.mark.parametrize(
    ("written", "key"),
    [
        (written, term.key)
        for term in vocab.DOMAINS
        for written in dict.fromkeys((term.key, term.ar, term.fr, term.en, *term.accepted))
    ],
)
def test_every_domain_in_the_vocabulary(written, key):
    assert parse_domain(written) == DomainMatch(key, None, None)


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("ELECTRICITE ET ECLAIRAGE PUBLIC", "electricity_lighting"),
        ("الكهرباء والانارة العمومية", "electricity_lighting"),
        ("  Santé ", "health"),
        ("الصحّة", "health"),
        ("Water-Sanitation", "water_sanitation"),
    ],
)
def test_domain_matching_ignores_spelling_variants(written, key):
    assert parse_domain(written).key == key


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("Tourisme", "Tourisme"),
        ("  Tourisme rural ", "Tourisme rural"),
        ("السياحة", "السياحة"),
    ],
)
def test_an_unknown_domain_is_other_with_its_text_and_a_warning(written, kept):
    match = parse_domain(written)
    assert match.key == "other"
    assert match.original == kept
    assert match.warning is not None
    assert kept in match.warning


# --- Priorities ----------------------------------------------------------------------
# "Priority: high (عالية, haute, élevée), medium (متوسطة, moyenne), low (ضعيفة, منخفضة,
# basse, faible)."
CONTRACT_PRIORITIES = {
    "high": ("high", "عالية", "haute", "élevée"),
    "medium": ("medium", "متوسطة", "moyenne"),
    "low": ("low", "ضعيفة", "منخفضة", "basse", "faible"),
}


@pytest.mark.parametrize(
    ("written", "key"),
    [(written, key) for key, accepted in CONTRACT_PRIORITIES.items() for written in accepted]
    + [("HAUTE", "high"), ("elevee", "high"), (" Moyenne ", "medium"), ("منخفضه", "low")],
)
def test_every_priority_in_the_contract(written, key):
    assert parse_priority(written) == (key, None)


@pytest.mark.parametrize(
    ("written", "key"),
    [
        (written, term.key)
        for term in vocab.PRIORITIES
        for written in dict.fromkeys((term.key, term.ar, term.fr, term.en, *term.accepted))
    ],
)
def test_every_priority_in_the_vocabulary(written, key):
    assert parse_priority(written) == (key, None)


@pytest.mark.parametrize("written", ["très très", "P1", "xyz", "3"])
def test_an_unknown_priority_is_empty_with_a_warning(written):
    key, warning = parse_priority(written)
    assert key is None
    assert warning is not None
    assert written in warning


# --- Counts and amounts --------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "expected"),
    [("120", 120), (120.0, 120), ("١٢٠", 120), ("1 200", 1200), (0, 0)],
)
def test_parse_count(cell, expected):
    assert parse_count(cell, "participants") == expected


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        pytest.param(-3, "out_of_range", id="negative number"),
        pytest.param("-3", "out_of_range", id="negative text"),
        pytest.param("12.5", "bad_number", id="not whole"),
        pytest.param("beaucoup", "bad_number", id="a word"),
    ],
)
def test_parse_count_refuses(cell, reason):
    with pytest.raises(CellError) as error:
        parse_count(cell, "participants")
    assert error.value.reason == reason


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("350 000 DH", 350_000), ("1 200 000,50", 1_200_000.50), (0, 0), ("١٢٫٥ درهم", 12.5)],
)
def test_parse_amount(cell, expected):
    assert parse_amount(cell, "budget") == expected


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        pytest.param(-100, "out_of_range", id="negative number"),
        pytest.param("-350 000 DH", "out_of_range", id="negative text"),
        pytest.param("gratuit", "bad_number", id="a word"),
    ],
)
def test_parse_amount_refuses(cell, reason):
    with pytest.raises(CellError) as error:
        parse_amount(cell, "budget")
    assert error.value.reason == reason


# --- The same text, read again --------------------------------------------------------------
def test_a_text_read_again_is_read_the_same():
    """Parsers remember each distinct text: the second reading of a cell gives what the
    first gave, a value or the same refusal."""
    assert parse_date("16/02/2020") == parse_date("16/02/2020") == FEB_16
    assert parse_progress("٤٥٪") == parse_progress("٤٥٪") == (45.0, None)
    refusals = []
    for _ in range(2):
        with pytest.raises(CellError) as error:
            parse_date("le 32 du mois")
        refusals.append((error.value.reason, error.value.message))
    assert refusals[0] == refusals[1]
    assert refusals[0][0] == "bad_date"
