"""The one vocabulary file: statuses, domains, priorities, tables, header aliases,
month names and the interface strings, in Arabic, French and English.

The data contract (docs/data-contract.md) is the minimum of what is here;
entries may be added, never removed. Matching always goes through `musharaka.text.fold`
(headers, table names) or `musharaka.text.stem` (values), so entries are written
naturally, with accents and hamzas.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("ar", "fr", "en")
# Babel's locale for each language: ar_MA and fr_MA write 12.345,5 and 12 345,5 (plain
# "ar" would write 12,345.5).
BABEL_LOCALES = {"ar": "ar_MA", "fr": "fr_MA", "en": "en"}


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
        "rec_pick_commune_first": {
            "ar": "لاختيار لقاء أو جمعية، اختر جماعة أولًا.",
            "fr": "Pour choisir une réunion ou une association, choisissez d'abord une commune.",
            "en": "To pick a meeting or an association, choose a commune first.",
        },
        "meet_pick_commune_first": {
            "ar": "لفتح صفحة لقاء، اختر جماعته أولًا.",
            "fr": "Pour ouvrir la page d'une réunion, choisissez d'abord sa commune.",
            "en": "To open a meeting's page, choose its commune first.",
        },
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
        "assoc_search": {
            "ar": "بحث باسم الجمعية",
            "fr": "Rechercher un nom",
            "en": "Search a name",
        },
        "assoc_search_help": {
            "ar": "كلمة أو أكثر من اسم الجمعية. لا تهم الهمزات ولا الحركات ولا النبرات.",
            "fr": "Un ou plusieurs mots du nom de l'association. Accents, hamzas et voyelles "
            "sont ignorés.",
            "en": "One or more words of the association's name. Accents, hamzas and vowel "
            "marks are ignored.",
        },
        "assoc_found": {
            "ar": "الجمعيات: {count}",
            "fr": "Associations : {count}",
            "en": "Associations: {count}",
        },
        "assoc_no_match": {
            "ar": "لا توجد جمعية بهذا الاسم.",
            "fr": "Aucune association ne porte ce nom.",
            "en": "No association has this name.",
        },
        "assoc_select_hint": {
            "ar": "اختر سطرًا لفتح صفحة الجمعية.",
            "fr": "Sélectionnez une ligne pour ouvrir la page de l'association.",
            "en": "Select a row to open the association's page.",
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
        # Shown by every page when the database does not answer (musharaka.ui.open_database).
        "data_unavailable": {
            "ar": "البيانات غير متاحة حالياً. يُرجى المحاولة لاحقاً.",
            "fr": "Les données ne sont pas disponibles pour le moment. "
            "Veuillez réessayer plus tard.",
            "en": "The data is not available right now. Please try again later.",
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
            "ar": "تُحمَّل الملفات من صفحة «رفع ملف» أو بالأمر ‎`python -m etl load FILES`‎.",
            "fr": "Les fichiers se chargent depuis la page « Import de fichier » ou avec "
            "`python -m etl load FICHIERS`.",
            "en": "Files are loaded from the Upload page or with `python -m etl load FILES`.",
        },
        "data_status_scope_editor": {
            "ar": "تظهر هنا عمليات التحميل التي تخص جماعاتك وحدها، والصفوف التي رفضتها. "
            "عملية تحميل مست جماعات أخرى، أو لم تُعرف جماعاتها (رُفضت كل صفوفها)، لا يراها "
            "إلا المسؤول عن المنصة، وكذلك كل صف مرفوض يخص جماعة أخرى أو لا تُعرف جماعته.",
            "fr": "Seuls les chargements de vos communes, et les lignes qu'ils ont rejetées, "
            "sont affichés ici. Un chargement qui a touché d'autres communes, ou dont les "
            "communes sont inconnues (toutes ses lignes rejetées), n'est visible que par un "
            "administrateur, de même qu'une ligne rejetée d'une autre commune ou dont la "
            "commune ne peut être dite.",
            "en": "Only the loads of your communes, and the rows they rejected, are shown "
            "here. A load that touched other communes, or whose communes are unknown (all its "
            "rows rejected), is shown to admins only, and so is a rejected row of another "
            "commune or whose commune cannot be told.",
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

# Signing in, roles and access (musharaka.auth, musharaka.access).
UI.update(
    {
        "sign_in": {"ar": "تسجيل الدخول", "fr": "Se connecter", "en": "Sign in"},
        "sign_out": {"ar": "تسجيل الخروج", "fr": "Se déconnecter", "en": "Sign out"},
        "username": {"ar": "اسم المستخدم", "fr": "Nom d'utilisateur", "en": "User name"},
        "password": {"ar": "كلمة المرور", "fr": "Mot de passe", "en": "Password"},
        "signed_in_as": {"ar": "متصل باسم", "fr": "Connecté en tant que", "en": "Signed in as"},
        "sign_in_needed": {
            "ar": "هذه الصفحة للأعضاء المسجلين. سجّل الدخول للمتابعة.",
            "fr": "Cette page est réservée aux utilisateurs inscrits. Connectez-vous.",
            "en": "This page is for registered users. Sign in to continue.",
        },
        # One answer for an unknown name, a wrong password, a locked or disabled account:
        # another would tell which user names exist. It names the lock for everyone.
        "sign_in_failed": {
            "ar": "اسم المستخدم أو كلمة المرور غير صحيحة. بعد 5 محاولات فاشلة متتالية "
            "يُقفل الحساب 15 دقيقة؛ يمكن للمسؤول رفع القفل.",
            "fr": "Nom d'utilisateur ou mot de passe incorrect. Après 5 essais manqués de "
            "suite, le compte est bloqué 15 minutes ; l'administrateur peut le débloquer.",
            "en": "Wrong user name or password. After 5 failed attempts in a row the account "
            "is locked for 15 minutes; the administrator can unlock it.",
        },
        "session_expired": {
            "ar": "انتهت الجلسة بعد مدة من عدم النشاط. سجّل الدخول من جديد.",
            "fr": "La session a expiré après une période d'inactivité. Reconnectez-vous.",
            "en": "Your session ended after a period of inactivity. Sign in again.",
        },
        "not_allowed": {
            "ar": "حسابك لا يسمح بفتح هذه الصفحة.",
            "fr": "Votre compte ne donne pas accès à cette page.",
            "en": "Your account does not give access to this page.",
        },
        "signed_out": {
            "ar": "تم تسجيل الخروج.",
            "fr": "Vous êtes déconnecté.",
            "en": "You are signed out.",
        },
        "role_association": {"ar": "جمعية", "fr": "Association", "en": "Association"},
        "role_editor": {"ar": "محرر", "fr": "Éditeur", "en": "Editor"},
        "role_admin": {"ar": "مسؤول", "fr": "Administrateur", "en": "Administrator"},
        "nav_sign_in": {"ar": "الدخول", "fr": "Connexion", "en": "Sign in"},
        "nav_edit": {"ar": "إدخال البيانات", "fr": "Saisie", "en": "Data entry"},
        "nav_upload": {"ar": "رفع ملف", "fr": "Import de fichier", "en": "Upload"},
        "nav_field_reports": {
            "ar": "تقارير الميدان",
            "fr": "Constats de terrain",
            "en": "Field reports",
        },
        "nav_admin": {"ar": "الإدارة", "fr": "Administration", "en": "Administration"},
    }
)

# The administration page (pages/10_Admin.py): users and the audit log.
UI.update(
    {
        "admin_users": {"ar": "المستخدمون", "fr": "Utilisateurs", "en": "Users"},
        "admin_audit": {"ar": "سجل التغييرات", "fr": "Journal d'audit", "en": "Audit log"},
        "admin_display_name": {"ar": "الاسم المعروض", "fr": "Nom affiché", "en": "Display name"},
        "admin_role": {"ar": "الدور", "fr": "Rôle", "en": "Role"},
        "admin_communes": {"ar": "الجماعات", "fr": "Communes", "en": "Communes"},
        "admin_association": {"ar": "الجمعية", "fr": "Association", "en": "Association"},
        "admin_active": {"ar": "مفعّل", "fr": "Actif", "en": "Active"},
        "admin_locked_until": {
            "ar": "مقفل إلى غاية (UTC)",
            "fr": "Bloqué jusqu'à (UTC)",
            "en": "Locked until (UTC)",
        },
        "admin_last_sign_in": {
            "ar": "آخر دخول (UTC)",
            "fr": "Dernière connexion (UTC)",
            "en": "Last sign-in (UTC)",
        },
        "admin_add_user": {
            "ar": "إضافة مستخدم",
            "fr": "Ajouter un utilisateur",
            "en": "Add a user",
        },
        "admin_add_button": {"ar": "إضافة", "fr": "Ajouter", "en": "Add"},
        "admin_password_again": {
            "ar": "كلمة المرور مرة أخرى",
            "fr": "Mot de passe (encore)",
            "en": "Password again",
        },
        "admin_password_help": {
            "ar": "10 أحرف على الأقل، منها 4 مختلفة على الأقل، وليست اسم المستخدم.",
            "fr": "Au moins 10 caractères, dont au moins 4 différents, et pas le nom "
            "d'utilisateur.",
            "en": "At least 10 characters, at least 4 of them different, not the user name.",
        },
        "admin_communes_help": {
            "ar": "للمحررين: الجماعات التي يحررون بياناتها.",
            "fr": "Pour les éditeurs : les communes dont ils saisissent les données.",
            "en": "For editors: the communes whose data they edit.",
        },
        "admin_association_help": {
            "ar": "لممثلي الجمعيات: الجمعية التي يتحدثون باسمها.",
            "fr": "Pour les représentants d'association : l'association qu'ils représentent.",
            "en": "For association representatives: the association they speak for.",
        },
        "admin_none": {"ar": "— لا شيء —", "fr": "— aucune —", "en": "— none —"},
        "admin_username_invalid": {
            "ar": "اسم المستخدم كلمة واحدة بدون فراغات، 120 حرفاً على الأكثر.",
            "fr": "Le nom d'utilisateur est un seul mot, sans espace, de 120 caractères au plus.",
            "en": "A user name is one word, without spaces, of at most 120 characters.",
        },
        "admin_username_taken": {
            "ar": "هذا الاسم مستعمل من قبل.",
            "fr": "Ce nom d'utilisateur existe déjà.",
            "en": "This user name exists already.",
        },
        "admin_display_name_too_long": {
            "ar": "الاسم المعروض طويل جداً (200 حرف على الأكثر).",
            "fr": "Le nom affiché est trop long (200 caractères au plus).",
            "en": "The display name is too long (at most 200 characters).",
        },
        "admin_role_unknown": {
            "ar": "اختر دوراً.",
            "fr": "Choisissez un rôle.",
            "en": "Choose a role.",
        },
        "admin_communes_needed": {
            "ar": "المحرر يحتاج جماعة واحدة على الأقل.",
            "fr": "Un éditeur a besoin d'au moins une commune.",
            "en": "An editor needs at least one commune.",
        },
        "admin_association_needed": {
            "ar": "مستخدم الجمعية يحتاج جمعيته.",
            "fr": "Un utilisateur d'association a besoin de son association.",
            "en": "An association's user needs its association.",
        },
        "admin_password_too_short": {
            "ar": "كلمة المرور قصيرة: 10 أحرف على الأقل.",
            "fr": "Mot de passe trop court : au moins 10 caractères.",
            "en": "The password is too short: at least 10 characters.",
        },
        "admin_password_is_username": {
            "ar": "كلمة المرور لا يجب أن تكون اسم المستخدم.",
            "fr": "Le mot de passe ne doit pas être le nom d'utilisateur.",
            "en": "The password must not be the user name.",
        },
        "admin_password_too_simple": {
            "ar": "كلمة المرور بسيطة جداً: 4 أحرف مختلفة على الأقل.",
            "fr": "Mot de passe trop simple : au moins 4 caractères différents.",
            "en": "The password is too simple: at least 4 different characters.",
        },
        "admin_passwords_differ": {
            "ar": "كلمتا المرور غير متطابقتين.",
            "fr": "Les deux mots de passe diffèrent.",
            "en": "The two passwords differ.",
        },
        "admin_cannot_disable_self": {
            "ar": "لا يمكنك تعطيل حسابك الخاص.",
            "fr": "Vous ne pouvez pas désactiver votre propre compte.",
            "en": "You cannot disable your own account.",
        },
        "admin_cannot_demote_self": {
            "ar": "لا يمكنك سحب دور المسؤول من حسابك الخاص.",
            "fr": "Vous ne pouvez pas retirer le rôle d'administrateur à votre propre compte.",
            "en": "You cannot take the administrator role away from your own account.",
        },
        "admin_manage_user": {
            "ar": "تدبير مستخدم",
            "fr": "Gérer un utilisateur",
            "en": "Manage a user",
        },
        "admin_pick_user": {"ar": "المستخدم", "fr": "Utilisateur", "en": "User"},
        "admin_pick_placeholder": {
            "ar": "اختر مستخدماً",
            "fr": "Choisissez un utilisateur",
            "en": "Choose a user",
        },
        "admin_state_active": {"ar": "مفعّل", "fr": "Actif", "en": "Active"},
        "admin_state_disabled": {"ar": "معطّل", "fr": "Désactivé", "en": "Disabled"},
        "admin_state_locked": {
            "ar": "مقفل إلى غاية {when} (UTC)",
            "fr": "Bloqué jusqu'à {when} (UTC)",
            "en": "Locked until {when} (UTC)",
        },
        "admin_disable": {"ar": "تعطيل", "fr": "Désactiver", "en": "Disable"},
        "admin_enable": {"ar": "تفعيل", "fr": "Réactiver", "en": "Enable"},
        "admin_unlock": {"ar": "رفع القفل", "fr": "Débloquer", "en": "Unlock"},
        "admin_reset_password": {
            "ar": "إعادة تعيين كلمة المرور",
            "fr": "Réinitialiser le mot de passe",
            "en": "Reset the password",
        },
        "admin_new_password": {
            "ar": "كلمة المرور الجديدة",
            "fr": "Nouveau mot de passe",
            "en": "New password",
        },
        "admin_save_password": {
            "ar": "حفظ كلمة المرور",
            "fr": "Enregistrer le mot de passe",
            "en": "Save the password",
        },
        "admin_change_role": {
            "ar": "الدور والجماعات",
            "fr": "Rôle et communes",
            "en": "Role and communes",
        },
        "admin_save_role": {"ar": "حفظ", "fr": "Enregistrer", "en": "Save"},
        "admin_user_added": {
            "ar": "تمت إضافة المستخدم {name}.",
            "fr": "Utilisateur {name} ajouté.",
            "en": "User {name} added.",
        },
        "admin_user_disabled": {
            "ar": "تم تعطيل {name}.",
            "fr": "{name} est désactivé.",
            "en": "{name} is disabled.",
        },
        "admin_user_enabled": {
            "ar": "تم تفعيل {name}.",
            "fr": "{name} est réactivé.",
            "en": "{name} is enabled.",
        },
        "admin_user_unlocked": {
            "ar": "تم رفع القفل عن {name}.",
            "fr": "{name} est débloqué.",
            "en": "{name} is unlocked.",
        },
        "admin_password_was_reset": {
            "ar": "تم تغيير كلمة مرور {name}.",
            "fr": "Le mot de passe de {name} est changé.",
            "en": "The password of {name} is changed.",
        },
        "admin_role_changed": {
            "ar": "تم تغيير دور {name}.",
            "fr": "Le rôle de {name} est changé.",
            "en": "The role of {name} is changed.",
        },
        "audit_read_only": {
            "ar": "السجل لا يقبل إلا الإضافة: لا أحد يستطيع تعديل أو حذف أي سطر منه، ولا المسؤول.",
            "fr": "Le journal ne fait que s'allonger : personne, pas même un administrateur, "
            "ne peut modifier ou supprimer une entrée.",
            "en": "The log is append-only: nobody, not even an administrator, can change or "
            "delete an entry.",
        },
        "audit_from": {"ar": "من يوم", "fr": "Du", "en": "From"},
        "audit_to": {"ar": "إلى يوم", "fr": "Au", "en": "To"},
        "audit_actor": {"ar": "من قام بالتغيير", "fr": "Auteur", "en": "Who"},
        "audit_source": {"ar": "المصدر", "fr": "Origine", "en": "Source"},
        "audit_table": {"ar": "الجدول", "fr": "Table", "en": "Table"},
        "audit_record_key": {
            "ar": "مرجع السجل يحتوي على",
            "fr": "Clé de l'enregistrement contient",
            "en": "Record key contains",
        },
        "audit_all": {"ar": "الكل", "fr": "Tous", "en": "All"},
        "audit_found": {
            "ar": "عدد الأسطر: {count}",
            "fr": "{count} entrée(s)",
            "en": "{count} entries",
        },
        "audit_page": {"ar": "الصفحة", "fr": "Page", "en": "Page"},
        "audit_no_match": {
            "ar": "لا يوجد أي سطر بهذه المعايير.",
            "fr": "Aucune entrée ne correspond à ces filtres.",
            "en": "No entry matches these filters.",
        },
        "audit_export_csv": {"ar": "تحميل CSV", "fr": "Télécharger en CSV", "en": "Download CSV"},
        "audit_export_xlsx": {
            "ar": "تحميل Excel",
            "fr": "Télécharger en Excel",
            "en": "Download Excel",
        },
        "audit_export_help": {
            "ar": "الملف يضم كل أسطر التصفية ({count})، كل الصفحات، في حدود 100000.",
            "fr": "Le fichier contient toutes les entrées filtrées ({count}), toutes pages "
            "confondues, dans la limite de 100 000.",
            "en": "The file holds every filtered entry ({count}), all pages, up to 100,000.",
        },
        "audit_col_no": {"ar": "الرقم", "fr": "N°", "en": "No."},
        "audit_col_at": {"ar": "التاريخ (UTC)", "fr": "Date (UTC)", "en": "When (UTC)"},
        "audit_col_actor": {"ar": "من", "fr": "Auteur", "en": "Who"},
        "audit_col_source": {"ar": "المصدر", "fr": "Origine", "en": "Source"},
        "audit_col_action": {"ar": "العملية", "fr": "Action", "en": "Action"},
        "audit_col_table": {"ar": "الجدول", "fr": "Table", "en": "Table"},
        "audit_col_record": {"ar": "السجل", "fr": "Enregistrement", "en": "Record"},
        "audit_col_changes": {
            "ar": "التغييرات (قبل ← بعد)",
            "fr": "Changements (avant → après)",
            "en": "Changes (before → after)",
        },
        "audit_source_form": {"ar": "استمارة", "fr": "Formulaire", "en": "Form"},
        "audit_source_upload": {"ar": "رفع ملف", "fr": "Téléversement", "en": "Upload"},
        "audit_source_cli": {"ar": "سطر الأوامر", "fr": "Ligne de commande", "en": "Command line"},
        "audit_source_sample": {
            "ar": "العينة المرفقة",
            "fr": "Échantillon fourni",
            "en": "Bundled sample",
        },
        "audit_source_demo": {
            "ar": "بيانات تجريبية",
            "fr": "Données de démonstration",
            "en": "Demo data",
        },
        "audit_source_admin": {"ar": "الإدارة", "fr": "Administration", "en": "Administration"},
        "audit_source_sign_in": {"ar": "تسجيل الدخول", "fr": "Connexion", "en": "Sign-in"},
        "audit_source_review": {
            "ar": "مراجعة تقارير الميدان",
            "fr": "Revue des constats",
            "en": "Field report review",
        },
        "audit_action_insert": {"ar": "إضافة", "fr": "Ajout", "en": "Added"},
        "audit_action_update": {"ar": "تعديل", "fr": "Modification", "en": "Changed"},
        "audit_action_correct": {"ar": "تصحيح", "fr": "Correction", "en": "Corrected"},
        "audit_action_delete": {"ar": "حذف", "fr": "Suppression", "en": "Deleted"},
        "audit_action_load": {"ar": "تحميل ملفات", "fr": "Chargement", "en": "Load"},
        "audit_action_lock": {"ar": "قفل", "fr": "Blocage", "en": "Locked"},
        "audit_action_unlock": {"ar": "رفع القفل", "fr": "Déblocage", "en": "Unlocked"},
        "audit_action_enable": {"ar": "تفعيل", "fr": "Réactivation", "en": "Enabled"},
        "audit_action_disable": {"ar": "تعطيل", "fr": "Désactivation", "en": "Disabled"},
        "audit_action_password": {
            "ar": "تغيير كلمة المرور",
            "fr": "Mot de passe changé",
            "en": "Password changed",
        },
        "audit_action_submit": {"ar": "إرسال", "fr": "Envoi", "en": "Submitted"},
        "audit_action_approve": {"ar": "قبول", "fr": "Approbation", "en": "Approved"},
        "audit_action_reject": {"ar": "رفض", "fr": "Rejet", "en": "Rejected"},
        "audit_table_users": {"ar": "المستخدمون", "fr": "Utilisateurs", "en": "Users"},
        "audit_table_load_runs": {"ar": "التحميلات", "fr": "Chargements", "en": "Loads"},
        "audit_table_field_reports": {
            "ar": "تقارير الميدان",
            "fr": "Constats de terrain",
            "en": "Field reports",
        },
    }
)

# Field reports (pages/9_Field_reports.py, musharaka.field_reports).
UI.update(
    {
        "field_intro_association": {
            "ar": "أخبروا المجلس بما عاينتموه في الميدان بخصوص التوصيات التي اقترحتها جمعيتكم. "
            "يراجع محرر الجماعة كل تقرير قبل إدراجه في تتبع الإنجاز.",
            "fr": "Signalez ce que vous avez constaté sur le terrain pour les recommandations "
            "proposées par votre association. Un éditeur de la commune vérifie chaque constat "
            "avant de l'ajouter au suivi.",
            "en": "Report what you saw on the ground about the recommendations your association "
            "proposed. An editor of the commune checks each report before it enters the history.",
        },
        "field_intro_editor": {
            "ar": "تقارير الجمعيات تنتظر قراركم. القبول يضيف التقرير إلى تتبع إنجاز التوصية، "
            "والرفض يبقيه خارجه مع تعليلكم.",
            "fr": "Les constats des associations attendent votre décision. Approuver ajoute le "
            "constat au suivi de la recommandation ; rejeter l'en écarte, avec votre motif.",
            "en": "Reports from associations wait for your decision. Approving adds the report to "
            "the recommendation's history; rejecting keeps it out, with your reason.",
        },
        "field_no_association": {
            "ar": "حسابكم غير مرتبط بأي جمعية. اتصلوا بالمسؤول.",
            "fr": "Votre compte n'est lié à aucune association. Contactez l'administrateur.",
            "en": "Your account is linked to no association. Ask the administrator.",
        },
        "field_your_recommendations": {
            "ar": "التوصيات التي اقترحتها جمعيتكم",
            "fr": "Recommandations proposées par votre association",
            "en": "Recommendations your association proposed",
        },
        "field_none_proposed": {
            "ar": "لم تقترح جمعيتكم أي توصية مسجلة بعد.",
            "fr": "Aucune recommandation enregistrée n'a été proposée par votre association.",
            "en": "No recorded recommendation was proposed by your association.",
        },
        "field_new_report": {
            "ar": "تقرير ميداني جديد",
            "fr": "Nouveau constat",
            "en": "New report",
        },
        "field_date_seen": {"ar": "تاريخ المعاينة", "fr": "Date du constat", "en": "Date seen"},
        "field_note": {
            "ar": "ما عاينتموه",
            "fr": "Ce que vous avez constaté",
            "en": "What you saw",
        },
        "field_evidence": {
            "ar": "رابط الإثبات (http أو https)",
            "fr": "Lien vers une preuve (http ou https)",
            "en": "Evidence link (http or https)",
        },
        "field_proposed_status": {
            "ar": "الحالة المقترحة",
            "fr": "Statut proposé",
            "en": "Proposed status",
        },
        "field_proposed_progress": {
            "ar": "نسبة التقدم المقترحة (%)",
            "fr": "Avancement proposé (%)",
            "en": "Proposed progress (%)",
        },
        "field_progress_help": {
            "ar": "من 0 إلى 100؛ اتركوه فارغاً إن لم تعرفوه.",
            "fr": "De 0 à 100 ; laissez vide si vous ne savez pas.",
            "en": "0 to 100; leave it empty when you do not know.",
        },
        "field_choose": {"ar": "اختر", "fr": "Choisir", "en": "Choose"},
        "field_submit": {
            "ar": "إرسال للمراجعة",
            "fr": "Envoyer pour examen",
            "en": "Send for review",
        },
        "field_submitted": {
            "ar": "تم إرسال التقرير، وهو في انتظار قرار المحرر.",
            "fr": "Constat envoyé : il attend la décision d'un éditeur.",
            "en": "Report sent: it waits for an editor's decision.",
        },
        "field_your_reports": {"ar": "تقاريركم", "fr": "Vos constats", "en": "Your reports"},
        "field_no_reports": {
            "ar": "لم ترسلوا أي تقرير بعد.",
            "fr": "Vous n'avez encore envoyé aucun constat.",
            "en": "You have sent no report yet.",
        },
        "field_state": {"ar": "القرار", "fr": "Décision", "en": "Decision"},
        "field_state_pending": {"ar": "في الانتظار", "fr": "En attente", "en": "Pending"},
        "field_state_approved": {"ar": "مقبول", "fr": "Approuvé", "en": "Approved"},
        "field_state_rejected": {"ar": "مرفوض", "fr": "Rejeté", "en": "Rejected"},
        "field_decided_at": {"ar": "تاريخ القرار", "fr": "Décidé le", "en": "Decided on"},
        "field_decision_note": {
            "ar": "ملاحظة المحرر",
            "fr": "Note de l'éditeur",
            "en": "Editor's note",
        },
        "field_submitted_at": {"ar": "تاريخ الإرسال", "fr": "Envoyé le", "en": "Sent on"},
        "field_association": {"ar": "الجمعية", "fr": "Association", "en": "Association"},
        "field_current_status": {
            "ar": "الحالة الحالية",
            "fr": "Statut actuel",
            "en": "Current status",
        },
        "field_status_date": {"ar": "منذ", "fr": "Depuis le", "en": "Since"},
        "field_report_no": {"ar": "رقم", "fr": "N°", "en": "No."},
        "field_pending": {
            "ar": "تقارير في انتظار القرار",
            "fr": "Constats en attente de décision",
            "en": "Reports waiting for a decision",
        },
        "field_nothing_pending": {
            "ar": "لا يوجد أي تقرير في انتظار القرار.",
            "fr": "Aucun constat n'attend de décision.",
            "en": "No report waits for a decision.",
        },
        "field_decide": {"ar": "اتخاذ القرار", "fr": "Décider", "en": "Decide"},
        "field_choose_report": {"ar": "التقرير", "fr": "Constat", "en": "Report"},
        "field_reason": {
            "ar": "ملاحظة القرار (إلزامية عند الرفض)",
            "fr": "Note de décision (obligatoire pour rejeter)",
            "en": "Decision note (required to reject)",
        },
        "field_approve": {"ar": "قبول", "fr": "Approuver", "en": "Approve"},
        "field_reject": {"ar": "رفض", "fr": "Rejeter", "en": "Reject"},
        "field_approved": {
            "ar": "تم القبول: أضيف التحيين إلى تتبع إنجاز التوصية.",
            "fr": "Approuvé : la mise à jour est ajoutée au suivi de la recommandation.",
            "en": "Approved: the status update is in the recommendation's history.",
        },
        "field_rejected": {
            "ar": "تم الرفض: لم يتغير تتبع الإنجاز.",
            "fr": "Rejeté : le suivi reste inchangé.",
            "en": "Rejected: the history is unchanged.",
        },
        "field_recent_decisions": {
            "ar": "آخر القرارات",
            "fr": "Dernières décisions",
            "en": "Latest decisions",
        },
        "field_problem_missing_required": {
            "ar": "هذه الخانة إلزامية.",
            "fr": "Ce champ est obligatoire.",
            "en": "This field is required.",
        },
        "field_problem_bad_date": {
            "ar": "تاريخ غير صالح.",
            "fr": "Cette date n'est pas valide.",
            "en": "This is not a valid date.",
        },
        "field_problem_date_in_future": {
            "ar": "لا يمكن أن يكون تاريخ المعاينة في المستقبل.",
            "fr": "La date du constat ne peut pas être dans le futur.",
            "en": "The day seen cannot be in the future.",
        },
        "field_problem_bad_number": {
            "ar": "اكتبوا رقماً بين 0 و100، مثل 45 أو ‎45%‎.",
            "fr": "Écrivez un nombre de 0 à 100, par exemple 45 ou 45 %.",
            "en": "Write a number from 0 to 100, such as 45 or 45%.",
        },
        "field_problem_out_of_range": {
            "ar": "يجب أن تكون النسبة بين 0 و100.",
            "fr": "L'avancement doit être compris entre 0 et 100.",
            "en": "Progress must be between 0 and 100.",
        },
        "field_problem_unknown_value": {
            "ar": "حالة غير معروفة.",
            "fr": "Statut inconnu.",
            "en": "Unknown status.",
        },
        "field_problem_too_long": {
            "ar": "النص طويل جداً.",
            "fr": "Le texte est trop long.",
            "en": "The text is too long.",
        },
        "field_problem_not_web_address": {
            "ar": "يجب أن يبدأ الرابط بـ ‎http://‎ أو ‎https://‎.",
            "fr": "Le lien doit commencer par http:// ou https://.",
            "en": "The link must start with http:// or https://.",
        },
        "field_problem_not_yours": {
            "ar": "لا يمكنكم الإبلاغ إلا عن التوصيات التي اقترحتها جمعيتكم.",
            "fr": "Vous ne pouvez signaler que les recommandations proposées par votre "
            "association.",
            "en": "You can only report on recommendations your association proposed.",
        },
        "field_problem_not_found": {
            "ar": "هذا التقرير غير موجود ضمن جماعاتكم.",
            "fr": "Ce constat n'existe pas dans vos communes.",
            "en": "This report does not exist in your communes.",
        },
        "field_problem_already_decided": {
            "ar": "سبق اتخاذ قرار بشأن هذا التقرير.",
            "fr": "Ce constat a déjà fait l'objet d'une décision.",
            "en": "This report was already decided.",
        },
        "field_problem_reason_required": {
            "ar": "اكتبوا سبب الرفض.",
            "fr": "Indiquez le motif du rejet.",
            "en": "Write the reason for rejecting.",
        },
        "field_problem_not_allowed": {
            "ar": "حسابكم لا يسمح بهذا الإجراء.",
            "fr": "Votre compte ne permet pas cette action.",
            "en": "Your account does not allow this action.",
        },
        "field_problem_already_in_history": {
            "ar": "التحيين نفسه (التاريخ والحالة والنسبة والملاحظة) موجود في تتبع الإنجاز.",
            "fr": "La même mise à jour (date, statut, avancement, note) est déjà dans le suivi.",
            "en": "The same update (date, status, progress, note) is already in the history.",
        },
        "field_problem_refused": {
            "ar": "تم رفض التغيير:",
            "fr": "La modification a été refusée :",
            "en": "The change was refused:",
        },
    }
)

# --- Data entry (pages/7_Edit.py, musharaka.forms) ------------------------------------
UI.update(
    {
        "edit_action": {
            "ar": "ماذا تريد أن تفعل؟",
            "fr": "Que voulez-vous faire ?",
            "en": "What to do",
        },
        "edit_action_new_meeting": {
            "ar": "لقاء جديد",
            "fr": "Nouvelle réunion",
            "en": "New meeting",
        },
        "edit_action_edit_meeting": {
            "ar": "تعديل لقاء",
            "fr": "Modifier une réunion",
            "en": "Edit a meeting",
        },
        "edit_action_new_recommendation": {
            "ar": "توصية جديدة",
            "fr": "Nouvelle recommandation",
            "en": "New recommendation",
        },
        "edit_action_edit_recommendation": {
            "ar": "تعديل توصية",
            "fr": "Modifier une recommandation",
            "en": "Edit a recommendation",
        },
        "edit_action_update": {
            "ar": "تسجيل تحيين للحالة",
            "fr": "Enregistrer une mise à jour du statut",
            "en": "Record a status update",
        },
        "edit_pick_meeting": {"ar": "اللقاء", "fr": "Réunion", "en": "Meeting"},
        "edit_pick_recommendation": {
            "ar": "التوصية",
            "fr": "Recommandation",
            "en": "Recommendation",
        },
        "edit_choose": {"ar": "— اختر —", "fr": "— choisir —", "en": "— choose —"},
        "edit_pick_first": {
            "ar": "اختر ما تريد فتحه أعلاه.",
            "fr": "Choisissez ci-dessus ce que vous voulez ouvrir.",
            "en": "Choose above what to open.",
        },
        "edit_nothing_to_edit": {
            "ar": "لا يوجد شيء يمكنك تعديله هنا: لم تُسند إليك أي جماعة أو لا توجد بيانات بعد.",
            "fr": "Rien à modifier ici : aucune commune ne vous est attribuée, "
            "ou aucune donnée n'existe encore.",
            "en": "Nothing to edit here: no commune is assigned to you, or there is no data yet.",
        },
        "edit_not_offered": {
            "ar": "هذا السجل ليس ضمن السجلات التي يمكنك تعديلها.",
            "fr": "Cet enregistrement ne fait pas partie de ceux que vous pouvez modifier.",
            "en": "This record is not among those you may edit.",
        },
        "edit_not_found": {
            "ar": "لم يعد هذا السجل موجوداً.",
            "fr": "Cet enregistrement n'existe plus.",
            "en": "This record no longer exists.",
        },
        "edit_corrects_entry": {
            "ar": "هذا التحيين يصحح المدخل",
            "fr": "Cette mise à jour corrige l'entrée",
            "en": "This update corrects entry",
        },
        "edit_new_entry": {
            "ar": "— مدخل جديد، لا يصحح أي مدخل —",
            "fr": "— une nouvelle entrée, qui n'en corrige aucune —",
            "en": "— a new entry, correcting none —",
        },
        "edit_corrects_help": {
            "ar": "لا يُعدَّل التاريخ أبداً: التصحيح مدخل جديد يذكر المدخل الذي يصححه، "
            "ويبقى المدخل القديم محفوظاً.",
            "fr": "L'historique ne se modifie jamais : une correction est une nouvelle entrée "
            "qui nomme celle qu'elle corrige ; l'ancienne est conservée.",
            "en": "History is never edited in place: a correction is a new entry naming the "
            "one it corrects; the old one is kept.",
        },
        "edit_correction_same": {
            "ar": "يجب أن يغيّر التصحيح التاريخ أو الحالة أو نسبة التقدم أو الملاحظة "
            "في المدخل الذي يصححه.",
            "fr": "Une correction doit changer la date, le statut, l'avancement ou la note "
            "de l'entrée qu'elle corrige.",
            "en": "A correction must change the date, status, progress or note of the entry "
            "it corrects.",
        },
        "edit_corrects": {"ar": "يصحح", "fr": "Corrige", "en": "Corrects"},
        "edit_corrected": {"ar": "مُصحَّح", "fr": "Corrigée", "en": "Corrected"},
        "edit_meeting_code": {"ar": "رمز اللقاء", "fr": "Code de la réunion", "en": "Meeting code"},
        "edit_rec_code": {
            "ar": "رمز التوصية",
            "fr": "Code de la recommandation",
            "en": "Recommendation code",
        },
        "edit_domain_text": {
            "ar": "المجال كما كُتب (عند اختيار «أخرى»)",
            "fr": "Domaine tel qu'écrit (pour « Autre »)",
            "en": "Domain as written (for “Other”)",
        },
        "edit_initial_status": {
            "ar": "الحالة عند صدور التوصية",
            "fr": "Statut initial",
            "en": "Initial status",
        },
        "edit_initial_progress": {
            "ar": "نسبة التقدم عند صدور التوصية",
            "fr": "Avancement initial",
            "en": "Initial progress",
        },
        "edit_initial_help": {
            "ar": "الحالة يوم اللقاء. تُسجَّل التغييرات اللاحقة كتحيينات للحالة.",
            "fr": "L'état au jour de la réunion. Les changements ultérieurs s'enregistrent "
            "comme mises à jour du statut.",
            "en": "The state on the day of the meeting. Later changes are recorded as status "
            "updates.",
        },
        "edit_evidence_url": {
            "ar": "رابط الإثبات",
            "fr": "Lien du justificatif",
            "en": "Evidence link",
        },
        "edit_reported_by": {"ar": "المصرح", "fr": "Signalé par", "en": "Reported by"},
        "edit_list_help": {
            "ar": "عنصر واحد في كل سطر.",
            "fr": "Un élément par ligne.",
            "en": "One item a line.",
        },
        "edit_date_help": {
            "ar": "مثلاً 2020-02-16 أو 16/02/2020 أو 16 فبراير 2020.",
            "fr": "Par exemple 2020-02-16, 16/02/2020 ou 16 février 2020.",
            "en": "For example 2020-02-16, 16/02/2020 or 16 February 2020.",
        },
        "edit_number_help": {
            "ar": "رقم، مثلاً 45 أو ‎45%‎ أو 1 200 000.",
            "fr": "Un nombre, par exemple 45, 45 % ou 1 200 000.",
            "en": "A number, for example 45, 45% or 1 200 000.",
        },
        "edit_save": {"ar": "حفظ", "fr": "Enregistrer", "en": "Save"},
        "edit_saved_inserted": {
            "ar": "تم الحفظ: أُضيف السجل {code}.",
            "fr": "Enregistré : {code} a été ajouté.",
            "en": "Saved: {code} was added.",
        },
        "edit_saved_updated": {
            "ar": "تم الحفظ: عُدِّل السجل {code}.",
            "fr": "Enregistré : {code} a été modifié.",
            "en": "Saved: {code} was updated.",
        },
        "edit_saved_unchanged": {
            "ar": "لا تغيير: {code} كان يحمل هذه القيم من قبل.",
            "fr": "Aucun changement : {code} avait déjà ces valeurs.",
            "en": "Nothing changed: {code} already had these values.",
        },
        "edit_conflict": {
            "ar": "لم يُحفظ تعديلك: قام شخص آخر بحفظ نسخة أحدث من هذا السجل بعد أن فتحته. "
            "هذه هي النسخة الأحدث، وقد أُعيد ملء الاستمارة بها: أعد إدخال تعديلك عليها "
            "إن كان لا يزال لازماً.",
            "fr": "Votre modification n'a pas été enregistrée : quelqu'un a enregistré une "
            "version plus récente de cet enregistrement après que vous l'avez ouvert. Voici "
            "cette version ; le formulaire a été rechargé avec elle : refaites votre "
            "modification dessus si elle est encore nécessaire.",
            "en": "Your change was not saved: someone saved a newer version of this record "
            "after you opened it. Here is that version; the form has been reloaded with it: "
            "make your change again on it if it is still needed.",
        },
        "edit_refused": {
            "ar": "لم يُحفظ شيء: صحّح الحقول المشار إليها.",
            "fr": "Rien n'a été enregistré : corrigez les champs signalés.",
            "en": "Nothing was saved: correct the fields marked.",
        },
        "edit_problem_exists": {
            "ar": "هذا الرمز مستعمل من قبل",
            "fr": "Ce code existe déjà",
            "en": "This code exists already",
        },
        "edit_problem_not_yours": {
            "ar": "خارج الجماعات التي يمكنك تعديلها",
            "fr": "Hors des communes que vous pouvez modifier",
            "en": "Outside the communes you may edit",
        },
        "edit_field": {"ar": "الحقل", "fr": "Champ", "en": "Field"},
        "edit_value": {"ar": "القيمة", "fr": "Valeur", "en": "Value"},
    }
)

# Uploading files from the browser (pages/8_Upload.py, musharaka.uploads).
UI.update(
    {
        "upload_title": {
            "ar": "رفع ملفات البيانات",
            "fr": "Importer des fichiers de données",
            "en": "Upload data files",
        },
        "upload_intro": {
            "ar": "أودع ملفاً أو عدة ملفات: يتحقق مشاركة منها أولاً دون حفظ أي شيء، ويعرض ما "
            "سيحدث لكل صف. لا يُحفظ شيء قبل أن تؤكد.",
            "fr": "Déposez un ou plusieurs fichiers : Musharaka les vérifie d'abord sans rien "
            "enregistrer et montre ce qui arrivera à chaque ligne. Rien n'est enregistré avant "
            "votre confirmation.",
            "en": "Drop one or more files: Musharaka first checks them without saving anything "
            "and shows what would happen to each row. Nothing is saved until you confirm.",
        },
        "upload_limit": {
            "ar": "الحد الأقصى {mb} ميغابايت لكل ملف. الأنواع المقبولة: {types}.",
            "fr": "{mb} Mo au plus par fichier. Types acceptés : {types}.",
            "en": "At most {mb} MB per file. Accepted types: {types}.",
        },
        "upload_editor_scope": {
            "ar": "بصفتك محرراً، لا تُحمَّل إلا بيانات جماعاتك؛ تُرفض الصفوف الأخرى مع ذكر السبب.",
            "fr": "En tant qu'éditeur, seules les données de vos communes sont chargées ; les "
            "autres lignes sont rejetées avec leur motif.",
            "en": "As an editor, only data of your communes is loaded; other rows are rejected "
            "with their reason.",
        },
        "upload_files": {
            "ar": "ملفات xlsx أو csv أو tsv أو txt أو json",
            "fr": "Fichiers xlsx, csv, tsv, txt ou json",
            "en": "xlsx, csv, tsv, txt or json files",
        },
        "upload_too_large": {
            "ar": "{name}: حجمه {size} ميغابايت، أكثر من الحد المسموح ({limit} ميغابايت). "
            "لم تتم قراءة هذا الملف.",
            "fr": "{name} : {size} Mo, plus que la limite de {limit} Mo. "
            "Ce fichier n'a pas été lu.",
            "en": "{name}: {size} MB, more than the {limit} MB limit. This file was not read.",
        },
        "upload_wrong_type": {
            "ar": "{name}: ليس من الأنواع التي يقرؤها مشاركة ({types}). لم تتم قراءة هذا الملف.",
            "fr": "{name} : ce type de fichier n'est pas lu par Musharaka ({types}). "
            "Ce fichier n'a pas été lu.",
            "en": "{name}: not a type of file Musharaka reads ({types}). This file was not read.",
        },
        "upload_checking": {
            "ar": "جارٍ التحقق من الملفات (دون حفظ)…",
            "fr": "Vérification des fichiers (rien n'est enregistré)…",
            "en": "Checking the files (nothing is saved)…",
        },
        "upload_decidim_commune": {
            "ar": "جماعة نتائج Decidim",
            "fr": "Commune des résultats Decidim",
            "en": "Commune of the Decidim results",
        },
        "upload_decidim_pick": {
            "ar": "— اختر الجماعة —",
            "fr": "— choisir la commune —",
            "en": "— choose the commune —",
        },
        "upload_decidim_needed": {
            "ar": "هذه الملفات نتائج من Decidim ولا تذكر الجماعة: اختر الجماعة التي تعود إليها "
            "هذه النتائج، ثم تُفحص الملفات من جديد (دون حفظ).",
            "fr": "Ces fichiers sont des résultats Decidim, qui ne nomment pas de commune : "
            "choisissez la commune à laquelle ils appartiennent, puis ils seront vérifiés "
            "à nouveau (rien n'est enregistré).",
            "en": "These files are Decidim results, which name no commune: choose the commune "
            "they belong to and they will be checked again (nothing is saved).",
        },
        "upload_check_failed": {
            "ar": "تعذر التحقق من الملفات، ولم يُحفظ أي شيء: {error}",
            "fr": "Les fichiers n'ont pas pu être vérifiés, rien n'a été enregistré : {error}",
            "en": "The files could not be checked and nothing was saved: {error}",
        },
        "upload_dry_run": {
            "ar": "تحقق دون حفظ: {read} صفاً مقروءاً، سيُرفض منها {rejected}. "
            "راجع التقرير ثم أكد التحميل.",
            "fr": "Vérification sans enregistrement : {read} lignes lues, dont {rejected} "
            "seraient rejetées. Relisez le rapport puis confirmez le chargement.",
            "en": "Checked without saving: {read} rows read, {rejected} of them would be "
            "rejected. Read the report, then confirm the load.",
        },
        "upload_confirm": {
            "ar": "تأكيد التحميل",
            "fr": "Confirmer le chargement",
            "en": "Confirm and load",
        },
        "upload_confirm_help": {
            "ar": "يحمّل الملفات التي عُرض تقريرها أعلاه، في عملية واحدة: كلها أو لا شيء.",
            "fr": "Charge les fichiers dont le rapport est affiché ci-dessus, en une seule "
            "opération : tout ou rien.",
            "en": "Loads the files whose report is shown above, in one operation: all or nothing.",
        },
        "upload_committed": {
            "ar": "تم التحميل: {inserted} مضاف، {updated} محدَّث، {unchanged} دون تغيير، "
            "{merged} مدمج، {rejected} مرفوض.",
            "fr": "Chargement fait : {inserted} ajoutées, {updated} modifiées, {unchanged} "
            "inchangées, {merged} fusionnées, {rejected} rejetées.",
            "en": "Loaded: {inserted} inserted, {updated} updated, {unchanged} unchanged, "
            "{merged} merged, {rejected} rejected.",
        },
        "upload_load_failed": {
            "ar": "لم يُحمَّل أي شيء: {error}",
            "fr": "Rien n'a été chargé : {error}",
            "en": "Nothing was loaded: {error}",
        },
        "upload_done_hint": {
            "ar": "هذه الملفات محمّلة. أودع ملفات أخرى للمتابعة.",
            "fr": "Ces fichiers sont chargés. Déposez d'autres fichiers pour continuer.",
            "en": "These files are loaded. Drop other files to continue.",
        },
        "upload_by_table": {"ar": "حسب الجدول", "fr": "Par table", "en": "By table"},
        "upload_by_file": {
            "ar": "حسب الملف والورقة",
            "fr": "Par fichier et feuille",
            "en": "By file and sheet",
        },
        "upload_warnings": {"ar": "تنبيهات", "fr": "Avertissements", "en": "Warnings"},
        "upload_rejects": {"ar": "الصفوف المرفوضة", "fr": "Lignes rejetées", "en": "Rejected rows"},
        "upload_no_rejects": {
            "ar": "لا صف مرفوض.",
            "fr": "Aucune ligne rejetée.",
            "en": "No row rejected.",
        },
        "upload_download_xlsx": {
            "ar": "تنزيل الصفوف المرفوضة (xlsx)",
            "fr": "Télécharger les lignes rejetées (xlsx)",
            "en": "Download the rejected rows (xlsx)",
        },
        "upload_download_csv": {
            "ar": "{table}: الصفوف المرفوضة (csv)",
            "fr": "{table} : lignes rejetées (csv)",
            "en": "{table}: rejected rows (csv)",
        },
        "upload_download_help": {
            "ar": "الصفوف المرفوضة بخلاياها وسبب الرفض: صححها ثم ارفع الملف من جديد.",
            "fr": "Les lignes rejetées avec leurs cellules et le motif : corrigez-les puis "
            "importez à nouveau le fichier.",
            "en": "The rejected rows with their cells and the reason: correct them, then upload "
            "the file again.",
        },
        "upload_read": {"ar": "مقروءة", "fr": "Lues", "en": "Read"},
        "upload_inserted": {"ar": "مضافة", "fr": "Ajoutées", "en": "Inserted"},
        "upload_updated": {"ar": "محدَّثة", "fr": "Modifiées", "en": "Updated"},
        "upload_unchanged": {"ar": "دون تغيير", "fr": "Inchangées", "en": "Unchanged"},
        "upload_merged": {"ar": "مدمجة", "fr": "Fusionnées", "en": "Merged"},
        "upload_rejected": {"ar": "مرفوضة", "fr": "Rejetées", "en": "Rejected"},
        "upload_stage_reading": {
            "ar": "قراءة الملفات…",
            "fr": "Lecture des fichiers…",
            "en": "Reading the files…",
        },
        "upload_stage_checking": {
            "ar": "التحقق من الصفوف…",
            "fr": "Vérification des lignes…",
            "en": "Checking the rows…",
        },
        "upload_stage_writing": {
            "ar": "الحفظ في قاعدة البيانات…",
            "fr": "Enregistrement dans la base…",
            "en": "Saving to the database…",
        },
        "upload_stage_waiting": {
            "ar": "في انتظار انتهاء تحميل آخر في قاعدة البيانات…",
            "fr": "En attente de la fin d'un autre chargement dans la base…",
            "en": "Waiting for another load into the database to finish…",
        },
        "data_status_reason_not_allowed": {
            "ar": "خارج الجماعات المسموح لك بها",
            "fr": "Hors de vos communes",
            "en": "Outside your communes",
        },
        "data_status_reason_too_long": {
            "ar": "خلية أطول من المسموح",
            "fr": "Cellule trop longue",
            "en": "Cell too long",
        },
        "data_status_reason_bad_encoding": {
            "ar": "نص غير مقروء في الملف",
            "fr": "Texte illisible dans le fichier",
            "en": "Unreadable text in the file",
        },
    }
)

# The where-and-why columns of the rejects file (musharaka.uploads): none may be a header
# the loader knows, so that a corrected file loads with them still in it.
UI.update(
    {
        "upload_reject_file": {"ar": "الملف", "fr": "Fichier", "en": "File"},
        "upload_reject_sheet": {"ar": "الورقة", "fr": "Feuille", "en": "Sheet"},
        "upload_reject_row": {"ar": "الصف", "fr": "Ligne", "en": "Row"},
        "upload_reject_column": {"ar": "العمود", "fr": "Colonne", "en": "Column"},
        "upload_reject_reason": {"ar": "سبب الرفض", "fr": "Motif du rejet", "en": "Why rejected"},
        "upload_reject_message": {
            "ar": "شرح الرفض",
            "fr": "Explication du rejet",
            "en": "Rejection details",
        },
    }
)

# --- The council's between-meetings report (musharaka.council_report) ------------------
UI.update(
    {
        "cr_title": {
            "ar": "حصيلة المنجزات بين لقاءين تواصليين",
            "fr": "Bilan des réalisations entre deux réunions",
            "en": "Achievements between two meetings",
        },
        "cr_kicker": {
            "ar": "تقرير يقدمه المجلس الجماعي في بداية اللقاء التواصلي",
            "fr": "Rapport présenté par le conseil communal à l'ouverture de la réunion",
            "en": "Report presented by the commune council at the opening of the meeting",
        },
        "cr_earlier": {"ar": "اللقاء السابق", "fr": "Réunion précédente", "en": "Previous meeting"},
        "cr_later": {
            "ar": "لقاء تقديم الحصيلة",
            "fr": "Réunion du bilan",
            "en": "Meeting reported to",
        },
        "cr_col_at_earlier": {
            "ar": "يوم اللقاء السابق",
            "fr": "À la réunion précédente",
            "en": "At the previous meeting",
        },
        "cr_col_at_later": {
            "ar": "يوم لقاء الحصيلة",
            "fr": "À la réunion du bilan",
            "en": "At the meeting reported to",
        },
        "cr_col_figure": {"ar": "المؤشر", "fr": "Indicateur", "en": "Figure"},
        "cr_col_change": {"ar": "التغير", "fr": "Évolution", "en": "Change"},
        "cr_key_figures": {
            "ar": "الأرقام الرئيسية وتطورها",
            "fr": "Chiffres clés et leur évolution",
            "en": "Key figures and how they changed",
        },
        "cr_figures_scope": {
            "ar": "التوصيات الصادرة عن لقاءات الجماعة إلى غاية اللقاء السابق ({count})، "
            "وحالتها يوم كل لقاء.",
            "fr": "Les recommandations issues des réunions de la commune jusqu'à la réunion "
            "précédente ({count}), dans leur état le jour de chaque réunion.",
            "en": "The recommendations of the commune's meetings up to the previous meeting "
            "({count}), as they stood on the day of each meeting.",
        },
        "cr_followed": {
            "ar": "التوصيات المتتبَّعة",
            "fr": "Recommandations suivies",
            "en": "Recommendations followed",
        },
        "cr_points": {"ar": "{value} نقطة", "fr": "{value} pts", "en": "{value} pts"},
        "cr_in_period": {
            "ar": "ما جرى خلال الفترة",
            "fr": "Ce qui s'est passé pendant la période",
            "en": "What happened in the period",
        },
        "cr_prepared_on": {
            "ar": "أُعدّ هذا التقرير يوم {date} انطلاقًا من معطيات منصة مشاركة.",
            "fr": "Rapport établi le {date} à partir des données de Musharaka.",
            "en": "Report prepared on {date} from Musharaka's records.",
        },
        "cr_summary": {
            "ar": "المنجزات حسب المجال",
            "fr": "Réalisations par domaine",
            "en": "Achievements by domain",
        },
        "cr_chart_categories": {
            "ar": "التوصيات حسب ما جرى خلال الفترة",
            "fr": "Recommandations selon ce qui s'est passé",
            "en": "Recommendations by what happened",
        },
        "cr_chart_statuses": {
            "ar": "الحالة يوم كل لقاء",
            "fr": "Statut le jour de chaque réunion",
            "en": "Status on the day of each meeting",
        },
        "cr_chart_domains": {
            "ar": "ما جرى خلال الفترة حسب المجال",
            "fr": "Ce qui s'est passé, par domaine",
            "en": "What happened, by domain",
        },
        "cr_details": {
            "ar": "التفاصيل حسب المجال: ما أُنجز وما تقدّم وما تعثّر وما لم يُحيَّن",
            "fr": "Le détail par domaine : réalisé, avancé, bloqué, sans mise à jour",
            "en": "In detail, by domain: completed, advanced, stalled, untouched",
        },
        "cr_previous": {
            "ar": "توصيات اللقاء السابق واحدةً واحدة",
            "fr": "Les recommandations de la réunion précédente, une par une",
            "en": "The previous meeting's recommendations, one by one",
        },
        "cr_previous_intro": {
            "ar": "التوصيات الصادرة عن لقاء {code} ({date}) وحالتها يوم لقاء الحصيلة.",
            "fr": "Les recommandations issues de la réunion {code} ({date}) et leur état à la "
            "réunion du bilan.",
            "en": "The recommendations made at meeting {code} ({date}) and where they stood at "
            "the meeting reported to.",
        },
        "cr_col_status_end": {
            "ar": "الحالة يوم لقاء الحصيلة",
            "fr": "Statut à la réunion du bilan",
            "en": "Status at the meeting reported to",
        },
        "cr_col_in_period": {"ar": "خلال الفترة", "fr": "Dans la période", "en": "In the period"},
        "cr_closed_before": {
            "ar": "مغلقة قبل الفترة",
            "fr": "Close avant la période",
            "en": "Closed before the period",
        },
        "cr_page": {"ar": "صفحة", "fr": "Page", "en": "Page"},
        "cr_download_html": {
            "ar": "تحميل الحصيلة (HTML)",
            "fr": "Télécharger le bilan (HTML)",
            "en": "Download the report (HTML)",
        },
        "cr_download_pdf": {
            "ar": "تحميل الحصيلة (PDF)",
            "fr": "Télécharger le bilan (PDF)",
            "en": "Download the report (PDF)",
        },
        "cr_download_help": {
            "ar": "حصيلة المنجزات بين هذين اللقاءين، جاهزة للطباعة على ورق A4.",
            "fr": "Le bilan des réalisations entre ces deux réunions, prêt à imprimer sur A4.",
            "en": "The achievements between these two meetings, ready to print on A4.",
        },
    }
)

# --- The open-data page (pages/11_Open_data.py) and the export's data dictionary -------
UI.update(
    {
        "open_data_title": {"ar": "البيانات المفتوحة", "fr": "Données ouvertes", "en": "Open data"},
        "open_data_intro": {
            "ar": "كل البيانات العمومية لمشاركة، اللقاءات والتوصيات وتتبع إنجازها والجمعيات، "
            "بصيغ CSV وExcel وJSON، مع قاموس للبيانات. لا تتضمن أي معطيات شخصية: "
            "لا تُنشر هواتف الجمعيات وبريدها الإلكتروني، ولا رئيس اللقاء ومسيّره، ولا ملاحظات "
            "التتبع ومن صرّح بها، ولا تقارير الميدان.",
            "fr": "Toutes les données publiques de Musharaka (réunions, recommandations, suivi "
            "de leur réalisation, associations) en CSV, Excel et JSON, avec leur dictionnaire. "
            "Aucune donnée personnelle : les téléphones et e-mails des associations, le "
            "président et l'animateur des réunions, les notes du suivi et qui les a signalées, "
            "et les rapports de terrain ne sont jamais publiés.",
            "en": "All of Musharaka's public data (meetings, recommendations, their follow-up, "
            "associations) as CSV, Excel and JSON, with its data dictionary. No personal data: "
            "associations' phone numbers and e-mail addresses, meetings' chair and "
            "facilitator, the follow-up's notes and who reported them, and field reports are "
            "never published.",
        },
        "open_data_licence": {
            "ar": "الرخصة: {licence}. يمكن إعادة استعمال هذه البيانات وفق شروطها، مع ذكر المصدر.",
            "fr": "Licence : {licence}. Ces données sont réutilisables selon ses termes, en "
            "citant la source.",
            "en": "Licence: {licence}. These data may be reused on its terms, citing the source.",
        },
        "open_data_rows": {"ar": "عدد الصفوف", "fr": "Lignes par table", "en": "Rows per table"},
        "open_data_download": {
            "ar": "تحميل كل البيانات",
            "fr": "Télécharger toutes les données",
            "en": "Download all the data",
        },
        "open_data_csv": {
            "ar": "CSV (ملف مضغوط، ملف لكل جدول)",
            "fr": "CSV (zip, un fichier par table)",
            "en": "CSV (zip, one file per table)",
        },
        "open_data_xlsx": {
            "ar": "Excel (ورقة لكل جدول)",
            "fr": "Excel (une feuille par table)",
            "en": "Excel (one sheet per table)",
        },
        "open_data_json": {
            "ar": "JSON (ملف واحد)",
            "fr": "JSON (un fichier)",
            "en": "JSON (one file)",
        },
        "open_data_table_csv": {
            "ar": "{table} بصيغة CSV",
            "fr": "{table} en CSV",
            "en": "{table} as CSV",
        },
        "open_data_download_help": {
            "ar": "تُنشأ الملفات عند النقر. كل ملف يتضمن قاموس البيانات وبياناته الوصفية "
            "(الرخصة، تاريخ الإنشاء، المصدر)، ويمكن تحميله من جديد في قاعدة بيانات فارغة "
            "بالأمر ‎`python -m etl load`‎. الرموز (الحالات والمجالات والأولويات) مكتوبة "
            "بالإنجليزية في الملفات، وتسمياتها في القاموس.",
            "fr": "Les fichiers sont préparés au clic. Chacun contient le dictionnaire des données "
            "et ses métadonnées (licence, date de création, source), et se recharge tel quel "
            "dans une base vide avec `python -m etl load`. Les codes (statuts, domaines, "
            "priorités) y sont en anglais ; leurs libellés sont dans le dictionnaire.",
            "en": "Files are built when you click. Each holds the data dictionary and its "
            "metadata (licence, when it was made, source), and loads as it is into an empty "
            "database with `python -m etl load`. Codes (statuses, domains, priorities) are "
            "written in English; their labels are in the dictionary.",
        },
        "open_data_xlsx_too_large": {
            "ar": "جدول يتجاوز {rows} صف، وهو أقصى ما تسعه ورقة Excel: استعمل CSV أو JSON.",
            "fr": "Une table dépasse {rows} lignes, le maximum d'une feuille Excel : "
            "utilisez CSV ou JSON.",
            "en": "A table has more than {rows} rows, the most an Excel sheet holds: "
            "use CSV or JSON.",
        },
        "open_data_dictionary": {
            "ar": "قاموس البيانات",
            "fr": "Dictionnaire des données",
            "en": "Data dictionary",
        },
        "open_data_dictionary_intro": {
            "ar": "كل عمود من كل جدول: نوعه ومعناه وقيمه المسموح بها.",
            "fr": "Chaque colonne de chaque table : son type, sa signification et ses valeurs "
            "permises.",
            "en": "Every column of every table: its type, its meaning and its allowed values.",
        },
        "dictionary_column": {"ar": "العمود", "fr": "Colonne", "en": "Column"},
        "dictionary_type": {"ar": "النوع", "fr": "Type", "en": "Type"},
        "dictionary_meaning": {"ar": "المعنى", "fr": "Signification", "en": "Meaning"},
        "dictionary_values": {
            "ar": "القيم المسموح بها",
            "fr": "Valeurs permises",
            "en": "Allowed values",
        },
        "dictionary_type_text": {"ar": "نص", "fr": "Texte", "en": "Text"},
        "dictionary_type_date": {
            "ar": "تاريخ (YYYY-MM-DD)",
            "fr": "Date (AAAA-MM-JJ)",
            "en": "Date (YYYY-MM-DD)",
        },
        "dictionary_type_integer": {"ar": "عدد صحيح", "fr": "Nombre entier", "en": "Whole number"},
        "dictionary_type_number": {
            "ar": "عدد (بنقطة عشرية)",
            "fr": "Nombre (point décimal)",
            "en": "Number (decimal point)",
        },
        "dictionary_type_list": {
            "ar": "لائحة (مفصولة بـ «; » في CSV وExcel، مصفوفة في JSON)",
            "fr": "Liste (séparée par « ; » en CSV et Excel, un tableau en JSON)",
            "en": 'List ("; " between items in CSV and Excel, an array in JSON)',
        },
        "dictionary_type_code": {
            "ar": "رمز من القيم المسموح بها",
            "fr": "Code parmi les valeurs permises",
            "en": "A code among the allowed values",
        },
        "dictionary_type_withheld": {
            "ar": "محجوب في البيانات المفتوحة",
            "fr": "Retiré des données ouvertes",
            "en": "Withheld from the open data",
        },
        # Appended to a withheld column's meaning in the public dictionary.
        "dictionary_withheld_reason": {
            "ar": "لا يُنشر: قد يتضمن اسم شخص أو رقم هاتفه أو بريده الإلكتروني. يحتفظ به "
            "التصدير الكامل للجماعة (النسخ الاحتياطية) وحده.",
            "fr": "Non publié : peut contenir le nom, le téléphone ou l'e-mail d'une personne. "
            "Seul l'export complet de la commune (sauvegardes) le garde.",
            "en": "Not published: it can hold a person's name, phone number or e-mail "
            "address. Only the commune's full export (backups) keeps it.",
        },
        "open_data_withheld": {
            "ar": "حُجبت الأعمدة التالية لأنها قد تتضمن اسم شخص أو هاتفه أو بريده "
            "الإلكتروني: {columns}.",
            "fr": "Ces colonnes sont retirées, car elles peuvent contenir le nom, le téléphone "
            "ou l'e-mail d'une personne : {columns}.",
            "en": "These columns are withheld, as they can hold a person's name, phone number "
            "or e-mail address: {columns}.",
        },
        # What each exported column means (musharaka.data_dictionary).
        "dictionary_associations_phone": {
            "ar": "هاتف الجمعية أو الشخص المكلف بالتواصل.",
            "fr": "Téléphone de l'association ou de sa personne de contact.",
            "en": "The phone number of the association or its contact person.",
        },
        "dictionary_associations_email": {
            "ar": "البريد الإلكتروني للجمعية أو الشخص المكلف بالتواصل.",
            "fr": "E-mail de l'association ou de sa personne de contact.",
            "en": "The e-mail address of the association or its contact person.",
        },
        "dictionary_associations_name": {
            "ar": "اسم الجمعية كما كُتب أول مرة.",
            "fr": "Nom de l'association, tel qu'écrit la première fois.",
            "en": "The association's name, as first written.",
        },
        "dictionary_associations_commune": {
            "ar": "الجماعة التي تنشط فيها الجمعية.",
            "fr": "Commune où l'association est active.",
            "en": "The commune where the association is active.",
        },
        "dictionary_associations_domain": {
            "ar": "المجال الرئيسي لعمل الجمعية.",
            "fr": "Domaine principal d'activité de l'association.",
            "en": "The association's main field of work.",
        },
        "dictionary_associations_location": {
            "ar": "الدوار أو المكان الذي توجد به الجمعية.",
            "fr": "Douar ou lieu de l'association.",
            "en": "The association's douar or place.",
        },
        "dictionary_meetings_meeting_id": {
            "ar": "رمز اللقاء، فريد في كل البيانات؛ تحيل إليه التوصيات.",
            "fr": "Code de la réunion, unique dans tout le jeu de données ; les "
            "recommandations y renvoient.",
            "en": "The meeting's code, unique in the whole data set; recommendations refer to it.",
        },
        "dictionary_meetings_commune": {
            "ar": "الجماعة التي عقدت اللقاء.",
            "fr": "Commune qui a tenu la réunion.",
            "en": "The commune that held the meeting.",
        },
        "dictionary_meetings_province": {
            "ar": "إقليم الجماعة كما كُتب.",
            "fr": "Province de la commune, telle qu'écrite.",
            "en": "The commune's province, as written.",
        },
        "dictionary_meetings_date": {
            "ar": "تاريخ اللقاء.",
            "fr": "Date de la réunion.",
            "en": "The date of the meeting.",
        },
        "dictionary_meetings_title": {
            "ar": "عنوان اللقاء أو موضوعه.",
            "fr": "Titre ou thème de la réunion.",
            "en": "The meeting's title or theme.",
        },
        "dictionary_meetings_kind": {
            "ar": "نوع اللقاء كما كُتب.",
            "fr": "Type de réunion, tel qu'écrit.",
            "en": "The kind of meeting, as written.",
        },
        "dictionary_meetings_edition": {
            "ar": "دورة اللقاء (الأولى، الثانية...).",
            "fr": "Édition de la réunion (première, deuxième...).",
            "en": "The meeting's edition (first, second...).",
        },
        "dictionary_meetings_location": {
            "ar": "مكان انعقاد اللقاء.",
            "fr": "Lieu de la réunion.",
            "en": "Where the meeting took place.",
        },
        "dictionary_meetings_chair": {
            "ar": "من ترأس اللقاء.",
            "fr": "Qui a présidé la réunion.",
            "en": "Who chaired the meeting.",
        },
        "dictionary_meetings_facilitator": {
            "ar": "من سيّر اللقاء أو أطّره.",
            "fr": "Animateur ou modérateur de la réunion.",
            "en": "Who facilitated or moderated the meeting.",
        },
        "dictionary_meetings_participants": {
            "ar": "عدد المشاركين.",
            "fr": "Nombre de participants.",
            "en": "How many people took part.",
        },
        "dictionary_meetings_associations": {
            "ar": "الجمعيات التي حضرت اللقاء، بالترتيب المسجل.",
            "fr": "Associations présentes, dans l'ordre enregistré.",
            "en": "The associations that attended, in the order recorded.",
        },
        "dictionary_meetings_summary": {
            "ar": "ملخص اللقاء أو محضره.",
            "fr": "Résumé ou compte rendu de la réunion.",
            "en": "Summary or minutes of the meeting.",
        },
        "dictionary_meetings_source_url": {
            "ar": "رابط الوثيقة المصدر (محضر، مقال...).",
            "fr": "Lien vers la source (procès-verbal, article...).",
            "en": "Link to the source document (minutes, article...).",
        },
        "dictionary_recommendations_recommendation_id": {
            "ar": "رمز التوصية، فريد في كل البيانات؛ تحيل إليه التحيينات.",
            "fr": "Code de la recommandation, unique dans tout le jeu de données ; les mises "
            "à jour y renvoient.",
            "en": "The recommendation's code, unique in the whole data set; status updates "
            "refer to it.",
        },
        "dictionary_recommendations_meeting_id": {
            "ar": "رمز اللقاء الذي صدرت عنه التوصية (جدول اللقاءات).",
            "fr": "Code de la réunion qui a produit la recommandation (table des réunions).",
            "en": "The code of the meeting that produced it (meetings table).",
        },
        "dictionary_recommendations_domain": {
            "ar": "مجال التوصية؛ other حين لا يطابق النص الأصلي أي مجال.",
            "fr": "Domaine de la recommandation ; other quand le texte d'origine ne "
            "correspond à aucun domaine.",
            "en": "The recommendation's domain; other when the original text matched none.",
        },
        "dictionary_recommendations_domain_text": {
            "ar": "المجال كما كُتب في الأصل حين يكون المجال other، وإلا فارغ.",
            "fr": "Le domaine tel qu'écrit à l'origine quand le domaine est other ; vide sinon.",
            "en": "The domain as originally written when domain is other; empty otherwise.",
        },
        "dictionary_recommendations_title": {
            "ar": "نص التوصية.",
            "fr": "Intitulé de la recommandation.",
            "en": "The recommendation itself.",
        },
        "dictionary_recommendations_description": {
            "ar": "تفاصيل التوصية.",
            "fr": "Détails de la recommandation.",
            "en": "Details of the recommendation.",
        },
        "dictionary_recommendations_proposed_by": {
            "ar": "الجمعيات التي اقترحت التوصية.",
            "fr": "Associations qui ont proposé la recommandation.",
            "en": "The associations that proposed it.",
        },
        "dictionary_recommendations_responsible": {
            "ar": "الجهة المسؤولة عن الإنجاز.",
            "fr": "Porteur : qui est responsable de la réalisation.",
            "en": "Who is responsible for carrying it out.",
        },
        "dictionary_recommendations_partners": {
            "ar": "شركاء الإنجاز.",
            "fr": "Partenaires de la réalisation.",
            "en": "Partners in carrying it out.",
        },
        "dictionary_recommendations_location": {
            "ar": "الدوار أو المكان المعني.",
            "fr": "Douar ou lieu concerné.",
            "en": "The douar or place concerned.",
        },
        "dictionary_recommendations_priority": {
            "ar": "أولوية التوصية؛ فارغة إن لم تُحدد.",
            "fr": "Priorité de la recommandation ; vide si elle n'a pas été fixée.",
            "en": "The recommendation's priority; empty when none was set.",
        },
        "dictionary_recommendations_budget_mad": {
            "ar": "الكلفة التقديرية بالدرهم.",
            "fr": "Coût estimé, en dirhams.",
            "en": "Estimated cost, in dirhams.",
        },
        "dictionary_recommendations_target_date": {
            "ar": "الأجل المتوقع للإنجاز.",
            "fr": "Échéance prévue de la réalisation.",
            "en": "When it is due to be done.",
        },
        "dictionary_recommendations_status": {
            "ar": "الحالة الحالية: حالة آخر تحيين حسب التاريخ.",
            "fr": "Statut actuel : celui de la dernière mise à jour par date.",
            "en": "The current status: that of the latest update by date.",
        },
        "dictionary_recommendations_progress": {
            "ar": "نسبة التقدم الحالية، من 0 إلى 100.",
            "fr": "Avancement actuel, de 0 à 100.",
            "en": "The current progress, from 0 to 100.",
        },
        "dictionary_recommendations_initial_status": {
            "ar": "الحالة عند صدور التوصية، في تاريخ اللقاء.",
            "fr": "Statut à la réunion qui a produit la recommandation.",
            "en": "The status as of the meeting that produced it.",
        },
        "dictionary_recommendations_initial_progress": {
            "ar": "نسبة التقدم عند صدور التوصية، من 0 إلى 100.",
            "fr": "Avancement à la réunion qui a produit la recommandation, de 0 à 100.",
            "en": "The progress as of the meeting that produced it, from 0 to 100.",
        },
        "dictionary_status_updates_recommendation_id": {
            "ar": "رمز التوصية المعنية (جدول التوصيات).",
            "fr": "Code de la recommandation concernée (table des recommandations).",
            "en": "The code of the recommendation (recommendations table).",
        },
        "dictionary_status_updates_date": {
            "ar": "تاريخ التحيين. التحيينات مرتبة حسب التوصية ثم التاريخ؛ وفي التاريخ نفسه "
            "يُعتد بآخرها.",
            "fr": "Date de la mise à jour. Les mises à jour sont triées par recommandation puis "
            "par date ; à date égale, la dernière fait foi.",
            "en": "The date of the update. Updates are sorted by recommendation, then date; "
            "for equal dates, the last one counts.",
        },
        "dictionary_status_updates_status": {
            "ar": "الحالة في هذا التاريخ.",
            "fr": "Statut à cette date.",
            "en": "The status on that date.",
        },
        "dictionary_status_updates_progress": {
            "ar": "نسبة التقدم في هذا التاريخ، من 0 إلى 100.",
            "fr": "Avancement à cette date, de 0 à 100.",
            "en": "The progress on that date, from 0 to 100.",
        },
        "dictionary_status_updates_note": {
            "ar": "ملاحظة حول التحيين.",
            "fr": "Commentaire sur la mise à jour.",
            "en": "A comment on the update.",
        },
        "dictionary_status_updates_evidence_url": {
            "ar": "رابط أو مرجع وثيقة تثبت التحيين.",
            "fr": "Lien ou référence d'un justificatif.",
            "en": "A link or reference to evidence.",
        },
        "dictionary_status_updates_reported_by": {
            "ar": "الجهة التي صرّحت بالتحيين.",
            "fr": "Qui a signalé la mise à jour.",
            "en": "Who reported the update.",
        },
    }
)

# --- Sub-recommendations (Decidim's sub-results): the recommendation one is a part of ---
COLUMNS["recommendations"] = (
    *COLUMNS["recommendations"],
    Column(
        "parent_id",
        False,
        (
            "parent_id",
            "parent",
            "parent recommendation",
            "recommandation parente",
            "recommandation mère",
            "التوصية الأم",
            "رمز التوصية الأم",
        ),
    ),
)
UI.update(
    {
        "dictionary_recommendations_parent_id": {
            "ar": "رمز التوصية التي تندرج ضمنها هذه التوصية (النتائج الفرعية في Decidim)، أو فارغ.",
            "fr": "Code de la recommandation dont celle-ci fait partie (les sous-résultats de "
            "Decidim), ou vide.",
            "en": "The code of the recommendation this one is a part of (Decidim's "
            "sub-results), or empty.",
        },
    }
)
