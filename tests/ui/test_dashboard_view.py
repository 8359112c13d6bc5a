"""The dashboard: its figures equal the ledgers recomputed here, it re-reads on a data change
like the board, and managers alone see it (as their first screen)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from report_helpers import demo_office, scalar

from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.services.accounts.bootstrap import office_actor
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.registry import views_for
from hendazh_desktop.ui.reports.dashboard_view import DashboardView, change_text


def test_dashboard_figures_and_refresh(qtbot, ui_db, ctx):
    demo_office(ui_db)
    view = DashboardView(context=ctx)
    qtbot.addWidget(view)
    view.show()
    d = view.dashboard
    assert d is not None
    owed = scalar(
        ui_db, "SELECT sum(balance) FROM invoice_balances WHERE state IN ('open', 'part_paid')"
    )
    assert d.receivables == owed
    assert d.queue_now == scalar(
        ui_db, "SELECT count(*) FROM service_requests WHERE status = 'queued'"
    )
    outstanding = scalar(ui_db, "SELECT sum(balance) FROM credit_balances WHERE balance > 0")
    assert d.gift_credit_outstanding == outstanding
    assert len(d.revenue_chart.categories) == 12
    assert view.revenue_chart.chart().series()
    started = time.perf_counter()
    ctx.changes.announce(Change.BILLING)
    assert view.dashboard is not d  # re-read at once, being shown
    assert time.perf_counter() - started < 2.0


def test_change_text():
    assert change_text(110, 100) == "+۱۰٪"
    assert change_text(90, 100) == "−۱۰٪"
    assert change_text(5, 0) == "—"


def test_only_managers_see_the_dashboard_first(ui_db):
    manager = views_for(office_actor(ui_db, "m", role=Role.MANAGER))
    assert manager[0].key == "dashboard"
    for role in (Role.ACCOUNTANT, Role.CONSULTANT, Role.DISPATCHER):
        assert "dashboard" not in {
            v.key for v in views_for(office_actor(ui_db, role.value, role=role))
        }
