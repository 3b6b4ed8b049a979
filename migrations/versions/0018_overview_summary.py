"""The communes' recommendations counted by domain and status with their budget
(commune_status_counts), which the national overview sums; the communes' scorecard
summary recounted with top-level recommendations only (a part is its parent's, which
counts once), with each commune's rows in the recommendations and status updates tables;
and the scorecard's index replaced by one of the open top-level
recommendations, from which the scorecard and the overview count what moves with the day.

Revision ID: 0018_overview_summary
Revises: 0017_counted_indexes
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018_overview_summary"
down_revision: str | None = "0017_counted_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Top-level and not closed (musharaka.score_tables.open_top_level), as SQL; SQLite's
# with the unary plus its queries write (score_tables._TopLevel).
OPEN = "current_status NOT IN ('completed', 'partially_completed', 'cancelled')"


def upgrade() -> None:
    op.create_table(
        "commune_status_counts",
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("domain", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("recommendations", sa.Integer(), nullable=False),
        sa.Column("budget_mad", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["commune_id"],
            ["communes.id"],
            name=op.f("fk_commune_status_counts_commune_id_communes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "commune_id", "domain", "status", name=op.f("pk_commune_status_counts")
        ),
    )
    op.create_index(
        "ix_commune_status_counts_status",
        "commune_status_counts",
        ["status", "recommendations", "budget_mad"],
    )
    op.create_index(
        "ix_commune_status_counts_domain",
        "commune_status_counts",
        ["domain", "status", "recommendations"],
    )
    op.create_index(
        "ix_commune_status_counts_commune",
        "commune_status_counts",
        ["commune_id", "status", "recommendations", "budget_mad"],
    )
    with op.batch_alter_table("commune_scores") as batch:
        batch.add_column(
            sa.Column("recommendation_rows", sa.Integer(), server_default="0", nullable=False)
        )
        batch.add_column(
            sa.Column("status_update_rows", sa.Integer(), server_default="0", nullable=False)
        )
    op.drop_index("ix_recommendations_commune_scores", table_name="recommendations")
    op.create_index(
        "ix_recommendations_open_cover",
        "recommendations",
        ["commune_id", "current_status", "target_date", "current_status_date"],
        sqlite_where=sa.text(f"+parent_code IS NULL AND {OPEN}"),
        postgresql_where=sa.text(f"parent_code IS NULL AND {OPEN}"),
    )
    # The summaries of the communes already loaded are written by 0019, which adds two
    # more: refreshing them here would write tables this revision does not have yet.


def downgrade() -> None:
    op.drop_index("ix_recommendations_open_cover", table_name="recommendations")
    op.create_index(
        "ix_recommendations_commune_scores",
        "recommendations",
        ["commune_id", "current_status", "current_status_date", "target_date"],
    )
    op.drop_table("commune_status_counts")
    with op.batch_alter_table("commune_scores") as batch:
        batch.drop_column("status_update_rows")
        batch.drop_column("recommendation_rows")
