"""Pure pieces of the action programme's figures on the overview: how many recommendations
were taken into the commune's programme (PAC), and the table by partner institution,
labelled in the reader's language. No Streamlit here."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from musharaka.i18n import t, term_label
from musharaka.vocabulary import INSTITUTION_KEYS, INSTITUTIONS


@dataclass(frozen=True)
class ProgrammeFigures:
    total: int  # the recommendations chosen
    in_programme: int  # of them, taken into the action programme
    with_institution: int  # of them, naming a partner institution

    @property
    def share(self) -> float | None:
        """The part of the recommendations taken into the programme; None without any."""
        return self.in_programme / self.total if self.total else None

    @property
    def recorded(self) -> bool:
        """Whether the data says anything of the programme at all (files without its
        columns say nothing: their recommendations are not shown as left out of it)."""
        return bool(self.in_programme or self.with_institution)


def figures(counts: pd.DataFrame) -> ProgrammeFigures:
    """The figures of `queries.programme.by_institution`'s rows."""
    if counts.empty:
        return ProgrammeFigures(0, 0, 0)
    named = counts["institution"].notna()
    return ProgrammeFigures(
        total=int(counts["count"].sum()),
        in_programme=int(counts["in_programme"].sum()),
        with_institution=int(counts.loc[named, "count"].sum()),
    )


def institution_table(counts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per partner institution named (in the list's order, then those without
    one): its recommendations, those in the action programme and those completed."""
    order = {key: i for i, key in enumerate(INSTITUTION_KEYS)}
    # None (no institution named) comes back from SQL as NaN in a column of texts.
    keys = [None if pd.isna(key) else str(key) for key in counts["institution"]]
    rows = sorted(
        zip(keys, counts.itertuples(index=False), strict=True),
        key=lambda pair: order.get(pair[0], len(order)) if pair[0] else len(order) + 1,
    )
    return pd.DataFrame(
        {
            t("rec_partner_institution", lang): [
                term_label(INSTITUTIONS, key, lang) if key else t("programme_no_institution", lang)
                for key, _ in rows
            ],
            t("recommendations", lang): [int(r.count) for _, r in rows],
            t("programme_in", lang): [int(r.in_programme) for _, r in rows],
            t("completed", lang): [int(r.completed) for _, r in rows],
        }
    )
