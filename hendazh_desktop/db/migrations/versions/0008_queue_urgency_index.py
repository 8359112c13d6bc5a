"""queue urgency index

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03

The queue's default order (most urgent first, then oldest) as one index that also carries the
status: a deep page of the queue walks the index instead of sorting every request. The models
do not declare it (a descending index is compared only approximately by Alembic): see
ORDER_INDEXES in migrations/search_index.py. Statistics are gathered so the planner prefers it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_service_requests_urgency",
        "service_requests",
        [sa.text("priority DESC"), "created_at", "id", "status"],
        unique=False,
    )
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        bind.exec_driver_sql("PRAGMA analysis_limit=1000").close()  # returns a row
    bind.exec_driver_sql("ANALYZE service_requests")


def downgrade() -> None:
    op.drop_index("ix_service_requests_urgency", table_name="service_requests")
