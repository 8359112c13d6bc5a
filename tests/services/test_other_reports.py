"""Commission and gift credit reconcile with the ledger (opening + earned − spent − expired
− reversed … = closing, and the closing net equals the balances); the operations, quality,
wages and subscribers reports agree with their tables recounted here."""

from __future__ import annotations

import datetime as dt

import pytest
from report_helpers import NOW, demo_office, everything, scalar, sql

from hendazh_desktop.domain.jalali_periods import end_day
from hendazh_desktop.services.reports.credit import COMMISSION, MOVES
from hendazh_desktop.services.reports.operations import FUNNEL
from hendazh_desktop.services.reports.service import ReportService


@pytest.fixture
def office(db, snapshot):
    snapshot("demo_office", demo_office)
    return db


def _run(db, actor, key):
    return ReportService(db, clock=lambda: NOW).run(actor, key, everything())


def test_credit_moves_the_liability_exactly(office, manager) -> None:
    period = everything()
    report = _run(office, manager, "credit")
    moves = report.table(MOVES)
    opening, *kinds, closing = moves.rows
    movement = sum(int(r[2]) for r in kinds)  # type: ignore[arg-type]
    assert int(closing[2]) == int(opening[2]) + movement  # type: ignore[arg-type]
    in_period = scalar(
        office,
        "SELECT sum(amount) FROM credit_entries WHERE on_day >= :a AND on_day < :b",
        a=period.first,
        b=end_day(period),
    )
    assert movement == in_period != 0
    every_balance = scalar(office, "SELECT sum(balance) FROM credit_balances")
    assert int(closing[2]) == every_balance  # the period runs to today: the ledger's net now
    positive = scalar(office, "SELECT sum(balance) FROM credit_balances WHERE balance > 0")
    assert report.figure("بدهی اعتبار هدیه (اکنون)") == positive
    earned = scalar(office, "SELECT sum(amount) FROM credit_entries WHERE kind LIKE 'earned_%'")
    spent = scalar(office, "SELECT sum(amount) FROM credit_entries WHERE kind = 'spent'")
    assert report.figure("اعتبار کسب‌شده") == earned
    assert report.figure("اعتبار خرج‌شده") == -spent
    kept = scalar(office, "SELECT sum(commission_kept) FROM job_splits")
    assert report.table(COMMISSION).totals[4] == kept  # type: ignore[index]


def test_operations_quality_wages_and_subscribers(office, manager) -> None:
    ops = _run(office, manager, "operations")
    created = scalar(office, "SELECT count(*) FROM service_requests")
    assert ops.table(FUNNEL).totals[1] == created  # type: ignore[index]
    quality = _run(office, manager, "quality")
    answers = scalar(office, "SELECT count(*) FROM quality_feedback")
    assert quality.figure("نظرها") == answers
    wages = _run(office, manager, "wages")
    assert wages.tables[0].totals is not None
    subscribers = _run(office, manager, "subscribers")
    period = everything()
    rows = sql(office, "SELECT created_at, referrer_id FROM subscribers")
    inside = [r for r in rows if period.start_utc <= _utc(r[0]) < period.end_utc]
    assert subscribers.figure("مشترکان تازه") == len(inside) > 0
    assert subscribers.figure("با معرفی") == sum(1 for r in inside if r[1] is not None)


def _utc(value) -> dt.datetime:
    moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
