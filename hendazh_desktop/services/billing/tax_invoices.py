"""The invoices and credit notes of a Jalali range as the taxpayers' system's JSON (سامانه مودیان),
for the accountant to submit with the official tool: nothing is sent from here.

Each document is checked against the structure (``domain.tax_invoice.validate``) before the
file is written; a document without a tax number (issued before the memory ID was set) or
whose service has no 13-digit ID is named, and no file is written until each is put right.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hendazh_desktop.db.database import Database
from hendazh_desktop.db.models.billing import Invoice
from hendazh_desktop.db.repositories import tax_invoices as rows
from hendazh_desktop.domain.billing import InvoiceKind, number_text
from hendazh_desktop.domain.errors import Conflict, ValidationError
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.tax_invoice import TaxInvoice, TaxLine, TaxPayment, packet, validate
from hendazh_desktop.services.accounts.settings import load_settings
from hendazh_desktop.services.files import write_private_file


@dataclass(frozen=True, slots=True)
class TaxExport:
    """The documents of a range as the system's JSON, and those that could not be made."""

    first: dt.date
    last: dt.date
    documents: tuple[dict[str, Any], ...]
    problems: tuple[str, ...]  # «1404-000012: …», one per document that cannot be sent

    @property
    def ok(self) -> bool:
        return not self.problems


class TaxInvoiceExport:
    """Builds, checks and writes the JSON of a range of issued documents."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def build(self, actor: Actor, first: dt.date, last: dt.date) -> TaxExport:
        """Every invoice and credit note issued from ``first`` to ``last`` (Tehran days)."""
        require(actor, Permission.ISSUE_INVOICES)  # the accountant's submission, not a clerk's
        if last < first:
            raise ValidationError("date_to", "date_range_reversed")
        with self._db.read() as uow:
            session = uow.session
            seller = load_settings(uow).economic_code
            issued = rows.issued_between(session, first, last)
            originals = rows.tax_numbers(
                session, {i.credits_invoice_id for i in issued if i.credits_invoice_id}
            )
            services = rows.service_tax_ids(session)
            buyers = rows.buyers(session, {i.subscriber_id for i in issued})
            paid = rows.payments_applied(session, {i.id for i in issued})
            documents, problems = [], []
            for invoice in issued:
                name = number_text(invoice.series, invoice.fiscal_year or 0, invoice.number or 0)
                try:
                    document = packet(
                        _tax_invoice(invoice, seller, originals, services, buyers, paid)
                    )
                except _Missing as missing:
                    problems.append(f"{name}: {missing}")
                    continue
                found = validate(document)
                if found:
                    problems.append(f"{name}: {'; '.join(found)}")
                documents.append(document)
        return TaxExport(first, last, tuple(documents), tuple(problems))

    def write(self, actor: Actor, first: dt.date, last: dt.date, target: Path) -> TaxExport:
        """Build the range and write it as one JSON array (UTF-8); refused, with nothing
        written, while any document cannot be sent."""
        export = self.build(actor, first, last)
        if not export.ok:
            raise Conflict("tax_export_incomplete", count=len(export.problems))
        text = json.dumps(list(export.documents), ensure_ascii=False, indent=1)
        write_private_file(target, text.encode("utf-8"))
        return export


class _Missing(Exception):
    """A document lacks what the system requires."""


def _tax_invoice(
    invoice: Invoice,
    seller: str,
    originals: dict[int, str | None],
    services: dict[int, str | None],
    buyers: dict[int, tuple[str, str]],
    paid: dict[int, list[Any]],
) -> TaxInvoice:
    if not invoice.tax_number:
        raise _Missing("شماره مالیاتی ندارد (پیش از ثبت شناسه حافظه مالیاتی صادر شده است)")
    if not seller:
        raise _Missing("کد اقتصادی فروشنده در تنظیمات نیست")
    service_id = services.get(invoice.service_id) if invoice.service_id else None
    if not service_id:
        raise _Missing("خدمت آن در فهرست خدمات شناسه ۱۳ رقمی سامانه مودیان ندارد")
    original = ""
    if invoice.kind == InvoiceKind.CREDIT_NOTE.value:
        original = originals.get(invoice.credits_invoice_id or 0) or ""
        if not original:
            raise _Missing("صورتحسابی که برمی‌گرداند شماره مالیاتی ندارد")
    national, postal = buyers.get(invoice.subscriber_id, ("", ""))
    assert invoice.issued_at is not None
    return TaxInvoice(
        tax_number=invoice.tax_number,
        issued_at=invoice.issued_at,
        created_at=invoice.created_at,
        seller_tin=seller,
        lines=tuple(
            TaxLine(
                service_id=service_id,
                description=line.description,
                quantity=line.quantity,
                unit_price=line.unit_price,
                discount=line.discount,
                vat_bp=0 if line.vat_exempt else line.vat_bp,
                vat=line.vat,
                total=line.total,
            )
            for line in invoice.lines
        ),
        on_credit=invoice.terms == "credit",
        buyer_national_code=national,
        buyer_postal_code=postal,
        original_tax_number=original,
        payments=tuple(
            TaxPayment(p.method, amount, p.received_at, p.reference)
            for p, amount in paid.get(invoice.id, [])
            if p.direction == "in"
        ),
    )
