"""What the demo gives for accountability across communes: why a recommendation stalls
(a reason on some of its stalled, cancelled or overdue entries), its line in the commune's
action programme (PAC reference, budget line, partner institution) and sub-recommendations
(a few parents, each carried out in two to four weighted parts).

Each commune draws these from a generator of its own (`accountability_rng`), so the
demo's other rows are the same as without them; etl.demo_generate calls the functions
here as it writes a commune's rows. Everything is fictional."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date

from etl.demo_text import INSTITUTIONS
from musharaka import vocabulary as vocab

# --- Why it stalls -------------------------------------------------------------------
# The statuses an entry carries a reason with; and how often the council gives one for a
# recommendation that stopped (stalled or cancelled), and for one still open past its
# target date (on its latest entry).
STOPPED = ("stalled", "cancelled")
OPEN = ("not_started", "planned", "in_progress")
REASON_GIVEN = 0.7
OVERDUE_REASON_GIVEN = 0.3
# Per reason, in percent: a project of the commune's own more often lacks land, money or a
# study; one carried by another institution is more often outside the commune's
# competence; a partner can only fail a recommendation that has one.
_REASON_WEIGHTS = {
    # (carried by the commune, has partners)
    (True, True): {"land": 22, "budget": 30, "partner": 18, "studies": 17, "competence": 3},
    (True, False): {"land": 26, "budget": 36, "partner": 0, "studies": 22, "competence": 4},
    (False, True): {"land": 14, "budget": 22, "partner": 18, "studies": 14, "competence": 20},
    (False, False): {"land": 16, "budget": 26, "partner": 0, "studies": 16, "competence": 30},
}
_OTHER_WEIGHT = 8


def _table(weights: dict[str, int]) -> tuple[str, ...]:
    table: list[str] = []
    for key, weight in {**weights, "other": _OTHER_WEIGHT}.items():
        table.extend([key] * weight)
    return tuple(table)


_REASON_TABLES = {shape: _table(weights) for shape, weights in _REASON_WEIGHTS.items()}
assert {k for t in _REASON_TABLES.values() for k in t} <= set(vocab.STALL_REASON_KEYS)


def accountability_rng(seed: int, index: int) -> random.Random:
    """Commune `index`'s generator of reasons, programme lines and parts."""
    return random.Random(f"musharaka-demo-accountability:{seed}:{index}")


def reason(rng: random.Random, own: bool, partners: bool) -> str:
    """A reason for a recommendation carried by the commune (`own`) or not, with partners
    or none."""
    table = _REASON_TABLES[(own, partners)]
    return table[int(rng.random() * len(table))]


# --- The action programme ------------------------------------------------------------
# The demo's institutions (etl.demo_text.INSTITUTIONS) as the list a partner institution
# is written from (musharaka.vocabulary.INSTITUTIONS); the commune itself and local
# associations are no partner institution.
INSTITUTION_CODES = {
    "cp": "province",
    "province": "province",
    "cr": "region",
    "indh": "indh",
    "onee": "onee",
    "edu": "education",
    "sante": "health",
    "equip": "equipment",
    "agri": "agriculture",
    "jeunesse": "youth",
    "culture": "other",
    "entraide": "other",
    "forets": "other",
    "abh": "other",
    "gc": "other",
    "anapec": "other",
    "odco": "other",
}
assert set(INSTITUTION_CODES) <= set(INSTITUTIONS)
assert set(INSTITUTION_CODES.values()) <= set(vocab.INSTITUTION_KEYS)
# How often a recommendation is taken into the action programme, by its final status: what
# got done was mostly in it, what never started mostly not.
PAC_SHARE = {
    "completed": 0.55,
    "in_progress": 0.5,
    "stalled": 0.4,
    "cancelled": 0.25,
    "planned": 0.35,
    "not_started": 0.15,
}
BUDGET_LINE_GIVEN = 0.8
PARTNER_GIVEN = 0.7
# A council's programme covers its mandate: the one adopted after the 2015 elections, then
# the one after the elections of 8 September 2021. Its lines are numbered by domain.
SECOND_MANDATE = date(2021, 9, 8).toordinal()
_DOMAIN_LINE = {key: 1 + 3 * i for i, key in enumerate(vocab.DOMAIN_KEYS)}
NO_PROGRAMME: tuple[None, None, None] = (None, None, None)


def institution_codes(keys: tuple[str, ...]) -> tuple[str, ...]:
    """The partner institutions (codes of the list) among demo institutions' keys."""
    codes = (INSTITUTION_CODES.get(k) for k in keys)
    return tuple(dict.fromkeys(c for c in codes if c))


def programme(
    rng: random.Random, meeting_day: int, domain: str, codes: tuple[str, ...], lang: str
) -> tuple[str, str | None, str | None]:
    """(pac_ref, budget_line, partner_institution) of a recommendation taken into the
    programme (PAC_SHARE of them, by final status, are: the caller draws which, since most
    are not). `meeting_day` is its meeting's date's ordinal, `codes` the partner
    institutions its template names."""
    year = 2017 if meeting_day < SECOND_MANDATE else 2022
    pac_ref = f"PAC-{year}-{_DOMAIN_LINE[domain] + int(rng.random() * 3):02d}"
    budget_line = None
    if rng.random() < BUDGET_LINE_GIVEN:
        chapter, article = (20 if rng.random() < 0.7 else 30), 10 + int(rng.random() * 40)
        budget_line = (
            f"الفصل {chapter} المادة {article}"
            if lang == "ar"
            else f"Chap. {chapter} art. {article}"
        )
    partner = None
    if codes and rng.random() < PARTNER_GIVEN:
        partner = codes[int(rng.random() * len(codes))]
    return pac_ref, budget_line, partner


# --- Sub-recommendations -------------------------------------------------------------
# How often a recommendation for works (its template's median budget at least
# WORKS_BUDGET, and a budget of its own) is carried out in parts; the phases its parts are
# (French, Arabic, weight: its share of the work), by how many parts it has.
WORKS_BUDGET = 500_000
PARENT_SHARE = 0.03
PHASES = (
    ("études et montage du projet", "الدراسات وإعداد المشروع", 1),
    ("foncier et autorisations", "تعبئة العقار والتراخيص", 1),
    ("travaux", "الأشغال", 4),
    ("équipement et mise en service", "التجهيز والتشغيل", 2),
)
PHASES_BY_COUNT = {2: (0, 2), 3: (0, 2, 3), 4: (0, 1, 2, 3)}


def part_finals(rng: random.Random, parent_final: str, count: int) -> list[str]:
    """The final status of each of a parent's `count` parts, done in order: all done when
    the parent is, all waiting while it waits; else the first few done, the next one where
    the parent is (in progress, stalled or cancelled), the rest not begun; all but the last
    done when the parent is partially completed."""
    if parent_final in ("completed", "not_started", "planned"):
        return [parent_final] * count
    if parent_final == "partially_completed":  # the last phase given up midway
        return ["completed"] * (count - 1) + [parent_final]
    done = int(rng.random() * count)
    rest = "cancelled" if parent_final == "cancelled" else "not_started"
    if parent_final == "in_progress":
        rest = "planned"
    return ["completed"] * done + [parent_final] + [rest] * (count - done - 1)


def part_title(title: str, phase: int, lang: str) -> str:
    french, arabic, _ = PHASES[phase]
    return f"{title} – {arabic if lang == 'ar' else french}"


def part_history(
    rng: random.Random, final: str, first: int, last: int
) -> list[tuple[int, str, int]]:
    """A part's entries (day ordinal, status, progress) between days `first` and `last`,
    ending in `final`, its progress never falling: two entries at most."""
    days = last - first + 1
    if final == "not_started" or days < 1:
        return []
    if final in ("planned", "cancelled"):
        return [(first + int(rng.random() * days), final, 0)]
    progress = 10 * (2 + int(rng.random() * 7))  # 20 to 80
    if final == "partially_completed":
        progress = max(progress, 40)  # as much as a partially completed one keeps, at least
    if days < 2:
        return [(last, final, 100 if final == "completed" else progress)]
    start, end = sorted(rng.sample(range(first, last + 1), 2))
    closing = 100 if final == "completed" else progress
    if final == "in_progress":
        closing = min(progress + 10 * (1 + int(rng.random() * 2)), 90)
    return [(start, "in_progress", progress), (end, final, closing)]


# The note an entry of a part is written with, by its status (etl.demo_text.NOTES' kinds).
_NOTE_KIND = {
    "planned": "planned",
    "in_progress": "in_progress",
    "completed": "completed",
    "partially_completed": "partially_completed",
    "stalled": "stalled",
    "cancelled": "cancelled",
}


def parts(
    rng: random.Random,
    columns: tuple[str, ...],
    parent: tuple,
    parent_final: str,
    window: tuple[int, int] | None,
    number: int,
    lang: str,
    notes: dict[str, tuple[str, ...]],
    reporters: Sequence[str],
    shape: tuple[bool, bool],
    day,
) -> tuple[list[tuple], list[tuple]]:
    """A parent's parts (rows in `columns` order, numbered from `number` in its meeting)
    and their entries (the status updates' rows), as `parent`'s row is written: its
    domain, people, place, target and programme line, without a budget of their own (the
    parent carries it). `window`: the first and last days (ordinals) its parts' entries
    may bear, None for no entry; `shape` says who carries it (reason); `day` turns an
    ordinal into a date."""
    row = dict(zip(columns, parent, strict=True))
    meeting, code = row["meeting_id"], row["recommendation_id"]
    count = 2 + int(rng.random() * 3)
    finals = part_finals(rng, parent_final, count)
    rows, entries = [], []
    for i, (phase, final) in enumerate(zip(PHASES_BY_COUNT[count], finals, strict=True)):
        part_code = f"{meeting}-R{number + i:03d}"
        part = {
            **row,
            "recommendation_id": part_code,
            "title": part_title(row["title"], phase, lang),
            "description": None,
            "budget_mad": None,
            "progress": 0,
            "parent_id": code,
            "weight": PHASES[phase][2],
            "latitude": None,
            "longitude": None,
        }
        rows.append(tuple(part[c] for c in columns))
        if window is None:
            continue
        first, last = window
        span = last - first + 1
        history = part_history(
            rng, final, first + span * i // count, first + span * (i + 1) // count - 1
        )
        for n, (when, status, progress) in enumerate(history):
            kind = "started" if status == "in_progress" and n == 0 else _NOTE_KIND[status]
            note = notes[kind][int(rng.random() * len(notes[kind]))]
            reporter = reporters[int(rng.random() * len(reporters))]
            why = None
            if status in STOPPED and rng.random() < REASON_GIVEN:
                why = reason(rng, *shape)
            entries.append((part_code, day(when), status, progress, note, None, reporter, why))
    return rows, entries
