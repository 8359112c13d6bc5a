"""The printed invoice is read with SQLAlchemy Core: it says what the invoicing view's ORM
detail says, and ``hendazh invoice pdf`` loads no ORM, no mapped class and no Alembic."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "services"))

from billing_helpers import Office, op
from test_billing_pdfs import assert_has, pdf_text

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.services.accounts.users import UserService
from hendazh_desktop.services.billing.documents import BillingDocuments
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.billing.records import PaymentDraft

PROBE = """
import json, sys
from hendazh_desktop.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""
# What printing must never load: the ORM, any feature's mapped classes, the repositories
# built on them, Alembic's machinery, and the GUI.
FORBIDDEN = (
    "sqlalchemy.orm",
    "hendazh_desktop.db.models",
    "hendazh_desktop.db.repositories",
    "alembic",
    "PySide6",
)


def _credited_invoice(db: Database, accountant: Actor, manager: Actor) -> tuple[int, int]:
    """An invoice paid by a cheque that bounced and by cash, then credited: every kind of
    settlement line and both references. Returns the invoice's and the credit note's ids."""
    office = Office(db, manager, name="مهناز فسایی")
    invoices, payments = InvoiceService(db), PaymentService(db)
    draft = invoices.draft_final(accountant, office.done())
    issued = invoices.issue(
        accountant, draft.row.id, operation_id=op(), expected_version=draft.row.version
    )
    cheque = payments.record_payment(
        accountant,
        PaymentDraft(
            op(),
            office.card.id,
            "cheque",
            "100,000",
            cheque_number="778899",
            cheque_bank="بانک ملت",
            cheque_due_on="1404/10/01",
            invoice_id=issued.row.id,
        ),
    )
    payments.bounce_cheque(accountant, cheque.id, "کسری موجودی", operation_id=op())
    payments.record_payment(
        accountant, PaymentDraft(op(), office.card.id, "cash", "200,000", invoice_id=issued.row.id)
    )
    note = invoices.credit_note(accountant, issued.row.id, "مبلغ اشتباه", operation_id=op())
    return issued.row.id, note.row.id


def test_the_printed_invoice_says_what_the_invoice_detail_says(db, accountant, manager):
    invoice_id, note_id = _credited_invoice(db, accountant, manager)
    invoices, documents = InvoiceService(db), BillingDocuments(db)
    for document_id in (invoice_id, note_id):
        detail = invoices.detail(accountant, document_id)  # the ORM read of the view
        printed = documents.invoice_document(accountant, document_id)
        assert printed.number == detail.row.number
        assert printed.lines == detail.lines
        assert (printed.gross, printed.discount, printed.net, printed.vat, printed.total) == (
            detail.gross,
            detail.discount,
            detail.net,
            detail.vat,
            detail.row.total,
        )
        if detail.row.kind == "credit_note":
            assert printed.settlements == () and printed.balance_due == 0
            assert printed.references == f"برگشت صورتحساب شماره {detail.credits_number}"
        else:
            assert [(s.label, s.amount) for s in printed.settlements] == [
                (s.label, s.amount) for s in detail.settlements
            ]
            assert len(printed.settlements) >= 4  # cheque, its bounce, cash, credit note
            assert printed.balance_due == detail.row.balance
            assert detail.credited_by in printed.references
    assert printed.buyer.name == "مهناز فسایی" and printed.buyer.subscription_code


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_printing_from_the_command_line_loads_no_orm_and_no_feature_models(
    db, accountant, manager, tmp_path
):
    invoice_id, _ = _credited_invoice(db, accountant, manager)
    UserService(db).system_actor()  # the command-line account exists (as after a first chore)
    document = BillingDocuments(db).invoice_document(accountant, invoice_id)
    url = db.engine.url.render_as_string(hide_password=False)
    pdf = tmp_path / "invoice.pdf"
    env = {key: value for key, value in os.environ.items() if key != "HENDAZH_DB"}
    env["HENDAZH_DATA_DIR"] = str(tmp_path / "data")
    argv = ["--db", url, "invoice", "pdf", document.number, "-o", str(pdf)]
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] == 0
    loaded = {
        name
        for name in report["modules"]
        if name.startswith(FORBIDDEN)
        or (name.startswith("hendazh_desktop.") and name.endswith(".handlers"))
    }
    assert not loaded, sorted(loaded)
    assert "reportlab" in report["modules"]  # it did print
    printed = pdf_text(pdf.read_bytes(), tmp_path, "cli")
    assert printed == pdf_text(BillingDocuments(db).invoice_pdf(accountant, invoice_id), tmp_path)
    # Bidi reorders a label's parts on the line: look for the parts.
    assert_has(printed, "مهناز فسایی", "برگشت چک", "۷۷۸۸۹۹", "بازگشت رسید", "ابطال شده است")
