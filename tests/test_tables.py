"""Which table a sheet holds and where its header row is, as the data contract says.

The accepted headers and sheet names are written out below as the contract gives them,
not read from the vocabulary, so that a vocabulary which loses an entry fails here.
"""

from __future__ import annotations

import pytest

from etl.readers import LayoutError, find_layout, map_header, table_from_name
from musharaka import vocabulary as vocab

# --- The contract's tables, copied from its text --------------------------------------
MEETING_ID = (
    "meeting_id",
    "meeting code",
    "meeting",
    "code réunion",
    "id réunion",
    "réunion",
    "رمز اللقاء",
    "رقم اللقاء",
)
RECOMMENDATION_ID = (
    "recommendation_id",
    "recommendation code",
    "code",
    "code recommandation",
    "id recommandation",
    "رمز التوصية",
    "رقم التوصية",
)
STATUS = ("status", "statut", "état", "état d'avancement", "الحالة", "وضعية الإنجاز")
PROGRESS = (
    "progress",
    "progress (%)",
    "completion",
    "avancement",
    "taux d'avancement",
    "taux de réalisation",
    "نسبة الإنجاز",
    "نسبة التقدم",
)

# table -> column -> (required, accepted headers)
CONTRACT_COLUMNS: dict[str, dict[str, tuple[bool, tuple[str, ...]]]] = {
    "meetings": {
        "meeting_id": (True, MEETING_ID),
        "commune": (True, ("commune", "municipality", "الجماعة")),
        "province": (False, ("province", "الإقليم")),
        "date": (True, ("date", "meeting date", "date de la réunion", "التاريخ", "تاريخ اللقاء")),
        "title": (False, ("title", "titre", "intitulé", "العنوان", "الموضوع")),
        "kind": (False, ("type", "kind", "النوع")),
        "edition": (False, ("edition", "édition", "النسخة", "الدورة")),
        "location": (False, ("location", "venue", "lieu", "المكان")),
        "chair": (
            False,
            ("chair", "chaired by", "président de séance", "présidé par", "الرئيس", "ترأسه"),
        ),
        "facilitator": (
            False,
            ("facilitator", "moderator", "animateur", "modérateur", "المسير", "المؤطر"),
        ),
        "participants": (
            False,
            ("participants", "attendance", "nombre de participants", "عدد المشاركين", "المشاركون"),
        ),
        "associations": (False, ("associations", "الجمعيات")),
        "summary": (False, ("summary", "notes", "résumé", "compte rendu", "ملخص", "محضر")),
        "source_url": (False, ("source", "source url", "link", "lien", "المصدر", "الرابط")),
    },
    "recommendations": {
        "recommendation_id": (True, RECOMMENDATION_ID),
        "meeting_id": (True, MEETING_ID),
        "domain": (
            True,
            ("domain", "sector", "theme", "domaine", "secteur", "thématique", "المجال", "القطاع"),
        ),
        "title": (
            True,
            ("title", "recommendation", "titre", "recommandation", "التوصية", "العنوان"),
        ),
        "description": (False, ("description", "details", "détails", "الوصف", "التفاصيل")),
        "proposed_by": (
            False,
            (
                "proposed by",
                "associations",
                "proposée par",
                "الجهة المقترحة",
                "اقترحتها",
                "الجمعيات",
            ),
        ),
        "responsible": (
            False,
            ("responsible", "owner", "lead", "responsable", "porteur", "الجهة المسؤولة", "المسؤول"),
        ),
        "partners": (False, ("partners", "partenaires", "الشركاء")),
        "location": (False, ("location", "douar", "village", "lieu", "الدوار", "المكان")),
        "priority": (False, ("priority", "priorité", "الأولوية")),
        "budget_mad": (
            False,
            (
                "budget",
                "budget (mad)",
                "estimated cost",
                "coût estimé",
                "montant (dh)",
                "الميزانية",
                "الكلفة التقديرية",
                "المبلغ (درهم)",
            ),
        ),
        "target_date": (
            False,
            (
                "target date",
                "deadline",
                "due date",
                "échéance",
                "date prévue",
                "الأجل",
                "تاريخ الإنجاز المتوقع",
            ),
        ),
        "status": (False, STATUS),
        "progress": (False, PROGRESS),
    },
    "status_updates": {
        "recommendation_id": (True, RECOMMENDATION_ID),
        "date": (True, ("date", "update date", "date de mise à jour", "التاريخ", "تاريخ التحيين")),
        "status": (True, STATUS),
        "progress": (False, PROGRESS),
        "note": (False, ("note", "comment", "commentaire", "observation", "ملاحظة", "ملاحظات")),
        "evidence_url": (
            False,
            ("evidence", "evidence url", "justificatif", "preuve", "الإثبات", "الوثيقة"),
        ),
        "reported_by": (False, ("reported by", "signalé par", "rapporté par", "المصرح")),
    },
}

CONTRACT_TABLE_NAMES = {
    "meetings": ("meetings", "réunions", "reunions", "rencontres", "اللقاءات", "الاجتماعات"),
    "recommendations": ("recommendations", "recommandations", "التوصيات"),
    "status_updates": (
        "status_updates",
        "status",
        "follow-up",
        "suivi",
        "tracking",
        "التتبع",
        "تتبع الإنجاز",
    ),
    "associations": ("associations", "الجمعيات"),
}

EVERY_HEADER = [
    pytest.param(table, column, header, id=f"{table}.{column}: {header}")
    for table, columns in CONTRACT_COLUMNS.items()
    for column, (_, headers) in columns.items()
    for header in (column, *headers)
]


# --- Header matching -----------------------------------------------------------------
@pytest.mark.parametrize(("table", "column", "header"), EVERY_HEADER)
def test_every_accepted_header(table, column, header):
    assert map_header(table, [header]) == ({0: column}, [])


def _variants(header: str) -> list[str]:
    """The same header as people type it: padded, in capitals, in title case."""
    return [f"  {header}  ", header.upper(), header.title(), f"\t{header}\n"]


@pytest.mark.parametrize(("table", "column", "header"), EVERY_HEADER)
def test_every_accepted_header_with_spaces_and_another_case(table, column, header):
    for variant in _variants(header):
        assert map_header(table, [variant]) == ({0: column}, []), variant


# Written without accents, hamzas or diacritics, or with tatweel, as keyboards make them.
@pytest.mark.parametrize(
    ("table", "header", "column"),
    [
        ("meetings", "Reunion", "meeting_id"),
        ("meetings", "CODE REUNION", "meeting_id"),
        ("meetings", "Intitule", "title"),
        ("meetings", "President de seance", "chair"),
        ("meetings", "Moderateur", "facilitator"),
        ("meetings", "Resume", "summary"),
        ("meetings", "Edition", "edition"),
        ("meetings", "الاقليم", "province"),
        ("meetings", "الـتـاريـخ", "date"),
        ("meetings", "التَّارِيخ", "date"),
        ("meetings", "رمز اللقاء ", "meeting_id"),
        ("recommendations", "Thematique", "domain"),
        ("recommendations", "Details", "description"),
        ("recommendations", "Proposee par", "proposed_by"),
        ("recommendations", "Priorite", "priority"),
        ("recommendations", "الاولوية", "priority"),
        ("recommendations", "الاولويه", "priority"),
        ("recommendations", "Cout estime", "budget_mad"),
        ("recommendations", "Budget (MAD)", "budget_mad"),
        ("recommendations", "Echeance", "target_date"),
        ("recommendations", "Date prevue", "target_date"),
        ("recommendations", "الاجل", "target_date"),
        ("recommendations", "تاريخ الانجاز المتوقع", "target_date"),
        ("recommendations", "الكلفه التقديريه", "budget_mad"),
        ("recommendations", "رمز التوصيه", "recommendation_id"),
        ("recommendations", "التـوصـيـة", "title"),
        ("recommendations", "الجهة المسؤولة", "responsible"),
        ("recommendations", "Etat", "status"),
        ("status_updates", "Etat d'avancement", "status"),
        ("status_updates", "ETAT D’AVANCEMENT", "status"),
        ("status_updates", "Date de mise a jour", "date"),
        ("status_updates", "Taux de realisation", "progress"),
        ("status_updates", "نسبة الانجاز", "progress"),
        ("status_updates", "نسبه الإنجاز", "progress"),
        ("status_updates", "وضعية الانجاز", "status"),
        ("status_updates", "الاثبات", "evidence_url"),
        ("status_updates", "Signale par", "reported_by"),
        ("status_updates", "Rapporte par", "reported_by"),
    ],
)
def test_header_matching_ignores_accents_hamzas_diacritics_and_tatweel(table, header, column):
    assert map_header(table, [header]) == ({0: column}, [])


@pytest.mark.parametrize(("table", "columns"), CONTRACT_COLUMNS.items())
def test_the_required_columns_are_the_contracts(table, columns):
    required = {column for column, (is_required, _) in columns.items() if is_required}
    assert {c.name for c in vocab.COLUMNS[table] if c.required} == required


@pytest.mark.parametrize("table", CONTRACT_COLUMNS)
def test_no_header_names_two_columns_of_one_table(table):
    owners: dict[str, set[str]] = {}
    for column in vocab.COLUMNS[table]:
        for header in (column.name, *column.headers):
            owners.setdefault(header.casefold(), set()).add(column.name)
    assert {h: cols for h, cols in owners.items() if len(cols) > 1} == {}


def test_a_whole_header_row_maps_cell_by_cell():
    cells = [" Code ", None, "Réunion", "DOMAINE", "", "Titre", "Colonne libre", "Titre"]
    columns, notes = map_header("recommendations", cells)
    assert columns == {0: "recommendation_id", 2: "meeting_id", 3: "domain", 5: "title"}
    assert notes == [
        "column 'Colonne libre' is not a known column: ignored",
        "column 'Titre' repeats 'title': ignored",
    ]


# --- Sheet and file names ------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "table"),
    [
        pytest.param(variant, table, id=f"{table}: {variant}")
        for table, names in CONTRACT_TABLE_NAMES.items()
        for name in names
        for variant in dict.fromkeys((name, name.upper(), name.title(), f" {name} "))
    ],
)
def test_sheet_names_in_every_language_and_any_case(name, table):
    assert table_from_name(name) == table


@pytest.mark.parametrize(
    ("names", "table"),
    [
        (("recommandations_2020.csv",), "recommendations"),
        (("Suivi 2021",), "status_updates"),
        (("REUNIONS",), "meetings"),
        (("تتبع الانجاز",), "status_updates"),
        (("Feuil1", "recommandations_tiznit.xlsx"), "recommendations"),
        (("Sheet1",), None),
        (("Notes",), None),
        (("ورقة1",), None),
        (("Suivi des recommandations",), None),  # names two tables: the headers decide
    ],
)
def test_table_from_sheet_or_file_name(names, table):
    assert table_from_name(*names) == table


# --- Finding the header row ----------------------------------------------------------
RECOMMENDATION_HEADERS = [" Code ", "Réunion", "DOMAINE", "Titre", "Statut", "Avancement"]
RECOMMENDATION_COLUMNS = {
    0: "recommendation_id",
    1: "meeting_id",
    2: "domain",
    3: "title",
    4: "status",
    5: "progress",
}


@pytest.mark.parametrize("named_table", [None, "recommendations"])
def test_a_title_and_notes_above_the_header_row(named_table):
    head = [
        (1, ["Commune de Tiznit — recommandations 2020", None, None]),
        (2, ["Source : procès-verbal de la rencontre du 16/02/2020"]),
        (3, [None, None]),
        (4, RECOMMENDATION_HEADERS),
        (5, ["R1", "M1", "Santé", "Dispensaire", "en cours", "45"]),
    ]
    layout = find_layout(head, named_table, "tiznit.xlsx: Feuil1")
    assert layout is not None
    assert (layout.table, layout.header_row, layout.columns) == (
        "recommendations",
        4,
        RECOMMENDATION_COLUMNS,
    )


def test_a_recommendations_sheet_without_a_domain_header_names_the_missing_column():
    head = [(1, ["Code", "Réunion", "Titre", "Statut"]), (2, ["R1", "M1", "Dispensaire", "x"])]
    with pytest.raises(LayoutError, match="domain") as error:
        find_layout(head, "recommendations", "tiznit.xlsx: recommandations")
    assert "tiznit.xlsx: recommandations" in str(error.value)


def test_a_meetings_sheet_with_no_header_row_names_every_required_column():
    head = [(1, ["Liste des rencontres"]), (2, ["voir le PV"])]
    with pytest.raises(LayoutError) as error:
        find_layout(head, "meetings", "x.xlsx: Réunions")
    for column in ("meeting_id", "commune", "date"):
        assert column in str(error.value)


@pytest.mark.parametrize(
    ("headers", "table", "columns"),
    [
        pytest.param(
            ["رمز اللقاء", "الجماعة", "التاريخ", "عدد المشاركين"],
            "meetings",
            {0: "meeting_id", 1: "commune", 2: "date", 3: "participants"},
            id="meetings in Arabic",
        ),
        pytest.param(
            RECOMMENDATION_HEADERS,
            "recommendations",
            RECOMMENDATION_COLUMNS,
            id="recommendations in French",
        ),
        pytest.param(
            ["Recommendation code", "Update date", "Status", "Progress (%)", "Comment"],
            "status_updates",
            {0: "recommendation_id", 1: "date", 2: "status", 3: "progress", 4: "note"},
            id="status updates in English",
        ),
    ],
)
def test_an_unnamed_sheet_is_recognised_by_its_headers(headers, table, columns):
    head = [(1, ["Tableau de suivi"]), (2, headers)]
    layout = find_layout(head, None, "export.xlsx: Feuil1")
    assert layout is not None
    assert (layout.table, layout.header_row, layout.columns) == (table, 2, columns)


def test_a_notes_sheet_holds_no_table():
    head = [
        (1, ["Notes"]),
        (2, ["Fichier préparé par le secrétariat de la commune."]),
        (3, ["Les montants sont en dirhams."]),
    ]
    assert table_from_name("Notes") is None
    assert find_layout(head, None, "tiznit.xlsx: Notes") is None
