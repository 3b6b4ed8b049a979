"""Why a recommendation stalls: the reason a status update gives (status_updates.
stall_reason), the one a recommendation's file gives with its initial status, and the
current one, kept beside its current status (the data contract's stall reasons).

Revision ID: 0012_stall_reasons
Revises: 0011_places
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_stall_reasons"
down_revision: str | None = "0011_places"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("status_updates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("stall_reason", sa.String(length=20), nullable=True))
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("initial_stall_reason", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("current_stall_reason", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.drop_column("current_stall_reason")
        batch_op.drop_column("initial_stall_reason")
    with op.batch_alter_table("status_updates", schema=None) as batch_op:
        batch_op.drop_column("stall_reason")
