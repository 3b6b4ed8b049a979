"""The governor's quarterly report as data: the scorecard of every commune of a province or
a region, the communes whose recommendations moved most and least during the quarter, and
the figures' definitions (pure, but for `build_quarterly`, which runs the queries).

A quarter is written as in `python -m etl report --quarter 2026Q3`: its year, "Q" and its
number (also 2026-Q3 or Q3-2026)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

from musharaka import geography
from musharaka.queries.filters import RecommendationFilter, read_frame
from musharaka.queries.quarterly import movement
from musharaka.queries.scorecards import scorecard
from musharaka.queries.stall_reasons import reason_commune_counts

# How many communes each of the two lists (moved most, moved least) names.
MOVERS = 5
_QUARTER = re.compile(r"^\s*(?:(\d{4})\s*-?\s*[Qq]([1-4])|[Qq]([1-4])\s*-?\s*(\d{4}))\s*$")


class QuarterlyError(ValueError):
    """A scope or a quarter that cannot be reported on, said so in English (for the CLI)."""


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1 to 4

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> dt.date:
        following = dt.date(self.year + self.number // 4, 3 * self.number % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    @property
    def code(self) -> str:
        return f"{self.year}Q{self.number}"


def parse_quarter(text: str) -> Quarter:
    """2026Q3, 2026-Q3, Q3 2026 or Q3-2026 as a Quarter; QuarterlyError otherwise."""
    found = _QUARTER.match(text or "")
    if not found:
        raise QuarterlyError(f"{text!r} is not a quarter: write it as 2026Q3")
    year, number = (found[1], found[2]) if found[1] else (found[4], found[3])
    return Quarter(int(year), int(number))


def quarter_of(day: dt.date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def previous(quarter: Quarter) -> Quarter:
    if quarter.number == 1:
        return Quarter(quarter.year - 1, 4)
    return Quarter(quarter.year, quarter.number - 1)


def last_full_quarter(today: dt.date) -> Quarter:
    """The latest quarter that is over on `today`."""
    return previous(quarter_of(today))


@dataclass(frozen=True)
class Scope:
    kind: str  # "region" or "province"
    key: str
    name_ar: str
    name_fr: str

    def label(self, lang: str) -> str:
        return self.name_ar if lang == "ar" else self.name_fr


def find_scope(kind: str, name: str) -> Scope:
    """The region or the province called `name` (French, Arabic or key); QuarterlyError
    when there is none."""
    if kind == "province":
        province = geography.province_by_name(name)
        if province is not None:
            return Scope("province", province.key, province.name_ar, province.name_fr)
    else:
        region = geography.region_by_name(name)
        if region is not None:
            return Scope("region", region.key, region.name_ar, region.name_fr)
    raise QuarterlyError(f"unknown {kind}: {name!r} (its French or Arabic name)")


@dataclass(frozen=True)
class QuarterlyReport:
    scope: Scope
    quarter: Quarter
    as_of: dt.date  # the day the scorecard's figures are counted on
    made_on: dt.date
    scorecard: pd.DataFrame  # queries.scorecards.scorecard's rows, by commune name
    moved: pd.DataFrame  # one row per commune: commune_id, updated, completed, share
    most: pd.DataFrame  # the communes that moved most (moved's rows with the commune's)
    least: pd.DataFrame  # and least
    # Why the recommendations that did not move (stalled, cancelled or overdue on as_of)
    # are stuck: queries.stall_reasons.reason_commune_counts (reason, count, communes).
    reasons: pd.DataFrame

    @property
    def totals(self) -> dict[str, int]:
        frame = self.scorecard
        return {
            "communes": len(frame),
            "recommendations": int(frame["recommendations"].sum()),
            "completed": int(frame["completed"].sum()),
            "cancelled": int(frame["cancelled"].sum()),
            "updated": int(self.moved["updated"].sum()),
            "completed_in_quarter": int(self.moved["completed"].sum()),
        }


def movers(scorecard: pd.DataFrame, moved: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The communes that moved most and least in the quarter (pure): most by recommendations
    completed in it, then by the share of their recommendations that had an entry in it;
    least by that share, then by completions. Communes without recommendations are in
    neither; a commune is never in both."""
    rows = scorecard[["commune_id", "commune", "name_ar", "name_fr", "recommendations"]]
    rows = rows[rows["recommendations"] > 0].merge(moved, on="commune_id", how="left")
    rows[["updated", "completed"]] = rows[["updated", "completed"]].fillna(0).astype(int)
    rows["share"] = rows["updated"] / rows["recommendations"]
    most = rows.sort_values(
        ["completed", "share", "commune"], ascending=[False, False, True], kind="stable"
    ).head(MOVERS)
    most = most[(most["completed"] > 0) | (most["updated"] > 0)]
    rest = rows[~rows["commune_id"].isin(most["commune_id"])]
    least = rest.sort_values(
        ["share", "completed", "commune"], ascending=[True, True, True], kind="stable"
    ).head(MOVERS)
    return most.reset_index(drop=True), least.reset_index(drop=True)


def build_quarterly(
    engine: Engine, scope: Scope, quarter: Quarter, today: dt.date | None = None
) -> QuarterlyReport:
    """The report of a scope for a quarter. The scorecard is counted on the quarter's last
    day, or today if the quarter is not over (its summary rows are today's: a commune's
    counts are as they stand now)."""
    today = today or dt.date.today()
    if quarter.start > today:
        raise QuarterlyError(f"the quarter {quarter.code} has not begun")
    as_of = min(quarter.end, today)
    where = (
        RecommendationFilter(region_keys=(scope.key,), today=as_of)
        if scope.kind == "region"
        else RecommendationFilter(province_keys=(scope.key,), today=as_of)
    )
    with engine.connect() as conn:
        card = read_frame(conn, scorecard(scope.kind, scope.key, as_of))
        moved = read_frame(conn, movement(scope.kind, scope.key, quarter.start, as_of))
        reasons = read_frame(conn, reason_commune_counts(where))
    if card.empty:
        raise QuarterlyError(f"no commune of the {scope.kind} {scope.name_fr!r} has data")
    moved = moved.astype({"commune_id": int, "updated": int, "completed": int})
    most, least = movers(card, moved)
    return QuarterlyReport(scope, quarter, as_of, today, card, moved, most, least, reasons)
