"""Wages: a job's fee is held until its money is collected, divided among members by shares,
paid once in a batch; a reversal after payment is clawed back from the next payout."""

from __future__ import annotations

import pytest
from billing_helpers import Office, op
from sqlalchemy.exc import DBAPIError
from wage_helpers import (
    OTHER_IBAN,
    VALID_IBAN,
    collected,
    done_and_invoiced,
    make_team,
    pay,
    today,
)

from hendazh_desktop.db.repositories.wage_lists import PayableFilter
from hendazh_desktop.domain.errors import (
    Conflict,
    PermissionDenied,
    ValidationError,
    ValidationErrors,
)
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.wages.batches import WageBatchService
from hendazh_desktop.services.wages.ledger import WageLedgerService
from hendazh_desktop.services.wages.queries import WageQueries

FEE = 800_000  # labour 1,000,000 less the default 20% commission


@pytest.fixture
def office(db, manager):
    return Office(db, manager)


def states(db, actor) -> list[tuple[int, str, int | None]]:
    rows = WageQueries(db).payables(actor, PayableFilter(), 0, 100)
    return sorted((r.request_id, r.state, r.fee) for r in rows)


def build(db, actor, **kw):
    return WageBatchService(db).build(actor, "1400/01/01", today(), operation_id=op(), **kw)


def pay_batch(db, actor, detail, ref="REF-1"):
    return WageBatchService(db).pay(
        actor,
        detail.batch.id,
        bank_ref=ref,
        paid_on=today(),
        expected_version=detail.batch.version,
        operation_id=op(),
    )


def test_fee_is_held_until_collected_then_due(db, manager, office):
    request_id, invoice_id, total = done_and_invoiced(db, manager, office)
    assert states(db, manager) == [(request_id, "held", None)]
    (row,) = WageQueries(db).payables(manager, PayableFilter(state="held"), 0, 10)
    assert row.reason == "not_collected"
    with pytest.raises(ValidationError) as nothing:
        build(db, manager)
    assert nothing.value.code == "wage_nothing_due"
    pay(db, manager, office, invoice_id, total)
    assert states(db, manager) == [(request_id, "due", FEE)]


def test_team_shares_add_up_and_left_members_keep_earnings(db, manager, office):
    group_id = make_team(office, ("علی", "رضا", "حسن"))
    ledger = WageLedgerService(db)
    terms = ledger.terms(manager, group_id)
    ali, reza, hasan = terms.members
    ledger.set_terms(
        manager,
        group_id,
        shares={ali.id: "2", reza.id: "۱", hasan.id: "1"},
        ibans={ali.id: VALID_IBAN, reza.id: OTHER_IBAN},
        withholding="",
    )
    _request_id, _, _ = collected(db, manager, office)
    (payable,) = WageQueries(db).payables(manager, PayableFilter(), 0, 10)
    shares = WageQueries(db).items_of_payable(manager, payable.payable_id)
    assert [s.amount for s in shares] == [400_000, 200_000, 200_000]
    assert sum(s.amount for s in shares) == payable.fee
    make_team(office, ("علی", "رضا"))  # Hasan leaves; he keeps what he earned
    members = ledger.terms(manager, group_id).members
    assert [m.left_on is not None for m in members] == [False, False, True]
    detail = build(db, manager)
    by_name = {line.member_name: line for line in detail.lines}
    assert by_name["حسن"].net == 200_000
    assert by_name["حسن"].method == "cash" and by_name["حسن"].problem == "iban_missing"
    assert by_name["علی"].method == "transfer" and by_name["علی"].iban == VALID_IBAN
    assert detail.batch.total == FEE


def test_bad_terms_are_refused_at_their_fields(db, manager, office):
    ledger = WageLedgerService(db)
    (member,) = ledger.terms(manager, office.group.id).members
    with pytest.raises(ValidationErrors) as bad:
        ledger.set_terms(
            manager,
            office.group.id,
            shares={member.id: "0"},
            ibans={member.id: "IR062960000000100324200002"},
            withholding="120",
        )
    assert set(bad.value.by_field) == {f"share:{member.id}", f"iban:{member.id}", "withholding"}
    assert ledger.terms(manager, office.group.id).members[0].share == 1


def test_batch_pays_once_and_lines_are_final(db, manager, accountant, office):
    request_id, _, _ = collected(db, manager, office)
    detail = build(db, accountant)
    assert states(db, manager) == [(request_id, "batched", FEE)]
    with pytest.raises(ValidationError):
        build(db, accountant)  # its items are held by the open batch
    paid = pay_batch(db, accountant, detail)
    assert paid.batch.state == "paid" and paid.batch.bank_ref == "REF-1"
    assert states(db, manager) == [(request_id, "paid", FEE)]
    assert WageQueries(db).paid_by_group(manager) == {office.group.id: FEE}
    with pytest.raises(Conflict):
        pay_batch(db, accountant, paid)
    with pytest.raises(ValidationError):
        build(db, accountant)


def test_operation_id_replays_the_first_result(db, manager, accountant, office):
    collected(db, manager, office)
    key = op()
    batches = WageBatchService(db)
    first = batches.build(accountant, "1400/01/01", today(), operation_id=key)
    again = batches.build(accountant, "1400/01/01", today(), operation_id=key)
    assert again.batch.id == first.batch.id
    pay_key = op()
    kwargs = {"bank_ref": "R-77", "paid_on": today(), "operation_id": pay_key}
    done = batches.pay(accountant, first.batch.id, expected_version=1, **kwargs)
    replay = batches.pay(accountant, first.batch.id, expected_version=1, **kwargs)
    assert replay.batch.version == done.batch.version == 2


def test_bounce_before_payment_holds_the_payable_again(db, manager, accountant, office):
    request_id, invoice_id, cheque = collected(db, manager, office, cheque=True)
    detail = build(db, accountant)
    PaymentService(db).bounce_cheque(manager, cheque, "برگشت خورد", operation_id=op())
    assert states(db, manager) == [(request_id, "held", FEE)]
    with pytest.raises(Conflict) as stale:
        pay_batch(db, accountant, detail)
    assert stale.value.code == "wage_batch_stale"
    WageBatchService(db).cancel(
        accountant, detail.batch.id, expected_version=detail.batch.version, operation_id=op()
    )
    with pytest.raises(ValidationError):
        build(db, accountant)  # nothing collected
    total = InvoiceService(db).detail(manager, invoice_id).row.total
    pay(db, manager, office, invoice_id, total)  # collected again: released
    assert states(db, manager) == [(request_id, "due", FEE)]
    assert pay_batch(db, accountant, build(db, accountant)).batch.total == FEE


def test_bounce_after_payment_is_clawed_back_from_the_next_payout(db, manager, accountant, office):
    request_id, _, cheque = collected(db, manager, office, cheque=True)
    pay_batch(db, accountant, build(db, accountant))
    PaymentService(db).bounce_cheque(manager, cheque, "برگشت خورد", operation_id=op())
    assert states(db, manager) == [(request_id, "clawed_back", FEE)]
    _second, _, _ = collected(db, manager, office, labour=_labour("2,000,000"))
    detail = build(db, accountant)
    (line,) = detail.lines
    assert (line.fees, line.clawbacks, line.net) == (1_600_000, FEE, 1_600_000 - FEE)
    pay_batch(db, accountant, detail)
    assert WageQueries(db).paid_by_group(manager) == {office.group.id: 1_600_000}


def test_reimbursement_advance_and_withholding_are_their_own_lines(db, manager, accountant, office):
    ledger = WageLedgerService(db)
    (member,) = ledger.terms(manager, office.group.id).members
    ledger.set_terms(manager, office.group.id, shares={}, ibans={}, withholding="10")
    request_id, invoice_id, total = done_and_invoiced(db, manager, office)
    spent = ledger.record_reimbursement(
        accountant, request_id, "۱۵۰٬۰۰۰", "ف-۱۲۳", "لوله", operation_id=op()
    )
    ledger.approve_reimbursement(accountant, spent.id, operation_id=op())
    with pytest.raises(Conflict):
        ledger.approve_reimbursement(accountant, spent.id, operation_id=op())
    ledger.record_advance(accountant, member.id, "100000", "مساعده عید", operation_id=op())
    with pytest.raises(ValidationError):
        build(db, accountant)  # the advance alone is not a payout; the job is not collected
    pay(db, manager, office, invoice_id, total)
    (line,) = build(db, accountant).lines
    assert (line.fees, line.reimbursements, line.advances, line.withholding) == (
        FEE,
        150_000,
        100_000,
        80_000,
    )
    assert line.net == FEE + 150_000 - 100_000 - 80_000


def test_approval_setting_needs_another_user(db, manager, accountant, office):
    batches = WageBatchService(db)
    batches.set_approval_required(manager, True)
    collected(db, manager, office)
    detail = build(db, manager)
    assert detail.batch.approval_required
    with pytest.raises(Conflict) as needs:
        pay_batch(db, accountant, detail)
    assert needs.value.code == "wage_batch_needs_approval"
    with pytest.raises(PermissionDenied):
        batches.approve(accountant, detail.batch.id, expected_version=1, operation_id=op())
    with pytest.raises(Conflict) as own:
        batches.approve(manager, detail.batch.id, expected_version=1, operation_id=op())
    assert own.value.code == "wage_batch_self_approval"


def test_consultants_see_no_wages(db, consultant, office):
    with pytest.raises(PermissionDenied):
        WageQueries(db).payables(consultant, PayableFilter(), 0, 10)
    with pytest.raises(PermissionDenied):
        WageLedgerService(db).terms(consultant, office.group.id)


def _labour(amount: str):
    from hendazh_desktop.services.dispatch.pricing import LineDraft

    return LineDraft("labour", "تعمیر", "1", amount)


def test_the_database_refuses_a_second_payment_and_edits_of_paid_records(
    db, manager, accountant, office
):
    collected(db, manager, office)
    paid = pay_batch(db, accountant, build(db, accountant))
    with db.engine.connect() as conn:
        item_id, line_id = conn.exec_driver_sql("SELECT item_id, line_id FROM wage_paid").one()
    for statement in (
        "INSERT INTO wage_paid (item_id, batch_id, line_id, at) "
        f"VALUES ({item_id}, {paid.batch.id}, {line_id}, CURRENT_TIMESTAMP)",
        "UPDATE wage_items SET amount = amount + 1",
        "DELETE FROM wage_paid",
        "UPDATE wage_batch_lines SET net = net + 1, fees = fees + 1",
    ):
        with pytest.raises(DBAPIError), db.engine.begin() as conn:
            conn.exec_driver_sql(statement)
