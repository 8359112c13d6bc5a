"""VAT as one dated schedule per service: a rate or an exemption, each from a Jalali day."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import unicodedata

import pytest
from billing_helpers import Office, op
from test_catalogue import draft_of

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.services.billing.documents import BillingDocuments
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.catalogue.catalogue import CatalogueService

LATER = dt.datetime(2026, 1, 5, 7, 0, tzinfo=dt.UTC)  # 1404/10/15; the fixture's today is 09/04


@pytest.fixture
def office(db, manager, clock):
    return Office(db, manager, clock=clock)


def issue_final(db, accountant, clock, request_id):
    invoices = InvoiceService(db, clock=clock)
    draft = invoices.draft_final(accountant, request_id)
    return invoices.issue(
        accountant, draft.row.id, operation_id=op(), expected_version=draft.row.version
    )


def test_an_exemption_dated_later_leaves_earlier_invoices_taxed(
    db, manager, accountant, clock, office
):
    plumbing = office.services["PLB"]
    catalogue = CatalogueService(db, clock=clock)
    catalogue.update_service(
        manager,
        plumbing.id,
        draft_of(plumbing, vat_exempt=True, vat_effective_from="1404/10/01"),
        expected_version=plumbing.version,
    )
    first, second = office.done("PLB"), office.done("PLB")
    before = issue_final(db, accountant, clock, first)
    assert (before.net, before.vat) == (800_000, 80_000)  # 100,000 rials not lost
    assert not before.lines[0].vat_exempt
    clock.now = LATER
    after = issue_final(db, accountant, clock, second)
    assert after.vat == 0 and after.lines[0].vat_exempt


def test_the_catalogue_shows_todays_rate_and_the_whole_schedule(db, manager, clock, office):
    plumbing = office.services["PLB"]
    catalogue = CatalogueService(db, clock=clock)
    saved = catalogue.update_service(
        manager,
        plumbing.id,
        draft_of(plumbing, vat_percent="12", vat_effective_from="1404/10/01"),
        expected_version=plumbing.version,
    )
    assert (saved.vat_rate_bp, saved.vat_exempt) == (1000, False)  # 12% is not in force yet
    schedule = catalogue.vat_schedule(manager, plumbing.id)
    assert [(e.vat_bp, e.exempt) for e in schedule] == [(1200, False), (1000, False)]
    assert schedule[0].effective_from == dt.date(2025, 12, 22)  # 1404/10/01
    with db.engine.connect() as conn:  # the audit names the entry, not a stale service column
        after = json.loads(
            conn.exec_driver_sql(
                "SELECT after_json FROM audit_log WHERE entity = 'service' ORDER BY id DESC"
            ).scalar()
        )
    assert (after["vat_from"], after["vat_term"]) == ("۱۴۰۴/۱۰/۰۱", "۱۲٪")
    assert "vat_rate_bp" not in after
    clock.now = LATER
    today = {s.code: s for s in catalogue.services(manager)}["PLB"]
    assert today.vat_rate_bp == 1200


def test_an_entry_contradicting_a_later_one_is_refused_with_its_reason(db, manager, clock, office):
    plumbing = office.services["PLB"]
    catalogue = CatalogueService(db, clock=clock)
    saved = catalogue.update_service(
        manager,
        plumbing.id,
        draft_of(plumbing, vat_percent="12", vat_effective_from="1404/10/01"),
        expected_version=plumbing.version,
    )
    with pytest.raises(ValidationError) as later:
        catalogue.update_service(
            manager,
            plumbing.id,
            draft_of(saved, vat_percent="9", vat_effective_from="1404/09/20"),
            expected_version=saved.version,
        )
    assert later.value.field == "vat_effective_from" and later.value.code == "vat_later_entry"
    assert later.value.params == {"day": "۱۴۰۴/۱۰/۰۱", "term": "۱۲٪"}
    with pytest.raises(ValidationError) as past:
        catalogue.update_service(
            manager,
            plumbing.id,
            draft_of(saved, vat_percent="10", vat_exempt=False, vat_effective_from="1404/01/01"),
            expected_version=saved.version,
        )
    assert past.value.code == "vat_day_past"
    assert len(catalogue.vat_schedule(manager, plumbing.id)) == 2  # nothing written


def test_an_exempt_service_invoiced_before_its_taxable_day_prints_exempt(
    db, manager, accountant, clock, office, tmp_path
):
    school = office.services["EDU"]
    catalogue = CatalogueService(db, clock=clock)
    catalogue.update_service(
        manager,
        school.id,
        draft_of(school, vat_exempt=False, vat_percent="9", vat_effective_from="1404/10/01"),
        expected_version=school.version,
    )
    assert catalogue.services(manager)[8].vat_exempt  # exempt until 1404/10/01
    request_id = office.new_request("EDU")
    invoices = InvoiceService(db, clock=clock)
    status = invoices.money_status(accountant, request_id)
    assert status.prepayment_invoice_id is not None
    detail = invoices.detail(accountant, status.prepayment_invoice_id)
    assert detail.vat == 0 and detail.lines[0].vat_exempt
    pdf = BillingDocuments(db, clock=clock).invoice_pdf(accountant, detail.row.id)
    path = tmp_path / "edu.pdf"
    path.write_bytes(pdf)
    text = unicodedata.normalize(
        "NFKC", subprocess.run(["pdftotext", str(path), "-"], capture_output=True).stdout.decode()
    )
    assert "معاف" in text


def test_other_changes_are_saved_while_a_later_rate_waits(db, manager, clock, office):
    plumbing = office.services["PLB"]
    catalogue = CatalogueService(db, clock=clock)
    saved = catalogue.update_service(
        manager,
        plumbing.id,
        draft_of(plumbing, vat_percent="12", vat_effective_from="1404/10/01"),
        expected_version=plumbing.version,
    )
    renamed = catalogue.update_service(
        manager,
        plumbing.id,
        draft_of(saved, name="لوله‌کشی"),  # the dialog shows today's 10%, untouched
        expected_version=saved.version,
    )
    assert renamed.name == "لوله‌کشی" and renamed.vat_rate_bp == 1000
    assert len(catalogue.vat_schedule(manager, plumbing.id)) == 2
