"""wage awaiting and advances indexes

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03

The payables list shows, with the payables, the done jobs still waiting for their money. A
partial index holds just those jobs (done or invoiced, finished, with a group) in number order
with their group and service, so the list's first page, its count and its group or service
filters read the few waiting jobs and not every request ever made. The advances list reads its
items by kind and group from an index instead of every wage item.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

AWAITING = "status IN ('done', 'invoiced') AND done_at IS NOT NULL AND group_id IS NOT NULL"


def upgrade() -> None:
    op.create_index(
        "ix_service_requests_awaiting_wage",
        "service_requests",
        ["id", "group_id", "service_id"],
        sqlite_where=sa.text(AWAITING),
        postgresql_where=sa.text(AWAITING),
    )
    op.create_index("ix_wage_items_kind", "wage_items", ["kind", "group_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_wage_items_kind", table_name="wage_items")
    op.drop_index("ix_service_requests_awaiting_wage", table_name="service_requests")
