"""Morocco's regions and provinces (2015 territorial division), in French and Arabic.

Used to place a commune's province in its region, and by the demo generator."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    key: str  # ascii slug, e.g. "souss_massa"
    name_fr: str  # "Souss-Massa"
    name_ar: str  # "سوس ماسة"


@dataclass(frozen=True)
class Province:
    key: str  # ascii slug, e.g. "taroudant"
    name_fr: str  # "Taroudant"
    name_ar: str  # "تارودانت"
    region: str  # Region.key
    prefecture: bool  # True for préfectures (e.g. Agadir Ida-Outanane)
    aliases: tuple[str, ...] = ()  # other spellings people write, French or Arabic


REGIONS: tuple[Region, ...] = (
    Region("tanger_tetouan_al_hoceima", "Tanger-Tétouan-Al Hoceïma", "طنجة تطوان الحسيمة"),
    Region("oriental", "L'Oriental", "الشرق"),
    Region("fes_meknes", "Fès-Meknès", "فاس مكناس"),
    Region("rabat_sale_kenitra", "Rabat-Salé-Kénitra", "الرباط سلا القنيطرة"),
    Region("beni_mellal_khenifra", "Béni Mellal-Khénifra", "بني ملال خنيفرة"),
    Region("casablanca_settat", "Casablanca-Settat", "الدار البيضاء سطات"),
    Region("marrakech_safi", "Marrakech-Safi", "مراكش آسفي"),
    Region("draa_tafilalet", "Drâa-Tafilalet", "درعة تافيلالت"),
    Region("souss_massa", "Souss-Massa", "سوس ماسة"),
    Region("guelmim_oued_noun", "Guelmim-Oued Noun", "كلميم واد نون"),
    Region("laayoune_sakia_el_hamra", "Laâyoune-Sakia El Hamra", "العيون الساقية الحمراء"),
    Region("dakhla_oued_ed_dahab", "Dakhla-Oued Ed-Dahab", "الداخلة وادي الذهب"),
)

_TTA = "tanger_tetouan_al_hoceima"
_ORI = "oriental"
_FM = "fes_meknes"
_RSK = "rabat_sale_kenitra"
_BMK = "beni_mellal_khenifra"
_CS = "casablanca_settat"
_MS = "marrakech_safi"
_DT = "draa_tafilalet"
_SM = "souss_massa"
_GON = "guelmim_oued_noun"
_LSH = "laayoune_sakia_el_hamra"
_DOD = "dakhla_oued_ed_dahab"

PROVINCES: tuple[Province, ...] = (
    # Tanger-Tétouan-Al Hoceïma (8)
    Province(
        "tanger_assilah",
        "Tanger-Assilah",
        "طنجة أصيلة",
        _TTA,
        True,
        ("Tanger", "Tangier", "Tangiers", "Tanja", "طنجة"),
    ),
    Province(
        "mdiq_fnideq",
        "M'diq-Fnideq",
        "المضيق الفنيدق",
        _TTA,
        True,
        ("M'diq", "Mdiq", "Fnideq", "Mdiq Fnidek", "المضيق"),
    ),
    Province("tetouan", "Tétouan", "تطوان", _TTA, False, ("Tetuan", "Titouan")),
    Province("fahs_anjra", "Fahs-Anjra", "الفحص أنجرة", _TTA, False, ("Fahs Anjra", "Fahs-Anjera")),
    Province("larache", "Larache", "العرائش", _TTA, False, ("Laarache", "El Araich")),
    Province(
        "al_hoceima",
        "Al Hoceïma",
        "الحسيمة",
        _TTA,
        False,
        ("El Hoceima", "Hoceima", "Al Hoceyma", "Alhucemas"),
    ),
    Province(
        "chefchaouen", "Chefchaouen", "شفشاون", _TTA, False, ("Chaouen", "Chefchaouene", "Xauen")
    ),
    Province("ouezzane", "Ouezzane", "وزان", _TTA, False, ("Ouazzane", "Wazzane", "Wezzane")),
    # L'Oriental (8)
    Province(
        "oujda_angad",
        "Oujda-Angad",
        "وجدة أنكاد",
        _ORI,
        True,
        ("Oujda", "Oujda Angad", "وجدة", "وجدة انجاد"),
    ),
    Province("nador", "Nador", "الناظور", _ORI, False, ("الناضور",)),
    Province("driouch", "Driouch", "الدريوش", _ORI, False, ("Driouche",)),
    Province("jerada", "Jerada", "جرادة", _ORI, False, ("Jrada",)),
    Province("berkane", "Berkane", "بركان", _ORI, False),
    Province("taourirt", "Taourirt", "تاوريرت", _ORI, False),
    Province("guercif", "Guercif", "جرسيف", _ORI, False, ("Guersif", "ݣرسيف")),
    Province("figuig", "Figuig", "فجيج", _ORI, False, ("Fguig",)),
    # Fès-Meknès (9)
    Province("fes", "Fès", "فاس", _FM, True, ("Fez", "Fes")),
    Province("meknes", "Meknès", "مكناس", _FM, True, ("Meknassa", "Miknas")),
    Province("el_hajeb", "El Hajeb", "الحاجب", _FM, False, ("Hajeb",)),
    Province("ifrane", "Ifrane", "إفران", _FM, False, ("Ifran",)),
    Province(
        "moulay_yacoub",
        "Moulay Yacoub",
        "مولاي يعقوب",
        _FM,
        False,
        ("Moulay Yaacoub", "Moulay Yaqoub", "My Yacoub"),
    ),
    Province("sefrou", "Sefrou", "صفرو", _FM, False),
    Province("boulemane", "Boulemane", "بولمان", _FM, False, ("Boulmane",)),
    Province("taounate", "Taounate", "تاونات", _FM, False),
    Province("taza", "Taza", "تازة", _FM, False),
    # Rabat-Salé-Kénitra (7)
    Province("rabat", "Rabat", "الرباط", _RSK, True),
    Province("sale", "Salé", "سلا", _RSK, True, ("Sala",)),
    Province(
        "skhirate_temara",
        "Skhirate-Témara",
        "الصخيرات تمارة",
        _RSK,
        True,
        ("Skhirat-Temara", "Temara", "Témara", "Skhirate", "Skhirat", "تمارة"),
    ),
    Province("kenitra", "Kénitra", "القنيطرة", _RSK, False),
    Province("khemisset", "Khémisset", "الخميسات", _RSK, False, ("Khmisset",)),
    Province("sidi_kacem", "Sidi Kacem", "سيدي قاسم", _RSK, False, ("Sidi Qacem",)),
    Province("sidi_slimane", "Sidi Slimane", "سيدي سليمان", _RSK, False),
    # Béni Mellal-Khénifra (5)
    Province("beni_mellal", "Béni Mellal", "بني ملال", _BMK, False, ("Beni-Mellal",)),
    Province("azilal", "Azilal", "أزيلال", _BMK, False),
    Province(
        "fquih_ben_salah",
        "Fquih Ben Salah",
        "الفقيه بن صالح",
        _BMK,
        False,
        ("Fkih Ben Salah", "Fqih Ben Salah", "Fquih Ben Saleh", "El Fquih Ben Salah"),
    ),
    Province("khenifra", "Khénifra", "خنيفرة", _BMK, False),
    Province("khouribga", "Khouribga", "خريبكة", _BMK, False),
    # Casablanca-Settat (9)
    Province(
        "casablanca",
        "Casablanca",
        "الدار البيضاء",
        _CS,
        True,
        ("Casa", "Dar El Beida", "Dar Beida", "Casablanca-Anfa", "البيضاء"),
    ),
    Province("mohammedia", "Mohammédia", "المحمدية", _CS, True, ("Mohammadia", "Fedala")),
    Province("el_jadida", "El Jadida", "الجديدة", _CS, False, ("Jadida", "Mazagan")),
    Province("nouaceur", "Nouaceur", "النواصر", _CS, False, ("Nouasseur",)),
    Province("mediouna", "Médiouna", "مديونة", _CS, False),
    Province(
        "benslimane",
        "Benslimane",
        "بنسليمان",
        _CS,
        False,
        ("Ben Slimane", "ابن سليمان", "بن سليمان"),
    ),
    Province("berrechid", "Berrechid", "برشيد", _CS, False, ("Berchid",)),
    Province("settat", "Settat", "سطات", _CS, False),
    Province("sidi_bennour", "Sidi Bennour", "سيدي بنور", _CS, False, ("Sidi Bnour",)),
    # Marrakech-Safi (8)
    Province("marrakech", "Marrakech", "مراكش", _MS, True, ("Marrakesh", "Marrakech-Menara")),
    Province("chichaoua", "Chichaoua", "شيشاوة", _MS, False),
    Province("al_haouz", "Al Haouz", "الحوز", _MS, False, ("El Haouz", "Haouz")),
    Province(
        "el_kelaa_des_sraghna",
        "El Kelâa des Sraghna",
        "قلعة السراغنة",
        _MS,
        False,
        (
            "Kelaa des Sraghna",
            "El Kelaa Sraghna",
            "Kalaat Sraghna",
            "Kelaat Sraghna",
            "Kelaa Sraghna",
            "Kelâa des Sraghna",
            "El Kelaa",
            "Sraghna",
            "السراغنة",
        ),
    ),
    Province("essaouira", "Essaouira", "الصويرة", _MS, False, ("Mogador", "Souira")),
    Province("rehamna", "Rehamna", "الرحامنة", _MS, False, ("Rhamna", "Er-Rehamna")),
    Province("safi", "Safi", "آسفي", _MS, False, ("أسفي", "اسفي")),
    Province("youssoufia", "Youssoufia", "اليوسفية", _MS, False, ("Youssoufiya", "Louis-Gentil")),
    # Drâa-Tafilalet (5)
    Province(
        "errachidia",
        "Errachidia",
        "الرشيدية",
        _DT,
        False,
        ("Er-Rachidia", "Rachidia", "Ksar Es-Souk"),
    ),
    Province("ouarzazate", "Ouarzazate", "ورزازات", _DT, False, ("Warzazat",)),
    Province("midelt", "Midelt", "ميدلت", _DT, False),
    Province("tinghir", "Tinghir", "تنغير", _DT, False, ("Tineghir", "Tinerhir")),
    Province("zagora", "Zagora", "زاكورة", _DT, False),
    # Souss-Massa (6)
    Province(
        "agadir_ida_outanane",
        "Agadir Ida-Outanane",
        "أكادير إداوتنان",
        _SM,
        True,
        ("Agadir", "Agadir Ida Ou Tanane", "Agadir-Ida-Ou-Tanane", "أكادير", "أكادير إدا وتنان"),
    ),
    Province(
        "inezgane_ait_melloul",
        "Inezgane-Aït Melloul",
        "إنزكان آيت ملول",
        _SM,
        True,
        ("Inezgane", "Inzegane", "Inezgane Ait Meloul", "إنزكان"),
    ),
    Province(
        "chtouka_ait_baha",
        "Chtouka-Aït Baha",
        "اشتوكة آيت باها",
        _SM,
        False,
        ("Chtouka", "Chtouka Ait-Baha", "Achtouka Ait Baha", "شتوكة آيت باها", "اشتوكة"),
    ),
    Province("taroudant", "Taroudant", "تارودانت", _SM, False, ("Taroudannt", "Tarudant")),
    Province("tiznit", "Tiznit", "تيزنيت", _SM, False),
    Province("tata", "Tata", "طاطا", _SM, False),
    # Guelmim-Oued Noun (4)
    Province("guelmim", "Guelmim", "كلميم", _GON, False, ("Goulimine", "Guelmime", "ݣلميم")),
    Province("assa_zag", "Assa-Zag", "آسا الزاك", _GON, False, ("Assa Zag", "Assa", "أسا الزاك")),
    Province("tan_tan", "Tan-Tan", "طانطان", _GON, False, ("Tantan", "طان طان")),
    Province("sidi_ifni", "Sidi Ifni", "سيدي إفني", _GON, False, ("Ifni",)),
    # Laâyoune-Sakia El Hamra (4)
    Province(
        "laayoune",
        "Laâyoune",
        "العيون",
        _LSH,
        False,
        ("Laayoune", "Layoune", "El Aaiun", "El Ayoun", "Al Ayoun"),
    ),
    Province("boujdour", "Boujdour", "بوجدور", _LSH, False, ("Boujador", "Bojador")),
    Province("tarfaya", "Tarfaya", "طرفاية", _LSH, False),
    Province(
        "es_semara",
        "Es-Semara",
        "السمارة",
        _LSH,
        False,
        ("Smara", "Es Smara", "Es-Smara", "Semara", "Essemara", "سمارة"),
    ),
    # Dakhla-Oued Ed-Dahab (2)
    Province(
        "oued_ed_dahab",
        "Oued Ed-Dahab",
        "وادي الذهب",
        _DOD,
        False,
        ("Oued Eddahab", "Oued Ed Dahab", "Oued Dahab", "Dakhla", "Villa Cisneros", "الداخلة"),
    ),
    Province("aousserd", "Aousserd", "أوسرد", _DOD, False, ("Awsard", "Auserd")),
)


_LATIN = str.maketrans(
    {
        **dict.fromkeys("àáâãäå", "a"),
        **dict.fromkeys("èéêë", "e"),
        **dict.fromkeys("ìíîï", "i"),
        **dict.fromkeys("òóôõö", "o"),
        **dict.fromkeys("ùúûü", "u"),
        "ç": "c",
        "ñ": "n",
        "ÿ": "y",
        "æ": "ae",
        "œ": "oe",
    }
)
_ARABIC = str.maketrans(
    {
        **dict.fromkeys("أإآٱ", "ا"),
        "ة": "ه",
        "ى": "ي",
        "ی": "ي",  # Persian yeh
        "ک": "ك",  # keheh
        **dict.fromkeys("ݣگڭ", "ك"),  # Moroccan gaf, written for "g"
    }
)
# Separators, apostrophes, tatweel and tashkeel (fathatan .. sukun, superscript alef): dropped.
_DROP = str.maketrans(
    dict.fromkeys(" \t\n-‐‑–—_'’‘`´.,ʼ\u0640\u0670" + "".join(map(chr, range(0x064B, 0x0653))))
)


def _fold(text: str) -> str:
    """Lower-case, strip accents/separators and unify Arabic letter variants."""
    return text.casefold().translate(_LATIN).translate(_ARABIC).translate(_DROP)


def _build_index() -> dict[str, Province]:
    index: dict[str, Province] = {}
    for province in PROVINCES:
        for name in (province.key, province.name_fr, province.name_ar, *province.aliases):
            index.setdefault(_fold(name), province)
    return index


_BY_NAME: dict[str, Province] = _build_index()
_REGIONS_BY_KEY: dict[str, Region] = {region.key: region for region in REGIONS}
_PROVINCES_BY_KEY: dict[str, Province] = {province.key: province for province in PROVINCES}


def province_by_name(name: str) -> Province | None:
    """The province or prefecture called `name` (French, Arabic, key or alias), if any."""
    return _BY_NAME.get(_fold(name))


def region_by_name(name: str) -> Region | None:
    """The region called `name` (French, Arabic or key), if any."""
    wanted = _fold(name)
    for region in REGIONS:
        if wanted in {_fold(region.key), _fold(region.name_fr), _fold(region.name_ar)}:
            return region
    return None


def region_of(province_key: str) -> Region:
    """The region a province or prefecture belongs to. Raises KeyError for an unknown key."""
    return _REGIONS_BY_KEY[_PROVINCES_BY_KEY[province_key].region]
