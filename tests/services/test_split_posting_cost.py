"""Posting a job's split runs inside the payment that completes the job (issue 12's budget is
5 ms on top of it): its statements are counted here, and the batched ledger append is checked
against what the single-entry path gives."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from billing_helpers import Office
from sqlalchemy import event, select
from test_gift_credit import LABOUR, MATERIAL, final_paid, referred  # noqa: F401

from hendazh_desktop.db.models.credit import CreditBalance, CreditEntry, CreditLedgerTotals
from hendazh_desktop.services.credit import handlers as credit_handlers
from hendazh_desktop.services.credit.ledger import GiftCreditLedger

# What posting reads and writes: last split, settled invoice, agreement, rules, parties, split
# row, expiry setting; four for the two credit entries and balances (+1 per extra subscriber
# balance); roster, wage members, payable, items.
POSTING_STATEMENTS = 16


@pytest.fixture
def office(db, manager):
    return Office(db, manager)


@contextmanager
def counted(db, monkeypatch):
    """Count the statements run while the credit handler posts a split."""
    seen: list[str] = []
    inside = {"on": False}
    real = credit_handlers.post_if_complete

    def watched(*args, **kwargs):
        inside["on"] = True
        try:
            return real(*args, **kwargs)
        finally:
            inside["on"] = False

    def record(_conn, _cursor, statement, *_args):
        if inside["on"]:
            seen.append(statement)

    monkeypatch.setattr(credit_handlers, "post_if_complete", watched)
    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def test_posting_a_split_takes_a_fixed_few_statements(db, manager, office, referred, monkeypatch):  # noqa: F811
    with counted(db, monkeypatch) as seen:
        request_id, _, _ = final_paid(db, manager, office)
    (split,) = GiftCreditLedger(db).splits_of_request(manager, request_id)
    assert split.kind == "posted" and split.referrer_credit > 0 and split.recipient_credit > 0
    assert 0 < len(seen) <= POSTING_STATEMENTS, "\n".join(seen)
    # none of the whole-record loads it used to make (phones, addresses, skills, zones, leave)
    loaded = " ".join(seen)
    for table in ("subscriber_phones", "addresses", "group_skills", "group_zones", "group_leave"):
        assert f"FROM {table}" not in loaded


def test_batched_entries_number_move_balances_and_totals(db, manager, office, referred):  # noqa: F811
    ledger = GiftCreditLedger(db)
    request_id, _, _ = final_paid(db, manager, office)
    referrer_id = referred.referrer.id
    with db.read() as uow:
        numbers = sorted(
            uow.session.execute(
                select(CreditEntry.number).where(CreditEntry.request_id == request_id)
            ).scalars()
        )
        totals = uow.session.execute(
            select(CreditLedgerTotals.entries, CreditLedgerTotals.outstanding)
        ).one()
        balances = {
            sid: (balance, count)
            for sid, balance, count in uow.session.execute(
                select(CreditBalance.subscriber_id, CreditBalance.balance, CreditBalance.entries)
            )
        }
    assert numbers == list(range(numbers[0], numbers[0] + 2))
    assert totals.entries == numbers[-1]
    assert balances[referrer_id] == (ledger.gift_credit(manager, referrer_id), 1)
    assert balances[referred.id] == (ledger.gift_credit(manager, referred.id), 1)
    assert totals.outstanding == sum(b for b, _ in balances.values() if b > 0)


def test_batched_append_of_one_subscriber_twice_and_below_zero(db, manager, office):
    """Two entries of one subscriber in one append: one balance row moved by both, the
    totals moved by the balance's crossing of zero, and the session's cached rows refreshed."""
    subscriber = office.card.id
    with db.write() as uow:
        uow.credit.add_entries(
            [
                {"subscriber_id": subscriber, "kind": "adjustment", "amount": 300,
                 "reason": "آزمون", "at": office.clock(), "on_day": office.clock().date(),
                 "user_id": manager.user_id},
            ]
        )  # fmt: skip
        cached = uow.session.get(CreditBalance, subscriber)
        assert cached is not None and cached.balance == 300
        uow.credit.add_entries(
            [
                {"subscriber_id": subscriber, "kind": "adjustment", "amount": amount,
                 "reason": "آزمون", "at": office.clock(), "on_day": office.clock().date(),
                 "user_id": manager.user_id}
                for amount in (-200, -400)
            ]
        )  # fmt: skip
        assert uow.session.get(CreditBalance, subscriber).balance == -300  # expired, re-read
        totals = uow.session.get(CreditLedgerTotals, 1)
        assert (totals.outstanding, totals.below_zero, totals.negatives) == (0, -300, 1)
        assert totals.entries == 3
        assert uow.credit.sum_of_entries(subscriber) == -300
        uow.commit()
