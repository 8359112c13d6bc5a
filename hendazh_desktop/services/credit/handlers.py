"""What gift credit does when other features publish their events: post a job's split once it
is done and paid, and reverse it when the payment or the job is undone."""

from __future__ import annotations

from typing import Any

from hendazh_desktop.db.database import UnitOfWork
from hendazh_desktop.db.events import Subscription, on
from hendazh_desktop.domain.events import JobDone, PaidInFull, PaidInFullReversed, RequestCancelled
from hendazh_desktop.services.credit.posting import (
    SPLIT_INVOICE_KINDS,
    post_if_complete,
    reverse_live,
)


def on_paid_in_full(uow: UnitOfWork, event: PaidInFull) -> None:
    """The job's money is collected: its split is posted if the work is done too."""
    if event.request_id is None or event.invoice_kind not in SPLIT_INVOICE_KINDS:
        return
    post_if_complete(
        uow,
        event.request_id,
        event.actor,
        event.at,
        f"تسویه صورتحساب {event.invoice_id}",
        billing_event_id=event.billing_event_id,
    )


def on_job_done(uow: UnitOfWork, event: JobDone) -> None:
    """The work is done: the split is posted if its money (a prepayment) is collected."""
    post_if_complete(uow, event.request_id, event.actor, event.at, "پایان کار")


def on_paid_in_full_reversed(uow: UnitOfWork, event: PaidInFullReversed) -> None:
    """The payment that completed the job is undone: its split is reversed, once."""
    if event.request_id is None:
        return
    reverse_live(
        uow,
        event.request_id,
        event.actor,
        event.at,
        f"برگشت تسویه صورتحساب {event.invoice_id} ({event.cause})",
        invoice_id=event.invoice_id,
        billing_event_id=event.billing_event_id,
    )


def on_request_cancelled(uow: UnitOfWork, event: RequestCancelled) -> None:
    """A cancelled request keeps no split."""
    reverse_live(uow, event.request_id, event.actor, event.at, f"لغو درخواست: {event.reason}")


def credit_handlers() -> list[Subscription[Any]]:
    """Gift credit's subscriptions (they run after billing's for the same event)."""
    return [
        on(PaidInFull, on_paid_in_full),
        on(JobDone, on_job_done),
        on(PaidInFullReversed, on_paid_in_full_reversed),
        on(RequestCancelled, on_request_cancelled),
    ]
