"""The one vocabulary file: statuses, domains, priorities, tables, header aliases,
month names and the interface strings, in Arabic, French and English.

The data contract (docs: "Data contract" in the README) is the minimum of what is here;
entries may be added, never removed. Matching always goes through `musharaka.text.fold`
(headers, table names) or `musharaka.text.stem` (values), so entries are written
naturally, with accents and hamzas.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("ar", "fr", "en")


@dataclass(frozen=True)
class Term:
    """One value people can choose: its stable key, its labels and what else is accepted."""

    key: str
    ar: str
    fr: str
    en: str
    accepted: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return getattr(self, lang if lang in LANGUAGES else "ar")


# --- Statuses ------------------------------------------------------------------------
# The order is the life of a recommendation; charts and legends follow it.
STATUSES: tuple[Term, ...] = (
    Term(
        "not_started",
        "لم تنطلق بعد",
        "Non entamée",
        "Not started",
        (
            "not started",
            "not yet started",
            "non entamée",
            "non démarrée",
            "non commencée",
            "pas commencé",
            "pas encore commencé",
            "لم تنطلق بعد",
            "لم تنطلق",
            "غير منطلقة",
            "لم يبدأ",
        ),
    ),
    Term(
        "planned",
        "مبرمجة",
        "Programmée",
        "Planned",
        ("planned", "scheduled", "programmée", "planifiée", "prévue", "مبرمجة", "مبرمج", "مخططة"),
    ),
    Term(
        "in_progress",
        "في طور الإنجاز",
        "En cours",
        "In progress",
        (
            "in progress",
            "ongoing",
            "under way",
            "underway",
            "en cours",
            "en cours de réalisation",
            "en cours d'exécution",
            "في طور الإنجاز",
            "قيد الإنجاز",
            "جارية",
            "في طور الانجاز",
            "قيد التنفيذ",
            "في طور التنفيذ",
        ),
    ),
    Term(
        "completed",
        "منجزة",
        "Réalisée",
        "Completed",
        (
            "completed",
            "complete",
            "done",
            "finished",
            "réalisée",
            "achevée",
            "terminée",
            "accomplie",
            "منجزة",
            "تم الإنجاز",
            "أنجزت",
            "مكتملة",
        ),
    ),
    Term(
        "stalled",
        "متعثرة",
        "En retard",
        "Stalled",
        (
            "stalled",
            "delayed",
            "blocked",
            "on hold",
            "en retard",
            "bloquée",
            "suspendue",
            "en attente",
            "متعثرة",
            "متوقفة",
            "متأخرة",
            "معلقة",
        ),
    ),
    Term(
        "cancelled",
        "ملغاة",
        "Annulée",
        "Cancelled",
        (
            "cancelled",
            "canceled",
            "dropped",
            "abandoned",
            "annulée",
            "abandonnée",
            "ملغاة",
            "ملغى",
            "ملغي",
            "ألغيت",
            "تم الإلغاء",
        ),
    ),
)
STATUS_KEYS = tuple(t.key for t in STATUSES)
# Statuses that close a recommendation: it cannot be overdue any more.
CLOSED_STATUSES = ("completed", "cancelled")

# --- Domains -------------------------------------------------------------------------
DOMAINS: tuple[Term, ...] = (
    Term(
        "roads_transport",
        "الطرق والنقل",
        "Routes et transport",
        "Roads and transport",
        ("routes", "pistes", "voirie", "transport", "الطرق", "المسالك", "النقل", "roads"),
    ),
    Term(
        "water_sanitation",
        "الماء والتطهير",
        "Eau et assainissement",
        "Water and sanitation",
        ("eau", "eau potable", "assainissement", "الماء", "الماء الصالح للشرب", "التطهير", "water"),
    ),
    Term(
        "electricity_lighting",
        "الكهرباء والإنارة العمومية",
        "Électricité et éclairage public",
        "Electricity and public lighting",
        ("électricité", "éclairage public", "الكهرباء", "الإنارة العمومية", "electricity"),
    ),
    Term("education", "التعليم", "Éducation", "Education", ("enseignement", "école", "التربية")),
    Term("health", "الصحة", "Santé", "Health", ("الصحة العمومية", "santé publique")),
    Term(
        "culture_sports_youth",
        "الثقافة والرياضة والشباب",
        "Culture, sport et jeunesse",
        "Culture, sports and youth",
        ("culture", "sport", "jeunesse", "الثقافة", "الرياضة", "الشباب", "youth", "sports"),
    ),
    Term(
        "women_social",
        "المرأة والعمل الاجتماعي",
        "Femmes et action sociale",
        "Women and social action",
        ("action sociale", "social", "femmes", "المرأة", "العمل الاجتماعي", "الشؤون الاجتماعية"),
    ),
    Term(
        "economy_employment",
        "الاقتصاد والتشغيل",
        "Économie et emploi",
        "Economy and employment",
        ("économie", "emploi", "الاقتصاد", "التشغيل", "economy", "employment"),
    ),
    Term("agriculture", "الفلاحة", "Agriculture", "Agriculture", ("الزراعة", "farming")),
    Term("environment", "البيئة", "Environnement", "Environment", ("البيئة والنظافة",)),
    Term(
        "governance_participation",
        "الحكامة والمشاركة",
        "Gouvernance et participation",
        "Governance and participation",
        ("gouvernance", "participation", "الحكامة", "المشاركة", "الديمقراطية التشاركية"),
    ),
    Term("other", "أخرى", "Autre", "Other", ("autres", "divers", "متفرقات")),
)
DOMAIN_KEYS = tuple(t.key for t in DOMAINS)

# --- Priorities ----------------------------------------------------------------------
PRIORITIES: tuple[Term, ...] = (
    Term(
        "high", "عالية", "Haute", "High", ("haute", "élevée", "forte", "urgent", "عالية", "مرتفعة")
    ),
    Term("medium", "متوسطة", "Moyenne", "Medium", ("moyenne", "normal", "متوسطة")),
    Term("low", "ضعيفة", "Basse", "Low", ("basse", "faible", "ضعيفة", "منخفضة")),
)
PRIORITY_KEYS = tuple(t.key for t in PRIORITIES)

# --- Tables and their headers --------------------------------------------------------
# Sheet or file names that say which logical table a sheet holds.
TABLE_NAMES: dict[str, tuple[str, ...]] = {
    "meetings": ("meetings", "réunions", "reunions", "rencontres", "اللقاءات", "الاجتماعات"),
    "recommendations": ("recommendations", "recommandations", "التوصيات"),
    "status_updates": (
        "status_updates",
        "status",
        "follow-up",
        "followup",
        "suivi",
        "tracking",
        "التتبع",
        "تتبع الإنجاز",
    ),
    "associations": ("associations", "الجمعيات"),
}
# Dependency order: a row may only refer to tables loaded before its own.
TABLE_ORDER = ("associations", "meetings", "recommendations", "status_updates")

_MEETING_ID = (
    "meeting_id",
    "meeting code",
    "meeting",
    "code réunion",
    "id réunion",
    "réunion",
    "رمز اللقاء",
    "رقم اللقاء",
)
_RECOMMENDATION_ID = (
    "recommendation_id",
    "recommendation code",
    "code",
    "code recommandation",
    "id recommandation",
    "رمز التوصية",
    "رقم التوصية",
)
_STATUS = ("status", "statut", "état", "état d'avancement", "الحالة", "وضعية الإنجاز")
_PROGRESS = (
    "progress",
    "progress (%)",
    "completion",
    "avancement",
    "taux d'avancement",
    "taux de réalisation",
    "نسبة الإنجاز",
    "نسبة التقدم",
)


@dataclass(frozen=True)
class Column:
    """A canonical column of a logical table and the headers that name it."""

    name: str
    required: bool
    headers: tuple[str, ...]
    is_list: bool = False


COLUMNS: dict[str, tuple[Column, ...]] = {
    "meetings": (
        Column("meeting_id", True, _MEETING_ID),
        Column("commune", True, ("commune", "municipality", "الجماعة")),
        Column("province", False, ("province", "الإقليم")),
        Column(
            "date", True, ("date", "meeting date", "date de la réunion", "التاريخ", "تاريخ اللقاء")
        ),
        Column("title", False, ("title", "titre", "intitulé", "العنوان", "الموضوع")),
        Column("kind", False, ("type", "kind", "النوع")),
        Column("edition", False, ("edition", "édition", "النسخة", "الدورة")),
        Column("location", False, ("location", "venue", "lieu", "المكان")),
        Column(
            "chair",
            False,
            ("chair", "chaired by", "président de séance", "présidé par", "الرئيس", "ترأسه"),
        ),
        Column(
            "facilitator",
            False,
            ("facilitator", "moderator", "animateur", "modérateur", "المسير", "المؤطر"),
        ),
        Column(
            "participants",
            False,
            ("participants", "attendance", "nombre de participants", "عدد المشاركين", "المشاركون"),
        ),
        Column("associations", False, ("associations", "الجمعيات"), is_list=True),
        Column("summary", False, ("summary", "notes", "résumé", "compte rendu", "ملخص", "محضر")),
        Column("source_url", False, ("source", "source url", "link", "lien", "المصدر", "الرابط")),
    ),
    "recommendations": (
        Column("recommendation_id", True, _RECOMMENDATION_ID),
        Column("meeting_id", True, _MEETING_ID),
        Column(
            "domain",
            True,
            ("domain", "sector", "theme", "domaine", "secteur", "thématique", "المجال", "القطاع"),
        ),
        Column(
            "title",
            True,
            ("title", "recommendation", "titre", "recommandation", "التوصية", "العنوان"),
        ),
        Column("description", False, ("description", "details", "détails", "الوصف", "التفاصيل")),
        Column(
            "proposed_by",
            False,
            (
                "proposed by",
                "associations",
                "proposée par",
                "الجهة المقترحة",
                "اقترحتها",
                "الجمعيات",
            ),
            is_list=True,
        ),
        Column(
            "responsible",
            False,
            (
                "responsible",
                "owner",
                "lead",
                "responsable",
                "porteur",
                "الجهة المسؤولة",
                "المسؤول",
            ),
        ),
        Column("partners", False, ("partners", "partenaires", "الشركاء"), is_list=True),
        Column("location", False, ("location", "douar", "village", "lieu", "الدوار", "المكان")),
        Column("priority", False, ("priority", "priorité", "الأولوية")),
        Column(
            "budget_mad",
            False,
            (
                "budget_mad",
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
        Column(
            "target_date",
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
        Column("status", False, _STATUS),
        Column("progress", False, _PROGRESS),
        # Written by Musharaka's own export: the text of a domain stored as 'other', and
        # the first state kept apart from the current one, so that a round trip is exact.
        Column("domain_text", False, ("domain text", "domaine (texte)", "نص المجال")),
        Column("initial_status", False, ("initial status", "statut initial", "الحالة الأولية")),
        Column(
            "initial_progress",
            False,
            ("initial progress", "avancement initial", "نسبة الإنجاز الأولية"),
        ),
    ),
    "status_updates": (
        Column("recommendation_id", True, _RECOMMENDATION_ID),
        Column(
            "date",
            True,
            ("date", "update date", "date de mise à jour", "التاريخ", "تاريخ التحيين"),
        ),
        Column("status", True, _STATUS),
        Column("progress", False, _PROGRESS),
        Column(
            "note",
            False,
            ("note", "comment", "commentaire", "observation", "ملاحظة", "ملاحظات"),
        ),
        Column(
            "evidence_url",
            False,
            ("evidence", "evidence url", "justificatif", "preuve", "الإثبات", "الوثيقة"),
        ),
        Column("reported_by", False, ("reported by", "signalé par", "rapporté par", "المصرح")),
    ),
    "associations": (
        Column(
            "name",
            True,
            (
                "name",
                "association",
                "nom",
                "nom de l'association",
                "الاسم",
                "اسم الجمعية",
                "الجمعية",
            ),
        ),
        Column("commune", False, ("commune", "municipality", "الجماعة")),
        Column("domain", False, ("domain", "domaine", "المجال")),
        Column("location", False, ("location", "douar", "lieu", "الدوار", "المكان")),
        # Contact details are personal data: stored for the council, never shown publicly.
        Column("phone", False, ("phone", "téléphone", "tel", "الهاتف")),
        Column("email", False, ("email", "e-mail", "courriel", "البريد الإلكتروني")),
    ),
}

# --- Dates ---------------------------------------------------------------------------
# Month names by month number: English, French, Modern Standard Arabic (Egypt, Gulf),
# Moroccan Arabic, Levantine/Iraqi Arabic and Algerian/Tunisian Arabic.
MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "janvier", "janv", "يناير", "كانون الثاني", "جانفي"),
    2: ("february", "feb", "février", "fév", "fevr", "فبراير", "شباط", "فيفري"),
    3: ("march", "mar", "mars", "مارس", "آذار"),
    4: ("april", "apr", "avril", "avr", "أبريل", "ابريل", "نيسان", "أفريل"),
    5: ("may", "mai", "مايو", "ماي", "أيار"),
    6: ("june", "jun", "juin", "يونيو", "يونيه", "حزيران", "جوان"),
    7: ("july", "jul", "juillet", "juil", "يوليو", "يوليوز", "يوليه", "تموز", "جويلية"),
    8: ("august", "aug", "août", "aout", "أغسطس", "غشت", "آب", "أوت"),
    9: ("september", "sep", "sept", "septembre", "سبتمبر", "شتنبر", "أيلول"),
    10: ("october", "oct", "octobre", "أكتوبر", "اكتوبر", "تشرين الأول"),
    11: ("november", "nov", "novembre", "نوفمبر", "نونبر", "تشرين الثاني"),
    12: ("december", "dec", "décembre", "déc", "ديسمبر", "دجنبر", "كانون الأول"),
}
# Words that may stand around a written-out date and carry no date information.
DATE_FILLER = (
    "le",
    "du",
    "er",
    "1er",
    "the",
    "of",
    "on",
    "يوم",
    "في",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "الإثنين",
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
)

# Currency marks that may follow an amount.
CURRENCY_MARKS = ("dh", "dhs", "mad", "درهم", "دراهم", "د.م", "dirhams", "dirham")

# --- Interface strings ---------------------------------------------------------------
UI: dict[str, dict[str, str]] = {
    "app_title": {"ar": "مشاركة", "fr": "Musharaka", "en": "Musharaka"},
    "app_tagline": {
        "ar": "تتبع توصيات اللقاءات التواصلية بين المجالس الجماعية والمجتمع المدني",
        "fr": "Suivi des recommandations des rencontres communicatives "
        "entre conseils communaux et société civile",
        "en": "Tracking the recommendations of communicative meetings "
        "between commune councils and civil society",
    },
    "language": {"ar": "اللغة", "fr": "Langue", "en": "Language"},
    "recommendations": {"ar": "التوصيات", "fr": "Recommandations", "en": "Recommendations"},
    "completed": {"ar": "منجزة", "fr": "Réalisées", "en": "Completed"},
    "in_progress": {"ar": "في طور الإنجاز", "fr": "En cours", "en": "In progress"},
    "stalled": {"ar": "متعثرة", "fr": "En retard", "en": "Stalled"},
    "overdue": {"ar": "متجاوزة للأجل", "fr": "Hors délai", "en": "Overdue"},
    "completion_rate": {"ar": "نسبة الإنجاز", "fr": "Taux de réalisation", "en": "Completion rate"},
    "budget_total": {"ar": "الميزانية المرصودة", "fr": "Budget prévu", "en": "Planned budget"},
    "meetings": {"ar": "اللقاءات", "fr": "Réunions", "en": "Meetings"},
    "communes": {"ar": "الجماعات", "fr": "Communes", "en": "Communes"},
    "by_status": {"ar": "التوصيات حسب الحالة", "fr": "Par statut", "en": "By status"},
    "by_domain": {"ar": "التوصيات حسب المجال", "fr": "Par domaine", "en": "By domain"},
    "status": {"ar": "الحالة", "fr": "Statut", "en": "Status"},
    "domain": {"ar": "المجال", "fr": "Domaine", "en": "Domain"},
    "count": {"ar": "العدد", "fr": "Nombre", "en": "Count"},
    "empty_title": {
        "ar": "لا توجد بيانات بعد",
        "fr": "Aucune donnée pour l'instant",
        "en": "No data yet",
    },
    "empty_body": {
        "ar": "قاعدة البيانات فارغة. لتحميل البيانات النموذجية نفّذ الأمر ‎`python -m etl sample`‎، "
        "أو حمّل ملفاتك بالأمر ‎`python -m etl load FILES`‎.",
        "fr": "La base de données est vide. Chargez les données d'exemple avec "
        "`python -m etl sample`, ou vos fichiers avec `python -m etl load FICHIERS`.",
        "en": "The database is empty. Load the sample data with `python -m etl sample`, "
        "or your own files with `python -m etl load FILES`.",
    },
    "latest_updates": {
        "ar": "آخر التحيينات",
        "fr": "Dernières mises à jour",
        "en": "Latest updates",
    },
    "date": {"ar": "التاريخ", "fr": "Date", "en": "Date"},
    "commune": {"ar": "الجماعة", "fr": "Commune", "en": "Commune"},
    "all_communes": {"ar": "كل الجماعات", "fr": "Toutes les communes", "en": "All communes"},
    "recommendation": {"ar": "التوصية", "fr": "Recommandation", "en": "Recommendation"},
    "code": {"ar": "الرمز", "fr": "Code", "en": "Code"},
    "progress": {"ar": "نسبة التقدم", "fr": "Avancement", "en": "Progress"},
    "completion_over_time": {
        "ar": "الإنجاز حسب اللقاء",
        "fr": "Réalisation par réunion",
        "en": "Completion by meeting",
    },
    "comparison": {
        "ar": "مقارنة بين الجهات والأقاليم والجماعات",
        "fr": "Comparaison par région, province et commune",
        "en": "Comparison by region, province and commune",
    },
    "region": {"ar": "الجهة", "fr": "Région", "en": "Region"},
    "province": {"ar": "الإقليم", "fr": "Province", "en": "Province"},
    "overdue_rate": {"ar": "نسبة التأخر", "fr": "Taux de retard", "en": "Overdue rate"},
    "see_list": {"ar": "عرض اللائحة", "fr": "Voir la liste", "en": "See the list"},
    "level": {"ar": "المستوى", "fr": "Niveau", "en": "Level"},
    "data_as_of": {"ar": "آخر تحميل للبيانات", "fr": "Dernier chargement", "en": "Last load"},
}


def t(key: str, lang: str) -> str:
    """An interface string in the given language (Arabic when the language is unknown)."""
    entry = UI[key]
    return entry.get(lang) or entry["ar"]


def term_label(terms: tuple[Term, ...], key: str | None, lang: str) -> str:
    """The label of a status, domain or priority key; the key itself when unknown."""
    for term in terms:
        if term.key == key:
            return term.label(lang)
    return key or ""


# --- The recommendations page (pages/1_Recommendations.py) ---------------------------
UI.update(
    {
        "rec_filters": {"ar": "التصفية", "fr": "Filtres", "en": "Filters"},
        "rec_meeting": {"ar": "اللقاء", "fr": "Réunion", "en": "Meeting"},
        "rec_meeting_date": {
            "ar": "تاريخ اللقاء",
            "fr": "Date de la réunion",
            "en": "Meeting date",
        },
        "rec_priority": {"ar": "الأولوية", "fr": "Priorité", "en": "Priority"},
        "rec_association": {
            "ar": "الجمعية المقترحة",
            "fr": "Association proposante",
            "en": "Proposing association",
        },
        "rec_proposed_by": {"ar": "اقترحتها", "fr": "Proposée par", "en": "Proposed by"},
        "rec_responsible": {"ar": "الجهة المسؤولة", "fr": "Responsable", "en": "Responsible"},
        "rec_partners": {"ar": "الشركاء", "fr": "Partenaires", "en": "Partners"},
        "rec_location": {"ar": "الدوار / المكان", "fr": "Douar / lieu", "en": "Douar / place"},
        "rec_target_date": {"ar": "الأجل", "fr": "Échéance", "en": "Target date"},
        "rec_target_from": {
            "ar": "الأجل ابتداءً من",
            "fr": "Échéance à partir du",
            "en": "Target date from",
        },
        "rec_target_to": {
            "ar": "الأجل إلى غاية",
            "fr": "Échéance jusqu'au",
            "en": "Target date until",
        },
        "rec_overdue_only": {
            "ar": "المتجاوزة للأجل فقط",
            "fr": "Hors délai uniquement",
            "en": "Overdue only",
        },
        "rec_search": {"ar": "بحث", "fr": "Rechercher", "en": "Search"},
        "rec_search_help": {
            "ar": "كلمات بالعربية أو الفرنسية، في العنوان أو الوصف أو المكان أو الجهة المسؤولة "
            "أو الشركاء. لا تهم الهمزات ولا الحركات ولا التاء المربوطة ولا النبرات.",
            "fr": "Des mots en arabe ou en français, dans le titre, la description, le lieu, "
            "le responsable ou les partenaires. Accents, hamzas et voyelles sont ignorés.",
            "en": "Words in Arabic or French, in the title, description, place, responsible "
            "or partners. Accents, hamzas and vowel marks are ignored.",
        },
        "rec_all": {"ar": "الكل", "fr": "Tous", "en": "All"},
        "rec_sort": {"ar": "الترتيب حسب", "fr": "Trier par", "en": "Sort by"},
        "rec_descending": {"ar": "ترتيب تنازلي", "fr": "Ordre décroissant", "en": "Descending"},
        "rec_budget": {"ar": "الميزانية (درهم)", "fr": "Budget (DH)", "en": "Budget (MAD)"},
        "rec_updated": {"ar": "آخر تحيين", "fr": "Dernière mise à jour", "en": "Last update"},
        "rec_description": {"ar": "الوصف", "fr": "Description", "en": "Description"},
        "rec_found": {
            "ar": "التوصيات المطابقة: {count}",
            "fr": "Recommandations trouvées : {count}",
            "en": "Recommendations found: {count}",
        },
        "rec_page_number": {"ar": "الصفحة", "fr": "Page", "en": "Page"},
        "rec_page_of": {
            "ar": "الصفحة {page} من {pages}",
            "fr": "Page {page} sur {pages}",
            "en": "Page {page} of {pages}",
        },
        "rec_export_csv": {"ar": "تحميل CSV", "fr": "Télécharger en CSV", "en": "Download CSV"},
        "rec_export_xlsx": {
            "ar": "تحميل Excel",
            "fr": "Télécharger en Excel",
            "en": "Download Excel",
        },
        "rec_export_help": {
            "ar": "يضم الملف كل التوصيات المطابقة ({count})، وليس الصفحة المعروضة فقط.",
            "fr": "Le fichier contient toutes les recommandations trouvées ({count}), "
            "pas seulement la page affichée.",
            "en": "The file holds every matching recommendation ({count}), "
            "not only the page shown.",
        },
        "rec_no_match": {
            "ar": "لا توجد توصية مطابقة لهذه المعايير.",
            "fr": "Aucune recommandation ne correspond à ces critères.",
            "en": "No recommendation matches these filters.",
        },
        "rec_select_hint": {
            "ar": "اختر سطرًا لعرض تفاصيل التوصية وتاريخها.",
            "fr": "Sélectionnez une ligne pour voir le détail de la recommandation "
            "et son historique.",
            "en": "Select a row to see the recommendation's detail and history.",
        },
        "rec_close": {"ar": "إغلاق التفاصيل", "fr": "Fermer le détail", "en": "Close the detail"},
        "rec_not_found": {
            "ar": "لا توجد توصية بهذا الرمز:",
            "fr": "Aucune recommandation ne porte ce code :",
            "en": "No recommendation has this code:",
        },
        "rec_history": {"ar": "تاريخ الحالة", "fr": "Historique du statut", "en": "Status history"},
        "rec_no_history": {
            "ar": "لم يسجل أي تحيين لهذه التوصية بعد.",
            "fr": "Aucune mise à jour enregistrée pour cette recommandation.",
            "en": "No update recorded for this recommendation yet.",
        },
        "rec_note": {"ar": "ملاحظة", "fr": "Note", "en": "Note"},
        "rec_evidence": {"ar": "الإثباتات", "fr": "Justificatifs", "en": "Evidence"},
        "rec_not_a_link": {
            "ar": "(ليس رابطًا على الويب)",
            "fr": "(pas une adresse web)",
            "en": "(not a web address)",
        },
        "rec_since_update": {
            "ar": "آخر تحيين: {when}",
            "fr": "Dernière mise à jour : {when}",
            "en": "Last update: {when}",
        },
        "rec_today": {"ar": "اليوم", "fr": "aujourd'hui", "en": "today"},
    }
)

# --- The meetings page ----------------------------------------------------------------
UI.update(
    {
        "meet_title": {"ar": "اللقاءات التواصلية", "fr": "Réunions", "en": "Meetings"},
        "meet_list": {"ar": "لائحة اللقاءات", "fr": "Liste des réunions", "en": "List of meetings"},
        "meet_open": {
            "ar": "فتح صفحة لقاء",
            "fr": "Ouvrir la page d'une réunion",
            "en": "Open a meeting's page",
        },
        "meet_none_chosen": {
            "ar": "— اختر لقاءً —",
            "fr": "— choisir une réunion —",
            "en": "— choose a meeting —",
        },
        "meet_back": {
            "ar": "العودة إلى لائحة اللقاءات",
            "fr": "Retour à la liste des réunions",
            "en": "Back to the list of meetings",
        },
        "meet_not_found": {
            "ar": "لا يوجد لقاء بهذا الرمز.",
            "fr": "Aucune réunion ne porte ce code.",
            "en": "No meeting has this code.",
        },
        "meet_no_meetings": {
            "ar": "لا توجد لقاءات لهذه الجماعة.",
            "fr": "Aucune réunion pour cette commune.",
            "en": "No meeting for this commune.",
        },
        "meet_edition": {"ar": "النسخة", "fr": "Édition", "en": "Edition"},
        "meet_kind": {"ar": "النوع", "fr": "Type", "en": "Kind"},
        "meet_location": {"ar": "المكان", "fr": "Lieu", "en": "Venue"},
        "meet_chair": {"ar": "ترأسه", "fr": "Présidée par", "en": "Chair"},
        "meet_facilitator": {"ar": "المسير", "fr": "Animateur", "en": "Facilitator"},
        "meet_participants": {"ar": "عدد المشاركين", "fr": "Participants", "en": "Participants"},
        "meet_associations_present": {
            "ar": "الجمعيات الحاضرة",
            "fr": "Associations présentes",
            "en": "Associations present",
        },
        "meet_summary": {"ar": "الملخص", "fr": "Résumé", "en": "Summary"},
        "meet_source": {"ar": "المصدر", "fr": "Source", "en": "Source"},
        "meet_not_given": {"ar": "غير مذكور", "fr": "non renseigné", "en": "not given"},
        "meet_recs_produced": {
            "ar": "التوصيات المنبثقة عن اللقاء وحالتها الراهنة",
            "fr": "Recommandations issues de la réunion et leur état actuel",
            "en": "Recommendations it produced and their current state",
        },
        "meet_no_recs": {
            "ar": "لم تُسجَّل أي توصية لهذا اللقاء.",
            "fr": "Aucune recommandation enregistrée pour cette réunion.",
            "en": "No recommendation recorded for this meeting.",
        },
        "meet_col_title": {"ar": "العنوان", "fr": "Intitulé", "en": "Title"},
        "meet_col_meeting": {"ar": "اللقاء", "fr": "Réunion", "en": "Meeting"},
        "meet_col_responsible": {
            "ar": "الجهة المسؤولة",
            "fr": "Responsable",
            "en": "Responsible",
        },
        "meet_col_partners": {"ar": "الشركاء", "fr": "Partenaires", "en": "Partners"},
        "meet_col_target": {"ar": "الأجل", "fr": "Échéance", "en": "Target date"},
        "meet_col_status_date": {
            "ar": "تاريخ آخر تحيين",
            "fr": "Dernière mise à jour",
            "en": "Last update",
        },
        "meet_col_change": {
            "ar": "تطور الحالة",
            "fr": "Évolution du statut",
            "en": "Status change",
        },
        "meet_col_start_progress": {
            "ar": "التقدم في بداية الفترة",
            "fr": "Avancement au début",
            "en": "Progress at the start",
        },
        "meet_col_end_progress": {
            "ar": "التقدم في نهاية الفترة",
            "fr": "Avancement à la fin",
            "en": "Progress at the end",
        },
        "meet_col_updates": {
            "ar": "التحيينات خلال الفترة",
            "fr": "Mises à jour dans la période",
            "en": "Updates in the period",
        },
        "meet_col_total": {"ar": "المجموع", "fr": "Total", "en": "Total"},
        # Reading order: an Arabic line runs from right to left, so "from -> to" points left.
        "meet_arrow": {"ar": "←", "fr": "→", "en": "→"},
        "meet_between_title": {
            "ar": "المنجزات بين لقاءين",
            "fr": "Réalisations entre deux réunions",
            "en": "Achievements between meetings",
        },
        "meet_between_help": {
            "ar": "ما أُنجز وما تقدّم وما تعثّر وما لم يُحيَّن منذ اللقاء السابق: الحصيلة التي "
            "يقدمها المجلس في بداية كل لقاء. تُحتسب التوصيات التي كانت مفتوحة في بداية الفترة "
            "والتي أُنجزت خلالها. تبدأ الفترة في اليوم الموالي للقاء السابق وتنتهي يوم اللقاء "
            "اللاحق، وهو مشمول.",
            "fr": "Ce qui a été réalisé, ce qui a avancé, ce qui est bloqué et ce que personne "
            "n'a mis à jour depuis la réunion précédente : le bilan que le conseil présente au "
            "début de chaque réunion. Sont comptées les recommandations ouvertes au début de "
            "la période et celles réalisées pendant celle-ci. La période commence le lendemain "
            "de la réunion précédente et se termine le jour de la suivante, inclus.",
            "en": "What was completed, what advanced, what stalled and what nobody updated "
            "since the previous meeting: the report the council presents at the start of each "
            "meeting. It counts the recommendations open at the start of the period and those "
            "completed during it. The period starts the day after the earlier meeting and "
            "ends on the day of the later one, included.",
        },
        "meet_between_pair": {
            "ar": "الفترة بين لقاءين متتاليين",
            "fr": "Période entre deux réunions consécutives",
            "en": "Period between two consecutive meetings",
        },
        "meet_between_period": {
            "ar": "من اليوم الموالي للقاء {earlier} ({start}) إلى غاية لقاء {later} ({end})",
            "fr": "Du lendemain de la réunion {earlier} ({start}) à la réunion {later} ({end}) "
            "incluse",
            "en": "From the day after meeting {earlier} ({start}) to meeting {later} ({end}) "
            "included",
        },
        "meet_between_pick_commune": {
            "ar": "اختر جماعة في الشريط الجانبي لعرض المنجزات بين لقاءاتها.",
            "fr": "Choisissez une commune dans la barre latérale pour voir les réalisations "
            "entre ses réunions.",
            "en": "Choose a commune in the sidebar to see the achievements between its meetings.",
        },
        "meet_between_single": {
            "ar": "عقدت هذه الجماعة لقاءً واحدًا فقط: لا توجد بعدُ فترة بين لقاءين.",
            "fr": "Cette commune n'a tenu qu'une réunion : pas encore de période entre deux "
            "réunions.",
            "en": "This commune has held only one meeting: there is no period between two "
            "meetings yet.",
        },
        "meet_between_first": {
            "ar": "هذا أول لقاء للجماعة: لا توجد فترة سابقة.",
            "fr": "C'est la première réunion de la commune : pas de période précédente.",
            "en": "This is the commune's first meeting: there is no earlier period.",
        },
        "meet_between_none": {
            "ar": "لا توجد توصيات مفتوحة من اللقاءات السابقة خلال هذه الفترة.",
            "fr": "Aucune recommandation ouverte des réunions précédentes sur cette période.",
            "en": "No open recommendation from earlier meetings over this period.",
        },
        "meet_between_by_domain": {"ar": "حسب المجال", "fr": "Par domaine", "en": "By domain"},
        "meet_between_empty_category": {
            "ar": "لا شيء في هذه الفئة.",
            "fr": "Rien dans cette catégorie.",
            "en": "Nothing in this category.",
        },
        # Not the status names: these say what happened within the period.
        "meet_cat_completed": {
            "ar": "أُنجزت خلال الفترة",
            "fr": "Réalisées dans la période",
            "en": "Completed in the period",
        },
        "meet_cat_advanced": {"ar": "تقدّمت", "fr": "Ont avancé", "en": "Advanced"},
        "meet_cat_stalled": {"ar": "تعثّرت", "fr": "Bloquées", "en": "Stalled in the period"},
        "meet_cat_cancelled": {
            "ar": "أُلغيت خلال الفترة",
            "fr": "Annulées dans la période",
            "en": "Cancelled in the period",
        },
        "meet_cat_untouched": {"ar": "لم تُحيَّن", "fr": "Sans mise à jour", "en": "Untouched"},
    }
)

# --- The associations page ------------------------------------------------------------
UI.update(
    {
        "assoc_title": {"ar": "الجمعيات", "fr": "Associations", "en": "Associations"},
        "assoc_list": {
            "ar": "لائحة الجمعيات",
            "fr": "Liste des associations",
            "en": "List of associations",
        },
        "assoc_open": {
            "ar": "فتح صفحة جمعية",
            "fr": "Ouvrir la page d'une association",
            "en": "Open an association's page",
        },
        "assoc_none_chosen": {
            "ar": "— اختر جمعية —",
            "fr": "— choisir une association —",
            "en": "— choose an association —",
        },
        "assoc_back": {
            "ar": "العودة إلى لائحة الجمعيات",
            "fr": "Retour à la liste des associations",
            "en": "Back to the list of associations",
        },
        "assoc_not_found": {
            "ar": "لا توجد جمعية بهذا المعرّف.",
            "fr": "Aucune association ne porte cet identifiant.",
            "en": "No association has this id.",
        },
        "assoc_none": {
            "ar": "لا توجد جمعيات لهذه الجماعة.",
            "fr": "Aucune association pour cette commune.",
            "en": "No association for this commune.",
        },
        "assoc_col_name": {"ar": "الجمعية", "fr": "Association", "en": "Association"},
        "assoc_col_proposed": {
            "ar": "التوصيات المقترحة",
            "fr": "Recommandations proposées",
            "en": "Recommendations proposed",
        },
        "assoc_col_attended": {
            "ar": "اللقاءات التي حضرتها",
            "fr": "Réunions suivies",
            "en": "Meetings attended",
        },
        "assoc_location": {"ar": "المكان", "fr": "Lieu", "en": "Location"},
        "assoc_proposed_title": {
            "ar": "التوصيات التي اقترحتها الجمعية وحالتها",
            "fr": "Recommandations proposées par l'association et leur état",
            "en": "Recommendations it proposed and their state",
        },
        "assoc_attended_title": {
            "ar": "اللقاءات التي حضرتها الجمعية",
            "fr": "Réunions auxquelles l'association a participé",
            "en": "Meetings it attended",
        },
        "assoc_no_proposed": {
            "ar": "لم تقترح هذه الجمعية أي توصية مسجلة.",
            "fr": "Cette association n'a proposé aucune recommandation enregistrée.",
            "en": "This association proposed no recorded recommendation.",
        },
        "assoc_no_attended": {
            "ar": "لم تُسجَّل مشاركة هذه الجمعية في أي لقاء.",
            "fr": "Aucune participation de cette association à une réunion n'est enregistrée.",
            "en": "No attendance of this association at a meeting is recorded.",
        },
        "assoc_share": {
            "ar": "رابط صفحة الجمعية للمشاركة",
            "fr": "Lien de la page de l'association, à partager",
            "en": "Link to this association's page, to share",
        },
        "assoc_share_help": {
            "ar": "انسخ هذا الرابط وشاركه مع أعضاء الجمعية: يفتح هذه الصفحة مباشرة.",
            "fr": "Copiez ce lien et partagez-le avec les membres : il ouvre directement "
            "cette page.",
            "en": "Copy this link and share it with members: it opens this page directly.",
        },
    }
)

# --- The public display (pages/4_Public_display.py) ----------------------------------
UI.update(
    {
        "public_title": {"ar": "العرض العمومي", "fr": "Affichage public", "en": "Public display"},
        "public_latest_completions": {
            "ar": "آخر التوصيات المنجزة",
            "fr": "Dernières réalisations",
            "en": "Latest completions",
        },
        "public_no_completions": {
            "ar": "لم تُنجز أي توصية بعد.",
            "fr": "Aucune recommandation réalisée pour l'instant.",
            "en": "No recommendation completed yet.",
        },
        "public_domain_of": {
            "ar": "المجال {index} من {count}",
            "fr": "Domaine {index} sur {count}",
            "en": "Domain {index} of {count}",
        },
        "public_refresh": {
            "ar": "تتجدد الصفحة كل {seconds} ثانية",
            "fr": "Actualisé toutes les {seconds} s",
            "en": "Refreshed every {seconds} s",
        },
        "public_error": {
            "ar": "تعذّر عرض هذه الصفحة حالياً. يُرجى المحاولة لاحقاً.",
            "fr": "Cette page ne peut pas être affichée pour le moment. "
            "Veuillez réessayer plus tard.",
            "en": "This page cannot be shown right now. Please try again later.",
        },
    }
)

# --- The data status page (pages/5_Data_status.py) -----------------------------------
UI.update(
    {
        "data_status_title": {"ar": "حالة البيانات", "fr": "État des données", "en": "Data status"},
        "data_status_read_only": {
            "ar": "للاطلاع فقط: تُحمَّل الملفات حالياً بالأمر ‎`python -m etl load FILES`‎.",
            "fr": "Consultation seule : les fichiers se chargent pour l'instant avec "
            "`python -m etl load FICHIERS`.",
            "en": "Read-only: files are loaded, for now, with `python -m etl load FILES`.",
        },
        "data_status_rows": {
            "ar": "عدد الصفوف في كل جدول",
            "fr": "Lignes par table",
            "en": "Rows per table",
        },
        "data_status_sources": {
            "ar": "الملفات وتاريخ آخر تحميل لكل منها",
            "fr": "Fichiers et date de leur dernier chargement",
            "en": "Files and when each was last loaded",
        },
        "data_status_loads": {
            "ar": "آخر عمليات التحميل",
            "fr": "Derniers chargements",
            "en": "Latest loads",
        },
        "data_status_rejects": {
            "ar": "الصفوف المرفوضة في آخر عمليات التحميل",
            "fr": "Lignes rejetées des derniers chargements",
            "en": "Rows rejected by the latest loads",
        },
        "data_status_by_reason": {
            "ar": "الصفوف المرفوضة حسب السبب",
            "fr": "Lignes rejetées par motif",
            "en": "Rejected rows by reason",
        },
        "data_status_no_rejects": {
            "ar": "لم يُرفض أي صف.",
            "fr": "Aucune ligne rejetée.",
            "en": "No row was rejected.",
        },
        "data_status_shown": {
            "ar": "تُعرض أول {shown} من أصل {total} صفاً مرفوضاً.",
            "fr": "Les {shown} premières des {total} lignes rejetées sont affichées.",
            "en": "Showing the first {shown} of {total} rejected rows.",
        },
        "data_status_no_loads": {
            "ar": "لم تُسجَّل أي عملية تحميل بعد.",
            "fr": "Aucun chargement enregistré pour l'instant.",
            "en": "No load recorded yet.",
        },
        "data_status_load_filter": {
            "ar": "عملية التحميل",
            "fr": "Chargement",
            "en": "Load",
        },
        "data_status_latest_loads": {
            "ar": "آخر {count} عمليات تحميل",
            "fr": "Les {count} derniers chargements",
            "en": "The latest {count} loads",
        },
        "data_status_load": {"ar": "رقم التحميل", "fr": "Chargement n°", "en": "Load no."},
        "data_status_loaded_at": {
            "ar": "تاريخ التحميل (UTC)",
            "fr": "Chargé le (UTC)",
            "en": "Loaded at (UTC)",
        },
        "data_status_source": {"ar": "المصدر", "fr": "Source", "en": "Source"},
        "data_status_files": {"ar": "الملفات", "fr": "Fichiers", "en": "Files"},
        "data_status_file": {"ar": "الملف", "fr": "Fichier", "en": "File"},
        "data_status_sheet": {"ar": "الورقة", "fr": "Feuille", "en": "Sheet"},
        "data_status_row": {"ar": "الصف", "fr": "Ligne", "en": "Row"},
        "data_status_table": {"ar": "الجدول", "fr": "Table", "en": "Table"},
        "data_status_column": {"ar": "العمود", "fr": "Colonne", "en": "Column"},
        "data_status_reason": {"ar": "السبب", "fr": "Motif", "en": "Reason"},
        "data_status_value": {"ar": "القيمة المقروءة", "fr": "Valeur lue", "en": "Value read"},
        "data_status_message": {"ar": "التفاصيل", "fr": "Détail", "en": "Details"},
        "data_status_rows_read": {"ar": "الصفوف المقروءة", "fr": "Lignes lues", "en": "Rows read"},
        "data_status_rows_rejected": {
            "ar": "الصفوف المرفوضة",
            "fr": "Lignes rejetées",
            "en": "Rows rejected",
        },
        "data_status_source_cli": {
            "ar": "سطر الأوامر",
            "fr": "Ligne de commande",
            "en": "Command line",
        },
        "data_status_source_sample": {
            "ar": "البيانات النموذجية",
            "fr": "Données d'exemple",
            "en": "Sample data",
        },
        "data_status_source_upload": {"ar": "رفع ملفات", "fr": "Téléversement", "en": "Upload"},
        "data_status_table_communes": {"ar": "الجماعات", "fr": "Communes", "en": "Communes"},
        "data_status_table_associations": {
            "ar": "الجمعيات",
            "fr": "Associations",
            "en": "Associations",
        },
        "data_status_table_meetings": {"ar": "اللقاءات", "fr": "Réunions", "en": "Meetings"},
        "data_status_table_recommendations": {
            "ar": "التوصيات",
            "fr": "Recommandations",
            "en": "Recommendations",
        },
        "data_status_table_status_updates": {
            "ar": "تحيينات الحالة",
            "fr": "Mises à jour de statut",
            "en": "Status updates",
        },
        "data_status_reason_missing_required": {
            "ar": "قيمة إلزامية فارغة",
            "fr": "Valeur obligatoire manquante",
            "en": "Required value missing",
        },
        "data_status_reason_bad_date": {
            "ar": "تاريخ غير مقروء أو غير موجود",
            "fr": "Date illisible ou inexistante",
            "en": "Unreadable or impossible date",
        },
        "data_status_reason_bad_number": {
            "ar": "رقم غير مقروء",
            "fr": "Nombre illisible",
            "en": "Unreadable number",
        },
        "data_status_reason_unknown_value": {
            "ar": "قيمة غير معروفة",
            "fr": "Valeur inconnue",
            "en": "Unknown value",
        },
        "data_status_reason_out_of_range": {
            "ar": "قيمة خارج المجال المسموح به",
            "fr": "Valeur hors limites",
            "en": "Value out of range",
        },
        "data_status_reason_unknown_reference": {
            "ar": "إحالة إلى لقاء أو توصية غير موجودة",
            "fr": "Renvoie à une réunion ou une recommandation inconnue",
            "en": "Refers to an unknown meeting or recommendation",
        },
        "data_status_reason_duplicate_conflict": {
            "ar": "رقم مكرر بمحتوى مختلف",
            "fr": "Identifiant en double au contenu différent",
            "en": "Repeated id with different content",
        },
    }
)

UI.update(
    {
        "data_status_source_demo": {
            "ar": "بيانات تجريبية",
            "fr": "Données de démonstration",
            "en": "Demo data",
        },
    }
)

UI.update(
    {
        "nav_overview": {"ar": "نظرة عامة", "fr": "Vue d'ensemble", "en": "Overview"},
    }
)
