"""Domain events: facts one feature publishes and others react to in the same transaction.

Each event is published inside the unit of work that made it true, and its handlers (registered
once at start-up, see ``services/wiring.py``) run there and then, in registration order: what
they write is committed or rolled back with the publishing use case. An event names what
happened, who made it happen and when; handlers read anything else they need by id. Events
whose handlers issue numbered documents also carry the publisher's clock: a document's moment
of issue is read only once its series' numbering lock is held (``billing.posting.issue``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from hendazh_desktop.domain.permissions import Actor


@dataclass(frozen=True, slots=True, kw_only=True)
class DomainEvent:
    """Who caused the event and when (the publishing use case's actor and clock)."""

    actor: Actor
    at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class PaidInFull(DomainEvent):
    """An issued invoice (prepayment or final) became fully settled by payments and credit."""

    billing_event_id: int  # the ``paid_in_full`` row of billing_events (the record)
    invoice_id: int
    invoice_kind: str  # domain.billing.InvoiceKind value
    subscriber_id: int
    request_id: int | None
    total: int  # rials
    cause: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PaidInFullReversed(DomainEvent):
    """A paid-in-full invoice is no longer settled (a cheque bounced, a payment was reversed
    or the invoice was cancelled by a credit note): undo what hung on ``PaidInFull``."""

    billing_event_id: int  # the ``paid_in_full_reversed`` row
    reverses_event_id: int  # the ``paid_in_full`` row it reverses
    invoice_id: int
    invoice_kind: str
    subscriber_id: int
    request_id: int | None
    total: int
    cause: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MaterialsPrepaid(DomainEvent):
    """The receipts for a job now cover the materials prepayment asked for it."""

    billing_event_id: int  # the ``materials_prepaid`` row
    request_id: int
    amount: int  # the prepayment asked, in rials
    cause: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MaterialsPrepaidReversed(DomainEvent):
    """The receipts for a job no longer cover its materials prepayment."""

    billing_event_id: int  # the ``materials_prepaid_reversed`` row
    reverses_event_id: int  # the ``materials_prepaid`` row it reverses
    request_id: int
    amount: int
    cause: str


@dataclass(frozen=True, slots=True, kw_only=True)
class JobDone(DomainEvent):
    """The work of a request was finished on site (the request moved to ``done``)."""

    request_id: int
    subscriber_id: int | None
    service_id: int
    group_id: int | None  # the work group that did the job, if one was assigned


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestCancelled(DomainEvent):
    """A request was cancelled (with the reason given); it stays on file with its history."""

    request_id: int
    subscriber_id: int | None
    reason: str
    clock: Callable[[], dt.datetime] = field(compare=False, repr=False)  # for credit notes


@dataclass(frozen=True, slots=True, kw_only=True)
class PrepaymentRequired(DomainEvent):
    """A request for a prepaid service was confirmed (at intake or when a web form was
    verified) and waits for its prepayment before it is queued."""

    request_id: int
    subscriber_id: int
    service_id: int
    clock: Callable[[], dt.datetime] = field(compare=False, repr=False)  # for the invoice


@dataclass(frozen=True, slots=True, kw_only=True)
class SplitPosted(DomainEvent):
    """A job's split was posted: the job is done and its money collected (the work group's
    fee is now owed to it)."""

    split_id: int
    request_id: int
    fee: int  # rials


@dataclass(frozen=True, slots=True, kw_only=True)
class SplitReversed(DomainEvent):
    """A job's posted split was reversed (its collection undone, or the job cancelled)."""

    split_id: int  # the reversal row
    reverses_id: int  # the posted split it reverses
    request_id: int
    fee: int
    cause: str
