"""The split is posted once when a job is done and paid, reversed once when that is undone;
gift credit is adjusted with a reason, never overdrawn by spending, and expires by setting."""

from __future__ import annotations

import datetime as dt

import pytest
from billing_helpers import Office, op

from hendazh_desktop.db.repositories.audit import AuditQuery
from hendazh_desktop.db.repositories.credit import LedgerFilter
from hendazh_desktop.domain.errors import PermissionDenied, ValidationError, ValidationErrors
from hendazh_desktop.domain.subscriber_forms import AddressDraft, PhoneDraft, SubscriberDraft
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.billing.payments import PaymentService
from hendazh_desktop.services.billing.records import PaymentDraft
from hendazh_desktop.services.credit.adjustments import GiftCreditService
from hendazh_desktop.services.credit.ledger import GiftCreditLedger
from hendazh_desktop.services.dispatch.pricing import LineDraft, PricingService
from hendazh_desktop.services.subscribers.register import SubscriberService

LABOUR = LineDraft("labour", "تعویض شیر", "1", "1,234,567")
MATERIAL = LineDraft("material", "شیر", "1", "500,000")


@pytest.fixture
def office(db, manager):
    return Office(db, manager)


@pytest.fixture
def referred(db, manager, office):
    """A second subscriber whom the office's subscriber referred, with an office of theirs."""
    card = SubscriberService(db).create(
        manager,
        SubscriberDraft(
            name="رضا کریمی",
            phones=(PhoneDraft("09177654321"),),
            addresses=(AddressDraft("معالی‌آباد", office.zone),),
            referrer=office.card.code,
        ),
    )
    office.card = card  # jobs are now for the referred subscriber
    return card


def final_paid(db, actor, office, *, cheque: bool = False) -> tuple[int, int, int]:
    """A postpaid job done, invoiced and paid in full: (request, invoice, payment)."""
    request_id = office.done("CLN", (LABOUR, MATERIAL))
    invoices = InvoiceService(db)
    draft = invoices.draft_final(actor, request_id)
    issued = invoices.issue(
        actor, draft.row.id, operation_id=op(), expected_version=draft.row.version
    )
    extra = (
        {"cheque_number": "1234567", "cheque_bank": "ملت", "cheque_due_on": "1410/01/01"}
        if cheque
        else {}
    )
    payment = PaymentService(db).record_payment(
        actor,
        PaymentDraft(
            op(),
            office.card.id,
            "cheque" if cheque else "cash",
            str(issued.row.total),
            invoice_id=issued.row.id,
            **extra,
        ),
    )
    return request_id, issued.row.id, payment.id


def test_split_posted_once_when_done_and_paid(db, manager, office, referred):
    request_id, _, _ = final_paid(db, manager, office)
    ledger = GiftCreditLedger(db)
    (split,) = ledger.splits_of_request(manager, request_id)
    assert split.kind == "posted" and split.labour == 1_234_567  # materials never commissioned
    assert split.fee + split.commission_kept + split.referrer_credit + split.recipient_credit == (
        split.labour
    )
    # default rule: commission 20%, referrer 10% and recipient 5% of the commission
    assert (split.fee, split.commission) == (987_653, 246_914)
    assert (split.referrer_credit, split.recipient_credit) == (24_691, 12_345)
    referrer_id = referred.referrer.id
    assert ledger.gift_credit(manager, referrer_id) == 24_691
    assert ledger.gift_credit(manager, referred.id) == 12_345
    assert ledger.outstanding(manager).outstanding == 24_691 + 12_345
    tree = ledger.referral_tree(manager, referrer_id)
    assert [(c.subscriber_id, c.earned_for_referrer) for c in tree.children] == [
        (referred.id, 24_691)
    ]


def test_no_referrer_keeps_the_share_and_says_why(db, manager, office):
    request_id, _, _ = final_paid(db, manager, office)
    (split,) = GiftCreditLedger(db).splits_of_request(manager, request_id)
    assert split.referrer_credit == 0 and split.referrer_reason == "no_referrer"
    assert split.commission_kept == split.commission - split.recipient_credit


def test_bounced_cheque_reverses_once_and_may_drive_credit_below_zero(
    db, manager, office, referred
):
    request_id, _, cheque = final_paid(db, manager, office, cheque=True)
    credit = GiftCreditService(db)
    ledger = GiftCreditLedger(db)
    assert credit.spend(manager, referred.id, 12_000, "هدیه", operation_id=op()) == 345
    PaymentService(db).bounce_cheque(manager, cheque, "برگشت خورد", operation_id=op())
    posted, reversal = ledger.splits_of_request(manager, request_id)
    assert reversal.kind == "reversed" and reversal.reverses_id == posted.id
    assert "برگشت" in reversal.cause
    assert ledger.gift_credit(manager, referred.id) == 345 - 12_345
    assert [n.subscriber_id for n in ledger.negative_balances(manager)] == [referred.id]
    with pytest.raises(ValidationError) as refused:
        credit.spend(manager, referred.id, 1, "هدیه", operation_id=op())
    assert refused.value.code == "gift_credit_insufficient"
    entries = ledger.page(manager, LedgerFilter(request_id=request_id), 0, 50)
    reversals = [e for e in entries if e.kind == "reversal"]
    assert len(reversals) == 2 and all(e.reverses_id for e in reversals)
    # paying again posts a fresh split; it is reversed by nothing
    PaymentService(db).record_payment(
        manager, PaymentDraft(op(), referred.id, "cash", str(10**8), invoice_id=posted.invoice_id)
    )
    splits = ledger.splits_of_request(manager, request_id)
    assert [s.kind for s in splits] == ["posted", "reversed", "posted"]
    assert ledger.gift_credit(manager, referred.id) == 345


def test_credit_note_reverses_the_split(db, manager, office, referred):
    request_id, invoice_id, _ = final_paid(db, manager, office)
    InvoiceService(db).credit_note(manager, invoice_id, "اشتباه در صورتحساب", operation_id=op())
    splits = GiftCreditLedger(db).splits_of_request(manager, request_id)
    assert [s.kind for s in splits] == ["posted", "reversed"]
    ledger = GiftCreditLedger(db)
    assert (
        ledger.gift_credit(manager, referred.id)
        == ledger.gift_credit(manager, referred.referrer.id)
        == 0
    )


def test_prepaid_job_posts_when_both_prepayment_and_work_are_done(db, manager, office, referred):
    request_id = office.new_request("EDU")  # prepaid: its prepayment invoice is issued
    invoices = InvoiceService(db)
    invoice_id = invoices.money_status(manager, request_id).prepayment_invoice_id
    total = invoices.detail(manager, invoice_id).row.total
    PaymentService(db).record_payment(
        manager, PaymentDraft(op(), referred.id, "cash", str(total), invoice_id=invoice_id)
    )
    ledger = GiftCreditLedger(db)
    assert ledger.splits_of_request(manager, request_id) == []  # paid, not done yet
    office.agreed("EDU", (LineDraft("labour", "کلاس", "1", "100,000"),), request_id=request_id)
    office.start_and_finish(request_id)
    (split,) = ledger.splits_of_request(manager, request_id)
    assert split.labour == invoices.detail(manager, invoice_id).net
    assert split.recipient_credit > 0


def test_rework_does_not_earn_twice(db, manager, office, referred):
    request_id, _, _ = final_paid(db, manager, office)
    rework = PricingService(db).rework(manager, request_id, "چکه دوباره")
    office.agreed("CLN", (LABOUR,), request_id=rework)
    office.start_and_finish(rework)
    invoices = InvoiceService(db)
    draft = invoices.draft_final(manager, rework)
    issued = invoices.issue(
        manager, draft.row.id, operation_id=op(), expected_version=draft.row.version
    )
    PaymentService(db).record_payment(
        manager,
        PaymentDraft(op(), referred.id, "cash", str(issued.row.total), invoice_id=issued.row.id),
    )
    (split,) = GiftCreditLedger(db).splits_of_request(manager, rework)
    assert (split.referrer_credit, split.recipient_credit) == (0, 0)
    assert split.referrer_reason == split.recipient_reason == "rework"
    assert GiftCreditLedger(db).gift_credit(manager, referred.id) == 12_345  # the first job only


def test_adjustment_needs_a_reason_and_a_manager_and_is_audited(db, manager, consultant, office):
    credit = GiftCreditService(db)
    with pytest.raises(PermissionDenied):
        credit.adjust(
            consultant, office.card.id, "1000", "جبران", decrease=False, operation_id=op()
        )
    with pytest.raises(ValidationErrors) as bad:
        credit.adjust(manager, office.card.id, "0", "", decrease=False, operation_id=op())
    assert set(bad.value.by_field) == {"amount", "reason"}
    key = op()
    assert (
        credit.adjust(
            manager, office.card.id, "۵۰۰۰", "جبران تأخیر", decrease=False, operation_id=key
        )
        == 5000
    )
    assert (
        credit.adjust(
            manager, office.card.id, "۵۰۰۰", "جبران تأخیر", decrease=False, operation_id=key
        )
        == 5000
    )
    with pytest.raises(ValidationError) as over:
        credit.adjust(manager, office.card.id, "6000", "اصلاح", decrease=True, operation_id=op())
    assert over.value.code == "gift_credit_insufficient"
    assert (
        credit.adjust(manager, office.card.id, "2000", "اصلاح", decrease=True, operation_id=op())
        == 3000
    )
    with db.read() as uow:
        assert (
            uow.credit.sum_of_entries(office.card.id) == uow.credit.balance(office.card.id) == 3000
        )
        audit = uow.audit.count(AuditQuery(entity="gift_credit"))
    assert audit == 2


def test_expiry_setting_and_due_credit_expires_once(db, manager, clock, office, referred):
    credit = GiftCreditService(db, clock=clock)
    assert credit.expiry_months(manager) is None
    with pytest.raises(ValidationError):
        credit.set_expiry_months(manager, "500")
    assert credit.set_expiry_months(manager, "۶") == 6
    final_paid(db, manager, office)
    with db.read() as uow:
        (earned,) = [e.expires_on for e in uow.credit.entries_of(referred.id)]
    assert earned is not None
    credit.spend(manager, referred.id, 345, "هدیه", operation_id=op())
    assert credit.expire_due(manager) == 0  # not due yet
    clock.now = dt.datetime.combine(earned, dt.time(12), tzinfo=dt.UTC)
    # the referred subscriber's unspent 12,000 and the referrer's whole 24,691
    assert credit.expire_due(manager) == 12_000 + 24_691
    assert credit.expire_due(manager) == 0
    ledger = GiftCreditLedger(db)
    assert (
        ledger.gift_credit(manager, referred.id)
        == ledger.gift_credit(manager, referred.referrer.id)
        == 0
    )


def test_ledger_entries_cannot_be_changed_or_removed(db, manager, office):
    GiftCreditService(db).adjust(
        manager, office.card.id, "1000", "جبران", decrease=False, operation_id=op()
    )
    for statement in ("UPDATE credit_entries SET amount = 5", "DELETE FROM credit_entries"):
        with pytest.raises(Exception, match="append-only"), db.engine.begin() as conn:
            conn.exec_driver_sql(statement)


def test_a_ledger_entry_cannot_be_replaced_in_place(db, manager, office):
    if not db.is_sqlite:
        pytest.skip("INSERT OR REPLACE is SQLite's")
    GiftCreditService(db).adjust(
        manager, office.card.id, "1000", "جبران", decrease=False, operation_id=op()
    )
    with db.engine.connect() as conn:
        kept = conn.exec_driver_sql("SELECT id, subscriber_id, user_id FROM credit_entries").one()
    replace = (
        "INSERT OR REPLACE INTO credit_entries (id, subscriber_id, kind, amount, reason, at, "
        f"on_day, user_id) VALUES ({kept[0]}, {kept[1]}, 'adjustment', 99000, 'x', "
        f"'2025-01-01 00:00:00', '2025-01-01', {kept[2]})"
    )
    with pytest.raises(Exception, match="append-only"), db.engine.begin() as conn:
        conn.exec_driver_sql(replace)
    with db.read() as uow:
        assert (
            uow.credit.sum_of_entries(office.card.id) == uow.credit.balance(office.card.id) == 1000
        )


def test_credit_given_back_by_a_cancelled_gift_order_still_expires(
    db, manager, clock, office, referred
):
    """A cancelled gift order's «returned» entry undoes its spending: the earning it had
    used is unspent again and expires in full when due."""
    from gift_helpers import make_item

    from hendazh_desktop.services.gifts.orders import GiftOrders

    credit = GiftCreditService(db, clock=clock)
    credit.set_expiry_months(manager, "6")
    final_paid(db, manager, office)
    with db.read() as uow:
        ((amount, due),) = [(e.amount, e.expires_on) for e in uow.credit.entries_of(referred.id)]
    gift = make_item(db, manager, price="10000", stock=1)
    orders = GiftOrders(db, clock=clock)
    order = orders.place(manager, referred.id, [(gift.id, 1)], operation_id=op())
    orders.cancel(manager, order.id, "مشترک نخواست", expected_version=order.version)
    assert GiftCreditLedger(db).gift_credit(manager, referred.id) == amount
    clock.now = dt.datetime.combine(due, dt.time(12), tzinfo=dt.UTC)
    credit.expire_due(manager)
    assert GiftCreditLedger(db).gift_credit(manager, referred.id) == 0
