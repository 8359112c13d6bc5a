"""Reading the gift-credit ledger: balances, the filtered list, statements, the company's
liability, negative balances, the referral tree and a job's split."""

from __future__ import annotations

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.models.credit import CreditEntry, JobSplit
from hendazh_desktop.db.repositories.credit import LEDGER_ORDERS, LedgerFilter
from hendazh_desktop.domain.errors import NotFound
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.text import to_ascii_digits
from hendazh_desktop.services.credit.records import (
    CreditEntryRecord,
    CreditOutstanding,
    GiftCreditStatement,
    JobSplitRecord,
    NegativeBalance,
    ReferralNode,
)
from hendazh_desktop.services.list_order import check_order

__all__ = ["GiftCreditLedger", "LedgerFilter", "entry_record", "split_record"]

MAX_TREE_DEPTH = 6


def entry_record(entry: CreditEntry, name: str, code: str) -> CreditEntryRecord:
    return CreditEntryRecord(
        id=entry.id,
        subscriber_id=entry.subscriber_id,
        subscriber_name=name,
        subscription_code=code,
        kind=entry.kind,
        amount=entry.amount,
        request_id=entry.request_id,
        split_id=entry.split_id,
        reverses_id=entry.reverses_id,
        expires_on=entry.expires_on,
        reason=entry.reason,
        at=entry.at,
        on_day=entry.on_day,
    )


def split_record(row: JobSplit) -> JobSplitRecord:
    return JobSplitRecord(
        id=row.id,
        request_id=row.request_id,
        kind=row.kind,
        reverses_id=row.reverses_id,
        invoice_id=row.invoice_id,
        labour=row.labour,
        fee=row.fee,
        commission=row.commission,
        commission_kept=row.commission_kept,
        referrer_id=row.referrer_id,
        referrer_credit=row.referrer_credit,
        referrer_reason=row.referrer_reason,
        recipient_id=row.recipient_id,
        recipient_credit=row.recipient_credit,
        recipient_reason=row.recipient_reason,
        cause=row.cause,
        at=row.at,
    )


class GiftCreditLedger:
    """What the office reads of gift credit (which is never the subscriber's money)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def gift_credit(self, actor: Actor, subscriber_id: int) -> int:
        """A subscriber's gift-credit balance, in rials of credit."""
        require(actor, Permission.VIEW_SUBSCRIBERS)
        with self._db.read() as uow:
            return uow.credit.balance(subscriber_id)

    def gift_credits(self, actor: Actor, subscriber_ids: list[int]) -> dict[int, int]:
        require(actor, Permission.VIEW_SUBSCRIBERS)
        with self._db.read() as uow:
            found = uow.credit.balances(subscriber_ids)
        return {sid: found.get(sid, 0) for sid in subscriber_ids}

    def subscriber_by_code(self, actor: Actor, code: str) -> tuple[int, str] | None:
        """(id, name) of the subscriber with this subscription code (any digit script)."""
        require(actor, Permission.VIEW_GIFT_CREDIT)
        digits = to_ascii_digits(code.strip())
        with self._db.read() as uow:
            found = uow.subscribers.id_by_code(digits) if digits else None
            if found is None:
                return None
            return found, uow.credit.names([found])[found][0]

    def count(self, actor: Actor, f: LedgerFilter) -> int:
        require(actor, Permission.VIEW_GIFT_CREDIT)
        with self._db.read() as uow:
            return uow.credit.count(f)

    def page(
        self, actor: Actor, f: LedgerFilter, offset: int, limit: int, order: str = "-number"
    ) -> list[CreditEntryRecord]:
        """One page of the ledger, newest entry first or in ``order`` (a key of
        LEDGER_ORDERS; "-" for descending)."""
        require(actor, Permission.VIEW_GIFT_CREDIT)
        check_order(order.removeprefix("-"), LEDGER_ORDERS)
        with self._db.read() as uow:
            return [entry_record(*row) for row in uow.credit.page(f, offset, limit, order)]

    def statement(self, actor: Actor, subscriber_id: int) -> GiftCreditStatement:
        """A subscriber's gift-credit statement with the running balance after each entry."""
        require(actor, Permission.VIEW_GIFT_CREDIT)
        with self._db.read() as uow:
            subscriber = uow.subscribers.get(subscriber_id)
            if subscriber is None:
                raise NotFound("subscriber", subscriber_id)
            running = 0
            lines = []
            for entry in uow.credit.entries_of(subscriber_id):
                running += entry.amount
                lines.append((entry_record(entry, subscriber.name, subscriber.code), running))
            return GiftCreditStatement(
                subscriber_id=subscriber.id,
                subscriber_name=subscriber.name,
                subscription_code=subscriber.code,
                entries=tuple(lines),
                gift_credit=uow.credit.balance(subscriber_id),
            )

    def outstanding(self, actor: Actor) -> CreditOutstanding:
        """The gift credit the company owes (its liability), and the negative balances."""
        require(actor, Permission.VIEW_GIFT_CREDIT)
        with self._db.read() as uow:
            owed, below = uow.credit.outstanding()
            negatives = uow.credit.count_negative()
        return CreditOutstanding(
            outstanding=owed, below_zero=below, subscribers_below_zero=negatives
        )

    def negative_balances(self, actor: Actor) -> list[NegativeBalance]:
        """Subscribers whose gift credit is below zero (spending refused until it recovers)."""
        require(actor, Permission.VIEW_GIFT_CREDIT)
        with self._db.read() as uow:
            rows = uow.credit.negative_balances()
            names = uow.credit.names([s for s, _ in rows])
        return [NegativeBalance(s, *names.get(s, ("", "")), gift_credit=b) for s, b in rows]

    def referral_tree(self, actor: Actor, subscriber_id: int, *, depth: int = 3) -> ReferralNode:
        """Whom the subscriber referred (and whom they referred, ``depth`` levels), with what
        each referral's jobs earned its referrer."""
        require(actor, Permission.VIEW_GIFT_CREDIT)
        with self._db.read() as uow:
            names = uow.credit.names([subscriber_id])
            if subscriber_id not in names:
                raise NotFound("subscriber", subscriber_id)
            name, code = names[subscriber_id]
            children = self._children(uow, subscriber_id, min(depth, MAX_TREE_DEPTH), set())
            return ReferralNode(subscriber_id, name, code, 0, children)

    def _children(
        self, uow: UnitOfWork, referrer_id: int, depth: int, seen: set[int]
    ) -> tuple[ReferralNode, ...]:
        if depth <= 0 or referrer_id in seen:
            return ()
        seen.add(referrer_id)
        referred = uow.credit.referred(referrer_id)
        names = uow.credit.names([child for child, _ in referred])
        return tuple(
            ReferralNode(
                child,
                *names.get(child, ("", "")),
                earned_for_referrer=earned,
                children=self._children(uow, child, depth - 1, seen),
            )
            for child, earned in referred
        )

    def splits_of_request(self, actor: Actor, request_id: int) -> list[JobSplitRecord]:
        """The job's split as posted, and any reversal of it, in order."""
        require(actor, Permission.VIEW_GIFT_CREDIT)
        with self._db.read() as uow:
            return [split_record(r) for r in uow.credit.splits_of_request(request_id)]
