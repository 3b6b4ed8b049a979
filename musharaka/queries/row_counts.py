"""How many rows a data table holds, for the pages that say so (Data status, Open data).

The recommendations and status updates are summed from the communes' summary rows
(commune_scores.recommendation_rows and status_update_rows), which every load, form and
field report decision rewrites for the communes it touched, in its own transaction
(etl.scores): exact, where counting five million status updates took 0.4 s on PostgreSQL
at national scale. The other tables are a few thousand rows, counted."""

from __future__ import annotations

from sqlalchemy import Integer, ScalarSelect, cast, func, select

from musharaka.models import Base, CommuneScore

SUMMED = {
    "recommendations": CommuneScore.recommendation_rows,
    "status_updates": CommuneScore.status_update_rows,
}


def rows_of(name: str, model: type[Base]) -> ScalarSelect:
    """The rows of table `name` (mapped by `model`), as a scalar subquery."""
    if name in SUMMED:
        # Sums come back as numeric on PostgreSQL: cast, so both engines agree.
        return select(cast(func.coalesce(func.sum(SUMMED[name]), 0), Integer)).scalar_subquery()
    return select(func.count()).select_from(model).scalar_subquery()
