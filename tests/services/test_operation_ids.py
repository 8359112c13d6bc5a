"""Operation ids: a UUID, and a replay only ever returns the first result of the same action
with the same content; anything else sent under a used id is refused, nothing written."""

from __future__ import annotations

import dataclasses

import pytest
from billing_helpers import Office, op

from hendazh_desktop.domain.errors import Conflict, ValidationError
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.billing.records import PaymentDraft


@pytest.fixture
def office(db, manager):
    return Office(db, manager)


def count(db, table: str) -> int:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()


@pytest.mark.parametrize("bad", ["", "  ", "123", "not-a-uuid", "cancel-5", "0" * 36])
def test_an_operation_id_that_is_not_a_uuid_is_refused(db, accountant, office, bad):
    payments = PaymentService(db)
    with pytest.raises(ValidationError) as error:
        payments.record_payment(accountant, PaymentDraft(bad, office.card.id, "cash", "100000"))
    assert (error.value.field, error.value.code) == ("operation_id", "operation_id_invalid")
    with pytest.raises(ValidationError):
        payments.refund(accountant, office.card.id, "1000", "cash", "", operation_id=bad)
    assert count(db, "payments") == 0


def test_the_same_uuid_in_another_case_is_the_same_operation(db, accountant, office):
    payments = PaymentService(db)
    same = op()
    one = payments.record_payment(accountant, PaymentDraft(same, office.card.id, "cash", "100000"))
    two = payments.record_payment(
        accountant, PaymentDraft(same.upper(), office.card.id, "cash", "100000")
    )
    assert one.id == two.id and count(db, "payments") == 1


@pytest.mark.parametrize(
    "change",
    [{"amount": "200000"}, {"method": "card", "reference": "123456"}, {"other": True}],
)
def test_a_payment_replayed_with_other_content_is_refused(db, manager, accountant, office, change):
    change = dict(change)  # the parameter is shared by both databases' runs: never mutate it
    payments = PaymentService(db)
    other = Office(db, manager, name="رضا کازرونی", phone="09179876543")
    same = op()
    payments.record_payment(accountant, PaymentDraft(same, office.card.id, "cash", "100000"))
    subscriber = other.card.id if change.pop("other", False) else office.card.id
    draft = dataclasses.replace(PaymentDraft(same, subscriber, "cash", "100000"), **change)
    with pytest.raises(Conflict) as error:
        payments.record_payment(accountant, draft)
    assert error.value.code == "operation_replayed_differently"
    assert count(db, "payments") == 1


def test_an_id_used_by_one_kind_of_action_is_refused_for_another(db, accountant, office):
    payments, invoices = PaymentService(db), InvoiceService(db)
    paid = op()
    payments.record_payment(accountant, PaymentDraft(paid, office.card.id, "cash", "5000000"))
    with pytest.raises(Conflict) as refund:
        payments.refund(accountant, office.card.id, "5000000", "cash", "", operation_id=paid)
    assert refund.value.code == "operation_replayed_differently"
    draft = invoices.draft_final(accountant, office.done("PLB"))
    issued_with = op()
    issued = invoices.issue(
        accountant, draft.row.id, operation_id=issued_with, expected_version=draft.row.version
    )
    with pytest.raises(Conflict) as credit:  # was: returned the invoice as if credited
        invoices.credit_note(accountant, issued.row.id, "اشتباه", operation_id=issued_with)
    assert credit.value.code == "operation_replayed_differently"
    assert count(db, "invoices") == 1 and count(db, "payments") == 1
