"""report indexes and the dispatch target

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03

The managers' reports read a fiscal year of invoices by day, kind and service, and the new
subscribers of a period: covering indexes on the issued invoices' report columns and on the
subscribers' registration time and referrer keep a report of a year under two seconds. Each service
gets the time from request to dispatch it is held to (hours, 24 by default), which the
operations report compares every dispatch against.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "services",
        sa.Column("dispatch_target_hours", sa.Integer(), nullable=False, server_default="24"),
    )
    op.create_index(
        "ix_invoices_report", "invoices", ["issued_on", "kind", "service_id", "net", "vat", "total"]
    )
    op.create_index("ix_subscribers_created_at", "subscribers", ["created_at", "referrer_id"])


def downgrade() -> None:
    op.drop_index("ix_subscribers_created_at", table_name="subscribers")
    op.drop_index("ix_invoices_report", table_name="invoices")
    with op.batch_alter_table("services") as batch:
        batch.drop_column("dispatch_target_hours")
