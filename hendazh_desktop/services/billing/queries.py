"""What the invoicing view reads: invoice and payment pages, details, receivables, statements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.models.billing import Allocation, Invoice
from hendazh_desktop.db.repositories.billing_lists import INVOICE_ORDERS, PAYMENT_ORDERS
from hendazh_desktop.domain.billing import (
    AGEING_BUCKETS,
    METHOD_LABELS,
    ChequeState,
    PaymentMethod,
    ageing_bucket,
    number_text,
    parse_number,
)
from hendazh_desktop.domain.billing_records import StatementLine, line_of
from hendazh_desktop.domain.errors import NotFound
from hendazh_desktop.domain.jalali import format_date, today_local
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.text import to_persian_digits
from hendazh_desktop.services.billing.records import (
    AgeingRow,
    FinishedJob,
    InvoiceDetail,
    InvoiceFilter,
    InvoiceRow,
    PaymentFilter,
    PaymentRow,
    SettlementInfo,
    Statement,
)
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.list_order import check_order


def _number(series: str | None, year: int | None, number: int | None) -> str:
    if series is None or year is None or number is None:
        return ""
    return number_text(series, year, number)


def invoice_row(r: Any) -> InvoiceRow:
    """One row of ``INVOICE_COLUMNS`` as the list's row (unpacked by position: an export reads
    100,000 of them, and reading each column by name cost twice as much)."""
    (
        invoice_id, kind, state, series, fiscal_year, number, issued_on, created_at,
        subscriber_id, name, code, request_id, service_name, total, paid, credited, balance,
        version,
    ) = r  # fmt: skip
    return InvoiceRow(
        invoice_id, kind, state, _number(series, fiscal_year, number), issued_on, created_at,
        subscriber_id, name, code, request_id, service_name or "", total, paid, credited,
        balance, version,
    )  # fmt: skip


def payment_row(r: Any, applied: list[tuple[str, int, int]]) -> PaymentRow:
    return PaymentRow(
        id=r.id,
        number=_number(r.series, r.fiscal_year, r.number),
        direction=r.direction,
        received_on=r.received_on,
        received_at=r.received_at,
        subscriber_id=r.subscriber_id,
        subscriber_name=r.name,
        subscription_code=r.code,
        method=r.method,
        amount=r.amount,
        reference=r.reference,
        cheque_number=r.cheque_number or "",
        cheque_bank=r.cheque_bank or "",
        cheque_due_on=r.cheque_due_on,
        cheque_state=r.cheque_state or "",
        unapplied=r.unapplied,
        applied_to="، ".join(number_text(*n) for n in applied),
        request_id=r.request_id,
    )


def row_of(uow: UnitOfWork, invoice_id: int) -> InvoiceRow:
    stmt = uow.billing_lists.invoice_query(invoice_id=invoice_id)
    return invoice_row(uow.billing_lists.page(stmt, 0, 1)[0])


def payment_row_of(uow: UnitOfWork, payment_id: int) -> PaymentRow:
    stmt = uow.billing_lists.payment_query(payment_id=payment_id)
    r = uow.billing_lists.page_payments(stmt, 0, 1)[0]
    return payment_row(r, uow.billing_lists.applied_numbers([payment_id]).get(payment_id, []))


def _settlement_label(uow: UnitOfWork, allocation: Allocation) -> str:
    """What moved money onto the invoice; a reversal is named for what reversed it (a bounced
    cheque, a credit note sending the receipt back to credit), not as the original receipt."""
    if allocation.payment_id is not None:
        p = uow.billing.payment(allocation.payment_id)
        assert p is not None
        number = number_text(p.series, p.fiscal_year, p.number)
        if allocation.reverses_id is not None:
            event = uow.billing.cheque_event(p.id)
            if event is not None and event.kind == ChequeState.BOUNCED.value:
                cheque = to_persian_digits(p.cheque_number or "")
                return f"برگشت چک {cheque} — رسید {number} ({format_date(today_local(event.at))})"
            return f"بازگشت رسید {number} به بستانکاری مشترک"
        method = METHOD_LABELS[PaymentMethod(p.method)]
        return f"رسید {number} — {method}"
    note = uow.billing.invoice(allocation.credit_note_id or 0)
    assert note is not None
    return f"اعلامیه برگشت {_number(note.series, note.fiscal_year, note.number)}"


def detail_of(uow: UnitOfWork, invoice: Invoice) -> InvoiceDetail:
    lines = tuple(line_of(x) for x in invoice.lines)
    settlements = tuple(
        SettlementInfo(a.at, _settlement_label(uow, a), a.amount)
        for a in uow.billing.allocations_to(invoice.id)
    )
    credits = (
        uow.billing.invoice(invoice.credits_invoice_id) if invoice.credits_invoice_id else None
    )
    credited_by = uow.billing.credit_note_of(invoice.id)
    return InvoiceDetail(
        row=row_of(uow, invoice.id),
        lines=lines,
        gross=invoice.gross,
        discount=invoice.discount,
        net=invoice.net,
        vat=invoice.vat,
        terms=invoice.terms,
        due_on=invoice.due_on,
        notes=invoice.notes,
        settlements=settlements,
        credits_number=_number(credits.series, credits.fiscal_year, credits.number)
        if credits
        else "",
        credited_by=_number(credited_by.series, credited_by.fiscal_year, credited_by.number)
        if credited_by
        else "",
    )


class BillingQueries:
    """Reads for the invoicing view and the subscriber card; no write ever happens here."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    @staticmethod
    def _invoice_stmt(uow: UnitOfWork, flt: InvoiceFilter, *, count: bool = False) -> Any:
        number = parse_number(flt.number) if flt.number.strip() else None
        return uow.billing_lists.invoice_query(
            count=count,
            state=flt.state,
            kind=flt.kind,
            date_from=flt.date_from,
            date_to=flt.date_to,
            subscriber_id=flt.subscriber_id,
            service_id=flt.service_id,
            number=number,
        )

    def count_invoices(self, actor: Actor, flt: InvoiceFilter) -> int:
        require(actor, Permission.VIEW_BILLING)
        with self._db.read() as uow:
            return uow.billing_lists.count(self._invoice_stmt(uow, flt, count=True))

    def invoices(
        self, actor: Actor, flt: InvoiceFilter, offset: int, limit: int
    ) -> list[InvoiceRow]:
        require(actor, Permission.VIEW_BILLING)
        check_order(flt.order.removeprefix("-"), INVOICE_ORDERS)
        with self._db.read() as uow:
            rows = uow.billing_lists.page(
                self._invoice_stmt(uow, flt), offset, limit, order=flt.order
            )
            return [invoice_row(r) for r in rows]

    def stream_invoices(
        self, actor: Actor, flt: InvoiceFilter, batch: int
    ) -> Iterator[list[InvoiceRow]]:
        """Every invoice under ``flt`` in its order, ``batch`` rows at a time, read by one
        query in one read transaction (the export of the whole list)."""
        require(actor, Permission.VIEW_BILLING)
        check_order(flt.order.removeprefix("-"), INVOICE_ORDERS)
        with self._db.read() as uow:
            stmt = self._invoice_stmt(uow, flt)
            for rows in uow.billing_lists.stream(stmt, batch, order=flt.order):
                yield [invoice_row(r) for r in rows]

    def awaiting_final_invoice(self, actor: Actor, limit: int = 500) -> list[FinishedJob]:
        """Finished jobs waiting for their final invoice, oldest finished first."""
        require(actor, Permission.VIEW_BILLING)
        with self._db.read() as uow:
            return [FinishedJob(*r) for r in uow.billing.awaiting_final_invoice(limit)]

    def invoice_id_by_number(self, actor: Actor, text: str) -> int | None:
        require(actor, Permission.VIEW_BILLING)
        series, year, number = parse_number(text)
        with self._db.read() as uow:
            found = uow.billing.invoice_by_number(series, year, number)
            return found.id if found else None

    @staticmethod
    def _payment_stmt(uow: UnitOfWork, flt: PaymentFilter, *, count: bool = False) -> Any:
        return uow.billing_lists.payment_query(
            count=count,
            method=flt.method,
            cheque_state=flt.cheque_state,
            date_from=flt.date_from,
            date_to=flt.date_to,
            subscriber_id=flt.subscriber_id,
            direction=flt.direction,
        )

    def count_payments(self, actor: Actor, flt: PaymentFilter) -> int:
        require(actor, Permission.VIEW_BILLING)
        with self._db.read() as uow:
            return uow.billing_lists.count_payments(self._payment_stmt(uow, flt, count=True))

    def payments(
        self, actor: Actor, flt: PaymentFilter, offset: int, limit: int
    ) -> list[PaymentRow]:
        require(actor, Permission.VIEW_BILLING)
        check_order(flt.order.removeprefix("-"), PAYMENT_ORDERS)
        with self._db.read() as uow:
            rows = uow.billing_lists.page_payments(
                self._payment_stmt(uow, flt), offset, limit, order=flt.order
            )
            applied = uow.billing_lists.applied_numbers([r.id for r in rows])
            return [payment_row(r, applied.get(r.id, [])) for r in rows]

    def payment(self, actor: Actor, payment_id: int) -> PaymentRow:
        require(actor, Permission.VIEW_BILLING)
        with self._db.read() as uow:
            return payment_row_of(uow, payment_id)

    def receivables(self, actor: Actor, *, today: dt.date | None = None) -> list[AgeingRow]:
        """Every subscriber who owes something, the largest debt first, by age of invoice."""
        require(actor, Permission.VIEW_BILLING)
        day = today or today_local(self._clock())
        bounds = (
            day - dt.timedelta(days=30),
            day - dt.timedelta(days=60),
            day - dt.timedelta(days=90),
        )
        with self._db.read() as uow:
            rows = uow.billing_lists.ageing(bounds)
            credits = uow.billing_lists.credits()
        return [
            AgeingRow(
                r[0],
                r[1],
                r[2],
                (int(r[3]), int(r[4]), int(r[5]), int(r[6])),
                int(r[7]),
                credits.get(r[0], 0),
            )
            for r in rows
        ]

    def statement(
        self, actor: Actor, subscriber_id: int, *, today: dt.date | None = None
    ) -> Statement:
        require(actor, Permission.VIEW_BILLING)
        day = today or today_local(self._clock())
        with self._db.read() as uow:
            return build_statement(uow, subscriber_id, day)


def build_statement(uow: UnitOfWork, subscriber_id: int, day: dt.date) -> Statement:
    """Invoices and bounced cheques raise the balance; payments and credit notes lower it,
    refunds raise it again. The closing balance is what is owed less the subscriber's credit."""
    subscriber = uow.billing.subscriber(subscriber_id)
    if subscriber is None:
        raise NotFound("subscriber", subscriber_id)
    entries: list[tuple[dt.datetime, int, str, str, int, int]] = []
    for inv in uow.billing_lists.statement_invoices(subscriber_id):
        assert inv.issued_at is not None
        ref = _number(inv.series, inv.fiscal_year, inv.number)
        if inv.kind == "credit_note":
            entries.append((inv.issued_at, 0, "اعلامیه برگشت از فروش", ref, 0, inv.total))
        else:
            label = "صورتحساب پیش‌پرداخت" if inv.kind == "prepayment" else "صورتحساب فروش"
            entries.append((inv.issued_at, 0, label, ref, inv.total, 0))
    for p in uow.billing_lists.statement_payments(subscriber_id):
        ref = number_text(p.series, p.fiscal_year, p.number)
        method = METHOD_LABELS[PaymentMethod(p.method)]
        if p.direction == "out":
            entries.append((p.received_at, 1, f"استرداد وجه — {method}", ref, p.amount, 0))
        else:
            entries.append((p.received_at, 1, f"دریافت — {method}", ref, 0, p.amount))
    for event, p in uow.billing_lists.bounced_cheques(subscriber_id):
        ref = number_text(p.series, p.fiscal_year, p.number)
        entries.append((event.at, 2, f"برگشت چک {p.cheque_number or ''}", ref, p.amount, 0))
    entries.sort(key=lambda e: (e[0], e[1]))
    running = 0
    lines = []
    for at, _, text, ref, debit, credit in entries:
        running += debit - credit
        lines.append(StatementLine(today_local(at), text, ref, debit, credit, running))
    buckets = [0] * len(AGEING_BUCKETS)
    owed = 0
    for r in uow.billing_lists.owed_invoices(subscriber_id=subscriber_id):
        buckets[ageing_bucket(r.due_on or r.issued_on, day)] += r.balance
        owed += r.balance
    credit = uow.billing.credit_of(subscriber_id)
    return Statement(
        subscriber_id=subscriber_id,
        subscriber_name=subscriber.name,
        subscription_code=subscriber.code,
        lines=tuple(lines),
        balance=running,
        owed=owed,
        credit=credit,
        ageing=(buckets[0], buckets[1], buckets[2], buckets[3]),
    )
