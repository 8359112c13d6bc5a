"""Aggregate queries of the commission and gift-credit report and of the wages report."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hendazh_desktop.db.models.core import Service, ServiceRequest
from hendazh_desktop.db.models.credit import CreditEntry, JobSplit
from hendazh_desktop.db.models.dispatch import WorkGroup
from hendazh_desktop.db.models.gifts import GiftItem, GiftOrder
from hendazh_desktop.db.models.wages import WageBatch


class CreditReportQueries:
    """Sums over the credit ledger, the job splits, the gift stock and orders."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def ledger_before(self, first: dt.date) -> int:
        """The sum of every credit entry before the local day ``first`` (the ledger's net)."""
        stmt = select(func.coalesce(func.sum(CreditEntry.amount), 0)).where(
            CreditEntry.on_day < first
        )
        return int(self.session.execute(stmt).scalar_one())

    def moves_by_kind(self, first: dt.date, end: dt.date) -> list[tuple[str, int, int]]:
        """(kind, entries, signed amount) of the credit entries of the days [first, end)."""
        stmt = (
            select(CreditEntry.kind, func.count(CreditEntry.id), func.sum(CreditEntry.amount))
            .where(CreditEntry.on_day >= first, CreditEntry.on_day < end)
            .group_by(CreditEntry.kind)
        )
        return [(str(r[0]), int(r[1]), int(r[2] or 0)) for r in self.session.execute(stmt)]

    def splits_by_service(
        self, start: dt.datetime, end: dt.datetime
    ) -> list[tuple[str, int, int, int, int, int, int]]:
        """(service, splits, labour, commission, kept, referrer credit, recipient credit) of
        the splits posted (and reversals, negative) in the range."""
        stmt = (
            select(
                Service.name,
                func.count(JobSplit.id),
                func.sum(JobSplit.labour),
                func.sum(JobSplit.commission),
                func.sum(JobSplit.commission_kept),
                func.sum(JobSplit.referrer_credit),
                func.sum(JobSplit.recipient_credit),
            )
            .join(ServiceRequest, ServiceRequest.id == JobSplit.request_id)
            .join(Service, Service.id == ServiceRequest.service_id)
            .where(JobSplit.at >= start, JobSplit.at < end)
            .group_by(Service.name)
            .order_by(Service.name)
        )
        return [
            (str(r[0]), int(r[1]), *(int(v or 0) for v in r[2:]))  # type: ignore[misc]
            for r in self.session.execute(stmt)
        ]

    def gift_stock(self) -> tuple[int, int, int]:
        """(active gifts, items in stock, their value in credit rials)."""
        stmt = select(
            func.count(GiftItem.id),
            func.coalesce(func.sum(GiftItem.stock), 0),
            func.coalesce(func.sum(GiftItem.stock * GiftItem.credit_price), 0),
        ).where(GiftItem.active.is_(True))
        a, b, c = self.session.execute(stmt).one()
        return int(a), int(b), int(c)

    def orders_by_state(self, start: dt.datetime, end: dt.datetime) -> list[tuple[str, int, int]]:
        """(state, orders, credit) of the gift orders placed in the range."""
        stmt = (
            select(GiftOrder.state, func.count(GiftOrder.id), func.sum(GiftOrder.total))
            .where(GiftOrder.placed_at >= start, GiftOrder.placed_at < end)
            .group_by(GiftOrder.state)
        )
        return [(str(r[0]), int(r[1]), int(r[2] or 0)) for r in self.session.execute(stmt)]

    def batches(self, first: dt.date, end: dt.date) -> list[tuple[int, str, dt.date, dt.date, int]]:
        """(number, state, from, to, total) of the payout batches made in the days."""
        stmt = (
            select(WageBatch.number, WageBatch.state, WageBatch.day_from, WageBatch.day_to,
                   WageBatch.total)
            .where(WageBatch.day_to >= first, WageBatch.day_from < end)
            .order_by(WageBatch.number)
        )  # fmt: skip
        return [(int(r[0]), str(r[1]), r[2], r[3], int(r[4])) for r in self.session.execute(stmt)]

    def groups(self) -> list[tuple[int, str]]:
        stmt = select(WorkGroup.id, WorkGroup.name).order_by(WorkGroup.name)
        return [(int(r[0]), str(r[1])) for r in self.session.execute(stmt)]
