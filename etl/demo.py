"""A deterministic synthetic national data set: `python -m etl demo --communes N`.

Commune k (1-based) is generated from its own random generator seeded by (seed, k), so it is
the same whatever N is; N=1503 is the size of Morocco. Communes are produced one at a time
(`demo_communes`), written as the data contract's CSV files, one per region and table
(`write_files`), or inserted straight into an empty database (`load_direct`), which writes
exactly what `etl.load.run_load` of the same files would, so a later load of those files
finds every row unchanged. Everything is fictional; REFERENCE_DATE is 'today'.
"""

from __future__ import annotations

import bisect
import csv
import json
import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, text

from etl.bulk import bulk_insert, converter, vacuum_after_bulk
from etl.current import latest_state
from etl.dates import latest_update_day
from etl.demo_text import (
    AR_ORDINALS,
    ASSOCIATION_TEMPLATES,
    ASSOCIATION_WORDS,
    CENTRE,
    CHAIRS,
    DESCRIPTIONS,
    DOUAR_PREFIXES,
    DOUAR_WORD,
    FACILITATORS,
    INSTITUTIONS,
    MEETING_KIND,
    MEETING_PLACES,
    MEETING_TITLES,
    NOTES,
    ONEE_AR,
    PERSON_PREFIXES,
    PERSON_ROOTS,
    PLACE_PREFIXES,
    PLACE_ROOTS,
    QUALIFIERS,
    REPORTERS,
    SUMMARIES,
    TEMPLATES,
)
from etl.export import COLUMNS as EXPORT_COLUMNS
from etl.report import LoadReport
from etl.validate import implied_progress, status_fingerprint
from musharaka import audit, geography
from musharaka import vocabulary as vocab
from musharaka.audit import Change
from musharaka.db import WriterBusy, exclusive_write
from musharaka.models import (
    Association,
    Base,
    Commune,
    LoadRun,
    Meeting,
    Recommendation,
    StatusUpdate,
    utc_now,
)
from musharaka.text import fold, has_arabic, search_key

REFERENCE_DATE = date(2026, 11, 29)  # 'today' for the generated histories
NATIONAL_COMMUNES = 1503  # Morocco's communes (2015 territorial division)

Progress = Callable[[str, int, int], None]

# --- Files ---------------------------------------------------------------------------
# The contract's canonical columns each file holds, in order (keys, ISO dates, plain numbers).
# The full export writes the same columns for meetings and status updates; the demo's
# associations have no contacts, so their files stop before the export's phone and email.
ASSOCIATION_COLUMNS = ("name", "commune", "domain", "location")
MEETING_COLUMNS = EXPORT_COLUMNS["meetings"]
RECOMMENDATION_COLUMNS = (
    "recommendation_id",
    "meeting_id",
    "domain",
    "title",
    "description",
    "proposed_by",
    "responsible",
    "partners",
    "location",
    "priority",
    "budget_mad",
    "target_date",
    "status",
    "progress",
)
STATUS_UPDATE_COLUMNS = EXPORT_COLUMNS["status_updates"]
FILE_COLUMNS: dict[str, tuple[str, ...]] = {
    "associations": ASSOCIATION_COLUMNS,
    "meetings": MEETING_COLUMNS,
    "recommendations": RECOMMENDATION_COLUMNS,
    "status_updates": STATUS_UPDATE_COLUMNS,
}
for _table, _columns in FILE_COLUMNS.items():
    assert set(_columns) <= {c.name for c in vocab.COLUMNS[_table]}, _table

LIST_SEPARATOR = "; "
EVIDENCE_BASE = "https://example.org/musharaka-demo"  # reserved domain: illustrative


def file_name(region_key: str, table: str) -> str:
    """The demo file of one region and table, e.g. souss_massa-meetings.csv."""
    return f"{region_key}-{table}.csv"


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
    for names in kinds:
        rng.shuffle(names)
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


# --- The shape of the data ----------------------------------------------------------
assert set(TEMPLATES) == set(vocab.DOMAIN_KEYS)
# Percent of recommendations per domain.
DOMAIN_WEIGHTS = {
    "roads_transport": 16,
    "water_sanitation": 14,
    "electricity_lighting": 8,
    "education": 10,
    "health": 9,
    "culture_sports_youth": 10,
    "women_social": 8,
    "economy_employment": 7,
    "agriculture": 8,
    "environment": 5,
    "governance_participation": 3,
    "other": 2,
}
PRIORITY_WEIGHTS = {"high": 35, "medium": 40, "low": 15, None: 10}

# --- Histories -----------------------------------------------------------------------
# Final status weights by the age of the meeting (days before REFERENCE_DATE): young
# recommendations are mostly waiting, old ones mostly done. Over the national set this
# gives 35% completed, 21% in progress, 12% stalled, 15% planned, 9% not started and 7%
# cancelled, and 45% of recommendations overdue.
FINAL_ORDER = ("not_started", "planned", "in_progress", "completed", "stalled", "cancelled")
FINAL_WEIGHTS_BY_AGE = (
    (90, (60, 35, 5, 0, 0, 0)),
    (365, (30, 36, 25, 3, 4, 2)),
    (730, (15, 24, 33, 14, 9, 5)),
    (1460, (8, 14, 23, 33, 15, 7)),
    (10**6, (6, 12, 18, 43, 13, 8)),
)
# How many updates a recommendation gets (inclusive range), by its final status.
UPDATE_COUNTS = {
    "not_started": (0, 2),
    "planned": (1, 4),
    "in_progress": (3, 9),
    "stalled": (4, 9),
    "completed": (4, 9),
    "cancelled": (1, 6),
}
PROGRESS_STEPS = tuple(range(5, 100, 5))

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


def _lookup_table(weights: dict, size: int = 1000) -> tuple:
    """A tuple in which each key appears in proportion to its weight: pick by index."""
    total = sum(weights.values())
    table: list = []
    for key, weight in weights.items():
        table.extend([key] * round(size * weight / total))
    return tuple(table)


_DOMAIN_TABLE = _lookup_table(DOMAIN_WEIGHTS)
_PRIORITY_TABLE = _lookup_table(PRIORITY_WEIGHTS, 100)
_FINAL_CUMULATIVE = tuple(
    (limit, tuple(sum(weights[: i + 1]) for i in range(len(weights))))
    for limit, weights in FINAL_WEIGHTS_BY_AGE
)

# Dates as ordinals: a cache of date objects covers every date the generator can produce.
_FIRST_DAY = date(2015, 1, 1).toordinal()
_DATES = tuple(date.fromordinal(o) for o in range(_FIRST_DAY, date(2031, 1, 1).toordinal()))
_REFERENCE = REFERENCE_DATE.toordinal()
_MEETINGS_FROM = date(2016, 1, 11).toordinal()
_MEETINGS_TO = date(2026, 11, 14).toordinal()
_MIN_MEETING_GAP = 120  # days between two meetings of a commune


def _day(ordinal: int) -> date:
    return _DATES[ordinal - _FIRST_DAY]


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


@dataclass(frozen=True)
class DemoCommune:
    """A demo commune and its rows, each a tuple in its table's FILE_COLUMNS order."""

    profile: CommuneProfile
    associations: list[tuple]
    meetings: list[tuple]
    recommendations: list[tuple]
    status_updates: list[tuple]  # grouped by recommendation, in its order, by date

    def rows(self, table: str) -> list[tuple]:
        return getattr(self, table)


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
    seen: set[str] = set()
    wanted = rng.randint(10, 14)
    while len(douars) < wanted:
        prefix = rng.choice(DOUAR_PREFIXES)
        roots = PERSON_ROOTS if prefix[0] == "Aït" else PLACE_ROOTS
        douar = _join_name(prefix[side], rng.choice(roots)[side])
        if douar not in seen:
            seen.add(douar)
            douars.append(douar)
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
    return CommuneProfile(
        index=index,
        code=f"C{index:04d}",
        name_fr=name_fr,
        name_ar=name_ar,
        lang=lang,
        province=province,
        douars=tuple(douars),
        associations=tuple(associations),
        reporters=reporters,
        onee_ar=rng.choice(ONEE_AR),
    )


def commune_profiles(communes: int, seed: int = 1) -> Iterator[CommuneProfile]:
    """The profiles of communes 1..N (cheap: no meeting or recommendation is generated)."""
    demo_commune_names(communes, seed)  # checks N against the names available
    for index in range(1, communes + 1):
        yield _profile(seed, index, _rng(seed, index))


@lru_cache(maxsize=64)
def _templates(lang: str, region_key: str, onee_ar: str) -> dict[str, tuple]:
    """Per domain: (title, responsible, partners, median budget, place), in one language."""
    side = 1 if lang == "ar" else 0
    region = next(r for r in geography.REGIONS if r.key == region_key)
    region_name = region.name_ar if lang == "ar" else region.name_fr

    def institution(key: str) -> str:
        return INSTITUTIONS[key][side].format(region=region_name, onee=onee_ar)

    return {
        domain: tuple(
            (
                (ar if lang == "ar" else fr),
                institution(responsible),
                tuple(institution(p) for p in partners),
                median,
                place,
            )
            for fr, ar, responsible, partners, median, place in templates
        )
        for domain, templates in TEMPLATES.items()
    }


def _meeting_days(rng: random.Random) -> list[int]:
    """8-12 meeting dates (ordinals), months apart, between 2016 and November 2026."""
    count = rng.randint(8, 12)
    weights = [0.3 + rng.random() for _ in range(count + 1)]
    free = (_MEETINGS_TO - _MEETINGS_FROM) - (count - 1) * _MIN_MEETING_GAP
    scale = free / sum(weights)
    days = []
    day = _MEETINGS_FROM + int(weights[0] * scale)
    for i in range(count):
        days.append(day)
        day += _MIN_MEETING_GAP + int(weights[i + 1] * scale)
    return days


def _target_day(meeting: int, months: int) -> int:
    """The last day of the month `months` after the meeting's (the usual way to set one)."""
    start = _day(meeting)
    month = start.month + months  # 1-based month count from the meeting's year
    year = start.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    first_of_next = date(year + month // 12, month % 12 + 1, 1).toordinal()
    return first_of_next - 1


def generate_commune(seed: int, index: int) -> DemoCommune:
    """Commune `index` (1-based) of the demo for `seed`: the same whatever N is."""
    rng = _rng(seed, index)
    profile = _profile(seed, index, rng)
    rand = rng.random
    randint = rng.randint
    lang = profile.lang
    commune_name = profile.name
    province = profile.province.name_fr
    douars = profile.douars
    douar_word = DOUAR_WORD[lang]
    centre = CENTRE[lang]
    templates = _templates(lang, profile.region_key, profile.onee_ar)
    notes = NOTES[lang]
    descriptions = DESCRIPTIONS[lang]
    reporters = profile.reporters
    pool = [name for name, _, _ in profile.associations]
    by_domain: dict[str, list[str]] = {}
    for name, domain, _ in profile.associations:
        if domain:
            by_domain.setdefault(domain, []).append(name)

    association_rows = [
        (name, commune_name, domain, location) for name, domain, location in profile.associations
    ]
    meetings: list[tuple] = []
    recommendations: list[tuple] = []
    updates: list[tuple] = []
    n_douars = len(douars)
    for edition, meeting_day in enumerate(_meeting_days(rng), start=1):
        meeting_id = f"{profile.code}-M{edition:02d}"
        ordinal = (
            AR_ORDINALS[edition - 1]
            if lang == "ar"
            else f"{edition}{'re' if edition == 1 else 'e'}"
        )
        title = rng.choice(MEETING_TITLES[lang]).format(n=ordinal)
        if lang == "fr":
            title = title[0].upper() + title[1:]
        present = rng.sample(pool, randint(min(6, len(pool)), min(12, len(pool))))
        summary = None
        if rand() < 0.4:
            summary = rng.choice(SUMMARIES[lang]).format(n=len(present))
        meetings.append(
            (
                meeting_id,
                commune_name,
                province,
                _day(meeting_day),
                title,
                MEETING_KIND[lang],
                str(edition),
                rng.choice(MEETING_PLACES[lang]),
                CHAIRS[lang][0 if rand() < 0.8 else 1],
                rng.choice(FACILITATORS[lang]) if rand() < 0.5 else None,
                randint(20, 160),
                LIST_SEPARATOR.join(present),
                summary,
                f"{EVIDENCE_BASE}/{meeting_id}" if rand() < 0.2 else None,
            )
        )
        age = _REFERENCE - meeting_day
        cumulative = next(c for limit, c in _FINAL_CUMULATIVE if age < limit)
        total = cumulative[-1]
        first_update = meeting_day + 1
        span = _REFERENCE - first_update  # days available after the first possible update
        for number in range(1, randint(45, 85) + 1):
            recommendation_id = f"{meeting_id}-R{number:03d}"
            domain = _DOMAIN_TABLE[int(rand() * len(_DOMAIN_TABLE))]
            choices = templates[domain]
            title_text, responsible, partner_pool, median, place = choices[
                int(rand() * len(choices))
            ]
            a = int(rand() * n_douars)
            b = int(rand() * (n_douars - 1))
            if b >= a:
                b += 1
            douar_a = douars[a]
            title = title_text.format(a=douar_a, b=douars[b])
            if place == "c":
                location = centre if rand() < 0.5 else None
            else:
                location = f"{douar_word} {douar_a}" if rand() < 0.95 else None
            description = None
            if rand() < 0.25:
                first = 1 if place == "c" else 0
                choice = first + int(rand() * (len(descriptions) - first))
                description = descriptions[choice].format(a=douar_a, n=randint(3, 60) * 50)
            # Proposed by one association (often one of its field), two, or none named.
            x = rand()
            if x < 0.1:
                proposed_by = None
            else:
                field = by_domain.get(domain)
                first = field[int(rand() * len(field))] if field and rand() < 0.5 else None
                if first is None:
                    first = pool[int(rand() * len(pool))]
                proposed_by = first
                if x > 0.8:
                    second = pool[int(rand() * len(pool))]
                    if second != first:
                        proposed_by = f"{first}{LIST_SEPARATOR}{second}"
            x = rand()
            if not partner_pool or x < 0.25:
                partners = None
            elif x < 0.7 or len(partner_pool) == 1:
                partners = partner_pool[int(rand() * len(partner_pool))]
            else:
                partners = LIST_SEPARATOR.join(rng.sample(partner_pool, 2))
            budget = None
            if median is not None and rand() >= 0.2:
                value = median * math.exp(rng.gauss(0.0, 0.55))
                step = 1000 if value < 200_000 else 10_000
                budget = max(step, round(value / step) * step)
            target = _target_day(meeting_day, randint(6, 36))

            final = FINAL_ORDER[bisect.bisect_right(cumulative, rand() * total)]
            initial = "planned" if final != "not_started" and rand() < 0.12 else "not_started"
            recommendations.append(
                (
                    recommendation_id,
                    meeting_id,
                    domain,
                    title,
                    description,
                    proposed_by,
                    responsible,
                    partners,
                    location,
                    _PRIORITY_TABLE[int(rand() * len(_PRIORITY_TABLE))],
                    budget,
                    _day(target),
                    initial,
                    0,
                )
            )
            low, high = UPDATE_COUNTS[final]
            count = randint(low, high)
            if final == "planned" and initial == "planned":
                count -= 1
            if count <= 0 or span <= 0:
                continue
            # The last update: when it closed, or lately for what is still open.
            if final in ("completed", "cancelled"):
                last = first_update + int(span * (0.25 + 0.75 * rand()))
            else:
                last = _REFERENCE - int(rand() * min(span, 400))
            count = min(count, last - first_update + 1)
            days = sorted(rng.sample(range(first_update, last + 1), count))
            steps = _history(rng, final, initial, count)
            for day, (status, progress, kind) in zip(days, steps, strict=True):
                kinds = notes[kind]
                note = kinds[int(rand() * len(kinds))] if rand() < 0.92 else None
                evidence = None
                if status == "completed" and rand() < 0.35:
                    evidence = f"{EVIDENCE_BASE}/{recommendation_id}.pdf"
                reporter = reporters[int(rand() * len(reporters))] if rand() < 0.9 else None
                updates.append(
                    (recommendation_id, _day(day), status, progress, note, evidence, reporter)
                )
    return DemoCommune(profile, association_rows, meetings, recommendations, updates)


def _history(
    rng: random.Random, final: str, initial: str, count: int
) -> list[tuple[str, int, str]]:
    """`count` steps (status, progress, note kind) ending in `final`, progress never falling."""
    rand = rng.random
    if final == "not_started":
        return [("not_started", 0, "not_started")] * count
    if final == "planned":
        waiting = 0 if initial == "planned" else int(rand() * count)
        return [("not_started", 0, "not_started")] * waiting + [("planned", 0, "planned")] * (
            count - waiting
        )
    if final == "stalled":
        tail = 2 if count >= 5 and rand() < 0.4 else 1
    else:
        tail = 0 if final == "in_progress" else 1
    body = count - tail
    if final == "cancelled":
        works = rng.randint(1, body - 1) if body >= 2 and rand() < 0.3 else 0
    else:
        works = body
        if body >= 2 and rand() < 0.75:
            works -= 2 if body >= 5 and rand() < 0.3 else 1
        if final == "in_progress":
            works = max(works, 1)
    waiting = body - works
    first = "planned" if initial == "planned" or final != "cancelled" else "not_started"
    steps: list[tuple[str, int, str]] = [(first, 0, first)] * waiting
    progress = 0
    if works:
        values = sorted(rng.sample(PROGRESS_STEPS, works))
        stall = rng.randint(1, works - 2) if works >= 4 and rand() < 0.3 else -1
        for i, value in enumerate(values):
            if i == stall:
                steps.append(("stalled", progress, "stalled"))
                continue
            kind = "started" if i == 0 else ("resumed" if i == stall + 1 else "in_progress")
            progress = value
            steps.append(("in_progress", progress, kind))
    if final == "completed":
        steps.append(("completed", 100, "completed"))
    elif final == "cancelled":
        steps.append(("cancelled", progress, "cancelled"))
    elif final == "stalled":
        steps.extend([("stalled", progress, "stalled")] * tail)
    return steps


def demo_communes(communes: int, seed: int = 1) -> Iterator[DemoCommune]:
    """Communes 1..N one at a time (memory stays bounded), each from its own generator."""
    if communes < 0:
        raise ValueError("the number of communes cannot be negative")
    demo_commune_names(communes, seed)  # checks N against the names available
    for index in range(1, communes + 1):
        yield generate_commune(seed, index)


# --- Files ---------------------------------------------------------------------------
def write_files(
    out_dir: Path, communes: int, seed: int = 1, progress: Progress | None = None
) -> list[Path]:
    """Write the demo as the contract's CSV files, one per region and table; their paths.

    Demo files of an earlier run in `out_dir` (same names) are replaced or removed, so the
    folder can be loaded as a whole; other files are left alone.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for region in geography.REGIONS:
        for table in FILE_COLUMNS:
            (out_dir / file_name(region.key, table)).unlink(missing_ok=True)
    writers: dict[tuple[str, str], Any] = {}
    handles = []
    try:
        for done, commune in enumerate(demo_communes(communes, seed), start=1):
            region = commune.profile.region_key
            for table, columns in FILE_COLUMNS.items():
                writer = writers.get((region, table))
                if writer is None:
                    handle = open(  # noqa: SIM115 - one handle per file, closed below
                        out_dir / file_name(region, table), "w", encoding="utf-8", newline=""
                    )
                    handles.append(handle)
                    writer = writers[(region, table)] = csv.writer(handle, lineterminator="\n")
                    writer.writerow(columns)
                writer.writerows(commune.rows(table))
            if progress:
                progress("writing demo files", done, communes)
    finally:
        for handle in handles:
            handle.close()
    return sorted(out_dir / file_name(region, table) for region, table in writers)


# --- Straight into the database ------------------------------------------------------
CHUNK = 20_000
DIRECT_TABLES = (
    "communes",
    "associations",
    "meetings",
    "meeting_associations",
    "recommendations",
    "recommendation_proposers",
    "status_updates",
)
# The columns load_direct writes, in the order its rows hold them.
_DIRECT_COLUMNS = {
    "communes": (
        "id", "key", "name", "name_ar", "name_fr", "province", "province_key", "region_key",
    ),
    "associations": (
        "id", "key", "name", "commune_id", "domain", "location", "source_file", "source_row",
    ),
    "meetings": (
        "id", "code", "commune_id", "date", "title", "kind", "edition", "location", "chair",
        "facilitator", "participants", "summary", "source_url", "source_file", "source_row",
        "updated_at",
    ),
    "meeting_associations": ("meeting_id", "association_id", "position"),
    "recommendations": (
        "id", "code", "meeting_id", "commune_id", "domain", "domain_text", "title",
        "description", "responsible", "partners", "location", "priority", "budget_mad",
        "target_date", "initial_status", "initial_progress", "current_status",
        "current_progress", "current_status_date", "source_file", "source_row", "updated_at",
        "search_text",
    ),
    "recommendation_proposers": ("recommendation_id", "association_id", "position"),
    "status_updates": (
        "id", "recommendation_id", "date", "status", "progress", "note", "evidence_url",
        "reported_by", "fingerprint", "source_file", "source_row", "created_at",
    ),
}  # fmt: skip
for _table, _columns in _DIRECT_COLUMNS.items():
    assert set(_columns) <= set(Base.metadata.tables[_table].c.keys()), _table
_CHECKED_EMPTY = (Meeting, Recommendation, StatusUpdate, Commune, Association)


class _Bulk:
    """Buffers rows per table and writes them in chunks, parents before children, with
    etl.bulk (COPY on PostgreSQL, the driver's executemany on SQLite) on the connection of
    the surrounding transaction."""

    def __init__(self, conn: Connection, chunk: int = CHUNK) -> None:
        self.conn = conn
        self.chunk = chunk
        self.postgres = conn.dialect.name == "postgresql"
        self.buffers: dict[str, list[tuple]] = {t: [] for t in DIRECT_TABLES}
        self.counts = dict.fromkeys(DIRECT_TABLES, 0)
        meetings = Base.metadata.tables["meetings"]
        # Dates and timestamps as the driver stores them (text on SQLite), each day once.
        self.day = converter(conn, meetings, "date")
        self.timestamp = converter(conn, meetings, "updated_at")

    def add(self, table: str, row: tuple) -> None:
        buffer = self.buffers[table]
        buffer.append(row)
        if len(buffer) >= self.chunk:
            self.flush(upto=table)

    def flush(self, upto: str | None = None) -> None:
        for table in DIRECT_TABLES:
            rows = self.buffers[table]
            if rows:
                table_object = Base.metadata.tables[table]
                columns = _DIRECT_COLUMNS[table]
                bulk_insert(self.conn, table_object, columns, rows, converted=True)
                self.counts[table] += len(rows)
                self.buffers[table] = []
            if table == upto:
                return


def _require_empty(conn: Connection) -> None:
    for model in _CHECKED_EMPTY:
        count = conn.execute(select(func.count()).select_from(model)).scalar_one()
        if count:
            raise ValueError(
                f"load_direct needs an empty database, but table '{model.__tablename__}' "
                f"already holds {count} rows: load the demo files with `python -m etl load` "
                "instead, or start from an empty database"
            )


def _consistent(status: str, progress: int | None) -> float | None:
    """The progress the ETL stores for this status and progress (etl.validate's rule)."""
    return implied_progress(status, None if progress is None else float(progress))


def load_direct(
    engine: Engine,
    communes: int,
    seed: int = 1,
    progress: Progress | None = None,
    *,
    chunk: int = CHUNK,
) -> dict[str, int]:
    """Insert the demo into an EMPTY database in one transaction; row counts per table.

    Writes what `run_load` of the same seed's files would (provenance, joined partners,
    current status by `latest_state`, fingerprints), so that a later load of those files
    reports every row unchanged. Raises ValueError when the database already holds data.
    """
    started = utc_now()
    try:
        # The one writer of the database, as a load is (musharaka.db).
        with exclusive_write(engine) as conn:
            _require_empty(conn)
            bulk = _Bulk(conn, chunk)
            _write_direct(bulk, communes, seed, progress)
            bulk.flush()
            if bulk.postgres:
                for model in (Commune, Association, Meeting, Recommendation, StatusUpdate):
                    _reset_sequence(conn, model.__tablename__)
                conn.execute(text("ANALYZE " + ", ".join(DIRECT_TABLES)))
            _record_run(conn, bulk.counts, communes, seed, started)
    except WriterBusy as busy:
        raise ValueError(str(busy)) from busy
    vacuum_after_bulk(engine, bulk.counts["recommendations"])
    return dict(bulk.counts)


def _reset_sequence(conn: Connection, table: str) -> None:
    # Ids were given explicitly: the next insert by a load must not reuse one.
    conn.execute(
        text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table}")
    )


def _record_run(conn: Connection, counts: dict[str, int], communes: int, seed: int, started):
    report = LoadReport(committed=True)
    for table in ("meetings", "recommendations", "status_updates", "associations"):
        report.tables[table] = {
            "read": counts[table],
            "inserted": counts[table],
            "updated": 0,
            "unchanged": 0,
            "merged": 0,
            "rejected": 0,
        }
    document = report.as_dict()
    rows = sum(counts[t] for t in ("associations", "meetings", "recommendations", "status_updates"))
    result = conn.execute(
        insert(LoadRun).values(
            started_at=started,
            finished_at=utc_now(),
            source="demo",
            actor="cli",
            files=f"demo --communes {communes} --seed {seed}",
            rows_read=rows,
            rows_rejected=0,
            report_json=json.dumps(document, ensure_ascii=False),
        )
    )
    entry = Change(
        "load_runs",
        str(result.inserted_primary_key[0]),
        "load",
        None,
        {"files": [f"demo --communes {communes} --seed {seed}"], "tables": document["tables"]},
    )
    audit.record(conn, [entry], actor="cli", source="demo")


def _write_direct(bulk: _Bulk, communes: int, seed: int, progress: Progress | None) -> None:
    day = bulk.day
    now = bulk.timestamp(utc_now())
    until = latest_update_day()
    add = bulk.add
    association_ids: dict[str, int] = {}
    last_row: dict[str, int] = {}  # per file: the last row number used (the header is 1)
    ids = dict.fromkeys(("commune", "association", "meeting", "recommendation", "update"), 0)
    for done, commune in enumerate(demo_communes(communes, seed), start=1):
        profile = commune.profile
        region = profile.region_key
        files = {t: file_name(region, t) for t in FILE_COLUMNS}
        rows = {t: last_row.get(files[t], 1) for t in FILE_COLUMNS}

        ids["commune"] += 1
        commune_id = ids["commune"]
        name = profile.name
        arabic = has_arabic(name)
        place = geography.province_by_name(profile.province.name_fr)
        add(
            "communes",
            (
                commune_id,
                fold(name),
                name,
                name if arabic else None,
                None if arabic else name,
                profile.province.name_fr,
                place.key if place else None,
                place.region if place else None,
            ),
        )

        local_ids: dict[str, int] = {}
        for name_, _, domain, location in commune.associations:
            key = fold(name_)
            if key in association_ids:
                raise AssertionError(f"demo association name repeated: {name_}")
            ids["association"] += 1
            association_ids[key] = local_ids[name_] = ids["association"]
            rows["associations"] += 1
            add(
                "associations",
                (
                    ids["association"],
                    key,
                    name_,
                    commune_id,
                    domain,
                    location,
                    files["associations"],
                    rows["associations"],
                ),
            )

        meeting_info: dict[str, tuple[int, date]] = {}
        for m in commune.meetings:
            ids["meeting"] += 1
            meeting_id = ids["meeting"]
            meeting_info[m[0]] = (meeting_id, m[3])
            rows["meetings"] += 1
            add(
                "meetings",
                (
                    meeting_id,
                    m[0],
                    commune_id,
                    day(m[3]),
                    m[4],
                    m[5],
                    m[6],
                    m[7],
                    m[8],
                    m[9],
                    m[10],
                    m[12],
                    m[13],
                    files["meetings"],
                    rows["meetings"],
                    now,
                ),
            )
            if m[11]:
                for position, member in enumerate(m[11].split(LIST_SEPARATOR)):
                    add("meeting_associations", (meeting_id, local_ids[member], position))

        updates = commune.status_updates
        j, n_updates = 0, len(updates)
        for r in commune.recommendations:
            ids["recommendation"] += 1
            recommendation_id = ids["recommendation"]
            code = r[0]
            meeting_id, meeting_day = meeting_info[r[1]]
            initial_progress = _consistent(r[12], r[13])
            history = []
            update_rows = []
            while j < n_updates and updates[j][0] == code:
                u = updates[j]
                j += 1
                ids["update"] += 1
                update_progress = _consistent(u[2], u[3])
                fingerprint = status_fingerprint(
                    {
                        "recommendation_id": code,
                        "date": u[1],
                        "status": u[2],
                        "progress": update_progress,
                        "note": u[4],
                    }
                )
                rows["status_updates"] += 1
                update_rows.append(
                    (
                        ids["update"],
                        recommendation_id,
                        day(u[1]),
                        u[2],
                        update_progress,
                        u[4],
                        u[5],
                        u[6],
                        fingerprint,
                        files["status_updates"],
                        rows["status_updates"],
                        now,
                    )
                )
                history.append((u[1], ids["update"], u[2], update_progress))
            current_day, current_status, current_progress = latest_state(
                (meeting_day, r[12], initial_progress), history, until
            )
            rows["recommendations"] += 1
            budget = r[10]
            add(
                "recommendations",
                (
                    recommendation_id,
                    code,
                    meeting_id,
                    commune_id,
                    r[2],
                    None,
                    r[3],
                    r[4],
                    r[6],
                    r[7],
                    r[8],
                    r[9],
                    None if budget is None else float(budget),
                    day(r[11]),
                    r[12],
                    initial_progress,
                    current_status,
                    current_progress,
                    day(current_day),
                    files["recommendations"],
                    rows["recommendations"],
                    now,
                    search_key(code, r[3], r[4], r[8], r[6], r[7]),
                ),
            )
            if r[5]:
                for position, member in enumerate(r[5].split(LIST_SEPARATOR)):
                    add(
                        "recommendation_proposers", (recommendation_id, local_ids[member], position)
                    )
            for row in update_rows:
                add("status_updates", row)
        for table, row in rows.items():
            last_row[files[table]] = row
        if progress:
            progress("loading demo", done, communes)
