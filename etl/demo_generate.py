"""The demo's rows: commune k (1-based) generated from its own random generator seeded by
(seed, k), so it is the same whatever N is, as the contract's rows (FILE_COLUMNS) of its
associations, meetings, recommendations and status histories, with why things stall, the
action programme and sub-recommendations (etl.demo_accountability, from a generator of
their own). Everything is fictional; REFERENCE_DATE is 'today'."""

from __future__ import annotations

import bisect
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from etl import demo_accountability as accountability
from etl.demo_coordinates import near, places_rng
from etl.demo_history import PARTIAL_PROGRESS, PARTIAL_SHARE, closed_partly, history, partial_rng
from etl.demo_places import CommuneProfile, _profile, _rng, demo_commune_names
from etl.demo_text import (
    AR_ORDINALS,
    CENTRE,
    CHAIRS,
    DESCRIPTIONS,
    DOUAR_WORD,
    FACILITATORS,
    INSTITUTIONS,
    MEETING_KIND,
    MEETING_PLACES,
    MEETING_TITLES,
    NOTES,
    SUMMARIES,
    TEMPLATES,
)
from etl.plan.associations import AssociationPlanner
from etl.plan.douars import DouarPlanner
from etl.plan.meetings import MeetingPlanner
from etl.plan.recommendations import RecommendationPlanner
from etl.plan.status_updates import StatusUpdatePlanner
from musharaka import geography
from musharaka import vocabulary as vocab

REFERENCE_DATE = date(2026, 11, 29)  # 'today' for the generated histories
NATIONAL_COMMUNES = 1503  # Morocco's communes (2015 territorial division)

# --- Files ---------------------------------------------------------------------------
# The contract's columns each file holds, in order (keys, ISO dates, plain numbers): those
# the tables' planners declare (etl.plan), without what the demo leaves blank: the
# associations' contacts, a recommendation's domain text (every domain is a known one) and
# the reason given with its first status (the demo gives reasons with its entries).
_LEFT_BLANK = {
    "associations": {"phone", "email"},
    "recommendations": {"domain_text", "stall_reason"},
}
FILE_COLUMNS: dict[str, tuple[str, ...]] = {
    planner.table: tuple(
        c for c in planner.columns() if c not in _LEFT_BLANK.get(planner.table, set())
    )
    for planner in (
        AssociationPlanner,
        MeetingPlanner,
        RecommendationPlanner,
        StatusUpdatePlanner,
        DouarPlanner,
    )
}
ASSOCIATION_COLUMNS = FILE_COLUMNS["associations"]
MEETING_COLUMNS = FILE_COLUMNS["meetings"]
RECOMMENDATION_COLUMNS = FILE_COLUMNS["recommendations"]
STATUS_UPDATE_COLUMNS = FILE_COLUMNS["status_updates"]
DOUAR_COLUMNS = FILE_COLUMNS["douars"]
# Share of the recommendations written with a douar that also carry their own point (the
# rest are placed by the commune's douar list).
OWN_POINT_SHARE = 0.1
for _table, _columns in FILE_COLUMNS.items():
    assert set(_columns) <= {c.name for c in vocab.COLUMNS[_table]}, _table

LIST_SEPARATOR = "; "
EVIDENCE_BASE = "https://example.org/musharaka-demo"  # reserved domain: illustrative


def file_name(region_key: str, table: str) -> str:
    """The demo file of one region and table, e.g. souss_massa-meetings.csv."""
    return f"{region_key}-{table}.csv"


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
# gives 35% completed (of which PARTIAL_SHARE closed as partially completed: about 31% and
# 4%), 21% in progress, 12% stalled, 15% planned, 9% not started and 7% cancelled, and 45%
# of recommendations overdue.
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


@dataclass(frozen=True)
class DemoCommune:
    """A demo commune and its rows, each a tuple in its table's FILE_COLUMNS order."""

    profile: CommuneProfile
    associations: list[tuple]
    meetings: list[tuple]
    recommendations: list[tuple]
    status_updates: list[tuple]  # grouped by recommendation, in its order, by date
    douars: list[tuple]  # its douar list: the centre first, then each douar

    def rows(self, table: str) -> list[tuple]:
        return getattr(self, table)


@lru_cache(maxsize=64)
def _templates(lang: str, region_key: str, onee_ar: str) -> dict[str, tuple]:
    """Per domain: (title, responsible, partners, median budget, place, whether the commune
    carries it, the partner institutions it names), in one language."""
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
                responsible == "cc",
                accountability.institution_codes((responsible, *partners)),
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

    places = places_rng(seed, index, "points")  # its own: the other rows stay the same
    acc = accountability.accountability_rng(seed, index)  # likewise
    partial = partial_rng(seed, index)  # likewise
    acc_random = acc.random
    stopped, still_open = accountability.STOPPED, accountability.OPEN
    pac_share, parent_share = accountability.PAC_SHARE, accountability.PARENT_SHARE
    works = accountability.WORKS_BUDGET
    douar_place = dict(zip(douars, profile.douar_places, strict=True))
    douar_rows = [(commune_name, CENTRE["ar"], CENTRE["fr"], *profile.centre)] + [
        (commune_name, ar, fr, *point)
        for (fr, ar), point in zip(profile.douar_names, profile.douar_places, strict=True)
    ]
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
                *profile.centre,
            )
        )
        age = _REFERENCE - meeting_day
        cumulative = next(c for limit, c in _FINAL_CUMULATIVE if age < limit)
        total = cumulative[-1]
        first_update = meeting_day + 1
        span = _REFERENCE - first_update  # days available after the first possible update
        # The recommendations carried out in parts: (row index, final status, days of the
        # parts' entries, who carries it); their parts follow the meeting's last one.
        parents: list[tuple[int, str, tuple[int, int] | None, tuple[bool, bool]]] = []
        made = randint(45, 85)
        for number in range(1, made + 1):
            recommendation_id = f"{meeting_id}-R{number:03d}"
            domain = _DOMAIN_TABLE[int(rand() * len(_DOMAIN_TABLE))]
            choices = templates[domain]
            title_text, responsible, partner_pool, median, place, own, codes = choices[
                int(rand() * len(choices))
            ]
            a = int(rand() * n_douars)
            b = int(rand() * (n_douars - 1))
            if b >= a:
                b += 1
            douar_a = douars[a]
            title = title_text.format(a=douar_a, b=douars[b])
            point: tuple[float | None, float | None] = (None, None)
            if place == "c":
                location = centre if rand() < 0.5 else None
            else:
                location = f"{douar_word} {douar_a}" if rand() < 0.95 else None
                if location is not None and places.random() < OWN_POINT_SHARE:
                    point = near(places, douar_place[douar_a])
            description = None
            if rand() < 0.25:
                start = 1 if place == "c" else 0
                choice = start + int(rand() * (len(descriptions) - start))
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
            # Closed as partially completed rather than completed, keeping this progress.
            kept = None
            if final == "completed" and partial.random() < PARTIAL_SHARE:
                kept = PARTIAL_PROGRESS[int(partial.random() * len(PARTIAL_PROGRESS))]
            programme = accountability.NO_PROGRAMME
            if acc_random() < pac_share[final]:
                programme = accountability.programme(acc, meeting_day, domain, codes, lang)
            shape = (own, partners is not None)
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
                    None,  # parent_id
                    None,  # weight
                    *point,
                    *programme,
                )
            )
            parent = budget is not None and median >= works and acc_random() < parent_share
            low, high = UPDATE_COUNTS[final]
            count = randint(low, high)
            if final == "planned" and initial == "planned":
                count -= 1
            if count <= 0 or span <= 0:
                if parent:
                    parents.append((len(recommendations) - 1, initial, None, shape))
                continue
            # The last update: when it closed, or lately for what is still open.
            if final in ("completed", "cancelled"):
                last = first_update + int(span * (0.25 + 0.75 * rand()))
            else:
                last = _REFERENCE - int(rand() * min(span, 400))
            count = min(count, last - first_update + 1)
            days = sorted(rng.sample(range(first_update, last + 1), count))
            steps = history(rng, final, initial, count)
            closing = final
            if kept is not None:
                steps, closing = closed_partly(steps, kept), "partially_completed"
            if parent:
                parents.append((len(recommendations) - 1, closing, (first_update, last), shape))
            why: str | None = None  # its reason, drawn when it first stops
            asked = False
            for day, (status, progress, kind) in zip(days, steps, strict=True):
                kinds = notes[kind]
                note = kinds[int(rand() * len(kinds))] if rand() < 0.92 else None
                evidence = None
                if status in ("completed", "partially_completed") and rand() < 0.35:
                    evidence = f"{EVIDENCE_BASE}/{recommendation_id}.pdf"
                reporter = reporters[int(rand() * len(reporters))] if rand() < 0.9 else None
                reason = None
                if status in stopped:
                    if not asked:
                        asked = True
                        if acc_random() < accountability.REASON_GIVEN:
                            why = accountability.reason(acc, *shape)
                    reason = why
                updates.append(
                    (
                        recommendation_id,
                        _day(day),
                        status,
                        progress,
                        note,
                        evidence,
                        reporter,
                        reason,
                    )
                )
            # Still open past its target date: the latest entry may say why.
            if (
                final in still_open
                and target < days[-1]
                and acc_random() < accountability.OVERDUE_REASON_GIVEN
            ):
                late = why or accountability.reason(acc, *shape)
                updates[-1] = (*updates[-1][:-1], late)
        for at, parent_final, window, shape in parents:
            rows, entries = accountability.parts(
                acc,
                RECOMMENDATION_COLUMNS,
                recommendations[at],
                parent_final,
                window,
                made + 1,
                lang,
                notes,
                reporters,
                shape,
                _day,
            )
            made += len(rows)
            recommendations.extend(rows)
            updates.extend(entries)
    return DemoCommune(profile, association_rows, meetings, recommendations, updates, douar_rows)


def demo_communes(communes: int, seed: int = 1) -> Iterator[DemoCommune]:
    """Communes 1..N one at a time (memory stays bounded), each from its own generator."""
    if communes < 0:
        raise ValueError("the number of communes cannot be negative")
    demo_commune_names(communes, seed)  # checks N against the names available
    for index in range(1, communes + 1):
        yield generate_commune(seed, index)
