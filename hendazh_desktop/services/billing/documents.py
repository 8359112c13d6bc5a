"""The printed billing documents: an invoice, a receipt, a statement, built from the database.
The PDF renderers are imported when first used: ReportLab loads when something is printed,
not when the window starts."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hendazh_desktop.db.document_reads import printable_invoice
from hendazh_desktop.domain.billing import (
    METHOD_LABELS,
    ChequeState,
    PaymentMethod,
    amount_in_words,
    number_text,
    parse_number,
)
from hendazh_desktop.domain.errors import NotFound
from hendazh_desktop.domain.jalali import format_date, today_local
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.reports.document_data import (
    InvoiceDocument,
    Party,
    ReceiptDocument,
    StatementDocument,
)
from hendazh_desktop.services.accounts.office_settings import OfficeSettings, load_settings
from hendazh_desktop.services.billing.invoice_document import invoice_document_of, seller_of
from hendazh_desktop.services.clock import Clock, system_clock

if TYPE_CHECKING:
    from hendazh_desktop.db.database import Database, UnitOfWork
    from hendazh_desktop.db.models.billing import Payment


def seller(uow: UnitOfWork, office: OfficeSettings | None = None) -> Party:
    return seller_of(office or load_settings(uow))


def receipt_document(uow: UnitOfWork, payment: Payment, received_by: str) -> ReceiptDocument:
    from hendazh_desktop.services.billing.queries import payment_row_of

    row = payment_row_of(uow, payment.id)
    method = METHOD_LABELS[PaymentMethod(payment.method)]
    details = f"شماره پیگیری {payment.reference}" if payment.reference else ""
    if payment.method == PaymentMethod.CHEQUE.value and payment.cheque_due_on is not None:
        due = format_date(payment.cheque_due_on)
        bank = payment.cheque_bank or ""
        bank = bank if bank.startswith("بانک") else f"بانک {bank}"  # typed with or without it
        details = f"چک شماره {payment.cheque_number} {bank} سررسید {due}"
    event = uow.billing.cheque_event(payment.id)
    bounced = event is not None and event.kind == ChequeState.BOUNCED.value
    applied_to = row.applied_to
    if bounced:  # what it was for, though the bounce took it back
        applied_to = "، ".join(
            number_text(i.series, i.fiscal_year or 0, i.number or 0)
            for i in uow.billing.invoices_paid_by(payment.id)
        )
    return ReceiptDocument(
        kind="refund" if payment.direction == "out" else "receipt",
        bounced_on=today_local(event.at) if bounced and event is not None else None,
        bounce_reason=event.reason if bounced and event is not None else "",
        number=row.number,
        received_on=payment.received_on,
        company=seller(uow),
        payer_name=row.subscriber_name,
        subscription_code=row.subscription_code,
        method=method,
        details=details,
        amount=payment.amount,
        amount_in_words=amount_in_words(payment.amount),
        applied_to=applied_to,
        unapplied=row.unapplied,
        note=payment.note,
        received_by=received_by,
    )


class BillingDocuments:
    """PDF bytes of invoices, receipts and statements, for preview, printing and the CLI."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def invoice_document(self, actor: Actor, invoice_id: int) -> InvoiceDocument:
        require(actor, Permission.VIEW_BILLING)
        rows = printable_invoice(self._db, invoice_id=invoice_id)  # Core reads: no ORM loaded
        if rows is None:
            raise NotFound("invoice", invoice_id)
        return invoice_document_of(rows)

    def invoice_pdf(self, actor: Actor, invoice_id: int) -> bytes:
        from hendazh_desktop.reports.invoice_pdf import (
            render_invoice,
        )

        return render_invoice(self.invoice_document(actor, invoice_id))

    def invoice_pdf_by_number(self, actor: Actor, number: str) -> bytes:
        require(actor, Permission.VIEW_BILLING)
        rows = printable_invoice(self._db, number=parse_number(number))
        if rows is None:
            raise NotFound("invoice", number)
        from hendazh_desktop.reports.invoice_pdf import (
            render_invoice,
        )

        return render_invoice(invoice_document_of(rows))

    def receipt_pdf(self, actor: Actor, payment_id: int) -> bytes:
        require(actor, Permission.VIEW_BILLING)
        with self._db.read() as uow:
            payment = uow.billing.payment(payment_id)
            if payment is None:
                raise NotFound("payment", payment_id)
            user = uow.users.get(payment.recorded_by)
            document = receipt_document(uow, payment, user.full_name if user else "")
        from hendazh_desktop.reports.receipt_pdf import (
            render_receipt,
        )

        return render_receipt(document)

    def statement_document(
        self, actor: Actor, subscriber_id: int, *, today: dt.date | None = None
    ) -> StatementDocument:
        require(actor, Permission.VIEW_BILLING)
        day = today or today_local(self._clock())
        from hendazh_desktop.services.billing.queries import build_statement

        with self._db.read() as uow:
            statement = build_statement(uow, subscriber_id, day)
            company = seller(uow)
        return StatementDocument(
            company=company,
            subscriber_name=statement.subscriber_name,
            subscription_code=statement.subscription_code,
            printed_on=day,
            entries=tuple(x for x in statement.lines),
            balance=statement.balance,
            ageing=statement.ageing,
        )

    def statement_pdf(self, actor: Actor, subscriber_id: int) -> bytes:
        from hendazh_desktop.reports.statement_pdf import (
            render_statement,
        )

        return render_statement(self.statement_document(actor, subscriber_id))
