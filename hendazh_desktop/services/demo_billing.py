"""Demo invoices and payments in every state, made through the real billing use cases."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.jalali import to_jalali
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.domain.requests import RequestStatus
from hendazh_desktop.services.billing_dto import DraftChanges, PaymentDraft
from hendazh_desktop.services.billing_posting import issue_prepayment_invoice
from hendazh_desktop.services.invoices import InvoiceService
from hendazh_desktop.services.payments import PaymentService
from hendazh_desktop.services.pricing import PricingService
from hendazh_desktop.services.queue import QueueService

BATCH = 500
BANKS = ("ملت", "ملی", "صادرات", "تجارت", "سپه", "پاسارگاد")
Clock = Callable[[], dt.datetime]


def _op() -> str:
    return str(uuid.uuid4())


def _jalali(day: dt.date) -> str:
    y, m, d = to_jalali(day)
    return f"{y}/{m:02d}/{d:02d}"


def _at(moment: dt.datetime) -> Clock:
    return lambda: moment


def prepayment_invoices(db: Database, actor: Actor) -> list[int]:
    """Issue the prepayment invoice of every bulk-made request still awaiting one, dated the
    day the request was made (so receivables have an age)."""
    made: list[int] = []
    while True:
        with db.write() as uow:
            waiting = uow.billing.uninvoiced_awaiting_prepayment(BATCH)
            for request in waiting:
                at = request.created_at
                made.append(issue_prepayment_invoice(uow, request, actor, at).id)
            uow.commit()
        if len(waiting) < BATCH:
            return made


def _payment(db: Database, actor: Actor, at: dt.datetime, draft: PaymentDraft) -> int:
    return PaymentService(db, clock=_at(at)).record_payment(actor, draft).id


def settle_prepayments(
    db: Database, actor: Actor, rng: random.Random, invoice_ids: list[int]
) -> None:
    """Pay some prepayment invoices in full, some in part, some by cheque (one bounces)."""
    payments = PaymentService(db)
    chosen = invoice_ids[: max(12, len(invoice_ids) // 3)]
    for n, invoice_id in enumerate(chosen):
        with db.read() as uow:
            invoice = uow.billing.invoice(invoice_id)
            assert invoice is not None and invoice.issued_at is not None
            subscriber, total, issued = invoice.subscriber_id, invoice.total, invoice.issued_at
        at = min(issued + dt.timedelta(hours=rng.randint(1, 30)), dt.datetime.now(dt.UTC))
        kind = n % 6
        if kind in (0, 1):
            _payment(
                db,
                actor,
                at,
                PaymentDraft(_op(), subscriber, "cash", str(total), invoice_id=invoice_id),
            )
        elif kind == 2:
            ref = str(rng.randint(100_000, 999_999))
            _payment(
                db,
                actor,
                at,
                PaymentDraft(
                    _op(), subscriber, "card", str(total // 2), reference=ref, invoice_id=invoice_id
                ),
            )
        elif kind in (3, 4):
            due = _jalali((at + dt.timedelta(days=rng.randint(5, 40))).date())
            cheque = _payment(
                db,
                actor,
                at,
                PaymentDraft(
                    _op(),
                    subscriber,
                    "cheque",
                    str(total),
                    cheque_number=str(rng.randint(10**6, 10**7)),
                    cheque_bank=rng.choice(BANKS),
                    cheque_due_on=due,
                    invoice_id=invoice_id,
                ),
            )
            if n % 12 == 3:
                payments.bounce_cheque(
                    actor, cheque, "کسری موجودی حساب صادرکننده", operation_id=_op()
                )
            elif n % 12 == 4:
                payments.clear_cheque(actor, cheque, operation_id=_op())
        else:
            ref = str(rng.randint(10**8, 10**9))
            _payment(
                db,
                actor,
                at,
                PaymentDraft(
                    _op(),
                    subscriber,
                    "transfer",
                    str(total + 500_000),
                    reference=ref,
                    invoice_id=invoice_id,
                ),
            )


def finish_with_materials(db: Database, actor: Actor, rng: random.Random) -> None:
    """Agreed jobs with materials: ask the prepayment, take it, do the work."""
    invoices, queue, pricing = InvoiceService(db), QueueService(db), PricingService(db)
    with db.read() as uow:
        agreed = uow.billing.requests_in(RequestStatus.AGREED.value)
    for n, (request_id, subscriber_id) in enumerate(agreed):
        status = invoices.money_status(actor, request_id)
        if status.materials_default <= 0 or subscriber_id is None:
            continue
        asked = invoices.ask_materials_prepayment(actor, request_id)
        if n % 3 == 2:
            continue  # still waiting for the materials prepayment
        ref = str(rng.randint(100_000, 999_999))
        PaymentService(db).record_payment(
            actor,
            PaymentDraft(
                _op(),
                subscriber_id,
                "card_to_card",
                str(asked),
                reference=ref,
                request_id=request_id,
            ),
        )
        version = queue.get(actor, request_id).version
        pricing.start_work(actor, request_id, expected_version=version)
        pricing.finish(actor, request_id, expected_version=version + 1)


def final_invoices(db: Database, actor: Actor, rng: random.Random) -> None:
    """Finished jobs: drafts, issued and unpaid, part paid, paid, and one credited."""
    invoices, payments = InvoiceService(db), PaymentService(db)
    with db.read() as uow:
        done = uow.billing.requests_in(RequestStatus.DONE.value)
    # n % 6: 0 paid then credited, 1 part paid, 2 issued and unpaid, 3 paid, 4 draft,
    # 5 paid after a discount
    eligible = [
        (request_id, subscriber_id)
        for request_id, subscriber_id in done
        if subscriber_id is not None and invoices.money_status(actor, request_id).can_draft_final
    ]
    for n, (request_id, subscriber_id) in enumerate(eligible):
        assert subscriber_id is not None
        draft = invoices.draft_final(actor, request_id)
        kind = n % 6
        if kind == 4:
            continue
        if kind == 5:
            discounts = tuple(
                "100000" if i == 0 and x.gross > 100_000 else "" for i, x in enumerate(draft.lines)
            )
            draft = invoices.update_draft(
                actor,
                draft.row.id,
                DraftChanges(discounts, "cash", "", "با تشکر از انتخاب شما"),
                expected_version=draft.row.version,
            )
        issued = invoices.issue(
            actor, draft.row.id, operation_id=_op(), expected_version=draft.row.version
        )
        balance = issued.row.balance
        if balance <= 0 or kind == 2:
            continue
        amount = balance // 2 if kind == 1 else balance
        payments.record_payment(
            actor,
            PaymentDraft(
                _op(),
                subscriber_id,
                "card",
                str(amount),
                reference=str(rng.randint(10**5, 10**6)),
                invoice_id=issued.row.id,
            ),
        )
        if kind == 0:
            invoices.credit_note(
                actor, issued.row.id, "مبلغ اشتباه؛ صورتحساب اصلاحی صادر می‌شود", operation_id=_op()
            )


def make_billing(db: Database, actor: Actor, rng: random.Random) -> int:
    """Every billing state a newcomer should see; returns how many invoices exist."""
    prepaid = prepayment_invoices(db, actor)
    settle_prepayments(db, actor, rng, prepaid)
    finish_with_materials(db, actor, rng)
    final_invoices(db, actor, rng)
    with db.read() as uow:
        return uow.billing_lists.count(uow.billing_lists.invoice_query(count=True))
