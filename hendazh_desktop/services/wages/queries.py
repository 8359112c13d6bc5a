"""What the wages view, the payslips and the statements read: payables by state, batches with
their lines and the jobs behind each, advances, totals and a group's statement of earnings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.models.wages import WageBatchLine, WageItem
from hendazh_desktop.db.repositories.wage_lists import PAYABLE_ORDERS, PayableFilter
from hendazh_desktop.db.repositories.wage_pages import (
    ADVANCE_ORDERS,
    BATCH_ORDERS,
    LINE_ORDERS,
    REIMBURSEMENT_ORDERS,
)
from hendazh_desktop.domain.errors import NotFound
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.wages import ItemKind
from hendazh_desktop.services.list_order import check_order
from hendazh_desktop.services.wages.batches import batch_record, detail_of
from hendazh_desktop.services.wages.ledger import (
    item_record,
    member_record,
    reimbursement_record,
)
from hendazh_desktop.services.wages.records import (
    BatchDetail,
    BatchLineRecord,
    BatchRecord,
    JobLine,
    PayableRow,
    Payslip,
    ReimbursementRecord,
    WageItemRecord,
    WageMemberRecord,
)

__all__ = ["GroupStatement", "PayableFilter", "WageQueries"]


@dataclass(frozen=True, slots=True)
class GroupStatement:
    """A group's earnings over a Jalali range: every item, and the totals by kind."""

    group_id: int
    group_name: str
    day_from: dt.date
    day_to: dt.date
    items: tuple[tuple[WageItemRecord, str, int | None], ...]  # item, member name, paid by batch
    totals: tuple[tuple[str, int], ...]  # (kind, sum)
    paid: int
    unpaid: int


def _limit(limit: int) -> int:
    return max(0, min(limit, 1000))


def line_record(line: WageBatchLine, member_name: str, group_name: str) -> BatchLineRecord:
    return BatchLineRecord(
        id=line.id,
        batch_id=line.batch_id,
        member_id=line.member_id,
        member_name=member_name,
        group_id=line.group_id,
        group_name=group_name,
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


class WageQueries:
    """Read-only views of the wages (never for consultants or dispatchers)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def payables(
        self, actor: Actor, f: PayableFilter, offset: int, limit: int, order: str = "-request"
    ) -> list[PayableRow]:
        """A page of the payables, newest job first or in ``order`` (a key of PAYABLE_ORDERS,
        "-" for descending)."""
        require(actor, Permission.VIEW_WAGES)
        check_order(order.removeprefix("-"), PAYABLE_ORDERS)
        with self._db.read() as uow:
            return [
                PayableRow(
                    payable_id=r[0],
                    request_id=r[1],
                    group_name=r[2],
                    service_name=r[3],
                    subscriber_code=r[4],
                    fee=r[5],
                    on_day=r[6],
                    state=r[7],
                    reason="" if r[7] != "held" else r[8],
                    group_id=r[9],
                )
                for r in uow.wage_lists.payables(f, offset, max(0, min(limit, 1000)), order)
            ]

    def payable_count(self, actor: Actor, f: PayableFilter) -> int:
        require(actor, Permission.VIEW_WAGES)
        with self._db.read() as uow:
            return uow.wage_lists.count(f)

    def totals(self, actor: Actor, f: PayableFilter | None = None) -> dict[str, int]:
        require(actor, Permission.VIEW_WAGES)
        with self._db.read() as uow:
            return uow.wage_lists.totals(f or PayableFilter())

    def paid_by_group(self, actor: Actor) -> dict[int, int]:
        require(actor, Permission.VIEW_WAGES)
        with self._db.read() as uow:
            return uow.wage_lists.paid_by_group()

    # -- the other lists, a page at a time in an order of the database ------------------------
    def batch_count(self, actor: Actor) -> int:
        require(actor, Permission.VIEW_WAGES)
        with self._db.read() as uow:
            return uow.wage_pages.batch_count()

    def batch_page(
        self, actor: Actor, offset: int, limit: int, order: str = "-number"
    ) -> list[BatchRecord]:
        """Payout batches, newest first or in ``order`` (a key of BATCH_ORDERS)."""
        require(actor, Permission.VIEW_WAGES)
        check_order(order.removeprefix("-"), BATCH_ORDERS)
        with self._db.read() as uow:
            rows = uow.wage_pages.batches(offset, _limit(limit), order)
            return [batch_record(batch, lines) for batch, lines in rows]

    def line_count(self, actor: Actor, batch_id: int) -> int:
        require(actor, Permission.VIEW_WAGES)
        with self._db.read() as uow:
            return uow.wage_pages.line_count(batch_id)

    def line_page(
        self, actor: Actor, batch_id: int, offset: int, limit: int, order: str = "id"
    ) -> list[BatchLineRecord]:
        """A batch's lines, as built or in ``order`` (a key of LINE_ORDERS)."""
        require(actor, Permission.VIEW_WAGES)
        check_order(order.removeprefix("-"), LINE_ORDERS)
        with self._db.read() as uow:
            rows = uow.wage_pages.lines(batch_id, offset, _limit(limit), order)
            return [line_record(line, member, group) for line, member, group in rows]

    def advance_count(self, actor: Actor, group_id: int | None = None) -> int:
        require(actor, Permission.VIEW_WAGES)
        with self._db.read() as uow:
            return uow.wage_pages.advance_count(group_id)

    def advance_page(
        self, actor: Actor, group_id: int | None, offset: int, limit: int, order: str = "-number"
    ) -> list[WageItemRecord]:
        """Advances (of one group or all), newest first or in ``order``."""
        require(actor, Permission.VIEW_WAGES)
        check_order(order.removeprefix("-"), ADVANCE_ORDERS)
        with self._db.read() as uow:
            rows = uow.wage_pages.advances(group_id, offset, _limit(limit), order)
            return [item_record(i) for i in rows]

    def reimbursement_count(self, actor: Actor, group_id: int | None = None) -> int:
        require(actor, Permission.VIEW_WAGES)
        with self._db.read() as uow:
            return uow.wage_pages.reimbursement_count(group_id)

    def reimbursement_page(
        self, actor: Actor, group_id: int | None, offset: int, limit: int, order: str = "-number"
    ) -> list[ReimbursementRecord]:
        """Reimbursements (of one group or all), newest first or in ``order``."""
        require(actor, Permission.VIEW_WAGES)
        check_order(order.removeprefix("-"), REIMBURSEMENT_ORDERS)
        with self._db.read() as uow:
            rows = uow.wage_pages.reimbursements(group_id, offset, _limit(limit), order)
            return [reimbursement_record(r, ok) for r, ok in rows]

    def members(self, actor: Actor, group_id: int) -> list[WageMemberRecord]:
        require(actor, Permission.VIEW_WAGES)
        with self._db.read() as uow:
            return [member_record(m) for m in uow.wages.members(group_id)]

    def items_of_payable(self, actor: Actor, payable_id: int) -> list[WageItemRecord]:
        require(actor, Permission.VIEW_WAGES)
        with self._db.read() as uow:
            return [item_record(i) for i in uow.wages.items_of_payable(payable_id)]

    def batches(self, actor: Actor) -> list[BatchRecord]:
        require(actor, Permission.VIEW_WAGES)
        with self._db.read() as uow:
            return [batch_record(b, len(uow.wages.lines(b.id))) for b in uow.wages.batches()]

    def batch(self, actor: Actor, batch_id: int) -> BatchDetail:
        require(actor, Permission.VIEW_WAGES)
        with self._db.read() as uow:
            batch = uow.wages.batch(batch_id)
            if batch is None:
                raise NotFound("wage_batch", batch_id)
            return detail_of(uow, batch)

    def items_of_line(self, actor: Actor, line_id: int) -> list[WageItemRecord]:
        require(actor, Permission.VIEW_WAGES)
        with self._db.read() as uow:
            return [item_record(i) for i in uow.wages.items_of_line(line_id)]

    def payslips(self, actor: Actor, batch_id: int) -> list[Payslip]:
        """One payslip per line of the batch."""
        require(actor, Permission.VIEW_WAGES)
        with self._db.read() as uow:
            batch = uow.wages.batch(batch_id)
            if batch is None:
                raise NotFound("wage_batch", batch_id)
            detail = detail_of(uow, batch)
            lines = {line.id: line for line in uow.wages.lines(batch_id)}
            return [self._payslip(uow, detail, lines[rec.id], rec) for rec in detail.lines]

    def advances(self, actor: Actor, group_id: int | None = None) -> list[WageItemRecord]:
        require(actor, Permission.VIEW_WAGES)
        with self._db.read() as uow:
            return [item_record(i) for i in uow.wages.items_of_kind(ItemKind.ADVANCE, group_id)]

    def reimbursements(
        self, actor: Actor, group_id: int | None = None
    ) -> list[ReimbursementRecord]:
        """Materials bought by the groups (newest first), approved or waiting."""
        require(actor, Permission.VIEW_WAGES)
        with self._db.read() as uow:
            return [reimbursement_record(r, ok) for r, ok in uow.wages.reimbursements(group_id)]

    def statement(
        self, actor: Actor, group_id: int, day_from: dt.date, day_to: dt.date
    ) -> GroupStatement:
        """A group's statement of earnings over a range of days."""
        require(actor, Permission.VIEW_WAGES)
        with self._db.read() as uow:
            group = uow.work_groups.get(group_id)
            if group is None:
                raise NotFound("work_group", group_id)
            rows = uow.wage_lists.group_items(group_id, day_from, day_to)
            names = {m.id: m.name for m in uow.wages.members(group_id)}
            sums: dict[str, int] = {}
            for item, _ in rows:
                sums[item.kind] = sums.get(item.kind, 0) + item.amount
            return GroupStatement(
                group_id=group_id,
                group_name=group.name,
                day_from=day_from,
                day_to=day_to,
                items=tuple((item_record(i), names.get(i.member_id, ""), b) for i, b in rows),
                totals=tuple(sorted(sums.items())),
                paid=sum(i.amount for i, b in rows if b is not None),
                unpaid=sum(i.amount for i, b in rows if b is None),
            )

    @staticmethod
    def _payslip(uow: UnitOfWork, detail: BatchDetail, line: WageBatchLine, rec: object) -> Payslip:
        items: list[WageItem] = uow.wages.items_of_line(line.id)
        requests = uow.wages.requests_by_id(i.request_id for i in items if i.request_id)
        services = {s.id: s.name for s in uow.catalogue.services()}
        codes = uow.wages.subscriber_codes(r.subscriber_id for r in requests.values())
        jobs = []
        deductions = []
        for item in items:
            if item.kind in (ItemKind.FEE.value, ItemKind.REIMBURSEMENT.value):
                request = requests[item.request_id or 0]
                jobs.append(
                    JobLine(
                        request_id=request.id,
                        day=item.on_day,
                        service_name=services.get(request.service_id, ""),
                        subscriber_code=codes.get(request.subscriber_id or 0, ""),
                        kind=item.kind,
                        amount=item.amount,
                    )
                )
            else:
                deductions.append(item_record(item))
        assert isinstance(rec, type(detail.lines[0]))
        return Payslip(batch=detail.batch, line=rec, jobs=tuple(jobs), deductions=tuple(deductions))
