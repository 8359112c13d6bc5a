"""Sending a work group: the request becomes dispatched and its job sheet is printed."""

from __future__ import annotations

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.errors import Conflict, NotFound
from hendazh_desktop.domain.jalali import format_date, format_datetime, format_time
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.phones import parse_phone
from hendazh_desktop.domain.requests import RequestStatus
from hendazh_desktop.domain.subscription_code import format_code
from hendazh_desktop.domain.text import to_persian_digits
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.requests.lifecycle import locked_request, record_transition


def _phone(number: str) -> str:
    return parse_phone(number).display() if number else ""


class JobSheetService:
    """Dispatch a planned job and print the sheet the group takes along."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def dispatch(self, actor: Actor, request_id: int, *, expected_version: int) -> bytes:
        """Mark the group as sent and return the job sheet PDF."""
        require(actor, Permission.DISPATCH)
        with self._db.write() as uow:
            request = locked_request(uow, request_id, expected_version)
            now = self._clock()
            request.dispatched_at = now
            record_transition(uow, request, RequestStatus.DISPATCHED, actor, now, "اعزام")
            uow.commit()
        return self.sheet(actor, request_id)

    def sheet(self, actor: Actor, request_id: int) -> bytes:
        """The job sheet of a planned or dispatched job (reprints included)."""
        require(actor, Permission.VIEW_REQUESTS)
        with self._db.read() as uow:
            request = uow.requests.get(request_id)
            if request is None:
                raise NotFound("request", request_id)
            if request.group_id is None:
                raise Conflict("not_assigned")
            sub = uow.subscribers.get(request.subscriber_id) if request.subscriber_id else None
            address = uow.subscribers.address(request.address_id) if request.address_id else None
            zone = uow.catalogue.zone(address.zone_id) if address else None
            service = uow.catalogue.service(request.service_id)
            group = uow.work_groups.get(request.group_id)
            company = uow.catalogue.setting("legal_name") or ""
            phones = [p.number for p in sub.phones] if sub else [request.contact_phone]
            asked = []  # what the subscriber asked for, not the day the group goes
            if request.preferred_date:
                asked.append(format_date(request.preferred_date))
            if request.window_start:
                asked.append(f"از ساعت {format_time(request.window_start)}")
            if request.window_end:
                asked.append(f"تا {format_time(request.window_end)}")
            planned = []
            if request.scheduled_date:
                planned.append(format_date(request.scheduled_date))
            if request.scheduled_start:
                planned.append(f"ساعت {format_time(request.scheduled_start)}")
            from hendazh_desktop.reports.job_sheet import JobSheet

            data = JobSheet(
                request_number=to_persian_digits(str(request.id)),
                printed_at=format_datetime(self._clock()),
                group=group.name if group else "",
                subscriber=sub.name if sub else request.contact_name,
                subscription_code=format_code(sub.code) if sub else "—",
                phones="، ".join(_phone(p) for p in phones if p),
                address=address.text if address else request.contact_address,
                zone=zone.name if zone else "",
                service=service.name if service else "",
                description=request.description,
                preferred_time=" ".join(asked),
                planned_time=" ".join(planned),
                company=company,
            )
        from hendazh_desktop.reports.job_sheet import render_job_sheet

        return render_job_sheet(data)
