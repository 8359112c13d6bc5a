"""Every free text a user types in the money and pricing forms is stored through the one
normaliser: Arabic ي/ك become Persian, bidi controls (a stored RLO) and doubled spaces go."""

from __future__ import annotations

import pytest
from billing_helpers import LABOUR, Office, op

from hendazh_desktop.domain.text import normalize_display
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.billing.records import DraftChanges, PaymentDraft
from hendazh_desktop.services.dispatch.pricing import LineDraft, PricingService

RAW = "تعويض  شير\u202e كولر"  # Arabic ي and ك, an RLO, a doubled space
CLEAN = "تعویض شیر کولر"


@pytest.fixture
def office(db, manager):
    return Office(db, manager)


def stored(db, sql: str) -> list[str]:
    with db.engine.connect() as conn:
        return [row[0] for row in conn.exec_driver_sql(sql)]


def test_the_expected_form_is_the_normalisers():
    assert normalize_display(RAW) == CLEAN


def test_price_line_descriptions_are_normalised_before_storing(db, office):
    office.agreed("PLB", (LineDraft("labour", RAW, "1", "500000"), LABOUR))
    assert stored(db, "SELECT description FROM price_lines ORDER BY id")[0] == CLEAN


def test_the_person_who_declined_is_normalised(db, manager, office):
    request_id = office.agreed("PLB")
    pricing = PricingService(db)
    price = pricing.present_price(
        manager, request_id, [LABOUR], expected_version=office.version(request_id), note=RAW
    )
    pricing.decline(
        manager,
        request_id,
        price.version,
        reason=RAW,
        outcome="requeue",
        person="مري\u202eم  كاظمي",
        expected_version=office.version(request_id),
    )
    assert stored(db, "SELECT person FROM agreements WHERE decision = 'declined'") == ["مریم کاظمی"]
    assert stored(db, "SELECT reason FROM agreements WHERE decision = 'declined'") == [CLEAN]
    assert stored(db, "SELECT note FROM price_versions ORDER BY id DESC LIMIT 1") == [CLEAN]


def test_billing_texts_are_normalised(db, accountant, office):
    invoices, payments = InvoiceService(db), PaymentService(db)
    draft = invoices.draft_final(
        accountant, office.done("PLB", (LineDraft("labour", RAW, "1", "900000"),))
    )
    changed = invoices.update_draft(
        accountant,
        draft.row.id,
        DraftChanges(discounts=("",), notes=RAW),
        expected_version=draft.row.version,
    )
    assert changed.lines[0].description == CLEAN and changed.notes == CLEAN
    payments.record_payment(
        accountant,
        PaymentDraft(
            op(),
            office.card.id,
            "cheque",
            "100000",
            cheque_number="123456",
            cheque_bank="بانك ملي\u202e",
            cheque_due_on="1405/01/15",
            note=RAW,
        ),
    )
    assert stored(db, "SELECT cheque_bank FROM payments") == ["بانک ملی"]
    assert stored(db, "SELECT note FROM payments") == [CLEAN]
