"""Places: optional coordinates on meetings and recommendations, each recommendation's
place_key (its location as a douar list matches it), and the communes' douar lists.

Revision ID: 0011_places
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from musharaka.places import place_key

revision: str = "0011_places"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PLACED = ("meetings", "recommendations")


def upgrade() -> None:
    for table in _PLACED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("latitude", sa.Float(), nullable=True))
            batch_op.add_column(sa.Column("longitude", sa.Float(), nullable=True))
            if table == "recommendations":
                batch_op.add_column(sa.Column("place_key", sa.String(length=200), nullable=True))
                batch_op.create_index(
                    "ix_recommendations_commune_place", ["commune_id", "place_key"]
                )
    # Existing recommendations' place_key, one update per distinct location (a commune's
    # douars repeat across its recommendations).
    conn = op.get_bind()
    recommendations = sa.table(
        "recommendations", sa.column("location", sa.Text), sa.column("place_key", sa.String)
    )
    locations = conn.execute(
        sa.select(recommendations.c.location)
        .where(recommendations.c.location.isnot(None))
        .distinct()
    ).scalars()
    for location in list(locations):
        conn.execute(
            sa.update(recommendations)
            .where(recommendations.c.location == location)
            .values(place_key=place_key(location))
        )
    op.create_table(
        "douars",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("key_other", sa.String(length=200), nullable=True),
        sa.Column("name_ar", sa.String(length=200), nullable=True),
        sa.Column("name_fr", sa.String(length=200), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.Column("source_file", sa.String(length=255), nullable=True),
        sa.Column("source_row", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["commune_id"],
            ["communes.id"],
            name=op.f("fk_douars_commune_id_communes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_douars")),
        sa.UniqueConstraint("commune_id", "key", name="uq_douars_commune_key"),
    )
    with op.batch_alter_table("douars", schema=None) as batch_op:
        batch_op.create_index("ix_douars_commune_other", ["commune_id", "key_other"])


def downgrade() -> None:
    with op.batch_alter_table("douars", schema=None) as batch_op:
        batch_op.drop_index("ix_douars_commune_other")
    op.drop_table("douars")
    for table in reversed(_PLACED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            if table == "recommendations":
                batch_op.drop_index("ix_recommendations_commune_place")
                batch_op.drop_column("place_key")
            batch_op.drop_column("longitude")
            batch_op.drop_column("latitude")
