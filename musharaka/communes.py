"""Communes known by every name: which commune a name written in a file, a form or a
command names, by its name, its Arabic or French name or one of its aliases (all folded
as musharaka.text.fold folds), or by the reference list of Morocco's communes
(data/reference/communes.csv, the Haut-Commissariat au Plan's codes and names).

The rule, for a name and the province its row gives (docs/data-contract.md, "Communes"):

1. a name of a commune of the database (its name, Arabic, French, an alias) is that commune;
2. a name of the reference list (in that province) is that commune of the list: the
   commune of the database with its code or one of its names, else a new one with its
   official code and both names;
3. a name equal to a known commune's but for an article or the word "commune" (Khnafif,
   El Khnafif and Lakhnafif; الخنافيف and خنافيف) is that commune, when only one commune of
   the province (of the country, without a province) has it;
4. a name a letter away from a known commune of the province (without a province:
   from exactly one known commune), articles aside, is refused as unknown_value, naming the
   likely commune and how to add the name as an alias, rather than creating a second one;
5. any other name is a new commune.

Nothing here writes; `CommuneNames.read` reads the communes and aliases once, and the
reference list is read once per process.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, select

from musharaka import geography
from musharaka.loader_text import english
from musharaka.models import Commune, CommuneAlias
from musharaka.text import fold, has_arabic

REFERENCE_CSV = Path(__file__).resolve().parent.parent / "data" / "reference" / "communes.csv"

# Words that say what a commune is rather than which: dropped before comparing names.
_KIND_WORDS = frozenset(
    {"commune", "communes", "cr", "cu", "rurale", "urbaine", "de", "d", "du"}
    | {"جماعه", "الجماعه", "القرويه", "الحضريه", "قرويه", "حضريه"}
)
# The Arabic article as French and English writers transliterate it, as a word of its own.
_ARTICLES = frozenset({"el", "al", "la", "le", "l", "ال"})
# ... and joined to the name (Lakhnafif, Elkhnafif), tried as a variant.
_JOINED_ARTICLES = ("el", "al", "la", "le")
_SHORTEST = 4  # the shortest name an article is taken off
_CLOSE_FROM = 6  # names shorter than this (articles aside) are never "close" to another


# --- the reference list ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ReferenceCommune:
    """One commune of the reference list: HCP's code, its names, where it is."""

    code: str
    name_ar: str
    name_fr: str
    province: str  # musharaka.geography's French name
    region: str
    province_key: str | None


@functools.lru_cache(maxsize=2)
def reference_communes(path: Path = REFERENCE_CSV) -> tuple[ReferenceCommune, ...]:
    """The reference list, read once per process (an empty list when the file is absent)."""
    if not path.exists():
        return ()
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    found = []
    for row in rows:
        place = geography.province_by_name(row["province"])
        found.append(
            ReferenceCommune(
                row["code"],
                row["name_ar"],
                row["name_fr"],
                row["province"],
                row["region"],
                place.key if place else None,
            )
        )
    return tuple(found)


def reference_by_code(code: str | None) -> ReferenceCommune | None:
    return _reference_codes().get(code or "")


@functools.lru_cache(maxsize=1)
def _reference_codes() -> dict[str, ReferenceCommune]:
    return {r.code: r for r in reference_communes()}


def province_key(province: str | None) -> str | None:
    """The geography key of a province as written (None: not given, or not known)."""
    place = geography.province_by_name(province) if province else None
    return place.key if place else None


# --- comparing names -----------------------------------------------------------------------
@functools.lru_cache(maxsize=50_000)
def name_cores(name: str) -> frozenset[str]:
    """The forms of a name compared for closeness: folded, without the words that say
    "commune", without a leading article (as a word, or joined: ال always, el/al/la/le as
    a variant), without spaces."""
    words = [w for w in fold(name).split() if w not in _KIND_WORDS]
    while len(words) > 1 and words[0] in _ARTICLES:
        words.pop(0)
    core = "".join(words)
    if core.startswith("ال") and len(core) > _SHORTEST:
        core = core[2:]
    cores = {core}
    for article in _JOINED_ARTICLES:
        if core.startswith(article) and len(core) - len(article) >= _SHORTEST:
            cores.add(core[len(article) :])
    return frozenset(c for c in cores if c)


def _limit(length: int) -> int:
    """How many letters two names of this length may differ by and still be "close": one
    (a letter added, dropped or changed), from six letters on. Two would make neighbours
    of Ouled Harrou and Ouled Abbou, Sidi Zaid and Sidi Abed; shorter names differ by a
    letter too often (Skoura, Meskoura)."""
    return 1 if length >= _CLOSE_FROM else 0


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance between `a` and `b`, or `limit + 1` as soon as it is larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, other in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
        if min(current) > limit:
            return limit + 1
        previous = current
    return min(previous[-1], limit + 1)


def closeness(first: frozenset[str], second: frozenset[str]) -> int | None:
    """How far apart two names are, by their cores: 0 when they are the same name but for
    an article, the letters they differ by when that is few enough for their length,
    None when they are not close."""
    best: int | None = None
    for a in first:
        for b in second:
            if a == b:
                return 0
            limit = _limit(min(len(a), len(b)))
            if limit and edit_distance(a, b, limit) <= limit:
                gap = edit_distance(a, b, limit)
                best = gap if best is None else min(best, gap)
    return best


# --- what the resolution knows -------------------------------------------------------------
@dataclass(eq=False)
class Place:
    """A commune a name may name: one of the database (`id`), one of the reference list
    not in the database (`reference`, no key), or one this load creates (a key, no id)."""

    name: str  # as shown: the database's name, else the one the load will create
    names: set[str]  # folded: every name it is known by
    province_key: str | None
    code: str | None = None
    id: int | None = None
    key: str | None = None  # the database's key (its folded name)
    name_ar: str | None = None
    name_fr: str | None = None
    reference: ReferenceCommune | None = None
    cores: frozenset[str] = field(default_factory=frozenset)

    def label(self) -> str:
        """How a message names it: its name, with its other official name."""
        ref = self.reference
        if ref is None:
            return self.name
        other = ref.name_fr if has_arabic(self.name) else ref.name_ar
        return self.name if fold(other) == fold(self.name) else f"{self.name} ({other})"


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a written name names: `name`, to write in the record in its place (its
    folded form is the commune's key), or `near`, the communes it is close to (refused)."""

    name: str | None
    near: tuple[Place, ...] = ()


class CommuneNames:
    """Every commune a name may name, by each of its names: the database's (with their
    aliases), the reference list's, and those this resolution decided to create."""

    def __init__(
        self,
        stored: Iterable[Place],
        aliases: Iterable[tuple[int, str]] = (),
        reference: Iterable[ReferenceCommune] = (),
    ) -> None:
        self.places: list[Place] = []  # of the database and of this load
        self._exact: dict[str, list[Place]] = {}
        self._by_id: dict[int, Place] = {}
        self._by_code: dict[str, Place] = {}
        self._by_province: dict[str | None, list[Place]] = {}
        # What communes of the database lack and the reference list gives: commune id ->
        # {column: value}, written with the load (etl.plan.communes).
        self.fills: dict[int, dict[str, str]] = {}
        for place in stored:
            self._add(place)
        for commune_id, alias in aliases:
            if commune_id in self._by_id:
                self._name(self._by_id[commune_id], fold(alias))
        self._reference_exact: dict[str, list[ReferenceCommune]] = {}
        # The reference list's communes as places, but those of the database (by code).
        self._reference_places: dict[str, Place] = {}
        self._reference_by_province: dict[str | None, list[Place]] = {}
        for ref in reference:
            for name in {fold(ref.name_ar), fold(ref.name_fr)}:
                self._reference_exact.setdefault(name, []).append(ref)
            if ref.code not in self._by_code:
                place = Place(
                    name=ref.name_ar,
                    names={fold(ref.name_ar), fold(ref.name_fr)},
                    province_key=ref.province_key,
                    code=ref.code,
                    name_ar=ref.name_ar,
                    name_fr=ref.name_fr,
                    reference=ref,
                )
                place.cores = _cores_of(place.names)
                self._reference_places[ref.code] = place
                self._reference_by_province.setdefault(ref.province_key, []).append(place)

    @classmethod
    def read(
        cls, conn: Connection, reference: Iterable[ReferenceCommune] | None = None
    ) -> CommuneNames:
        """The communes and aliases of the database, with the reference list."""
        rows = conn.execute(
            select(
                Commune.id,
                Commune.key,
                Commune.name,
                Commune.name_ar,
                Commune.name_fr,
                Commune.province_key,
                Commune.code,
            ).order_by(Commune.id)
        ).all()
        stored = [
            Place(
                # The name whose folded form is the key: what a record names it by.
                name=row.name if fold(row.name) == row.key else row.key,
                names={fold(n) for n in (row.key, row.name, row.name_ar, row.name_fr) if n},
                province_key=row.province_key,
                code=row.code,
                id=row.id,
                key=row.key,
                name_ar=row.name_ar,
                name_fr=row.name_fr,
                reference=reference_by_code(row.code),
            )
            for row in rows
        ]
        aliases = conn.execute(select(CommuneAlias.commune_id, CommuneAlias.alias)).all()
        known = reference_communes() if reference is None else reference
        return cls(stored, [(a.commune_id, a.alias) for a in aliases], known)

    # --- building -------------------------------------------------------------------------
    def _add(self, place: Place) -> None:
        self.places.append(place)
        if place.id is not None:
            self._by_id[place.id] = place
        if place.code:
            self._by_code[place.code] = place
        self._by_province.setdefault(place.province_key, []).append(place)
        for name in list(place.names):
            self._name(place, name)

    def _name(self, place: Place, name: str) -> None:
        if not name:
            return
        place.names.add(name)
        hits = self._exact.setdefault(name, [])
        if place not in hits:
            hits.append(place)
        place.cores = _cores_of(place.names)

    # --- finding --------------------------------------------------------------------------
    def by_id(self, commune_id: int) -> Place | None:
        return self._by_id.get(commune_id)

    def names_of(self, key: str) -> frozenset[str]:
        """Every folded name of the commune whose key (or name) is `key`."""
        hits = self._exact.get(key, [])
        own = [p for p in hits if p.key == key] or hits
        return frozenset(own[0].names) if own else frozenset({key})

    def find(self, written: str, province: str | None = None) -> Place | None:
        """The commune of the database `written` names (rules 1-3), without creating one
        or refusing: for a command-line option, a user's communes, a rejected row."""
        place = self._known(written, province_key(province))
        return place if place is not None and place.id is not None else None

    def _candidates(self, province: str | None) -> list[Place]:
        """The communes a name of that province may be close to (all, without one)."""
        taken = self._by_code
        if province is None:
            reference = self._reference_places.values()
            return [*self.places, *(p for p in reference if p.code not in taken)]
        reference = self._reference_by_province.get(province, [])
        return [
            *self._by_province.get(province, []),
            *self._by_province.get(None, []),
            *(p for p in reference if p.code not in taken),
        ]

    def _known(self, written: str, province: str | None) -> Place | None:
        """The commune rules 1-3 give (of the database, of this load or of the reference
        list), or None."""
        key = fold(written)
        if not key:
            return None
        hits = self._exact.get(key)
        if hits:
            same = [p for p in hits if p.key == key]
            same = same or [p for p in hits if province and p.province_key == province]
            return (same or hits)[0]
        refs = self._reference_exact.get(key, [])
        if province is not None:
            refs = [r for r in refs if r.province_key == province]
        if len(refs) == 1:
            return self._place_for_reference(refs[0])
        cores = name_cores(written)
        same = _unique(p for p in self._candidates(province) if cores & p.cores)
        if len(same) == 1:
            place = same[0]
            if place.key is None and place.reference is not None:
                return self._place_for_reference(place.reference)
            return place
        return None

    def _place_for_reference(self, ref: ReferenceCommune) -> Place:
        """The commune of the database (or of this load) that is `ref`: by its code, else
        by one of its names in its province (or none) while it has no code; else the
        reference list's own place for it."""
        if ref.code in self._by_code:
            return self._by_code[ref.code]
        for name in (fold(ref.name_ar), fold(ref.name_fr)):
            for place in self._exact.get(name, []):
                if place.code is None and place.province_key in (None, ref.province_key):
                    return place
        return self._reference_places[ref.code]

    # --- resolving ------------------------------------------------------------------------
    def resolve(self, written: str, province: str | None = None) -> Resolution:
        """What a name written in a row names (rules 1-5). A commune this load creates is
        remembered, so that the same commune written otherwise later in the load is the
        same one. `province` as written in the row."""
        key = fold(written)
        pkey = province_key(province)
        place = self._known(written, pkey)
        if place is None:
            near = self._near(written, pkey)
            if near:
                return Resolution(None, tuple(near))
            place = Place(name=written.strip(), names={key}, province_key=pkey, key=key)
            self._add(place)
            return Resolution(place.name)
        if place.key is None:  # a commune of the reference list, new to the database
            place = self._create_from_reference(place, written)
        elif place.id is not None and place.code is None:
            self._fill_from_reference(place)
        self._name(place, key)
        return Resolution(place.name)

    def _near(self, written: str, province: str | None) -> list[Place]:
        """The communes `written` is close to (rule 4), closest first: up to three in its
        province; without a province, the one commune it is close to, if only one."""
        cores = name_cores(written)
        scored = []
        for place in _unique(self._candidates(province)):
            gap = closeness(cores, place.cores)
            if gap is not None:
                scored.append((gap, place.name, place))
        scored.sort(key=lambda s: (s[0], s[1]))
        near = [place for _, _, place in scored]
        if province is None and len(near) != 1:
            return []
        return near[:3]

    def _create_from_reference(self, place: Place, written: str) -> Place:
        """A commune of the reference list that this load creates: named as written when
        that is one of its official names, else by its official name in the script it was
        written in."""
        ref = place.reference
        assert ref is not None  # a place without a key is the reference list's
        official = {fold(ref.name_ar), fold(ref.name_fr)}
        if fold(written) in official:
            name = written.strip()
        else:
            name = ref.name_ar if has_arabic(written) else ref.name_fr
        new = Place(
            name=name,
            names={fold(name), *official},
            province_key=ref.province_key,
            code=ref.code,
            key=fold(name),
            name_ar=ref.name_ar,
            name_fr=ref.name_fr,
            reference=ref,
        )
        self._add(new)
        return new

    def _fill_from_reference(self, place: Place) -> None:
        """A commune of the database without a code that the reference list knows by one
        of its names, in its province: its code and the names it lacks, written with the
        load (the names it has are kept)."""
        refs = {
            r.code: r
            for name in place.names
            for r in self._reference_exact.get(name, [])
            if r.province_key == place.province_key and r.code not in self._by_code
        }
        if len(refs) != 1 or place.id is None:
            return
        ref = next(iter(refs.values()))
        values = {"code": ref.code}
        if not place.name_ar:
            values["name_ar"] = place.name_ar = ref.name_ar
        if not place.name_fr:
            values["name_fr"] = place.name_fr = ref.name_fr
        self.fills[place.id] = values
        place.code, place.reference = ref.code, ref
        self._by_code[ref.code] = place
        for name in (fold(ref.name_ar), fold(ref.name_fr)):
            self._name(place, name)


def _cores_of(names: Iterable[str]) -> frozenset[str]:
    return frozenset(core for name in names for core in name_cores(name))


def _unique(places: Iterable[Place]) -> list[Place]:
    found: list[Place] = []
    for place in places:
        if place not in found:
            found.append(place)
    return found


@functools.lru_cache(maxsize=1)
def _reference_names() -> dict[str, list[ReferenceCommune]]:
    names: dict[str, list[ReferenceCommune]] = {}
    for ref in reference_communes():
        for name in {fold(ref.name_ar), fold(ref.name_fr)}:
            names.setdefault(name, []).append(ref)
    return names


def reference_named(name: str, province: str | None) -> ReferenceCommune | None:
    """The commune of the reference list called `name` (Arabic or French, folded), in
    that province when one is given; None when none is, or several are."""
    pkey = province_key(province)
    refs = _reference_names().get(fold(name), [])
    if pkey is not None:
        refs = [r for r in refs if r.province_key == pkey]
    return refs[0] if len(refs) == 1 else None


# --- the message of a refused name ----------------------------------------------------------
ALIAS_COMMAND = 'python -m musharaka communes alias add "{commune}" "{alias}"'


def near_message(written: str, near: tuple[Place, ...]) -> str:
    """Why a name close to known communes is refused, and what to do: add it as an alias
    of the commune it is (a commune of the database or of this load), or write the official
    name (a commune of the reference list only)."""
    likely, written = near[0], written.strip()
    communes = ", ".join(f"'{p.label()}'" for p in near)
    if likely.key is not None:
        command = ALIAS_COMMAND.format(commune=likely.name, alias=written)
        return english("commune_near_stored", written=written, communes=communes, command=command)
    return english(
        "commune_near_reference",
        written=written,
        communes=communes,
        official=likely.name_fr or likely.name,
    )
