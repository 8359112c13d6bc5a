"""سامانه مودیان: the memory ID in the settings, a service's 13-digit ID in the catalogue, the
tax number given at issue in the same transaction (valid, unique, on the PDF), and the JSON of a
range (a credit note as a return from sale naming the original) checked against the structure."""

from __future__ import annotations

import json
import subprocess
import unicodedata

import pytest
from billing_helpers import Office, op
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from test_catalogue import draft_of

from hendazh_desktop.domain.errors import Conflict, ValidationError, ValidationErrors
from hendazh_desktop.domain.jalali import today_local
from hendazh_desktop.domain.tax_id import days_since_epoch, tax_number_valid
from hendazh_desktop.domain.tax_invoice import validate
from hendazh_desktop.services.accounts.settings import SettingsService
from hendazh_desktop.services.billing.documents import BillingDocuments
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.billing.records import PaymentDraft
from hendazh_desktop.services.billing.tax_invoices import TaxInvoiceExport
from hendazh_desktop.services.catalogue.catalogue import CatalogueService

MEMORY = "A1B2C3"
SERVICE_ID = "2710000114789"


@pytest.fixture
def office(db, manager):
    return Office(db, manager)


def set_memory_id(db, actor, text: str):
    settings = SettingsService(db)
    current = settings.get()
    draft = draft_settings(current, tax_memory_id=text)
    return settings.update(actor, draft)


def draft_settings(current, **changes):
    from hendazh_desktop.services.accounts.settings import SettingsDraft

    fields = {
        "legal_name": current.legal_name,
        "economic_code": current.economic_code,
        "national_id": current.national_id,
        "registration_number": current.registration_number,
        "province": current.province,
        "city": current.city,
        "address": current.address,
        "postal_code": current.postal_code,
        "phone": current.phone,
        "display_currency": current.display_currency,
        "default_vat_percent": str(current.default_vat_bp / 100),
        "vat_rounding": current.vat_rounding,
        "invoice_footer": current.invoice_footer,
        "backup_dir": current.backup_dir,
        "backups_kept": str(current.backups_kept),
    }
    return SettingsDraft(**fields, **changes)


def set_service_id(db, actor, service, text: str):
    return CatalogueService(db).update_service(
        actor, service.id, draft_of(service, tax_service_id=text), expected_version=service.version
    )


def issue_final(db, actor, office):
    request_id = office.done()
    invoices = InvoiceService(db)
    draft = invoices.draft_final(actor, request_id)
    version = draft.row.version
    return invoices.issue(actor, draft.row.id, operation_id=op(), expected_version=version)


def tax_number_of(db, invoice_id):
    with db.read() as uow:
        return uow.billing.invoice(invoice_id).tax_number


def test_the_memory_id_and_the_service_id_are_checked_and_kept(db, manager, office):
    assert set_memory_id(db, manager, " a1b2c۳ ").tax_memory_id == MEMORY
    with pytest.raises((ValidationError, ValidationErrors)) as bad:
        set_memory_id(db, manager, "A1B2")
    assert "tax_memory_id_invalid" in str(bad.value.__dict__)
    assert SettingsService(db).get().tax_memory_id == MEMORY  # nothing written
    service = office.services["PLB"]
    saved = set_service_id(db, manager, service, "۲۷۱۰۰۰۰۱۱۴۷۸۹")
    assert saved.tax_service_id == SERVICE_ID
    with pytest.raises((ValidationError, ValidationErrors)):
        set_service_id(db, manager, saved, "12345")
    kept = next(s for s in CatalogueService(db).services(manager) if s.id == service.id)
    assert kept.tax_service_id == SERVICE_ID


def test_an_issued_invoice_and_its_credit_note_get_tax_numbers(db, manager, accountant, office):
    set_memory_id(db, manager, "")  # an office not yet registered with the system
    before = issue_final(db, accountant, office)
    assert tax_number_of(db, before.row.id) is None  # no memory ID: none given
    set_memory_id(db, manager, MEMORY)
    issued = issue_final(db, accountant, office)
    number = tax_number_of(db, issued.row.id)
    assert number and len(number) == 22 and tax_number_valid(number)
    assert number.startswith(MEMORY) and int(number[11:21], 16) == issued.row.id
    with db.read() as uow:
        issued_at = uow.billing.invoice(issued.row.id).issued_at
    assert int(number[6:11], 16) == days_since_epoch(issued_at)
    note = InvoiceService(db).credit_note(accountant, issued.row.id, "اشتباه", operation_id=op())
    note_number = tax_number_of(db, note.row.id)
    assert tax_number_valid(note_number) and note_number != number


def test_tax_numbers_are_unique_in_the_database(db, manager, accountant, office):
    set_memory_id(db, manager, MEMORY)
    first = issue_final(db, accountant, office)
    draft = InvoiceService(db).draft_final(accountant, office.done())
    with pytest.raises(IntegrityError), db.write() as uow:  # a draft may still change
        uow.session.execute(
            text("UPDATE invoices SET tax_number = :n WHERE id = :i"),
            {"n": tax_number_of(db, first.row.id), "i": draft.row.id},
        )


def test_the_tax_number_is_printed_on_the_invoice(db, manager, accountant, office, tmp_path):
    set_memory_id(db, manager, MEMORY)
    issued = issue_final(db, accountant, office)
    pdf = tmp_path / "invoice.pdf"
    pdf.write_bytes(BillingDocuments(db).invoice_pdf(accountant, issued.row.id))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    text = unicodedata.normalize("NFKC", text)
    assert tax_number_of(db, issued.row.id) in text
    assert "شماره مالیاتی" in text


def test_the_json_of_a_range_validates_and_returns_name_the_original(
    db, manager, accountant, office, tmp_path
):
    set_memory_id(db, manager, MEMORY)
    for code in ("PLB",):
        set_service_id(db, manager, office.services[code], SERVICE_ID)
    issued = issue_final(db, accountant, office)
    PaymentService(db).record_payment(
        accountant,
        PaymentDraft(op(), office.card.id, "card", str(issued.row.total), reference="778899",
                     invoice_id=issued.row.id),
    )  # fmt: skip
    other = issue_final(db, accountant, office)
    note = InvoiceService(db).credit_note(accountant, other.row.id, "اشتباه", operation_id=op())
    day = today_local()
    export = TaxInvoiceExport(db).build(accountant, day, day)
    assert export.ok, export.problems
    assert len(export.documents) == 3
    by_taxid = {d["header"]["taxid"]: d for d in export.documents}
    for document in export.documents:
        assert validate(document) == []
    paid = by_taxid[tax_number_of(db, issued.row.id)]
    assert paid["header"]["ins"] == 1 and paid["header"]["tbill"] == issued.row.total
    assert paid["payments"] == [
        {"pmt": 4, "pv": issued.row.total, "pdt": paid["payments"][0]["pdt"], "trn": "778899"}
    ]
    assert sum(line["tsstam"] for line in paid["body"]) == issued.row.total
    returned = by_taxid[tax_number_of(db, note.row.id)]
    assert returned["header"]["ins"] == 4
    assert returned["header"]["irtaxid"] == tax_number_of(db, other.row.id)
    target = tmp_path / "moadian.json"
    TaxInvoiceExport(db).write(accountant, day, day, target)
    assert json.loads(target.read_text(encoding="utf-8")) == list(export.documents)


def test_a_range_with_a_document_not_ready_writes_nothing(
    db, manager, accountant, office, tmp_path
):
    set_memory_id(db, manager, MEMORY)
    set_service_id(db, manager, office.services["PLB"], "")
    issue_final(db, accountant, office)  # its service has no 13-digit ID
    day = today_local()
    export = TaxInvoiceExport(db).build(accountant, day, day)
    assert not export.ok and "شناسه ۱۳ رقمی" in export.problems[0]
    with pytest.raises(Conflict):
        TaxInvoiceExport(db).write(accountant, day, day, tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()


def test_only_the_billing_roles_export_it(db, consultant):
    from hendazh_desktop.domain.errors import PermissionDenied

    day = today_local()
    with pytest.raises(PermissionDenied):
        TaxInvoiceExport(db).build(consultant, day, day)
