"""The recommendations page's queries: the filtered list (sorted, one page at a time), its
count, what it exports, the choices its filters offer, and one recommendation's detail and
history. Contact details of associations are never selected.
"""

from __future__ import annotations

from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased

from musharaka.models import (
    Association,
    Commune,
    Meeting,
    Recommendation,
    StatusUpdate,
    recommendation_proposers,
)
from musharaka.queries.filters import RecommendationFilter, filtered

# What the list can be sorted by (the URL's ?sort=), each a column of the list.
SORTS = {
    "code": Recommendation.code,
    "meeting_date": Meeting.date,
    "target_date": Recommendation.target_date,
    "progress": Recommendation.current_progress,
    "budget": Recommendation.budget_mad,
    "updated": Recommendation.current_status_date,
    "status": Recommendation.current_status,
}
DEFAULT_SORT = "code"
PAGE_SIZE = 50


def _list_columns() -> tuple:
    return (
        Recommendation.code,
        Recommendation.title,
        Commune.name.label("commune"),
        Meeting.date.label("meeting_date"),
        Recommendation.domain,
        Recommendation.priority,
        Recommendation.current_status.label("status"),
        Recommendation.current_progress.label("progress"),
        Recommendation.target_date,
        Recommendation.budget_mad,
        Recommendation.current_status_date.label("updated"),
        Recommendation.parent_code,
    )


def _sorted(query: Select, sort: str, descending: bool) -> Select:
    column = SORTS.get(sort, SORTS[DEFAULT_SORT])
    order = column.desc() if descending else column.asc()
    # Blanks last either way, and the code breaks ties, so a page is the same on every run
    # and on both engines.
    return query.order_by(order.nulls_last(), Recommendation.code)


def _joined(query: Select) -> Select:
    return query.join(Meeting, Meeting.id == Recommendation.meeting_id).join(
        Commune, Commune.id == Recommendation.commune_id
    )


def listing(
    f: RecommendationFilter,
    sort: str = DEFAULT_SORT,
    descending: bool = False,
    limit: int = PAGE_SIZE,
    offset: int = 0,
) -> Select:
    """One page of the filtered recommendations, sorted."""
    query = _sorted(_joined(select(*_list_columns())), sort, descending)
    return filtered(query, f).limit(limit).offset(offset)


def listing_count(f: RecommendationFilter) -> Select:
    """How many recommendations the filter keeps (one row, column `count`)."""
    return filtered(select(func.count(Recommendation.id).label("count")), f)


def _proposer_names():
    link = recommendation_proposers
    return (
        select(func.aggregate_strings(Association.name, "; "))
        .select_from(link)
        .join(Association, Association.id == link.c.association_id)
        .where(link.c.recommendation_id == Recommendation.id)
        .scalar_subquery()
    )


def export_rows(f: RecommendationFilter, sort: str = DEFAULT_SORT, descending: bool = False):
    """Every filtered recommendation (all pages), in the list's order, with the columns of
    a spreadsheet: no contact details."""
    query = select(
        Recommendation.code,
        Commune.name.label("commune"),
        Meeting.code.label("meeting"),
        Meeting.date.label("meeting_date"),
        Recommendation.domain,
        Recommendation.title,
        Recommendation.description,
        _proposer_names().label("proposed_by"),
        Recommendation.responsible,
        Recommendation.partners,
        Recommendation.location,
        Recommendation.priority,
        Recommendation.budget_mad,
        Recommendation.target_date,
        Recommendation.current_status.label("status"),
        Recommendation.current_progress.label("progress"),
        Recommendation.current_status_date.label("updated"),
    )
    return filtered(_sorted(_joined(query), sort, descending), f)


# --- what the filters offer ------------------------------------------------------------
def meeting_options(commune_ids: tuple[int, ...] = (), ids: tuple[int, ...] = ()) -> Select:
    """Meetings (of these communes, or all; only these `ids` when given), newest first,
    with their commune's name."""
    query = (
        select(Meeting.id, Meeting.code, Meeting.date, Commune.name.label("commune"))
        .join(Commune, Commune.id == Meeting.commune_id)
        .order_by(Meeting.date.desc(), Meeting.code)
    )
    if commune_ids:
        query = query.where(Meeting.commune_id.in_(commune_ids))
    if ids:
        query = query.where(Meeting.id.in_(ids))
    return query


def association_options(commune_ids: tuple[int, ...] = (), ids: tuple[int, ...] = ()) -> Select:
    """Associations that proposed recommendations (in these communes, or anywhere; only
    these `ids` when given), by name."""
    link = recommendation_proposers
    query = select(Association.id, Association.name).order_by(Association.name, Association.id)
    if ids:
        query = query.where(Association.id.in_(ids))
    if commune_ids:
        proposing = (
            select(link.c.association_id)
            .join(Recommendation, Recommendation.id == link.c.recommendation_id)
            .where(Recommendation.commune_id.in_(commune_ids))
        )
        return query.where(Association.id.in_(proposing))
    # For the whole country, one look into the association index per association (0.03 s
    # for 21,000) instead of reading the million links (0.12 s on SQLite).
    return query.where(
        select(link.c.association_id).where(link.c.association_id == Association.id).exists()
    )


def _distinct_values(column, commune_ids: tuple[int, ...]) -> Select:
    query = select(column.label("value")).where(column.is_not(None)).distinct().order_by(column)
    if commune_ids:
        query = query.where(Recommendation.commune_id.in_(commune_ids))
    return query


def responsible_options(commune_ids: tuple[int, ...] = ()) -> Select:
    """Who is responsible, as written, for the recommendations of these communes (or all)."""
    return _distinct_values(Recommendation.responsible, commune_ids)


def location_options(commune_ids: tuple[int, ...] = ()) -> Select:
    """The douars named by the recommendations of these communes (or all)."""
    return _distinct_values(Recommendation.location, commune_ids)


# --- one recommendation ----------------------------------------------------------------
def detail(code: str) -> Select:
    """One recommendation by its code, with its meeting and commune (no row when unknown)."""
    query = select(
        Recommendation.code,
        Recommendation.title,
        Recommendation.description,
        Recommendation.domain,
        Recommendation.domain_text,
        Recommendation.priority,
        Recommendation.responsible,
        Recommendation.partners,
        Recommendation.partner_institution,
        Recommendation.pac_ref,
        Recommendation.budget_line,
        Recommendation.location,
        Recommendation.budget_mad,
        Recommendation.target_date,
        Recommendation.current_status.label("status"),
        Recommendation.current_progress.label("progress"),
        Recommendation.current_status_date.label("updated"),
        Recommendation.initial_status,
        Recommendation.initial_progress,
        Recommendation.commune_id,
        Meeting.code.label("meeting"),
        Meeting.title.label("meeting_title"),
        Meeting.date.label("meeting_date"),
        Commune.name.label("commune"),
        _proposer_names().label("proposed_by"),
    )
    return _joined(query).where(Recommendation.code == code)


def parts(code: str) -> Select:
    """The recommendations that are parts of `code` (its sub-recommendations), by code,
    with their current state and weight."""
    r = Recommendation
    return (
        select(
            r.code,
            r.title,
            r.current_status.label("status"),
            r.current_progress.label("progress"),
            r.weight,
        )
        .where(r.parent_code == code)
        .order_by(r.code)
    )


def parent(code: str) -> Select:
    """The code and title of the recommendation `code` is a part of (no row when none)."""
    part = aliased(Recommendation)
    return (
        select(Recommendation.code, Recommendation.title)
        .join(part, part.parent_code == Recommendation.code)
        .where(part.code == code)
    )


def proposers(code: str) -> Select:
    """The associations that proposed a recommendation, in the order the file gave them."""
    link = recommendation_proposers
    return (
        select(Association.id, Association.name)
        .join(link, link.c.association_id == Association.id)
        .join(Recommendation, Recommendation.id == link.c.recommendation_id)
        .where(Recommendation.code == code)
        .order_by(link.c.position, Association.name)
    )


def history(code: str, notes: bool = False) -> Select:
    """A recommendation's status history, oldest first (the order it happened in). Its
    notes only when asked: free text that can hold a person's name or phone, for the
    commune's editors, never for the public."""
    columns = [StatusUpdate.date, StatusUpdate.status, StatusUpdate.progress]
    if notes:
        columns.append(StatusUpdate.note)
    return (
        select(*columns, StatusUpdate.evidence_url)
        .join(Recommendation, Recommendation.id == StatusUpdate.recommendation_id)
        .where(Recommendation.code == code)
        .order_by(StatusUpdate.date, StatusUpdate.id)
    )
