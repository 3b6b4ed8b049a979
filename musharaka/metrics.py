"""Pure roll-ups over query results: the key figures of the overview.

Completion rate is completed / (all - cancelled): a recommendation the council dropped
is not counted as done, and not counted as owed either. One closed with part of its work
done (partially completed) is owed and not done: it is counted apart, beside the rate.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from musharaka.vocabulary import STATUS_KEYS


@dataclass(frozen=True)
class KeyFigures:
    total: int
    by_status: dict[str, int]
    overdue: int
    budget_mad: float

    @property
    def completed(self) -> int:
        return self.by_status.get("completed", 0)

    @property
    def partially_completed(self) -> int:
        return self.by_status.get("partially_completed", 0)

    @property
    def in_progress(self) -> int:
        return self.by_status.get("in_progress", 0)

    @property
    def stalled(self) -> int:
        return self.by_status.get("stalled", 0)

    @property
    def completion_rate(self) -> float | None:
        """Share of completed among the recommendations not cancelled; None when there are none."""
        owed = self.total - self.by_status.get("cancelled", 0)
        return None if owed == 0 else self.completed / owed


def key_figures(status_counts: pd.DataFrame) -> KeyFigures:
    """Key figures from the rows of `queries.status_counts` (status, count, overdue, budget)."""
    by_status = {key: 0 for key in STATUS_KEYS}
    for row in status_counts.itertuples(index=False):
        by_status[row.status] = by_status.get(row.status, 0) + int(row.count)
    return KeyFigures(
        total=int(status_counts["count"].sum()) if len(status_counts) else 0,
        by_status=by_status,
        overdue=int(status_counts["overdue"].sum()) if len(status_counts) else 0,
        budget_mad=float(status_counts["budget_mad"].sum()) if len(status_counts) else 0.0,
    )


def shown_status_keys(*figures: KeyFigures) -> tuple[str, ...]:
    """The statuses in the vocabulary's order, "partially completed" only where these figures
    have some: a display or a report on paper keeps the room it had for a commune that
    never used it (the status came after the first reports)."""
    used = any(f.partially_completed for f in figures)
    return tuple(k for k in STATUS_KEYS if k != "partially_completed" or used)


def status_table(figures: KeyFigures) -> pd.DataFrame:
    """One row per status in the vocabulary's order, with its count (zeros included)."""
    return pd.DataFrame(
        {"status": list(STATUS_KEYS), "count": [figures.by_status.get(k, 0) for k in STATUS_KEYS]}
    )


def with_rates(rollup: pd.DataFrame) -> pd.DataFrame:
    """A roll-up with its completion and overdue rates (completed / not cancelled,
    overdue / not cancelled), None where nothing is owed."""
    table = rollup.copy()
    owed = table["recommendations"] - table["cancelled"]
    safe = owed.where(owed > 0)
    table["completion_rate"] = table["completed"] / safe
    table["overdue_rate"] = table["overdue"] / safe
    return table


def rollup_table(rollup: pd.DataFrame, level: str, lang: str) -> pd.DataFrame:
    """A roll-up (queries.rollup) ready to show: place names in the reader's language,
    counts, and completion and overdue rates in percent."""
    from musharaka import geography
    from musharaka.i18n import t

    table = with_rates(rollup)
    regions = {r.key: r for r in geography.REGIONS}
    provinces = {p.key: p for p in geography.PROVINCES}

    def name(place, key):
        if place is None:
            return key or "—"
        return place.name_ar if lang == "ar" else place.name_fr

    shown = pd.DataFrame()
    shown[t("region", lang)] = [name(regions.get(k), k) for k in table["region"]]
    if level in ("province", "commune"):
        shown[t("province", lang)] = [name(provinces.get(k), k) for k in table["province"]]
    if level == "commune":
        shown[t("commune", lang)] = table["commune"].tolist()
    shown[t("recommendations", lang)] = table["recommendations"].astype(int).tolist()
    shown[t("completed", lang)] = table["completed"].astype(int).tolist()
    shown[t("partially_completed", lang)] = table["partially_completed"].astype(int).tolist()
    shown[t("overdue", lang)] = table["overdue"].astype(int).tolist()
    shown[t("completion_rate", lang)] = (table["completion_rate"] * 100).round(1).tolist()
    shown[t("overdue_rate", lang)] = (table["overdue_rate"] * 100).round(1).tolist()
    return shown
