"""Domain events through the real services: each kind is published exactly where its fact
becomes true, billing answers the requests' and dispatch's events, and a handler's failure
rolls the whole use case back."""

from __future__ import annotations

import datetime as dt

import pytest
from billing_helpers import LABOUR, MATERIAL, Office, op
from sqlalchemy import func, select

from hendazh_desktop.db.base import Base
from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.events import EventsNotWired, Subscription, on
from hendazh_desktop.domain import events
from hendazh_desktop.domain.events import (
    DomainEvent,
    JobDone,
    MaterialsPrepaid,
    MaterialsPrepaidReversed,
    PaidInFull,
    PaidInFullReversed,
    PrepaymentRequired,
    RequestCancelled,
    SplitPosted,
    SplitReversed,
)
from hendazh_desktop.domain.requests import Channel, RequestStatus
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.billing.records import PaymentDraft
from hendazh_desktop.services.requests.intake import IntakeService, RequestDraft
from hendazh_desktop.services.requests.lifecycle import record_transition
from hendazh_desktop.services.requests.queue import QueueService
from hendazh_desktop.services.wiring import office_handlers, wire

NOW = dt.datetime(2025, 11, 25, 7, 0, tzinfo=dt.UTC)
ALL_KINDS = (
    PaidInFull,
    PaidInFullReversed,
    MaterialsPrepaid,
    MaterialsPrepaidReversed,
    JobDone,
    RequestCancelled,
    PrepaymentRequired,
    SplitPosted,
    SplitReversed,
)


class Recorder:
    """Subscribes after the office's handlers to every kind of event and keeps what it saw."""

    def __init__(self) -> None:
        self.seen: list[DomainEvent] = []

    def subscriptions(self) -> list[Subscription]:
        return [on(kind, self._record) for kind in ALL_KINDS]

    def _record(self, uow: UnitOfWork, event: DomainEvent) -> None:
        self.seen.append(event)

    def kinds(self) -> list[str]:
        return [type(e).__name__ for e in self.seen]

    def take(self) -> list[DomainEvent]:
        seen, self.seen = self.seen, []
        return seen


def handle(db: Database, *extra: Subscription) -> Database:
    """A second handle on the test database, wired with the office's handlers and ``extra``."""
    other = Database(db.url)
    other.events.wire([*office_handlers(), *extra])
    return other


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def rdb(db, recorder):
    other = handle(db, *recorder.subscriptions())
    yield other
    other.dispose()


@pytest.fixture
def office(rdb, manager, recorder):
    made = Office(rdb, manager)
    recorder.take()
    return made


def pay(db, actor, subscriber_id, amount, method="cash", **kw):
    return PaymentService(db).record_payment(
        actor, PaymentDraft(op(), subscriber_id, method, amount, **kw)
    )


def cheque(db, actor, subscriber_id, amount, **kw):
    return pay(
        db,
        actor,
        subscriber_id,
        amount,
        "cheque",
        cheque_number="123456",
        cheque_bank="ملت",
        cheque_due_on="1405/10/01",
        **kw,
    )


def billing_rows(db, **where) -> list[tuple[int, str, int | None]]:
    with db.read() as uow:
        return [(e.id, e.kind, e.reverses_id) for e in uow.billing.events(**where)]


def table_counts(db) -> dict[str, int]:
    with db.read() as uow:
        return {
            t.name: uow.session.execute(select(func.count()).select_from(t)).scalar_one()
            for t in Base.metadata.sorted_tables
        }


def prepayment_invoice(db, actor, request_id) -> int:
    return InvoiceService(db).money_status(actor, request_id).prepayment_invoice_id


def test_every_domain_event_is_recorded_here():
    declared = {
        kind
        for kind in vars(events).values()
        if isinstance(kind, type) and issubclass(kind, DomainEvent) and kind is not DomainEvent
    }
    assert declared == set(ALL_KINDS)


def test_the_office_is_wired_where_its_databases_are_made(db):
    answered = {s.kind for s in office_handlers()}
    assert {RequestCancelled, PrepaymentRequired, JobDone} <= answered
    assert db.events.wired  # tests/conftest.py wires as app.py and commands.py do
    assert all(db.events.handlers(kind) for kind in answered)


def test_intake_of_a_prepaid_service_publishes_prepayment_required_once(
    rdb, recorder, accountant, office
):
    office.new_request("PLB")  # paid after the job: nothing to publish
    assert recorder.take() == []
    request_id = office.new_request("HTR")
    [event] = recorder.take()
    assert isinstance(event, PrepaymentRequired)
    assert (event.request_id, event.subscriber_id, event.service_id) == (
        request_id,
        office.card.id,
        office.services["HTR"].id,
    )
    assert event.actor == office.actor
    # billing answered it in the same transaction: the prepayment invoice is issued
    assert prepayment_invoice(rdb, accountant, request_id) is not None


def test_verifying_a_prepaid_web_form_publishes_prepayment_required(
    rdb, recorder, manager, accountant, office
):
    intake, queue = IntakeService(rdb), QueueService(rdb)
    made = {
        code: intake.create_request(
            manager,
            RequestDraft(
                office.card.id,
                office.services[code].id,
                office.card.addresses[0].id,
                channel=Channel.WEB_FORM.value,
            ),
        ).id
        for code in ("PLB", "EDU")
    }
    assert recorder.take() == []  # a web form waits for its check
    queue.verify(manager, made["PLB"], subscriber_id=office.card.id, expected_version=1)
    assert recorder.take() == []
    queue.verify(manager, made["EDU"], subscriber_id=office.card.id, expected_version=1)
    [event] = recorder.take()
    assert isinstance(event, PrepaymentRequired) and event.request_id == made["EDU"]
    assert prepayment_invoice(rdb, accountant, made["EDU"]) is not None


def test_paying_an_invoice_in_full_publishes_paid_in_full_once(rdb, recorder, accountant, office):
    request_id = office.new_request("HTR")  # 198,000,000 with VAT
    invoice_id = prepayment_invoice(rdb, accountant, request_id)
    recorder.take()
    pay(rdb, accountant, office.card.id, "100,000,000", invoice_id=invoice_id)
    assert recorder.take() == []
    pay(rdb, accountant, office.card.id, "98,000,000", invoice_id=invoice_id)
    [event] = recorder.take()
    [(row_id, kind, _)] = billing_rows(rdb, invoice_id=invoice_id)
    assert isinstance(event, PaidInFull) and kind == "paid_in_full"
    assert (event.billing_event_id, event.invoice_id, event.invoice_kind) == (
        row_id,
        invoice_id,
        "prepayment",
    )
    assert (event.request_id, event.subscriber_id, event.total) == (
        request_id,
        office.card.id,
        198_000_000,
    )
    assert office.status(request_id) == "queued"
    pay(rdb, accountant, office.card.id, "5,000")  # credit on account: no invoice changes
    assert recorder.take() == []


def test_bouncing_the_cheque_publishes_the_reversal(rdb, recorder, accountant, office):
    request_id = office.new_request("EDU")
    invoice_id = prepayment_invoice(rdb, accountant, request_id)
    recorder.take()
    payment = cheque(rdb, accountant, office.card.id, "25000000")
    [paid] = recorder.take()
    assert isinstance(paid, PaidInFull)
    PaymentService(rdb).bounce_cheque(accountant, payment.id, "کسری موجودی", operation_id=op())
    [undone] = recorder.take()
    assert isinstance(undone, PaidInFullReversed)
    rows = billing_rows(rdb, invoice_id=invoice_id)
    assert rows == [
        (paid.billing_event_id, "paid_in_full", None),
        (undone.billing_event_id, "paid_in_full_reversed", paid.billing_event_id),
    ]
    assert undone.reverses_event_id == paid.billing_event_id
    assert (undone.invoice_id, undone.request_id) == (invoice_id, request_id)
    assert office.status(request_id) == "awaiting_prepayment"


def test_materials_prepaid_and_its_reversal_are_published(rdb, recorder, accountant, office):
    request_id = office.agreed("PLB", (LABOUR, MATERIAL))
    InvoiceService(rdb).ask_materials_prepayment(accountant, request_id)
    assert recorder.take() == []  # asked, not yet paid
    payment = cheque(rdb, accountant, office.card.id, "1250000", request_id=request_id)
    [prepaid] = recorder.take()
    assert isinstance(prepaid, MaterialsPrepaid)
    assert (prepaid.request_id, prepaid.amount) == (request_id, 1_250_000)
    PaymentService(rdb).bounce_cheque(accountant, payment.id, "کسری موجودی", operation_id=op())
    [undone] = recorder.take()
    assert isinstance(undone, MaterialsPrepaidReversed)
    assert undone.reverses_event_id == prepaid.billing_event_id
    assert billing_rows(rdb, request_id=request_id) == [
        (prepaid.billing_event_id, "materials_prepaid", None),
        (undone.billing_event_id, "materials_prepaid_reversed", prepaid.billing_event_id),
    ]


def test_finishing_a_job_publishes_job_done_once(rdb, recorder, office):
    request_id = office.agreed("PLB", (LABOUR,))
    recorder.take()
    office.start_and_finish(request_id)
    [event] = recorder.take()
    assert isinstance(event, JobDone)
    assert (event.request_id, event.subscriber_id, event.service_id, event.group_id) == (
        request_id,
        office.card.id,
        office.services["PLB"].id,
        office.group.id,
    )
    assert office.status(request_id) == "done"


def test_billing_settles_a_done_prepaid_job_on_job_done(rdb, recorder, accountant, office):
    request_id = office.new_request("EDU")
    pay(rdb, accountant, office.card.id, "25000000")
    office.agreed("EDU", (LABOUR,), request_id=request_id)
    recorder.take()
    office.start_and_finish(request_id)
    # the job is done and its prepayment collected: gift credit posts its split (wages answer)
    assert recorder.kinds() == ["JobDone", "SplitPosted"]
    assert office.status(request_id) == "paid"  # billing's answer, in the same transaction


def test_cancelling_publishes_request_cancelled_then_billings_reversals(
    rdb, recorder, manager, accountant, office
):
    unpaid = office.new_request("EDU")
    paid = office.new_request("EDU")
    pay(
        rdb,
        accountant,
        office.card.id,
        "25000000",
        invoice_id=prepayment_invoice(rdb, accountant, paid),
    )
    recorder.take()
    queue = QueueService(rdb)
    queue.cancel(manager, unpaid, "مشترک منصرف شد", expected_version=office.version(unpaid))
    [event] = recorder.take()
    assert isinstance(event, RequestCancelled)
    assert (event.request_id, event.subscriber_id, event.reason) == (
        unpaid,
        office.card.id,
        "مشترک منصرف شد",
    )
    queue.cancel(manager, paid, "مشترک منصرف شد", expected_version=office.version(paid))
    # billing's credit note (its answer to the cancellation) reverses the paid-in-full; every
    # subscriber sees the cancellation first
    assert recorder.kinds() == ["RequestCancelled", "PaidInFullReversed"]


def _boom(uow: UnitOfWork, event: DomainEvent) -> None:
    raise RuntimeError(f"handler failed on {type(event).__name__}")


def test_a_failing_handler_rolls_the_whole_payment_back(db, manager, accountant):
    office = Office(db, manager)
    request_id = office.new_request("EDU")
    invoice_id = prepayment_invoice(db, accountant, request_id)
    failing = handle(db, on(PaidInFull, _boom))
    try:
        before = table_counts(db)
        with pytest.raises(RuntimeError, match="PaidInFull"):
            pay(failing, accountant, office.card.id, "25000000", invoice_id=invoice_id)
        assert table_counts(db) == before  # no payment, allocation, event row, history, audit
        assert office.status(request_id) == "awaiting_prepayment"
        assert billing_rows(db, invoice_id=invoice_id) == []
        pay(db, accountant, office.card.id, "25000000", invoice_id=invoice_id)  # wired well
        assert table_counts(db) != before and office.status(request_id) == "queued"
    finally:
        failing.dispose()


def test_a_failing_handler_also_undoes_what_earlier_handlers_wrote(db, manager, accountant):
    """Billing credits the cancelled request's invoice first; the failure after it takes
    the credit note back with the cancellation."""
    office = Office(db, manager)
    request_id = office.new_request("EDU")
    invoice_id = prepayment_invoice(db, accountant, request_id)
    pay(db, accountant, office.card.id, "25000000", invoice_id=invoice_id)
    failing = handle(db, on(RequestCancelled, _boom))
    try:
        before = table_counts(db)
        version = office.version(request_id)
        with pytest.raises(RuntimeError, match="RequestCancelled"):
            QueueService(failing).cancel(manager, request_id, "منصرف شد", expected_version=version)
        assert table_counts(db) == before
        assert office.status(request_id) == "queued"
        assert InvoiceService(db).detail(accountant, invoice_id).row.state == "paid"
    finally:
        failing.dispose()


def test_an_unwired_database_refuses_to_publish_and_writes_nothing(db, manager):
    office = Office(db, manager)
    unwired = Database(db.url)
    try:
        before = table_counts(db)
        draft = RequestDraft(office.card.id, office.services["EDU"].id, office.card.addresses[0].id)
        with pytest.raises(EventsNotWired, match="PrepaymentRequired"):
            IntakeService(unwired).create_request(manager, draft)
        assert table_counts(db) == before
    finally:
        unwired.dispose()


def test_wire_registers_the_office_once(db):
    other = Database(db.url)
    try:
        assert wire(other) is other and other.events.wired
        with pytest.raises(RuntimeError):
            wire(other)
    finally:
        other.dispose()


@pytest.mark.parametrize("target", [RequestStatus.CANCELLED, RequestStatus.DONE])
def test_a_milestone_cannot_be_reached_without_publishing_it(rdb, recorder, manager, target):
    """Only cancel_request and finish_job move a request there, and they publish."""
    office = Office(rdb, manager)
    request_id = office.new_request("PLB")
    recorder.take()
    with rdb.write() as uow:
        request = uow.requests.get(request_id)
        with pytest.raises(ValueError, match=target.value):
            record_transition(uow, request, target, manager, NOW, "دلیل کافی")
        assert request.status == "queued"
    assert recorder.take() == []
