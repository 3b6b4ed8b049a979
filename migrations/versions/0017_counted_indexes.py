"""The covering indexes the figures are read from end with parent_code: the figures count
a recommendation with parts once and its parts not at all (a test of parent_code IS NULL),
and that test is answered from the index like the rest of the count. The communes'
summary rows are counted again the same way by the next migration, which adds to them.

Revision ID: 0017_counted_indexes
Revises: 0016_overview_indexes
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017_counted_indexes"
down_revision: str | None = "0016_overview_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Completed or partially completed: never stalled, cancelled nor overdue (as in 0016).
MAY_BE_ASKED = "current_status NOT IN ('completed', 'partially_completed')"

# name: (columns before parent_code, partial index condition or None). The scorecard's
# index is not among them: the next migration replaces it by one of the open top-level
# recommendations, so building it again here would be wasted.
COVERING: dict[str, tuple[list[str], str | None]] = {
    "ix_recommendations_status_cover": (["current_status", "target_date", "budget_mad"], None),
    "ix_recommendations_commune_cover": (
        ["commune_id", "current_status", "target_date", "budget_mad"],
        None,
    ),
    "ix_recommendations_domain_cover": (
        ["domain", "current_status", "target_date", "budget_mad"],
        None,
    ),
    "ix_recommendations_meeting_status": (["meeting_id", "current_status"], None),
    "ix_recommendations_commune_domain": (["commune_id", "domain", "current_status"], None),
    "ix_recommendations_stall_cover": (
        ["current_stall_reason", "commune_id", "domain", "current_status", "target_date"],
        MAY_BE_ASKED,
    ),
    "ix_recommendations_institution_cover": (
        ["partner_institution", "current_status", "pac_ref"],
        None,
    ),
}


def _rebuild(with_parent: bool) -> None:
    for name, (columns, where) in COVERING.items():
        op.drop_index(name, table_name="recommendations")
        partial = {}
        if where is not None:
            partial = {"sqlite_where": sa.text(where), "postgresql_where": sa.text(where)}
        op.create_index(
            name,
            "recommendations",
            [*columns, "parent_code"] if with_parent else columns,
            **partial,
        )


def upgrade() -> None:
    _rebuild(with_parent=True)


def downgrade() -> None:
    _rebuild(with_parent=False)
