"""Complaints opened by low scores, closed by a manager with what was done; subscribers'
ideas with their state and the manager's note."""

from __future__ import annotations

from typing import Any

from hendazh_desktop.db.database import Database
from hendazh_desktop.db.models.core import ServiceRequest
from hendazh_desktop.db.models.quality import Complaint, Idea
from hendazh_desktop.db.repositories.quality import COMPLAINT_ORDERS, IDEA_ORDERS, as_utc
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.errors import Conflict, FormErrorCollector, NotFound
from hendazh_desktop.domain.fields import clean_text
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.quality import IDEA_SOURCES, ComplaintAction, IdeaState
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.list_order import check_order
from hendazh_desktop.services.quality.feedback import MAX_IDEA, add_idea
from hendazh_desktop.services.quality.records import ComplaintRow, IdeaRow


def complaint_row(r: Any) -> ComplaintRow:
    opened = as_utc(r[10])
    assert opened is not None
    return ComplaintRow(
        r[0],
        r[1],
        r[2],
        r[3] or "",
        r[4] or "",
        r[5],
        r[6],
        r[7],
        r[8],
        r[9],
        opened,
        r[11],
        r[12],
        r[13],
        as_utc(r[14]),
        r[15],
    )


def idea_row(r: Any) -> IdeaRow:
    created = as_utc(r[8])
    assert created is not None
    return IdeaRow(r[0], r[1], r[2] or "", r[3], r[4], r[5], r[6], r[7], created, r[9])


class ComplaintService:
    """Lists complaints; managers close them with what was done."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def page(
        self,
        actor: Actor,
        state: str | None,
        group_id: int | None,
        offset: int,
        limit: int,
        order: str = "",
    ) -> list[ComplaintRow]:
        """Open first and newest first, or by a column (a key of COMPLAINT_ORDERS)."""
        require(actor, Permission.RECORD_FEEDBACK)
        check_order(order, COMPLAINT_ORDERS)
        with self._db.read() as uow:
            rows = uow.quality.complaints(state, group_id, offset, limit, order)
            return [complaint_row(r) for r in rows]

    def count(self, actor: Actor, state: str | None, group_id: int | None = None) -> int:
        require(actor, Permission.RECORD_FEEDBACK)
        with self._db.read() as uow:
            return uow.quality.complaint_count(state, group_id)

    def close(
        self,
        actor: Actor,
        complaint_id: int,
        action: str,
        note: str,
        *,
        expected_version: int,
        rework_request_id: int | None = None,
    ) -> None:
        """Close with what was done (a rework names the rework request linked to the job)."""
        require(actor, Permission.MANAGE_QUALITY)
        errors = FormErrorCollector()
        if action not in {a.value for a in ComplaintAction}:
            errors.add("action", "action_invalid")
        text = errors.check(
            clean_text,
            note,
            field="note",
            max_length=1000,
            required=True,
            min_length=3,
            multiline=True,
        )
        errors.raise_if_any()
        now = self._clock()
        with self._db.write() as uow:
            complaint = uow.session.get(Complaint, complaint_id)
            if complaint is None:
                raise NotFound("complaint", complaint_id)
            if complaint.state != "open":
                raise Conflict("complaint_closed")
            if complaint.version != expected_version:
                raise Conflict("stale", entity="complaint", id=complaint_id)
            rework = None
            if action == ComplaintAction.REWORK:
                rework = (
                    uow.session.get(ServiceRequest, rework_request_id)
                    if rework_request_id is not None
                    else None
                )
                if rework is None or rework.rework_of_id != complaint.request_id:
                    errors.add("rework_request", "rework_not_linked")
                    errors.raise_if_any()
            complaint.state, complaint.action, complaint.note = "closed", action, text
            complaint.rework_request_id = rework.id if rework is not None else None
            complaint.closed_at, complaint.closed_by = now, actor.user_id
            complaint.version += 1
            uow.audit.append(
                at=now,
                user_id=actor.user_id,
                entity="complaint",
                entity_id=complaint.id,
                action=AuditAction.UPDATE.value,
                before={"state": "open"},
                after={
                    "state": "closed",
                    "action": action,
                    "note": text,
                    "rework_request": complaint.rework_request_id,
                },
            )
            uow.commit()


class IdeaService:
    """Ideas subscribers offer: recorded by the office, judged by managers."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def add(
        self,
        actor: Actor,
        text: str,
        *,
        source: str,
        subscriber_id: int | None = None,
        request_id: int | None = None,
    ) -> int:
        require(actor, Permission.RECORD_FEEDBACK)
        errors = FormErrorCollector()
        if source not in IDEA_SOURCES:
            errors.add("source", "idea_source_invalid")
        body = errors.check(
            clean_text,
            text,
            field="idea",
            max_length=MAX_IDEA,
            required=True,
            min_length=3,
            multiline=True,
        )
        errors.raise_if_any()
        with self._db.write() as uow:
            idea_id = add_idea(uow, actor, self._clock(), body, source, subscriber_id, request_id)
            uow.commit()
            return idea_id

    def set_state(
        self, actor: Actor, idea_id: int, state: str, note: str, *, expected_version: int
    ) -> None:
        """A manager moves an idea on (under review, adopted, declined) with a note."""
        require(actor, Permission.MANAGE_QUALITY)
        errors = FormErrorCollector()
        if state not in {s.value for s in IdeaState}:
            errors.add("state", "idea_state_invalid")
        text = errors.check(clean_text, note, field="note", max_length=1000, multiline=True)
        errors.raise_if_any()
        now = self._clock()
        with self._db.write() as uow:
            idea = uow.session.get(Idea, idea_id)
            if idea is None:
                raise NotFound("idea", idea_id)
            if idea.version != expected_version:
                raise Conflict("stale", entity="idea", id=idea_id)
            before = {"state": idea.state, "note": idea.manager_note}
            idea.state, idea.manager_note, idea.updated_at = state, text or "", now
            idea.version += 1
            uow.audit.append(
                at=now,
                user_id=actor.user_id,
                entity="idea",
                entity_id=idea.id,
                action=AuditAction.UPDATE.value,
                before=before,
                after={"state": state, "note": idea.manager_note},
            )
            uow.commit()

    def page(
        self, actor: Actor, state: str | None, offset: int, limit: int, order: str = ""
    ) -> list[IdeaRow]:
        """Newest first, or by a column (a key of IDEA_ORDERS)."""
        require(actor, Permission.RECORD_FEEDBACK)
        check_order(order, IDEA_ORDERS)
        with self._db.read() as uow:
            return [idea_row(r) for r in uow.quality.ideas(state, offset, limit, order)]

    def count(self, actor: Actor, state: str | None) -> int:
        require(actor, Permission.RECORD_FEEDBACK)
        with self._db.read() as uow:
            return uow.quality.idea_count(state)
