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
    literal_column,
    null,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from hendazh_desktop.db.models.core import AWAITING_WAGE, Service, ServiceRequest, Subscriber
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


# Made once: a statement built over fresh aliases costs its adaptation again on every page.
_AWAITING_SQL = " AND ".join(
    f"service_requests.{term}" for term in AWAITING_WAGE.split(" AND ")
)
_REVERSAL = aliased(JobSplit, name="reversal")
_FEE = aliased(WageItem, name="fee_item")
_NEWER = aliased(WagePayable, name="newer")


def _state_column() -> Any:
    reversal, fee = _REVERSAL, _FEE
    reversed_ = exists().where(reversal.reverses_id == WagePayable.split_id)
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


# The payables list's orders ("-key" reverses): each a tuple of (payable row, awaiting job)
# pairs of columns compared in turn, the job's number last (every row is one job). Only the
# number is served by an index over the whole list; the UI offers the others once a filter has
# narrowed it. Empty values (a job still waiting for its money has no day and no fee) sort last.
PAYABLE_ORDERS = ("request", "day", "group", "service", "code", "fee", "state")


def _sort_columns(key: str) -> list[tuple[Any, Any]]:
    """The (payable, awaiting job) expressions that ``key`` orders by, before the number."""
    if key == "day":
        return [(literal(0), literal(1)), (WagePayable.on_day, null())]
    if key == "fee":
        return [(literal(0), literal(1)), (WagePayable.fee, null())]
    if key == "group":
        return [(WorkGroup.sort_key, WorkGroup.sort_key)]
    if key == "service":
        return [(Service.sort_key, Service.sort_key)]
    if key == "code":
        code = func.coalesce(Subscriber.code, "")
        return [(code, code)]
    if key == "state":
        reason = (literal("collection_reversed"), literal("not_collected"))
        return [(_state_column(), literal("held")), reason]
    return []


class WageListRepository:
    """Paged lists of the wages."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @staticmethod
    def _filtered_payables(stmt: Any, f: PayableFilter) -> Any:
        """The filters that a payable's own columns answer (not its state)."""
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
        return stmt

    @staticmethod
    def _latest() -> Any:
        """A payable whose job was collected again later is shown by its newer payable."""
        newer = _NEWER
        return ~exists().where(
            newer.request_id == WagePayable.request_id, newer.id > WagePayable.id
        )

    def _payables(self, f: PayableFilter) -> Select[Any]:
        state = _state_column().label("state")
        stmt = select(
            WagePayable.id.label("payable_id"),
            WagePayable.request_id,
            WagePayable.group_id,
            WagePayable.service_id,
            WagePayable.fee.label("fee"),
            WagePayable.on_day.label("on_day"),
            state,
            literal("collection_reversed").label("reason"),
        ).where(self._latest())
        stmt = self._filtered_payables(stmt, f)
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
        )
        return self._awaiting_where(stmt, f)

    @staticmethod
    def _awaiting_where(stmt: Any, f: PayableFilter) -> Any:
        stmt = stmt.where(
            # the partial index's own condition, as text: a bound parameter would keep
            # SQLite from seeing that the index holds exactly these jobs
            text(f"({_AWAITING_SQL})"),
            ~exists().where(WagePayable.request_id == ServiceRequest.id),
        )
        if f.group_id is not None:
            stmt = stmt.where(ServiceRequest.group_id == f.group_id)
        if f.service_id is not None:
            stmt = stmt.where(ServiceRequest.service_id == f.service_id)
        return stmt

    @staticmethod
    def _with_awaiting(f: PayableFilter) -> bool:
        return (
            f.state in (None, "held")
            and f.member_id is None
            and f.day_from is None
            and f.day_to is None
        )

    def _union(self, f: PayableFilter) -> Any:
        if self._with_awaiting(f):
            return union_all(self._payables(f), self._awaiting(f)).subquery()
        return self._payables(f).subquery()

    def _keys(self, f: PayableFilter, key: str) -> tuple[Any, int]:
        """The list's (payable id, job number, sort columns...) in both parts, unordered, and
        how many sort columns come before the number."""
        pairs = _sort_columns(key)
        mine = [a.label(f"s{i}") for i, (a, _b) in enumerate(pairs)]
        stmt: Any = select(WagePayable.id.label("pid"), *mine, WagePayable.request_id.label("rid"))
        if key == "group":
            stmt = stmt.join(WorkGroup, WorkGroup.id == WagePayable.group_id)
        elif key == "service":
            stmt = stmt.join(Service, Service.id == WagePayable.service_id)
        elif key == "code":
            stmt = stmt.join(ServiceRequest, ServiceRequest.id == WagePayable.request_id)
            stmt = stmt.outerjoin(Subscriber, Subscriber.id == ServiceRequest.subscriber_id)
        stmt = self._filtered_payables(stmt.where(self._latest()), f)
        if f.state is not None:
            stmt = stmt.where(_state_column() == f.state)
        if not self._with_awaiting(f):
            return stmt, len(pairs)
        theirs = [b.label(f"s{i}") for i, (_a, b) in enumerate(pairs)]
        rid = ServiceRequest.id.label("rid")
        other: Any = select(null().label("pid"), *theirs, rid)
        if key == "group":
            other = other.join(WorkGroup, WorkGroup.id == ServiceRequest.group_id)
        elif key == "service":
            other = other.join(Service, Service.id == ServiceRequest.service_id)
        elif key == "code":
            other = other.outerjoin(Subscriber, Subscriber.id == ServiceRequest.subscriber_id)
        return union_all(stmt, self._awaiting_where(other, f)), len(pairs)

    def payables(
        self, f: PayableFilter, offset: int, limit: int, order: str = "-request"
    ) -> list[tuple[Any, ...]]:
        """(payable id, request id, group, service, subscriber code, fee, day, state, reason,
        group id) in ``order`` (a key of PAYABLE_ORDERS, "-" for descending; newest job first
        by default). The page's keys are found first, then only its rows are read in full."""
        key = order.removeprefix("-")
        keys, n = self._keys(f, key)
        names = [f"s{i}" for i in range(n)] + ["rid"]
        terms: list[Any] = [literal_column(c) for c in names]
        if order.startswith("-"):
            terms = [t.desc() for t in terms]
        page = self.session.execute(keys.order_by(*terms).offset(offset).limit(limit)).all()
        payable_ids = [r[0] for r in page if r[0] is not None]
        awaiting_ids = [r[-1] for r in page if r[0] is None]
        found: dict[tuple[str, int], tuple[Any, ...]] = {}
        if payable_ids:
            rows = self._payables(PayableFilter()).where(WagePayable.id.in_(payable_ids))
            for r in self._named(rows.subquery()):
                found[("p", r[0])] = r
        if awaiting_ids:
            rows = self._awaiting(PayableFilter()).where(ServiceRequest.id.in_(awaiting_ids))
            for r in self._named(rows.subquery()):
                found[("a", r[1])] = r
        return [found[("p", r[0]) if r[0] is not None else ("a", r[-1])] for r in page]

    def _named(self, rows: Any) -> list[tuple[Any, ...]]:
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
        )
        return [tuple(r) for r in self.session.execute(stmt)]

    def count(self, f: PayableFilter) -> int:
        """How many rows the list has. Without a state filter the payables are counted from an
        index, less those a newer payable of the same job replaced (a job is collected again
        only after its collection was reversed, so those are found from the few reversals)."""
        if f.state is not None:
            total = self._scalar(select(func.count()).select_from(self._payables(f).subquery()))
        else:
            every = select(func.count()).select_from(WagePayable)
            total = self._scalar(self._filtered_payables(every, f))
            reversed_ids = select(JobSplit.reverses_id).where(JobSplit.reverses_id.is_not(None))
            replaced = self._filtered_payables(
                select(func.count())
                .select_from(WagePayable)
                .where(WagePayable.split_id.in_(reversed_ids), ~self._latest()),
                f,
            )
            total -= self._scalar(replaced)
        if self._with_awaiting(f):
            awaiting = self._awaiting_where(select(func.count()).select_from(ServiceRequest), f)
            total += self._scalar(awaiting)
        return total

    def _scalar(self, stmt: Any) -> int:
        return int(self.session.execute(stmt).scalar_one())

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
