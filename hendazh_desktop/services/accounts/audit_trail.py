"""What the services write to the audit trail: snapshots of records and one append helper."""

from __future__ import annotations

from typing import Any

from hendazh_desktop.db.database import UnitOfWork
from hendazh_desktop.db.models.core import Service, ServiceRequest, Subscriber
from hendazh_desktop.domain.audit import AuditAction, diff
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.services.clock import Clock


def subscriber_snapshot(sub: Subscriber) -> dict[str, Any]:
    return {
        "code": sub.code,
        "name": sub.name,
        "national_code": sub.national_code,
        "referrer_id": sub.referrer_id,
        "do_not_serve": sub.do_not_serve,
        "do_not_serve_reason": sub.do_not_serve_reason,
        "notes": sub.notes,
        "phones": [f"{p.number} {p.label}".strip() for p in sub.phones],
        "addresses": [
            f"{a.id or 'new'}|{a.zone_id}|{a.title}|{a.text}|{a.postal_code or ''}"
            f"{'' if a.active else '|retired'}"
            for a in sub.addresses
        ],
    }


def request_snapshot(request: ServiceRequest) -> dict[str, Any]:
    return {
        "subscriber_id": request.subscriber_id,
        "service_id": request.service_id,
        "address_id": request.address_id,
        "status": request.status,
        "priority": request.priority,
        "channel": request.channel,
        "preferred_date": request.preferred_date,
        "window_start": request.window_start,
        "window_end": request.window_end,
        "description": request.description,
    }


def service_snapshot(service: Service) -> dict[str, Any]:
    return {
        "name": service.name,
        "payment_policy": service.payment_policy,
        "materials_prepayment_allowed": service.materials_prepayment_allowed,
        "materials_prepayment_bp": service.materials_prepayment_bp,
        "base_price": service.base_price,
        "active": service.active,
        "tax_service_id": service.tax_service_id or "",
        "dispatch_target_hours": service.dispatch_target_hours,
    }


def record(
    uow: UnitOfWork,
    clock: Clock,
    actor: Actor,
    entity: str,
    entity_id: object,
    action: AuditAction,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    """Append one audit entry in the use case's own transaction (updates keep only changes)."""
    if action is AuditAction.UPDATE:
        before, after = diff(before, after)
        if not after and not before:
            return
    uow.audit.append(
        at=clock(),
        user_id=actor.user_id,
        entity=entity,
        entity_id=entity_id,
        action=action.value,
        before=before,
        after=after,
        role=actor.role.value,
    )
