"""The action programme: each recommendation's line in its commune's PAC (pac_ref), its
budget line and its partner institution (a key of the vocabulary's list).

Revision ID: 0013_programme
Revises: 0012_stall_reasons
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_programme"
down_revision: str | None = "0012_stall_reasons"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pac_ref", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("budget_line", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("partner_institution", sa.String(length=40), nullable=True))
        batch_op.create_index(
            "ix_recommendations_commune_institution", ["commune_id", "partner_institution"]
        )


def downgrade() -> None:
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.drop_index("ix_recommendations_commune_institution")
        batch_op.drop_column("partner_institution")
        batch_op.drop_column("budget_line")
        batch_op.drop_column("pac_ref")
