"""Workers and work groups: list, show, register and edit, with every field checked."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.models.dispatch import (
    GroupLeave,
    GroupMember,
    GroupSkill,
    GroupZone,
    WorkGroup,
)
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.errors import Conflict, FormErrorCollector, NotFound, ValidationError
from hendazh_desktop.domain.fields import clean_person_name, clean_text
from hendazh_desktop.domain.jalali import parse_date
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.phones import parse_phone
from hendazh_desktop.domain.text import search_key
from hendazh_desktop.domain.work_groups import GroupKind, parse_capacity, parse_iban, parse_level
from hendazh_desktop.services.accounts.audit_trail import record
from hendazh_desktop.services.clock import Clock, system_clock

MAX_MEMBERS = 12
MAX_LEAVE_DAYS = 120


@dataclass(frozen=True, slots=True)
class WorkGroupDraft:
    """The work group form as typed; skills are (service id, level 1–5)."""

    name: str
    kind: str
    phone: str
    daily_capacity: str
    iban: str = ""
    active: bool = True
    notes: str = ""
    members: tuple[tuple[str, str], ...] = ()
    skills: tuple[tuple[int, int], ...] = ()
    zone_ids: tuple[int, ...] = ()
    leave_days: tuple[str, ...] = ()  # typed Jalali dates


@dataclass(frozen=True, slots=True)
class WorkGroupRow:
    """One line of the work group list."""

    id: int
    name: str
    kind: str
    phone: str
    daily_capacity: int
    active: bool
    skill_count: int
    zone_count: int
    member_count: int


@dataclass(frozen=True, slots=True)
class WorkGroupInfo:
    """Everything about one work group."""

    id: int
    name: str
    kind: str
    phone: str
    iban: str
    daily_capacity: int
    active: bool
    notes: str
    version: int
    members: tuple[tuple[str, str], ...]
    skills: tuple[tuple[int, int], ...]
    zone_ids: tuple[int, ...]
    leave_days: tuple[dt.date, ...]


def _info(group: WorkGroup) -> WorkGroupInfo:
    return WorkGroupInfo(
        id=group.id,
        name=group.name,
        kind=group.kind,
        phone=group.phone,
        iban=group.iban or "",
        daily_capacity=group.daily_capacity,
        active=group.active,
        notes=group.notes,
        version=group.version,
        members=tuple((m.name, m.phone) for m in group.members),
        skills=tuple(sorted((s.service_id, s.level) for s in group.skills)),
        zone_ids=tuple(sorted(z.zone_id for z in group.zones)),
        leave_days=tuple(sorted(d.day for d in group.leave)),
    )


def _snapshot(group: WorkGroup) -> dict[str, Any]:
    info = _info(group)
    return {
        "name": info.name,
        "kind": info.kind,
        "phone": info.phone,
        "iban": info.iban,
        "daily_capacity": info.daily_capacity,
        "active": info.active,
        "notes": info.notes,
        "members": [f"{n} {p}".strip() for n, p in info.members],
        "skills": [f"{s}:{lvl}" for s, lvl in info.skills],
        "zones": list(info.zone_ids),
        "leave": [d.isoformat() for d in info.leave_days],
    }


@dataclass(frozen=True, slots=True)
class _Clean:
    name: str
    kind: str
    phone: str
    iban: str | None
    capacity: int
    notes: str
    members: tuple[tuple[str, str], ...]
    skills: tuple[tuple[int, int], ...]
    zone_ids: tuple[int, ...]
    leave: tuple[dt.date, ...]


def clean_group(draft: WorkGroupDraft) -> _Clean:
    """Validate every field; raise with all bad fields at once."""
    errors = FormErrorCollector()
    name = errors.check(
        clean_text, draft.name, field="name", max_length=100, required=True, min_length=2
    )
    if draft.kind not in {k.value for k in GroupKind}:
        errors.add("kind", "invalid")
    phone = errors.check(parse_phone, draft.phone, field="phone")
    iban = errors.check(parse_iban, draft.iban, field="iban") if draft.iban.strip() else None
    capacity = errors.check(parse_capacity, draft.daily_capacity, field="daily_capacity")
    notes = errors.check(clean_text, draft.notes, field="notes", max_length=2000, multiline=True)
    members = []
    if len(draft.members) > MAX_MEMBERS:
        errors.add(f"member:{MAX_MEMBERS}", "too_many", maximum=MAX_MEMBERS)
    for index, (member_name, member_phone) in enumerate(draft.members[:MAX_MEMBERS]):
        clean_name = errors.check(clean_person_name, member_name, field=f"member:{index}")
        number = ""
        if member_phone.strip():
            parsed = errors.check(parse_phone, member_phone, field=f"member_phone:{index}")
            number = parsed.number if parsed else ""
        if clean_name:
            members.append((clean_name, number))
    if draft.kind == GroupKind.TEAM.value and len(draft.members) < 2:
        errors.add("member:0", "team_needs_members")
    skills: dict[int, int] = {}
    for service_id, level in draft.skills:
        if errors.check(parse_level, level, field=f"skill:{service_id}") is not None:
            skills[service_id] = level
    if not skills:
        errors.add("skills", "skills_required")
    leave = set()
    if len(draft.leave_days) > MAX_LEAVE_DAYS:
        errors.add("leave", "too_many", maximum=MAX_LEAVE_DAYS)
    for text in draft.leave_days[:MAX_LEAVE_DAYS]:
        day = errors.check(parse_date, text, field="leave")
        if day is not None:
            leave.add(day)
    errors.raise_if_any()
    assert name is not None and phone is not None and capacity is not None
    return _Clean(
        name,
        draft.kind,
        phone.number,
        iban,
        capacity,
        notes or "",
        tuple(members),
        tuple(sorted(skills.items())),
        tuple(sorted(set(draft.zone_ids))),
        tuple(sorted(leave)),
    )


class WorkGroupService:
    """Workers and work groups."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def list_groups(
        self, actor: Actor, text: str = "", *, include_inactive: bool = True
    ) -> list[WorkGroupRow]:
        require(actor, Permission.VIEW_WORK_GROUPS)
        with self._db.read() as uow:
            return [
                WorkGroupRow(
                    g.id,
                    g.name,
                    g.kind,
                    g.phone,
                    g.daily_capacity,
                    g.active,
                    len(g.skills),
                    len(g.zones),
                    len(g.members),
                )
                for g in uow.work_groups.listing(
                    search_key(text)[:100], include_inactive=include_inactive
                )
            ]

    def get(self, actor: Actor, group_id: int) -> WorkGroupInfo:
        require(actor, Permission.VIEW_WORK_GROUPS)
        with self._db.read() as uow:
            group = uow.work_groups.get(group_id)
            if group is None:
                raise NotFound("work_group", group_id)
            return _info(group)

    def create(self, actor: Actor, draft: WorkGroupDraft) -> WorkGroupInfo:
        require(actor, Permission.MANAGE_WORK_GROUPS)
        clean = clean_group(draft)
        with self._db.write() as uow:
            self._check_references(uow, clean, None)
            group = WorkGroup(
                name=clean.name,
                name_key=search_key(clean.name),
                kind=clean.kind,
                phone=clean.phone,
                iban=clean.iban,
                daily_capacity=clean.capacity,
                active=draft.active,
                notes=clean.notes,
                created_at=self._clock(),
                version=1,
            )
            self._apply_children(group, clean)
            uow.work_groups.add(group)
            record(
                uow,
                self._clock,
                actor,
                "work_group",
                group.id,
                AuditAction.CREATE,
                None,
                _snapshot(group),
            )
            uow.commit()
            return _info(group)

    def update(
        self, actor: Actor, group_id: int, draft: WorkGroupDraft, *, expected_version: int
    ) -> WorkGroupInfo:
        require(actor, Permission.MANAGE_WORK_GROUPS)
        clean = clean_group(draft)
        with self._db.write() as uow:
            group = uow.work_groups.get(group_id)
            if group is None:
                raise NotFound("work_group", group_id)
            if group.version != expected_version:
                raise Conflict("stale", entity="work_group", id=group_id)
            self._check_references(uow, clean, group_id)
            before = _snapshot(group)
            group.name, group.name_key = clean.name, search_key(clean.name)
            group.kind, group.phone, group.iban = clean.kind, clean.phone, clean.iban
            group.daily_capacity, group.active = clean.capacity, draft.active
            group.notes = clean.notes
            group.version += 1
            group.members.clear()
            group.skills.clear()
            group.zones.clear()
            group.leave.clear()
            uow.flush()
            self._apply_children(group, clean)
            uow.flush()
            record(
                uow,
                self._clock,
                actor,
                "work_group",
                group.id,
                AuditAction.UPDATE,
                before,
                _snapshot(group),
            )
            uow.commit()
            return _info(group)

    @staticmethod
    def _check_references(uow: UnitOfWork, clean: _Clean, group_id: int | None) -> None:
        other = uow.work_groups.by_name(clean.name)
        if other is not None and other.id != group_id:
            raise ValidationError("name", "name_taken")
        services = {s.id for s in uow.catalogue.services()}
        for service_id, _level in clean.skills:
            if service_id not in services:
                raise ValidationError(f"skill:{service_id}", "service_unknown")
        zones = {z.id for z in uow.catalogue.zones()}
        if any(zone_id not in zones for zone_id in clean.zone_ids):
            raise ValidationError("zones", "zone_unknown")

    @staticmethod
    def _apply_children(group: WorkGroup, clean: _Clean) -> None:
        group.members.extend(
            GroupMember(name=n, phone=p, position=i) for i, (n, p) in enumerate(clean.members)
        )
        group.skills.extend(GroupSkill(service_id=s, level=lvl) for s, lvl in clean.skills)
        group.zones.extend(GroupZone(zone_id=z) for z in clean.zone_ids)
        group.leave.extend(GroupLeave(day=d) for d in clean.leave)
