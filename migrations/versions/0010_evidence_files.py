"""Evidence files: the photos and PDFs a status update carries, or a field report waits
with, stored by their sha256 under MUSHARAKA_MEDIA_DIR.

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "evidence_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("status_update_id", sa.Integer(), nullable=True),
        sa.Column("field_report_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=40), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("thumb_sha256", sa.String(length=64), nullable=True),
        sa.Column("original_sha256", sa.String(length=64), nullable=True),
        sa.Column("original_size", sa.Integer(), nullable=True),
        sa.Column("uploaded_by", sa.String(length=120), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["field_report_id"],
            ["field_reports.id"],
            name=op.f("fk_evidence_files_field_report_id_field_reports"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["status_update_id"],
            ["status_updates.id"],
            name=op.f("fk_evidence_files_status_update_id_status_updates"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_files")),
    )
    with op.batch_alter_table("evidence_files", schema=None) as batch_op:
        batch_op.create_index("ix_evidence_files_field_report", ["field_report_id"])
        batch_op.create_index("ix_evidence_files_sha256", ["sha256"])
        batch_op.create_index("ix_evidence_files_status_update", ["status_update_id", "position"])
        batch_op.create_index("ix_evidence_files_thumb_sha256", ["thumb_sha256"])


def downgrade() -> None:
    with op.batch_alter_table("evidence_files", schema=None) as batch_op:
        batch_op.drop_index("ix_evidence_files_thumb_sha256")
        batch_op.drop_index("ix_evidence_files_status_update")
        batch_op.drop_index("ix_evidence_files_sha256")
        batch_op.drop_index("ix_evidence_files_field_report")
    op.drop_table("evidence_files")
