"""Dates that cannot be right (pure): the bounds a meeting's, a target's and a status
update's date must keep, and the message for a date beyond one.

A status update dated in the future would become the current status and stay so, hiding
every real update after it; a meeting in 1900 or 2099 is a typing error. Each check
returns None, or the message that rejects the row as `out_of_range`.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import time
from dataclasses import dataclass

from musharaka.loader_text import english

# Communal councils in their present form, and their meetings with associations, date
# from the 1990s: an earlier date is a typing error.
EARLIEST_MEETING = dt.date(1990, 1, 1)
# A meeting is planned at most this far ahead.
MEETING_HORIZON = dt.timedelta(days=366)
# Today in the reader's time zone may be tomorrow in the server's.
UPDATE_MARGIN = dt.timedelta(days=1)
# How far after today a target date may be, in years (MUSHARAKA_TARGET_HORIZON_YEARS).
DEFAULT_TARGET_HORIZON_YEARS = 30


def today() -> dt.date:
    """Today's date, asked of the clock at most once an hour (it is checked per row)."""
    return _today_at(int(time.time()) // 3600)


@functools.lru_cache(maxsize=2)
def _today_at(hour: int) -> dt.date:
    return dt.date.today()


def latest_update_day(on: dt.date | None = None) -> dt.date:
    """The last day a status update may be dated: today, with a day's margin."""
    return (on or today()) + UPDATE_MARGIN


def target_horizon_years() -> int:
    value = os.environ.get("MUSHARAKA_TARGET_HORIZON_YEARS", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_TARGET_HORIZON_YEARS


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True, slots=True)
class DateBounds:
    """The latest date a meeting, a status update and a target may have, from one day:
    worked out once for a whole file, so that each row is compared with dates instead of
    asking the clock and the settings again."""

    on: dt.date
    latest_meeting: dt.date
    latest_update: dt.date
    latest_target: dt.date

    @classmethod
    def from_day(cls, on: dt.date | None = None) -> DateBounds:
        on = on or today()
        return cls(
            on,
            on + MEETING_HORIZON,
            latest_update_day(on),
            _years_after(on, target_horizon_years()),
        )


def meeting_date_problem(date: dt.date, on: dt.date | None = None) -> str | None:
    on = on or today()
    if date < EARLIEST_MEETING:
        return english(
            "loader_meeting_too_early", date=date.isoformat(), earliest=EARLIEST_MEETING.isoformat()
        )
    latest = on + MEETING_HORIZON
    if date > latest:
        return english("loader_meeting_too_late", date=date.isoformat(), latest=latest.isoformat())
    return None


def update_date_problem(date: dt.date, on: dt.date | None = None) -> str | None:
    on = on or today()
    if date > latest_update_day(on):
        return english("loader_update_in_future", date=date.isoformat(), today=on.isoformat())
    return None


def target_date_problem(date: dt.date, on: dt.date | None = None) -> str | None:
    on = on or today()
    years = target_horizon_years()
    latest = _years_after(on, years)
    if date > latest:
        return english(
            "loader_target_too_late",
            date=date.isoformat(),
            years=years,
            today=on.isoformat(),
            latest=latest.isoformat(),
        )
    return None


def before_meeting_problem(what: str, date: dt.date, meeting: dt.date) -> str | None:
    """A target or update date before the meeting the recommendation came from."""
    if date < meeting:
        return english(
            "loader_before_meeting", what=what, date=date.isoformat(), meeting=meeting.isoformat()
        )
    return None
