"""Posting a job's split once its work is done and its money collected, and reversing it
exactly once when that is undone; both inside the transaction of the event that caused it.

The split hangs on two facts, whichever comes last: the job is done (``JobDone``) and an
invoice of the job is paid in full (``PaidInFull``: the final invoice, or for a prepaid service
its prepayment invoice). A job has at most one live split: ``job_splits`` alternates posted
and reversed rows per request under a unique ``(request_id, seq)``.
"""

from __future__ import annotations

import datetime as dt

from hendazh_desktop.db.database import UnitOfWork
from hendazh_desktop.db.models.billing import Invoice
from hendazh_desktop.db.models.core import ServiceRequest
from hendazh_desktop.db.models.credit import JobSplit
from hendazh_desktop.domain.billing import InvoiceKind
from hendazh_desktop.domain.credit import EXPIRY_SETTING, CreditKind, expires_on
from hendazh_desktop.domain.events import SplitPosted, SplitReversed
from hendazh_desktop.domain.jalali import today_local
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.domain.split import Parties, is_labour_line, split_labour

SPLIT_INVOICE_KINDS = (InvoiceKind.FINAL.value, InvoiceKind.PREPAYMENT.value)


def live_split(uow: UnitOfWork, request_id: int) -> JobSplit | None:
    """The job's posted split that nothing reversed yet, if any."""
    splits = uow.credit.splits_of_request(request_id)
    return splits[-1] if splits and splits[-1].kind == "posted" else None


def rule_day(uow: UnitOfWork, request_id: int, invoice: Invoice) -> dt.date:
    """The day whose rule applies: when the price was agreed, else when the invoice (a
    prepaid service's prepayment) was issued."""
    agreed_at = uow.splits.agreed_at(request_id)
    if agreed_at is not None:
        return today_local(agreed_at)
    assert invoice.issued_on is not None
    return invoice.issued_on


def labour_of(invoice: Invoice) -> int:
    """The invoice's labour lines after discount, without VAT (materials pass through)."""
    return sum(line.net for line in invoice.lines if is_labour_line(line.code))


def _parties(uow: UnitOfWork, request: ServiceRequest) -> Parties:
    found = uow.splits.parties(request.subscriber_id) if request.subscriber_id else None
    return Parties(
        recipient_id=request.subscriber_id if found else None,
        referrer_id=found.referrer_id if found else None,
        referrer_do_not_serve=bool(found and found.referrer_do_not_serve),
        recipient_do_not_serve=bool(found and found.recipient_do_not_serve),
        rework=request.rework_of_id is not None,
    )


def _expiry_months(uow: UnitOfWork) -> int | None:
    value = uow.splits.setting(EXPIRY_SETTING)
    return int(value) if value and value.isdigit() and int(value) > 0 else None


def post_if_complete(
    uow: UnitOfWork,
    request_id: int,
    actor: Actor,
    now: dt.datetime,
    cause: str,
    *,
    billing_event_id: int | None = None,
) -> int | None:
    """Post the job's split if it is done and paid and has no live split; else nothing.
    Its reads and inserts are Core statements (``SplitPostingRepository``): they run inside
    the payment that completes the job."""
    request = uow.requests.get(request_id)
    if request is None or request.done_at is None:
        return None
    uow.flush()  # the Core reads below see this transaction's settlement
    last = uow.splits.last_split(request_id)
    if last is not None and last[0] == "posted":
        return None
    invoice_id = uow.splits.settled_invoice_id(request_id, SPLIT_INVOICE_KINDS)
    invoice = uow.splits.invoice(invoice_id) if invoice_id is not None else None
    if invoice is None:
        return None
    rule_id, rule = uow.splits.rule_in_force(request.service_id, rule_day(uow, request_id, invoice))
    split = split_labour(labour_of(invoice), rule, _parties(uow, request))
    assert split.parts_total == split.labour
    split_id = uow.splits.insert_split(
        {
            "request_id": request_id,
            "seq": (last[1] if last else 0) + 1,
            "kind": "posted",
            "invoice_id": invoice.id,
            "billing_event_id": billing_event_id,
            "rule_id": rule_id,
            "labour": split.labour,
            "fee": split.fee,
            "commission": split.commission,
            "commission_kept": split.commission_kept,
            "referrer_id": split.referrer_id,
            "referrer_credit": split.referrer_credit,
            "referrer_reason": split.referrer_reason.value if split.referrer_reason else None,
            "recipient_id": split.recipient_id,
            "recipient_credit": split.recipient_credit,
            "recipient_reason": split.recipient_reason.value if split.recipient_reason else None,
            "cause": cause[:300],
            "at": now,
            "user_id": actor.user_id,
        }
    )
    day = today_local(now)
    expiry = expires_on(day, _expiry_months(uow))
    earned = (
        (split.referrer_id, split.referrer_credit, CreditKind.EARNED_REFERRER),
        (split.recipient_id, split.recipient_credit, CreditKind.EARNED_RECIPIENT),
    )
    uow.credit.add_entries(
        [
            {
                "subscriber_id": subscriber_id,
                "kind": kind.value,
                "amount": amount,
                "split_id": split_id,
                "request_id": request_id,
                "expires_on": expiry,
                "reason": f"درخواست {request_id}",
                "at": now,
                "on_day": day,
                "user_id": actor.user_id,
            }
            for subscriber_id, amount, kind in earned
            if subscriber_id is not None and amount > 0
        ]
    )
    uow.publish(
        SplitPosted(actor=actor, at=now, split_id=split_id, request_id=request_id, fee=split.fee)
    )
    return split_id


def reverse_live(
    uow: UnitOfWork,
    request_id: int,
    actor: Actor,
    now: dt.datetime,
    cause: str,
    *,
    invoice_id: int | None = None,
    billing_event_id: int | None = None,
) -> JobSplit | None:
    """Reverse the job's live split (only the one ``invoice_id`` completed, when given):
    a reversal row naming it and a reversing entry for each credit it earned, recorded even
    when the credit was spent already (the balance may go below zero)."""
    posted = live_split(uow, request_id)
    if posted is None or (invoice_id is not None and posted.invoice_id != invoice_id):
        return None
    row = JobSplit(
        request_id=request_id,
        seq=posted.seq + 1,
        kind="reversed",
        reverses_id=posted.id,
        invoice_id=posted.invoice_id,
        billing_event_id=billing_event_id,
        rule_id=posted.rule_id,
        labour=posted.labour,
        fee=posted.fee,
        commission=posted.commission,
        commission_kept=posted.commission_kept,
        referrer_id=posted.referrer_id,
        referrer_credit=posted.referrer_credit,
        referrer_reason=posted.referrer_reason,
        recipient_id=posted.recipient_id,
        recipient_credit=posted.recipient_credit,
        recipient_reason=posted.recipient_reason,
        cause=cause[:300],
        at=now,
        user_id=actor.user_id,
    )
    uow.credit.add(row)
    day = today_local(now)
    uow.credit.add_entries(
        [
            {
                "subscriber_id": earned.subscriber_id,
                "kind": CreditKind.REVERSAL.value,
                "amount": -earned.amount,
                "split_id": row.id,
                "request_id": request_id,
                "reverses_id": earned.id,
                "reason": f"برگشت اعتبار درخواست {request_id}: {cause}"[:300],
                "at": now,
                "on_day": day,
                "user_id": actor.user_id,
            }
            for earned in uow.credit.entries_of_split(posted.id)
        ]
    )
    uow.publish(
        SplitReversed(
            actor=actor,
            at=now,
            split_id=row.id,
            reverses_id=posted.id,
            request_id=request_id,
            fee=row.fee,
            cause=row.cause,
        )
    )
    return row
