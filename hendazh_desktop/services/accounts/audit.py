"""Reading and verifying the audit trail (managers and admins)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from hendazh_desktop.db.database import Database
from hendazh_desktop.db.repositories.audit import AUDIT_ORDERS, AuditQuery
from hendazh_desktop.domain.jalali import TEHRAN
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.progress import CancelCheck, Progress, never_cancelled, no_progress
from hendazh_desktop.services.list_order import check_order


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """The audit view's filters (local Jalali-picked days, inclusive)."""

    user_id: int | None = None
    entity: str | None = None
    entity_id: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One audit entry with its before/after values."""

    id: int
    at: dt.datetime
    user_id: int | None
    user: str
    entity: str
    entity_id: str
    action: str
    before: dict[str, object] | None
    after: dict[str, object] | None


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """The outcome of walking the audit hash chain."""

    checked: int
    ok: bool
    broken_entry: int | None
    reason: str


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=TEHRAN)


def _query(flt: AuditFilter) -> AuditQuery:
    return AuditQuery(
        user_id=flt.user_id,
        entity=flt.entity or None,
        entity_id=flt.entity_id or None,
        at_from=_midnight(flt.date_from) if flt.date_from else None,
        at_to=_midnight(flt.date_to + dt.timedelta(days=1)) if flt.date_to else None,
    )


class AuditService:
    """The audit view's queries and the chain check."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def count(self, actor: Actor, flt: AuditFilter) -> int:
        require(actor, Permission.VIEW_AUDIT)
        with self._db.read() as uow:
            return uow.audit.count(_query(flt))

    def page(
        self,
        actor: Actor,
        flt: AuditFilter,
        offset: int,
        limit: int,
        *,
        oldest_first: bool = False,
        order: str = "",
    ) -> list[AuditRow]:
        """Newest first (or oldest first), in the order they were recorded, or by a column
        (``order``: a key of AUDIT_ORDERS, "-" for descending)."""
        require(actor, Permission.VIEW_AUDIT)
        if order:
            check_order(order.removeprefix("-"), AUDIT_ORDERS)
        with self._db.read() as uow:
            return [
                AuditRow(
                    id=e.id,
                    at=e.at,
                    user_id=e.user_id,
                    user=name,
                    entity=e.entity,
                    entity_id=e.entity_id,
                    action=e.action,
                    before=json.loads(e.before_json) if e.before_json else None,
                    after=json.loads(e.after_json) if e.after_json else None,
                )
                for e, name in uow.audit.page(
                    _query(flt), offset, limit, oldest_first=oldest_first, order=order
                )
            ]

    def entities(self, actor: Actor) -> list[str]:
        require(actor, Permission.VIEW_AUDIT)
        with self._db.read() as uow:
            return sorted(uow.audit.entities())

    def users(self, actor: Actor) -> list[tuple[int, str]]:
        require(actor, Permission.VIEW_AUDIT)
        with self._db.read() as uow:
            return [(u.id, u.full_name) for u in uow.users.all()]

    def verify(
        self,
        actor: Actor | None,
        *,
        progress: Progress = no_progress,
        cancelled: CancelCheck = never_cancelled,
    ) -> VerifyResult:
        """Walk the whole chain; ``actor`` None for the command line. ``progress`` gets
        entries checked; ``cancelled`` may stop it between batches (it only reads)."""
        if actor is not None:
            require(actor, Permission.VIEW_AUDIT)
        with self._db.read() as uow:
            checked, broken = uow.audit.verify(progress, cancelled)
        if broken is None:
            return VerifyResult(checked, True, None, "")
        return VerifyResult(checked, False, broken.entry_id, broken.reason)
