"""Indexes that let the national pages read an index instead of the whole table

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recommendations_meeting_id"))
        batch_op.create_index("ix_recommendations_location", ["location"], unique=False)
        batch_op.create_index(
            "ix_recommendations_meeting_status", ["meeting_id", "current_status"], unique=False
        )
        batch_op.create_index("ix_recommendations_responsible", ["responsible"], unique=False)
        batch_op.create_index(
            "ix_recommendations_status_date",
            ["current_status", "current_status_date"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.drop_index("ix_recommendations_status_date")
        batch_op.drop_index("ix_recommendations_responsible")
        batch_op.drop_index("ix_recommendations_meeting_status")
        batch_op.drop_index("ix_recommendations_location")
        batch_op.create_index(
            batch_op.f("ix_recommendations_meeting_id"), ["meeting_id"], unique=False
        )
