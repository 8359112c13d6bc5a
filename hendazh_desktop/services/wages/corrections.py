"""Corrections of paid batches: a reversing item naming the paid line it corrects (reason
required, audited, one operation id), carried into the member's next payout."""

from __future__ import annotations

from hendazh_desktop.db.database import Database
from hendazh_desktop.db.errors import DuplicateOperation
from hendazh_desktop.db.models.wages import WageBatchLine, WageItem
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.errors import Conflict, FormErrorCollector, NotFound
from hendazh_desktop.domain.fields import clean_text
from hendazh_desktop.domain.jalali import today_local
from hendazh_desktop.domain.money import parse_amount
from hendazh_desktop.domain.operations import parse_operation_id
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.wages import BatchState, ItemKind
from hendazh_desktop.services.accounts.audit_trail import record
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.wages.ledger import item_record
from hendazh_desktop.services.wages.records import WageItemRecord


class WageCorrections:
    """Record a correction of a paid batch line (the paid line itself never changes)."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def correct_line(
        self,
        actor: Actor,
        line_id: int,
        amount: str,
        reason: str,
        *,
        deduct: bool,
        operation_id: str,
    ) -> WageItemRecord:
        """``amount`` more (or, with ``deduct``, less) for the line's member in their next
        payout, because of ``reason``; only a paid batch's line is corrected this way."""
        require(actor, Permission.MANAGE_WAGES)
        errors = FormErrorCollector()
        value = errors.check(parse_amount, amount, field="amount")
        why = errors.check(
            clean_text, reason, field="reason", max_length=300, required=True, min_length=3
        )
        op = errors.check(parse_operation_id, operation_id)
        errors.raise_if_any()
        signed = -value if deduct else value
        try:
            with self._db.write() as uow:
                done = uow.wages.item_by_operation(op)
                if done is not None:
                    return self._replay(done, line_id, signed)
                line = uow.session.get(WageBatchLine, line_id)
                if line is None:
                    raise NotFound("wage_batch_line", line_id)
                batch = uow.wages.batch(line.batch_id)
                assert batch is not None
                if batch.state != BatchState.PAID.value:
                    raise Conflict("wage_correction_needs_paid_batch", state=batch.state)
                now = self._clock()
                item = WageItem(
                    member_id=line.member_id,
                    group_id=line.group_id,
                    kind=ItemKind.CORRECTION.value,
                    amount=signed,
                    corrects_line_id=line.id,
                    reason=why,
                    operation_id=op,
                    on_day=today_local(now),
                    at=now,
                    user_id=actor.user_id,
                )
                uow.wages.add(item)
                record(
                    uow,
                    self._clock,
                    actor,
                    "wage_correction",
                    item.id,
                    AuditAction.CREATE,
                    None,
                    {
                        "batch": batch.number,
                        "line": line.id,
                        "member": line.holder,
                        "amount": signed,
                        "reason": why,
                    },
                )
                uow.commit()
                return item_record(item)
        except DuplicateOperation:
            with self._db.read() as uow:
                again = uow.wages.item_by_operation(op)
                assert again is not None
                return self._replay(again, line_id, signed)

    @staticmethod
    def _replay(done: WageItem, line_id: int, amount: int) -> WageItemRecord:
        if (done.kind, done.corrects_line_id, done.amount) != (
            ItemKind.CORRECTION.value,
            line_id,
            amount,
        ):
            raise Conflict("operation_replayed_differently", done=done.kind)
        return item_record(done)
