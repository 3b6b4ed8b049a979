"""Sub-recommendations' weights: how much of its parent's progress a part carries (blank:
as much as each of its siblings).

Revision ID: 0015_weight
Revises: 0014_commune_scores
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_weight"
down_revision: str | None = "0014_commune_scores"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("weight", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.drop_column("weight")
