"""A commune's or a douar's poster's queries (musharaka.place_poster): the commune's names,
and each of its recommendations' current status and place."""

from __future__ import annotations

from sqlalchemy import Select, select

from musharaka.models import Commune, Recommendation


def commune_names(commune_id: int) -> Select:
    """One commune's names (no row when unknown)."""
    return select(Commune.name, Commune.name_ar, Commune.name_fr).where(
        Commune.id == int(commune_id)
    )


def commune_recommendations(commune_id: int) -> Select:
    """Every recommendation of a commune: code, title, current status and progress, place."""
    return (
        select(
            Recommendation.code,
            Recommendation.title,
            Recommendation.current_status.label("status"),
            Recommendation.current_progress.label("progress"),
            Recommendation.location,
        )
        .where(Recommendation.commune_id == int(commune_id))
        .order_by(Recommendation.code)
    )
