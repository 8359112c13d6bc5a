"""Frozen records of subscribers: list rows, references, phones, addresses, the card."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hendazh_desktop.services.requests.records import RequestRow


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
class DuplicateHit:
    """An existing subscriber that already has a phone or national code being entered."""

    field: str
    value: str
    subscriber: SubscriberRef
