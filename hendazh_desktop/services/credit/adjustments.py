"""Changing gift credit by hand and by rule: a manager's adjustment (reason required,
audited), spending (never overdraws), the expiry setting and the expiry of due credit."""

from __future__ import annotations

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.errors import DuplicateOperation
from hendazh_desktop.db.models.credit import CreditEntry
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.credit import (
    EXPIRY_SETTING,
    CreditKind,
    check_spend,
    expiring_amount,
    parse_expiry_months,
)
from hendazh_desktop.domain.errors import FormErrorCollector, NotFound, ValidationError
from hendazh_desktop.domain.fields import clean_text
from hendazh_desktop.domain.jalali import today_local
from hendazh_desktop.domain.money import parse_amount
from hendazh_desktop.domain.operations import parse_operation_id
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.services.accounts.audit_trail import record
from hendazh_desktop.services.clock import Clock, system_clock


class GiftCreditService:
    """What managers and the office change of gift credit."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def adjust(
        self,
        actor: Actor,
        subscriber_id: int,
        amount: str,
        reason: str,
        *,
        decrease: bool,
        operation_id: str,
    ) -> int:
        """A manager's adjustment of a subscriber's gift credit (up, or down within what the
        subscriber has). Returns the gift credit after it."""
        require(actor, Permission.ADJUST_GIFT_CREDIT)
        errors = FormErrorCollector()
        value = errors.check(parse_amount, amount, field="amount")
        why = errors.check(
            clean_text, reason, field="reason", max_length=300, required=True, min_length=3
        )
        op = errors.check(parse_operation_id, operation_id)
        errors.raise_if_any()
        signed = -value if decrease else value
        try:
            with self._db.write() as uow:
                done = uow.credit.entry_by_operation(op)
                if done is not None:
                    return uow.credit.balance(done.subscriber_id)
                self._subscriber(uow, subscriber_id)
                before = uow.credit.balance(subscriber_id)
                if decrease:
                    check_spend(before, value)
                row = self._append(
                    uow, actor, subscriber_id, CreditKind.ADJUSTMENT, signed, why, op
                )
                record(
                    uow,
                    self._clock,
                    actor,
                    "gift_credit",
                    subscriber_id,
                    AuditAction.UPDATE,
                    {"gift_credit": before},
                    {"gift_credit": row, "reason": why},
                )
                uow.commit()
                return row
        except DuplicateOperation:
            return self._replayed(op)

    def spend(
        self, actor: Actor, subscriber_id: int, amount: int, reason: str, *, operation_id: str
    ) -> int:
        """Take gift credit for a gift; refused (nothing written) beyond the balance. Returns
        the gift credit left."""
        require(actor, Permission.SPEND_GIFT_CREDIT)
        op = parse_operation_id(operation_id)
        why = clean_text(reason, field="reason", max_length=300, required=True)
        try:
            with self._db.write() as uow:
                done = uow.credit.entry_by_operation(op)
                if done is not None:
                    return uow.credit.balance(done.subscriber_id)
                self._subscriber(uow, subscriber_id)
                check_spend(uow.credit.balance(subscriber_id), amount)
                left = self._append(uow, actor, subscriber_id, CreditKind.SPENT, -amount, why, op)
                uow.commit()
                return left
        except DuplicateOperation:
            return self._replayed(op)

    def expiry_months(self, actor: Actor) -> int | None:
        """Months until earned gift credit expires (None: never)."""
        require(actor, Permission.VIEW_GIFT_CREDIT)
        with self._db.read() as uow:
            value = uow.catalogue.setting(EXPIRY_SETTING)
        return int(value) if value and value.isdigit() and int(value) > 0 else None

    def set_expiry_months(self, actor: Actor, text: str) -> int | None:
        """Set the term of credit earned from now on (empty or 0: never expires); audited."""
        require(actor, Permission.EDIT_SETTINGS)
        months = parse_expiry_months(text)
        with self._db.write() as uow:
            before = uow.catalogue.setting(EXPIRY_SETTING) or ""
            uow.catalogue.set_setting(EXPIRY_SETTING, str(months or 0))
            record(
                uow,
                self._clock,
                actor,
                "setting",
                "office",
                AuditAction.UPDATE,
                {EXPIRY_SETTING: before},
                {EXPIRY_SETTING: str(months or 0)},
            )
            uow.commit()
        return months

    def expire_due(self, actor: Actor) -> int:
        """Record the expiry of every earning whose term has ended and that was not spent
        (oldest credit is spent first). Returns the total expired; running it again expires
        nothing more."""
        require(actor, Permission.ADJUST_GIFT_CREDIT)
        total = 0
        with self._db.write() as uow:
            today = today_local(self._clock())
            for subscriber_id in uow.credit.subscribers_with_expiring(today):
                due, taken = uow.credit.expiring_sums(subscriber_id, today)
                amount = expiring_amount(uow.credit.balance(subscriber_id), due, taken)
                if amount > 0:
                    self._append(
                        uow, actor, subscriber_id, CreditKind.EXPIRY, -amount, "انقضای اعتبار", None
                    )
                    total += amount
            uow.commit()
        return total

    def _append(
        self,
        uow: UnitOfWork,
        actor: Actor,
        subscriber_id: int,
        kind: CreditKind,
        amount: int,
        reason: str,
        operation_id: str | None,
    ) -> int:
        _, balance = append_entry(
            uow, self._clock, actor, subscriber_id, kind, amount, reason, operation_id=operation_id
        )
        return balance

    def _replayed(self, operation_id: str) -> int:
        with self._db.read() as uow:
            done = uow.credit.entry_by_operation(operation_id)
            if done is None:  # pragma: no cover - the duplicate was committed by someone
                raise ValidationError("operation_id", "operation_id_invalid")
            return uow.credit.balance(done.subscriber_id)

    @staticmethod
    def _subscriber(uow: UnitOfWork, subscriber_id: int) -> None:
        if uow.subscribers.get(subscriber_id, for_update=True) is None:
            raise NotFound("subscriber", subscriber_id)


def append_entry(
    uow: UnitOfWork,
    clock: Clock,
    actor: Actor,
    subscriber_id: int,
    kind: CreditKind,
    amount: int,
    reason: str,
    *,
    operation_id: str | None = None,
) -> tuple[CreditEntry, int]:
    """Append one gift-credit entry in the caller's transaction (the balance and the ledger's
    totals move with it); returns it and the balance after it. Spending callers check
    ``check_spend`` first, under the subscriber's lock."""
    now = clock()
    entry = CreditEntry(
        subscriber_id=subscriber_id,
        kind=kind.value,
        amount=amount,
        reason=reason,
        operation_id=operation_id,
        at=now,
        on_day=today_local(now),
        user_id=actor.user_id,
    )
    balance = uow.credit.add_entry(entry)
    return entry, balance.balance
