"""The request queue: filtered pages, history, and the state changes of this stage."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.repositories.requests import SORT_ORDERS, QueueQuery
from hendazh_desktop.domain.errors import Conflict, NotFound, ValidationError
from hendazh_desktop.domain.fields import clean_text
from hendazh_desktop.domain.jalali import TEHRAN
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.phones import phone_query_digits
from hendazh_desktop.domain.requests import (
    RequestStatus,
    initial_status,
)
from hendazh_desktop.domain.subscription_code import looks_like_code
from hendazh_desktop.domain.text import (
    digits_only,
    normalize_display,
    search_key,
    to_ascii_digits,
)
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.requests.lifecycle import (
    cancel_request,
    locked_request,
    prepayment_required,
    record_transition,
    request_row,
)
from hendazh_desktop.services.requests.records import HistoryEntry, RequestRow

SORT_KEYS = tuple(SORT_ORDERS)
_NUMBER_TEXT = re.compile(r"\+?[\d\s\-().]+", re.ASCII)


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """The queue view's filters, in the user's terms (local Jalali-picked dates)."""

    statuses: tuple[str, ...] = ()
    service_id: int | None = None
    zone_id: int | None = None
    date_from: dt.date | None = None  # local date, inclusive
    date_to: dt.date | None = None  # local date, inclusive
    text: str = ""
    sort: str = "urgency"


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=TEHRAN)


class QueueService:
    """What the queue view reads and the few changes it makes (a cancellation and a web
    form's confirmation publish their events; billing answers them)."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def _query(self, uow: UnitOfWork, flt: QueueFilter) -> QueueQuery:
        if flt.sort not in SORT_ORDERS:
            raise ValidationError("sort", "invalid")
        if flt.date_from and flt.date_to and flt.date_to < flt.date_from:
            raise ValidationError("date_to", "date_range_reversed")
        text = flt.text.strip()[:100]
        number: int | None = None
        subscriber_ids: tuple[int, ...] | None = None
        name_key = contact_text = phone_prefix = ""
        if text:
            digits = digits_only(text)
            # A number, a code or a phone as people type them: 0917-123-4567, +98 917 …
            if digits and _NUMBER_TEXT.fullmatch(to_ascii_digits(text)):
                number = int(digits) if len(digits) <= 12 else None
                ids = set()
                if looks_like_code(digits):
                    found = uow.subscribers.id_by_code(digits)
                    if found is not None:
                        ids.add(found)
                phone = phone_query_digits(text)
                if len(phone) >= 4:
                    phone_prefix = phone if phone.startswith("0") else "0" + phone
                    ids.update(uow.subscribers.ids_by_phone_prefix(phone_prefix, 50))
                subscriber_ids = tuple(sorted(ids))
            else:
                name_key = search_key(text)
                contact_text = normalize_display(text)
        known = {s.value for s in RequestStatus}
        if any(s not in known for s in flt.statuses):
            raise ValidationError("statuses", "invalid")
        return QueueQuery(
            statuses=tuple(flt.statuses),
            service_id=flt.service_id,
            zone_id=flt.zone_id,
            created_from=_local_midnight(flt.date_from) if flt.date_from else None,
            created_to=_local_midnight(flt.date_to + dt.timedelta(days=1)) if flt.date_to else None,
            number=number,
            subscriber_ids=subscriber_ids,
            name_key=name_key,
            contact_text=contact_text,
            phone_prefix=phone_prefix,
            sort=flt.sort,
        )

    def count(self, actor: Actor, flt: QueueFilter) -> int:
        require(actor, Permission.VIEW_REQUESTS)
        with self._db.read() as uow:
            return uow.requests.count(self._query(uow, flt))

    def page(self, actor: Actor, flt: QueueFilter, offset: int, limit: int) -> list[RequestRow]:
        require(actor, Permission.VIEW_REQUESTS)
        with self._db.read() as uow:
            rows = uow.requests.page(self._query(uow, flt), offset, limit)
            return [request_row(r) for r in rows]

    def get(self, actor: Actor, request_id: int) -> RequestRow:
        require(actor, Permission.VIEW_REQUESTS)
        with self._db.read() as uow:
            rows = uow.requests.page(QueueQuery(number=request_id), 0, 1)
        if not rows:
            raise NotFound("request", request_id)
        return request_row(rows[0])

    def history(self, actor: Actor, request_id: int) -> list[HistoryEntry]:
        require(actor, Permission.VIEW_REQUESTS)
        with self._db.read() as uow:
            return [HistoryEntry(*r) for r in uow.requests.history(request_id)]

    def cancel(self, actor: Actor, request_id: int, reason: str, *, expected_version: int) -> None:
        """Cancel with a mandatory reason; the request stays on file with its history."""
        require(actor, Permission.CANCEL_REQUESTS)
        clean = clean_text(reason, field="reason", max_length=500, required=True, min_length=3)
        with self._db.write() as uow:
            request = locked_request(uow, request_id, expected_version)
            now = self._clock()
            cancel_request(uow, request, actor, self._clock, now, clean)
            uow.commit()

    def verify(
        self,
        actor: Actor,
        request_id: int,
        *,
        subscriber_id: int,
        expected_version: int,
        address_id: int | None = None,
    ) -> RequestStatus:
        """Accept a web-form request: tie it to a subscriber and release it to the queue."""
        require(actor, Permission.VERIFY_REQUESTS)
        with self._db.write() as uow:
            request = locked_request(uow, request_id, expected_version)
            if request.status != RequestStatus.TO_VERIFY.value:
                raise Conflict("illegal_transition", current=request.status, target="queued")
            sub = uow.subscribers.get(subscriber_id)
            if sub is None:
                raise ValidationError("subscriber", "subscriber_not_found")
            if sub.do_not_serve:
                raise ValidationError("subscriber", "do_not_serve", reason=sub.do_not_serve_reason)
            if address_id is not None:
                address = uow.subscribers.address(address_id)
                if address is None or address.subscriber_id != sub.id or not address.active:
                    raise ValidationError("address", "address_not_of_subscriber")
                request.address_id = address_id
            elif request.address_id is None and sub.addresses:
                request.address_id = next((a.id for a in sub.addresses if a.active), None)
            service = uow.catalogue.service(request.service_id)
            assert service is not None
            request.subscriber_id = sub.id
            target = initial_status(
                from_web_form=False, prepaid=service.payment_policy == "prepaid"
            )
            now = self._clock()
            record_transition(uow, request, target, actor, now, "تأیید فرم وب")
            if target is RequestStatus.AWAITING_PREPAYMENT:
                uow.publish(prepayment_required(request, actor, self._clock, now))
            uow.commit()
            return target
