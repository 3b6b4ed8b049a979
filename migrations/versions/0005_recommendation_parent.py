"""Recommendations grouped under a parent recommendation (Decidim's sub-results)

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parent_code", sa.String(length=160), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_recommendations_parent_code"), ["parent_code"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recommendations_parent_code"))
        batch_op.drop_column("parent_code")
