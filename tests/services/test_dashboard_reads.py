"""The dashboard's read (the managers' first screen at start): four plain SQL statements whose
figures equal the reports' own queries on the demo office; no mapped class loaded for it; the
month's requests by service and the funnel read indexes only, never a request's or an event's
row."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from report_helpers import NOW, demo_office
from sqlalchemy import event

from hendazh_desktop.db.database import Database
from hendazh_desktop.db.migrate import upgrade
from hendazh_desktop.db.repositories.report_money import MoneyReportQueries
from hendazh_desktop.db.repositories.report_ops import OperationsQueries
from hendazh_desktop.db.repositories.wage_lists import PayableFilter
from hendazh_desktop.domain import jalali_periods as jp
from hendazh_desktop.domain.jalali import today_local
from hendazh_desktop.services.reports.dashboard import SCORE_DAYS, DashboardService


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
    month = [(s, p) for s, p in seen if "GROUP BY" in s and "service_requests" in s]
    assert len(month) == 2  # requests by service, the funnel
    raw = db.engine.raw_connection()
    try:
        for statement, params in month:
            plan = [row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + statement, params)]
            reads = [step for step in plan if step.startswith(("SEARCH", "SCAN"))]
            assert reads, plan
            for step in reads:
                if "counted" in step:  # the materialised counts by service
                    continue
                assert "COVERING INDEX" in step or "PRIMARY KEY" in step, (statement, plan)
    finally:
        raw.close()


@pytest.fixture
def office(db, snapshot):
    """The demo office, before the acting manager is added to it."""
    snapshot("demo_office", demo_office)
    return db


def test_the_dashboard_equals_the_reports_queries_in_four_statements(office, manager):
    db = office
    with statements(db) as seen:
        d = DashboardService(db, clock=lambda: NOW).read(manager)
    selects = [s for s, _ in seen if s.lstrip().startswith("SELECT")]
    assert len(selects) == 4  # figures, revenue of 13 months, requests by service, the funnel
    today = today_local(NOW)
    day, month, week = jp.day(today), jp.month_of(today), jp.week_of(today)
    last_year = jp.year_before(month)
    with db.read() as uow:
        ops, money = OperationsQueries(uow.session), MoneyReportQueries(uow.session)
        assert d.requests_today == ops.requests_created(day.start_utc, day.end_utc)
        assert d.queue_now == ops.queue_now()
        assert d.done_today == ops.done_between(day.start_utc, day.end_utc)
        assert d.receivables == ops.receivables() > 0
        assert (d.cheques_due_count, d.cheques_due_amount) == money.cheques_due(
            week.first, jp.end_day(week)
        )
        assert (d.average_score, d.scores) == ops.average_score(
            NOW - dt.timedelta(days=SCORE_DAYS), NOW
        )
        assert d.gift_credit_outstanding == uow.credit.outstanding()[0]
        assert d.wages_due == uow.wage_lists.totals(PayableFilter()).get("due", 0)
        assert d.revenue_month == money.revenue(month.first, jp.end_day(month))
        before = month.preceding()
        assert d.revenue_last_month == money.revenue(before.first, jp.end_day(before))
        assert d.revenue_month_last_year == money.revenue(last_year.first, jp.end_day(last_year))
        months = d.revenue_chart.series[0].values
        assert sum(months) > 0 and months[-1] == d.revenue_month
        by_service = ops.requests_by_service(month.start_utc, month.end_utc)
        assert by_service and list(d.services_chart.categories) == [n for n, _ in by_service]
        assert list(d.services_chart.series[0].values) == [float(n) for _, n in by_service]
        funnel = ops.funnel(month.start_utc, month.end_utc)
        reached = {state: 0 for _, state, _ in funnel}
        for _, state, n in funnel:
            reached[state] += n
        assert d.funnel_chart.series[0].values[-1] == float(reached.get("paid", 0))


def test_reading_the_dashboard_loads_no_mapped_class(tmp_path):
    """The managers' first screen at start waits for no ORM (it used to map every table)."""
    path = str(tmp_path / "office.db")
    made = Database(path)
    upgrade(made)  # Alembic's environment maps the models: here, not in the reading process
    made.dispose()
    script = (
        "import sys\n"
        "from hendazh_desktop.db.database import Database\n"
        "from hendazh_desktop.domain.permissions import Actor, Role\n"
        "from hendazh_desktop.services.reports.dashboard import DashboardService\n"
        f"db = Database({path!r})\n"
        "DashboardService(db).read(Actor(1, 'boss', Role.MANAGER))\n"
        "print(sorted(m for m in sys.modules if m.startswith(('sqlalchemy.orm', "
        "'hendazh_desktop.db.models'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
