"""The plan of a load: each accepted row's outcome decided against the load itself and
the database (resolve), then the changes written in dependency order (write), by one
planner per table. Nothing here opens a file or commits: `etl.load.run_load` owns the
transaction."""

from __future__ import annotations

from sqlalchemy import Connection, select

from etl.bulk import analyze_if_bulk
from etl.parts import refresh_with_parents
from etl.plan.associations import AssociationPlanner
from etl.plan.base import (
    Candidate,
    Progress,
    fetch,
    fetch_where,
    has_rows,
    indexes_rebuilt_if_bulk,
)
from etl.plan.communes import CommuneResolution, write_communes
from etl.plan.douars import DouarPlanner
from etl.plan.meetings import MeetingPlanner
from etl.plan.recommendations import RecommendationPlanner
from etl.plan.rights import Rights
from etl.plan.status_updates import StatusUpdatePlanner
from etl.report import LoadReport
from etl.scores import refresh_scores
from musharaka.audit import Change, diff
from musharaka.models import (
    Association,
    Commune,
    Meeting,
    Recommendation,
    StatusUpdate,
    recommendation_proposers,
    utc_now,
)


class Plan:
    """Decides each accepted row's outcome against the database, then writes the changes."""

    def __init__(
        self,
        conn: Connection,
        report: LoadReport,
        progress: Progress,
        *,
        allowed_communes: set[int] | None = None,
    ) -> None:
        self.conn = conn
        self.report = report
        self.progress = progress
        # An editor's communes (None: anywhere): see etl.plan.rights.
        self.allowed_communes = allowed_communes
        self.rights = Rights(conn, report, allowed_communes or set())
        # Every row's commune named by one name before any planner reads it.
        self.communes = CommuneResolution(self)
        self.associations = AssociationPlanner(self)
        self.meetings = MeetingPlanner(self)
        self.recommendations = RecommendationPlanner(self)
        self.status_updates = StatusUpdatePlanner(self)
        self.douars = DouarPlanner(self)
        # What the audit log keeps: every record this plan changes, before and after.
        self.changes: list[Change] = []
        # Who attaches the evidence files of this load's status updates, and whether
        # their originals are kept (etl.load stages them).
        self.evidence_by: tuple[str, bool] = ("cli", False)
        # What loaded_communes reads, taken from the planners' rows before they are let go
        # (write): the codes of the meetings and recommendations the plan kept, and of the
        # recommendations of this load's updates.
        self._named: tuple[set[str], set[str]] | None = None
        # The communes the meetings this plan rewrites were in before it (etl.scores).
        self.left_communes: set[int] = set()
        # loaded_communes, read once the rows are written: the scorecards and the load's
        # run record both ask for them.
        self._communes: set[int] | None = None

    @property
    def meeting_dates(self) -> dict:
        """The date of every meeting a row of this load names, as this load leaves it."""
        return self.recommendations.meeting_dates

    def changed(self, table: str, key: str, fields, old, new) -> None:
        before, after = diff(fields, old, new)
        self.changes.append(Change(table, key, "update", before, after))

    def loaded_communes(self) -> set[int]:
        """The communes of the rows this plan kept (inserted, updated, unchanged, merged),
        read once they are written: a meeting's, a recommendation's meeting's, an updated
        recommendation's, an association's. Who may see the load follows from them."""
        if self._communes is not None:
            return self._communes
        meeting_codes, updated_codes = self._named or self._codes_named()
        found: set[int] = set()
        for key, keys, commune in (
            (Meeting.code, meeting_codes, Meeting.commune_id),
            (Recommendation.code, updated_codes, Recommendation.commune_id),
            (Association.key, set(self.associations.kept), Association.commune_id),
        ):
            query = select(commune).distinct()
            found |= {row[0] for row in fetch_where(self.conn, query, key, keys)}
        found.discard(None)
        return found

    def _codes_named(self) -> tuple[set[str], set[str]]:
        """The codes of the meetings the plan keeps (its own and its recommendations'),
        and of the recommendations its updates name but it does not keep."""
        recommendations = self.recommendations.kept
        meeting_codes = set(self.meetings.kept) | self.recommendations.kept_meetings()
        updated_codes = self.status_updates.codes - recommendations.keys()
        return meeting_codes, updated_codes

    # --- resolve: outcomes, no writes ---
    def resolve(self, accepted: dict[str, list[Candidate]]) -> None:
        # Parents before children: a row's references are checked against what is kept.
        planners = (
            self.associations,
            self.meetings,
            self.recommendations,
            self.status_updates,
            self.douars,
        )
        self.communes.resolve(accepted)
        for done, planner in enumerate(planners):
            self.progress("checking rows", done, len(planners))
            # Taken out of `accepted`: rows a planner rejects or merges are let go now.
            planner.resolve(accepted.pop(planner.table, []))
        self.progress("checking rows", len(planners), len(planners))

    # --- write ---
    def write(self) -> None:
        now = utc_now()
        steps = 6
        self.progress("writing", 0, steps)
        # The tables that hold nothing yet, before this plan writes: only the foreign keys
        # pointing to them may be checked after a bulk insert (etl.bulk).
        unseen = {
            model.__tablename__
            for model in (Commune, Association, Meeting, Recommendation, StatusUpdate)
            if not has_rows(self.conn, model)
        }
        commune_ids, changed = write_communes(
            self.conn, self.meetings.to_write, self.associations.to_write, self.communes.fills()
        )
        self.changes.extend(changed)
        association_ids = self.associations.write(commune_ids)
        self.douars.write()
        self.progress("writing", 1, steps)
        # A meeting written to another commune leaves its former commune's scorecard.
        known = self.meetings.existing
        self.left_communes = {
            known[code]["commune_id"]
            for code in (c.record["meeting_id"] for c in self.meetings.to_write)
            if code in known
        }
        meeting_ids = self.meetings.write(commune_ids, association_ids, now)
        self.progress("writing", 2, steps)
        with indexes_rebuilt_if_bulk(
            self.conn,
            Recommendation,
            self.recommendations.writing,
            links=(recommendation_proposers,),
            unseen=unseen,
        ):
            affected = self.recommendations.write(meeting_ids, association_ids, now)
        self.progress("writing", 3, steps)
        # The rows of the tables written so far are let go before the biggest is written,
        # and that one's as it goes (StatusUpdatePlanner.write): what is read of them
        # after is kept first.
        self._named = self._codes_named()
        for planner in (self.associations, self.meetings, self.recommendations, self.douars):
            planner.kept, planner.to_write = {}, []
        self.recommendations.meeting_at = []
        with indexes_rebuilt_if_bulk(
            self.conn, StatusUpdate, self.status_updates.inserting, unseen=unseen
        ):
            affected |= self.status_updates.write(
                self.recommendations.ids, self.recommendations.inserted_ids, now
            )
        self.progress("writing", 4, steps)
        if self.meetings.moved:
            moved = [meeting_ids[c] for c in self.meetings.moved]
            rows = fetch(self.conn, Recommendation.meeting_id, moved, Recommendation.id)
            affected.update(r[0] for r in rows)
        self.progress("writing", 5, steps)
        written = len(self.recommendations.inserted_ids) + self.status_updates.inserting
        analyze_if_bulk(self.conn, written)
        refresh_with_parents(
            self.conn,
            affected,
            self.recommendations.inserted_ids,
            self.recommendations.former_parents,
        )
        # The scorecards of the communes this plan's rows are in, from their rows as left.
        self._communes = self.loaded_communes()
        refresh_scores(self.conn, self._communes | self.left_communes)
        self.progress("writing", steps, steps)
