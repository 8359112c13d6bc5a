"""Billing's milestones: an invoice paid in full, a job's materials prepaid, and their reversals.

Each change writes its billing_events row (the record), applies its effect on the request, and
then publishes the domain event for the features that hang on it (the money split, wages…),
all in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt

from hendazh_desktop.db.database import UnitOfWork
from hendazh_desktop.db.models.billing import BillingEvent, Invoice
from hendazh_desktop.db.models.core import ServiceRequest
from hendazh_desktop.domain.billing import InvoiceKind
from hendazh_desktop.domain.events import (
    MaterialsPrepaid,
    MaterialsPrepaidReversed,
    PaidInFull,
    PaidInFullReversed,
)
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.domain.requests import RequestStatus
from hendazh_desktop.services.requests.lifecycle import record_transition

S = RequestStatus
PAID = ("paid_in_full", "paid_in_full_reversed")
MATERIALS = ("materials_prepaid", "materials_prepaid_reversed")


def _reversed_id(last: BillingEvent | None) -> int:
    assert last is not None  # a reversal always follows the event it reverses
    return last.id


def record_paid_in_full(
    uow: UnitOfWork, invoice: Invoice, paid: bool, actor: Actor, now: dt.datetime, cause: str
) -> None:
    """Bring the invoice's paid-in-full record in line with ``paid``: on a change, write the
    row (or its reversal), move the request along (or back), and publish the event."""
    last = uow.billing.last_event(PAID, invoice_id=invoice.id)
    was_paid = last is not None and last.kind == "paid_in_full"
    if paid == was_paid:
        return
    record = BillingEvent(
        kind="paid_in_full" if paid else "paid_in_full_reversed",
        invoice_id=invoice.id,
        request_id=invoice.request_id,
        reverses_id=None if paid else _reversed_id(last),
        cause=cause[:300],
        at=now,
        user_id=actor.user_id,
    )
    uow.billing.add(record)
    request = uow.requests.get(invoice.request_id) if invoice.request_id else None
    if paid:
        if request is not None:
            _on_paid(uow, invoice, request, actor, now)
        uow.publish(
            PaidInFull(
                actor=actor,
                at=now,
                billing_event_id=record.id,
                invoice_id=invoice.id,
                invoice_kind=invoice.kind,
                subscriber_id=invoice.subscriber_id,
                request_id=invoice.request_id,
                total=invoice.total,
                cause=record.cause,
            )
        )
        return
    if request is not None:
        _on_unpaid(uow, invoice, request, actor, now)
    uow.publish(
        PaidInFullReversed(
            actor=actor,
            at=now,
            billing_event_id=record.id,
            reverses_event_id=_reversed_id(last),
            invoice_id=invoice.id,
            invoice_kind=invoice.kind,
            subscriber_id=invoice.subscriber_id,
            request_id=invoice.request_id,
            total=invoice.total,
            cause=record.cause,
        )
    )


def _on_paid(
    uow: UnitOfWork, invoice: Invoice, request: ServiceRequest, actor: Actor, now: dt.datetime
) -> None:
    status = S(request.status)
    if invoice.kind == InvoiceKind.PREPAYMENT.value:
        if status is S.AWAITING_PREPAYMENT:
            record_transition(uow, request, S.QUEUED, actor, now, "پیش‌پرداخت کامل دریافت شد")
        elif status is S.DONE:
            record_transition(uow, request, S.PAID, actor, now, "پیش‌پرداخت کامل دریافت شده است")
    elif invoice.kind == InvoiceKind.FINAL.value and status is S.INVOICED:
        record_transition(uow, request, S.PAID, actor, now, "صورتحساب تسویه شد")


def _on_unpaid(
    uow: UnitOfWork, invoice: Invoice, request: ServiceRequest, actor: Actor, now: dt.datetime
) -> None:
    """Undo what the payment released, as far as the job has not gone on without it."""
    status = S(request.status)
    why = "پرداخت برگشت خورد یا صورتحساب ابطال شد"
    if invoice.kind == InvoiceKind.PREPAYMENT.value and status is S.QUEUED:
        record_transition(uow, request, S.AWAITING_PREPAYMENT, actor, now, why)
    elif status is S.PAID:
        record_transition(uow, request, S.INVOICED, actor, now, why)


def refresh_materials(
    uow: UnitOfWork, request: ServiceRequest, actor: Actor, now: dt.datetime, cause: str
) -> None:
    """Mark the materials prepayment paid (or no longer paid) from the receipts for the job,
    and publish the change."""
    asked = uow.billing.materials_prepayment(request.id)
    if asked is None:
        return
    paid = uow.billing.request_payments_total(request.id) >= asked.amount
    last = uow.billing.last_event(MATERIALS, request_id=request.id)
    was_paid = last is not None and last.kind == "materials_prepaid"
    if paid == was_paid:
        return
    request.materials_prepaid_at = now if paid else None
    record = BillingEvent(
        kind="materials_prepaid" if paid else "materials_prepaid_reversed",
        request_id=request.id,
        reverses_id=None if paid else _reversed_id(last),
        cause=cause[:300],
        at=now,
        user_id=actor.user_id,
    )
    uow.billing.add(record)
    request.version += 1
    request.updated_at = now
    if paid:
        uow.publish(
            MaterialsPrepaid(
                actor=actor,
                at=now,
                billing_event_id=record.id,
                request_id=request.id,
                amount=asked.amount,
                cause=record.cause,
            )
        )
        return
    uow.publish(
        MaterialsPrepaidReversed(
            actor=actor,
            at=now,
            billing_event_id=record.id,
            reverses_event_id=_reversed_id(last),
            request_id=request.id,
            amount=asked.amount,
            cause=record.cause,
        )
    )
