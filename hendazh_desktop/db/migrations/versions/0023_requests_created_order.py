"""the requests' creation-time index keeps the queue's «oldest» order

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03

0020 widened the requests' creation-time index to (created_at, service_id) so the dashboard
reads the month's requests by service from the index alone. Rows of one creation time were
then in service order, so the queue's «oldest» order (created_at, id) sorted each page's ties
in a temporary b-tree. With the id between them, (created_at, id, service_id) serves both:
the order by the index prefix, the dashboard still without a table row.
"""

from __future__ import annotations

from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_service_requests_created_id_service",
        "service_requests",
        ["created_at", "id", "service_id"],
    )
    op.drop_index("ix_service_requests_created_service", table_name="service_requests")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA analysis_limit=1000")  # as 0020: the planner needs its statistics
        op.execute("ANALYZE service_requests")


def downgrade() -> None:
    op.create_index(
        "ix_service_requests_created_service", "service_requests", ["created_at", "service_id"]
    )
    op.drop_index("ix_service_requests_created_id_service", table_name="service_requests")
