"""Documents built from the database: a refund is a payment voucher, a bounced cheque's
receipt reprints marked «برگشتی» with its day, and on the invoice the reversal has its own
label instead of a negative under the original receipt's."""

from __future__ import annotations

import re
import subprocess
import unicodedata

import pytest
from billing_helpers import Office, op

from hendazh_desktop.services.billing.documents import BillingDocuments
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.billing.records import PaymentDraft


@pytest.fixture
def office(db, manager, clock):
    return Office(db, manager, clock=clock)


def text_of(pdf: bytes, tmp_path, name: str) -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", out.stdout.decode()))


def test_refund_voucher_bounced_receipt_and_the_reversals_label(
    db, accountant, clock, office, tmp_path
):
    invoices = InvoiceService(db, clock=clock)
    payments = PaymentService(db, clock=clock)
    documents = BillingDocuments(db, clock=clock)
    invoice_id = invoices.money_status(accountant, office.new_request("EDU")).prepayment_invoice_id
    cheque = payments.record_payment(
        accountant,
        PaymentDraft(
            op(),
            office.card.id,
            "cheque",
            "25,000,000",
            cheque_number="778899",
            cheque_bank="بانک ملت",
            cheque_due_on="1404/10/01",
            invoice_id=invoice_id,
        ),
    )
    payments.bounce_cheque(accountant, cheque.id, "کسری موجودی", operation_id=op())
    bounced = text_of(documents.receipt_pdf(accountant, cheque.id), tmp_path, "bounced")
    assert "برگشتی" in bounced and "۱۴۰۴/۰۹/۰۴" in bounced and "کسریموجودی" in bounced
    assert "بانکملت" in bounced and "بانکبانک" not in bounced
    invoice_number = invoices.detail(accountant, invoice_id).row.number
    shown = invoice_number.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert re.search(f"(?<!RCP-){shown}", bounced), bounced  # what it was for: the invoice

    labels = [s.label for s in invoices.detail(accountant, invoice_id).settlements]
    assert labels[0].startswith("رسید") and labels[1].startswith("برگشت چک ۷۷۸۸۹۹")

    payments.record_payment(accountant, PaymentDraft(op(), office.card.id, "cash", "30,000,000"))
    refund = payments.refund(accountant, office.card.id, "1,000,000", "cash", "", operation_id=op())
    voucher = text_of(documents.receipt_pdf(accountant, refund.id), tmp_path, "refund")
    assert "رسیدپرداختوجه" in voucher and "پرداختبه" in voucher
    assert "رسیددریافتوجه" not in voucher and "دریافتاز" not in voucher
