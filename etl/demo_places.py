"""The demo's communes: their names (unique after folding, in both languages), where they
are (each region its share of Morocco's 1503 communes) and who they are (language, douars,
associations, reporters), each drawn from its own random generator."""

from __future__ import annotations

import bisect
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from etl.demo_coordinates import commune_places
from etl.demo_text import (
    ASSOCIATION_TEMPLATES,
    ASSOCIATION_WORDS,
    DOUAR_PREFIXES,
    DOUAR_WORD,
    ONEE_AR,
    PERSON_PREFIXES,
    PERSON_ROOTS,
    PLACE_PREFIXES,
    PLACE_ROOTS,
    QUALIFIERS,
    REPORTERS,
)
from musharaka import geography
from musharaka.text import fold

# --- Commune names -------------------------------------------------------------------
# Share of simple names (Aït Baha), compound ones (Sidi Ahmed Ou Moussa) and qualified
# ones (Tizi Amlou El Oulya) among the communes, while each kind lasts.
_NAME_KINDS = (0.55, 0.25, 0.20)


def _join_name(*parts: str) -> str:
    return " ".join(p for p in parts if p)


@lru_cache(maxsize=4)
def _name_order(seed: int) -> tuple[tuple[str, str], ...]:
    """Every (French, Arabic) commune name in the order communes take them, for this seed.

    Fixed by the seed alone, so commune k's name does not depend on how many are asked
    for. Asserts that the names are unique after folding (case, accents, Arabic letter
    variants), in both languages.
    """
    simple = [
        (_join_name(p, r), _join_name(pa, ra))
        for prefixes, roots in ((PERSON_PREFIXES, PERSON_ROOTS), (PLACE_PREFIXES, PLACE_ROOTS))
        for p, pa in prefixes
        for r, ra in roots
    ]
    compound = [
        (f"{p} {r1} Ou {r2}", f"{pa} {ra1} أو {ra2}")
        for p, pa in PERSON_PREFIXES[:2]
        for r1, ra1 in PERSON_ROOTS
        for r2, ra2 in PERSON_ROOTS
        if r1 != r2
    ]
    qualified = [(f"{fr} {q}", f"{ar} {qa}") for fr, ar in simple for q, qa in QUALIFIERS]
    for language in (0, 1):
        names = [n[language] for n in (*simple, *compound, *qualified)]
        assert len({fold(n) for n in names}) == len(names), "demo commune names must be unique"
    rng = random.Random(f"musharaka-demo-names:{seed}")
    kinds = [simple, compound, qualified]
    for kind_names in kinds:
        rng.shuffle(kind_names)
    order: list[tuple[str, str]] = []
    positions = [0, 0, 0]
    while len(order) < len(simple) + len(compound) + len(qualified):
        left = [k for k in range(3) if positions[k] < len(kinds[k])]
        weights = [_NAME_KINDS[k] for k in left]
        kind = rng.choices(left, weights)[0]
        order.append(kinds[kind][positions[kind]])
        positions[kind] += 1
    return tuple(order)


def demo_commune_names(communes: int, seed: int = 1) -> list[tuple[str, str]]:
    """The (French, Arabic) names of communes 1..N, without generating anything else."""
    order = _name_order(seed)
    if communes > len(order):
        raise ValueError(f"the demo can name at most {len(order)} communes, not {communes}")
    return list(order[:communes])


# Communes per region (2015 division, 1503 in all): each region gets its share, spread
# over its provinces with more for the big rural ones and fewer for prefectures and the
# Saharan provinces.
REGION_COMMUNES = {
    "tanger_tetouan_al_hoceima": 146,
    "oriental": 124,
    "fes_meknes": 194,
    "rabat_sale_kenitra": 114,
    "beni_mellal_khenifra": 135,
    "casablanca_settat": 153,
    "marrakech_safi": 251,
    "draa_tafilalet": 125,
    "souss_massa": 175,
    "guelmim_oued_noun": 53,
    "laayoune_sakia_el_hamra": 20,
    "dakhla_oued_ed_dahab": 13,
}
_BIG_PROVINCES = {
    "taroudant", "essaouira", "al_haouz", "azilal", "el_kelaa_des_sraghna", "chichaoua",
    "taounate", "taza", "chefchaouen", "settat", "el_jadida", "sidi_bennour", "khemisset",
    "errachidia", "ouarzazate", "tiznit", "tinghir", "zagora", "safi", "al_hoceima",
    "sidi_kacem", "khenifra", "beni_mellal", "berrechid", "nador", "driouch", "sefrou",
    "boulemane", "figuig", "midelt",
}  # fmt: skip
_SMALL_PROVINCES = {
    "tarfaya", "boujdour", "aousserd", "es_semara", "assa_zag", "tan_tan", "laayoune",
    "oued_ed_dahab", "mdiq_fnideq", "ifrane",
}  # fmt: skip


def _province_weight(province: geography.Province) -> int:
    if province.prefecture or province.key in _SMALL_PROVINCES:
        return 1
    return 8 if province.key in _BIG_PROVINCES else 4


def _province_cumulative() -> list[float]:
    in_region: dict[str, int] = {}
    for province in geography.PROVINCES:
        in_region[province.region] = in_region.get(province.region, 0) + _province_weight(province)
    cumulative: list[float] = []
    total = 0.0
    for province in geography.PROVINCES:
        share = _province_weight(province) / in_region[province.region]
        total += REGION_COMMUNES[province.region] * share
        cumulative.append(total)
    return cumulative


_PROVINCE_CUMULATIVE = _province_cumulative()


# --- The generated commune -----------------------------------------------------------
@dataclass(frozen=True)
class CommuneProfile:
    """Who a demo commune is: names, place, language, douars and associations."""

    index: int  # 1-based
    code: str  # "C0001": the prefix of its meeting and recommendation ids
    name_fr: str
    name_ar: str
    lang: str  # "ar" or "fr": the language its files are written in
    province: geography.Province
    douars: tuple[str, ...]  # bare names in its language ("Tagant", "تاكانت")
    douar_names: tuple[tuple[str, str], ...]  # the same douars' (French, Arabic) names
    centre: tuple[float, float]  # (latitude, longitude), inside its province
    douar_places: tuple[tuple[float, float], ...]  # each douar's, around the centre
    associations: tuple[tuple[str, str | None, str | None], ...]  # (name, domain, location)
    reporters: tuple[str, ...]
    onee_ar: str

    @property
    def name(self) -> str:
        """The name as written in its files (in its language)."""
        return self.name_ar if self.lang == "ar" else self.name_fr

    @property
    def region_key(self) -> str:
        return self.province.region


def _rng(seed: int, index: int) -> random.Random:
    return random.Random(f"musharaka-demo:{seed}:{index}")


def _de(name: str) -> str:
    """French 'de X', elided before a vowel: d'Aït Baha, de Sidi Bibi."""
    return f"d'{name}" if name[0] in "AEIOUÂÀÉÈÊÎÏÔÛ" else f"de {name}"


def _profile(seed: int, index: int, rng: random.Random) -> CommuneProfile:
    name_fr, name_ar = _name_order(seed)[index - 1]
    province = geography.PROVINCES[
        bisect.bisect_right(_PROVINCE_CUMULATIVE, rng.random() * _PROVINCE_CUMULATIVE[-1])
    ]
    lang = "ar" if rng.random() < 0.6 else "fr"
    side = 1 if lang == "ar" else 0
    douars: list[str] = []
    douar_names: list[tuple[str, str]] = []
    seen: set[str] = set()
    wanted = rng.randint(10, 14)
    while len(douars) < wanted:
        prefix = rng.choice(DOUAR_PREFIXES)
        roots = PERSON_ROOTS if prefix[0] == "Aït" else PLACE_ROOTS
        root = rng.choice(roots)
        douar = _join_name(prefix[side], root[side])
        if douar not in seen:
            seen.add(douar)
            douars.append(douar)
            douar_names.append((_join_name(prefix[0], root[0]), _join_name(prefix[1], root[1])))
    commune = name_ar if lang == "ar" else name_fr
    words = rng.sample(ASSOCIATION_WORDS, len(ASSOCIATION_WORDS))
    associations = []
    for n, (fr, ar, domain, slot) in enumerate(
        rng.sample(ASSOCIATION_TEMPLATES, rng.randint(12, len(ASSOCIATION_TEMPLATES)))
    ):
        location = None
        if slot == "w":
            x = words[n][side]
        elif slot == "d":
            x = location = rng.choice(douars)
        else:
            x = ""
        template = ar if lang == "ar" else fr
        name = template.format(x=x, c=commune, de=_de(commune))
        if location is not None:
            location = f"{DOUAR_WORD[lang]} {location}"
        associations.append((name, domain, location))
    reporters = tuple(rng.sample(REPORTERS[lang], rng.randint(2, 3)))
    centre, douar_places = commune_places(seed, index, province, len(douars))
    return CommuneProfile(
        index=index,
        code=f"C{index:04d}",
        name_fr=name_fr,
        name_ar=name_ar,
        lang=lang,
        province=province,
        douars=tuple(douars),
        douar_names=tuple(douar_names),
        centre=centre,
        douar_places=douar_places,
        associations=tuple(associations),
        reporters=reporters,
        onee_ar=rng.choice(ONEE_AR),
    )


def commune_profiles(communes: int, seed: int = 1) -> Iterator[CommuneProfile]:
    """The profiles of communes 1..N (cheap: no meeting or recommendation is generated)."""
    demo_commune_names(communes, seed)  # checks N against the names available
    for index in range(1, communes + 1):
        yield _profile(seed, index, _rng(seed, index))
