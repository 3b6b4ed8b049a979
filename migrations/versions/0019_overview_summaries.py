"""The communes' top-level recommendations counted by partner institution
(commune_institution_counts), by meeting (meeting_counts) and, of those that did not
move, by domain and reason (commune_reason_counts): what the national overview's action
programme, completion by year and reasons things stall sum. In the counts by domain and
status, those past their target date on the day they were counted (past_target, and
commune_scores.counted_on), with the index of the open recommendations by target date
that brings overdue from that day to any other. Every commune's summaries rewritten, as
a load would have written them.

Revision ID: 0019_overview_summaries
Revises: 0018_overview_summary
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from etl.scores import refresh_all_scores

revision: str = "0019_overview_summaries"
down_revision: str | None = "0018_overview_summary"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Top-level and not closed (musharaka.score_tables.open_top_level), as SQL; SQLite's
# with the unary plus its queries write (score_tables._TopLevel).
OPEN = "current_status NOT IN ('completed', 'partially_completed', 'cancelled')"

# The summary's indexes that past_target is appended to, with their columns before it.
WIDENED = {
    "ix_commune_status_counts_status": ["status", "recommendations", "budget_mad"],
    "ix_commune_status_counts_commune": ["commune_id", "status", "recommendations", "budget_mad"],
}


def upgrade() -> None:
    with op.batch_alter_table("commune_scores") as batch:
        batch.add_column(sa.Column("counted_on", sa.Date(), nullable=True))
    with op.batch_alter_table("commune_status_counts") as batch:
        batch.add_column(sa.Column("past_target", sa.Integer(), server_default="0", nullable=False))
    for name, columns in WIDENED.items():
        op.drop_index(name, table_name="commune_status_counts")
        op.create_index(name, "commune_status_counts", [*columns, "past_target"])
    op.create_index(
        "ix_recommendations_open_by_target",
        "recommendations",
        [
            "target_date",
            "commune_id",
            "current_status",
            "domain",
            "current_stall_reason",
            "parent_code",
        ],
        sqlite_where=sa.text(f"+parent_code IS NULL AND {OPEN}"),
        postgresql_where=sa.text(f"parent_code IS NULL AND {OPEN}"),
    )
    op.create_table(
        "commune_institution_counts",
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("institution", sa.String(length=40), nullable=False),
        sa.Column("recommendations", sa.Integer(), nullable=False),
        sa.Column("in_programme", sa.Integer(), nullable=False),
        sa.Column("completed", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commune_id"],
            ["communes.id"],
            name=op.f("fk_commune_institution_counts_commune_id_communes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "commune_id", "institution", name=op.f("pk_commune_institution_counts")
        ),
    )
    op.create_index(
        "ix_commune_institution_counts_institution",
        "commune_institution_counts",
        ["institution", "recommendations", "in_programme", "completed"],
    )
    op.create_table(
        "meeting_counts",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("recommendations", sa.Integer(), nullable=False),
        sa.Column("completed", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_counts_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["commune_id"],
            ["communes.id"],
            name=op.f("fk_meeting_counts_commune_id_communes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", name=op.f("pk_meeting_counts")),
    )
    op.create_index(op.f("ix_meeting_counts_commune_id"), "meeting_counts", ["commune_id"])
    op.create_table(
        "commune_reason_counts",
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("domain", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("stuck", sa.Integer(), nullable=False),
        sa.Column("past_target", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commune_id"],
            ["communes.id"],
            name=op.f("fk_commune_reason_counts_commune_id_communes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "commune_id", "domain", "reason", name=op.f("pk_commune_reason_counts")
        ),
    )
    op.create_index(
        "ix_commune_reason_counts_domain",
        "commune_reason_counts",
        ["reason", "domain", "stuck", "past_target"],
    )
    op.create_index(
        "ix_commune_reason_counts_commune",
        "commune_reason_counts",
        ["reason", "commune_id", "stuck", "past_target"],
    )
    # Every summary of the communes already loaded, as a load would have written them.
    refresh_all_scores(op.get_bind())


def downgrade() -> None:
    op.drop_table("commune_reason_counts")
    op.drop_table("meeting_counts")
    op.drop_table("commune_institution_counts")
    op.drop_index("ix_recommendations_open_by_target", table_name="recommendations")
    for name, columns in WIDENED.items():
        op.drop_index(name, table_name="commune_status_counts")
        op.create_index(name, "commune_status_counts", columns)
    with op.batch_alter_table("commune_status_counts") as batch:
        batch.drop_column("past_target")
    with op.batch_alter_table("commune_scores") as batch:
        batch.drop_column("counted_on")
