"""Generate Musharaka's bundled sample data, deterministically, next to this file.

Writes khnafif.xlsx (Arabic headers), tala-ouzrou.xlsx (French headers), the CSV files of
Tighirt Ouzzal (UTF-8, ";", French headers) and of Tizgui Lkhir (UTF-8 with BOM, ",", Arabic
headers), and README.md. Every row is valid under the data contract. Only the facts
of Khnafif's first two communicative meetings come from the press (their reports are the
`source_url`); every other meeting, recommendation and status update is illustrative, and
Tala Ouzrou, Tighirt Ouzzal and Tizgui Lkhir are fictional communes.

Run from the project root: python data/sample/build.py (stdlib + openpyxl only). The output
depends only on the seed and on TODAY, the fixed date that decides what is overdue.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

HERE = Path(__file__).resolve().parent
SEED = 2020
TODAY = dt.date(2026, 11, 29)  # "now" for the sample: overdue means target_date < TODAY
# Fixed timestamp written into the workbooks so that a rebuild gives identical bytes.
FROZEN = dt.datetime(2026, 11, 29, 0, 0, 0)

KHNAFIF_REPORT_1 = "https://ahdatsouss.ma/126798.html"
KHNAFIF_REPORT_2 = "https://ahdatsouss.ma/135160.html"
EVIDENCE_BASE = "https://example.org/musharaka-sample"  # reserved domain: illustrative

# --------------------------------------------------------------------------------------
# Vocabulary as people write it (the labels of docs/data-contract.md, several per key)
# --------------------------------------------------------------------------------------

DOMAIN_LABELS: dict[str, dict[str, str]] = {
    "roads_transport": {
        "ar": "الطرق والنقل",
        "fr": "Routes et transport",
        "en": "Roads and transport",
    },
    "water_sanitation": {
        "ar": "الماء والتطهير",
        "fr": "Eau et assainissement",
        "en": "Water and sanitation",
    },
    "electricity_lighting": {
        "ar": "الكهرباء والإنارة العمومية",
        "fr": "Électricité et éclairage public",
        "en": "Electricity and public lighting",
    },
    "education": {"ar": "التعليم", "fr": "Éducation", "en": "Education"},
    "health": {"ar": "الصحة", "fr": "Santé", "en": "Health"},
    "culture_sports_youth": {
        "ar": "الثقافة والرياضة والشباب",
        "fr": "Culture, sport et jeunesse",
        "en": "Culture, sports and youth",
    },
    "women_social": {
        "ar": "المرأة والعمل الاجتماعي",
        "fr": "Femmes et action sociale",
        "en": "Women and social action",
    },
    "economy_employment": {
        "ar": "الاقتصاد والتشغيل",
        "fr": "Économie et emploi",
        "en": "Economy and employment",
    },
    "agriculture": {"ar": "الفلاحة", "fr": "Agriculture", "en": "Agriculture"},
    "environment": {"ar": "البيئة", "fr": "Environnement", "en": "Environment"},
    "governance_participation": {
        "ar": "الحكامة والمشاركة",
        "fr": "Gouvernance et participation",
        "en": "Governance and participation",
    },
    "other": {"ar": "أخرى", "fr": "Autre", "en": "Other"},
}
MAIN_DOMAINS = [key for key in DOMAIN_LABELS if key != "other"]

STATUS_WORDS: dict[str, dict[str, list[str]]] = {
    "ar": {
        "not_started": ["لم تنطلق بعد", "لم تنطلق بعد", "غير منطلقة"],
        "planned": ["مبرمجة"],
        "in_progress": ["في طور الإنجاز", "في طور الإنجاز", "قيد الإنجاز", "جارية"],
        "completed": ["منجزة", "منجزة", "تم الإنجاز"],
        "stalled": ["متعثرة", "متعثرة", "متوقفة"],
        "cancelled": ["ملغاة"],
    },
    "fr": {
        "not_started": ["Non entamée", "Non démarrée"],
        "planned": ["Programmée", "Planifiée"],
        "in_progress": ["En cours", "En cours", "En cours de réalisation"],
        "completed": ["Réalisée", "Réalisée", "Achevée", "Terminée"],
        "stalled": ["En retard", "En retard", "Bloquée", "Suspendue"],
        "cancelled": ["Annulée", "Abandonnée"],
    },
}
PRIORITY_WORDS = {
    "ar": {"high": "عالية", "medium": "متوسطة", "low": "منخفضة"},
    "fr": {"high": "Haute", "medium": "Moyenne", "low": "Basse"},
    "en": {"high": "high", "medium": "medium", "low": "low"},
}
FR_MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip
AR_MONTHS_MSA = [
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
]  # fmt: skip
AR_MONTHS_MOROCCAN = [
    "يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو",
    "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر",
]  # fmt: skip
NBSP = "\u00a0"  # no-break space, French Excel's thousands separator
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

# --------------------------------------------------------------------------------------
# Ideas for recommendations: (title, responsible, partners, budget range in MAD or None)
# --------------------------------------------------------------------------------------

Idea = tuple[str, str, tuple[str, ...], tuple[int, int] | None]

_CC_AR = "المجلس الجماعي"
_CP_AR = "المجلس الإقليمي"
_INDH_AR = "المبادرة الوطنية للتنمية البشرية"
_ASSOC_AR = "جمعيات المجتمع المدني"
IDEAS_AR: dict[str, list[Idea]] = {
    "roads_transport": [
        (
            "تهيئة المسلك الطرقي الرابط بين الدوار والطريق الإقليمية",
            _CC_AR,
            (_CP_AR, "المديرية الإقليمية للتجهيز"),
            (900_000, 2_500_000),
        ),
        (
            "بناء منشأة فنية على الشعبة لفك العزلة أثناء التساقطات",
            _CP_AR,
            (_CC_AR,),
            (400_000, 1_200_000),
        ),
        (
            "توفير النقل المدرسي لتلاميذ الدواوير البعيدة",
            _CC_AR,
            (_INDH_AR, "جمعيات آباء وأولياء التلاميذ"),
            (350_000, 700_000),
        ),
        ("صيانة المسالك القروية المتضررة من الأمطار", _CC_AR, (), (150_000, 500_000)),
    ],
    "water_sanitation": [
        ("ربط الدوار بشبكة الماء الصالح للشرب", "ONEE", (_CC_AR,), (600_000, 1_800_000)),
        (
            "حفر بئر وتجهيزه بمضخة تعمل بالطاقة الشمسية",
            _CC_AR,
            ("وكالة الحوض المائي لسوس ماسة",),
            (250_000, 600_000),
        ),
        (
            "إنجاز شبكة التطهير السائل بمركز الجماعة",
            _CC_AR,
            ("ONEE", _CP_AR),
            (2_000_000, 5_000_000),
        ),
        (
            "بناء خزان مائي وتجديد قنوات التوزيع",
            "المكتب الوطني للكهرباء والماء الصالح للشرب",
            (_CC_AR,),
            (300_000, 900_000),
        ),
    ],
    "electricity_lighting": [
        ("تعميم الإنارة العمومية على الدواوير", _CC_AR, ("ONEE",), (300_000, 900_000)),
        ("تعويض مصابيح الإنارة العمومية بمصابيح اقتصادية", _CC_AR, (), (150_000, 450_000)),
        ("ربط المنازل المتبقية بالشبكة الكهربائية", "ONEE", (_CC_AR,), (200_000, 700_000)),
        (
            "إنارة الساحة العمومية والملعب بالطاقة الشمسية",
            _CC_AR,
            ("مجلس جهة سوس ماسة",),
            (120_000, 350_000),
        ),
    ],
    "education": [
        (
            "بناء حجرتين دراسيتين إضافيتين بالمدرسة الجماعاتية",
            "المديرية الإقليمية للتعليم",
            (_CC_AR,),
            (500_000, 900_000),
        ),
        (
            "فتح أقسام للتعليم الأولي بالوحدات المدرسية",
            "المديرية الإقليمية للتعليم",
            (_INDH_AR, _CC_AR),
            (150_000, 400_000),
        ),
        (
            "تأهيل المرافق الصحية وتزويد المدرسة بالماء",
            "المديرية الإقليمية للتعليم",
            (_CC_AR, "جمعية آباء وأولياء التلاميذ"),
            (80_000, 250_000),
        ),
        ("تنظيم دروس الدعم لتلاميذ السلك الإعدادي", _CC_AR, (_ASSOC_AR,), (30_000, 80_000)),
    ],
    "health": [
        ("توفير طبيب وممرضة بصفة دائمة بالمركز الصحي", "المندوبية الإقليمية للصحة", (), None),
        ("اقتناء سيارة إسعاف لنقل المرضى", _CC_AR, (_CP_AR,), (350_000, 550_000)),
        (
            "تنظيم قافلة طبية متعددة الاختصاصات",
            "المندوبية الإقليمية للصحة",
            (_CC_AR, _ASSOC_AR),
            (40_000, 120_000),
        ),
        (
            "توسيع المركز الصحي وإحداث دار للولادة",
            "المندوبية الإقليمية للصحة",
            (_CP_AR, _INDH_AR),
            (1_500_000, 3_500_000),
        ),
    ],
    "culture_sports_youth": [
        (
            "إحداث ملعب رياضي للقرب",
            _CC_AR,
            ("المديرية الإقليمية للشباب والرياضة", _INDH_AR),
            (800_000, 1_600_000),
        ),
        (
            "تأهيل دار الشباب وتجهيزها",
            _CC_AR,
            ("المديرية الإقليمية للشباب والرياضة",),
            (300_000, 800_000),
        ),
        (
            "تنظيم دوري رمضاني لكرة القدم بين الدواوير",
            _CC_AR,
            ("الجمعيات الرياضية",),
            (20_000, 60_000),
        ),
        ("إحداث مكتبة جماعية وفضاء للقراءة", _CC_AR, ("مجلس جهة سوس ماسة",), (200_000, 500_000)),
    ],
    "women_social": [
        ("دعم تعاونية نسائية لتثمين منتوج الأركان", _INDH_AR, (_CC_AR,), (150_000, 400_000)),
        ("فتح أقسام لمحو الأمية لفائدة النساء", _CC_AR, ("التعاون الوطني",), (30_000, 90_000)),
        (
            "إحداث دار الطالبة لتشجيع تمدرس الفتيات",
            _CP_AR,
            (_INDH_AR, _CC_AR),
            (1_200_000, 2_800_000),
        ),
        (
            "تجهيز مركز لاستقبال الأشخاص في وضعية إعاقة",
            "التعاون الوطني",
            (_CC_AR,),
            (250_000, 700_000),
        ),
    ],
    "economy_employment": [
        ("تهيئة السوق الأسبوعي وتنظيمه", _CC_AR, (_CP_AR,), (600_000, 1_500_000)),
        (
            "تكوين الشباب في إنشاء المقاولات الذاتية",
            _INDH_AR,
            (_CC_AR, _ASSOC_AR),
            (50_000, 150_000),
        ),
        ("بناء محلات تجارية لفائدة الشباب حاملي المشاريع", _CC_AR, (), (400_000, 1_000_000)),
    ],
    "agriculture": [
        (
            "تهيئة السواقي التقليدية وتبطينها",
            "المديرية الإقليمية للفلاحة",
            (_CC_AR,),
            (300_000, 1_000_000),
        ),
        (
            "توزيع شتلات الزيتون والخروب على الفلاحين الصغار",
            "المديرية الإقليمية للفلاحة",
            (_ASSOC_AR,),
            (60_000, 200_000),
        ),
        (
            "دعم مربي الماشية بالأعلاف في سنوات الجفاف",
            "المديرية الإقليمية للفلاحة",
            (_CP_AR,),
            None,
        ),
    ],
    "environment": [
        ("تنظيم جمع النفايات المنزلية بالدواوير", _CC_AR, ("مجموعة الجماعات",), (200_000, 600_000)),
        (
            "حملة تشجير بمحيط المدارس والمسجد",
            _CC_AR,
            (_ASSOC_AR, "المديرية الإقليمية للمياه والغابات"),
            (20_000, 80_000),
        ),
        ("إحداث مطرح مراقب للنفايات الصلبة", _CP_AR, (_CC_AR,), (1_000_000, 3_000_000)),
    ],
    "governance_participation": [
        ("نشر برنامج عمل الجماعة وتقارير تتبع التوصيات لدى الجمعيات", _CC_AR, (), None),
        ("تكوين الجمعيات في إعداد المشاريع وعقد الشراكات", _CC_AR, (_INDH_AR,), (30_000, 90_000)),
        ("تفعيل هيئة المساواة وتكافؤ الفرص ومقاربة النوع", _CC_AR, (_ASSOC_AR,), None),
    ],
    "other": [
        ("تسييج المقبرة وتهيئة ممراتها", _CC_AR, (), (80_000, 250_000)),
        ("ترقيم المنازل وتسمية الأزقة بمركز الجماعة", _CC_AR, (), (60_000, 150_000)),
    ],
}

_CC_FR = "Conseil communal"
_CP_FR = "Conseil provincial"
_EDU_FR = "Direction provinciale de l'Éducation nationale"
_AGRI_FR = "Direction provinciale de l'Agriculture"
IDEAS_FR: dict[str, list[Idea]] = {
    "roads_transport": [
        (
            "Aménagement de la piste reliant le douar à la route provinciale",
            _CC_FR,
            (_CP_FR, "Direction provinciale de l'Équipement"),
            (900_000, 2_500_000),
        ),
        (
            "Construction d'un radier sur l'oued pour désenclaver les douars",
            _CP_FR,
            (_CC_FR,),
            (400_000, 1_200_000),
        ),
        (
            "Transport scolaire pour les élèves des douars éloignés",
            _CC_FR,
            ("INDH", "Association des parents d'élèves"),
            (350_000, 700_000),
        ),
    ],
    "water_sanitation": [
        ("Raccordement du douar au réseau d'eau potable", "ONEE", (_CC_FR,), (600_000, 1_800_000)),
        (
            "Forage d'un puits équipé d'une pompe solaire",
            _CC_FR,
            ("Agence du bassin hydraulique du Souss-Massa",),
            (250_000, 600_000),
        ),
        (
            "Réseau d'assainissement liquide du centre",
            _CC_FR,
            ("ONEE", _CP_FR),
            (2_000_000, 5_000_000),
        ),
    ],
    "electricity_lighting": [
        ("Extension de l'éclairage public aux douars", _CC_FR, ("ONEE",), (300_000, 900_000)),
        ("Remplacement des lampes par un éclairage LED économe", _CC_FR, (), (150_000, 450_000)),
        ("Électrification des foyers restants", "ONEE", (_CC_FR,), (200_000, 700_000)),
    ],
    "education": [
        (
            "Construction de deux salles de classe à l'école communale",
            _EDU_FR,
            (_CC_FR,),
            (500_000, 900_000),
        ),
        ("Ouverture de classes de préscolaire", _EDU_FR, ("INDH", _CC_FR), (150_000, 400_000)),
        (
            "Cours de soutien scolaire pour les collégiens",
            _CC_FR,
            ("Associations locales",),
            (30_000, 80_000),
        ),
    ],
    "health": [
        (
            "Affectation d'un médecin permanent au centre de santé",
            "Délégation provinciale de la Santé",
            (),
            None,
        ),
        ("Acquisition d'une ambulance", _CC_FR, (_CP_FR,), (350_000, 550_000)),
        (
            "Caravane médicale pluridisciplinaire",
            "Délégation provinciale de la Santé",
            (_CC_FR, "Associations locales"),
            (40_000, 120_000),
        ),
    ],
    "culture_sports_youth": [
        (
            "Création d'un terrain de sport de proximité",
            _CC_FR,
            ("INDH", "Direction provinciale de la Jeunesse et des Sports"),
            (800_000, 1_600_000),
        ),
        (
            "Réhabilitation et équipement de la maison des jeunes",
            _CC_FR,
            ("Direction provinciale de la Jeunesse et des Sports",),
            (300_000, 800_000),
        ),
        (
            "Festival annuel du patrimoine amazigh",
            _CC_FR,
            ("Conseil régional Souss-Massa",),
            (60_000, 200_000),
        ),
    ],
    "women_social": [
        (
            "Appui à une coopérative féminine de couscous et d'argan",
            "INDH",
            (_CC_FR,),
            (150_000, 400_000),
        ),
        (
            "Classes d'alphabétisation pour les femmes",
            "Entraide nationale",
            (_CC_FR,),
            (30_000, 90_000),
        ),
        (
            "Construction d'un foyer Dar Taliba pour les collégiennes",
            _CP_FR,
            ("INDH", _CC_FR),
            (1_200_000, 2_800_000),
        ),
    ],
    "economy_employment": [
        ("Aménagement du souk hebdomadaire", _CC_FR, (_CP_FR,), (600_000, 1_500_000)),
        (
            "Formation des jeunes à l'auto-entrepreneuriat",
            "INDH",
            (_CC_FR, "Associations locales"),
            (50_000, 150_000),
        ),
        (
            "Locaux commerciaux pour les jeunes porteurs de projets",
            _CC_FR,
            (),
            (400_000, 1_000_000),
        ),
    ],
    "agriculture": [
        ("Réhabilitation des séguias traditionnelles", _AGRI_FR, (_CC_FR,), (300_000, 1_000_000)),
        (
            "Distribution de plants d'oliviers et de caroubiers",
            _AGRI_FR,
            ("Associations locales",),
            (60_000, 200_000),
        ),
        (
            "Unité de valorisation des produits du terroir",
            _AGRI_FR,
            ("INDH", _CC_FR),
            (400_000, 1_100_000),
        ),
    ],
    "environment": [
        (
            "Organisation de la collecte des déchets ménagers",
            _CC_FR,
            ("Groupement de communes",),
            (200_000, 600_000),
        ),
        (
            "Plantation d'arbres autour des écoles",
            _CC_FR,
            ("Direction provinciale des Eaux et Forêts",),
            (20_000, 80_000),
        ),
        ("Fermeture des décharges sauvages", _CC_FR, (_CP_FR,), (100_000, 300_000)),
    ],
    "governance_participation": [
        (
            "Publication du plan d'action communal et du suivi des recommandations",
            _CC_FR,
            (),
            None,
        ),
        ("Formation des associations au montage de projets", _CC_FR, ("INDH",), (30_000, 90_000)),
        (
            "Activation de l'instance de l'équité, de l'égalité des chances et du genre",
            _CC_FR,
            ("Associations locales",),
            None,
        ),
    ],
    "other": [
        ("Clôture et aménagement du cimetière", _CC_FR, (), (80_000, 250_000)),
        ("Numérotation des maisons et dénomination des rues", _CC_FR, (), (60_000, 150_000)),
    ],
}

# --------------------------------------------------------------------------------------
# Notes of status updates, by language and status ({year} is the update's year)
# --------------------------------------------------------------------------------------

NOTES: dict[str, dict[str, list[str]]] = {
    "ar": {
        "not_started": [
            "لم يتم رصد أي اعتماد بعد",
            "في انتظار موافقة الشريك",
            "تذكير بالتوصية خلال الدورة العادية للمجلس",
        ],
        "planned": [
            "تمت برمجة المشروع في ميزانية {year}",
            "إدراج التوصية في برنامج عمل الجماعة",
            "اتفاقية الشراكة في طور الإعداد",
            "إعداد الدراسة التقنية",
        ],
        "started": ["انطلاق الأشغال", "إعطاء الانطلاقة بحضور ممثلي الجمعيات", "انطلاق التنفيذ"],
        "in_progress": ["الأشغال متواصلة", "تقدم ملموس في الأشغال", "استكمال الشطر الأول"],
        "stalled": [
            "توقف الأشغال في انتظار تحويل مساهمة الشريك",
            "مشكل في تعبئة الوعاء العقاري",
            "طلب العروض غير مثمر",
            "ارتفاع كلفة مواد البناء",
            "لا جديد منذ آخر تحيين",
        ],
        "covid": ["توقف مؤقت بسبب حالة الطوارئ الصحية"],
        "resumed": ["استئناف الأشغال", "استئناف الأشغال بعد تسوية الإشكال"],
        "completed": [
            "التسلم المؤقت للأشغال",
            "انتهاء الأشغال ودخول المشروع حيز الخدمة",
            "تم الإنجاز بشراكة مع الجمعيات",
        ],
        "cancelled": [
            "إلغاء التوصية بعد تكفل قطاع آخر بالمشروع",
            "تعذر توفير الوعاء العقاري",
            "تعويض المشروع بمشروع بديل ذي أولوية",
        ],
    },
    "fr": {
        "not_started": [
            "Aucun crédit mobilisé pour l'instant",
            "En attente de l'accord du partenaire",
            "Rappel de la recommandation en session ordinaire",
        ],
        "planned": [
            "Inscrite au budget {year}",
            "Intégrée au plan d'action communal",
            "Convention de partenariat en préparation",
            "Étude technique en cours de préparation",
        ],
        "started": ["Démarrage des travaux", "Lancement en présence des associations"],
        "in_progress": ["Travaux en cours", "Avancement satisfaisant", "Première tranche achevée"],
        "stalled": [
            "Travaux arrêtés en attendant la contribution du partenaire",
            "Problème de foncier",
            "Appel d'offres infructueux",
            "Hausse du coût des matériaux",
            "Pas de nouvelles depuis la dernière mise à jour",
        ],
        "covid": ["Arrêt temporaire : état d'urgence sanitaire"],
        "resumed": ["Reprise des travaux", "Reprise après règlement du problème"],
        "completed": [
            "Réception provisoire des travaux",
            "Travaux achevés, équipement en service",
            "Réalisée en partenariat avec les associations",
        ],
        "cancelled": [
            "Annulée : prise en charge par un autre département",
            "Terrain introuvable",
            "Remplacée par un projet jugé prioritaire",
        ],
    },
}

# --------------------------------------------------------------------------------------
# The data model of the sample
# --------------------------------------------------------------------------------------


@dataclass
class Meeting:
    """One communicative meeting (a row of the meetings table)."""

    meeting_id: str
    commune: str
    province: str
    date: dt.date
    title: str
    edition: int
    kind: str | None = None
    location: str | None = None
    chair: str | None = None
    facilitator: str | None = None
    participants: int | None = None
    associations: list[str] = field(default_factory=list)
    summary: str | None = None
    source_url: str | None = None


@dataclass
class Update:
    """One dated status report on a recommendation (a row of status_updates)."""

    date: dt.date
    status: str
    progress: int | None
    note: str | None
    evidence_url: str | None
    reported_by: str | None


@dataclass
class Recommendation:
    """One recommendation with its initial status and its history of updates."""

    recommendation_id: str
    meeting: Meeting
    domain: str
    title: str
    lang: str  # "ar" or "fr": the language of its text
    description: str | None
    proposed_by: list[str]
    responsible: str | None
    partners: list[str]
    location: str | None
    priority: str | None
    budget_mad: int | None
    target_date: dt.date | None
    status: str
    progress: int | None
    updates: list[Update] = field(default_factory=list)

    @property
    def current_status(self) -> str:
        return self.updates[-1].status if self.updates else self.status

    @property
    def overdue(self) -> bool:
        return (
            self.target_date is not None
            and self.target_date < TODAY
            and self.current_status not in ("completed", "cancelled")
        )


@dataclass(frozen=True)
class CommuneSpec:
    """A commune of the sample and what its people write with."""

    code: str
    commune: str
    province: str
    lang: str  # "ar", "fr" or "mixed"
    douars: tuple[str, ...]
    associations: tuple[str, ...]
    reporters: tuple[str, ...]


KHNAFIF = CommuneSpec(
    "KHN",
    "الخنافيف",
    "Taroudant",
    "ar",
    ("دوار تكاديرت", "دوار أيت علي", "دوار إمي نتالا", "دوار أكرض", "دوار تزكي", "مركز الجماعة"),
    (
        "جمعية الأمل للتنمية والتعاون",
        "جمعية تيفاوين للثقافة والتنمية",
        "جمعية آباء وأولياء تلاميذ المدرسة الجماعاتية",
        "جمعية الشباب للرياضة والتنشيط",
        "تعاونية النهضة النسائية للأركان",
        "جمعية إيكودار للتنمية القروية",
        "جمعية الماء الصالح للشرب والتنمية",
    ),
    ("الكتابة العامة للجماعة", "المصلحة التقنية بالجماعة", "قسم الشؤون الاجتماعية بالجماعة"),
)
TALA_OUZROU = CommuneSpec(
    "TLO",
    "Tala Ouzrou",
    "Tiznit",
    "fr",
    (
        "Douar Tagant",
        "Douar Aït Brahim",
        "Douar Ighil",
        "Douar Anzi n'Tala",
        "Centre de la commune",
    ),
    (
        "Association Tala pour le développement",
        "Association des parents d'élèves de l'école Tagant",
        "Association sportive Ighil",
        "Coopérative féminine Tiwizi",
        "Association Azir pour l'environnement",
        "Association des usagers de l'eau d'irrigation",
    ),
    ("Secrétariat général de la commune", "Service technique communal", "Comité de suivi"),
)
TIGHIRT_OUZZAL = CommuneSpec(
    "TGZ",
    "Tighirt Ouzzal",
    "Chtouka-Aït Baha",
    "mixed",
    ("Douar Tassila", "دوار أيت مبارك", "Douar Tafrent", "Douar Ouled Ali", "Centre"),
    (
        "Association Ouzzal pour le développement et la culture",
        "جمعية أيت مبارك للتنمية",
        "Coopérative Tafrent des femmes",
        "Association des jeunes de Tighirt",
        "جمعية الفلاحين الصغار بتافرنت",
    ),
    ("Service technique communal", "Secrétariat général de la commune", "Comité de suivi"),
)
TIZGUI_LKHIR = CommuneSpec(
    "TZK",
    "تيزكي الخير",
    "Taroudant",
    "ar",
    ("دوار إغرم", "دوار أيت عبد الله", "دوار تيزي", "دوار أسيف", "مركز الجماعة"),
    (
        "جمعية تيزكي للتنمية المستدامة",
        "جمعية الخير للتضامن",
        "تعاونية إغرم الفلاحية",
        "جمعية شباب أسيف",
    ),
    ("الكتابة العامة للجماعة", "المصلحة التقنية بالجماعة", "لجنة تتبع التوصيات"),
)

# --------------------------------------------------------------------------------------
# Meetings: the two reported Khnafif meetings, then illustrative ones
# --------------------------------------------------------------------------------------

KHN_SUMMARY_1 = (
    "لقاء تواصلي نظمه المجلس الجماعي للخنافيف مع جمعيات المجتمع المدني تحت شعار "
    "«المقاربة التشاركية وإشراك المجتمع المدني في الشأن المحلي»، ترأسه رئيس الجماعة "
    "بحضور بعض أعضاء المجلس وممثلي جمعيات الجماعة، بهدف التعرف على تطلعات الساكنة "
    "والوقوف على الإكراهات التي تعيق بعض المشاريع بحثا عن حلول لها. "
    "خرج اللقاء بتوصيات حول مشاريع تنموية."
)
KHN_SUMMARY_2 = (
    "النسخة الثانية من اللقاء التواصلي مع جمعيات المجتمع المدني، نظمت تنزيلا لمخرجات "
    "اللقاء الأول، ترأسها رئيس الجماعة بحضور أعضاء المجلس الجماعي وممثلي الجمعيات، "
    "وسيرها مسير اللقاء. افتتحت بكلمة ترحيبية للرئيس عبر فيها عن سروره بالعمل المشترك "
    "على المشاريع التنموية التي أوصى بها اللقاء الأول وبإنجاح عملية «تويزة» التي أطلقها "
    "عامل إقليم تارودانت. قدم المنسق العام للقاء عرضا حول منجزات المجلس الجماعي خلال "
    "الفترة الممتدة بين اللقاءين، وبعد استراحة شاي قدم عرض حول التخطيط والبرمجة، ثم "
    "توزع المشاركون على ورشات لجرد الأفكار والأولويات في مجالات متعددة وعرضها وفتح "
    "باب التدخلات وتسطير توصيات لتنزيلها بشراكة مع المجلس الجماعي. وفي الختام دعي إلى "
    "التفكير في خلق لجنة تسهر على تنظيم لقاءات تواصلية بشكل دوري."
)


def sample_meetings() -> dict[str, list[tuple[Meeting, int]]]:
    """The meetings of each commune, each with how many recommendations it produced."""
    khn, tlo, tgz, tzk = KHNAFIF, TALA_OUZROU, TIGHIRT_OUZZAL, TIZGUI_LKHIR
    kind_ar = "لقاء تواصلي"
    kind_fr = "Rencontre de communication"
    return {
        khn.code: [
            (
                Meeting(
                    "KHN-2019-1",
                    khn.commune,
                    khn.province,
                    dt.date(2019, 9, 29),
                    "اللقاء التواصلي الأول مع جمعيات المجتمع المدني",
                    1,
                    kind=kind_ar,
                    chair="رئيس الجماعة",
                    summary=KHN_SUMMARY_1,
                    source_url=KHNAFIF_REPORT_1,
                ),
                12,
            ),
            (
                Meeting(
                    "KHN-2020-2",
                    khn.commune,
                    khn.province,
                    dt.date(2020, 2, 16),
                    "اللقاء التواصلي الموسع مع جمعيات المجتمع المدني - النسخة الثانية",
                    2,
                    kind=kind_ar,
                    chair="محمد أمصيلحة",
                    facilitator="سمير أوداد",
                    summary=KHN_SUMMARY_2,
                    source_url=KHNAFIF_REPORT_2,
                ),
                11,
            ),
            (
                Meeting(
                    "KHN-2022-3",
                    khn.commune,
                    khn.province,
                    dt.date(2022, 3, 13),
                    "اللقاء التواصلي الثالث: تتبع التوصيات بعد الجائحة",
                    3,
                    kind=kind_ar,
                    location="قاعة الاجتماعات بمقر الجماعة",
                    chair="رئيس المجلس الجماعي",
                    facilitator="منسق لجنة اللقاءات التواصلية",
                    participants=58,
                    associations=list(khn.associations[:5]),
                    summary=(
                        "[توضيحي] نسخة ثالثة افتراضية نظمتها لجنة اللقاءات التواصلية، خصصت "
                        "لتتبع توصيات النسختين السابقتين وتحيين الأولويات بعد فترة الجائحة. "
                        "معطيات هذا اللقاء للعرض فقط وليست من مصدر صحفي."
                    ),
                ),
                8,
            ),
            (
                Meeting(
                    "KHN-2024-4",
                    khn.commune,
                    khn.province,
                    dt.date(2024, 4, 21),
                    "اللقاء التواصلي الرابع: الماء والفلاحة في مواجهة الجفاف",
                    4,
                    kind=kind_ar,
                    location="دار الشباب",
                    chair="رئيس المجلس الجماعي",
                    facilitator="منسق لجنة اللقاءات التواصلية",
                    participants=73,
                    associations=list(khn.associations[1:]),
                    summary=(
                        "[توضيحي] نسخة رابعة افتراضية لتقييم حصيلة التوصيات ومناقشة آثار "
                        "الجفاف على الماء الصالح للشرب والفلاحة. معطيات هذا اللقاء للعرض فقط."
                    ),
                ),
                7,
            ),
        ],
        tlo.code: [
            (
                Meeting(
                    "TLO-2021-1",
                    tlo.commune,
                    tlo.province,
                    dt.date(2021, 10, 17),
                    "Première rencontre de communication avec les associations",
                    1,
                    kind=kind_fr,
                    location="Salle polyvalente de la commune",
                    chair="Président du conseil communal",
                    facilitator="Coordinatrice du tissu associatif",
                    participants=42,
                    associations=list(tlo.associations[:4]),
                    summary=(
                        "[Illustratif] Commune fictive. Première rencontre consacrée à l'eau "
                        "potable, au désenclavement des douars et à la jeunesse."
                    ),
                ),
                8,
            ),
            (
                Meeting(
                    "TLO-2023-2",
                    tlo.commune,
                    tlo.province,
                    dt.date(2023, 5, 14),
                    "Deuxième rencontre : bilan et nouvelles priorités",
                    2,
                    kind=kind_fr,
                    location="Maison des jeunes",
                    chair="Président du conseil communal",
                    facilitator="Coordinatrice du tissu associatif",
                    participants=55,
                    associations=list(tlo.associations[1:]),
                    summary=(
                        "[Illustratif] Commune fictive. Bilan des recommandations de 2021, "
                        "puis ateliers thématiques sur la santé, l'agriculture et l'environnement."
                    ),
                ),
                7,
            ),
        ],
        tgz.code: [
            (
                Meeting(
                    "TGZ-2019-1",
                    tgz.commune,
                    tgz.province,
                    dt.date(2019, 12, 15),
                    "Rencontre communicative avec la société civile / لقاء تواصلي",
                    1,
                    location="Siège de la commune",
                    chair="Président du conseil communal",
                    facilitator="Animateur associatif",
                    participants=37,
                    associations=list(tgz.associations[:3]),
                    summary=(
                        "[Illustratif] Commune fictive. Première rencontre entre le conseil "
                        "et les associations ; ateliers en arabe et en français."
                    ),
                ),
                8,
            ),
            (
                Meeting(
                    "TGZ-2022-2",
                    tgz.commune,
                    tgz.province,
                    dt.date(2022, 11, 20),
                    "2e rencontre communicative : suivi des engagements",
                    2,
                    location="Siège de la commune",
                    chair="Président du conseil communal",
                    facilitator="Animateur associatif",
                    participants=49,
                    associations=list(tgz.associations),
                    summary=(
                        "[Illustratif] Commune fictive. Suivi des engagements de 2019 "
                        "et nouvelles demandes des douars."
                    ),
                ),
                7,
            ),
        ],
        tzk.code: [
            (
                Meeting(
                    "TZK-2023-1",
                    tzk.commune,
                    tzk.province,
                    dt.date(2023, 2, 19),
                    "اللقاء التواصلي الأول مع فعاليات المجتمع المدني",
                    1,
                    location="مقر الجماعة",
                    chair="رئيس المجلس الجماعي",
                    facilitator="منشط جمعوي",
                    participants=34,
                    associations=list(tzk.associations),
                    summary="[توضيحي] جماعة افتراضية. لقاء أول لجرد حاجيات الدواوير.",
                ),
                6,
            ),
            (
                Meeting(
                    "TZK-2025-2",
                    tzk.commune,
                    tzk.province,
                    dt.date(2025, 1, 26),
                    "اللقاء التواصلي الثاني: حصيلة ومقترحات",
                    2,
                    location="مقر الجماعة",
                    chair="رئيس المجلس الجماعي",
                    facilitator="منشط جمعوي",
                    participants=41,
                    associations=list(tzk.associations[:3]),
                    summary="[توضيحي] جماعة افتراضية. حصيلة سنتين وتوصيات جديدة.",
                ),
                6,
            ),
        ],
    }


# --------------------------------------------------------------------------------------
# Generating recommendations and their histories
# --------------------------------------------------------------------------------------

FIRST_UPDATE_AFTER = 35  # days: nothing is reported on in the weeks right after a meeting
OUTCOMES = ("completed", "in_progress", "stalled", "cancelled", "never_started", "planned")


def outcome_weights(meeting_date: dt.date) -> tuple[int, ...]:
    """Older meetings have had time to finish more; recent ones are mostly under way."""
    if meeting_date.year <= 2020:
        return (44, 6, 18, 10, 10, 12)
    if meeting_date.year <= 2022:
        return (34, 16, 18, 6, 12, 14)
    return (16, 36, 12, 4, 12, 20)


def end_of_month(year: int, month: int) -> dt.date:
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The last day of the month `months` after `day` (how deadlines are usually set)."""
    year, month = divmod(day.month - 1 + months, 12)
    return end_of_month(day.year + year, month + 1)


def plan_statuses(rng: random.Random, outcome: str, initial: str) -> list[tuple[str, int | None]]:
    """The statuses (with progress) a recommendation goes through after its meeting."""
    if outcome == "never_started":
        return [("not_started", 0)] * rng.choice([0, 1, 1, 2])
    steps: list[tuple[str, int | None]] = []
    if initial == "not_started" or rng.random() < 0.5:
        steps.append(("planned", rng.choice([0, None])))
    if outcome == "planned":
        if not steps or rng.random() < 0.5:
            steps.append(("planned", 0))
        return steps
    if outcome == "cancelled":
        if rng.random() < 0.3:
            steps.append(("in_progress", rng.choice([10, 15, 20])))
        steps.append(("cancelled", None))
        return steps
    if outcome == "stalled" and rng.random() < 0.25:
        # Blocked before anything started: land, a partner's share, a failed tender.
        steps.append(("stalled", 0))
        if rng.random() < 0.5:
            steps.append(("stalled", 0))
        return steps
    count = {"completed": rng.randint(2, 5), "in_progress": rng.randint(2, 5)}.get(
        outcome, rng.randint(1, 3)
    )
    levels = sorted(rng.sample(range(10, 95, 5), count))
    for level in levels:
        steps.append(("in_progress", level))
    if outcome == "completed":
        if rng.random() < 0.3:
            # A pause on the way, then the work resumes.
            if len(levels) > 1:
                steps.insert(-1, ("stalled", levels[-2]))
            else:
                steps.append(("stalled", levels[0]))
                steps.append(("in_progress", min(levels[0] + 20, 95)))
        steps.append(("completed", 100))
    elif outcome == "stalled":
        steps.append(("stalled", levels[-1]))
        if rng.random() < 0.4:
            steps.append(("stalled", levels[-1]))
    return steps


def spread_dates(rng: random.Random, start: dt.date, end: dt.date, count: int) -> list[dt.date]:
    """`count` distinct dates after `start` and no later than `end`, in order."""
    step = 14
    first = start + dt.timedelta(days=FIRST_UPDATE_AFTER)
    slots = max(((end - first).days - 6) // step + 1, count)
    picks = sorted(rng.sample(range(slots), count))
    dates = [first + dt.timedelta(days=p * step + rng.randint(0, 6)) for p in picks]
    assert all(start < d <= TODAY for d in dates), (start, end, dates)
    return dates


def history_end(rng: random.Random, outcome: str, start: dt.date, count: int) -> dt.date:
    """When the last update of a recommendation's history falls."""
    minimum = start + dt.timedelta(days=FIRST_UPDATE_AFTER + 14 * count + 7)
    if outcome == "in_progress":
        end = TODAY - dt.timedelta(days=rng.randint(5, 150))
    elif outcome == "completed":
        end = start + dt.timedelta(days=rng.randint(200, 1400))
    else:
        end = start + dt.timedelta(days=rng.randint(150, 2200))
    return min(max(end, minimum), TODAY)


def pick_note(
    rng: random.Random, lang: str, status: str, previous: str | None, day: dt.date
) -> str:
    notes = NOTES[lang]
    if status == "in_progress" and previous == "stalled":
        pool = notes["resumed"]
    elif status == "in_progress" and previous != "in_progress":
        pool = notes["started"]
    elif status == "stalled" and dt.date(2020, 3, 20) <= day <= dt.date(2021, 6, 30):
        pool = notes["covid"] + notes["stalled"][:2]
    else:
        pool = notes[status]
    # A budget is voted in October for the next year.
    return rng.choice(pool).format(year=day.year + (day.month >= 10))


def build_history(
    rng: random.Random,
    spec: CommuneSpec,
    rec: Recommendation,
    outcome: str,
) -> list[Update]:
    steps = plan_statuses(rng, outcome, rec.status)
    if not steps:
        return []
    start = rec.meeting.date
    dates = spread_dates(rng, start, history_end(rng, outcome, start, len(steps)), len(steps))
    updates = []
    previous: str | None = rec.status
    for day, (status, progress) in zip(dates, steps, strict=True):
        note = pick_note(rng, rec.lang, status, previous, day) if rng.random() < 0.9 else None
        evidence = None
        slug = rec.recommendation_id.lower()
        if status == "completed" and rng.random() < 0.6:
            evidence = f"{EVIDENCE_BASE}/{slug}/reception-{day.isoformat()}.pdf"
        elif status == "in_progress" and rng.random() < 0.15:
            evidence = f"{EVIDENCE_BASE}/{slug}/photos-{day.isoformat()}"
        reporter_pool = list(spec.reporters) + rec.proposed_by[:1]
        updates.append(Update(day, status, progress, note, evidence, rng.choice(reporter_pool)))
        previous = status
    return updates


def describe(rng: random.Random, rec: Recommendation, real: bool) -> str | None:
    """A description; for the reported meetings it says the recommendation is illustrative."""
    # The first Khnafif report mentions no workshops; the 2020 one does.
    workshop = rec.domain != "other" and rec.meeting.meeting_id != "KHN-2019-1"
    if rec.lang == "ar":
        source = f"ورشة «{DOMAIN_LABELS[rec.domain]['ar']}»" if workshop else "اللقاء"
        where = f" لفائدة ساكنة {rec.location}" if rec.location else ""
        body = f"توصية صادرة عن {source}{where}."
        if real:
            return f"[توضيحي] التقرير الصحفي لا يسرد نص التوصيات؛ هذه توصية مثال للعرض. {body}"
        return body if rng.random() < 0.85 else None
    source = f"l'atelier « {DOMAIN_LABELS[rec.domain]['fr']} »" if workshop else "la rencontre"
    where = f" au profit de {rec.location}" if rec.location else ""
    return f"Issue de {source}{where}." if rng.random() < 0.85 else None


class IdeaPicker:
    """Hands out recommendation ideas without repeating one within a commune."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.left: dict[str, dict[str, list[Idea]]] = {}
        for lang, ideas in (("ar", IDEAS_AR), ("fr", IDEAS_FR)):
            self.left[lang] = {}
            for domain, pool in ideas.items():
                shuffled = list(pool)
                rng.shuffle(shuffled)
                self.left[lang][domain] = shuffled

    def take(self, lang: str, domain: str) -> tuple[str, Idea]:
        pools = self.left[lang]
        if not pools[domain]:
            domain = max(MAIN_DOMAINS, key=lambda d: (len(pools[d]), d))
        return domain, pools[domain].pop()


def committee_recommendation(meeting: Meeting) -> Recommendation:
    """The closing call of the 2020 meeting, as a recommendation with an illustrative history."""
    rec = Recommendation(
        f"{meeting.meeting_id}-R01",
        meeting,
        "governance_participation",
        "إحداث لجنة تسهر على تنظيم لقاءات تواصلية بشكل دوري",
        "ar",
        (
            "[توضيحي] مستوحاة من الدعوة التي اختتم بها اللقاء حسب التقرير الصحفي إلى التفكير "
            "في خلق لجنة تسهر على تنظيم لقاءات تواصلية بشكل دوري؛ صياغتها وتتبعها للعرض فقط."
        ),
        ["جمعية تيفاوين للثقافة والتنمية", "جمعية الأمل للتنمية والتعاون"],
        _CC_AR,
        [_ASSOC_AR],
        "مركز الجماعة",
        "high",
        None,
        dt.date(2020, 12, 31),
        "not_started",
        0,
    )
    secretariat = "الكتابة العامة للجماعة"
    history = [
        (dt.date(2020, 3, 1), "planned", 0, "إدراج التوصية في برنامج عمل الجماعة", None),
        (dt.date(2020, 7, 12), "stalled", 0, NOTES["ar"]["covid"][0], None),
        (dt.date(2021, 5, 9), "in_progress", 50, "اقتراح أسماء أعضاء اللجنة من طرف الجمعيات", None),
        (
            dt.date(2021, 12, 5),
            "completed",
            100,
            "تشكيل اللجنة وعقد أول اجتماع لها للتحضير للقاء الثالث",
            f"{EVIDENCE_BASE}/khn-2020-2-r01/pv-2021-12-05.pdf",
        ),
    ]
    rec.updates = [Update(*row, reported_by=secretariat) for row in history]
    return rec


def build_recommendations(
    rng: random.Random, spec: CommuneSpec, meetings: Sequence[tuple[Meeting, int]]
) -> list[Recommendation]:
    picker = IdeaPicker(rng)
    cycle: list[str] = []
    recs: list[Recommendation] = []
    for meeting, count in meetings:
        number = 0
        if meeting.meeting_id == "KHN-2020-2":
            recs.append(committee_recommendation(meeting))
            number = 1
        real = meeting.source_url is not None
        while number < count:
            number += 1
            if not cycle:
                cycle = list(MAIN_DOMAINS)
                rng.shuffle(cycle)
                cycle.insert(rng.randrange(len(cycle)), "other")
            wanted = cycle.pop()
            lang = spec.lang if spec.lang != "mixed" else ("ar" if rng.random() < 0.35 else "fr")
            domain, (title, responsible, partners, budget_range) = picker.take(lang, wanted)
            location = rng.choice(spec.douars) if rng.random() < 0.85 else None
            budget = None
            if budget_range and rng.random() < 0.85:
                budget = rng.randrange(budget_range[0], budget_range[1] + 1, 10_000)
            target = None
            if rng.random() < 0.9:
                target = add_months(meeting.date, rng.choice([9, 12, 18, 24, 24, 30, 36, 48]))
            outcome = rng.choices(OUTCOMES, outcome_weights(meeting.date))[0]
            initial = "not_started" if outcome == "never_started" else None
            initial = initial or rng.choice(["not_started", "not_started", "planned"])
            proposers = rng.sample(spec.associations, rng.choice([0, 1, 1, 1, 2]))
            partner_list = list(partners)
            if partner_list and rng.random() < 0.2:
                partner_list = partner_list[:1]
            rec = Recommendation(
                recommendation_id=f"{meeting.meeting_id}-R{number:02d}",
                meeting=meeting,
                domain=domain,
                title=title,
                lang=lang,
                description=None,
                proposed_by=proposers,
                responsible=responsible,
                partners=partner_list,
                location=location,
                priority=rng.choices(["high", "medium", "low", None], [40, 40, 15, 5])[0],
                budget_mad=budget,
                target_date=target,
                status=initial,
                progress=rng.choice([0, 0, None]),
            )
            rec.description = describe(rng, rec, real)
            rec.updates = build_history(rng, spec, rec, outcome)
            recs.append(rec)
    return recs


# --------------------------------------------------------------------------------------
# How values are written in each file
# --------------------------------------------------------------------------------------


def group_thousands(amount: int, sep: str = " ") -> str:
    return f"{amount:,}".replace(",", sep)


def fr_date_text(day: dt.date) -> str:
    return f"{day.day} {FR_MONTHS[day.month - 1]} {day.year}"


def ar_date_text(day: dt.date, moroccan: bool) -> str:
    months = AR_MONTHS_MOROCCAN if moroccan else AR_MONTHS_MSA
    return f"{day.day} {months[day.month - 1]} {day.year}"


def join_list(items: Sequence[str], sep: str) -> str | None:
    return sep.join(items) if items else None


@dataclass
class Writer:
    """Renders one commune's values the way its secretary writes them."""

    rng: random.Random
    lang: str  # language of the labels: "ar" or "fr"

    def status(self, key: str) -> str:
        return self.rng.choice(STATUS_WORDS[self.lang][key])

    def domain(self, key: str, choices: Sequence[str] | None = None) -> str:
        form = self.rng.choice(choices) if choices else self.lang
        return key if form == "key" else DOMAIN_LABELS[key][form]

    def priority(self, key: str | None, lang: str | None = None) -> str | None:
        return PRIORITY_WORDS[lang or self.lang][key] if key else None


# --------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------

Cell = object  # a value, or (value, number_format)


def write_sheet(
    ws,
    title_line: str | None,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    rtl: bool,
    blank_row_after: int | None = None,
) -> None:
    """A sheet as people keep it: an optional title line, the header row, then the rows."""
    ws.sheet_view.rightToLeft = rtl
    line = 1
    if title_line:
        ws.cell(row=1, column=1, value=title_line).font = Font(bold=True, size=14)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
        line = 3  # the title, then an empty line, then the header
    for col, header in enumerate(headers, start=1):
        cell = ws.cell(row=line, column=col, value=header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.freeze_panes = ws.cell(row=line + 1, column=1)
    for index, row in enumerate(rows):
        line += 1
        for col, value in enumerate(row, start=1):
            number_format = None
            if isinstance(value, tuple):
                value, number_format = value
            if value is None:
                continue
            cell = ws.cell(row=line, column=col, value=value)
            if isinstance(value, dt.date):
                cell.number_format = "dd/mm/yyyy"
            elif isinstance(value, int) and value >= 10_000:
                cell.number_format = "#,##0"
            if number_format:
                cell.number_format = number_format
            if isinstance(value, str) and "\n" in value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        if blank_row_after is not None and index == blank_row_after:
            line += 1  # an empty line left inside the data, as happens
    for col, header in enumerate(headers, start=1):
        longest = max(
            [len(str(header))]
            + [
                len(str(r[col - 1][0] if isinstance(r[col - 1], tuple) else r[col - 1]))
                for r in rows
            ]
        )
        ws.column_dimensions[get_column_letter(col)].width = min(max(12, longest + 2), 60)


def save_workbook(wb: Workbook, path: Path) -> None:
    """Save, then pin the timestamps openpyxl and zipfile add, so rebuilds are identical."""
    wb.properties.creator = "Musharaka sample generator"
    wb.properties.created = FROZEN
    buffer = io.BytesIO()
    wb.save(buffer)
    stamp = FROZEN.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rf"\g<1>{stamp}\2", text
                )
                data = text.encode("utf-8")
            fixed = zipfile.ZipInfo(info.filename, date_time=FROZEN.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, data)
    path.write_bytes(out.getvalue())


def write_csv(path: Path, headers: Sequence[str], rows, *, delimiter: str, bom: bool) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    path.write_text(buffer.getvalue(), encoding="utf-8-sig" if bom else "utf-8", newline="")


def all_updates(recs: Sequence[Recommendation]) -> list[tuple[Recommendation, Update]]:
    """Every update, in the order a tracking log is kept: by date, then recommendation."""
    pairs = [(rec, u) for rec in recs for u in rec.updates]
    return sorted(pairs, key=lambda p: (p[1].date, p[0].recommendation_id))


# Khnafif: one workbook, Arabic headers, native dates, title lines, a blank row inside.
KHN_MEETING_HEADERS = [
    "رمز اللقاء", "الجماعة", "الإقليم", "التاريخ", "النوع", "العنوان", "النسخة", "المكان",
    "الرئيس", "المسير", "عدد المشاركين", "الجمعيات", "ملخص", "المصدر",
]  # fmt: skip
KHN_REC_HEADERS = [
    "رمز التوصية", "رمز اللقاء", "المجال", "التوصية", "الوصف", "الجهة المقترحة",
    "الجهة المسؤولة", "الشركاء", "الدوار", "الأولوية", "الميزانية", "الأجل", "الحالة",
    "نسبة الإنجاز",
]  # fmt: skip
KHN_UPDATE_HEADERS = [
    "رمز التوصية", "تاريخ التحيين", "وضعية الإنجاز", "نسبة الإنجاز", "ملاحظة", "الإثبات",
    "المصرح",
]  # fmt: skip
# From 2024 the secretary's tracking sheet holds progress as percent-formatted cells.
PERCENT_CELLS_FROM = dt.date(2024, 1, 1)


def write_khnafif(rng: random.Random, meetings: list[Meeting], recs: list[Recommendation]) -> str:
    w = Writer(rng, "ar")
    wb = Workbook()
    ws = wb.active
    ws.title = "اللقاءات"
    meeting_rows = []
    for m in meetings:
        sep = "\n" if m.edition == 4 else "؛ "
        meeting_rows.append([
            m.meeting_id, m.commune, m.province, m.date, m.kind, m.title, m.edition,
            m.location, m.chair, m.facilitator, m.participants,
            join_list(m.associations, sep), m.summary, m.source_url,
        ])  # fmt: skip
    write_sheet(
        ws,
        "جماعة الخنافيف - تتبع توصيات اللقاءات التواصلية",
        KHN_MEETING_HEADERS,
        meeting_rows,
        rtl=True,
        blank_row_after=1,
    )
    rec_rows = []
    for r in recs:
        budget: object = r.budget_mad
        if budget is not None and rng.random() < 0.15:
            budget = f"{group_thousands(budget)} درهم"  # typed as text, as happens
        rec_rows.append([
            r.recommendation_id, r.meeting.meeting_id, w.domain(r.domain), r.title,
            r.description, join_list(r.proposed_by, rng.choice(["؛ ", "، "])),
            r.responsible, join_list(r.partners, rng.choice(["؛ ", "; "])), r.location,
            w.priority(r.priority), budget, r.target_date, w.status(r.status), r.progress,
        ])  # fmt: skip
    write_sheet(
        wb.create_sheet("التوصيات"),
        "جماعة الخنافيف - التوصيات",
        KHN_REC_HEADERS,
        rec_rows,
        rtl=True,
        blank_row_after=len(rec_rows) // 2,
    )
    update_rows = []
    for r, u in all_updates(recs):
        progress: object = u.progress
        if progress is not None and u.date >= PERCENT_CELLS_FROM:
            progress = (progress / 100, "0%")
        update_rows.append([
            r.recommendation_id, u.date, w.status(u.status), progress, u.note,
            u.evidence_url, u.reported_by,
        ])  # fmt: skip
    write_sheet(
        wb.create_sheet("تتبع الإنجاز"),
        "جماعة الخنافيف - تتبع توصيات اللقاءات التواصلية",
        KHN_UPDATE_HEADERS,
        update_rows,
        rtl=True,
        blank_row_after=len(update_rows) // 2,
    )
    save_workbook(wb, HERE / "khnafif.xlsx")
    return "khnafif.xlsx"


# Tala Ouzrou: one workbook, French headers (one with stray spaces), no title lines.
TLO_MEETING_HEADERS = [
    "Code réunion", " Commune ", "Province", "Date de la réunion", "Type", "Intitulé",
    "Édition", "Lieu", "Présidé par", "Animateur", "Nombre de participants", "Associations",
    "Compte rendu", "Lien",
]  # fmt: skip
TLO_REC_HEADERS = [
    "Code recommandation", "Code réunion", "Domaine", "Recommandation", "Détails",
    "Proposée par", "Responsable", "Partenaires", "Douar", "Priorité", "Coût estimé",
    "Échéance", "Statut", "Taux d'avancement",
]  # fmt: skip
TLO_UPDATE_HEADERS = [
    "Code recommandation", "Date de mise à jour", "État d'avancement", "Taux de réalisation",
    "Commentaire", "Justificatif", "Rapporté par",
]  # fmt: skip


def write_tala_ouzrou(
    rng: random.Random, meetings: list[Meeting], recs: list[Recommendation]
) -> str:
    w = Writer(rng, "fr")
    wb = Workbook()
    ws = wb.active
    ws.title = "réunions"
    rows = [
        [
            m.meeting_id, m.commune, m.province, m.date, m.kind, m.title, m.edition, m.location,
            m.chair, m.facilitator, m.participants, join_list(m.associations, " ; "),
            m.summary, m.source_url,
        ]
        for m in meetings
    ]  # fmt: skip
    write_sheet(ws, None, TLO_MEETING_HEADERS, rows, rtl=False)
    rows = []
    for r in recs:
        budget: object = r.budget_mad
        if budget is not None and rng.random() < 0.25:
            budget = f"{group_thousands(budget)} DH"
        rows.append([
            r.recommendation_id, r.meeting.meeting_id, w.domain(r.domain), r.title,
            r.description, join_list(r.proposed_by, " ; "), r.responsible,
            join_list(r.partners, " ; "), r.location, w.priority(r.priority), budget,
            r.target_date, w.status(r.status), r.progress,
        ])  # fmt: skip
    write_sheet(wb.create_sheet("recommandations"), None, TLO_REC_HEADERS, rows, rtl=False)
    rows = [
        [
            r.recommendation_id, u.date, w.status(u.status), u.progress, u.note,
            u.evidence_url, u.reported_by,
        ]
        for r, u in all_updates(recs)
    ]  # fmt: skip
    write_sheet(wb.create_sheet("suivi"), None, TLO_UPDATE_HEADERS, rows, rtl=False)
    save_workbook(wb, HERE / "tala-ouzrou.xlsx")
    return "tala-ouzrou.xlsx"


# Tighirt Ouzzal: CSV as French Excel saves it (";"), French headers, French-style values.
TGZ_MEETING_HEADERS = [
    "ID réunion", "Commune", "Province", "Date", "Titre", "Édition", "Lieu",
    "Président de séance", "Modérateur", "Participants", "Associations", "Résumé", "Source",
]  # fmt: skip
TGZ_REC_HEADERS = [
    "ID recommandation", "Réunion", "Secteur", "Titre", "Description", "Proposée par",
    "Porteur", "Partenaires", "Village", "Priorité", "Montant (DH)", "Date prévue", "État",
    "Avancement",
]  # fmt: skip
TGZ_UPDATE_HEADERS = [
    "ID recommandation", "Date de mise à jour", "Statut", "Avancement", "Observation",
    "Preuve", "Signalé par",
]  # fmt: skip


def write_tighirt_ouzzal(
    rng: random.Random, meetings: list[Meeting], recs: list[Recommendation]
) -> list[str]:
    w = Writer(rng, "fr")

    def date_text(day: dt.date | None) -> str | None:
        if day is None:
            return None
        return fr_date_text(day) if rng.random() < 0.3 else day.strftime("%d/%m/%Y")

    def budget_text(amount: int | None) -> str | None:
        if amount is None:
            return None
        form = rng.choice(["plain", "plain", "dh", "nbsp"])
        if form == "dh":
            return f"{group_thousands(amount)} DH"
        if form == "nbsp":
            return f"{group_thousands(amount, NBSP)} MAD"
        return group_thousands(amount)

    def progress_text(value: int | None) -> str | None:
        return None if value is None else rng.choice([f"{value} %", f"{value}%", str(value)])

    names = []
    path = HERE / "tighirt-ouzzal-reunions.csv"
    rows = [
        [
            m.meeting_id, m.commune, m.province, date_text(m.date), m.title, m.edition,
            m.location, m.chair, m.facilitator, m.participants,
            join_list(m.associations, "; "), m.summary, m.source_url,
        ]
        for m in meetings
    ]  # fmt: skip
    write_csv(path, TGZ_MEETING_HEADERS, rows, delimiter=";", bom=False)
    names.append(path.name)
    path = HERE / "tighirt-ouzzal-recommandations.csv"
    rows = []
    for r in recs:
        rows.append([
            r.recommendation_id, r.meeting.meeting_id,
            w.domain(r.domain, ["fr", "fr", "en", "key"]), r.title, r.description,
            join_list(r.proposed_by, "; "), r.responsible, join_list(r.partners, "; "),
            r.location, w.priority(r.priority, rng.choice(["fr", "fr", "en"])),
            budget_text(r.budget_mad), date_text(r.target_date), w.status(r.status),
            progress_text(r.progress),
        ])  # fmt: skip
    write_csv(path, TGZ_REC_HEADERS, rows, delimiter=";", bom=False)
    names.append(path.name)
    path = HERE / "tighirt-ouzzal-suivi.csv"
    rows = [
        [
            r.recommendation_id, date_text(u.date), w.status(u.status),
            progress_text(u.progress), u.note, u.evidence_url, u.reported_by,
        ]
        for r, u in all_updates(recs)
    ]  # fmt: skip
    write_csv(path, TGZ_UPDATE_HEADERS, rows, delimiter=";", bom=False)
    names.append(path.name)
    return names


# Tizgui Lkhir: CSV with a byte-order mark and commas, Arabic headers (some without hamza),
# Arabic month names and, here and there, Arabic-Indic digits.
TZK_MEETING_HEADERS = [
    "رقم اللقاء", "الجماعة", "الاقليم", "تاريخ اللقاء", "الموضوع", "الدورة", "المكان",
    "ترأسه", "المؤطر", "المشاركون", "الجمعيات", "محضر", "الرابط",
]  # fmt: skip
TZK_REC_HEADERS = [
    "رقم التوصية", "رقم اللقاء", "القطاع", "التوصية", "التفاصيل", "اقترحتها", "المسؤول",
    "الشركاء", "المكان", "الأولوية", "الكلفة التقديرية", "تاريخ الانجاز المتوقع", "الحالة",
    "نسبة التقدم",
]  # fmt: skip
TZK_UPDATE_HEADERS = [
    "رقم التوصية", "التاريخ", "الحالة", "نسبة التقدم", "ملاحظات", "الوثيقة", "المصرح",
]  # fmt: skip


def write_tizgui_lkhir(
    rng: random.Random, meetings: list[Meeting], recs: list[Recommendation]
) -> list[str]:
    w = Writer(rng, "ar")

    def date_text(day: dt.date | None) -> str | None:
        if day is None:
            return None
        form = rng.choice(["iso", "iso", "slash", "msa", "moroccan", "indic"])
        if form == "iso":
            return day.isoformat()
        if form == "slash":
            return day.strftime("%d/%m/%Y")
        if form == "indic":
            return day.strftime("%d/%m/%Y").translate(ARABIC_INDIC)
        return ar_date_text(day, moroccan=form == "moroccan")

    def budget_text(amount: int | None) -> str | None:
        if amount is None:
            return None
        form = rng.choice(["plain", "plain", "dirham", "indic"])
        if form == "dirham":
            return f"{group_thousands(amount)} درهم"
        if form == "indic":
            return f"{group_thousands(amount, '٬').translate(ARABIC_INDIC)} درهم"
        return str(amount)

    def progress_text(value: int | None) -> str | None:
        if value is None:
            return None
        return rng.choice([str(value), f"{value}%", f"{value}٪".translate(ARABIC_INDIC)])

    names = []
    path = HERE / "tizgui-lkhir-meetings.csv"
    rows = [
        [
            m.meeting_id, m.commune, m.province, date_text(m.date), m.title, m.edition,
            m.location, m.chair, m.facilitator,
            None if m.participants is None else str(m.participants).translate(ARABIC_INDIC),
            join_list(m.associations, "، "), m.summary, m.source_url,
        ]
        for m in meetings
    ]  # fmt: skip
    write_csv(path, TZK_MEETING_HEADERS, rows, delimiter=",", bom=True)
    names.append(path.name)
    path = HERE / "tizgui-lkhir-recommendations.csv"
    rows = []
    for r in recs:
        rows.append([
            r.recommendation_id, r.meeting.meeting_id, w.domain(r.domain), r.title,
            r.description, join_list(r.proposed_by, "، "), r.responsible,
            join_list(r.partners, "؛ "), r.location, w.priority(r.priority),
            budget_text(r.budget_mad), date_text(r.target_date), w.status(r.status),
            progress_text(r.progress),
        ])  # fmt: skip
    write_csv(path, TZK_REC_HEADERS, rows, delimiter=",", bom=True)
    names.append(path.name)
    path = HERE / "tizgui-lkhir-tracking.csv"
    rows = [
        [
            r.recommendation_id, date_text(u.date), w.status(u.status),
            progress_text(u.progress), u.note, u.evidence_url, u.reported_by,
        ]
        for r, u in all_updates(recs)
    ]  # fmt: skip
    write_csv(path, TZK_UPDATE_HEADERS, rows, delimiter=",", bom=True)
    names.append(path.name)
    return names


# --------------------------------------------------------------------------------------
# README
# --------------------------------------------------------------------------------------


# Each commune's douar list: a centre inside its province and its douars a few kilometres
# around it, named in Arabic and in French. Invented places (the communes other than
# Khnafif are fictional): fixed numbers, so the files before it keep their random draws.
DOUARS: dict[str, tuple[tuple[float, float], tuple[tuple[str, str, float, float], ...]]] = {
    "KHN": (
        (30.3710, -8.6380),
        (
            ("تكاديرت", "Tagadirt", 0.030, -0.025),
            ("أيت علي", "Aït Ali", -0.020, -0.040),
            ("إمي نتالا", "Imi n'Tala", 0.045, 0.020),
            ("أكرض", "Agard", -0.035, 0.030),
            ("تزكي", "Tizgui", 0.010, 0.055),
            ("مركز الجماعة", "Centre de la commune", 0.0, 0.0),
        ),
    ),
    "TLO": (
        (29.6420, -9.5810),
        (
            ("تاكانت", "Tagant", 0.025, -0.030),
            ("أيت ابراهيم", "Aït Brahim", -0.030, -0.020),
            ("إغيل", "Ighil", 0.040, 0.025),
            ("أنزي نتالا", "Anzi n'Tala", -0.015, 0.045),
            ("مركز الجماعة", "Centre de la commune", 0.0, 0.0),
        ),
    ),
    "TGZ": (
        (30.0350, -9.2230),
        (
            ("تاسيلا", "Tassila", 0.030, 0.020),
            ("أيت مبارك", "Aït Mbarek", -0.025, -0.035),
            ("تافرنت", "Tafrent", 0.020, -0.045),
            ("أولاد علي", "Ouled Ali", -0.040, 0.015),
            ("المركز", "Centre", 0.0, 0.0),
        ),
    ),
    "TZK": (
        (30.6140, -8.3470),
        (
            ("إغرم", "Ighrem", 0.035, -0.020),
            ("أيت عبد الله", "Aït Abdellah", -0.030, 0.030),
            ("تيزي", "Tizi", 0.020, 0.040),
            ("أسيف", "Assif", -0.025, -0.035),
            ("مركز الجماعة", "Centre de la commune", 0.0, 0.0),
        ),
    ),
}
DOUAR_HEADERS = ("commune", "name_ar", "name_fr", "latitude", "longitude")


def write_douars(specs: Sequence[CommuneSpec]) -> str:
    """douars.csv: every commune's douar list (UTF-8, ","), the places its
    recommendations' `location` names."""
    path = HERE / "douars.csv"
    rows = []
    for spec in specs:
        (lat, lon), douars = DOUARS[spec.code]
        for name_ar, name_fr, north, east in douars:
            rows.append([spec.commune, name_ar, name_fr, f"{lat + north:.4f}", f"{lon + east:.4f}"])
    write_csv(path, DOUAR_HEADERS, rows, delimiter=",", bom=False)
    return path.name


def headers_line(headers: Sequence[str]) -> str:
    return ", ".join(f"`{h.strip()}`" for h in headers)


def render_readme(communes: list[tuple[CommuneSpec, list[Meeting], list[Recommendation]]]) -> str:
    lines = []
    total = Counter()
    status_total: Counter[str] = Counter()
    for spec, meetings, recs in communes:
        n_updates = sum(len(r.updates) for r in recs)
        current = Counter(r.current_status for r in recs)
        status_total.update(current)
        overdue = sum(r.overdue for r in recs)
        total.update(meetings=len(meetings), recs=len(recs), updates=n_updates, overdue=overdue)
        lines.append(
            f"| {spec.commune} | {spec.province} | {spec.code} | {len(meetings)} | {len(recs)} "
            f"| {n_updates} | {overdue} |"
        )
    lines.append(
        f"| **total** | | | **{total['meetings']}** | **{total['recs']}** "
        f"| **{total['updates']}** | **{total['overdue']}** |"
    )
    counts_table = "\n".join(lines)
    status_line = ", ".join(f"{key} {status_total[key]}" for key in STATUS_WORDS["fr"])
    return README_TEMPLATE.format(
        counts_table=counts_table,
        status_line=status_line,
        today=TODAY.isoformat(),
        seed=SEED,
        report_1=KHNAFIF_REPORT_1,
        report_2=KHNAFIF_REPORT_2,
        evidence=EVIDENCE_BASE,
        khn_meetings=headers_line(KHN_MEETING_HEADERS),
        khn_recs=headers_line(KHN_REC_HEADERS),
        khn_updates=headers_line(KHN_UPDATE_HEADERS),
        tlo_meetings=headers_line(TLO_MEETING_HEADERS),
        tlo_recs=headers_line(TLO_REC_HEADERS),
        tlo_updates=headers_line(TLO_UPDATE_HEADERS),
        tgz_meetings=headers_line(TGZ_MEETING_HEADERS),
        tgz_recs=headers_line(TGZ_REC_HEADERS),
        tgz_updates=headers_line(TGZ_UPDATE_HEADERS),
        tzk_meetings=headers_line(TZK_MEETING_HEADERS),
        tzk_recs=headers_line(TZK_REC_HEADERS),
        tzk_updates=headers_line(TZK_UPDATE_HEADERS),
    )


README_TEMPLATE = """\
# Sample data

The bundled sample that `python -m etl sample` loads: four communes, their communicative
meetings (لقاءات تواصلية), the recommendations made there and the follow-up of each.
Every row is valid under the project's data contract (`docs/data-contract.md`): loading this
folder gives zero rejected rows.

**Generated, do not edit by hand.** `build.py` writes every file here, this README
included, from a fixed seed (`random.Random({seed})`) and a fixed "today" ({today}, the
date that decides what is overdue). To regenerate, from the project root:

    python data/sample/build.py

It needs only the standard library and openpyxl, and a rebuild gives identical files.

## What is real and what is illustrative

Facts come only from two press reports by Ahdath Souss about the commune of **Khnafif**
(الخنافيف, province of Taroudant), and the rows that carry them have the report as
`source_url`:

- `KHN-2019-1`, the first communicative meeting, Sunday 29 September 2019, reported at
  <{report_1}>.
  Organised by the communal council with the associations of civil society under the
  slogan of the participatory approach, chaired by the president of the commune, to learn
  the population's aspirations and the obstacles holding back some projects; its outputs
  were recommendations on development projects.
- `KHN-2020-2`, the second edition, Sunday 16 February 2020, reported at
  <{report_2}>.
  Held to carry out the outputs of the first meeting, chaired by the president of the commune
  (محمد أمصيلحة) and facilitated by سمير أوداد; a presentation of the council's
  achievements between the two meetings, a presentation on planning and programming,
  workshops that drew up recommendations, and a closing call to create a committee that
  organises communicative meetings periodically.

Everything else is **illustrative** and marked so:

- The reports do not list the recommendations. Every recommendation of `KHN-2019-1` and
  `KHN-2020-2` is an example, and its description starts with `[توضيحي]` and says so.
  `KHN-2020-2-R01` turns the reported closing call (a committee for periodic meetings)
  into a recommendation; its wording and history are illustrative too.
- The later Khnafif meetings (`KHN-2022-3`, `KHN-2024-4`) did not happen as described:
  their summaries start with `[توضيحي]`. Participant counts, venues and associations are
  left blank for the two reported meetings because the reports do not give them.
- **Tala Ouzrou** (Tiznit), **Tighirt Ouzzal** (Chtouka-Aït Baha) and **Tizgui Lkhir**
  (تيزكي الخير, Taroudant) are fictional communes; their meeting summaries start with
  `[Illustratif]` or `[توضيحي]`.
- All status updates, budgets, deadlines, priorities, douars, association names and
  responsible bodies are invented, including the ones attached to Khnafif. Evidence links
  point to the reserved domain example.org (`{evidence}/...`) and lead
  nowhere. There are no phone numbers or e-mail addresses in the data.

## Counts

| commune | province | code | meetings | recommendations | status updates | overdue |
| --- | --- | --- | --- | --- | --- | --- |
{counts_table}

"Overdue" is a recommendation whose `target_date` is before {today} and whose current status
(its latest update, or its own status if it has none) is neither completed nor cancelled.
Current statuses over the whole sample:
{status_line}.

## Ids

- Meetings: `<COMMUNE CODE>-<YEAR>-<EDITION>`, e.g. `KHN-2020-2`.
- Recommendations: `<MEETING ID>-R<NN>`, e.g. `KHN-2020-2-R03`.
- Status updates have no id (the contract identifies one by recommendation, date, status,
  progress and note). Within a recommendation their dates are distinct, all after the
  meeting (at least five weeks after it), and none after {today}.

## Files

Each recommendation row carries its initial status (usually not started or planned); its
history is in the tracking table, one row per update.

### `khnafif.xlsx`: Khnafif, Arabic, native Excel dates

Sheets `اللقاءات`, `التوصيات`, `تتبع الإنجاز` (right-to-left). Each sheet has a title line
above its header row (row 3) and one blank row inside the data. Domains, statuses and
priorities are Arabic labels; a few budgets are text (`350 000 درهم`); progress in the
tracking sheet is a percent-formatted cell (0.45 shown as 45%) from 2024 onwards and a plain
number before; list cells are separated by `؛`, `،`, `;` or new lines.

- meetings: {khn_meetings}
- recommendations: {khn_recs}
- status updates: {khn_updates}

### `tala-ouzrou.xlsx`: Tala Ouzrou, French

Sheets `réunions`, `recommandations`, `suivi`, header on the first row (one header with
surrounding spaces), native dates, French labels, some budgets as text (`350 000 DH`).

- meetings: {tlo_meetings}
- recommendations: {tlo_recs}
- status updates: {tlo_updates}

### `tighirt-ouzzal-reunions.csv`, `-recommandations.csv`, `-suivi.csv`: Tighirt Ouzzal

UTF-8 without BOM, `;` delimiter (as French Excel saves), French headers, text in French
and Arabic. Dates day first (`16/02/2021`) or with French month names (`12 mars 2022`);
budgets `1 200 000`, `350 000 DH` or with no-break spaces and `MAD`; progress `45 %`,
`45%` or `45`; domains as French or English labels or as keys.

- meetings: {tgz_meetings}
- recommendations: {tgz_recs}
- status updates: {tgz_updates}

### `tizgui-lkhir-meetings.csv`, `-recommendations.csv`, `-tracking.csv`: Tizgui Lkhir

UTF-8 with BOM, `,` delimiter, Arabic headers (some written without hamza, e.g.
`الاقليم`). Dates ISO, day first, with Modern Standard or Moroccan Arabic month names
(`19 فبراير 2023`, `3 شتنبر 2023`) or in Arabic-Indic digits; budgets plain, grouped with
`درهم`, or in Arabic-Indic digits with `٬`; progress `45`, `45%` or `٤٥٪`.

- meetings: {tzk_meetings}
- recommendations: {tzk_recs}
- status updates: {tzk_updates}

### `douars.csv`: the douar lists of the four communes

UTF-8, `,` delimiter, the contract's own headers (`commune`, `name_ar`, `name_fr`,
`latitude`, `longitude`): each commune's douars and its centre, named in Arabic and in
French. A recommendation whose douar (`location`) is on its commune's list is placed there
on the map; the others (about one in seven, with no douar) have no place. The coordinates
are invented: a point inside each commune's province and its douars a few kilometres
around it.
"""


# --------------------------------------------------------------------------------------


def build() -> list[str]:
    rng = random.Random(SEED)
    meetings = sample_meetings()
    specs = [KHNAFIF, TALA_OUZROU, TIGHIRT_OUZZAL, TIZGUI_LKHIR]
    communes = []
    for spec in specs:
        recs = build_recommendations(rng, spec, meetings[spec.code])
        communes.append((spec, [m for m, _ in meetings[spec.code]], recs))
    writers: list[Callable[..., str | list[str]]] = [
        write_khnafif,
        write_tala_ouzrou,
        write_tighirt_ouzzal,
        write_tizgui_lkhir,
    ]
    written: list[str] = []
    for writer, (_, commune_meetings, recs) in zip(writers, communes, strict=True):
        names = writer(rng, commune_meetings, recs)
        written.extend([names] if isinstance(names, str) else names)
    written.append(write_douars(specs))
    (HERE / "README.md").write_text(render_readme(communes), encoding="utf-8")
    written.append("README.md")
    return written


if __name__ == "__main__":
    for name in build():
        print(name)
