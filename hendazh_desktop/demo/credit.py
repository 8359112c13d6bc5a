"""Demo gift credit: the splits post themselves as demo jobs are paid (and reverse as demo
invoices are credited); here some credit is spent on gifts, a manager adjusts one balance, and
one subscriber's credit goes below zero (spent, then the paying invoice credited)."""

from __future__ import annotations

import random
import uuid

from hendazh_desktop.db.database import Database
from hendazh_desktop.db.repositories.credit import LedgerFilter
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.services.billing.invoices import InvoiceService
from hendazh_desktop.services.credit.adjustments import GiftCreditService
from hendazh_desktop.services.credit.ledger import GiftCreditLedger

GIFTS = ("کاشی هفت‌رنگ", "میناکاری اصفهان", "خاتم‌کاری شیراز", "گلیم قشقایی", "سفال لالجین")


def _op() -> str:
    return str(uuid.uuid4())


def make_gift_credit(db: Database, actor: Actor, rng: random.Random) -> int:
    """Spend, adjust and drive one balance negative; returns how many entries exist."""
    ledger, credit = GiftCreditLedger(db), GiftCreditService(db)
    earned = ledger.page(actor, LedgerFilter(kind="earned_recipient"), 0, 60)
    holders = sorted({e.subscriber_id for e in earned})
    for n, subscriber_id in enumerate(holders):
        balance = ledger.gift_credit(actor, subscriber_id)
        if balance <= 1 or n % 3 == 2:
            continue
        amount = max(1, balance // rng.choice((2, 3, 4)))
        credit.spend(actor, subscriber_id, amount, rng.choice(GIFTS), operation_id=_op())
    if holders:
        credit.adjust(
            actor,
            holders[0],
            "50000",
            "جبران تأخیر گروه در روز موعد",
            decrease=False,
            operation_id=_op(),
        )
    _one_negative(db, actor, ledger, credit)
    return ledger.count(actor, LedgerFilter())


def _one_negative(
    db: Database, actor: Actor, ledger: GiftCreditLedger, credit: GiftCreditService
) -> None:
    """A subscriber spends all their gift credit, then the invoice that earned it is credited:
    the reversal is recorded anyway and the balance goes below zero."""
    for entry in ledger.page(actor, LedgerFilter(kind="earned_recipient"), 0, 200):
        splits = ledger.splits_of_request(actor, entry.request_id or 0)
        live = splits[-1] if splits and splits[-1].kind == "posted" else None
        if live is None or live.invoice_id is None:
            continue
        balance = ledger.gift_credit(actor, entry.subscriber_id)
        if balance <= 0:
            continue
        credit.spend(actor, entry.subscriber_id, balance, "گلیم قشقایی", operation_id=_op())
        InvoiceService(db).credit_note(
            actor, live.invoice_id, "تخفیف پس از شکایت؛ صورتحساب باطل شد", operation_id=_op()
        )
        return
