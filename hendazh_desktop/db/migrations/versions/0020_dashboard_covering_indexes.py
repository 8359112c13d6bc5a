"""covering indexes for the dashboard's month (requests by service, the funnel)

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03

The dashboard (the managers' first screen) counts the month's requests by service and the
states they reached. Both read the requests of a range of creation times and then their
service, and the funnel reads every event's state by request: with the service in the
creation-time index and the state in the events' request index, neither reads a table row
(requests by service 25 → 2 ms, the funnel 46 → 19 ms on the 1,000,000-subscriber bench copy).
The wider indexes replace the single-column ones, which they serve as well.
"""

from __future__ import annotations

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_service_requests_created_service", "service_requests", ["created_at", "service_id"]
    )
    op.drop_index("ix_service_requests_created_at", table_name="service_requests")
    op.create_index("ix_request_events_request_status", "request_events", ["request_id", "to_status"])
    op.drop_index("ix_request_events_request_id", table_name="request_events")
    if op.get_bind().dialect.name == "sqlite":
        # the planner picks an index by its statistics: without them for the new index it
        # kept reading rows through the old one's successor (a bounded sample, ~0.1 s)
        op.execute("PRAGMA analysis_limit=1000")
        op.execute("ANALYZE service_requests")


def downgrade() -> None:
    op.create_index("ix_request_events_request_id", "request_events", ["request_id"])
    op.drop_index("ix_request_events_request_status", table_name="request_events")
    op.create_index("ix_service_requests_created_at", "service_requests", ["created_at"])
    op.drop_index("ix_service_requests_created_service", table_name="service_requests")
