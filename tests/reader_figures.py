"""The figures a reader sees of a database, as plain JSON values: the overview's key
figures, charts, comparison of places and latest lists, a meeting's and an association's
figures, the public display's counts, the "achieved between meetings" counts and the
council report's figures. Places, meetings and associations are named by their names and
codes. "Today" is fixed to each of DAYS, so that overdue does not move with the clock.

tests/test_figures_as_before.py compares today's code's figures of the bundled sample
with those commit f241a2e's code (before issue 18) gave, recorded in
tests/fixtures/figures_before_issue_18.json by running this module on that commit's
tree (it calls only functions that existed then, by the same names):

    git worktree add --detach ../before f241a2e
    cp tests/reader_figures.py ../before/tests/ && cd ../before && make catalogs
    PYTHONPATH=. python tests/reader_figures.py > figures_before_issue_18.json

They were recorded on 2026-12-04.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import sys
import tempfile
from pathlib import Path

import pandas as pd

from etl.load import run_load
from musharaka import between, db, metrics, queries
from musharaka.council_report.content import build_report
from musharaka.queries import RecommendationFilter, read_frame

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "sample"
ABOUT = (
    "The figures of data/sample given by commit f241a2e's code, before issue 18, "
    "as tests/reader_figures.py reads them; tests/test_figures_as_before.py checks that "
    "today's code gives the same."
)
PLACES = ("commune:", "province:", "region:")
# Days on which open recommendations of the sample reach their target date (overdue is a
# target date before the day, not on it), before and (until 2027 and 2040) after the day
# the sample is loaded: today's code reads the whole country's overdue from summaries
# counted on that day, corrected to the day asked.
DAYS = (
    dt.date(2024, 2, 29),
    dt.date(2026, 11, 30),
    dt.date(2027, 1, 31),
    dt.date(2040, 12, 31),
)


def plain(value):
    """A value as JSON holds it: dates as ISO text, numbers as int or float (6 places)."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return value
    if hasattr(value, "item"):  # numpy scalars
        return plain(value.item())
    if isinstance(value, int):
        return value
    if isinstance(value, float | decimal.Decimal):
        number = float(value)
        return int(number) if number.is_integer() else round(number, 6)
    return value


def rows(frame: pd.DataFrame, *columns: str) -> list[dict]:
    """The frame's rows as dicts of plain values (only `columns` when named)."""
    kept = frame[list(columns)] if columns else frame
    return [{k: plain(v) for k, v in row.items()} for row in kept.to_dict("records")]


def key_figures(figures: metrics.KeyFigures) -> dict:
    """The cards of the overview: total, each status, overdue, budget, completion rate."""
    return {
        "total": figures.total,
        "by_status": dict(figures.by_status),
        "overdue": figures.overdue,
        "budget_mad": plain(figures.budget_mad),
        "completion_rate": plain(figures.completion_rate),
    }


def named_filters(engine, day: dt.date) -> dict[str, RecommendationFilter]:
    """Each filter the pages count with, once per place, domain, status, meeting and
    association of the sample, by name: the whole country reads today's summaries, every
    other filter counts the recommendations, and both paths must give the old figures."""
    communes = read_frame(engine, queries.communes())
    meetings = read_frame(engine, queries.meetings.meeting_list())
    associations = read_frame(engine, queries.associations.association_list(limit=1000))
    found = {"all": RecommendationFilter(today=day)}
    for row in communes.itertuples():
        found[f"commune:{row.name}"] = RecommendationFilter(commune_ids=(row.id,), today=day)
    places = read_frame(engine, queries.rollup("province", found["all"]))
    for key in sorted(set(places["province"])):
        found[f"province:{key}"] = RecommendationFilter(province_keys=(key,), today=day)
    for key in sorted(set(places["region"])):
        found[f"region:{key}"] = RecommendationFilter(region_keys=(key,), today=day)
    for key in sorted(read_frame(engine, queries.public.domain_counts(found["all"]))["domain"]):
        found[f"domain:{key}"] = RecommendationFilter(domains=(key,), today=day)
    for key in sorted(read_frame(engine, queries.status_counts(found["all"]))["status"]):
        found[f"status:{key}"] = RecommendationFilter(statuses=(key,), today=day)
    found["overdue"] = RecommendationFilter(overdue_only=True, today=day)
    for row in meetings.itertuples():
        found[f"meeting:{row.code}"] = RecommendationFilter(meeting_ids=(row.id,), today=day)
    for row in associations.itertuples():
        found[f"association:{row.name}"] = RecommendationFilter(
            association_ids=(row.id,), today=day
        )
    return found


def day_figures(engine, f: RecommendationFilter) -> dict:
    """The key figures of one filter on its day, as the overview, a meeting's and an
    association's page (queries.status_counts) and the public display showed them."""
    public = read_frame(engine, queries.public.status_counts(f))
    return {
        "key_figures": key_figures(
            metrics.key_figures(read_frame(engine, queries.status_counts(f)))
        ),
        "public_key_figures": key_figures(metrics.key_figures(public)),
    }


def rollups(engine, f: RecommendationFilter) -> dict:
    """The overview's comparison of places, with its rates (metrics.with_rates)."""
    return {
        level: rows(metrics.with_rates(read_frame(engine, queries.rollup(level, f))))
        for level in queries.ROLLUP_LEVELS
    }


def counts(engine, f: RecommendationFilter) -> dict:
    """The counts of one filter that do not move with the day: by domain and status (the
    overview's chart), by domain (the public display's rotation), the list's length."""
    by_domain = rows(read_frame(engine, queries.domain_status_counts(f)))
    public = rows(read_frame(engine, queries.public.domain_counts(f)))
    return {
        "by_domain": sorted(by_domain, key=lambda r: (r["domain"], r["status"])),
        "public_domains": sorted(public, key=lambda r: r["domain"]),
        "listed": int(read_frame(engine, queries.recommendations.listing_count(f))["count"][0]),
    }


def over_time(engine, f: RecommendationFilter) -> dict:
    """The overview's completion over time and its latest lists, and the public display's
    latest completions."""
    return {
        "by_year": rows(read_frame(engine, queries.completion_by_year(f))),
        "by_meeting": rows(read_frame(engine, queries.completion_by_meeting(f))),
        "latest_completions": rows(read_frame(engine, queries.public.latest_completions(f))),
        "latest_updates": rows(read_frame(engine, queries.latest_updates(f))),
    }


def between_meetings(engine) -> dict:
    """Per pair of consecutive meetings: the meetings page's "achieved between meetings"
    counts, each recommendation's category, and the council report's figures."""
    meetings = read_frame(engine, queries.meetings.meeting_list())
    pairs = between.consecutive_pairs(meetings)
    found = {}
    for pair in pairs.itertuples():
        commune, start, end = int(pair.commune_id), pair.earlier_date, pair.later_date
        considered = read_frame(
            engine, queries.meetings.between_recommendations(commune, start, pair.later_id)
        )
        history = read_frame(
            engine, queries.meetings.between_updates(commune, start, end, pair.later_id)
        )
        report = between.classify(considered, history, between.Period(start, end))
        council = build_report(
            engine, commune, pair.earlier_code, pair.later_code, "fr", today=DAYS[1]
        )
        found[f"{pair.earlier_code}..{pair.later_code}"] = {
            "categories": between.category_counts(report),
            "by_domain": rows(between.domain_counts(report)),
            "each": dict(zip(report["code"], report["category"], strict=True)),
            "report_start": key_figures(council.figures_start),
            "report_end": key_figures(council.figures_end),
            "report_categories": dict(council.categories),
            "report_domains": rows(council.domains),
            "report_items": [
                [i.code, i.start_status, i.end_status, i.category] for i in council.items
            ],
        }
    return found


def figures_of(engine) -> dict:
    """Every figure of this module, by section (the keys of the recorded file)."""
    communes = read_frame(engine, queries.communes())
    commune_ids = {row.name: (row.id,) for row in communes.itertuples()}
    return {
        "days": {
            day.isoformat(): {
                name: day_figures(engine, f) for name, f in named_filters(engine, day).items()
            }
            for day in DAYS
        },
        "rollups": {
            day.isoformat(): {
                name: rollups(engine, f)
                for name, f in named_filters(engine, day).items()
                if name == "all" or name == "overdue" or name.startswith(PLACES)
            }
            for day in DAYS
        },
        "counts": {name: counts(engine, f) for name, f in named_filters(engine, DAYS[1]).items()},
        "over_time": {
            name: over_time(engine, f)
            for name, f in named_filters(engine, DAYS[1]).items()
            if name == "all" or name.startswith("commune:")
        },
        "communes": rows(communes, "name", "province", "region_key", "meetings"),
        "meetings": {
            name: rows(
                read_frame(engine, queries.meetings.meeting_list(ids)),
                "code",
                "commune",
                "date",
                "recommendations",
                "completed",
            )
            for name, ids in {"all": (), **commune_ids}.items()
        },
        "associations": {
            name: rows(
                read_frame(engine, queries.associations.association_list(ids, limit=1000)),
                "name",
                "domain",
                "proposed",
                "completed",
                "attended",
            )
            for name, ids in {"all": (), **commune_ids}.items()
        },
        "between": between_meetings(engine),
    }


def dumped(value, depth: int = 0) -> str:
    """JSON with one line per row: a dict or list of plain values is written on one line,
    so the file reads (and diffs) as a table."""
    children = value.values() if isinstance(value, dict) else value
    flat = not isinstance(value, dict | list) or not any(
        isinstance(child, dict | list) for child in children
    )
    if flat:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    inner = " " * (depth + 1)
    if isinstance(value, dict):
        items = [
            f"{inner}{json.dumps(k, ensure_ascii=False)}: {dumped(v, depth + 1)}"
            for k, v in sorted(value.items())
        ]
        opening, closing = "{", "}"
    else:
        items = [f"{inner}{dumped(v, depth + 1)}" for v in value]
        opening, closing = "[", "]"
    return opening + "\n" + ",\n".join(items) + "\n" + " " * depth + closing


def main() -> None:
    """Print the figures of the bundled sample, loaded into a fresh SQLite database."""
    with tempfile.TemporaryDirectory() as folder:
        engine = db.make_engine(f"sqlite:///{Path(folder) / 'sample.db'}")
        db.upgrade(engine)
        report = run_load(engine, [SAMPLE_DIR])
        assert report.committed and not report.rejects
        recorded = {"_about": ABOUT, **figures_of(engine)}
        sys.stdout.write(dumped(recorded) + "\n")
        engine.dispose()


if __name__ == "__main__":
    main()
