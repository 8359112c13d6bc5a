"""The dashboard's read (the managers' first screen at start): the month's requests by service
and the funnel read indexes only, never a request's or an event's row."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from hendazh_desktop.db.database import Database
from hendazh_desktop.services.reports.dashboard import DashboardService


@contextmanager
def statements(db: Database) -> Iterator[list[tuple[str, Any]]]:
    """The SQL (and its parameters) run on ``db`` inside the block."""
    seen: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, params: Any, *args: Any) -> None:
        seen.append((statement, params))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def test_the_months_requests_and_their_states_are_read_from_covering_indexes(db, manager, clock):
    if not db.is_sqlite:
        pytest.skip("query plans are SQLite's")
    with statements(db) as seen:
        DashboardService(db, clock=clock).read(manager)
    month = [(s, p) for s, p in seen if "service_requests.created_at >=" in s and "JOIN" in s]
    assert len(month) == 2  # requests by service, the funnel
    raw = db.engine.raw_connection()
    try:
        for statement, params in month:
            plan = [row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + statement, params)]
            tables = ("service_requests", "request_events")
            reads = [step for step in plan if any(t in step for t in tables)]
            assert reads, plan
            for step in reads:
                assert "COVERING INDEX" in step or "PRIMARY KEY" in step, (statement, plan)
    finally:
        raw.close()
