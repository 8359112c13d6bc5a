"""An invoice or credit note as printed, read with SQLAlchemy Core (``db.document_reads``): the
one path for the window's preview and ``hendazh invoice pdf``, which thus loads neither the ORM
nor any feature's mapped classes."""

from __future__ import annotations

from typing import Any

from hendazh_desktop.db.document_reads import Buyer, InvoiceRows
from hendazh_desktop.domain.billing import (
    METHOD_LABELS,
    TERMS_LABELS,
    ChequeState,
    InvoiceKind,
    PaymentMethod,
    PaymentTerms,
    amount_in_words,
    number_text,
)
from hendazh_desktop.domain.billing_records import line_of
from hendazh_desktop.domain.jalali import format_date, today_local
from hendazh_desktop.domain.phones import parse_phone
from hendazh_desktop.domain.text import to_persian_digits
from hendazh_desktop.reports.document_data import InvoiceDocument, Party, Settlement
from hendazh_desktop.services.accounts.office_settings import OfficeSettings, settings_from

TITLES = {
    InvoiceKind.PREPAYMENT: "صورتحساب فروش کالا و خدمات (پیش‌پرداخت)",
    InvoiceKind.FINAL: "صورتحساب فروش کالا و خدمات",
    InvoiceKind.CREDIT_NOTE: "اعلامیه برگشت از فروش",
}


def _number(series: str | None, year: int | None, number: int | None) -> str:
    if series is None or year is None or number is None:
        return ""
    return number_text(series, year, number)


def seller_of(office: OfficeSettings) -> Party:
    """The office as the seller printed on every document."""
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


def _buyer(buyer: Buyer, office: OfficeSettings) -> Party:
    subscriber, address = buyer.subscriber, buyer.address
    text = ""
    if address is not None:
        text = f"{address.text} — {address.zone_name}" if address.zone_name else address.text
    return Party(
        name=subscriber.name,
        national_id=subscriber.national_code or "",
        province=office.province,
        city=office.city,
        postal_code=(address.postal_code or "") if address is not None else "",
        address=text,
        phone=parse_phone(buyer.phone).display() if buyer.phone else "",
        subscription_code=subscriber.code,
    )


def _settlement_label(s: Any) -> str:
    """What moved money onto the invoice; a reversal is named for what reversed it (a bounced
    cheque, a credit note sending the receipt back to credit), not as the original receipt."""
    if s.payment_id is not None:
        number = number_text(s.series, s.fiscal_year, s.number)
        if s.reverses_id is not None:
            if s.event_kind == ChequeState.BOUNCED.value:
                cheque = to_persian_digits(s.cheque_number or "")
                return f"برگشت چک {cheque} — رسید {number} ({format_date(today_local(s.event_at))})"
            return f"بازگشت رسید {number} به بستانکاری مشترک"
        return f"رسید {number} — {METHOD_LABELS[PaymentMethod(s.method)]}"
    return f"اعلامیه برگشت {_number(s.note_series, s.note_year, s.note_number)}"


def invoice_document_of(rows: InvoiceRows) -> InvoiceDocument:
    """The printable invoice of its rows (``db.document_reads.printable_invoice``)."""
    office = settings_from(rows.settings)
    invoice = rows.invoice
    kind = InvoiceKind(invoice.kind)
    settlements = tuple(
        Settlement(_settlement_label(s), s.amount)
        for s in rows.settlements
        if kind is not InvoiceKind.CREDIT_NOTE
    )
    terms = TERMS_LABELS[PaymentTerms(invoice.terms)]
    if invoice.terms == PaymentTerms.CREDIT.value and invoice.due_on is not None:
        terms += f" — سررسید {format_date(invoice.due_on)}"
    credits = _number(*rows.credits) if rows.credits is not None else ""
    references = f"برگشت صورتحساب شماره {credits}" if credits else ""
    credited_by = _number(*rows.credited_by) if rows.credited_by is not None else ""
    if credited_by:
        references = f"این صورتحساب با اعلامیه برگشت {credited_by} ابطال شده است"
    return InvoiceDocument(
        title=TITLES[kind],
        number=_number(invoice.series, invoice.fiscal_year, invoice.number),
        issued_on=invoice.issued_on,
        seller=seller_of(office),
        buyer=_buyer(rows.buyer, office),
        lines=tuple(line_of(x) for x in rows.lines),
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
        balance_due=(invoice.balance or 0) if kind is not InvoiceKind.CREDIT_NOTE else 0,
        amount_in_words=amount_in_words(invoice.total),
        footer=office.invoice_footer,
        logo_png=office.logo,
        draft=invoice.issued_at is None,
        tax_number=invoice.tax_number or "",
    )
