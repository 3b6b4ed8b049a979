"""The plan of a load: each accepted row's outcome decided against the load and the
database, then the changes written in dependency order, in the caller's transaction.

- `orchestrator.Plan`: resolve every table, then write them, parents first.
- one planner per table (`associations`, `meetings`, `recommendations`,
  `status_updates`), each declaring its model, the column naming a row and its fields
  once (`base.Field`); `base.TablePlanner` compares and decides inserted, updated or
  unchanged. Each table's row shaping (`values`, `row`) is shared with the demo's direct
  load, and its declared columns with the export.
- `rights`: an editor's upload stays in the editor's communes.
- `spill`: the recommendations and status updates kept on disk between reading and
  writing, a chunk at a time; the planners keep of them only what deciding needs
  (`parents` checks a recommendation's parent from it, `latest` folds each new
  recommendation's latest update).
"""

from etl.plan.base import CHUNK, Candidate, Progress, indexes_rebuilt_if_bulk
from etl.plan.orchestrator import Plan

__all__ = ["CHUNK", "Candidate", "Plan", "Progress", "indexes_rebuilt_if_bulk"]
