"""The latest update of each recommendation a load inserts, kept by the recommendation's
place among the load's rows (etl.plan.recommendations) in flat arrays: about 25 bytes a
recommendation, where a dict of tuples took ten times that for a national load's million.
What wins is what etl.current.latest_state decides: the latest date, then the one read
last."""

from __future__ import annotations

import datetime as dt
import math
from array import array

import numpy


class LatestByPlace:
    def __init__(self, size: int) -> None:
        self._day = array("i", bytes(4 * size))  # the date's ordinal; 0: no update yet
        self._order = array("q", [-1]) * size
        self._progress = array("d", bytes(8 * size))
        self._status = array("H", bytes(2 * size))
        self._reason = array("H", bytes(2 * size))
        # The few distinct statuses and reasons, each stored as its index here.
        self._words: list[str | None] = [None]
        self._index: dict[str | None, int] = {None: 0}

    def _word(self, value: str | None) -> int:
        index = self._index.get(value)
        if index is None:
            index = self._index[value] = len(self._words)
            self._words.append(value)
        return index

    def fold(
        self,
        place: int,
        order: int,
        date: dt.date,
        status: str,
        progress: float | None,
        reason: str | None,
    ) -> None:
        """One update, `order` its rank in read order (rising from call to call)."""
        day = date.toordinal()
        if day < self._day[place]:
            return
        self._day[place], self._order[place] = day, order
        # Called for each of millions of updates: the known words looked up here, not
        # by a call each.
        index = self._index
        self._status[place] = index[status] if status in index else self._word(status)
        self._reason[place] = index[reason] if reason in index else self._word(reason)
        self._progress[place] = math.nan if progress is None else progress

    def get(self, place: int) -> tuple | None:
        """(date, order, status, progress, reason) of the latest update, or None."""
        order = self._order[place]
        if order < 0:
            return None
        progress = self._progress[place]
        return (
            dt.date.fromordinal(self._day[place]),
            order,
            self._words[self._status[place]],
            None if math.isnan(progress) else progress,
            self._words[self._reason[place]],
        )

    def join_later(self, later: LatestByPlace, ranked_after: int) -> None:
        """The updates `later` folded (read after all of this one's, their ranks counted
        from 0 there, from `ranked_after` here), folded in as if one by one: a later
        update of the same day or after wins."""
        day, order = (
            numpy.frombuffer(self._day, numpy.int32),
            numpy.frombuffer(self._order, numpy.int64),
        )
        their_day = numpy.frombuffer(later._day, numpy.int32)
        their_order = numpy.frombuffer(later._order, numpy.int64)
        wins = (their_order >= 0) & (their_day >= day)
        if not wins.any():
            return
        words = numpy.array([self._word(word) for word in later._words], dtype=numpy.uint16)
        day[wins] = their_day[wins]
        order[wins] = their_order[wins] + ranked_after
        numpy.frombuffer(self._progress, numpy.float64)[wins] = numpy.frombuffer(
            later._progress, numpy.float64
        )[wins]
        for mine, theirs in ((self._status, later._status), (self._reason, later._reason)):
            indexes = numpy.frombuffer(theirs, numpy.uint16)[wins]
            numpy.frombuffer(mine, numpy.uint16)[wins] = words[indexes]
