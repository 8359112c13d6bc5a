"""Payout batches: build one for a Jalali period (and optionally some groups), approve it when
the setting asks for a manager's approval, pay it (bank reference and day), or cancel it.

Every action carries an operation id; every one takes the payout lock. An item is held by at
most one open batch (``wage_claims``' primary key) and paid at most once (``wage_paid``'s);
paying re-checks that every fee's collection still stands.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.errors import DuplicateOperation
from hendazh_desktop.db.models.wages import (
    WageBatch,
    WageBatchLine,
    WagePaid,
)
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.errors import Conflict, FormErrorCollector, NotFound, ValidationError
from hendazh_desktop.domain.fields import clean_text
from hendazh_desktop.domain.jalali import parse_date
from hendazh_desktop.domain.operations import parse_operation_id
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.wages import (
    APPROVAL_SETTING,
    BatchState,
    PayMethod,
    member_totals,
)
from hendazh_desktop.services.accounts.audit_trail import record
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.wages.ledger import item_record
from hendazh_desktop.services.wages.members import iban_problem
from hendazh_desktop.services.wages.records import BatchDetail, BatchLineRecord, BatchRecord


def batch_record(batch: WageBatch, line_count: int) -> BatchRecord:
    return BatchRecord(
        id=batch.id,
        number=batch.number,
        day_from=batch.day_from,
        day_to=batch.day_to,
        state=batch.state,
        approval_required=batch.approval_required,
        total=batch.total,
        line_count=line_count,
        created_at=batch.created_at,
        created_by=batch.created_by,
        approved_by=batch.approved_by,
        paid_on=batch.paid_on,
        bank_ref=batch.bank_ref,
        version=batch.version,
    )


def detail_of(uow: UnitOfWork, batch: WageBatch) -> BatchDetail:
    lines = uow.wages.lines(batch.id)
    members = uow.wages.members_by_id(line.member_id for line in lines)
    names = uow.wage_pages.group_names({line.group_id for line in lines})
    return BatchDetail(
        batch=batch_record(batch, len(lines)),
        lines=tuple(
            BatchLineRecord(
                id=line.id,
                batch_id=line.batch_id,
                member_id=line.member_id,
                member_name=members[line.member_id].name,
                group_id=line.group_id,
                group_name=names.get(line.group_id, ""),
                iban=line.iban or "",
                method=line.method,
                problem=line.problem,
                fees=line.fees,
                reimbursements=line.reimbursements,
                advances=line.advances,
                clawbacks=line.clawbacks,
                corrections=line.corrections,
                withholding=line.withholding,
                net=line.net,
            )
            for line in lines
        ),
        corrections=tuple(item_record(item) for item in uow.wages.corrections_of_batch(batch.id)),
    )


def _parse_period(day_from: str, day_to: str) -> tuple[dt.date, dt.date]:
    errors = FormErrorCollector()
    start = errors.check(parse_date, day_from, field="day_from")
    end = errors.check(parse_date, day_to, field="day_to")
    errors.raise_if_any()
    assert start is not None and end is not None
    if end < start:
        raise ValidationError("day_to", "date_range_reversed")
    return start, end


class WageBatchService:
    """Build, approve, pay and cancel payout batches."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def approval_required(self, actor: Actor) -> bool:
        require(actor, Permission.VIEW_WAGES)
        with self._db.read() as uow:
            return uow.catalogue.setting(APPROVAL_SETTING) == "1"

    def set_approval_required(self, actor: Actor, required: bool) -> None:
        """Whether a batch needs a manager's approval (by another user) before it is paid."""
        require(actor, Permission.EDIT_SETTINGS)
        with self._db.write() as uow:
            before = uow.catalogue.setting(APPROVAL_SETTING) or "0"
            uow.catalogue.set_setting(APPROVAL_SETTING, "1" if required else "0")
            record(
                uow,
                self._clock,
                actor,
                "setting",
                "office",
                AuditAction.UPDATE,
                {APPROVAL_SETTING: before},
                {APPROVAL_SETTING: "1" if required else "0"},
            )
            uow.commit()

    def build(
        self,
        actor: Actor,
        day_from: str,
        day_to: str,
        *,
        group_ids: Sequence[int] = (),
        operation_id: str,
    ) -> BatchDetail:
        """A batch of every due item up to the period's end (earlier unpaid ones included) of
        the groups asked for: one line per member whose net is positive. Refused when nothing
        is due."""
        require(actor, Permission.MANAGE_WAGES)
        start, end = _parse_period(day_from, day_to)
        op = parse_operation_id(operation_id)
        groups = tuple(sorted(set(group_ids)))
        try:
            with self._db.write() as uow:
                done = uow.wages.batch_by_operation("build_operation_id", op)
                if done is not None:
                    return detail_of(uow, done)
                uow.wages.lock_payouts()
                batch = self._build(uow, actor, start, end, groups, op)
                uow.commit()
                return detail_of(uow, batch)
        except DuplicateOperation:
            with self._db.read() as uow:
                again = uow.wages.batch_by_operation("build_operation_id", op)
                assert again is not None
                return detail_of(uow, again)

    def _build(
        self,
        uow: UnitOfWork,
        actor: Actor,
        start: dt.date,
        end: dt.date,
        groups: tuple[int, ...],
        op: str,
    ) -> WageBatch:
        by_member: dict[int, list[tuple[int, str, int]]] = defaultdict(list)
        for item_id, member_id, kind, amount in uow.wages.eligible_items(end, groups):
            by_member[member_id].append((item_id, kind, amount))
        members = uow.wages.members_by_id(by_member)
        withholding = uow.wages.withholding({m.group_id for m in members.values()})
        lines: list[tuple[WageBatchLine, list[tuple[int, str, int]]]] = []
        for member_id, own in by_member.items():
            member = members[member_id]
            totals = member_totals(
                [(kind, amount) for _, kind, amount in own], withholding.get(member.group_id, 0)
            )
            if totals.net <= 0:
                continue  # the member's items wait for a payout they fit in
            problem = iban_problem(member.iban)
            line = WageBatchLine(
                member_id=member_id,
                group_id=member.group_id,
                holder=member.name,
                iban=member.iban if not problem else None,
                method=PayMethod.CASH.value if problem else PayMethod.TRANSFER.value,
                problem=problem,
                fees=totals.fees,
                reimbursements=totals.reimbursements,
                advances=totals.advances,
                clawbacks=totals.clawbacks,
                corrections=totals.corrections,
                withholding=totals.withholding,
                net=totals.net,
            )
            lines.append((line, own))
        if not lines:
            raise ValidationError("day_to", "wage_nothing_due")
        now = self._clock()
        batch = WageBatch(
            number=uow.wages.next_batch_number(),
            day_from=start,
            day_to=end,
            group_ids=",".join(str(g) for g in groups),
            state=BatchState.DRAFT.value,
            approval_required=uow.catalogue.setting(APPROVAL_SETTING) == "1",
            total=sum(line.net for line, _ in lines),
            created_at=now,
            created_by=actor.user_id,
            build_operation_id=op,
            version=1,
        )
        uow.wages.add(batch)
        for line, _ in lines:
            line.batch_id = batch.id
        uow.wages.add_all([line for line, _ in lines])
        uow.wages.claim(
            [
                {"item_id": item_id, "batch_id": batch.id, "line_id": line.id}
                for line, own in lines
                for item_id, _, _ in own
            ]
        )
        record(
            uow,
            self._clock,
            actor,
            "wage_batch",
            batch.id,
            AuditAction.CREATE,
            None,
            {"number": batch.number, "total": batch.total, "lines": len(lines)},
        )
        return batch

    def approve(
        self, actor: Actor, batch_id: int, *, expected_version: int, operation_id: str
    ) -> BatchDetail:
        """A manager other than the one who built it approves a batch."""
        require(actor, Permission.APPROVE_WAGE_BATCHES)
        op = parse_operation_id(operation_id)

        def change(uow: UnitOfWork, batch: WageBatch) -> None:
            if batch.state != BatchState.DRAFT.value:
                raise Conflict("wage_batch_state", state=batch.state)
            if batch.created_by == actor.user_id:
                raise Conflict("wage_batch_self_approval")
            batch.state = BatchState.APPROVED.value
            batch.approved_by, batch.approved_at = actor.user_id, self._clock()
            batch.approve_operation_id = op

        return self._change(actor, batch_id, expected_version, "approve_operation_id", op, change)

    def pay(
        self,
        actor: Actor,
        batch_id: int,
        *,
        bank_ref: str,
        paid_on: str,
        expected_version: int,
        operation_id: str,
    ) -> BatchDetail:
        """Record that a batch was paid (the bank's reference and the day): its lines are
        final and each item behind them is paid, once."""
        require(actor, Permission.MANAGE_WAGES)
        errors = FormErrorCollector()
        ref = errors.check(
            clean_text, bank_ref, field="bank_ref", max_length=40, required=True, min_length=3
        )
        day = errors.check(parse_date, paid_on, field="paid_on")
        op = errors.check(parse_operation_id, operation_id)
        errors.raise_if_any()

        def change(uow: UnitOfWork, batch: WageBatch) -> None:
            if batch.state not in (BatchState.DRAFT.value, BatchState.APPROVED.value):
                raise Conflict("wage_batch_state", state=batch.state)
            if batch.approval_required and batch.state != BatchState.APPROVED.value:
                raise Conflict("wage_batch_needs_approval")
            stale = uow.wages.stale_claims(batch.id)
            if stale:
                raise Conflict(
                    "wage_batch_stale", requests=sorted({i.request_id or 0 for i in stale})
                )
            now = self._clock()
            uow.wages.add_all(
                [
                    WagePaid(item_id=c.item_id, batch_id=batch.id, line_id=c.line_id, at=now)
                    for c in uow.wages.claims(batch.id)
                ]
            )
            batch.state = BatchState.PAID.value
            batch.paid_by, batch.paid_at, batch.paid_on = actor.user_id, now, day
            batch.bank_ref, batch.pay_operation_id = ref or "", op

        return self._change(actor, batch_id, expected_version, "pay_operation_id", op, change)

    def cancel(
        self, actor: Actor, batch_id: int, *, expected_version: int, operation_id: str
    ) -> BatchDetail:
        """Cancel an unpaid batch: its items are free for the next one (its lines stay on
        file)."""
        require(actor, Permission.MANAGE_WAGES)
        op = parse_operation_id(operation_id)

        def change(uow: UnitOfWork, batch: WageBatch) -> None:
            if batch.state not in (BatchState.DRAFT.value, BatchState.APPROVED.value):
                raise Conflict("wage_batch_state", state=batch.state)
            uow.wages.release_claims(batch.id)
            batch.state = BatchState.CANCELLED.value
            batch.cancelled_by, batch.cancelled_at = actor.user_id, self._clock()
            batch.cancel_operation_id = op

        return self._change(actor, batch_id, expected_version, "cancel_operation_id", op, change)

    def _change(
        self,
        actor: Actor,
        batch_id: int,
        expected_version: int,
        column: str,
        op: str,
        change: object,
    ) -> BatchDetail:
        assert callable(change)
        try:
            with self._db.write() as uow:
                done = uow.wages.batch_by_operation(column, op)
                if done is not None:
                    if done.id != batch_id:
                        raise Conflict("operation_replayed_differently", done=column)
                    return detail_of(uow, done)
                uow.wages.lock_payouts()
                batch = uow.wages.batch(batch_id, for_update=True)
                if batch is None:
                    raise NotFound("wage_batch", batch_id)
                if batch.version != expected_version:
                    raise Conflict("stale", entity="wage_batch", id=batch_id)
                before = batch.state
                change(uow, batch)
                batch.version += 1
                uow.flush()
                record(
                    uow,
                    self._clock,
                    actor,
                    "wage_batch",
                    batch.id,
                    AuditAction.UPDATE,
                    {"state": before},
                    {"state": batch.state, "bank_ref": batch.bank_ref},
                )
                uow.commit()
                return detail_of(uow, batch)
        except DuplicateOperation:
            with self._db.read() as uow:
                again = uow.wages.batch_by_operation(column, op)
                assert again is not None
                return detail_of(uow, again)
