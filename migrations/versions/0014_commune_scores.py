"""The communes' scorecard summary (commune_scores), filled for every commune, and the
index the scorecard's figures of the day are counted from.

Revision ID: 0014_commune_scores
Revises: 0013_programme
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014_commune_scores"
down_revision: str | None = "0013_programme"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "commune_scores",
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("recommendations", sa.Integer(), nullable=False),
        sa.Column("completed", sa.Integer(), nullable=False),
        sa.Column("partially_completed", sa.Integer(), nullable=False),
        sa.Column("cancelled", sa.Integer(), nullable=False),
        sa.Column("days_to_completion", sa.Float(), nullable=True),
        sa.Column("field_reports_answered", sa.Integer(), nullable=False),
        sa.Column("answer_days", sa.Float(), nullable=True),
        sa.Column("meetings", sa.Integer(), nullable=False),
        sa.Column("first_meeting_year", sa.Integer(), nullable=True),
        sa.Column("refreshed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["commune_id"],
            ["communes.id"],
            name=op.f("fk_commune_scores_commune_id_communes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("commune_id", name=op.f("pk_commune_scores")),
    )
    op.create_index(
        "ix_recommendations_commune_scores",
        "recommendations",
        ["commune_id", "current_status", "current_status_date", "target_date"],
    )
    # The summary of the communes already loaded is written by 0017_overview_summary,
    # with the other summary that etl.scores now writes in the same pass (the code of
    # today writes both tables, and the second does not exist yet here).


def downgrade() -> None:
    op.drop_index("ix_recommendations_commune_scores", table_name="recommendations")
    op.drop_table("commune_scores")
