"""The request lifecycle: opening requests, recording a transition with its history and audit
line, the optimistic lock every change of a request takes, and the events a request publishes
(confirmed awaiting prepayment, cancelled, job done) for other features to answer. Intake, the
queue, dispatch and billing all build on this module (and it on none of them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from hendazh_desktop.db.database import UnitOfWork
from hendazh_desktop.db.models.core import RequestEvent, ServiceRequest
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.errors import Conflict, NotFound, ValidationError
from hendazh_desktop.domain.events import JobDone, PrepaymentRequired, RequestCancelled
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.domain.requests import REASON_REQUIRED, RequestStatus, can_transition
from hendazh_desktop.services.clock import Clock
from hendazh_desktop.services.requests.records import RequestRow


def locked_request(uow: UnitOfWork, request_id: int, expected_version: int) -> ServiceRequest:
    """The request, locked for this write transaction, if nobody changed it since the caller
    read ``expected_version``; otherwise a ``stale`` conflict (the screen must reload)."""
    request = uow.requests.get(request_id, for_update=True)
    if request is None:
        raise NotFound("request", request_id)
    if request.version != expected_version:
        raise Conflict("stale", entity="request", id=request_id)
    return request


def request_row(r: Any) -> RequestRow:
    return RequestRow(
        id=r[0],
        created_at=r[1],
        subscriber_name=r[2],
        subscriber_code=r[3],
        service=r[4],
        zone=r[5],
        status=r[6],
        priority=r[7],
        preferred_date=r[8],
        window_start=r[9],
        window_end=r[10],
        channel=r[11],
        version=r[12],
        description=r[13],
        address=r[14],
        do_not_serve=bool(r[15]),
    )


def open_request(
    uow: UnitOfWork, actor: Actor, now: dt.datetime, *, reason: str = "", **fields: Any
) -> ServiceRequest:
    """Add a new request and the first line of its history (who opened it, in what state)."""
    request = uow.requests.add(
        ServiceRequest(created_at=now, created_by=actor.user_id, updated_at=now, **fields)
    )
    uow.requests.add_event(
        RequestEvent(
            request_id=request.id,
            at=now,
            user_id=actor.user_id,
            from_status=None,
            to_status=request.status,
            reason=reason,
        )
    )
    return request


def open_requests(
    uow: UnitOfWork, actor: Actor, now: dt.datetime, rows: Sequence[dict[str, Any]], *, reason: str
) -> list[int]:
    """``open_request`` for many requests at once (an import), in batched inserts; returns
    the new requests' ids in the order of ``rows``."""
    opened = {"created_at": now, "created_by": actor.user_id, "updated_at": now, "version": 1}
    return uow.requests.add_many(
        [{**opened, **fields} for fields in rows],
        [
            {
                "at": now,
                "user_id": actor.user_id,
                "from_status": None,
                "to_status": fields["status"],
                "reason": reason,
            }
            for fields in rows
        ],
    )


def prepayment_required(
    request: ServiceRequest, actor: Actor, clock: Clock, now: dt.datetime
) -> PrepaymentRequired:
    """The event a request for a prepaid service publishes once confirmed (at intake, or when
    its web form is verified): billing issues its prepayment invoice."""
    assert request.subscriber_id is not None  # a confirmed request has its subscriber
    return PrepaymentRequired(
        actor=actor,
        at=now,
        request_id=request.id,
        subscriber_id=request.subscriber_id,
        service_id=request.service_id,
        clock=clock,
    )


def cancel_request(
    uow: UnitOfWork,
    request: ServiceRequest,
    actor: Actor,
    clock: Clock,
    now: dt.datetime,
    reason: str,
) -> None:
    """Cancel a request and publish ``RequestCancelled`` (billing credits its live invoices;
    the event carries ``clock`` because the credit notes read the time under their numbering
    lock). The only way to cancel: ``record_transition`` refuses it."""
    _transition(uow, request, RequestStatus.CANCELLED, actor, now, reason)
    uow.publish(
        RequestCancelled(
            actor=actor,
            at=now,
            request_id=request.id,
            subscriber_id=request.subscriber_id,
            reason=reason,
            clock=clock,
        )
    )


def finish_job(
    uow: UnitOfWork, request: ServiceRequest, actor: Actor, now: dt.datetime, reason: str
) -> None:
    """Mark a job's work done and publish ``JobDone``. The only way to reach ``done``:
    ``record_transition`` refuses it."""
    request.done_at = now
    _transition(uow, request, RequestStatus.DONE, actor, now, reason)
    uow.publish(
        JobDone(
            actor=actor,
            at=now,
            request_id=request.id,
            subscriber_id=request.subscriber_id,
            service_id=request.service_id,
            group_id=request.group_id,
        )
    )


# Transitions that publish an event: they go through their own function above.
PUBLISHED = {RequestStatus.CANCELLED: "cancel_request", RequestStatus.DONE: "finish_job"}


def record_transition(
    uow: UnitOfWork,
    request: ServiceRequest,
    target: RequestStatus,
    actor: Actor,
    now: dt.datetime,
    reason: str = "",
) -> None:
    """Move a request to a new state and write the history line, or refuse the move. A
    cancellation or a job done is refused here: ``cancel_request`` and ``finish_job`` make
    them and publish their events, so no caller can forget to."""
    if target in PUBLISHED:
        raise ValueError(f"a move to {target.value} goes through {PUBLISHED[target]}()")
    _transition(uow, request, target, actor, now, reason)


def _transition(
    uow: UnitOfWork,
    request: ServiceRequest,
    target: RequestStatus,
    actor: Actor,
    now: dt.datetime,
    reason: str,
) -> None:
    current = RequestStatus(request.status)
    if not can_transition(current, target):
        raise Conflict("illegal_transition", current=current.value, target=target.value)
    if target in REASON_REQUIRED and not reason:
        raise ValidationError("reason", "required")
    request.status = target.value
    request.updated_at = now
    request.version += 1
    uow.requests.add_event(
        RequestEvent(
            request_id=request.id,
            at=now,
            user_id=actor.user_id,
            from_status=current.value,
            to_status=target.value,
            reason=reason,
        )
    )
    uow.audit.append(
        at=now,
        user_id=actor.user_id,
        entity="request",
        entity_id=request.id,
        action=AuditAction.TRANSITION.value,
        before={"status": current.value},
        after={"status": target.value, "reason": reason, "subscriber_id": request.subscriber_id},
    )
