"""The words the demo generator (etl.demo) draws from, in French and Arabic: commune,
douar and association names, institutions, recommendation templates per domain, meeting
texts and the notes of status updates. All illustrative; edit freely, the generator only
assumes the shapes documented beside each pool.
"""

from __future__ import annotations

# --- Commune names -------------------------------------------------------------------
# (French, Arabic). Personal names go after Aït/Sidi/Oulad/Bni/Dar, place names after
# Tizi/Ighil/Tala/Aïn/Imi/Had/Sebt or alone; both kinds are common in Moroccan toponyms.
PERSON_ROOTS = (
    ("Ahmed", "أحمد"), ("Ali", "علي"), ("Brahim", "إبراهيم"), ("Youssef", "يوسف"),
    ("Hammou", "حمو"), ("Moussa", "موسى"), ("Said", "سعيد"), ("Bouzid", "بوزيد"),
    ("Lahcen", "لحسن"), ("Yahya", "يحيى"), ("Hmad", "حماد"), ("Boubker", "بوبكر"),
    ("Mansour", "منصور"), ("Rahhal", "رحال"), ("Abbou", "عبو"), ("Daoud", "داود"),
    ("Bouchaib", "بوشعيب"), ("Slimane", "سليمان"), ("Yacoub", "يعقوب"), ("Messaoud", "مسعود"),
    ("Khelifa", "خليفة"), ("Ayad", "عياد"), ("Jaber", "جابر"), ("Frej", "فرج"),
    ("Marzouk", "مرزوق"), ("Ghanem", "غانم"), ("Hssaine", "حسين"), ("Smaïl", "إسماعيل"),
    ("Abdellah", "عبد الله"), ("Mbarek", "مبارك"), ("Allal", "علال"), ("Bouamar", "بوعمر"),
    ("Addi", "عدي"), ("Omar", "عمر"), ("Driss", "إدريس"), ("Larbi", "العربي"),
    ("Ammar", "عمار"), ("Hamza", "حمزة"), ("Taleb", "طالب"), ("Aissa", "عيسى"),
    ("Belkacem", "بلقاسم"), ("Kacem", "قاسم"), ("Rahou", "رحو"), ("Bouziane", "بوزيان"),
    ("Maachou", "معشو"), ("Harrou", "حرو"), ("Tayeb", "الطيب"), ("Chaker", "شاكر"),
    ("Zaid", "زايد"), ("Hassoun", "حسون"),
)  # fmt: skip
PLACE_ROOTS = (
    ("Tafraout", "تافراوت"), ("Tamlalt", "تاملالت"), ("Ouzzal", "أوزال"), ("Tagant", "تاكانت"),
    ("Zerhoun", "زرهون"), ("Tiout", "تيوت"), ("Issafen", "إيسافن"), ("Amlou", "أملو"),
    ("Tinfat", "تنفات"), ("Oumgoun", "أومكون"), ("Tamest", "تامست"), ("Tassila", "تاسيلا"),
    ("Tafrent", "تافرنت"), ("Tidili", "تيديلي"), ("Tagmout", "تاكموت"), ("Tilmi", "تلمي"),
    ("Azrou", "أزرو"), ("Amassine", "أماسين"), ("Igli", "إكلي"), ("Skoura", "سكورة"),
    ("Toundoute", "توندوت"), ("Tazarine", "تازارين"), ("Anzi", "أنزي"), ("Tamanar", "تمنار"),
    ("Tazekka", "تازكة"), ("Tilouggite", "تيلوكيت"), ("Guigou", "كيكو"), ("Ameskroud", "أمسكرود"),
    ("Tanalt", "تانالت"), ("Ikounka", "إكونكا"), ("Ouijjane", "ويجان"), ("Tiqqi", "تيقي"),
    ("Tamri", "تامري"), ("Aguelmous", "أكلموس"), ("Tafoughalt", "تافوغالت"), ("Assaka", "أساكا"),
    ("Imouzzer", "إيموزار"), ("Tiddas", "تيداس"), ("Aoulouz", "أولوز"), ("Ouaneskra", "وانسكرة"),
    ("Tinzouline", "تنزولين"), ("Ammeln", "أملن"), ("Talmest", "تالمست"), ("Afella", "أفلا"),
    ("Tagounite", "تاكونيت"), ("Oumnass", "أومناس"), ("Tamazirt", "تمازيرت"), ("Tazrout", "تازروت"),
    ("Timoulay", "تيمولاي"), ("Tisgui", "تيسكي"),
)  # fmt: skip
PERSON_PREFIXES = (
    ("Aït", "آيت"),
    ("Sidi", "سيدي"),
    ("Oulad", "أولاد"),
    ("Bni", "بني"),
    ("Dar", "دار"),
)
PLACE_PREFIXES = (
    ("Tizi", "تيزي"), ("Ighil", "إغيل"), ("Tala", "تالة"), ("Aïn", "عين"),
    ("Imi", "إمي"), ("Had", "حد"), ("Sebt", "سبت"), ("", ""),
)  # fmt: skip
QUALIFIERS = (
    ("El Oulya", "العليا"), ("Es Sefla", "السفلى"), ("El Jadida", "الجديدة"),
    ("Ech Chamalia", "الشمالية"), ("El Janoubia", "الجنوبية"), ("Ech Charkia", "الشرقية"),
    ("El Gharbia", "الغربية"),
)  # fmt: skip


# --- Douars, associations, institutions ----------------------------------------------
DOUAR_PREFIXES = (("", ""), ("Aït", "آيت"), ("Agadir", "أكادير"), ("Ighil", "إغيل"))
CENTRE = {"fr": "Centre de la commune", "ar": "مركز الجماعة"}
DOUAR_WORD = {"fr": "Douar", "ar": "دوار"}

ASSOCIATION_WORDS = (
    ("Al Amal", "الأمل"), ("Ennahda", "النهضة"), ("Tifawin", "تيفاوين"), ("Azir", "أزير"),
    ("Tiwizi", "تويزة"), ("Al Fath", "الفتح"), ("Annour", "النور"), ("Assalam", "السلام"),
    ("Tamount", "تامونت"), ("Amoudou", "أمودو"), ("Tilelli", "تيللي"), ("Afoulki", "أفولكي"),
    ("Al Wafa", "الوفاء"), ("Attadamoun", "التضامن"), ("Al Khayr", "الخير"), ("Tadart", "تادارت"),
    ("Izorane", "إزوران"),
)  # fmt: skip
# (French, Arabic, domain, slot): the slot is filled with a word ("w"), a douar ("d") or
# nothing; every name ends with the commune's, so names are unique across the country.
ASSOCIATION_TEMPLATES = (
    ("Association {x} pour le développement et la coopération {de}",
     "جمعية {x} للتنمية والتعاون ب{c}", None, "w"),
    ("Association {x} pour la culture et le développement {de}",
     "جمعية {x} للثقافة والتنمية ب{c}", "culture_sports_youth", "w"),
    ("Association des parents d'élèves de l'école {x} {de}",
     "جمعية آباء وأولياء تلاميذ مدرسة {x} ب{c}", "education", "d"),
    ("Association sportive {x} {de}", "الجمعية الرياضية {x} ب{c}", "culture_sports_youth", "d"),
    ("Coopérative féminine {x} {de}", "التعاونية النسائية {x} ب{c}", "women_social", "w"),
    ("Association des usagers de l'eau du douar {x} {de}",
     "جمعية مستعملي الماء لدوار {x} ب{c}", "water_sanitation", "d"),
    ("Association {x} pour l'environnement {de}", "جمعية {x} للبيئة ب{c}", "environment", "w"),
    ("Association des jeunes du douar {x} {de}",
     "جمعية شباب دوار {x} ب{c}", "culture_sports_youth", "d"),
    ("Association {x} des femmes rurales {de}",
     "جمعية {x} للمرأة القروية ب{c}", "women_social", "w"),
    ("Association {x} pour l'action sociale {de}",
     "جمعية {x} للعمل الاجتماعي ب{c}", "women_social", "w"),
    ("Association des agriculteurs du douar {x} {de}",
     "جمعية فلاحي دوار {x} ب{c}", "agriculture", "d"),
    ("Association {x} pour le développement rural {de}",
     "جمعية {x} للتنمية القروية ب{c}", None, "w"),
    ("Association des personnes en situation de handicap {de}",
     "جمعية الأشخاص في وضعية إعاقة ب{c}", "women_social", ""),
    ("Association des commerçants du souk {de}",
     "جمعية تجار السوق الأسبوعي ب{c}", "economy_employment", ""),
    ("Association {x} pour le tourisme rural {de}",
     "جمعية {x} للسياحة القروية ب{c}", "economy_employment", "w"),
    ("Association {x} pour la participation citoyenne {de}",
     "جمعية {x} للمشاركة المواطنة ب{c}", "governance_participation", "w"),
)  # fmt: skip

INSTITUTIONS: dict[str, tuple[str, str]] = {
    "cc": ("Conseil communal", "المجلس الجماعي"),
    "cp": ("Conseil provincial", "المجلس الإقليمي"),
    "cr": ("Conseil de la Région {region}", "مجلس جهة {region}"),
    "province": ("Autorités provinciales", "السلطات الإقليمية"),
    "indh": ("INDH", "المبادرة الوطنية للتنمية البشرية"),
    "onee": ("ONEE", "{onee}"),
    "edu": ("Direction provinciale de l'Éducation nationale", "المديرية الإقليمية للتعليم"),
    "sante": ("Délégation provinciale de la Santé", "المندوبية الإقليمية للصحة"),
    "equip": ("Direction provinciale de l'Équipement", "المديرية الإقليمية للتجهيز"),
    "agri": ("Direction provinciale de l'Agriculture", "المديرية الإقليمية للفلاحة"),
    "jeunesse": (
        "Direction provinciale de la Jeunesse et des Sports",
        "المديرية الإقليمية للشباب والرياضة",
    ),
    "culture": ("Direction provinciale de la Culture", "المديرية الإقليمية للثقافة"),
    "entraide": ("Entraide nationale", "التعاون الوطني"),
    "forets": ("Agence nationale des Eaux et Forêts", "الوكالة الوطنية للمياه والغابات"),
    "abh": ("Agence du bassin hydraulique", "وكالة الحوض المائي"),
    "assoc": ("Associations locales", "جمعيات المجتمع المدني"),
    "gc": ("Groupement de communes", "مجموعة الجماعات"),
    "anapec": ("ANAPEC", "الوكالة الوطنية لإنعاش التشغيل والكفاءات"),
    "odco": ("ODCO", "مكتب تنمية التعاون"),
}
# People write ONEE's name in full or as its acronym, in Arabic text too.
ONEE_AR = ("ONEE", "المكتب الوطني للكهرباء والماء الصالح للشرب")

# --- Recommendation templates --------------------------------------------------------
# (French, Arabic, responsible, partners, median budget in MAD or None, place): the place
# is "a" (douar {a}), "ab" (between douars {a} and {b}) or "c" (the commune as a whole).
Template = tuple[str, str, str, tuple[str, ...], int | None, str]
TEMPLATES: dict[str, tuple[Template, ...]] = {
    "roads_transport": (
        ("Aménagement de la piste reliant le douar {a} au douar {b}",
         "تهيئة المسلك الرابط بين دوار {a} ودوار {b}", "cc", ("cp", "equip", "indh"), 1_500_000,
         "ab"),
        ("Construction d'un pont sur l'oued près du douar {a}",
         "بناء قنطرة على الوادي بالقرب من دوار {a}", "cp", ("cc", "equip"), 900_000, "a"),
        ("Revêtement de la route d'accès au douar {a}",
         "تعبيد الطريق المؤدية إلى دوار {a}", "cc", ("cp", "cr"), 2_000_000, "a"),
        ("Transport scolaire pour les élèves du douar {a}",
         "توفير النقل المدرسي لفائدة تلاميذ دوار {a}", "cc", ("indh", "edu", "assoc"), 400_000,
         "a"),
        ("Entretien des pistes rurales endommagées par les pluies",
         "صيانة المسالك القروية المتضررة من الأمطار", "cc", ("cp",), 300_000, "c"),
        ("Construction d'un radier au douar {a}",
         "بناء منشأة فنية بدوار {a}", "cp", ("cc",), 600_000, "a"),
        ("Mise en place d'une ligne de transport rural vers le centre",
         "إحداث خط للنقل القروي نحو مركز الجماعة", "cc", ("province",), None, "c"),
        ("Aménagement des ruelles du douar {a}",
         "تهيئة أزقة دوار {a}", "cc", ("indh",), 700_000, "a"),
    ),
    "water_sanitation": (
        ("Raccordement du douar {a} au réseau d'eau potable",
         "ربط دوار {a} بشبكة الماء الصالح للشرب", "onee", ("cc", "indh"), 1_200_000, "a"),
        ("Forage d'un puits équipé d'une pompe solaire au douar {a}",
         "حفر بئر وتجهيزه بمضخة تعمل بالطاقة الشمسية بدوار {a}", "cc", ("abh", "indh"), 400_000,
         "a"),
        ("Réseau d'assainissement liquide du centre de la commune",
         "إنجاز شبكة التطهير السائل بمركز الجماعة", "onee", ("cc", "cp"), 3_500_000, "c"),
        ("Construction d'un réservoir d'eau au douar {a}",
         "بناء خزان مائي بدوار {a}", "cc", ("onee",), 500_000, "a"),
        ("Renouvellement des conduites d'eau entre le douar {a} et le douar {b}",
         "تجديد قنوات الماء بين دوار {a} ودوار {b}", "onee", ("cc",), 800_000, "ab"),
        ("Protection du douar {a} contre les inondations",
         "حماية دوار {a} من الفيضانات", "abh", ("cc", "cp"), 1_500_000, "a"),
        ("Construction de fosses septiques collectives au douar {a}",
         "بناء حفر صحية جماعية بدوار {a}", "cc", ("indh",), 250_000, "a"),
        ("Approvisionnement en eau par camion-citerne en été au douar {a}",
         "تزويد دوار {a} بالماء عبر الشاحنات الصهريجية صيفا", "cc", ("province",), 80_000, "a"),
    ),
    "electricity_lighting": (
        ("Extension de l'éclairage public au douar {a}",
         "تعميم الإنارة العمومية على دوار {a}", "cc", ("onee",), 400_000, "a"),
        ("Remplacement des lampes par un éclairage LED économe",
         "تعويض مصابيح الإنارة العمومية بمصابيح اقتصادية", "cc", (), 300_000, "c"),
        ("Électrification des foyers restants du douar {a}",
         "ربط المنازل المتبقية بدوار {a} بالشبكة الكهربائية", "onee", ("cc",), 350_000, "a"),
        ("Éclairage solaire de la place et du terrain de sport",
         "إنارة الساحة العمومية والملعب بالطاقة الشمسية", "cc", ("cr",), 250_000, "c"),
        ("Éclairage de la route entre le douar {a} et le douar {b}",
         "إنارة الطريق بين دوار {a} ودوار {b}", "cc", ("onee", "cp"), 600_000, "ab"),
        ("Renforcement du réseau électrique au douar {a}",
         "تقوية الشبكة الكهربائية بدوار {a}", "onee", (), 500_000, "a"),
    ),
    "education": (
        ("Construction de deux salles de classe à l'école du douar {a}",
         "بناء حجرتين دراسيتين بمدرسة دوار {a}", "edu", ("cc",), 700_000, "a"),
        ("Ouverture d'une classe de préscolaire au douar {a}",
         "فتح قسم للتعليم الأولي بدوار {a}", "edu", ("indh", "cc"), 200_000, "a"),
        ("Mise à niveau des sanitaires de l'école du douar {a}",
         "تأهيل المرافق الصحية بمدرسة دوار {a}", "edu", ("cc", "assoc"), 150_000, "a"),
        ("Cours de soutien scolaire pour les collégiens",
         "تنظيم دروس الدعم لفائدة تلاميذ السلك الإعدادي", "cc", ("assoc",), 50_000, "c"),
        ("Construction d'un internat pour les élèves du collège",
         "بناء داخلية لفائدة تلاميذ الإعدادية", "edu", ("cp", "indh"), 2_500_000, "c"),
        ("Clôture de l'école du douar {a}", "تسييج مدرسة دوار {a}", "edu", ("cc",), 120_000, "a"),
        ("Création d'une école communautaire",
         "إحداث مدرسة جماعاتية", "edu", ("cr", "cp", "cc"), 6_000_000, "c"),
        ("Équipement de la bibliothèque scolaire du douar {a}",
         "تجهيز المكتبة المدرسية بدوار {a}", "edu", ("assoc",), 40_000, "a"),
    ),
    "health": (
        ("Affectation d'un médecin permanent au centre de santé",
         "توفير طبيب بصفة دائمة بالمركز الصحي", "sante", (), None, "c"),
        ("Acquisition d'une ambulance", "اقتناء سيارة إسعاف", "cc", ("cp", "indh"), 450_000, "c"),
        ("Caravane médicale au douar {a}",
         "تنظيم قافلة طبية بدوار {a}", "sante", ("cc", "assoc"), 70_000, "a"),
        ("Construction d'une maison d'accouchement",
         "إحداث دار للولادة", "sante", ("cp", "indh"), 2_500_000, "c"),
        ("Ouverture d'un dispensaire rural au douar {a}",
         "فتح مستوصف قروي بدوار {a}", "sante", ("cc", "cp"), 1_200_000, "a"),
        ("Équipement du centre de santé en matériel médical",
         "تجهيز المركز الصحي بالمعدات الطبية", "sante", ("indh",), 350_000, "c"),
        ("Campagne de sensibilisation au diabète et à l'hypertension",
         "حملة تحسيسية حول داء السكري وارتفاع الضغط الدموي", "sante", ("assoc",), 30_000, "c"),
    ),
    "culture_sports_youth": (
        ("Création d'un terrain de sport de proximité au douar {a}",
         "إحداث ملعب رياضي للقرب بدوار {a}", "cc", ("jeunesse", "indh"), 1_000_000, "a"),
        ("Réhabilitation et équipement de la maison des jeunes",
         "تأهيل دار الشباب وتجهيزها", "cc", ("jeunesse",), 500_000, "c"),
        ("Tournoi de football entre les douars",
         "تنظيم دوري لكرة القدم بين الدواوير", "cc", ("assoc",), 40_000, "c"),
        ("Création d'une bibliothèque communale",
         "إحداث مكتبة جماعية", "cc", ("culture", "cr"), 350_000, "c"),
        ("Festival annuel du patrimoine local",
         "تنظيم مهرجان سنوي للتراث المحلي", "cc", ("cr", "culture"), 150_000, "c"),
        ("Aménagement d'un espace de jeux pour enfants au douar {a}",
         "تهيئة فضاء لألعاب الأطفال بدوار {a}", "cc", ("indh",), 200_000, "a"),
        ("Colonies de vacances pour les enfants de la commune",
         "تنظيم مخيمات صيفية لفائدة أطفال الجماعة", "jeunesse", ("cc", "assoc"), 60_000, "c"),
    ),
    "women_social": (
        ("Appui à la coopérative féminine du douar {a}",
         "دعم التعاونية النسائية بدوار {a}", "indh", ("cc",), 250_000, "a"),
        ("Classes d'alphabétisation pour les femmes du douar {a}",
         "فتح أقسام لمحو الأمية لفائدة نساء دوار {a}", "entraide", ("cc", "assoc"), 50_000, "a"),
        ("Construction d'un foyer Dar Taliba pour les collégiennes",
         "بناء دار الطالبة لتشجيع تمدرس الفتيات", "cp", ("indh", "cc"), 2_000_000, "c"),
        ("Équipement d'un centre pour les personnes en situation de handicap",
         "تجهيز مركز لاستقبال الأشخاص في وضعية إعاقة", "entraide", ("cc", "indh"), 450_000, "c"),
        ("Création d'un foyer féminin au douar {a}",
         "إحداث نادي نسوي بدوار {a}", "entraide", ("cc",), 300_000, "a"),
        ("Aide aux familles démunies pendant la vague de froid",
         "دعم الأسر المعوزة خلال موجة البرد", "province", ("cc", "assoc"), 100_000, "c"),
        ("Prise en charge des personnes âgées isolées",
         "التكفل بالأشخاص المسنين في وضعية صعبة", "entraide", ("assoc",), None, "c"),
    ),
    "economy_employment": (
        ("Aménagement du souk hebdomadaire", "تهيئة السوق الأسبوعي", "cc", ("cp",), 1_000_000, "c"),
        ("Formation des jeunes à l'auto-entrepreneuriat",
         "تكوين الشباب في مجال المقاولة الذاتية", "indh", ("cc", "anapec"), 100_000, "c"),
        ("Locaux commerciaux pour les jeunes porteurs de projets",
         "بناء محلات تجارية لفائدة الشباب حاملي المشاريع", "cc", ("indh",), 700_000, "c"),
        ("Appui aux coopératives de produits du terroir du douar {a}",
         "دعم تعاونيات المنتوجات المحلية بدوار {a}", "odco", ("indh", "cc"), 200_000, "a"),
        ("Création d'une zone d'activités artisanales",
         "إحداث منطقة للأنشطة الحرفية", "cc", ("cr",), 3_000_000, "c"),
        ("Valorisation du tourisme rural au douar {a}",
         "تثمين السياحة القروية بدوار {a}", "cc", ("cr", "assoc"), 300_000, "a"),
    ),
    "agriculture": (
        ("Réhabilitation des séguias du douar {a}",
         "تهيئة سواقي دوار {a}", "agri", ("cc",), 600_000, "a"),
        ("Distribution de plants d'oliviers aux petits agriculteurs",
         "توزيع شتلات الزيتون على الفلاحين الصغار", "agri", ("assoc",), 120_000, "c"),
        ("Soutien aux éleveurs en fourrage pendant la sécheresse",
         "دعم مربي الماشية بالأعلاف خلال فترات الجفاف", "agri", ("cp",), None, "c"),
        ("Construction d'un bassin d'irrigation au douar {a}",
         "بناء صهريج للسقي بدوار {a}", "agri", ("cc", "abh"), 450_000, "a"),
        ("Unité de valorisation des produits agricoles",
         "إحداث وحدة لتثمين المنتوجات الفلاحية", "agri", ("indh", "cc"), 800_000, "c"),
        ("Aménagement de la piste agricole du douar {a}",
         "تهيئة المسلك الفلاحي بدوار {a}", "agri", ("cc",), 900_000, "a"),
        ("Campagne de vaccination du cheptel", "حملة لتلقيح الماشية", "agri", ("cc",), 60_000, "c"),
    ),
    "environment": (
        ("Organisation de la collecte des déchets ménagers au douar {a}",
         "تنظيم جمع النفايات المنزلية بدوار {a}", "cc", ("gc",), 350_000, "a"),
        ("Plantation d'arbres autour des écoles",
         "حملة تشجير بمحيط المدارس", "cc", ("forets", "assoc"), 50_000, "c"),
        ("Fermeture des décharges sauvages",
         "القضاء على المطارح العشوائية", "cc", ("cp",), 200_000, "c"),
        ("Création d'une décharge contrôlée",
         "إحداث مطرح مراقب للنفايات", "cp", ("gc", "cc"), 2_500_000, "c"),
        ("Lutte contre l'ensablement au douar {a}",
         "محاربة زحف الرمال بدوار {a}", "forets", ("cc",), 400_000, "a"),
        ("Aménagement d'un espace vert au centre",
         "تهيئة مساحة خضراء بمركز الجماعة", "cc", (), 300_000, "c"),
    ),
    "governance_participation": (
        ("Publication du plan d'action communal et du suivi des recommandations",
         "نشر برنامج عمل الجماعة وتتبع التوصيات", "cc", (), None, "c"),
        ("Formation des associations au montage de projets",
         "تكوين الجمعيات في إعداد المشاريع", "cc", ("indh",), 50_000, "c"),
        ("Activation de l'instance de l'équité, de l'égalité des chances et du genre",
         "تفعيل هيئة المساواة وتكافؤ الفرص ومقاربة النوع", "cc", ("assoc",), None, "c"),
        ("Tenue d'une rencontre semestrielle avec les associations",
         "عقد لقاء نصف سنوي مع الجمعيات", "cc", (), None, "c"),
        ("Création d'un bureau d'accueil des citoyens",
         "إحداث مكتب لاستقبال المواطنين", "cc", (), 80_000, "c"),
        ("Diffusion des sessions du conseil en ligne",
         "بث دورات المجلس عبر الإنترنت", "cc", (), 30_000, "c"),
    ),
    "other": (
        ("Clôture et aménagement du cimetière du douar {a}",
         "تسييج مقبرة دوار {a} وتهيئتها", "cc", (), 150_000, "a"),
        ("Numérotation des maisons et dénomination des rues",
         "ترقيم المنازل وتسمية الأزقة", "cc", (), 100_000, "c"),
        ("Aménagement de la place du douar {a}", "تهيئة ساحة دوار {a}", "cc", (), 200_000, "a"),
    ),
}  # fmt: skip

# The first description names the recommendation's douar: not for commune-wide ones.
DESCRIPTIONS = {
    "fr": (
        "Demande exprimée par les habitants du douar {a}.",
        "Bénéficiaires estimés : {n} habitants.",
        "Point soulevé par plusieurs associations lors de la rencontre.",
        "Demande renouvelée depuis la rencontre précédente.",
    ),
    "ar": (
        "طلب عبرت عنه ساكنة دوار {a}.",
        "عدد المستفيدين المتوقع: {n} نسمة.",
        "نقطة أثارتها عدة جمعيات خلال اللقاء.",
        "طلب متجدد منذ اللقاء السابق.",
    ),
}

# --- Meetings ------------------------------------------------------------------------
AR_ORDINALS = (
    "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس",
    "السابع", "الثامن", "التاسع", "العاشر", "الحادي عشر", "الثاني عشر",
)  # fmt: skip
MEETING_TITLES = {
    "fr": (
        "{n} rencontre communicative avec les associations",
        "{n} rencontre communicative avec la société civile",
        "{n} rencontre de concertation sur le plan d'action communal",
    ),
    "ar": (
        "اللقاء التواصلي {n} مع جمعيات المجتمع المدني",
        "اللقاء التواصلي {n} مع فعاليات المجتمع المدني",
        "اللقاء التشاوري {n} حول برنامج عمل الجماعة",
    ),
}
MEETING_KIND = {"fr": "Rencontre communicative", "ar": "لقاء تواصلي"}
MEETING_PLACES = {
    "fr": (
        "Siège de la commune",
        "Salle des réunions de la commune",
        "Maison des jeunes",
        "Foyer féminin",
        "Centre socioculturel",
    ),
    "ar": (
        "مقر الجماعة",
        "قاعة الاجتماعات بمقر الجماعة",
        "دار الشباب",
        "النادي النسوي",
        "المركب السوسيو ثقافي",
    ),
}
CHAIRS = {
    "fr": ("Président du conseil communal", "Vice-président du conseil communal"),
    "ar": ("رئيس المجلس الجماعي", "نائب رئيس المجلس الجماعي"),
}
FACILITATORS = {
    "fr": (
        "Chargé de la démocratie participative",
        "Représentant du tissu associatif",
        "Directeur général des services",
        "Animateur INDH",
    ),
    "ar": (
        "المكلف بالديمقراطية التشاركية",
        "ممثل النسيج الجمعوي",
        "المدير العام للمصالح",
        "منشط المبادرة الوطنية للتنمية البشرية",
    ),
}
SUMMARIES = {
    "fr": (
        "Bilan des recommandations de la rencontre précédente et écoute de {n} associations.",
        "Présentation du plan d'action communal et débat avec les associations présentes.",
        "Les associations ont présenté les besoins prioritaires de leurs douars.",
    ),
    "ar": (
        "تقديم حصيلة تنفيذ توصيات اللقاء السابق والاستماع إلى {n} جمعية.",
        "عرض برنامج عمل الجماعة ونقاش مع الجمعيات الحاضرة.",
        "قدمت الجمعيات الحاجيات ذات الأولوية لدواويرها.",
    ),
}
REPORTERS = {
    "fr": (
        "Secrétariat général de la commune",
        "Service technique communal",
        "Service des affaires sociales",
        "Comité de suivi des recommandations",
    ),
    "ar": (
        "الكتابة العامة للجماعة",
        "المصلحة التقنية بالجماعة",
        "قسم الشؤون الاجتماعية بالجماعة",
        "لجنة تتبع التوصيات",
    ),
}

# --- Status updates ------------------------------------------------------------------
# Notes by kind of step: the statuses, plus 'started' (first works) and 'resumed'.
NOTES: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        "not_started": (
            "Aucun crédit mobilisé pour l'instant",
            "En attente de l'accord du partenaire",
            "Rappel de la recommandation en session ordinaire",
        ),
        "planned": (
            "Inscrite au budget de la commune",
            "Intégrée au plan d'action communal",
            "Convention de partenariat en préparation",
            "Étude technique en cours de préparation",
        ),
        "started": ("Démarrage des travaux", "Lancement en présence des associations"),
        "in_progress": ("Travaux en cours", "Avancement satisfaisant", "Première tranche achevée"),
        "resumed": ("Reprise des travaux", "Reprise après règlement du problème"),
        "stalled": (
            "Travaux arrêtés en attendant la contribution du partenaire",
            "Problème de foncier",
            "Appel d'offres infructueux",
            "Hausse du coût des matériaux",
            "Pas de nouvelles depuis la dernière mise à jour",
        ),
        "completed": (
            "Réception provisoire des travaux",
            "Travaux achevés, équipement en service",
            "Réalisée en partenariat avec les associations",
        ),
        "partially_completed": (
            "Clôturée : première tranche réalisée, la suite abandonnée faute de crédits",
            "Réalisée en partie, le reste reporté au prochain programme",
        ),
        "cancelled": (
            "Annulée : prise en charge par un autre département",
            "Terrain introuvable",
            "Remplacée par un projet jugé prioritaire",
        ),
    },
    "ar": {
        "not_started": (
            "لم يتم رصد أي اعتماد بعد",
            "في انتظار موافقة الشريك",
            "تذكير بالتوصية خلال الدورة العادية للمجلس",
        ),
        "planned": (
            "تمت برمجة المشروع في ميزانية الجماعة",
            "إدراج التوصية في برنامج عمل الجماعة",
            "اتفاقية الشراكة في طور الإعداد",
            "إعداد الدراسة التقنية",
        ),
        "started": ("انطلاق الأشغال", "إعطاء الانطلاقة بحضور ممثلي الجمعيات"),
        "in_progress": ("الأشغال متواصلة", "تقدم ملموس في الأشغال", "استكمال الشطر الأول"),
        "resumed": ("استئناف الأشغال", "استئناف الأشغال بعد تسوية الإشكال"),
        "stalled": (
            "توقف الأشغال في انتظار تحويل مساهمة الشريك",
            "مشكل في تعبئة الوعاء العقاري",
            "طلب العروض غير مثمر",
            "ارتفاع كلفة مواد البناء",
            "لا جديد منذ آخر تحيين",
        ),
        "completed": (
            "التسلم المؤقت للأشغال",
            "انتهاء الأشغال ودخول المشروع حيز الخدمة",
            "تم الإنجاز بشراكة مع الجمعيات",
        ),
        "partially_completed": (
            "إغلاق التوصية بعد إنجاز الشطر الأول والتخلي عن الباقي لغياب الاعتمادات",
            "إنجاز جزئي وإرجاء الباقي إلى البرنامج المقبل",
        ),
        "cancelled": (
            "إلغاء التوصية بعد تكفل قطاع آخر بالمشروع",
            "تعذر توفير الوعاء العقاري",
            "تعويض المشروع بمشروع بديل ذي أولوية",
        ),
    },
}
