"""The dispatch board: a day's groups and jobs, the best-group suggestion, and assignment
with warnings that need a recorded reason to override."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.repositories.requests import SORT_ORDERS, QueueQuery
from hendazh_desktop.domain.dispatch import (
    WARNING_LABELS,
    DispatchWarning,
    GroupFacts,
    NoQuality,
    QualitySource,
    Suggestion,
    assignment_warnings,
    rank,
)
from hendazh_desktop.domain.errors import Conflict, DomainError, NotFound, ValidationError
from hendazh_desktop.domain.fields import clean_text
from hendazh_desktop.domain.jalali import parse_time
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.requests import RequestStatus
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.requests.lifecycle import (
    locked_request,
    record_transition,
    request_row,
)
from hendazh_desktop.services.requests.records import RequestRow

WAITING = (RequestStatus.QUEUED.value, RequestStatus.AWAITING_PREPAYMENT.value)
_WAITING_QUERY = QueueQuery(statuses=WAITING, sort="urgency")


class OverrideNeeded(DomainError):
    """The assignment is questionable: the dispatcher must give a reason to go ahead."""

    def __init__(self, warnings: tuple[DispatchWarning, ...]) -> None:
        super().__init__("override_needed", warnings="، ".join(WARNING_LABELS[w] for w in warnings))
        self.warnings = warnings


@dataclass(frozen=True, slots=True)
class BoardJob:
    """One job on a group's day."""

    request_id: int
    start: dt.time | None
    status: str
    subscriber: str
    service: str
    zone: str
    version: int


@dataclass(frozen=True, slots=True)
class BoardGroup:
    """One group's day: its jobs and capacity."""

    id: int
    name: str
    kind: str
    capacity: int
    on_leave: bool
    jobs: tuple[BoardJob, ...]

    @property
    def free(self) -> int:
        return max(self.capacity - len(self.jobs), 0)


@dataclass(frozen=True, slots=True)
class Board:
    """A day on the dispatch board: the groups with their jobs, and how many requests wait
    (the waiting requests themselves are read a page at a time: ``DispatchService.waiting``)."""

    day: dt.date
    groups: tuple[BoardGroup, ...]
    waiting_count: int


class DispatchService:
    """Plans who goes where on a day."""

    def __init__(
        self, db: Database, *, clock: Clock = system_clock, quality: QualitySource | None = None
    ) -> None:
        self._db = db
        self._clock = clock
        self._quality = quality or NoQuality()

    def data_version(self) -> int:
        """Changes whenever anyone commits: the board polls it to refresh itself."""
        return self._db.lookups.data_version()

    def board(self, actor: Actor, day: dt.date) -> Board:
        require(actor, Permission.VIEW_REQUESTS)
        with self._db.read() as uow:
            repo = uow.dispatch
            leave = repo.on_leave(day)
            jobs: dict[int, list[BoardJob]] = {}
            for r in repo.jobs(day):
                jobs.setdefault(r[1], []).append(BoardJob(r[0], r[2], r[3], r[4], r[5], r[6], r[7]))
            groups = tuple(
                BoardGroup(g[0], g[1], g[3], g[2], g[0] in leave, tuple(jobs.get(g[0], ())))
                for g in repo.groups()
            )
            return Board(day, groups, uow.requests.count(_WAITING_QUERY))

    def waiting(
        self, actor: Actor, offset: int, limit: int, *, sort: str = "urgency"
    ) -> list[RequestRow]:
        """A page of the requests waiting for a group: the most urgent and oldest first, or
        in another of the queue's (indexed) orders."""
        require(actor, Permission.VIEW_REQUESTS)
        if sort not in SORT_ORDERS:
            raise ValidationError("sort", "invalid")
        query = replace(_WAITING_QUERY, sort=sort)
        with self._db.read() as uow:
            return [request_row(r) for r in uow.requests.page(query, offset, limit)]

    def waiting_count(self, actor: Actor) -> int:
        require(actor, Permission.VIEW_REQUESTS)
        with self._db.read() as uow:
            return uow.requests.count(_WAITING_QUERY)

    def suggest(self, actor: Actor, request_id: int, day: dt.date) -> list[Suggestion]:
        """Active groups for this request on this day, best first, with reasons."""
        require(actor, Permission.VIEW_REQUESTS)
        with self._db.read() as uow:
            facts, do_not_serve, service_id = self._facts(uow, request_id, day)
            request = uow.requests.get(request_id)
            asked = request.preferred_date if request is not None else None
        standings = self._quality.standings(service_id)
        return rank(
            [replace(f, quality=standings[g]) if g in standings else f for g, f in facts.items()],
            do_not_serve=do_not_serve,
            other_day=asked is not None and asked != day,
        )

    @staticmethod
    def _facts(
        uow: UnitOfWork, request_id: int, day: dt.date
    ) -> tuple[dict[int, GroupFacts], bool, int]:
        repo = uow.dispatch
        row = repo.request_facts(request_id)
        if row is None:
            raise NotFound("request", request_id)
        service_id, zone_id, do_not_serve = row
        levels, covering = repo.skill_levels(service_id), repo.covering(zone_id)
        leave, loads = repo.on_leave(day), repo.loads(day)
        facts = {
            g[0]: GroupFacts(
                group_id=g[0],
                name=g[1],
                skill_level=levels.get(g[0]),
                covers_zone=g[0] in covering,
                on_leave=g[0] in leave,
                load=loads.get(g[0], 0),
                capacity=g[2],
            )
            for g in repo.groups()
        }
        return facts, bool(do_not_serve), service_id

    def assign(
        self,
        actor: Actor,
        request_id: int,
        group_id: int,
        day: dt.date,
        *,
        expected_version: int,
        start: str = "",
        override_reason: str = "",
    ) -> None:
        """Give the request to a group for a day (or move it to another). A questionable
        choice needs ``override_reason``; someone else's change first raises Conflict."""
        require(actor, Permission.DISPATCH)
        start_time = parse_time(start, field="start") if start.strip() else None
        reason = clean_text(override_reason, field="override_reason", max_length=300)
        with self._db.write() as uow:
            request = locked_request(uow, request_id, expected_version)
            if request.status == RequestStatus.AWAITING_PREPAYMENT.value:
                raise Conflict("awaiting_prepayment")
            facts, do_not_serve, _service = self._facts(uow, request_id, day)
            group = facts.get(group_id)
            if group is None:
                raise ValidationError("group", "group_unavailable")
            asked = request.preferred_date
            warnings = assignment_warnings(
                group, do_not_serve=do_not_serve, other_day=asked is not None and asked != day
            )
            moved = request.group_id is not None
            if moved and len(reason) < 3:
                raise ValidationError("override_reason", "reassign_reason_required")
            if warnings and len(reason) < 3:
                raise OverrideNeeded(warnings)
            note = f"{'انتقال به' if moved else 'تخصیص به'} {group.name}"
            if warnings:
                note += f" — با وجود: {'، '.join(WARNING_LABELS[w] for w in warnings)}"
            if reason:
                note += f"؛ {reason}"
            request.group_id, request.scheduled_date = group_id, day
            request.scheduled_start = start_time
            record_transition(uow, request, RequestStatus.ASSIGNED, actor, self._clock(), note)
            uow.commit()

    def unassign(
        self, actor: Actor, request_id: int, reason: str, *, expected_version: int
    ) -> None:
        """Take the job back from its group into the queue, with a reason."""
        require(actor, Permission.DISPATCH)
        why = clean_text(reason, field="reason", max_length=300, required=True, min_length=3)
        with self._db.write() as uow:
            request = locked_request(uow, request_id, expected_version)
            request.group_id = request.scheduled_date = request.scheduled_start = None
            record_transition(uow, request, RequestStatus.QUEUED, actor, self._clock(), why)
            uow.commit()
