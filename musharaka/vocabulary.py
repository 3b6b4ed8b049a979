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
