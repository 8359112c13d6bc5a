"""wage awaiting and advances indexes

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03

The payables list shows, with the payables, the done jobs still waiting for their money. A
partial index holds just those jobs (done or invoiced, finished, with a group) in number order
with their group and service, so the list's first page, its count and its group or service
filters read the few waiting jobs and not every request ever made. The advances list reads its
items from a partial index of the advances alone, led by the kind so that SQLite, without
statistics, sees it as the narrow search it is (a full index led by the kind drew the payables'
state look-ups, which name a payable's fee items, away from the payable's own index).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

ADVANCE = "kind = 'advance'"
AWAITING = "status IN ('done', 'invoiced') AND done_at IS NOT NULL AND group_id IS NOT NULL"


def upgrade() -> None:
    op.create_index(
        "ix_service_requests_awaiting_wage",
        "service_requests",
        ["id", "group_id", "service_id"],
        sqlite_where=sa.text(AWAITING),
        postgresql_where=sa.text(AWAITING),
    )
    op.create_index(
        "ix_wage_items_advances",
        "wage_items",
        ["kind", "group_id", "id"],
        sqlite_where=sa.text(ADVANCE),
        postgresql_where=sa.text(ADVANCE),
    )


def downgrade() -> None:
    op.drop_index("ix_wage_items_advances", table_name="wage_items")
    op.drop_index("ix_service_requests_awaiting_wage", table_name="service_requests")
