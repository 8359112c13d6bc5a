"""What billing does when other features publish their events: credit a cancelled request's
invoices, issue a confirmed prepaid request's prepayment invoice, settle a done prepaid job."""

from __future__ import annotations

from typing import Any

from hendazh_desktop.db.database import UnitOfWork
from hendazh_desktop.db.events import Subscription, on
from hendazh_desktop.db.models.core import ServiceRequest
from hendazh_desktop.domain.billing import InvoiceKind, InvoiceState
from hendazh_desktop.domain.events import JobDone, PrepaymentRequired, RequestCancelled
from hendazh_desktop.domain.requests import RequestStatus
from hendazh_desktop.services.billing.posting import credit_on_cancel, issue_prepayment_invoice
from hendazh_desktop.services.requests.lifecycle import record_transition


def _request(uow: UnitOfWork, request_id: int) -> ServiceRequest:
    request = uow.requests.get(request_id)  # the publisher's own (locked) row
    assert request is not None
    return request


def on_request_cancelled(uow: UnitOfWork, event: RequestCancelled) -> None:
    """A cancelled request leaves no live invoice: each is cancelled by a credit note."""
    request = _request(uow, event.request_id)
    credit_on_cancel(uow, request, event.actor, event.clock, event.reason)


def on_prepayment_required(uow: UnitOfWork, event: PrepaymentRequired) -> None:
    """A prepaid request was confirmed: its prepayment invoice is issued at once."""
    issue_prepayment_invoice(uow, _request(uow, event.request_id), event.actor, event.clock)


def on_job_done(uow: UnitOfWork, event: JobDone) -> None:
    """A prepaid job is done: it is paid already if its prepayment invoice is settled."""
    request = _request(uow, event.request_id)
    for invoice in uow.billing.invoices_of_request(request.id):
        if invoice.kind != InvoiceKind.PREPAYMENT.value:
            continue
        row = uow.billing.balance(invoice.id)
        if row is not None and row.state == InvoiceState.PAID.value:
            record_transition(
                uow,
                request,
                RequestStatus.PAID,
                event.actor,
                event.at,
                "پیش‌پرداخت کامل دریافت شده است",
            )
            return


def billing_handlers() -> list[Subscription[Any]]:
    """Billing's subscriptions, in the order they run."""
    return [
        on(RequestCancelled, on_request_cancelled),
        on(PrepaymentRequired, on_prepayment_required),
        on(JobDone, on_job_done),
    ]
