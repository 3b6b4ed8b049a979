"""The data contract's vocabulary: statuses, domains, priorities, tables, header aliases
and month names, in Arabic, French and English: what the ETL recognises in a file.

The screen's text is not here: it lives in the gettext catalogs under locale/, read by
`musharaka.i18n`, so that loading a file never loads the interface's text.

The data contract (docs/data-contract.md) is the minimum of what is here;
entries may be added, never removed. Matching always goes through `musharaka.text.fold`
(headers, table names) or `musharaka.text.stem` (values), so entries are written
naturally, with accents and hamzas.
"""

from __future__ import annotations

from dataclasses import dataclass

# The contract's languages: files may name values and headers in any of them, and the
# export's data dictionary is written in all three. The screen speaks more
# (musharaka.i18n.LANGUAGES).
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
    # A closing status: the council stopped with part of the work done. Its progress is
    # kept, and it is counted apart from completed and from cancelled in every figure.
    Term(
        "partially_completed",
        "منجزة جزئيا",
        "Partiellement réalisée",
        "Partially completed",
        (
            "partially completed",
            "partially complete",
            "partly completed",
            "partially done",
            "partly done",
            "partially executed",
            "partially met",
            "partiellement réalisée",
            "réalisée partiellement",
            "partiellement réalisé",
            "partiellement achevée",
            "achevée partiellement",
            "en partie réalisée",
            "réalisation partielle",
            "منجزة جزئيا",
            "منجزة جزئياً",
            "أنجزت جزئيا",
            "أنجزت جزئياً",
            "إنجاز جزئي",
            "انجاز جزئي",
            "تم إنجازها جزئيا",
            "منجز جزئيا",
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


def contract_label(terms: tuple[Term, ...], key: str | None, lang: str) -> str:
    """The contract's own spelling of a key in one of its languages (what an export
    writes); the key itself when unknown. The screen's labels are musharaka.i18n's."""
    return next((term.label(lang) for term in terms if term.key == key), key or "")


# Statuses that close a recommendation: it cannot be overdue any more.
CLOSED_STATUSES = ("completed", "partially_completed", "cancelled")

# --- Why a recommendation stalls -------------------------------------------------------
# The reason a stalled, cancelled or overdue recommendation carries (issue 18): a short
# list, so that the council can count them, with the words people write in files.
STALL_REASONS: tuple[Term, ...] = (
    Term(
        "land",
        "الوعاء العقاري غير متوفر",
        "Foncier non disponible",
        "Land not available",
        (
            "land",
            "land not available",
            "no land",
            "land issue",
            "foncier",
            "foncier non disponible",
            "foncier non mobilisé",
            "problème foncier",
            "terrain non disponible",
            "absence de terrain",
            "الوعاء العقاري",
            "الوعاء العقاري غير متوفر",
            "عدم توفر الوعاء العقاري",
            "غياب الوعاء العقاري",
            "العقار",
            "مشكل عقاري",
            "عدم توفر العقار",
        ),
    ),
    Term(
        "budget",
        "الاعتمادات المالية غير متوفرة",
        "Budget non disponible",
        "Budget not available",
        (
            "budget",
            "budget not available",
            "no budget",
            "lack of funds",
            "no funding",
            "budget non disponible",
            "manque de budget",
            "absence de financement",
            "financement non disponible",
            "crédits non disponibles",
            "الميزانية",
            "الميزانية غير متوفرة",
            "عدم توفر الميزانية",
            "عدم توفر الاعتمادات",
            "غياب الاعتمادات المالية",
            "التمويل غير متوفر",
            "عدم توفر التمويل",
        ),
    ),
    Term(
        "partner",
        "الشريك غير ملتزم",
        "Partenaire non engagé",
        "Partner not committed",
        (
            "partner",
            "partner not committed",
            "partner withdrew",
            "partenaire",
            "partenaire non engagé",
            "partenaire absent",
            "désengagement du partenaire",
            "convention non signée",
            "الشريك",
            "الشريك غير ملتزم",
            "عدم التزام الشريك",
            "انسحاب الشريك",
            "عدم توقيع الاتفاقية",
        ),
    ),
    Term(
        "studies",
        "الدراسات أو التراخيص في طور الإنجاز",
        "Études ou autorisations en attente",
        "Studies or authorisation pending",
        (
            "studies",
            "study",
            "studies pending",
            "authorisation pending",
            "authorization pending",
            "permit pending",
            "études",
            "études en cours",
            "étude en cours",
            "autorisation",
            "autorisation en attente",
            "en attente d'autorisation",
            "الدراسات",
            "الدراسة",
            "الدراسة في طور الإنجاز",
            "في انتظار الترخيص",
            "الترخيص",
            "التراخيص",
        ),
    ),
    Term(
        "competence",
        "خارج اختصاص الجماعة",
        "Hors compétence de la commune",
        "Outside the commune's competence",
        (
            "competence",
            "outside competence",
            "not the commune's competence",
            "compétence",
            "hors compétence",
            "hors compétence de la commune",
            "ne relève pas de la commune",
            "خارج الاختصاص",
            "خارج اختصاص الجماعة",
            "ليس من اختصاص الجماعة",
            "لا يدخل في اختصاص الجماعة",
        ),
    ),
    Term("other", "سبب آخر", "Autre raison", "Other reason", ("other", "autre", "أخرى", "آخر")),
)
STALL_REASON_KEYS = tuple(t.key for t in STALL_REASONS)
# The statuses a reason is kept with; an overdue recommendation (any other open status,
# its target date past) may carry one too. Completed ones never do.
STALL_REASON_STATUSES = ("stalled", "cancelled")

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

_STALL_REASON = (
    "stall_reason",
    "stall reason",
    "reason",
    "why stalled",
    "blocking reason",
    "cause",
    "motif",
    "raison",
    "cause du retard",
    "cause du blocage",
    "motif du blocage",
    "سبب التعثر",
    "أسباب التعثر",
    "سبب التأخر",
    "السبب",
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
        Column("stall_reason", False, _STALL_REASON),
        # Written by Musharaka's own export: the text of a domain stored as 'other', and
        # the first state kept apart from the current one, so that a round trip is exact.
        Column("domain_text", False, ("domain text", "domaine (texte)", "نص المجال")),
        Column("initial_status", False, ("initial status", "statut initial", "الحالة الأولية")),
        Column(
            "initial_progress",
            False,
            ("initial progress", "avancement initial", "نسبة الإنجاز الأولية"),
        ),
        Column(
            "initial_stall_reason",
            False,
            ("initial stall reason", "motif initial du blocage", "سبب التعثر الأولي"),
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
        Column("stall_reason", False, _STALL_REASON),
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
        # Photos and PDFs given with the file (the same folder, the same upload), by name.
        Column(
            "evidence_files",
            False,
            (
                "evidence files",
                "photos",
                "pièces jointes",
                "fichiers joints",
                "الصور",
                "المرفقات",
            ),
        ),
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

# The header of the export's data dictionary table (musharaka.data_dictionary): the
# loader recognises it to skip that table when an export is loaded back.
DICTIONARY_COLUMNS = (
    "table",
    "column",
    "type",
    "meaning_ar",
    "meaning_fr",
    "meaning_en",
    "values_ar",
    "values_fr",
    "values_en",
)

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
    # A part's share of its parent's progress (musharaka.parts).
    Column("weight", False, ("weight", "poids", "pondération", "ponderation", "الوزن")),
)

# --- Places: coordinates, and each commune's list of douars (musharaka.places) ---------
_LATITUDE = ("latitude", "lat", "خط العرض", "العرض")
_LONGITUDE = ("longitude", "lon", "long", "lng", "خط الطول", "الطول")
for _table in ("meetings", "recommendations"):
    COLUMNS[_table] = (
        *COLUMNS[_table],
        Column("latitude", False, _LATITUDE),
        Column("longitude", False, _LONGITUDE),
    )
TABLE_NAMES["douars"] = ("douars", "liste des douars", "الدواوير", "لائحة الدواوير")
TABLE_ORDER = (*TABLE_ORDER, "douars")
COLUMNS["douars"] = (
    Column("commune", True, ("commune", "municipality", "الجماعة")),
    Column("province", False, ("province", "الإقليم")),
    Column(
        "name_ar",
        False,
        (
            "name_ar",
            "douar (ar)",
            "nom arabe",
            "nom en arabe",
            "الدوار",
            "اسم الدوار",
            "الاسم بالعربية",
        ),
    ),
    Column(
        "name_fr",
        False,
        (
            "name_fr",
            "douar",
            "douar (fr)",
            "nom",
            "nom du douar",
            "nom français",
            "الاسم بالفرنسية",
        ),
    ),
    Column("latitude", True, _LATITUDE),
    Column("longitude", True, _LONGITUDE),
)

# --- The action programme (PAC, organic law 113-14 art. 78) ----------------------------
# The institutions a commune carries a recommendation out with: a code from this list
# (its labels are the catalogs' institution.<key>); a file's value matching none is
# rejected (unknown_institution), since a count by institution must add up.
INSTITUTIONS: tuple[Term, ...] = (
    Term(
        "onee",
        "المكتب الوطني للكهرباء والماء الصالح للشرب",
        "Office national de l'électricité et de l'eau potable (ONEE)",
        "National Office of Electricity and Drinking Water (ONEE)",
        (
            "onee",
            "onep",
            "one",
            "office national de l'électricité et de l'eau potable",
            "office national de l'eau potable",
            "office national de l'électricité",
            "المكتب الوطني للكهرباء والماء",
            "المكتب الوطني للماء الصالح للشرب",
            "المكتب الوطني للكهرباء",
        ),
    ),
    Term(
        "province",
        "الإقليم أو العمالة",
        "Province ou préfecture",
        "Province or prefecture",
        (
            "province",
            "préfecture",
            "conseil provincial",
            "conseil préfectoral",
            "الإقليم",
            "العمالة",
            "عمالة الإقليم",
            "المجلس الإقليمي",
            "مجلس العمالة",
        ),
    ),
    Term(
        "region",
        "الجهة",
        "Région",
        "Region",
        ("région", "conseil régional", "conseil de la région", "مجلس الجهة", "الجهة"),
    ),
    Term(
        "indh",
        "المبادرة الوطنية للتنمية البشرية",
        "Initiative nationale pour le développement humain (INDH)",
        "National Initiative for Human Development (INDH)",
        ("indh", "initiative nationale pour le développement humain", "المبادرة الوطنية"),
    ),
    Term(
        "education",
        "المديرية الإقليمية للتربية الوطنية",
        "Direction provinciale de l'éducation nationale",
        "Provincial directorate of education",
        (
            "éducation",
            "éducation nationale",
            "education",
            "aref",
            "académie régionale d'éducation et de formation",
            "التربية الوطنية",
            "وزارة التربية الوطنية",
            "الأكاديمية الجهوية للتربية والتكوين",
        ),
    ),
    Term(
        "health",
        "المندوبية الإقليمية للصحة",
        "Délégation provinciale de la santé",
        "Provincial delegation of health",
        ("santé", "health", "ministère de la santé", "الصحة", "وزارة الصحة", "مندوبية الصحة"),
    ),
    Term(
        "equipment",
        "المديرية الإقليمية للتجهيز",
        "Direction provinciale de l'équipement",
        "Provincial directorate of equipment",
        (
            "équipement",
            "equipment",
            "équipement et eau",
            "ministère de l'équipement",
            "التجهيز",
            "وزارة التجهيز والماء",
            "مديرية التجهيز",
        ),
    ),
    Term(
        "agriculture",
        "المديرية الإقليمية للفلاحة",
        "Direction provinciale de l'agriculture",
        "Provincial directorate of agriculture",
        (
            "agriculture",
            "dpa",
            "ministère de l'agriculture",
            "الفلاحة",
            "وزارة الفلاحة",
            "مديرية الفلاحة",
        ),
    ),
    Term(
        "youth",
        "المديرية الإقليمية للشباب والرياضة",
        "Direction provinciale de la jeunesse et des sports",
        "Provincial directorate of youth and sports",
        (
            "jeunesse",
            "jeunesse et sports",
            "youth",
            "الشباب",
            "الشباب والرياضة",
            "وزارة الشباب",
            "مديرية الشباب",
        ),
    ),
    Term(
        "ormva",
        "المكتب الجهوي للاستثمار الفلاحي",
        "Office régional de mise en valeur agricole (ORMVA)",
        "Regional Office for Agricultural Development (ORMVA)",
        ("ormva", "office régional de mise en valeur agricole", "المكتب الجهوي"),
    ),
    Term(
        "andzoa",
        "الوكالة الوطنية لتنمية مناطق الواحات وشجر الأركان",
        "Agence nationale pour le développement des zones oasiennes et de l'arganier (ANDZOA)",
        "National Agency for the Development of Oasis Zones and Argan (ANDZOA)",
        (
            "andzoa",
            "agence nationale pour le développement des zones oasiennes et de l'arganier",
            "وكالة الواحات",
        ),
    ),
    Term(
        "other",
        "مؤسسة أخرى",
        "Autre institution",
        "Other institution",
        ("autre", "autres", "other", "أخرى", "مؤسسة أخرى", "غير ذلك"),
    ),
)
INSTITUTION_KEYS = tuple(t.key for t in INSTITUTIONS)
COLUMNS["recommendations"] = (
    *COLUMNS["recommendations"],
    Column(
        "pac_ref",
        False,
        (
            "pac_ref",
            "pac",
            "pac ref",
            "programme d'action",
            "réf pac",
            "référence pac",
            "code pac",
            "برنامج عمل الجماعة",
            "مرجع برنامج عمل الجماعة",
            "رمز برنامج عمل الجماعة",
        ),
    ),
    Column(
        "budget_line",
        False,
        (
            "budget_line",
            "budget line",
            "ligne budgétaire",
            "rubrique budgétaire",
            "السطر الميزانياتي",
            "البند الميزانياتي",
            "سطر الميزانية",
        ),
    ),
    Column(
        "partner_institution",
        False,
        (
            "partner_institution",
            "partner institution",
            "institution partenaire",
            "partenaire institutionnel",
            "المؤسسة الشريكة",
            "الشريك المؤسساتي",
        ),
    ),
)
