"""The communes of each load and of each rejected row, so that an editor sees only the
loads and rejected rows of their own communes

Loads recorded before this migration have no communes: nothing tells which rows they
loaded, so they are shown to admins only.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "load_run_communes",
        sa.Column("load_run_id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commune_id"], ["communes.id"], name=op.f("fk_load_run_communes_commune_id_communes")
        ),
        sa.ForeignKeyConstraint(
            ["load_run_id"],
            ["load_runs.id"],
            name=op.f("fk_load_run_communes_load_run_id_load_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("load_run_id", "commune_id", name=op.f("pk_load_run_communes")),
    )

    # The commune of each rejected row; rows rejected before this have none (admins only).
    with op.batch_alter_table("load_rejects") as batch:
        batch.add_column(sa.Column("commune_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_load_rejects_commune_id_communes"), "communes", ["commune_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("load_rejects") as batch:
        batch.drop_constraint(op.f("fk_load_rejects_commune_id_communes"), type_="foreignkey")
        batch.drop_column("commune_id")
    op.drop_table("load_run_communes")
