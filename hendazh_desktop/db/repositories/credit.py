"""Queries of the split rules, the job splits and the gift-credit ledger."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, case, func, select, update
from sqlalchemy.orm import Session

from hendazh_desktop.db.models.core import Subscriber
from hendazh_desktop.db.models.credit import (
    CreditBalance,
    CreditEntry,
    CreditLedgerTotals,
    JobSplit,
    SplitRuleRow,
)
from hendazh_desktop.db.ordering import ordered_by
from hendazh_desktop.db.repositories.credit_append import append_entries
from hendazh_desktop.domain.split import SplitRule, rule_on


@dataclass(frozen=True, slots=True)
class LedgerFilter:
    """What the ledger list is narrowed to (every part optional)."""

    subscriber_id: int | None = None
    kind: str | None = None
    day_from: dt.date | None = None
    day_to: dt.date | None = None
    request_id: int | None = None


# The ledger list's orders ("-key" reverses): by number on the whole ledger, the others
# once a filter has narrowed it (the UI's NARROW_ROWS); empty values as 0 or "".
LEDGER_ORDERS: dict[str, tuple[Any, ...]] = {
    "number": (CreditEntry.number,),
    "day": (CreditEntry.on_day, CreditEntry.number),
    "subscriber": (Subscriber.sort_key, CreditEntry.number),
    "code": (Subscriber.code, CreditEntry.number),
    "kind": (CreditEntry.kind, CreditEntry.number),
    "amount": (CreditEntry.amount, CreditEntry.number),
    "request": (func.coalesce(CreditEntry.request_id, 0), CreditEntry.number),
    "expires": (CreditEntry.expires_on.is_(None), CreditEntry.expires_on, CreditEntry.number),
    "reason": (CreditEntry.reason, CreditEntry.number),
}


class CreditRepository:
    """Split rules, job splits, credit entries and the maintained balances."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, obj: SplitRuleRow | JobSplit | CreditEntry) -> None:
        self.session.add(obj)
        self.session.flush()

    # -- split rules ---------------------------------------------------------------------------
    def rule_rows(self, service_id: int) -> list[SplitRuleRow]:
        """The service's split rules, newest first."""
        stmt = (
            select(SplitRuleRow)
            .where(SplitRuleRow.service_id == service_id)
            .order_by(SplitRuleRow.effective_from.desc())
        )
        return list(self.session.execute(stmt).scalars())

    def schedule(self, service_id: int) -> list[SplitRule]:
        return [_rule(r) for r in self.rule_rows(service_id)]

    def rule_row_on(self, service_id: int, day: dt.date) -> SplitRuleRow:
        """The rule row in force for the service on ``day``."""
        rows = self.rule_rows(service_id)
        found = rule_on([_rule(r) for r in rows], day)
        if found is None:  # every service has a rule from its first day (seed, 0011)
            raise LookupError(f"service {service_id} has no split rule on {day}")
        return next(r for r in rows if r.effective_from == found.effective_from)

    def rule_on(self, service_id: int, day: dt.date) -> SplitRule:
        return _rule(self.rule_row_on(service_id, day))

    # -- job splits ----------------------------------------------------------------------------
    def splits_of_request(self, request_id: int) -> list[JobSplit]:
        stmt = select(JobSplit).where(JobSplit.request_id == request_id).order_by(JobSplit.seq)
        return list(self.session.execute(stmt).scalars())

    def split(self, split_id: int) -> JobSplit | None:
        return self.session.get(JobSplit, split_id)

    def entries_of_split(self, split_id: int) -> list[CreditEntry]:
        stmt = select(CreditEntry).where(CreditEntry.split_id == split_id).order_by(CreditEntry.id)
        return list(self.session.execute(stmt).scalars())

    # -- entries and balances ------------------------------------------------------------------
    def add_entries(self, entries: Sequence[Mapping[str, Any]]) -> None:
        """Append several entries at once (see ``credit_append``), in the caller's transaction."""
        append_entries(self.session, entries)

    def add_entry(self, entry: CreditEntry) -> CreditBalance:
        """Append ``entry`` (numbered next in the ledger) and move the subscriber's balance and
        the ledger's totals by its amount, in the caller's transaction. The totals row is the
        ledger's lock: entries are numbered in the order their transactions commit."""
        entry.number = self._next_number()
        self.session.add(entry)
        self.session.flush()
        moved = self.session.execute(
            update(CreditBalance)
            .where(CreditBalance.subscriber_id == entry.subscriber_id)
            .values(
                balance=CreditBalance.balance + entry.amount,
                entries=CreditBalance.entries + 1,
            )
            .returning(CreditBalance.balance)
            .execution_options(synchronize_session=False)
        ).scalar()
        if moved is None:
            self.session.add(
                CreditBalance(subscriber_id=entry.subscriber_id, balance=entry.amount, entries=1)
            )
            self.session.flush()
            moved = entry.amount
        self._move_totals(moved - entry.amount, moved)
        row = self.session.get(CreditBalance, entry.subscriber_id)
        assert row is not None
        self.session.refresh(row)
        return row

    def _next_number(self) -> int:
        number = self.session.execute(
            update(CreditLedgerTotals)
            .where(CreditLedgerTotals.id == 1)
            .values(entries=CreditLedgerTotals.entries + 1)
            .returning(CreditLedgerTotals.entries)
            .execution_options(synchronize_session=False)
        ).scalar()
        if number is None:  # the first entry of a database made by an older version's seed
            self.session.add(CreditLedgerTotals(id=1, entries=1))
            self.session.flush()
            number = 1
        return int(number)

    def _move_totals(self, before: int, after: int) -> None:
        self.session.execute(
            update(CreditLedgerTotals)
            .where(CreditLedgerTotals.id == 1)
            .values(
                outstanding=CreditLedgerTotals.outstanding + max(after, 0) - max(before, 0),
                below_zero=CreditLedgerTotals.below_zero + min(after, 0) - min(before, 0),
                negatives=CreditLedgerTotals.negatives + int(after < 0) - int(before < 0),
            )
            .execution_options(synchronize_session=False)
        )

    def totals(self) -> CreditLedgerTotals:
        row = self.session.get(CreditLedgerTotals, 1)
        return (
            row
            if row is not None
            else CreditLedgerTotals(id=1, entries=0, outstanding=0, below_zero=0, negatives=0)
        )

    def balance(self, subscriber_id: int) -> int:
        stmt = select(CreditBalance.balance).where(CreditBalance.subscriber_id == subscriber_id)
        return self.session.execute(stmt).scalar() or 0

    def balances(self, subscriber_ids: Sequence[int]) -> dict[int, int]:
        stmt = select(CreditBalance.subscriber_id, CreditBalance.balance).where(
            CreditBalance.subscriber_id.in_(list(subscriber_ids))
        )
        return {sid: bal for sid, bal in self.session.execute(stmt)}

    def sum_of_entries(self, subscriber_id: int) -> int:
        stmt = select(func.coalesce(func.sum(CreditEntry.amount), 0)).where(
            CreditEntry.subscriber_id == subscriber_id
        )
        return int(self.session.execute(stmt).scalar_one())

    def all_balances(self) -> dict[int, int]:
        return {
            s: b
            for s, b in self.session.execute(
                select(CreditBalance.subscriber_id, CreditBalance.balance)
            )
        }

    def outstanding(self) -> tuple[int, int]:
        """(credit the company owes: the sum of positive balances, the sum of negative ones)."""
        totals = self.totals()
        return totals.outstanding, totals.below_zero

    def sums_of_balances(self) -> tuple[int, int, int]:
        """(positive, negative, how many negative) summed over every balance (for checks)."""
        rows = self.session.execute(select(CreditBalance.balance)).scalars().all()
        return (
            sum(b for b in rows if b > 0),
            sum(b for b in rows if b < 0),
            sum(1 for b in rows if b < 0),
        )

    def negative_balances(self, limit: int = 500) -> list[tuple[int, int]]:
        stmt = (
            select(CreditBalance.subscriber_id, CreditBalance.balance)
            .where(CreditBalance.balance < 0)
            .order_by(CreditBalance.balance, CreditBalance.subscriber_id)
            .limit(limit)
        )
        return [(s, b) for s, b in self.session.execute(stmt)]

    def count_negative(self) -> int:
        return self.totals().negatives

    def entry(self, entry_id: int) -> CreditEntry | None:
        return self.session.get(CreditEntry, entry_id)

    def entry_by_operation(self, operation_id: str) -> CreditEntry | None:
        stmt = select(CreditEntry).where(CreditEntry.operation_id == operation_id)
        return self.session.execute(stmt).scalar_one_or_none()

    def entries_of(self, subscriber_id: int) -> list[CreditEntry]:
        """A subscriber's entries, oldest first (their statement)."""
        stmt = (
            select(CreditEntry)
            .where(CreditEntry.subscriber_id == subscriber_id)
            .order_by(CreditEntry.id)
        )
        return list(self.session.execute(stmt).scalars())

    def expiring_sums(self, subscriber_id: int, day: dt.date) -> tuple[int, int]:
        """(earned credit whose term ended by ``day``, everything taken out so far). Credit
        given back by a cancelled gift order («returned») undoes that much spending."""
        due = select(func.coalesce(func.sum(CreditEntry.amount), 0)).where(
            CreditEntry.subscriber_id == subscriber_id,
            CreditEntry.amount > 0,
            CreditEntry.expires_on.is_not(None),
            CreditEntry.expires_on <= day,
        )
        out = select(
            func.coalesce(
                func.sum(
                    case(
                        (CreditEntry.amount < 0, -CreditEntry.amount),
                        (CreditEntry.kind == "returned", -CreditEntry.amount),
                        else_=0,
                    )
                ),
                0,
            )
        ).where(CreditEntry.subscriber_id == subscriber_id)
        return int(self.session.execute(due).scalar_one()), int(
            self.session.execute(out).scalar_one()
        )

    def subscribers_with_expiring(self, day: dt.date) -> list[int]:
        stmt = (
            select(CreditEntry.subscriber_id)
            .where(CreditEntry.expires_on.is_not(None), CreditEntry.expires_on <= day)
            .distinct()
        )
        return list(self.session.execute(stmt).scalars())

    # -- the ledger list (paged by id, newest first) -------------------------------------------
    def _filtered(self, stmt: Select[Any], f: LedgerFilter) -> Select[Any]:
        if f.subscriber_id is not None:
            stmt = stmt.where(CreditEntry.subscriber_id == f.subscriber_id)
        if f.kind:
            stmt = stmt.where(CreditEntry.kind == f.kind)
        if f.day_from is not None:
            stmt = stmt.where(CreditEntry.on_day >= f.day_from)
        if f.day_to is not None:
            stmt = stmt.where(CreditEntry.on_day <= f.day_to)
        if f.request_id is not None:
            stmt = stmt.where(CreditEntry.request_id == f.request_id)
        return stmt

    def count(self, f: LedgerFilter) -> int:
        if f == LedgerFilter():
            return self.totals().entries
        stmt = self._filtered(select(func.count(CreditEntry.id)), f)
        return int(self.session.execute(stmt).scalar_one())

    def page(
        self, f: LedgerFilter, offset: int, limit: int, order: str = "-number"
    ) -> list[tuple[CreditEntry, str, str]]:
        """(entry, subscriber's name, subscription code), newest first or in ``order`` (a
        key of LEDGER_ORDERS, "-" for descending). The whole ledger is read by its gapless
        numbers either way (any page costs the same); a filtered one by offset."""
        if f == LedgerFilter() and order in ("number", "-number"):
            if order == "number":
                low, high = offset, offset + limit
            else:
                high = self.totals().entries - offset
                low = high - limit
            ids = (
                select(CreditEntry.id)
                .where(CreditEntry.number <= high, CreditEntry.number > low)
                .order_by(*ordered_by(LEDGER_ORDERS, order))
            )
            return self.with_names(list(self.session.execute(ids).scalars()))
        stmt = select(CreditEntry.id)
        if order.removeprefix("-") in ("subscriber", "code"):
            stmt = stmt.join(Subscriber, Subscriber.id == CreditEntry.subscriber_id)
        ids = self._filtered(stmt, f).order_by(*ordered_by(LEDGER_ORDERS, order))
        wanted = list(self.session.execute(ids.offset(offset).limit(limit)).scalars())
        return self.with_names(wanted)

    def with_names(self, entry_ids: Sequence[int]) -> list[tuple[CreditEntry, str, str]]:
        if not entry_ids:
            return []
        rows = self.session.execute(
            select(CreditEntry, Subscriber.name, Subscriber.code)
            .join(Subscriber, Subscriber.id == CreditEntry.subscriber_id)
            .where(CreditEntry.id.in_(list(entry_ids)))
        ).all()
        by_id = {r[0].id: (r[0], r[1], r[2]) for r in rows}
        return [by_id[i] for i in entry_ids]

    def names(self, subscriber_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
        stmt = select(Subscriber.id, Subscriber.name, Subscriber.code).where(
            Subscriber.id.in_(list(subscriber_ids))
        )
        return {i: (n, c) for i, n, c in self.session.execute(stmt)}

    def referred(self, referrer_id: int) -> list[tuple[int, int]]:
        """(subscriber referred, credit their jobs earned the referrer) for one referrer."""
        earned = (
            select(JobSplit.recipient_id, func.sum(CreditEntry.amount))
            .join(JobSplit, JobSplit.id == CreditEntry.split_id)
            .where(
                CreditEntry.subscriber_id == referrer_id,
                CreditEntry.kind.in_(("earned_referrer", "reversal")),
            )
            .group_by(JobSplit.recipient_id)
        )
        totals = {rid: int(total) for rid, total in self.session.execute(earned) if rid}
        children = self.session.execute(
            select(Subscriber.id)
            .where(Subscriber.referrer_id == referrer_id)
            .order_by(Subscriber.id)
        ).scalars()
        return [(child, totals.get(child, 0)) for child in children]


def _rule(row: SplitRuleRow) -> SplitRule:
    return SplitRule(
        row.effective_from, row.commission_bp, row.referrer_share_bp, row.recipient_share_bp
    )
