"""Communes known by every name: the aliases a commune is written by, and its official
code (the Haut-Commissariat au Plan's)

Communes loaded before this have no code: a load that names one the reference list knows
gives it its code and the names it lacks.

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A column and a unique index: SQLite adds both in place. (A unique constraint would
    # have batch mode copy the table, which meetings and users refer to.)
    with op.batch_alter_table("communes") as batch:
        batch.add_column(sa.Column("code", sa.String(length=20), nullable=True))
    op.create_index(op.f("ix_communes_code"), "communes", ["code"], unique=True)
    op.create_table(
        "commune_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("alias", sa.String(length=200), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("added_by", sa.String(length=120), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["commune_id"],
            ["communes.id"],
            name=op.f("fk_commune_aliases_commune_id_communes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commune_aliases")),
        sa.UniqueConstraint("key", name=op.f("uq_commune_aliases_key")),
    )
    op.create_index(
        op.f("ix_commune_aliases_commune_id"), "commune_aliases", ["commune_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_commune_aliases_commune_id"), table_name="commune_aliases")
    op.drop_table("commune_aliases")
    op.drop_index(op.f("ix_communes_code"), table_name="communes")
    # In place on SQLite too (3.35 and later): batch mode would copy the table, and
    # dropping the old one breaks the meetings' references to it.
    op.execute("ALTER TABLE communes DROP COLUMN code")
