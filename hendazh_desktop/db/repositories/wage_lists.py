"""The wages' lists: payables by state (with done jobs still waiting for their money), paid
totals per group, and a group's items over a range; all filtered and paged in SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import (
    Select,
    and_,
    case,
    exists,
    func,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from hendazh_desktop.db.models.core import Service, ServiceRequest, Subscriber
from hendazh_desktop.db.models.credit import JobSplit
from hendazh_desktop.db.models.dispatch import WorkGroup
from hendazh_desktop.db.models.wages import WageClaim, WageItem, WagePaid, WagePayable


@dataclass(frozen=True, slots=True)
class PayableFilter:
    """What the payables list is narrowed to (every part optional)."""

    state: str | None = None  # domain.wages.PayableState value
    group_id: int | None = None
    member_id: int | None = None
    service_id: int | None = None
    day_from: dt.date | None = None
    day_to: dt.date | None = None


def _state_column() -> Any:
    reversal = aliased(JobSplit)
    reversed_ = exists().where(reversal.reverses_id == WagePayable.split_id)
    fee = aliased(WageItem)
    paid = exists().where(
        fee.payable_id == WagePayable.id, fee.kind == "fee", WagePaid.item_id == fee.id
    )
    claimed = exists().where(
        fee.payable_id == WagePayable.id, fee.kind == "fee", WageClaim.item_id == fee.id
    )
    return case(
        (and_(reversed_, paid), "clawed_back"),
        (reversed_, "held"),
        (paid, "paid"),
        (claimed, "batched"),
        else_="due",
    )


class WageListRepository:
    """Paged lists of the wages."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _payables(self, f: PayableFilter) -> Select[Any]:
        state = _state_column().label("state")
        newer = aliased(WagePayable)
        stmt = select(
            WagePayable.id.label("payable_id"),
            WagePayable.request_id,
            WagePayable.group_id,
            WagePayable.service_id,
            WagePayable.fee.label("fee"),
            WagePayable.on_day.label("on_day"),
            state,
            literal("collection_reversed").label("reason"),
        ).where(
            # a payable whose job was collected again later is shown by its newer payable
            ~exists().where(newer.request_id == WagePayable.request_id, newer.id > WagePayable.id)
        )
        if f.group_id is not None:
            stmt = stmt.where(WagePayable.group_id == f.group_id)
        if f.service_id is not None:
            stmt = stmt.where(WagePayable.service_id == f.service_id)
        if f.day_from is not None:
            stmt = stmt.where(WagePayable.on_day >= f.day_from)
        if f.day_to is not None:
            stmt = stmt.where(WagePayable.on_day <= f.day_to)
        if f.member_id is not None:
            stmt = stmt.where(
                exists().where(
                    WageItem.payable_id == WagePayable.id, WageItem.member_id == f.member_id
                )
            )
        if f.state is not None:
            stmt = stmt.where(_state_column() == f.state)
        return stmt

    def _awaiting(self, f: PayableFilter) -> Select[Any]:
        """Done jobs of a group whose money is not collected yet (no payable at all): done or
        invoiced (a closed request without a payable predates the wages)."""
        stmt: Any = select(
            null().label("payable_id"),
            ServiceRequest.id.label("request_id"),
            ServiceRequest.group_id,
            ServiceRequest.service_id,
            null().label("fee"),
            null().label("on_day"),
            literal("held").label("state"),
            literal("not_collected").label("reason"),
        ).where(
            ServiceRequest.done_at.is_not(None),
            ServiceRequest.group_id.is_not(None),
            ServiceRequest.status.in_(("done", "invoiced")),
            ~exists().where(WagePayable.request_id == ServiceRequest.id),
        )
        if f.group_id is not None:
            stmt = stmt.where(ServiceRequest.group_id == f.group_id)
        if f.service_id is not None:
            stmt = stmt.where(ServiceRequest.service_id == f.service_id)
        return stmt

    def _union(self, f: PayableFilter) -> Any:
        with_awaiting = (
            f.state in (None, "held")
            and f.member_id is None
            and f.day_from is None
            and f.day_to is None
        )
        if with_awaiting:
            return union_all(self._payables(f), self._awaiting(f)).subquery()
        return self._payables(f).subquery()

    def payables(self, f: PayableFilter, offset: int, limit: int) -> list[tuple[Any, ...]]:
        """(payable id, request id, group, service, subscriber code, fee, day, state, reason),
        newest job first."""
        rows = self._union(f)
        stmt = (
            select(
                rows.c.payable_id,
                rows.c.request_id,
                WorkGroup.name,
                Service.name,
                func.coalesce(Subscriber.code, ""),
                rows.c.fee,
                rows.c.on_day,
                rows.c.state,
                rows.c.reason,
                rows.c.group_id,
            )
            .join(ServiceRequest, ServiceRequest.id == rows.c.request_id)
            .join(WorkGroup, WorkGroup.id == rows.c.group_id)
            .join(Service, Service.id == rows.c.service_id)
            .outerjoin(Subscriber, Subscriber.id == ServiceRequest.subscriber_id)
            .order_by(rows.c.request_id.desc())
            .offset(offset)
            .limit(limit)
        )
        return [tuple(r) for r in self.session.execute(stmt)]

    def count(self, f: PayableFilter) -> int:
        rows = self._union(f)
        return int(self.session.execute(select(func.count()).select_from(rows)).scalar_one())

    def totals(self, f: PayableFilter) -> dict[str, int]:
        """The fees in each state (held jobs without a known fee count as 0)."""
        rows = self._union(replace(f, state=None))
        stmt = select(rows.c.state, func.coalesce(func.sum(rows.c.fee), 0)).group_by(rows.c.state)
        return {state: int(total) for state, total in self.session.execute(stmt)}

    def paid_by_group(self) -> dict[int, int]:
        """What every group was paid in total (the sum of its paid items, signed)."""
        stmt = (
            select(WageItem.group_id, func.sum(WageItem.amount))
            .join(WagePaid, WagePaid.item_id == WageItem.id)
            .group_by(WageItem.group_id)
        )
        return {g: int(s) for g, s in self.session.execute(stmt)}

    def group_items(
        self, group_id: int, day_from: dt.date, day_to: dt.date
    ) -> Sequence[tuple[WageItem, int | None]]:
        """A group's items in a range with the batch that paid each (None: not paid yet)."""
        stmt = (
            select(WageItem, WagePaid.batch_id)
            .outerjoin(WagePaid, WagePaid.item_id == WageItem.id)
            .where(
                WageItem.group_id == group_id,
                WageItem.on_day >= day_from,
                WageItem.on_day <= day_to,
            )
            .order_by(WageItem.on_day, WageItem.id)
        )
        return [(item, batch) for item, batch in self.session.execute(stmt)]

    def totals_by_group(self, f: PayableFilter) -> list[tuple[int, str, int]]:
        """(group, state, fees) over every group at once (the wages report)."""
        rows = self._union(replace(f, state=None))
        stmt = select(
            rows.c.group_id, rows.c.state, func.coalesce(func.sum(rows.c.fee), 0)
        ).group_by(rows.c.group_id, rows.c.state)
        return [(int(r[0]), str(r[1]), int(r[2])) for r in self.session.execute(stmt)]
