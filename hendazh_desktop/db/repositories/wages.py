"""Queries and writes of the wages: members, payables, items, batches, claims and payments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Table, and_, delete, exists, func, insert, select, text
from sqlalchemy.orm import Session, aliased

from hendazh_desktop.db.models.core import ServiceRequest, Subscriber
from hendazh_desktop.db.models.credit import JobSplit
from hendazh_desktop.db.models.wages import (
    WageBatch,
    WageBatchLine,
    WageClaim,
    WageItem,
    WageMember,
    WagePaid,
    WagePayable,
    WageReimbursement,
    WageTerms,
)
from hendazh_desktop.domain.wages import ItemKind

# The one lock every payout-changing transaction takes on PostgreSQL (on SQLite the write
# transaction's BEGIN IMMEDIATE already serialises them): building, approving, paying and
# cancelling batches, and clawing back a paid fee, never interleave.
_PAYOUT_LOCK = 1315_0013


# Built once (the split's posting appends items inside the payment that completes a job).
_ITEMS: Table = WageItem.__table__  # type: ignore[assignment]
_INSERT_ITEMS = insert(_ITEMS)


class WagesRepository:
    """Members, payables, wage items, batches, claims and what was paid."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._postgres = session.get_bind().dialect.name == "postgresql"

    def add(self, obj: object) -> None:
        self.session.add(obj)
        self.session.flush()

    def add_all(self, objs: Sequence[object]) -> None:
        self.session.add_all(objs)
        self.session.flush()

    def insert_items(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Append wage items given as column values, in one statement (no objects made)."""
        if rows:
            self.session.connection().execute(_INSERT_ITEMS, list(rows))

    def lock_payouts(self) -> None:
        """Serialise payout changes between PCs (a transaction-scoped advisory lock)."""
        if self._postgres:
            self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PAYOUT_LOCK})

    # -- members and terms ---------------------------------------------------------------------
    def members(self, group_id: int, *, include_left: bool = True) -> list[WageMember]:
        stmt = select(WageMember).where(WageMember.group_id == group_id)
        if not include_left:
            stmt = stmt.where(WageMember.left_on.is_(None))
        return list(
            self.session.execute(stmt.order_by(WageMember.position, WageMember.id)).scalars()
        )

    def member(self, member_id: int) -> WageMember | None:
        return self.session.get(WageMember, member_id)

    def members_by_id(self, ids: Iterable[int]) -> dict[int, WageMember]:
        wanted = set(ids)
        if not wanted:
            return {}
        stmt = select(WageMember).where(WageMember.id.in_(wanted))
        return {m.id: m for m in self.session.execute(stmt).scalars()}

    def terms(self, group_id: int) -> WageTerms | None:
        return self.session.get(WageTerms, group_id)

    def withholding(self, group_ids: Iterable[int]) -> dict[int, int]:
        wanted = set(group_ids)
        if not wanted:
            return {}
        stmt = select(WageTerms.group_id, WageTerms.withholding_bp).where(
            WageTerms.group_id.in_(wanted)
        )
        return {g: bp for g, bp in self.session.execute(stmt)}

    # -- payables ------------------------------------------------------------------------------
    def payable_of_split(self, split_id: int, *, for_update: bool = False) -> WagePayable | None:
        stmt = select(WagePayable).where(WagePayable.split_id == split_id)
        if for_update:
            stmt = stmt.with_for_update()
        return self.session.execute(stmt).scalar_one_or_none()

    def payable(self, payable_id: int) -> WagePayable | None:
        return self.session.get(WagePayable, payable_id)

    def items_of_payable(self, payable_id: int) -> list[WageItem]:
        stmt = select(WageItem).where(WageItem.payable_id == payable_id).order_by(WageItem.id)
        return list(self.session.execute(stmt).scalars())

    def paid_item_ids(self, item_ids: Iterable[int]) -> set[int]:
        wanted = set(item_ids)
        if not wanted:
            return set()
        stmt = select(WagePaid.item_id).where(WagePaid.item_id.in_(wanted))
        return set(self.session.execute(stmt).scalars())

    def item_by_operation(self, operation_id: str) -> WageItem | None:
        stmt = select(WageItem).where(WageItem.operation_id == operation_id)
        return self.session.execute(stmt).scalar_one_or_none()

    def item_of_reimbursement(self, reimbursement_id: int) -> WageItem | None:
        stmt = select(WageItem).where(WageItem.reimbursement_id == reimbursement_id)
        return self.session.execute(stmt).scalar_one_or_none()

    def corrections_of_batch(self, batch_id: int) -> list[WageItem]:
        """The corrections recorded against a batch's lines, oldest first."""
        stmt = (
            select(WageItem)
            .join(WageBatchLine, WageBatchLine.id == WageItem.corrects_line_id)
            .where(WageBatchLine.batch_id == batch_id)
            .order_by(WageItem.id)
        )
        return list(self.session.execute(stmt).scalars())

    def reimbursement(self, reimbursement_id: int) -> WageReimbursement | None:
        return self.session.get(WageReimbursement, reimbursement_id)

    def reimbursements(
        self, group_id: int | None, limit: int = 500
    ) -> list[tuple[WageReimbursement, bool]]:
        """The newest reimbursements (of one group or all), each with whether it is approved."""
        approved = exists().where(WageItem.reimbursement_id == WageReimbursement.id)
        stmt = select(WageReimbursement, approved).order_by(WageReimbursement.id.desc())
        if group_id is not None:
            stmt = stmt.where(WageReimbursement.group_id == group_id)
        return [(row, bool(ok)) for row, ok in self.session.execute(stmt.limit(limit))]

    def reimbursement_by_operation(self, operation_id: str) -> WageReimbursement | None:
        stmt = select(WageReimbursement).where(WageReimbursement.operation_id == operation_id)
        return self.session.execute(stmt).scalar_one_or_none()

    # -- eligibility: an item may go into a batch ---------------------------------------------
    def _reversed(self, split_id_column: object) -> object:
        """True when the split named is reversed (its money no longer collected)."""
        reversal = aliased(JobSplit)
        return exists().where(reversal.reverses_id == split_id_column)

    def _live_request(self, request_id_column: object) -> object:
        """True when the request has a payable whose split is live (its money collected)."""
        payable = aliased(WagePayable)
        reversal = aliased(JobSplit)
        return exists().where(
            payable.request_id == request_id_column,
            ~exists().where(reversal.reverses_id == payable.split_id),
        )

    def eligible_items(
        self, day_to: dt.date, group_ids: Sequence[int]
    ) -> list[tuple[int, int, str, int]]:
        """(id, member, kind, amount) of the items up to ``day_to`` that no open batch holds
        and nothing paid; fees only while their job's collection stands, reimbursements only
        while their job's money is in."""
        stmt = (
            select(WageItem.id, WageItem.member_id, WageItem.kind, WageItem.amount)
            .outerjoin(WagePayable, WagePayable.id == WageItem.payable_id)
            .where(
                WageItem.on_day <= day_to,
                ~exists().where(WageClaim.item_id == WageItem.id),
                ~exists().where(WagePaid.item_id == WageItem.id),
            )
            .order_by(WageItem.member_id, WageItem.id)
        )
        stmt = stmt.where(
            (WageItem.kind != "fee") | ~self._reversed(WagePayable.split_id)  # type: ignore[operator]
        )
        stmt = stmt.where(
            (WageItem.kind != "reimbursement") | self._live_request(WageItem.request_id)
        )
        if group_ids:
            stmt = stmt.where(WageItem.group_id.in_(group_ids))
        return [(i, m, k, a) for i, m, k, a in self.session.execute(stmt)]

    def claim(self, rows: Sequence[dict[str, int]]) -> None:
        """Hold items for a batch (item_id, batch_id, line_id), in one bulk insert."""
        if rows:
            self.session.connection().execute(insert(WageClaim), list(rows))  # Core: quick

    def stale_claims(self, batch_id: int) -> list[WageItem]:
        """Items of an open batch that may no longer be paid (their collection reversed)."""
        claimed = (
            select(WageItem)
            .join(WageClaim, WageClaim.item_id == WageItem.id)
            .outerjoin(WagePayable, WagePayable.id == WageItem.payable_id)
            .where(WageClaim.batch_id == batch_id)
        )
        stale_fee = and_(WageItem.kind == "fee", self._reversed(WagePayable.split_id))  # type: ignore[arg-type]
        stale_reimbursement = and_(
            WageItem.kind == "reimbursement",
            ~self._live_request(WageItem.request_id),  # type: ignore[operator]
        )
        stmt = claimed.where(stale_fee | stale_reimbursement)
        return list(self.session.execute(stmt).scalars())

    # -- batches -------------------------------------------------------------------------------
    def next_batch_number(self) -> int:
        return (
            int(
                self.session.execute(
                    select(func.coalesce(func.max(WageBatch.number), 0))
                ).scalar_one()
            )
            + 1
        )

    def batch(self, batch_id: int, *, for_update: bool = False) -> WageBatch | None:
        if for_update:
            stmt = select(WageBatch).where(WageBatch.id == batch_id).with_for_update()
            return self.session.execute(stmt).scalar_one_or_none()
        return self.session.get(WageBatch, batch_id)

    def batch_by_operation(self, column: str, operation_id: str) -> WageBatch | None:
        stmt = select(WageBatch).where(getattr(WageBatch, column) == operation_id)
        return self.session.execute(stmt).scalar_one_or_none()

    def batches(self, limit: int = 500) -> list[WageBatch]:
        stmt = select(WageBatch).order_by(WageBatch.id.desc()).limit(limit)
        return list(self.session.execute(stmt).scalars())

    def lines(self, batch_id: int) -> list[WageBatchLine]:
        stmt = (
            select(WageBatchLine)
            .where(WageBatchLine.batch_id == batch_id)
            .order_by(WageBatchLine.id)
        )
        return list(self.session.execute(stmt).scalars())

    def claims(self, batch_id: int) -> list[WageClaim]:
        stmt = select(WageClaim).where(WageClaim.batch_id == batch_id)
        return list(self.session.execute(stmt).scalars())

    def release_claims(self, batch_id: int) -> None:
        self.session.execute(delete(WageClaim).where(WageClaim.batch_id == batch_id))

    def items_of_line(self, line_id: int) -> list[WageItem]:
        """The items behind a batch line (held by its claim, or paid by it)."""
        claimed = select(WageClaim.item_id).where(WageClaim.line_id == line_id)
        paid = select(WagePaid.item_id).where(WagePaid.line_id == line_id)
        stmt = (
            select(WageItem)
            .where(WageItem.id.in_(claimed.union(paid).scalar_subquery()))
            .order_by(WageItem.on_day, WageItem.id)
        )
        return list(self.session.execute(stmt).scalars())

    def requests_by_id(self, ids: Iterable[int]) -> dict[int, ServiceRequest]:
        wanted = set(ids)
        if not wanted:
            return {}
        stmt = select(ServiceRequest).where(ServiceRequest.id.in_(wanted))
        return {r.id: r for r in self.session.execute(stmt).scalars()}

    def subscriber_codes(self, ids: Iterable[int | None]) -> dict[int, str]:
        wanted = {i for i in ids if i}
        if not wanted:
            return {}
        stmt = select(Subscriber.id, Subscriber.code).where(Subscriber.id.in_(wanted))
        return {i: c for i, c in self.session.execute(stmt)}

    def items_of_kind(self, kind: ItemKind, group_id: int | None = None) -> list[WageItem]:
        stmt = select(WageItem).where(WageItem.kind == kind.value)
        if group_id is not None:
            stmt = stmt.where(WageItem.group_id == group_id)
        return list(self.session.execute(stmt.order_by(WageItem.id.desc()).limit(2000)).scalars())
