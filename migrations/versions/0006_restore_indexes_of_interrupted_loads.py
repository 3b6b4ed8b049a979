"""Restore the indexes of recommendations and status updates that a bulk load interrupted
before it committed could drop for good on SQLite (before every SQLite transaction began
with BEGIN): without them the pages are slow and every later bulk load failed

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The secondary indexes a bulk load drops and builds again (etl.plan), as of this revision.
INDEXES = {
    "ix_recommendations_status_cover": (
        "recommendations",
        ("current_status", "target_date", "budget_mad"),
    ),
    "ix_recommendations_commune_cover": (
        "recommendations",
        ("commune_id", "current_status", "target_date", "budget_mad"),
    ),
    "ix_recommendations_domain_status": ("recommendations", ("domain", "current_status")),
    "ix_recommendations_meeting_status": ("recommendations", ("meeting_id", "current_status")),
    "ix_recommendations_status_date": (
        "recommendations",
        ("current_status", "current_status_date"),
    ),
    "ix_recommendations_responsible": ("recommendations", ("responsible",)),
    "ix_recommendations_location": ("recommendations", ("location",)),
    "ix_recommendations_commune_domain": (
        "recommendations",
        ("commune_id", "domain", "current_status"),
    ),
    "ix_recommendations_parent_code": ("recommendations", ("parent_code",)),
    "ix_status_updates_recommendation_date": (
        "status_updates",
        ("recommendation_id", "date", "id"),
    ),
    "ix_status_updates_date": ("status_updates", ("date",)),
}


def upgrade() -> None:
    # Only the missing ones are built: on a sound database this changes nothing.
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, list(columns), if_not_exists=True)


def downgrade() -> None:
    pass  # the indexes belong to the earlier revisions, which keep them
