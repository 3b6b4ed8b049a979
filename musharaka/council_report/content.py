"""What the council's between-meetings report says, as plain data: `build_report` reads it
through the query layer and classifies it with musharaka.between, the same functions the
meetings page uses, so the document and the page always agree.

The key figures count the recommendations the report looks at: those of the commune's
meetings up to the earlier one (`meetings.between_recommendations`). They are counted in
the state each was in on the day of each meeting (between.state_on), so that "completed"
went from X to Y between the two meetings, whatever happened after.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Connection, Engine

from musharaka import between, geography, report_photos
from musharaka.i18n import LANGUAGES
from musharaka.metrics import KeyFigures, shown_status_keys
from musharaka.queries import council_report as queries
from musharaka.queries import meetings as meeting_queries
from musharaka.queries.filters import read_frame
from musharaka.vocabulary import CLOSED_STATUSES, DOMAIN_KEYS, STATUS_KEYS


class ReportError(ValueError):
    """Why no report can be made for what was asked (a message for the person asking)."""


@dataclass(frozen=True)
class Commune:
    id: int
    name: str  # as first written
    name_ar: str | None
    name_fr: str | None
    province: str | None  # as written
    province_key: str | None

    def label(self, lang: str) -> str:
        """The commune's name in the reader's language when known, else as written."""
        return (self.name_ar if lang == "ar" else self.name_fr) or self.name

    def province_label(self, lang: str) -> str:
        """The province's official name in the reader's language, else as written."""
        for province in geography.PROVINCES:
            if province.key == self.province_key:
                return province.name_ar if lang == "ar" else province.name_fr
        return self.province or ""


@dataclass(frozen=True)
class MeetingFacts:
    code: str
    date: dt.date
    title: str
    location: str
    participants: int | None
    associations: int  # how many associations were present


@dataclass(frozen=True)
class Item:
    """One recommendation in the report: where it stood on each meeting's day, how many
    updates it had in the period and what happened to it (None: closed before the period)."""

    code: str
    meeting_code: str
    title: str
    domain: str
    responsible: str
    partners: tuple[str, ...]
    start_status: str
    start_progress: float | None
    end_status: str
    end_progress: float | None
    updates: int
    category: str | None
    # Why it stalls on the later meeting's day (vocabulary.STALL_REASONS), when said.
    stall_reason: str | None = None


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart as data: `values[row][series]`, rows and series as vocabulary
    keys of the kind named (labelled when drawn, in the reader's language)."""

    title: str  # vocabulary key
    rows: tuple[str, ...]
    row_kind: str  # "category", "status" or "domain"
    series: tuple[str, ...]
    series_kind: str  # "count", "meeting" or "category"
    values: tuple[tuple[int, ...], ...]
    stacked: bool = False


@dataclass(frozen=True, eq=False)  # eq=False: it holds a DataFrame
class Report:
    lang: str
    commune: Commune
    earlier: MeetingFacts
    later: MeetingFacts
    prepared_on: dt.date
    figures_start: KeyFigures  # on the earlier meeting's day
    figures_end: KeyFigures  # on the later meeting's day
    categories: dict[str, int]  # between.category_counts, in the order shown
    domains: pd.DataFrame  # between.domain_counts: domain, one column per category, total
    items: tuple[Item, ...]  # the recommendations considered, by category then domain
    previous: tuple[Item, ...]  # the earlier meeting's own recommendations, one by one
    status_keys: tuple[str, ...]  # the statuses shown, in the vocabulary's order
    charts: tuple[Chart, ...]
    # One photo (a data: URL) per completed recommendation that has one, by code: empty
    # when photos were not asked for.
    photos: dict[str, str] = field(default_factory=dict)

    @property
    def period(self) -> between.Period:
        return between.Period(self.earlier.date, self.later.date)


def build_report(
    engine_or_conn: Engine | Connection,
    commune_id: int,
    meeting_code_from: str | None = None,
    meeting_code_to: str | None = None,
    lang: str = "ar",
    *,
    today: dt.date | None = None,
    photos: bool = True,
) -> Report:
    """The report for a commune between two of its consecutive meetings (default: its last
    two), with a photo of each recommendation completed in the period when it has one and
    `photos` is asked (report_photos: of an update up to the later meeting). Raises
    ReportError when the commune, the meetings or the pair cannot be used."""
    if lang not in LANGUAGES:
        raise ReportError(f"unknown language {lang!r}: one of {', '.join(LANGUAGES)}")
    if isinstance(engine_or_conn, Engine):
        with engine_or_conn.connect() as conn:  # one snapshot for every query
            return build_report(
                conn,
                commune_id,
                meeting_code_from,
                meeting_code_to,
                lang,
                today=today,
                photos=photos,
            )
    conn = engine_or_conn
    commune = _commune(conn, commune_id)
    pair = choose_pair(
        read_frame(conn, meeting_queries.meeting_list((commune.id,))),
        commune,
        meeting_code_from,
        meeting_code_to,
    )
    start, end, later_id = pair["earlier_date"], pair["later_date"], int(pair["later_id"])
    period = between.Period(start, end)
    considered = read_frame(conn, queries.report_recommendations(commune.id, start, later_id))
    history = read_frame(conn, queries.report_updates(commune.id, start, end, later_id))
    classified = between.classify(considered, history, period)
    categories = between.category_counts(classified)
    domains = between.domain_counts(classified)

    found = {int(i): c for i, c in zip(classified["id"], classified["category"], strict=True)}
    states = _states(considered, history, period, found)
    items = tuple(sorted((s for s in states if s.category), key=_report_order))
    previous = tuple(s for s in states if s.meeting_code == pair["earlier_code"])
    figures_start = _figures(considered, [s.start_status for s in states], start)
    figures_end = _figures(considered, [s.end_status for s in states], end)
    # A recommendation partially completed in the period is so at its end: the figures
    # on the two days say whether the report needs the status at all.
    status_keys = shown_status_keys(figures_start, figures_end)
    if PARTIAL not in status_keys:
        categories = {k: v for k, v in categories.items() if k != PARTIAL}
        domains = domains.drop(columns=[PARTIAL])
    return Report(
        lang=lang,
        commune=commune,
        earlier=_meeting(conn, pair["earlier_code"]),
        later=_meeting(conn, pair["later_code"]),
        prepared_on=today or dt.date.today(),
        figures_start=figures_start,
        figures_end=figures_end,
        categories=categories,
        domains=domains,
        items=items,
        previous=previous,
        status_keys=status_keys,
        charts=_charts(categories, domains, figures_start, figures_end, status_keys),
        photos=report_photos.photos_of(
            conn, [i.code for i in items if i.category == "completed"], end
        )
        if photos
        else {},
    )


def choose_pair(
    meetings: pd.DataFrame, commune: Commune, code_from: str | None, code_to: str | None
) -> pd.Series:
    """The row of between.consecutive_pairs for the meetings asked (default: the last two).

    Only consecutive meetings make a report: the recommendations of a meeting held between
    two others would otherwise be left out of it (between.py counts those made up to the
    earlier meeting)."""
    name = commune.name
    if len(meetings) < 2:
        raise ReportError(
            f"commune {name!r} has {len(meetings)} meeting(s): a report needs two meetings"
        )
    codes = list(meetings.sort_values(["date", "id"])["code"])
    for code in (code_from, code_to):
        if code is not None and code not in codes:
            raise ReportError(
                f"{code!r} is not a meeting of commune {name!r} (its meetings: {', '.join(codes)})"
            )
    pairs = between.consecutive_pairs(meetings)
    if code_to is None and code_from is None:
        return pairs.iloc[-1]
    if code_to is None:
        found = pairs[pairs["earlier_code"] == code_from]
        if found.empty:
            raise ReportError(f"{code_from!r} is the last meeting of {name!r}: no meeting after it")
        return found.iloc[0]
    pair = between.pair_ending(pairs, code_to)
    if pair is None:
        raise ReportError(f"{code_to!r} is the first meeting of {name!r}: no meeting before it")
    if code_from is not None and pair["earlier_code"] != code_from:
        if codes.index(code_from) >= codes.index(code_to):
            raise ReportError(f"{code_from!r} was not held before {code_to!r}")
        raise ReportError(
            f"{code_from!r} and {code_to!r} are not consecutive meetings: the report covers "
            f"the period between two consecutive meetings (the one before {code_to!r} is "
            f"{pair['earlier_code']!r})"
        )
    return pair


def _commune(conn: Connection, commune_id: int) -> Commune:
    found = read_frame(conn, queries.commune_facts(int(commune_id)))
    if found.empty:
        raise ReportError(f"unknown commune: {commune_id}")
    row = found.iloc[0]
    return Commune(
        id=int(row["id"]),
        name=row["name"],
        name_ar=_text(row["name_ar"]) or None,
        name_fr=_text(row["name_fr"]) or None,
        province=_text(row["province"]) or None,
        province_key=_text(row["province_key"]) or None,
    )


def _meeting(conn: Connection, code: str) -> MeetingFacts:
    row = read_frame(conn, meeting_queries.meeting(code)).iloc[0]
    present = read_frame(conn, meeting_queries.associations_present(int(row["id"])))
    participants = row["participants"]
    return MeetingFacts(
        code=row["code"],
        date=pd.Timestamp(row["date"]).date(),
        title=_text(row["title"]),
        location=_text(row["location"]),
        participants=None if pd.isna(participants) else int(participants),
        associations=len(present),
    )


def _states(
    considered: pd.DataFrame,
    history: pd.DataFrame,
    period: between.Period,
    categories: dict[int, str],
) -> list[Item]:
    """Every recommendation's state on each meeting's day (between.state_on), with its
    category from between.classify (None for those it leaves out)."""
    updates: dict[int, list[between.Update]] = {}
    reasons: dict[int, str | None] = {}
    for row in history.itertuples(index=False):
        updates.setdefault(int(row.recommendation_id), []).append(
            (pd.Timestamp(row.date).date(), int(row.id), row.status, row.progress)
        )
        reasons[int(row.id)] = _reason(row.stall_reason)
    items = []
    for row in considered.itertuples(index=False):
        meeting_day = pd.Timestamp(row.meeting_date).date()
        initial = between.State(row.initial_status, _number(row.initial_progress))
        entries = updates.get(int(row.id), [])
        before = between.state_on(period.start, meeting_day, initial, entries)
        after = between.state_on(period.end, meeting_day, initial, entries)
        # The query gives only recommendations made by the earlier meeting's day: each has
        # a state on both days.
        assert before is not None and after is not None
        items.append(
            Item(
                code=row.code,
                meeting_code=row.meeting_code,
                title=_text(row.title),
                domain=row.domain,
                responsible=_text(row.responsible),
                partners=tuple(p.strip() for p in _text(row.partners).split(";") if p.strip()),
                start_status=before.status,
                start_progress=before.progress,
                end_status=after.status,
                end_progress=after.progress,
                updates=between.updates_in(period, meeting_day, entries),
                category=categories.get(int(row.id)),
                stall_reason=_reason_on(
                    period.end, meeting_day, _reason(row.initial_stall_reason), entries, reasons
                ),
            )
        )
    return items


def _reason(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _reason_on(
    day: dt.date,
    meeting_day: dt.date,
    initial: str | None,
    entries: list[between.Update],
    reasons: dict[int, str | None],
) -> str | None:
    """The stall reason of the entry that is the state at the end of `day` (the same entry
    between.state_on takes): the initial one when no update counts yet."""
    best_key, best = (meeting_day, -1), initial
    for date, update_id, *_ in entries:
        if date <= day and (date, update_id) >= best_key:
            best_key, best = (date, update_id), reasons.get(update_id)
    return best


PARTIAL = "partially_completed"


def _figures(considered: pd.DataFrame, statuses: list[str], day: dt.date) -> KeyFigures:
    """metrics.KeyFigures of these recommendations in the given states on `day`; overdue as
    queries.overdue_clause counts it (a target date before the day, and still open)."""
    by_status = {key: 0 for key in STATUS_KEYS}
    overdue = 0
    for status, target in zip(statuses, considered["target_date"], strict=True):
        by_status[status] = by_status.get(status, 0) + 1
        if not pd.isna(target) and pd.Timestamp(target).date() < day:
            overdue += status not in CLOSED_STATUSES
    budget = pd.to_numeric(considered["budget_mad"], errors="coerce").sum()
    return KeyFigures(
        total=len(statuses), by_status=by_status, overdue=overdue, budget_mad=float(budget)
    )


def _charts(
    categories: dict[str, int],
    domains: pd.DataFrame,
    start: KeyFigures,
    end: KeyFigures,
    status_keys: tuple[str, ...],
) -> tuple[Chart, ...]:
    charts = [
        Chart(
            title="cr_chart_categories",
            rows=tuple(categories),
            row_kind="category",
            series=("count",),
            series_kind="count",
            values=tuple((n,) for n in categories.values()),
        ),
        Chart(
            title="cr_chart_statuses",
            rows=status_keys,
            row_kind="status",
            series=("earlier", "later"),
            series_kind="meeting",
            values=tuple((start.by_status[s], end.by_status[s]) for s in status_keys),
        ),
    ]
    if not domains.empty:
        category_keys = tuple(categories)
        charts.append(
            Chart(
                title="cr_chart_domains",
                rows=tuple(domains["domain"]),
                row_kind="domain",
                series=category_keys,
                series_kind="category",
                values=tuple(
                    tuple(int(row[c]) for c in category_keys) for _, row in domains.iterrows()
                ),
                stacked=True,
            )
        )
    return tuple(charts)


def _report_order(item: Item) -> tuple:
    domain = DOMAIN_KEYS.index(item.domain) if item.domain in DOMAIN_KEYS else len(DOMAIN_KEYS)
    return (between.CATEGORIES.index(item.category), domain, item.meeting_code, item.code)


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _number(value) -> float | None:
    if value is None or value != value:
        return None
    return float(value)
