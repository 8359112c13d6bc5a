"""Invoices, payments, allocations and the billing projections."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Integer, Select, String, column, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from hendazh_desktop.db.base import UTCDateTime
from hendazh_desktop.db.errors import operation_ids_checked
from hendazh_desktop.db.models.billing import (
    Allocation,
    BillingEvent,
    ChequeEvent,
    DocumentCounter,
    Invoice,
    InvoiceBalance,
    MaterialsPrepayment,
    Payment,
    PaymentBalance,
    VatRate,
)
from hendazh_desktop.db.models.core import ServiceRequest, Subscriber
from hendazh_desktop.domain.vat import VatEntry, entry_on

SERIES_LOCK_YEAR = 0  # the counter row each series locks before it reads the clock


class BillingRepository:
    """Reads and appends the money records; the projections are the only rows it updates."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, obj: object) -> None:
        self.session.add(obj)
        with operation_ids_checked():
            self.session.flush()

    # -- numbering ---------------------------------------------------------------------------
    def next_number(self, series: str, fiscal_year: int) -> int:
        """The next number of a series: the counter row is updated (and so locked) in the
        caller's transaction, so two PCs can never take the same number or leave a gap."""
        bump = (
            update(DocumentCounter)
            .where(DocumentCounter.series == series, DocumentCounter.fiscal_year == fiscal_year)
            .values(last_number=DocumentCounter.last_number + 1)
            .returning(DocumentCounter.last_number)
        )
        number = self.session.execute(bump).scalar_one_or_none()
        if number is not None:
            return int(number)
        try:
            with self.session.begin_nested():
                self.session.execute(
                    insert(DocumentCounter).values(
                        series=series, fiscal_year=fiscal_year, last_number=1
                    )
                )
            return 1
        except IntegrityError:  # another PC created the year's counter first
            return int(self.session.execute(bump).scalar_one())

    def lock_series(self, series: str) -> None:
        """Take a series' numbering lock until the transaction ends: its year-less counter row
        (``SERIES_LOCK_YEAR``) is updated. Whoever reads the clock after this call reads it
        after every earlier number of the series was committed, so numbers follow time, and
        a wait across Nowruz midnight gives the new fiscal year."""
        self.next_number(series, SERIES_LOCK_YEAR)

    # -- VAT ---------------------------------------------------------------------------------
    def vat_schedule(self, service_id: int) -> list[VatEntry]:
        """The service's VAT entries, newest first."""
        stmt = (
            select(VatRate)
            .where(VatRate.service_id == service_id)
            .order_by(VatRate.effective_from.desc())
        )
        return [
            VatEntry(r.effective_from, r.vat_bp, r.exempt)
            for r in self.session.execute(stmt).scalars()
        ]

    def vat_on(self, service_id: int, day: dt.date) -> VatEntry:
        """The VAT entry in force for the service on ``day``."""
        found = entry_on(self.vat_schedule(service_id), day)
        if found is None:  # every service has an entry from its first day (seed, 0007)
            raise LookupError(f"service {service_id} has no VAT entry on {day}")
        return found

    # -- invoices ----------------------------------------------------------------------------
    def invoice(self, invoice_id: int) -> Invoice | None:
        stmt = select(Invoice).where(Invoice.id == invoice_id).options(selectinload(Invoice.lines))
        return self.session.execute(stmt).scalar_one_or_none()

    def invoice_by_operation(self, operation_id: str) -> Invoice | None:
        stmt = select(Invoice).where(Invoice.operation_id == operation_id)
        return self.session.execute(stmt).scalar_one_or_none()

    def invoice_by_number(self, series: str, year: int, number: int) -> Invoice | None:
        stmt = select(Invoice).where(
            Invoice.series == series, Invoice.fiscal_year == year, Invoice.number == number
        )
        return self.session.execute(stmt).scalar_one_or_none()

    def invoices_of_request(self, request_id: int) -> list[Invoice]:
        stmt = select(Invoice).where(Invoice.request_id == request_id).order_by(Invoice.id)
        return list(self.session.execute(stmt).scalars())

    def credit_note_of(self, invoice_id: int) -> Invoice | None:
        stmt = select(Invoice).where(Invoice.credits_invoice_id == invoice_id)
        return self.session.execute(stmt).scalar_one_or_none()

    def balance(self, invoice_id: int) -> InvoiceBalance | None:
        return self.session.get(InvoiceBalance, invoice_id)

    def open_invoices(self, subscriber_id: int) -> list[Invoice]:
        """Issued invoices with something left to pay, oldest first."""
        stmt = (
            select(Invoice)
            .join(InvoiceBalance, InvoiceBalance.invoice_id == Invoice.id)
            .where(
                Invoice.subscriber_id == subscriber_id,
                InvoiceBalance.state.in_(("open", "part_paid")),
            )
            .order_by(Invoice.issued_at, Invoice.id)
        )
        return list(self.session.execute(stmt).scalars())

    def settled_sums(self, invoice_id: int) -> tuple[int, int]:
        """(paid by payments, credited by credit notes) onto an invoice."""
        stmt = select(
            func.coalesce(
                func.sum(Allocation.amount).filter(Allocation.payment_id.is_not(None)), 0
            ),
            func.coalesce(
                func.sum(Allocation.amount).filter(Allocation.credit_note_id.is_not(None)), 0
            ),
        ).where(Allocation.invoice_id == invoice_id)
        paid, credited = self.session.execute(stmt).one()
        return int(paid), int(credited)

    def allocations_to(self, invoice_id: int) -> list[Allocation]:
        stmt = select(Allocation).where(Allocation.invoice_id == invoice_id).order_by(Allocation.id)
        return list(self.session.execute(stmt).scalars())

    def invoices_paid_by(self, payment_id: int) -> list[Invoice]:
        """Every invoice the payment was ever applied to, reversed or not, by number."""
        stmt = (
            select(Invoice)
            .join(Allocation, Allocation.invoice_id == Invoice.id)
            .where(Allocation.payment_id == payment_id, Allocation.amount > 0)
            .distinct()
            .order_by(Invoice.fiscal_year, Invoice.number)
        )
        return list(self.session.execute(stmt).scalars())

    def live_allocations_from(self, payment_id: int) -> list[Allocation]:
        """Positive allocations of a payment onto invoices that have not been reversed."""
        reversed_ids = select(Allocation.reverses_id).where(Allocation.reverses_id.is_not(None))
        stmt = (
            select(Allocation)
            .where(
                Allocation.payment_id == payment_id,
                Allocation.invoice_id.is_not(None),
                Allocation.amount > 0,
                Allocation.id.not_in(reversed_ids),
            )
            .order_by(Allocation.id)
        )
        return list(self.session.execute(stmt).scalars())

    def live_payment_allocations_to(self, invoice_id: int) -> list[Allocation]:
        reversed_ids = select(Allocation.reverses_id).where(Allocation.reverses_id.is_not(None))
        stmt = (
            select(Allocation)
            .where(
                Allocation.invoice_id == invoice_id,
                Allocation.payment_id.is_not(None),
                Allocation.amount > 0,
                Allocation.id.not_in(reversed_ids),
            )
            .order_by(Allocation.id)
        )
        return list(self.session.execute(stmt).scalars())

    def allocated_from(self, payment_id: int) -> int:
        stmt = select(func.coalesce(func.sum(Allocation.amount), 0)).where(
            Allocation.payment_id == payment_id
        )
        return int(self.session.execute(stmt).scalar_one())

    # -- payments ----------------------------------------------------------------------------
    def payment(self, payment_id: int) -> Payment | None:
        return self.session.get(Payment, payment_id)

    def payment_by_operation(self, operation_id: str) -> Payment | None:
        stmt = select(Payment).where(Payment.operation_id == operation_id)
        return self.session.execute(stmt).scalar_one_or_none()

    def payment_balance(self, payment_id: int) -> PaymentBalance | None:
        return self.session.get(PaymentBalance, payment_id)

    def cheque_event(self, payment_id: int) -> ChequeEvent | None:
        stmt = select(ChequeEvent).where(ChequeEvent.payment_id == payment_id)
        return self.session.execute(stmt).scalar_one_or_none()

    def cheque_event_by_operation(self, operation_id: str) -> ChequeEvent | None:
        stmt = select(ChequeEvent).where(ChequeEvent.operation_id == operation_id)
        return self.session.execute(stmt).scalar_one_or_none()

    def payments_with_credit(
        self, subscriber_id: int, *, request_id: int | None = None, refundable: bool = False
    ) -> list[Payment]:
        """Receipts with an unapplied part, oldest first (only settled money when refunding)."""
        stmt = (
            select(Payment)
            .join(PaymentBalance, PaymentBalance.payment_id == Payment.id)
            .where(
                Payment.subscriber_id == subscriber_id,
                Payment.direction == "in",
                PaymentBalance.unapplied > 0,
            )
            .order_by(Payment.id)
        )
        if request_id is not None:
            stmt = stmt.where(Payment.request_id == request_id)
        if refundable:
            stmt = stmt.where(
                (PaymentBalance.cheque_state.is_(None)) | (PaymentBalance.cheque_state == "cleared")
            )
        return list(self.session.execute(stmt).scalars())

    def credit_of(self, subscriber_id: int) -> int:
        stmt = (
            select(func.coalesce(func.sum(PaymentBalance.unapplied), 0))
            .join(Payment, Payment.id == PaymentBalance.payment_id)
            .where(Payment.subscriber_id == subscriber_id, Payment.direction == "in")
        )
        return int(self.session.execute(stmt).scalar_one())

    def request_payments_total(self, request_id: int) -> int:
        """Receipts earmarked for a request whose cheque (if any) has not bounced."""
        stmt = (
            select(func.coalesce(func.sum(Payment.amount), 0))
            .join(PaymentBalance, PaymentBalance.payment_id == Payment.id)
            .where(
                Payment.request_id == request_id,
                Payment.direction == "in",
                (PaymentBalance.cheque_state.is_(None))
                | (PaymentBalance.cheque_state != "bounced"),
            )
        )
        return int(self.session.execute(stmt).scalar_one())

    def payments_of_request(self, request_id: int) -> list[Payment]:
        stmt = select(Payment).where(Payment.request_id == request_id).order_by(Payment.id)
        return list(self.session.execute(stmt).scalars())

    # -- materials and events ----------------------------------------------------------------
    def materials_prepayment(self, request_id: int) -> MaterialsPrepayment | None:
        stmt = (
            select(MaterialsPrepayment)
            .where(MaterialsPrepayment.request_id == request_id)
            .order_by(MaterialsPrepayment.id.desc())
            .limit(1)
        )
        return self.session.execute(stmt).scalar_one_or_none()

    def last_event(
        self, kinds: Sequence[str], *, invoice_id: int | None = None, request_id: int | None = None
    ) -> BillingEvent | None:
        stmt: Select[Any] = select(BillingEvent).where(BillingEvent.kind.in_(kinds))
        if invoice_id is not None:
            stmt = stmt.where(BillingEvent.invoice_id == invoice_id)
        if request_id is not None:
            stmt = stmt.where(BillingEvent.request_id == request_id)
        found: BillingEvent | None = self.session.execute(
            stmt.order_by(BillingEvent.id.desc()).limit(1)
        ).scalar()
        return found

    def events(
        self, *, invoice_id: int | None = None, request_id: int | None = None
    ) -> list[BillingEvent]:
        stmt = select(BillingEvent).order_by(BillingEvent.id)
        if invoice_id is not None:
            stmt = stmt.where(BillingEvent.invoice_id == invoice_id)
        if request_id is not None:
            stmt = stmt.where(BillingEvent.request_id == request_id)
        return list(self.session.execute(stmt).scalars())

    def uninvoiced_awaiting_prepayment(self, limit: int) -> list[ServiceRequest]:
        """Requests awaiting prepayment that have no invoice yet, oldest first."""
        invoiced = select(Invoice.request_id).where(Invoice.request_id.is_not(None))
        stmt = (
            select(ServiceRequest)
            .where(
                ServiceRequest.status == "awaiting_prepayment",
                ServiceRequest.id.not_in(invoiced),
            )
            .order_by(ServiceRequest.created_at, ServiceRequest.id)
            .limit(limit)
        )
        return list(self.session.execute(stmt).scalars())

    def requests_in(self, status: str) -> list[tuple[int, int | None]]:
        """(id, subscriber id) of the requests in one state."""
        stmt = (
            select(ServiceRequest.id, ServiceRequest.subscriber_id)
            .where(ServiceRequest.status == status)
            .order_by(ServiceRequest.id)
        )
        return [(r[0], r[1]) for r in self.session.execute(stmt)]

    def subscriber(self, subscriber_id: int) -> Subscriber | None:
        return self.session.get(Subscriber, subscriber_id)

    def awaiting_final_invoice(self, limit: int) -> list[Any]:
        """Finished jobs of postpaid services with no live issued final invoice, oldest
        finished first: (request id, done at, subscriber, code, service, draft invoice id)."""
        live_final = (
            "FROM invoices i WHERE i.request_id = r.id AND i.kind = 'final' AND NOT EXISTS "
            "(SELECT 1 FROM invoices c WHERE c.credits_invoice_id = i.id)"
        )
        sql = (
            "SELECT r.id, r.done_at, s.name, s.code, sv.name, "
            f"(SELECT max(i.id) {live_final} AND i.issued_at IS NULL) "
            "FROM service_requests r "
            "JOIN subscribers s ON s.id = r.subscriber_id "
            "JOIN services sv ON sv.id = r.service_id "
            "WHERE r.status IN ('done', 'invoiced') AND sv.payment_policy = 'postpaid' "
            f"AND NOT EXISTS (SELECT 1 {live_final} AND i.issued_at IS NOT NULL) "
            "ORDER BY r.done_at, r.id LIMIT :lim"
        )
        typed = text(sql).columns(
            column("id", Integer),
            column("done_at", UTCDateTime()),
            column("subscriber", String),
            column("code", String),
            column("service", String),
            column("draft_id", Integer),
        )
        return list(self.session.execute(typed, {"lim": limit}))
