"""The printed invoice of a real job: issued through the services, printed from the database,
read back with pdftotext, and its totals recomputed independently from the stored lines."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).parents[1] / "services"))

from billing_helpers import LABOUR, MATERIAL, Office, op
from test_billing_pdfs import assert_has, pdf_text

from hendazh_desktop.domain.billing import amount_in_words
from hendazh_desktop.domain.money import format_number
from hendazh_desktop.domain.text import to_persian_digits
from hendazh_desktop.services.billing.documents import BillingDocuments
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.billing.records import DraftChanges, PaymentDraft

NOTE = '<b>گارانتی</b> سه ماه & <img src="/etc/passwd"/>'
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def test_printed_invoice_matches_an_independent_recomputation(db, accountant, manager, tmp_path):
    office = Office(db, manager, name="مهناز فسایی")
    request_id = office.agreed("PLB", (LABOUR, MATERIAL))
    invoices = InvoiceService(db)
    asked = invoices.ask_materials_prepayment(accountant, request_id)
    PaymentService(db).record_payment(
        accountant,
        PaymentDraft(
            op(), office.card.id, "card_to_card", str(asked), "4455", request_id=request_id
        ),
    )
    office.start_and_finish(request_id)
    draft = invoices.draft_final(accountant, request_id)
    draft = invoices.update_draft(
        accountant,
        draft.row.id,
        DraftChanges(("35,555", ""), "cash", "", NOTE),
        expected_version=draft.row.version,
    )
    issued = invoices.issue(
        accountant, draft.row.id, operation_id=op(), expected_version=draft.row.version
    )
    PaymentService(db).record_payment(
        accountant,
        PaymentDraft(op(), office.card.id, "cash", "1,000,000", invoice_id=issued.row.id),
    )
    pdf = BillingDocuments(db).invoice_pdf(accountant, issued.row.id)
    (tmp_path / "invoice.pdf").write_bytes(pdf)
    printed = pdf_text(pdf, tmp_path)

    with db.engine.connect() as conn:
        lines = conn.execute(
            text(
                "SELECT quantity, unit_price, discount, vat_bp, vat_exempt FROM invoice_lines "
                "WHERE invoice_id = :id ORDER BY position"
            ),
            {"id": issued.row.id},
        ).all()
        paid = conn.execute(
            text("SELECT coalesce(sum(amount), 0) FROM allocations WHERE invoice_id = :id"),
            {"id": issued.row.id},
        ).scalar_one()
    gross = sum(q * p for q, p, *_ in lines)
    discount = sum(d for _, _, d, *_ in lines)
    vat = sum(0 if exempt else (q * p - d) * bp // 10_000 for q, p, d, bp, exempt in lines)
    total = gross - discount + vat
    assert (gross, discount, total) == (issued.gross, issued.discount, issued.row.total)
    for value in (gross, discount, gross - discount, vat, total, total - paid):
        assert format_number(value) in printed, value
    for q, p, d, bp, _ in lines:
        net = q * p - d
        for value in (p, q * p, net, net * bp // 10_000, net + net * bp // 10_000):
            assert format_number(value) in printed, value
    assert_has(
        printed,
        to_persian_digits(issued.row.number),
        "مهناز فسایی",
        "گارانتی",
        "/etc/passwd",  # the markup is printed as text, not obeyed
        office.card.code and to_persian_digits(office.card.code),
        amount_in_words(total),
    )
    assert "\u202e" not in printed
    assert b"/Subtype /Image" not in pdf  # no file was embedded by the hostile note
    assert b"/Subtype /Image" not in pdf  # no file was embedded by the hostile note

    png = tmp_path / "page"
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-r", "50", "-png", str(tmp_path / "invoice.pdf"), str(png)], check=True
        )
        assert list(tmp_path.glob("page*.png"))
