"""The wages view's other lists, paged and ordered in the database by each of their columns:
payout batches, a batch's lines, advances and reimbursements (names in Persian order by their
sort keys, empty values at the end)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import case, exists, func, select, text
from sqlalchemy.orm import Session

from hendazh_desktop.db.models.dispatch import WorkGroup
from hendazh_desktop.db.models.wages import (
    ADVANCE_ITEM,
    WageBatch,
    WageBatchLine,
    WageItem,
    WageMember,
    WageReimbursement,
)
from hendazh_desktop.db.ordering import ordered_by
from hendazh_desktop.domain.text import collation_key
from hendazh_desktop.domain.wages import IBAN_PROBLEM_LABELS


def _by_label(labels: dict[str, str], column: Any) -> Any:
    """A stored code ranked by its Persian label's alphabetical place."""
    codes = sorted(labels, key=lambda code: collation_key(labels[code]))
    return case({code: rank for rank, code in enumerate(codes)}, value=column, else_=len(codes))


_LINE_COUNT = (
    select(func.count(WageBatchLine.id))
    .where(WageBatchLine.batch_id == WageBatch.id)
    .correlate(WageBatch)
    .scalar_subquery()
)
_APPROVED = exists().where(WageItem.reimbursement_id == WageReimbursement.id)

# Each list's orders ("-key" reverses), the row's id last so equal values keep one order.
BATCH_ORDERS: dict[str, tuple[Any, ...]] = {
    "number": (WageBatch.number,),
    "from": (WageBatch.day_from, WageBatch.number),
    "to": (WageBatch.day_to, WageBatch.number),
    "state": (WageBatch.state, WageBatch.number),
    "lines": (_LINE_COUNT, WageBatch.number),
    "total": (WageBatch.total, WageBatch.number),
    "paid_on": (WageBatch.paid_on.is_(None), WageBatch.paid_on, WageBatch.number),
    "bank_ref": (WageBatch.bank_ref, WageBatch.number),
}
LINE_ORDERS: dict[str, tuple[Any, ...]] = {
    "name": (WageMember.sort_key, WageBatchLine.id),
    "group": (WorkGroup.sort_key, WageBatchLine.id),
    "fees": (WageBatchLine.fees, WageBatchLine.id),
    "reimbursements": (WageBatchLine.reimbursements, WageBatchLine.id),
    "advances": (WageBatchLine.advances, WageBatchLine.id),
    "clawbacks": (WageBatchLine.clawbacks, WageBatchLine.id),
    "corrections": (WageBatchLine.corrections, WageBatchLine.id),
    "withholding": (WageBatchLine.withholding, WageBatchLine.id),
    "net": (WageBatchLine.net, WageBatchLine.id),
    "method": (WageBatchLine.method, WageBatchLine.id),
    "iban": (
        WageBatchLine.iban.is_(None),
        func.coalesce(WageBatchLine.iban, ""),
        _by_label(IBAN_PROBLEM_LABELS, WageBatchLine.problem),
        WageBatchLine.id,
    ),
    "id": (WageBatchLine.id,),
}
# An advance is stored negative and shown as the amount advanced.
ADVANCE_ORDERS: dict[str, tuple[Any, ...]] = {
    "number": (WageItem.id,),
    "day": (WageItem.on_day, WageItem.id),
    "amount": (-WageItem.amount, WageItem.id),
    "reason": (WageItem.reason, WageItem.id),
}
REIMBURSEMENT_ORDERS: dict[str, tuple[Any, ...]] = {
    "number": (WageReimbursement.id,),
    "request": (WageReimbursement.request_id, WageReimbursement.id),
    "amount": (WageReimbursement.amount, WageReimbursement.id),
    "receipt": (WageReimbursement.receipt_number, WageReimbursement.id),
    "note": (WageReimbursement.note, WageReimbursement.id),
    "approved": (case((_APPROVED, 1), else_=0), WageReimbursement.id),
}


class WagePageRepository:
    """Counts and ordered pages of the batches, lines, advances and reimbursements."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _count(self, stmt: Any) -> int:
        return int(self.session.execute(stmt).scalar_one())

    def batch_count(self) -> int:
        return self._count(select(func.count()).select_from(WageBatch))

    def batches(self, offset: int, limit: int, order: str) -> list[tuple[WageBatch, int]]:
        """(batch, its number of lines) in ``order``."""
        stmt = select(WageBatch, _LINE_COUNT).order_by(*ordered_by(BATCH_ORDERS, order))
        rows = self.session.execute(stmt.offset(offset).limit(limit))
        return [(batch, int(lines)) for batch, lines in rows]

    def line_count(self, batch_id: int) -> int:
        stmt = select(func.count()).select_from(WageBatchLine)
        return self._count(stmt.where(WageBatchLine.batch_id == batch_id))

    def lines(
        self, batch_id: int, offset: int, limit: int, order: str
    ) -> list[tuple[WageBatchLine, str, str]]:
        """(line, member's name, group's name) of one batch in ``order``."""
        stmt = (
            select(WageBatchLine, WageMember.name, WorkGroup.name)
            .join(WageMember, WageMember.id == WageBatchLine.member_id)
            .join(WorkGroup, WorkGroup.id == WageBatchLine.group_id)
            .where(WageBatchLine.batch_id == batch_id)
            .order_by(*ordered_by(LINE_ORDERS, order))
        )
        rows = self.session.execute(stmt.offset(offset).limit(limit))
        return [(line, member, group) for line, member, group in rows]

    def group_names(self, group_ids: Iterable[int]) -> dict[int, str]:
        """The names of just these work groups (a batch's lines name a few of many)."""
        wanted = sorted(set(group_ids))
        if not wanted:
            return {}
        stmt = select(WorkGroup.id, WorkGroup.name).where(WorkGroup.id.in_(wanted))
        return {gid: name for gid, name in self.session.execute(stmt)}

    def _advances(self, stmt: Any, group_id: int | None) -> Any:
        # the partial index's own condition, as text (a bound value would hide it from SQLite)
        stmt = stmt.where(text(f"wage_items.{ADVANCE_ITEM}"))
        return stmt if group_id is None else stmt.where(WageItem.group_id == group_id)

    def advance_count(self, group_id: int | None) -> int:
        return self._count(self._advances(select(func.count()).select_from(WageItem), group_id))

    def advances(self, group_id: int | None, offset: int, limit: int, order: str) -> list[WageItem]:
        stmt = self._advances(select(WageItem), group_id).order_by(
            *ordered_by(ADVANCE_ORDERS, order)
        )
        return list(self.session.execute(stmt.offset(offset).limit(limit)).scalars())

    @staticmethod
    def _of_group(stmt: Any, group_id: int | None) -> Any:
        return stmt if group_id is None else stmt.where(WageReimbursement.group_id == group_id)

    def reimbursement_count(self, group_id: int | None) -> int:
        stmt = select(func.count()).select_from(WageReimbursement)
        return self._count(self._of_group(stmt, group_id))

    def reimbursements(
        self, group_id: int | None, offset: int, limit: int, order: str
    ) -> list[tuple[WageReimbursement, bool]]:
        """(reimbursement, whether it is approved) in ``order``."""
        stmt = self._of_group(select(WageReimbursement, _APPROVED), group_id).order_by(
            *ordered_by(REIMBURSEMENT_ORDERS, order)
        )
        rows = self.session.execute(stmt.offset(offset).limit(limit))
        return [(row, bool(ok)) for row, ok in rows]
