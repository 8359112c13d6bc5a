"""The printed billing documents: an invoice, a receipt, a statement, built from the database.
The PDF renderers are imported when first used: ReportLab loads when something is printed,
not when the window starts."""

from __future__ import annotations

import datetime as dt

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.models.billing import Invoice, Payment
from hendazh_desktop.domain.billing import (
    METHOD_LABELS,
    TERMS_LABELS,
    ChequeState,
    InvoiceKind,
    PaymentMethod,
    PaymentTerms,
    amount_in_words,
    number_text,
    parse_number,
)
from hendazh_desktop.domain.errors import NotFound
from hendazh_desktop.domain.jalali import format_date, today_local
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.phones import parse_phone
from hendazh_desktop.reports.document_data import (
    InvoiceDocument,
    Party,
    ReceiptDocument,
    Settlement,
    StatementDocument,
)
from hendazh_desktop.services.accounts.settings import OfficeSettings, load_settings
from hendazh_desktop.services.billing.queries import build_statement, detail_of, payment_row_of
from hendazh_desktop.services.clock import Clock, system_clock

TITLES = {
    InvoiceKind.PREPAYMENT: "صورتحساب فروش کالا و خدمات (پیش‌پرداخت)",
    InvoiceKind.FINAL: "صورتحساب فروش کالا و خدمات",
    InvoiceKind.CREDIT_NOTE: "اعلامیه برگشت از فروش",
}


def seller(uow: UnitOfWork, office: OfficeSettings | None = None) -> Party:
    office = office or load_settings(uow)
    return Party(
        name=office.legal_name or "هنداژمون",
        economic_code=office.economic_code,
        national_id=office.national_id,
        registration_number=office.registration_number,
        province=office.province,
        city=office.city,
        postal_code=office.postal_code,
        address=office.address,
        phone=office.phone,
    )


def _buyer(uow: UnitOfWork, invoice: Invoice, office: OfficeSettings) -> Party:
    subscriber = uow.subscribers.get(invoice.subscriber_id)
    assert subscriber is not None
    address = None
    if invoice.request_id is not None:
        request = uow.requests.get(invoice.request_id)
        if request is not None and request.address_id is not None:
            address = uow.subscribers.address(request.address_id)
    if address is None:
        address = next((a for a in subscriber.addresses if a.active), None)
    zone = uow.catalogue.zone(address.zone_id) if address is not None else None
    phone = subscriber.phones[0].number if subscriber.phones else ""
    return Party(
        name=subscriber.name,
        national_id=subscriber.national_code or "",
        province=office.province,
        city=office.city,
        postal_code=(address.postal_code or "") if address is not None else "",
        address=(f"{address.text} — {zone.name}" if zone else address.text) if address else "",
        phone=parse_phone(phone).display() if phone else "",
        subscription_code=subscriber.code,
    )


def invoice_document(uow: UnitOfWork, invoice: Invoice) -> InvoiceDocument:
    detail = detail_of(uow, invoice)
    office = load_settings(uow)
    kind = InvoiceKind(invoice.kind)
    settlements = tuple(
        Settlement(s.label, s.amount)
        for s in detail.settlements
        if kind is not InvoiceKind.CREDIT_NOTE
    )
    terms = TERMS_LABELS[PaymentTerms(invoice.terms)]
    if invoice.terms == PaymentTerms.CREDIT.value and invoice.due_on is not None:
        terms += f" — سررسید {format_date(invoice.due_on)}"
    references = f"برگشت صورتحساب شماره {detail.credits_number}" if detail.credits_number else ""
    if detail.credited_by:
        references = f"این صورتحساب با اعلامیه برگشت {detail.credited_by} ابطال شده است"
    return InvoiceDocument(
        title=TITLES[kind],
        number=detail.row.number,
        issued_on=invoice.issued_on,
        seller=seller(uow, office),
        buyer=_buyer(uow, invoice, office),
        lines=detail.lines,
        gross=invoice.gross,
        discount=invoice.discount,
        net=invoice.net,
        vat=invoice.vat,
        total=invoice.total,
        terms=terms,
        request_number=str(invoice.request_id or ""),
        references=references,
        notes=invoice.notes,
        settlements=settlements,
        balance_due=detail.row.balance if kind is not InvoiceKind.CREDIT_NOTE else 0,
        amount_in_words=amount_in_words(invoice.total),
        footer=office.invoice_footer,
        logo_png=office.logo,
        draft=invoice.issued_at is None,
        tax_number=invoice.tax_number or "",
    )


def receipt_document(uow: UnitOfWork, payment: Payment, received_by: str) -> ReceiptDocument:
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
        with self._db.read() as uow:
            invoice = uow.billing.invoice(invoice_id)
            if invoice is None:
                raise NotFound("invoice", invoice_id)
            return invoice_document(uow, invoice)

    def invoice_pdf(self, actor: Actor, invoice_id: int) -> bytes:
        from hendazh_desktop.reports.invoice_pdf import (
            render_invoice,
        )

        return render_invoice(self.invoice_document(actor, invoice_id))

    def invoice_pdf_by_number(self, actor: Actor, number: str) -> bytes:
        require(actor, Permission.VIEW_BILLING)
        series, year, value = parse_number(number)
        with self._db.read() as uow:
            invoice = uow.billing.invoice_by_number(series, year, value)
            if invoice is None:
                raise NotFound("invoice", number)
            document = invoice_document(uow, invoice)
        from hendazh_desktop.reports.invoice_pdf import (
            render_invoice,
        )

        return render_invoice(document)

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
