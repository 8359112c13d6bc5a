"""The issuing time is read inside the numbering transaction, after the lock: a document
numbered after another never carries an earlier time, nor the fiscal year before it."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from billing_helpers import Office, op

from hendazh_desktop.domain.billing import (
    CREDIT_NOTE_SERIES,
    INVOICE_SERIES,
    RECEIPT_SERIES,
    REFUND_SERIES,
)
from hendazh_desktop.domain.jalali import TEHRAN
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.billing.records import PaymentDraft

# The last seconds of 1404 and the first of 1405 (Nowruz), in Tehran.
BEFORE_NOWRUZ = dt.datetime(2026, 3, 20, 23, 59, 58, tzinfo=TEHRAN).astimezone(dt.UTC)
AFTER_NOWRUZ = dt.datetime(2026, 3, 21, 0, 0, 2, tzinfo=TEHRAN).astimezone(dt.UTC)


class MovingClock:
    """A clock the test moves while a service waits for the lock in another thread."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def held_across_nowruz(db, clock: MovingClock, action) -> object:
    """Run ``action`` while another PC holds the numbering lock from before Nowruz midnight
    until after it; return what the action returned."""
    result: dict[str, object] = {}

    def run() -> None:
        try:
            result["value"] = action()
        except Exception as error:
            result["error"] = error

    with db.write() as holder:  # the other PC, in the middle of issuing: it holds every
        # series' numbering lock (on PostgreSQL a lock row it creates holds others as well)
        for series in (INVOICE_SERIES, CREDIT_NOTE_SERIES, RECEIPT_SERIES, REFUND_SERIES):
            holder.billing.lock_series(series)
        worker = threading.Thread(target=run)
        worker.start()
        time.sleep(0.6)  # the action has started and waits for the lock
        clock.now = AFTER_NOWRUZ
        holder.commit()
    worker.join(timeout=30)
    if "error" in result:
        raise result["error"]  # type: ignore[misc]
    return result["value"]


@pytest.fixture
def setup(db, manager):
    clock = MovingClock(BEFORE_NOWRUZ)
    return clock, Office(db, manager, clock=clock)


def test_a_prepayment_invoice_waiting_for_the_lock_at_nowruz_is_of_the_new_year(
    db, manager, accountant, setup
):
    clock, office = setup
    request_id = held_across_nowruz(db, clock, lambda: office.new_request("EDU"))
    invoices = InvoiceService(db, clock=clock)
    invoice_id = invoices.money_status(accountant, request_id).prepayment_invoice_id
    assert invoice_id is not None
    with db.read() as uow:
        invoice = uow.billing.invoice(invoice_id)
        assert invoice is not None and invoice.issued_at is not None
        assert (invoice.fiscal_year, invoice.number) == (1405, 1)
        assert invoice.issued_at.replace(tzinfo=dt.UTC) >= AFTER_NOWRUZ


def test_a_final_invoice_waiting_for_the_lock_at_nowruz_is_of_the_new_year(db, accountant, setup):
    clock, office = setup
    invoices = InvoiceService(db, clock=clock)
    draft = invoices.draft_final(accountant, office.done("PLB"))
    issued = held_across_nowruz(
        db,
        clock,
        lambda: invoices.issue(
            accountant, draft.row.id, operation_id=op(), expected_version=draft.row.version
        ),
    )
    assert issued.row.number == "1405-000001"
    assert issued.row.issued_on == dt.date(2026, 3, 21)


def test_a_receipt_waiting_for_the_lock_at_nowruz_is_of_the_new_year(db, accountant, setup):
    clock, office = setup
    payments = PaymentService(db, clock=clock)
    row = held_across_nowruz(
        db,
        clock,
        lambda: payments.record_payment(
            accountant, PaymentDraft(op(), office.card.id, "cash", "1000000")
        ),
    )
    assert row.number.endswith("1405-000001")
    assert row.received_at.replace(tzinfo=dt.UTC) >= AFTER_NOWRUZ
