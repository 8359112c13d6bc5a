"""Random sequences of money steps through the real services keep the ledger exact: an
invoice's balance is its total less what settled it, nothing paid is ever lost, and a credit
note brings everything back exactly."""

from __future__ import annotations

import pytest
from billing_helpers import Office, op
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.billing.queries import BillingQueries
from hendazh_desktop.services.billing.records import PaymentDraft

STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("pay"), st.integers(1, 30_000_000), st.sampled_from(["cash", "cheque"])),
        st.tuples(st.just("bounce"), st.integers(0, 10), st.just("")),
        st.tuples(st.just("refund"), st.integers(1, 10_000_000), st.just("")),
        st.tuples(st.just("apply"), st.just(0), st.just("")),
    ),
    min_size=1,
    max_size=8,
)


@pytest.fixture
def office(db, manager):
    return Office(db, manager)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS, credit=st.booleans())
def test_random_money_steps_keep_every_balance_exact(db, accountant, office, steps, credit):
    queries, payments, invoices = BillingQueries(db), PaymentService(db), InvoiceService(db)
    before = queries.statement(accountant, office.card.id)
    request_id = office.new_request("EDU")  # a 25,000,000 prepayment invoice, issued
    invoice_id = invoices.money_status(accountant, request_id).prepayment_invoice_id
    total = invoices.detail(accountant, invoice_id).row.total
    received = refunded = 0
    cheques: list[int] = []
    for kind, amount, method in steps:
        if kind == "pay":
            extra = {
                "cheque_number": "1234567",
                "cheque_bank": "ملت",
                "cheque_due_on": "1410/01/01",
            }
            row = payments.record_payment(
                accountant,
                PaymentDraft(
                    op(),
                    office.card.id,
                    method,
                    str(amount),
                    invoice_id=invoice_id,
                    **(extra if method == "cheque" else {}),
                ),
            )
            received += amount
            if method == "cheque":
                cheques.append(row.id)
        elif kind == "bounce" and cheques:
            cheque = cheques.pop(amount % len(cheques))
            payments.bounce_cheque(accountant, cheque, "برگشت خورد", operation_id=op())
            received -= queries.payment(accountant, cheque).amount
        elif kind == "refund":
            try:
                payments.refund(
                    accountant, office.card.id, str(amount), "cash", "", operation_id=op()
                )
                refunded += amount
            except ValidationError:
                pass  # more than the settled credit: refused, nothing written
        elif kind == "apply":
            payments.apply_credit(accountant, office.card.id, invoice_id)
        row = invoices.detail(accountant, invoice_id).row
        assert row.balance == total - row.paid - row.credited
        assert 0 <= row.paid <= total
        statement = queries.statement(accountant, office.card.id)
        moved = statement.balance - before.balance
        # what the subscriber owes moved by the invoice less the money kept by the office
        assert moved == total - (received - refunded)
        assert statement.balance == statement.owed - statement.credit
    if credit:
        invoices.credit_note(accountant, invoice_id, "ابطال آزمایشی", operation_id=op())
        row = invoices.detail(accountant, invoice_id).row
        assert (row.state, row.balance, row.paid, row.credited) == ("credited", 0, 0, total)
        statement = queries.statement(accountant, office.card.id)
        assert statement.balance - before.balance == -(received - refunded)
        assert statement.balance == statement.owed - statement.credit
