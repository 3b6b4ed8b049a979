"""Covering indexes for the overview, and the folded search text of recommendations.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from musharaka.text import search_key

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCHED = ("code", "title", "description", "location", "responsible", "partners")


def upgrade() -> None:
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), nullable=True))
        batch_op.drop_index(batch_op.f("ix_recommendations_commune_status"))
        batch_op.drop_index(batch_op.f("ix_recommendations_status_target"))
        batch_op.create_index(
            "ix_recommendations_commune_cover",
            ["commune_id", "current_status", "target_date", "budget_mad"],
            unique=False,
        )
        batch_op.create_index(
            "ix_recommendations_domain_status", ["domain", "current_status"], unique=False
        )
        batch_op.create_index(
            "ix_recommendations_status_cover",
            ["current_status", "target_date", "budget_mad"],
            unique=False,
        )
    _fill_search_text()


def _fill_search_text() -> None:
    """Existing recommendations get their search text, in chunks."""
    connection = op.get_bind()
    table = sa.table(
        "recommendations",
        sa.column("id"),
        sa.column("search_text"),
        *(sa.column(c) for c in SEARCHED),
    )
    last = 0
    while True:
        rows = connection.execute(
            sa.select(table.c.id, *(table.c[c] for c in SEARCHED))
            .where(table.c.id > last)
            .order_by(table.c.id)
            .limit(20_000)
        ).all()
        if not rows:
            return
        connection.execute(
            table.update().where(table.c.id == sa.bindparam("b_id")),
            [{"b_id": row[0], "search_text": search_key(*row[1:])} for row in rows],
        )
        last = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.drop_index("ix_recommendations_status_cover")
        batch_op.drop_index("ix_recommendations_domain_status")
        batch_op.drop_index("ix_recommendations_commune_cover")
        batch_op.create_index(
            batch_op.f("ix_recommendations_status_target"),
            ["current_status", "target_date"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_recommendations_commune_status"),
            ["commune_id", "current_status"],
            unique=False,
        )
        batch_op.drop_column("search_text")
