"""Billing through the services: prepayments, materials, final invoices, payments of every
kind, cheques, credit notes, credit and refunds, receivables and statements."""

from __future__ import annotations

import pytest
from billing_helpers import LABOUR, MATERIAL, Office, op
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from test_catalogue import draft_of

from hendazh_desktop.domain.errors import (
    Conflict,
    PermissionDenied,
    ValidationError,
    ValidationErrors,
)
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.billing.queries import BillingQueries
from hendazh_desktop.services.billing.records import (
    DraftChanges,
    InvoiceFilter,
    PaymentDraft,
    PaymentFilter,
)
from hendazh_desktop.services.dispatch.pricing import PricingService


@pytest.fixture
def office(db, manager):
    return Office(db, manager)


def pay(db, actor, subscriber_id, amount, method="cash", **kw):
    return PaymentService(db).record_payment(
        actor, PaymentDraft(kw.pop("operation_id", op()), subscriber_id, method, amount, **kw)
    )


def events(db, invoice_id):
    with db.read() as uow:
        return [e.kind for e in uow.billing.events(invoice_id=invoice_id)]


def test_prepaid_service_waits_for_its_prepayment_invoice(db, manager, accountant, office):
    request_id = office.new_request("HTR")  # health tour: 180,000,000 + 10% VAT
    assert office.status(request_id) == "awaiting_prepayment"
    status = InvoiceService(db).money_status(accountant, request_id)
    assert status.prepaid_service and status.prepayment_balance == 198_000_000
    detail = InvoiceService(db).detail(accountant, status.prepayment_invoice_id)
    assert detail.row.kind == "prepayment" and detail.row.number.endswith("-000001")
    assert (detail.net, detail.vat, detail.row.total) == (180_000_000, 18_000_000, 198_000_000)

    first = pay(db, accountant, office.card.id, "100,000,000", invoice_id=detail.row.id)
    assert first.unapplied == 0 and office.status(request_id) == "awaiting_prepayment"
    pay(
        db,
        accountant,
        office.card.id,
        "۹۸٬۰۰۰٬۰۰۰",
        "card",
        reference="123456",
        invoice_id=detail.row.id,
    )
    assert office.status(request_id) == "queued"
    assert events(db, detail.row.id) == ["paid_in_full"]


def test_education_is_exempt_and_printed_as_such(db, accountant, office):
    request_id = office.new_request("EDU")
    status = InvoiceService(db).money_status(accountant, request_id)
    detail = InvoiceService(db).detail(accountant, status.prepayment_invoice_id)
    assert detail.lines[0].vat_exempt and detail.vat == 0 and detail.row.total == 25_000_000


def test_bounced_cheque_reverses_the_prepayment_and_the_release(db, accountant, office):
    request_id = office.new_request("EDU")
    invoice_id = InvoiceService(db).money_status(accountant, request_id).prepayment_invoice_id
    cheque = pay(
        db,
        accountant,
        office.card.id,
        "25000000",
        "cheque",
        cheque_number="123456",
        cheque_bank="ملت",
        cheque_due_on="1405/10/01",
    )
    assert cheque.cheque_state == "pending" and office.status(request_id) == "queued"
    bounced = PaymentService(db).bounce_cheque(
        accountant, cheque.id, "کسری موجودی", operation_id=op()
    )
    assert bounced.cheque_state == "bounced" and bounced.unapplied == 0
    assert office.status(request_id) == "awaiting_prepayment"
    assert events(db, invoice_id) == ["paid_in_full", "paid_in_full_reversed"]
    with pytest.raises(Conflict):
        PaymentService(db).clear_cheque(accountant, cheque.id, operation_id=op())
    statement = BillingQueries(db).statement(accountant, office.card.id)
    assert statement.balance == 25_000_000 == statement.owed


def test_materials_prepayment_then_final_invoice_nets_it(db, manager, accountant, office):
    request_id = office.agreed("PLB", (LABOUR, MATERIAL))
    invoices = InvoiceService(db)
    assert invoices.money_status(accountant, request_id).materials_default == 1_250_000
    asked = invoices.ask_materials_prepayment(accountant, request_id)
    assert asked == 1_250_000
    with pytest.raises(Conflict):
        PricingService(db).start_work(
            manager, request_id, expected_version=office.version(request_id)
        )
    pay(
        db,
        accountant,
        office.card.id,
        "1250000",
        "card_to_card",
        reference="987654",
        request_id=request_id,
    )
    office.start_and_finish(request_id)
    assert office.status(request_id) == "done"

    draft = invoices.draft_final(accountant, request_id)
    assert draft.row.state == "draft" and draft.row.number == ""
    assert [x.code for x in draft.lines] == ["PLB-L", "PLB-M"]
    draft = invoices.update_draft(
        accountant,
        draft.row.id,
        DraftChanges(("50,000", ""), "credit", "1405/10/01", "با تشکر"),
        expected_version=draft.row.version,
    )
    assert draft.discount == 50_000 and draft.terms == "credit"
    issued = invoices.issue(
        accountant, draft.row.id, operation_id=op(), expected_version=draft.row.version
    )
    # (800,000 − 50,000) + 2,500,000 = 3,250,000 net; VAT 10% per line, truncated
    assert (issued.net, issued.vat, issued.row.total) == (3_250_000, 325_000, 3_575_000)
    assert issued.row.paid == 1_250_000 and issued.row.balance == 2_325_000
    assert issued.row.state == "part_paid" and office.status(request_id) == "invoiced"
    pay(db, accountant, office.card.id, "2325000", invoice_id=issued.row.id)
    assert office.status(request_id) == "paid"
    assert invoices.detail(accountant, issued.row.id).row.state == "paid"


def test_credit_note_cancels_exactly_and_frees_the_payment(db, accountant, office):
    request_id = office.done()
    invoices = InvoiceService(db)
    draft = invoices.draft_final(accountant, request_id)
    issued = invoices.issue(
        accountant, draft.row.id, operation_id=op(), expected_version=draft.row.version
    )
    payment = pay(db, accountant, office.card.id, str(issued.row.total), invoice_id=issued.row.id)
    assert office.status(request_id) == "paid"
    note = invoices.credit_note(accountant, issued.row.id, "مبلغ اشتباه", operation_id=op())
    assert note.row.kind == "credit_note" and note.credits_number == issued.row.number
    assert note.row.number.startswith("CRN-") and note.row.total == issued.row.total
    again = invoices.detail(accountant, issued.row.id)
    assert again.row.state == "credited" and again.row.balance == 0
    assert again.credited_by == note.row.number
    assert office.status(request_id) == "invoiced"
    assert BillingQueries(db).payment(accountant, payment.id).unapplied == issued.row.total
    with pytest.raises(Conflict):
        invoices.credit_note(accountant, issued.row.id, "دوباره", operation_id=op())
    # a corrected invoice can be drafted and is paid from the freed credit
    redraft = invoices.draft_final(accountant, request_id)
    reissued = invoices.issue(
        accountant, redraft.row.id, operation_id=op(), expected_version=redraft.row.version
    )
    assert reissued.row.state == "open"
    assert (
        PaymentService(db).apply_credit(accountant, office.card.id, reissued.row.id)
        == reissued.row.total
    )
    assert office.status(request_id) == "paid"
    statement = BillingQueries(db).statement(accountant, office.card.id)
    assert statement.balance == 0 == statement.owed - statement.credit


def test_same_submission_twice_is_recorded_once(db, accountant, office):
    request_id = office.done()
    invoices = InvoiceService(db)
    draft = invoices.draft_final(accountant, request_id)
    issue_op = op()
    first = invoices.issue(
        accountant, draft.row.id, operation_id=issue_op, expected_version=draft.row.version
    )
    replay = invoices.issue(
        accountant, draft.row.id, operation_id=issue_op, expected_version=draft.row.version
    )
    assert replay.row.number == first.row.number
    payment_op = op()
    one = pay(db, accountant, office.card.id, "100000", operation_id=payment_op)
    two = pay(db, accountant, office.card.id, "100000", operation_id=payment_op)
    assert one.id == two.id and one.number == two.number
    assert BillingQueries(db).count_payments(accountant, PaymentFilter()) == 1
    credit_op = op()
    invoices.credit_note(accountant, first.row.id, "اشتباه", operation_id=credit_op)
    invoices.credit_note(accountant, first.row.id, "اشتباه", operation_id=credit_op)
    assert BillingQueries(db).count_invoices(accountant, InvoiceFilter(kind="credit_note")) == 1


def test_overpayment_stays_as_credit_and_can_be_refunded(db, accountant, office):
    request_id = office.new_request("EDU")
    invoice_id = InvoiceService(db).money_status(accountant, request_id).prepayment_invoice_id
    payment = pay(db, accountant, office.card.id, "30,000,000", invoice_id=invoice_id)
    assert payment.unapplied == 5_000_000
    statement = BillingQueries(db).statement(accountant, office.card.id)
    assert (statement.balance, statement.credit, statement.owed) == (-5_000_000, 5_000_000, 0)
    with pytest.raises(ValidationError):
        PaymentService(db).refund(
            accountant, office.card.id, "6,000,000", "cash", "", operation_id=op()
        )
    refund = PaymentService(db).refund(
        accountant, office.card.id, "5,000,000", "cash", "", operation_id=op()
    )
    assert refund.direction == "out" and refund.number.startswith("RFD-")
    assert BillingQueries(db).statement(accountant, office.card.id).balance == 0


def test_payment_fields_are_checked_and_nothing_is_written(db, accountant, office):
    with pytest.raises(ValidationErrors) as errors:
        pay(db, accountant, office.card.id, "12.5", "card")
    assert set(errors.value.by_field) == {"amount", "reference"}
    with pytest.raises(ValidationErrors) as cheque:
        pay(
            db,
            accountant,
            office.card.id,
            "1000",
            "cheque",
            cheque_number="12",
            cheque_due_on="1405/13/01",
        )
    assert set(cheque.value.by_field) == {"cheque_number", "cheque_bank", "cheque_due_on"}
    assert BillingQueries(db).count_payments(accountant, PaymentFilter()) == 0


def test_only_billing_roles_take_money(db, consultant, accountant, office):
    with pytest.raises(PermissionDenied):
        pay(db, consultant, office.card.id, "1000")
    assert BillingQueries(db).count_invoices(consultant, InvoiceFilter()) == 0


def test_issued_money_records_refuse_update_and_delete(db, accountant, office):
    request_id = office.new_request("EDU")
    invoice_id = InvoiceService(db).money_status(accountant, request_id).prepayment_invoice_id
    payment = pay(db, accountant, office.card.id, "1000")
    for statement in (
        f"UPDATE invoices SET total = 1 WHERE id = {invoice_id}",
        f"DELETE FROM invoice_lines WHERE invoice_id = {invoice_id}",
        f"UPDATE payments SET amount = 1 WHERE id = {payment.id}",
        "DELETE FROM allocations",
    ):
        with pytest.raises(DBAPIError), db.engine.begin() as conn:
            conn.execute(text(statement))


def test_receivables_by_age(db, accountant, clock, office):
    office.new_request("EDU")
    office.new_request("HTR")
    rows = BillingQueries(db).receivables(accountant)
    assert len(rows) == 1
    assert rows[0].total == 25_000_000 + 198_000_000 == rows[0].buckets[0]
    far = BillingQueries(db, clock=clock).receivables(
        accountant, today=rows[0] and __import__("datetime").date(2030, 1, 1)
    )
    assert far[0].buckets[3] == far[0].total


def test_invoice_list_filters(db, accountant, office):
    office.new_request("EDU")
    office.new_request("HTR")
    queries = BillingQueries(db)
    assert queries.count_invoices(accountant, InvoiceFilter()) == 2
    assert queries.count_invoices(accountant, InvoiceFilter(state="unsettled")) == 2
    assert (
        queries.count_invoices(accountant, InvoiceFilter(service_id=office.services["EDU"].id)) == 1
    )
    rows = queries.invoices(accountant, InvoiceFilter(), 0, 10)
    assert [r.service_name for r in rows] == ["تورهای سلامت", "خدمات آموزشی"]  # newest first
    assert queries.invoice_id_by_number(accountant, rows[1].number) == rows[1].id
    assert queries.count_invoices(accountant, InvoiceFilter(number=rows[0].number)) == 1


def test_the_invoice_list_streamed_for_an_export_equals_its_pages(db, accountant, office):
    for code in ("EDU", "HTR", "EDU"):
        office.new_request(code)
    queries = BillingQueries(db)
    for order in ("-number", "service", "-total"):
        flt = InvoiceFilter(order=order)
        paged = queries.invoices(accountant, flt, 0, 10)
        batches = list(queries.stream_invoices(accountant, flt, 2))
        assert [len(b) for b in batches] == [2, 1]
        assert [r for b in batches for r in b] == paged
    early = queries.stream_invoices(accountant, InvoiceFilter(), 1)
    assert len(next(early)) == 1
    early.close()  # an export cancelled after its first page: its cursor closes with it


def test_vat_rate_follows_its_effective_day_and_rounding_setting(
    db, manager, accountant, clock, office
):
    import datetime as dt

    from hendazh_desktop.services.accounts.settings import SettingsService
    from hendazh_desktop.services.catalogue.catalogue import CatalogueService

    plumbing = office.services["PLB"]
    catalogue = CatalogueService(db, clock=clock)  # today: 1404/09/04
    catalogue.update_service(
        manager,
        plumbing.id,
        draft_of(plumbing, vat_percent="12", vat_effective_from="1404/10/01"),
        expected_version=plumbing.version,
    )
    assert [e.vat_bp for e in catalogue.vat_schedule(manager, plumbing.id)] == [1200, 1000]
    odd = (LABOUR.__class__("labour", "کار", "1", "1,234,567"),)
    first, second = office.done("PLB", odd), office.done("PLB", odd)
    before = InvoiceService(db, clock=clock)
    draft = before.draft_final(accountant, first)
    old = before.issue(
        accountant, draft.row.id, operation_id=op(), expected_version=draft.row.version
    )
    assert old.vat == 123_456  # 10% of 1,234,567 truncated
    clock.now = dt.datetime(2026, 1, 5, 7, 0, tzinfo=dt.UTC)  # 1404/10/15
    SettingsService(db).set_value(manager, "vat_rounding", "round")
    after = InvoiceService(db, clock=clock)
    draft = after.draft_final(accountant, second)
    new = after.issue(
        accountant, draft.row.id, operation_id=op(), expected_version=draft.row.version
    )
    assert new.lines[0].vat_bp == 1200 and new.vat == 148_148  # 148,148.04 rounded


def test_cancelling_a_request_credits_its_invoices(db, manager, accountant, office):
    from hendazh_desktop.services.requests.queue import QueueService

    unpaid = office.new_request("EDU")
    paid = office.new_request("EDU")
    invoices, queue = InvoiceService(db), QueueService(db)
    paid_invoice = invoices.money_status(accountant, paid).prepayment_invoice_id
    pay(db, accountant, office.card.id, "25000000", invoice_id=paid_invoice)
    for request_id in (unpaid, paid):
        queue.cancel(
            manager, request_id, "مشترک منصرف شد", expected_version=office.version(request_id)
        )
    rows = BillingQueries(db).invoices(accountant, InvoiceFilter(kind="prepayment"), 0, 10)
    assert {r.state for r in rows} == {"credited"}
    statement = BillingQueries(db).statement(accountant, office.card.id)
    assert (statement.owed, statement.credit, statement.balance) == (0, 25_000_000, -25_000_000)


def test_a_racing_retry_is_refused_by_the_database_and_answered_with_the_first(
    db, accountant, office, monkeypatch
):
    """The look-up before writing can miss a retry committed a moment later by the other
    attempt; the unique operation id then refuses the second insert."""
    from hendazh_desktop.db.repositories.billing import BillingRepository

    operation = op()
    first = pay(db, accountant, office.card.id, "50000", operation_id=operation)
    monkeypatch.setattr(
        BillingRepository,
        "payment_by_operation",
        _miss_once(BillingRepository.payment_by_operation),
    )
    again = pay(db, accountant, office.card.id, "50000", operation_id=operation)
    assert again.id == first.id
    assert BillingQueries(db).count_payments(accountant, PaymentFilter()) == 1


def _miss_once(real):
    calls = {"n": 0}

    def lookup(self, operation_id):
        calls["n"] += 1
        return None if calls["n"] == 1 else real(self, operation_id)

    return lookup


def test_numbers_restart_on_1_farvardin_tehran_time(db, manager, accountant, clock, office):
    import datetime as dt

    from hendazh_desktop.services.requests.intake import IntakeService, RequestDraft

    def issue_at(moment):
        clock.now = moment
        made = IntakeService(db, clock=clock).create_request(
            manager,
            RequestDraft(office.card.id, office.services["EDU"].id, office.card.addresses[0].id),
        )
        status = InvoiceService(db).money_status(accountant, made.id)
        return InvoiceService(db).detail(accountant, status.prepayment_invoice_id).row.number

    # 1405/01/01 00:00 in Tehran is 2026-03-20 20:30 UTC
    assert issue_at(dt.datetime(2026, 3, 20, 19, 0, tzinfo=dt.UTC)) == "1404-000001"
    assert issue_at(dt.datetime(2026, 3, 20, 20, 29, tzinfo=dt.UTC)) == "1404-000002"
    assert issue_at(dt.datetime(2026, 3, 20, 20, 31, tzinfo=dt.UTC)) == "1405-000001"
    assert issue_at(dt.datetime(2026, 3, 21, 8, 0, tzinfo=dt.UTC)) == "1405-000002"


def test_finished_jobs_waiting_for_a_final_invoice_are_listed(db, accountant, office):
    queries, invoices = BillingQueries(db), InvoiceService(db)

    def waiting() -> list[tuple[int, bool]]:
        return [
            (j.request_id, j.draft_id is not None)
            for j in queries.awaiting_final_invoice(accountant)
        ]

    first, second = office.done(), office.done()
    assert waiting() == [(first, False), (second, False)]  # oldest finished first
    listed = queries.awaiting_final_invoice(accountant)[0]
    assert listed.subscriber == office.card.name and listed.done_at is not None
    draft = invoices.draft_final(accountant, first)
    assert waiting() == [(first, True), (second, False)]  # a draft is still waiting
    issued = invoices.issue(
        accountant, draft.row.id, operation_id=op(), expected_version=draft.row.version
    )
    assert waiting() == [(second, False)]
    invoices.credit_note(accountant, issued.row.id, "مبلغ اشتباه", operation_id=op())
    assert waiting() == [(first, False), (second, False)]  # credited: to be invoiced again
