"""Intake: the consultant turns a call into a well-formed service request."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.models.core import Address, Subscriber
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.errors import FormErrorCollector, ValidationError
from hendazh_desktop.domain.fields import clean_text
from hendazh_desktop.domain.jalali import parse_date, parse_time, today_local
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.requests import Channel, Priority, RequestStatus, initial_status
from hendazh_desktop.domain.subscriber_forms import AddressDraft, clean_address
from hendazh_desktop.services.accounts.audit_trail import record, request_snapshot
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.requests.lifecycle import open_request, prepayment_required
from hendazh_desktop.services.requests.records import CreatedRequest

MAX_DAYS_AHEAD = 366


@dataclass(frozen=True, slots=True)
class RequestDraft:
    """The intake panel's fields as typed (dates and times as Jalali text)."""

    subscriber_id: int | None
    service_id: int | None
    address_id: int | None = None
    new_address: AddressDraft | None = None
    description: str = ""
    preferred_date: str = ""
    window_start: str = ""
    window_end: str = ""
    priority: int = Priority.NORMAL
    channel: str = Channel.PHONE.value


@dataclass(frozen=True, slots=True)
class CleanSchedule:
    """The preferred day and time window, validated."""

    preferred_date: dt.date | None
    window_start: dt.time | None
    window_end: dt.time | None


def clean_schedule(
    errors: FormErrorCollector, date_text: str, start_text: str, end_text: str, today: dt.date
) -> CleanSchedule:
    """Preferred Jalali date (today or later, within a year) and an ordered time window."""
    day = None
    if date_text.strip():
        day = errors.check(parse_date, date_text, field="preferred_date")
        if day is not None and day < today:
            errors.add("preferred_date", "date_in_past")
        elif day is not None and (day - today).days > MAX_DAYS_AHEAD:
            errors.add("preferred_date", "date_too_far")
    start = (
        errors.check(parse_time, start_text, field="window_start") if start_text.strip() else None
    )
    end = errors.check(parse_time, end_text, field="window_end") if end_text.strip() else None
    if start is not None and end is not None and end <= start:
        errors.add("window_end", "window_order")
    return CleanSchedule(day, start, end)


class IntakeService:
    """Creates service requests from calls."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def create_request(self, actor: Actor, draft: RequestDraft) -> CreatedRequest:
        """Validate every field, then queue the request (or hold it for prepayment)."""
        require(actor, Permission.CREATE_REQUESTS)
        now = self._clock()
        errors = FormErrorCollector()
        description = errors.check(
            clean_text, draft.description, field="description", max_length=2000, multiline=True
        )
        schedule = clean_schedule(
            errors, draft.preferred_date, draft.window_start, draft.window_end, today_local(now)
        )
        if draft.priority not in {int(p) for p in Priority}:
            errors.add("priority", "invalid")
        if draft.channel not in {c.value for c in Channel}:
            errors.add("channel", "invalid")
        new_address = clean_address(errors, 0, draft.new_address) if draft.new_address else None
        if draft.subscriber_id is None:
            errors.add("subscriber", "required")
        if draft.service_id is None:
            errors.add("service", "required")
        if draft.address_id is None and draft.new_address is None:
            errors.add("address", "required")
        errors.raise_if_any()
        assert draft.subscriber_id is not None and draft.service_id is not None
        with self._db.write() as uow:
            subscriber = self._servable_subscriber(uow, draft.subscriber_id)
            service = uow.catalogue.service(draft.service_id)
            if service is None or not service.active:
                raise ValidationError("service", "service_unavailable")
            if new_address is not None:
                if uow.catalogue.zone(new_address.zone_id) is None:
                    raise ValidationError("address:0:zone", "zone_unknown")
                address = Address(
                    title=new_address.title,
                    zone_id=new_address.zone_id,
                    text=new_address.text,
                    postal_code=new_address.postal_code,
                )
                subscriber.addresses.append(address)
                uow.flush()
                address_id = address.id
            else:
                found = uow.subscribers.address(draft.address_id or 0)
                if found is None or found.subscriber_id != subscriber.id or not found.active:
                    raise ValidationError("address", "address_not_of_subscriber")
                address_id = found.id
            status = initial_status(
                from_web_form=draft.channel == Channel.WEB_FORM.value,
                prepaid=service.payment_policy == "prepaid",
            )
            request = open_request(
                uow,
                actor,
                now,
                subscriber_id=subscriber.id,
                service_id=service.id,
                address_id=address_id,
                description=description or "",
                preferred_date=schedule.preferred_date,
                window_start=schedule.window_start,
                window_end=schedule.window_end,
                priority=int(draft.priority),
                channel=draft.channel,
                status=status.value,
            )
            if status is RequestStatus.AWAITING_PREPAYMENT:
                uow.publish(prepayment_required(request, actor, self._clock, now))
            record(
                uow,
                self._clock,
                actor,
                "request",
                request.id,
                AuditAction.CREATE,
                None,
                request_snapshot(request),
            )
            uow.commit()
            return CreatedRequest(request.id, status.value)

    @staticmethod
    def _servable_subscriber(uow: UnitOfWork, subscriber_id: int) -> Subscriber:
        subscriber = uow.subscribers.get(subscriber_id)
        if subscriber is None:
            raise ValidationError("subscriber", "subscriber_not_found")
        if subscriber.do_not_serve:
            raise ValidationError(
                "subscriber", "do_not_serve", reason=subscriber.do_not_serve_reason
            )
        return subscriber
