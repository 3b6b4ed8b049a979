"""An editor's rights in a load: rows stay in the editor's communes. A row outside them is
rejected as not_allowed: a meeting (new or existing) in another commune, a recommendation
or status update of such a meeting, an association or a douar of another commune; no
commune is created."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, select

from etl.plan.base import Candidate, fetch, fetch_where
from etl.report import LoadReport
from musharaka.loader_text import english
from musharaka.models import Association, Commune, Meeting, Recommendation
from musharaka.text import fold


def outside(kind: str, **values: str) -> str:
    """Why a row of `kind` (meeting, recommendation, association) is not the editor's."""
    return english(f"loader_outside_{kind}", **values)


class Rights:
    """Filters each table's candidates down to those the editor may write."""

    def __init__(self, conn: Connection, report: LoadReport, allowed_communes: set[int]) -> None:
        self.conn = conn
        self.report = report
        self.allowed_communes = allowed_communes
        self._allowed_keys: set[str] | None = None

    def allowed_commune_keys(self) -> set[str]:
        if self._allowed_keys is None:
            ids = self.allowed_communes or set()
            self._allowed_keys = {r.key for r in fetch(self.conn, Commune.id, ids, Commune.key)}
        return self._allowed_keys

    def _commune_of(self, key, codes: Iterable[str]) -> dict[str, str]:
        """Code -> folded commune name (the commune the row is in now), for the rows whose
        `key` (Meeting.code, Recommendation.code, Association.key) is among `codes`."""
        query = select(key, Commune.key).join(Commune, Commune.id == key.class_.commune_id)
        return dict(fetch_where(self.conn, query, key, set(codes)))

    def _not_allowed(self, candidate: Candidate, column: str, value, message: str) -> None:
        self.report.reject(
            candidate.origin, column, "not_allowed", value, message, record=candidate.record
        )
        table = candidate.origin.table
        code = candidate.record.get({"meetings": "meeting_id"}.get(table, "recommendation_id"))
        if table in ("meetings", "recommendations") and code:
            self.report.rejected_ids.setdefault(table, set()).add(code)

    def _not_your_commune(self, candidate: Candidate, commune: str) -> None:
        self._not_allowed(
            candidate,
            "commune",
            commune,
            english("loader_outside_commune", commune=commune),
        )

    def meetings(self, candidates: list[Candidate]) -> list[Candidate]:
        allowed = self.allowed_commune_keys()
        wanted = {fold(c.record["commune"]) for c in candidates}
        known = {r[0] for r in fetch(self.conn, Commune.key, wanted, Commune.key)}
        current = self._commune_of(Meeting.code, (c.record["meeting_id"] for c in candidates))
        kept = []
        for candidate in candidates:
            r = candidate.record
            key, old = fold(r["commune"]), current.get(r["meeting_id"])
            if old is not None and old not in allowed:
                self._not_allowed(
                    candidate,
                    "meeting_id",
                    r["meeting_id"],
                    outside("meeting", code=r["meeting_id"]),
                )
            elif key not in known:
                self._not_allowed(
                    candidate,
                    "commune",
                    r["commune"],
                    english("loader_commune_not_yet", commune=r["commune"]),
                )
            elif key not in allowed:
                self._not_your_commune(candidate, r["commune"])
            else:
                kept.append(candidate)
        return kept

    def recommendations(self, candidates: list[Candidate], loaded_meetings) -> list[Candidate]:
        """`loaded_meetings`: the meetings this load keeps (already checked)."""
        allowed = self.allowed_commune_keys()
        meetings = self._commune_of(
            Meeting.code, {c.record["meeting_id"] for c in candidates} - set(loaded_meetings)
        )
        current = self._commune_of(
            Recommendation.code, (c.record["recommendation_id"] for c in candidates)
        )
        kept = []
        for candidate in candidates:
            r = candidate.record
            code, meeting = r["recommendation_id"], r["meeting_id"]
            if code in current and current[code] not in allowed:
                self._not_allowed(
                    candidate, "recommendation_id", code, outside("recommendation", code=code)
                )
            elif meeting not in loaded_meetings and meetings.get(meeting) not in allowed:
                self._not_allowed(
                    candidate, "meeting_id", meeting, outside("meeting", code=meeting)
                )
            else:
                kept.append(candidate)
        return kept

    def updates(self, candidates: list[Candidate], loaded_recommendations) -> list[Candidate]:
        """`loaded_recommendations`: those this load keeps (already checked)."""
        allowed = self.allowed_commune_keys()
        current = self._commune_of(
            Recommendation.code,
            {c.record["recommendation_id"] for c in candidates} - set(loaded_recommendations),
        )
        kept = []
        for candidate in candidates:
            code = candidate.record["recommendation_id"]
            if code in loaded_recommendations or current.get(code) in allowed:
                kept.append(candidate)
            else:
                self._not_allowed(
                    candidate, "recommendation_id", code, outside("recommendation", code=code)
                )
        return kept

    def associations(self, candidates: list[Candidate]) -> list[Candidate]:
        allowed = self.allowed_commune_keys()
        current = self._commune_of(Association.key, {fold(c.record["name"]) for c in candidates})
        kept = []
        for candidate in candidates:
            r = candidate.record
            old = current.get(fold(r["name"]))
            if old is not None and old not in allowed:
                self._not_allowed(
                    candidate, "name", r["name"], outside("association", name=r["name"])
                )
            elif r["commune"] and fold(r["commune"]) not in allowed:
                self._not_your_commune(candidate, r["commune"])
            else:
                kept.append(candidate)
        return kept

    def douars(self, candidates: list[Candidate]) -> list[Candidate]:
        allowed = self.allowed_commune_keys()
        kept = []
        for candidate in candidates:
            commune = candidate.record["commune"]
            if fold(commune) in allowed:
                kept.append(candidate)
            else:
                self._not_your_commune(candidate, commune)
        return kept
