"""The posting rules every billing use case shares, inside the caller's transaction.

Numbers are taken from locked counters; invoice lines are worked out by the domain; money
moves onto invoices as allocations; the projections follow every change, and the paid-in-full
milestone with them (``milestones``). Billing's answers to other features' events (a request
cancelled, a prepaid request confirmed) are here too; ``handlers`` subscribes them.
"""

from __future__ import annotations

import datetime as dt

from hendazh_desktop.db.database import UnitOfWork
from hendazh_desktop.db.models.billing import (
    Allocation,
    Invoice,
    InvoiceBalance,
    InvoiceLine,
    Payment,
    PaymentBalance,
)
from hendazh_desktop.db.models.core import Service, ServiceRequest
from hendazh_desktop.domain.billing import (
    CREDIT_NOTE_SERIES,
    INVOICE_SERIES,
    InvoiceKind,
    InvoiceState,
    PaymentMethod,
    invoice_state,
)
from hendazh_desktop.domain.errors import Conflict
from hendazh_desktop.domain.invoicing import (
    InvoiceLineInput,
    VatRounding,
    invoice_totals,
    line_amounts,
)
from hendazh_desktop.domain.jalali import fiscal_year_of, today_local
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.tax_id import tax_number
from hendazh_desktop.domain.vat import VatEntry
from hendazh_desktop.services.accounts.settings import load_settings
from hendazh_desktop.services.billing.milestones import record_paid_in_full
from hendazh_desktop.services.clock import Clock

UNIT_SERVICE = "خدمت"
UNIT_ITEM = "عدد"


def rounding(uow: UnitOfWork) -> VatRounding:
    return VatRounding(uow.catalogue.setting("vat_rounding") or VatRounding.TRUNCATE.value)


def set_lines(uow: UnitOfWork, invoice: Invoice, lines: list[InvoiceLineInput]) -> None:
    """Replace a draft's lines (with codes and units) and its totals."""
    way = rounding(uow)
    amounts = [line_amounts(line, way) for line in lines]
    for row, line, worked in zip(invoice.lines, lines, amounts, strict=True):
        row.quantity, row.unit_price, row.discount = line.quantity, line.unit_price, line.discount
        row.vat_bp, row.vat_exempt = line.vat_bp, line.vat_exempt
        row.gross, row.net, row.vat, row.total = worked.gross, worked.net, worked.vat, worked.total
    sums = invoice_totals(amounts)
    invoice.gross, invoice.discount, invoice.net = sums.gross, sums.discount, sums.net
    invoice.vat, invoice.total = sums.vat, sums.total


def new_line(
    position: int, code: str, description: str, unit: str, line: InvoiceLineInput
) -> InvoiceLine:
    return InvoiceLine(
        position=position,
        code=code,
        description=description,
        quantity=line.quantity,
        unit=unit,
        unit_price=line.unit_price,
        discount=line.discount,
        vat_bp=line.vat_bp,
        vat_exempt=line.vat_exempt,
        gross=0,
        net=0,
        vat=0,
        total=0,
    )


def line_inputs(invoice: Invoice, *, vat: VatEntry | None = None) -> list[InvoiceLineInput]:
    """The lines of an invoice as the domain works them out; ``vat`` replaces their VAT term
    (a rate or an exemption) with the one in force on the day of issue."""
    return [
        InvoiceLineInput(
            row.description,
            row.quantity,
            row.unit_price,
            row.discount,
            row.vat_bp if vat is None else vat.vat_bp,
            row.vat_exempt if vat is None else vat.exempt,
        )
        for row in invoice.lines
    ]


def issuing_moment(uow: UnitOfWork, series: str, clock: Clock) -> dt.datetime:
    """The moment a document of ``series`` is issued: the clock is read only once the series'
    numbering lock is held, so number N+1 never carries an earlier time (or fiscal year) than
    N, whoever waited for the lock and however long."""
    uow.billing.lock_series(series)
    return clock()


def require_seller_identity(uow: UnitOfWork) -> None:
    """An invoice without the seller's economic code and national ID is not valid for the tax
    office: issuing one is refused until the company settings carry both."""
    office = load_settings(uow)
    missing = [
        name for name in ("economic_code", "national_id") if not getattr(office, name).strip()
    ]
    if missing:
        raise Conflict("seller_identity_missing", missing=",".join(missing))


def issue(
    uow: UnitOfWork, invoice: Invoice, actor: Actor, clock: Clock, operation_id: str
) -> dt.datetime:
    """Give a draft its number and freeze it; VAT is worked out with the term (a rate or an
    exemption) in force on the issue day. Returns the moment of issue."""
    require_seller_identity(uow)
    memory_id = load_settings(uow).tax_memory_id  # read before the row changes (autoflush)
    if invoice.id is None:
        uow.flush()  # a draft row first: its id is the tax number's serial
    series = CREDIT_NOTE_SERIES if invoice.kind == InvoiceKind.CREDIT_NOTE.value else INVOICE_SERIES
    now = issuing_moment(uow, series, clock)
    day = today_local(now)
    if invoice.service_id is not None and invoice.kind != InvoiceKind.CREDIT_NOTE.value:
        service = uow.catalogue.service(invoice.service_id)
        assert service is not None
        set_lines(uow, invoice, line_inputs(invoice, vat=uow.billing.vat_on(service.id, day)))
        uow.flush()  # the lines change while the invoice is still a draft
    year = fiscal_year_of(day)
    invoice.series = series
    invoice.fiscal_year = year
    invoice.number = uow.billing.next_number(series, year)
    invoice.issued_at = now
    invoice.issued_on = day
    invoice.issued_by = actor.user_id
    invoice.operation_id = operation_id
    invoice.version += 1
    if memory_id:  # the taxpayers' system's number, in the same transaction as the issue
        invoice.tax_number = tax_number(memory_id, now, invoice.id)
    uow.flush()
    balance = uow.billing.balance(invoice.id)
    if balance is None:
        uow.billing.add(InvoiceBalance(invoice_id=invoice.id, state="open", balance=invoice.total))
    return now


def allocate(
    uow: UnitOfWork,
    actor: Actor,
    now: dt.datetime,
    amount: int,
    *,
    payment: Payment | None = None,
    credit_note: Invoice | None = None,
    invoice: Invoice | None = None,
    refund: Payment | None = None,
) -> None:
    uow.billing.add(
        Allocation(
            payment_id=payment.id if payment else None,
            credit_note_id=credit_note.id if credit_note else None,
            invoice_id=invoice.id if invoice else None,
            refund_id=refund.id if refund else None,
            amount=amount,
            at=now,
            user_id=actor.user_id,
        )
    )


def reverse(uow: UnitOfWork, original: Allocation, actor: Actor, now: dt.datetime) -> None:
    uow.billing.add(
        Allocation(
            payment_id=original.payment_id,
            credit_note_id=original.credit_note_id,
            invoice_id=original.invoice_id,
            refund_id=original.refund_id,
            amount=-original.amount,
            reverses_id=original.id,
            at=now,
            user_id=actor.user_id,
        )
    )


def refresh_payment(uow: UnitOfWork, payment: Payment) -> PaymentBalance:
    """Recompute what is left of a payment to apply (nothing once its cheque bounced)."""
    row = uow.billing.payment_balance(payment.id)
    if row is None:
        state = "pending" if payment.method == PaymentMethod.CHEQUE.value else None
        row = PaymentBalance(payment_id=payment.id, unapplied=0, cheque_state=state)
        uow.billing.add(row)
    if payment.direction == "out" or row.cheque_state == "bounced":
        row.unapplied = 0
    else:
        row.unapplied = payment.amount - uow.billing.allocated_from(payment.id)
    uow.flush()
    return row


def apply_credit(
    uow: UnitOfWork,
    actor: Actor,
    now: dt.datetime,
    invoice: Invoice,
    payments: list[Payment],
) -> int:
    """Move unapplied money of ``payments`` (in order) onto an invoice; returns the amount."""
    row = refresh_invoice(uow, invoice, actor, now, "")
    moved = 0
    for payment in payments:
        if row.balance <= 0:
            break
        left = refresh_payment(uow, payment).unapplied
        amount = min(left, row.balance)
        if amount <= 0:
            continue
        allocate(uow, actor, now, amount, payment=payment, invoice=invoice)
        refresh_payment(uow, payment)
        moved += amount
        row = refresh_invoice(uow, invoice, actor, now, f"دریافت {payment.id}")
    return moved


def refresh_invoice(
    uow: UnitOfWork, invoice: Invoice, actor: Actor, now: dt.datetime, cause: str
) -> InvoiceBalance:
    """Recompute an issued invoice's balance and state; raise or reverse its paid-in-full."""
    paid, credited = uow.billing.settled_sums(invoice.id)
    kind = InvoiceKind(invoice.kind)
    state = invoice_state(
        issued=invoice.issued_at is not None,
        kind=kind,
        total=invoice.total,
        paid=paid,
        credited=credited,
    )
    row = uow.billing.balance(invoice.id)
    if row is None:
        row = InvoiceBalance(invoice_id=invoice.id, state=state.value)
        uow.billing.add(row)
    row.state = state.value
    row.paid, row.credited = paid, credited
    row.balance = 0 if kind is InvoiceKind.CREDIT_NOTE else invoice.total - paid - credited
    uow.flush()
    if kind is not InvoiceKind.CREDIT_NOTE and invoice.issued_at is not None:
        record_paid_in_full(uow, invoice, state is InvoiceState.PAID, actor, now, cause)
    return row


def credit_invoice(
    uow: UnitOfWork, original: Invoice, actor: Actor, clock: Clock, why: str, operation_id: str
) -> Invoice:
    """Cancel an issued invoice with a credit note that copies its lines to the rial: the
    payments applied to it go back to the subscriber's credit, and its paid-in-full (with what
    hangs on it) is undone."""
    note = Invoice(
        kind=InvoiceKind.CREDIT_NOTE.value,
        series=CREDIT_NOTE_SERIES,
        subscriber_id=original.subscriber_id,
        request_id=original.request_id,
        service_id=original.service_id,
        credits_invoice_id=original.id,
        terms=original.terms,
        notes=why,
        gross=original.gross,
        discount=original.discount,
        net=original.net,
        vat=original.vat,
        total=original.total,
        created_at=clock(),
        created_by=actor.user_id,
    )
    for row in original.lines:
        note.lines.append(
            InvoiceLine(
                position=row.position,
                code=row.code,
                description=row.description,
                quantity=row.quantity,
                unit=row.unit,
                unit_price=row.unit_price,
                discount=row.discount,
                vat_bp=row.vat_bp,
                vat_exempt=row.vat_exempt,
                gross=row.gross,
                net=row.net,
                vat=row.vat,
                total=row.total,
            )
        )
    uow.billing.add(note)
    now = issue(uow, note, actor, clock, operation_id)
    for allocation in uow.billing.live_payment_allocations_to(original.id):
        reverse(uow, allocation, actor, now)
        payment = uow.billing.payment(allocation.payment_id or 0)
        assert payment is not None
        refresh_payment(uow, payment)
    allocate(uow, actor, now, original.total, credit_note=note, invoice=original)
    refresh_invoice(uow, note, actor, now, why)
    refresh_invoice(uow, original, actor, now, f"اعلامیه برگشت: {why}")
    return note


def credit_on_cancel(
    uow: UnitOfWork, request: ServiceRequest, actor: Actor, clock: Clock, why: str
) -> None:
    """A cancelled request leaves no live invoice: each is cancelled by a credit note, which
    only someone allowed to credit invoices may cause (a consultant asks an accountant)."""
    for invoice in uow.billing.invoices_of_request(request.id):
        if (
            invoice.kind == InvoiceKind.CREDIT_NOTE.value
            or invoice.issued_at is None
            or uow.billing.credit_note_of(invoice.id) is not None
        ):
            continue
        require(actor, Permission.CREDIT_INVOICES)
        credit_invoice(
            uow, invoice, actor, clock, f"لغو درخواست: {why}"[:300], f"cancel-{invoice.id}"
        )


def service_line(service: Service, vat: VatEntry) -> InvoiceLineInput:
    return InvoiceLineInput(service.name, 1, service.base_price, 0, vat.vat_bp, vat.exempt)


def issue_prepayment_invoice(
    uow: UnitOfWork, request: ServiceRequest, actor: Actor, clock: Clock
) -> Invoice | None:
    """A prepaid service was confirmed: its prepayment invoice, issued at once by someone
    allowed to issue invoices; confirmed by anyone else (a consultant), the request waits
    for an accountant to issue it (``InvoiceService.issue_prepayment``): None.

    A request has one live prepayment invoice; a second confirmation reuses it.
    """
    for existing in uow.billing.invoices_of_request(request.id):
        if (
            existing.kind == InvoiceKind.PREPAYMENT.value
            and uow.billing.credit_note_of(existing.id) is None
        ):
            return existing
    if not actor.can(Permission.ISSUE_INVOICES):
        return None
    service = uow.catalogue.service(request.service_id)
    assert service is not None and request.subscriber_id is not None
    now = clock()
    line = service_line(service, uow.billing.vat_on(service.id, today_local(now)))
    invoice = Invoice(
        kind=InvoiceKind.PREPAYMENT.value,
        series=INVOICE_SERIES,
        subscriber_id=request.subscriber_id,
        request_id=request.id,
        service_id=service.id,
        terms="cash",
        created_at=now,
        created_by=actor.user_id,
    )
    invoice.lines.append(new_line(0, service.code, service.name, UNIT_SERVICE, line))
    set_lines(uow, invoice, [line])
    uow.billing.add(invoice)
    now = issue(uow, invoice, actor, clock, f"prepay-{request.id}-{invoice.id}")
    refresh_invoice(uow, invoice, actor, now, "صدور صورتحساب پیش‌پرداخت")
    return invoice
