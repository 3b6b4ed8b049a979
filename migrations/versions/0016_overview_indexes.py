"""Indexes that let the overview's national sections read an index instead of the whole
table: the reasons things stall (by reason, then commune and domain, with the status and
target date the overdue test reads; only the recommendations that may be asked a reason)
and the action programme by partner institution; and the domain's index covers the
counts by status of one domain (the public display's), as the status and commune
covering indexes do for the country and for a commune.

Revision ID: 0016_overview_indexes
Revises: 0015_weight
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016_overview_indexes"
down_revision: str | None = "0015_weight"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Completed or partially completed: never stalled, cancelled nor overdue.
MAY_BE_ASKED = "current_status NOT IN ('completed', 'partially_completed')"


def upgrade() -> None:
    # Its first columns lead the wider one, which serves all it served.
    op.drop_index("ix_recommendations_domain_status", table_name="recommendations", if_exists=True)
    op.create_index(
        "ix_recommendations_domain_cover",
        "recommendations",
        ["domain", "current_status", "target_date", "budget_mad"],
    )
    op.create_index(
        "ix_recommendations_stall_cover",
        "recommendations",
        ["current_stall_reason", "commune_id", "domain", "current_status", "target_date"],
        sqlite_where=sa.text(MAY_BE_ASKED),
        postgresql_where=sa.text(MAY_BE_ASKED),
    )
    op.create_index(
        "ix_recommendations_institution_cover",
        "recommendations",
        ["partner_institution", "current_status", "pac_ref"],
    )


def downgrade() -> None:
    op.drop_index("ix_recommendations_institution_cover", table_name="recommendations")
    op.drop_index("ix_recommendations_stall_cover", table_name="recommendations")
    op.drop_index("ix_recommendations_domain_cover", table_name="recommendations")
    op.create_index(
        "ix_recommendations_domain_status", "recommendations", ["domain", "current_status"]
    )
