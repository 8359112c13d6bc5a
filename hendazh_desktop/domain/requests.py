"""The service request lifecycle as a state machine, and the intake vocabulary."""

from __future__ import annotations

import enum


class RequestStatus(enum.StrEnum):
    """Every state a service request passes through; nothing is ever deleted."""

    RECEIVED = "received"
    TO_VERIFY = "to_verify"
    AWAITING_PREPAYMENT = "awaiting_prepayment"
    QUEUED = "queued"
    ASSIGNED = "assigned"
    DISPATCHED = "dispatched"
    PRICE_PRESENTED = "price_presented"
    AGREED = "agreed"
    DECLINED = "declined"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    INVOICED = "invoiced"
    PAID = "paid"
    CLOSED = "closed"
    CANCELLED = "cancelled"


S = RequestStatus

TRANSITIONS: dict[RequestStatus, frozenset[RequestStatus]] = {
    S.RECEIVED: frozenset({S.QUEUED, S.AWAITING_PREPAYMENT, S.CANCELLED}),
    S.TO_VERIFY: frozenset({S.RECEIVED, S.QUEUED, S.AWAITING_PREPAYMENT, S.CANCELLED}),
    S.AWAITING_PREPAYMENT: frozenset({S.QUEUED, S.CANCELLED}),
    S.QUEUED: frozenset({S.ASSIGNED, S.AWAITING_PREPAYMENT, S.CANCELLED}),
    S.ASSIGNED: frozenset({S.DISPATCHED, S.QUEUED, S.ASSIGNED, S.CANCELLED}),
    S.DISPATCHED: frozenset({S.PRICE_PRESENTED, S.QUEUED, S.CANCELLED}),
    S.PRICE_PRESENTED: frozenset({S.AGREED, S.DECLINED, S.PRICE_PRESENTED, S.CANCELLED}),
    S.AGREED: frozenset({S.IN_PROGRESS, S.PRICE_PRESENTED, S.CANCELLED}),
    S.DECLINED: frozenset({S.QUEUED, S.CLOSED}),
    S.IN_PROGRESS: frozenset({S.DONE, S.PRICE_PRESENTED}),
    S.DONE: frozenset({S.INVOICED, S.PAID}),
    S.INVOICED: frozenset({S.PAID}),
    S.PAID: frozenset({S.CLOSED, S.INVOICED}),
    S.CLOSED: frozenset(),
    S.CANCELLED: frozenset(),
}

# Transitions a person must explain (the reason is stored in the history).
REASON_REQUIRED = frozenset({S.CANCELLED, S.DECLINED})

OPEN_STATUSES = frozenset(set(S) - {S.CLOSED, S.CANCELLED})


def can_transition(current: RequestStatus, target: RequestStatus) -> bool:
    return target in TRANSITIONS[current]


def initial_status(*, from_web_form: bool, prepaid: bool) -> RequestStatus:
    """Where a new request starts: web forms wait for a consultant's check, prepaid services
    wait for their payment, everything else goes straight into the work queue."""
    if from_web_form:
        return S.TO_VERIFY
    return S.AWAITING_PREPAYMENT if prepaid else S.QUEUED


class Priority(enum.IntEnum):
    """Higher is more urgent; the queue sorts by it."""

    LOW = 0
    NORMAL = 1
    URGENT = 2
    EMERGENCY = 3


class Channel(enum.StrEnum):
    """How a request reached the office."""

    PHONE = "phone"
    WEB_FORM = "web_form"
    WALK_IN = "walk_in"


STATUS_LABELS: dict[RequestStatus, str] = {
    S.RECEIVED: "دریافت‌شده",
    S.TO_VERIFY: "در انتظار بررسی",
    S.AWAITING_PREPAYMENT: "در انتظار پیش‌پرداخت",
    S.QUEUED: "در صف",
    S.ASSIGNED: "تخصیص‌یافته",
    S.DISPATCHED: "اعزام‌شده",
    S.PRICE_PRESENTED: "قیمت ارائه‌شده",
    S.AGREED: "مورد موافقت",
    S.DECLINED: "رد شده",
    S.IN_PROGRESS: "در حال انجام",
    S.DONE: "انجام‌شده",
    S.INVOICED: "صورتحساب‌شده",
    S.PAID: "پرداخت‌شده",
    S.CLOSED: "بسته‌شده",
    S.CANCELLED: "لغوشده",
}

PRIORITY_LABELS: dict[Priority, str] = {
    Priority.LOW: "کم",
    Priority.NORMAL: "عادی",
    Priority.URGENT: "فوری",
    Priority.EMERGENCY: "اضطراری",
}

CHANNEL_LABELS: dict[Channel, str] = {
    Channel.PHONE: "تلفن",
    Channel.WEB_FORM: "فرم وب",
    Channel.WALK_IN: "حضوری",
}
