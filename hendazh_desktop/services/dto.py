"""Frozen data transfer objects returned by the services to the UI and scripts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ZoneInfo:
    """A district of the city."""

    id: int
    name: str


@dataclass(frozen=True, slots=True)
class ServiceInfo:
    """One service of the catalogue with its money rules (rates in basis points)."""

    id: int
    code: str
    name: str
    payment_policy: str
    materials_prepayment_allowed: bool
    materials_prepayment_bp: int
    vat_exempt: bool
    vat_rate_bp: int
    commission_bp: int
    referrer_share_bp: int
    recipient_share_bp: int
    base_price: int
    active: bool
    version: int

    @property
    def prepaid(self) -> bool:
        return self.payment_policy == "prepaid"


@dataclass(frozen=True, slots=True)
class SubscriberRow:
    """A subscriber as one line of a list or a search result, formatted once."""

    id: int
    code: str
    name: str
    phone: str
    zone: str
    do_not_serve: bool
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class SubscriberRef:
    """A subscriber named by id, code and name (referrer, referred)."""

    id: int
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class PhoneInfo:
    """A phone number of a subscriber."""

    number: str
    kind: str
    label: str


@dataclass(frozen=True, slots=True)
class AddressInfo:
    """An active address of a subscriber."""

    id: int
    title: str
    zone_id: int
    zone: str
    text: str
    postal_code: str


@dataclass(frozen=True, slots=True)
class RequestRow:
    """One service request as a row of the queue."""

    id: int
    created_at: dt.datetime
    subscriber_name: str
    subscriber_code: str
    service: str
    zone: str
    status: str
    priority: int
    preferred_date: dt.date | None
    window_start: dt.time | None
    window_end: dt.time | None
    channel: str
    version: int
    description: str
    address: str
    do_not_serve: bool


@dataclass(frozen=True, slots=True)
class SubscriberCard:
    """Everything the office shows about one subscriber."""

    id: int
    code: str
    name: str
    national_code: str
    do_not_serve: bool
    do_not_serve_reason: str
    notes: str
    created_at: dt.datetime
    version: int
    phones: tuple[PhoneInfo, ...]
    addresses: tuple[AddressInfo, ...]
    referrer: SubscriberRef | None
    referred: tuple[SubscriberRef, ...]
    requests: tuple[RequestRow, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of a request's history."""

    at: dt.datetime
    user: str
    from_status: str | None
    to_status: str
    reason: str


@dataclass(frozen=True, slots=True)
class DuplicateHit:
    """An existing subscriber that already has a phone or national code being entered."""

    field: str
    value: str
    subscriber: SubscriberRef


@dataclass(frozen=True, slots=True)
class CreatedRequest:
    """The number and first state of a new request."""

    id: int
    status: str


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """Why one line of a web-form file could not be used."""

    line: int
    reason: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What a web-form import did: requests created, or every problem found (nothing written)."""

    created: tuple[int, ...]
    matched: int
    unmatched: int
    skipped_duplicates: int
    problems: tuple[ImportProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems
