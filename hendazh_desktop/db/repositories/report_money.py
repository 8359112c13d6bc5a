"""Aggregate queries of the money reports: sales by service, group or day, VAT by rate,
collections by method, cheques by state and refunds, over a range of local days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session

from hendazh_desktop.db.models.billing import Invoice, InvoiceLine, Payment, PaymentBalance
from hendazh_desktop.db.models.core import Service, ServiceRequest
from hendazh_desktop.db.models.dispatch import WorkGroup


@dataclass(frozen=True, slots=True)
class ReportScope:
    """Local days ``first`` ≤ day < ``end``, and the optional filters of a report."""

    first: dt.date
    end: dt.date
    service_id: int | None = None
    group_id: int | None = None
    consultant_id: int | None = None

    @property
    def joins_request(self) -> bool:
        return self.group_id is not None or self.consultant_id is not None


def _request_filters(stmt: Any, scope: ReportScope) -> Any:
    if scope.group_id is not None:
        stmt = stmt.where(ServiceRequest.group_id == scope.group_id)
    if scope.consultant_id is not None:
        stmt = stmt.where(ServiceRequest.created_by == scope.consultant_id)
    return stmt


class MoneyReportQueries:
    """Sums over issued invoices and recorded payments (never drafts)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # -- sales -------------------------------------------------------------------------------
    def _invoices(self, stmt: Any, scope: ReportScope, *, need_request: bool = False) -> Any:
        stmt = stmt.where(
            Invoice.issued_on.is_not(None),
            Invoice.issued_on >= scope.first,
            Invoice.issued_on < scope.end,
        )
        if scope.service_id is not None:
            stmt = stmt.where(Invoice.service_id == scope.service_id)
        if need_request or scope.joins_request:
            stmt = stmt.outerjoin(ServiceRequest, ServiceRequest.id == Invoice.request_id)
        return _request_filters(stmt, scope)

    def sales(self, scope: ReportScope, by: str) -> list[tuple[Any, str, str, int, int, int, int]]:
        """(key, label, kind, count, net, vat, total) per ``by`` (service, group or day) and
        invoice kind; credit notes are their own kind, with positive sums."""
        sums = (func.count(Invoice.id), func.sum(Invoice.net), func.sum(Invoice.vat),
                func.sum(Invoice.total))  # fmt: skip
        stmt: Any
        key: Any
        label: Any
        if by == "service":
            key, label = Invoice.service_id, func.coalesce(Service.name, literal(""))
            stmt = select(key, label, Invoice.kind, *sums).outerjoin(
                Service, Service.id == Invoice.service_id
            )
            stmt = self._invoices(stmt, scope)
        elif by == "group":
            key, label = ServiceRequest.group_id, func.coalesce(WorkGroup.name, literal(""))
            stmt = select(key, label, Invoice.kind, *sums)
            stmt = self._invoices(stmt, scope, need_request=True).outerjoin(
                WorkGroup, WorkGroup.id == ServiceRequest.group_id
            )
        else:
            key, label = Invoice.issued_on, literal("")
            stmt = self._invoices(select(key, label, Invoice.kind, *sums), scope)
        stmt = stmt.group_by(key, label, Invoice.kind).order_by(key)
        return [
            (r[0], str(r[1] or ""), str(r[2]), int(r[3]), int(r[4] or 0), int(r[5] or 0),
             int(r[6] or 0))
            for r in self.session.execute(stmt)
        ]  # fmt: skip

    def vat_by_rate(self, scope: ReportScope) -> list[tuple[int, bool, str, int, int, int]]:
        """(rate in basis points, exempt, invoice kind, lines, net, vat) of the issued lines."""
        stmt = select(
            InvoiceLine.vat_bp,
            InvoiceLine.vat_exempt,
            Invoice.kind,
            func.count(InvoiceLine.id),
            func.sum(InvoiceLine.net),
            func.sum(InvoiceLine.vat),
        ).join(Invoice, Invoice.id == InvoiceLine.invoice_id)
        stmt = self._invoices(stmt, scope)
        stmt = stmt.group_by(InvoiceLine.vat_bp, InvoiceLine.vat_exempt, Invoice.kind).order_by(
            InvoiceLine.vat_exempt, InvoiceLine.vat_bp
        )
        return [
            (int(r[0]), bool(r[1]), str(r[2]), int(r[3]), int(r[4] or 0), int(r[5] or 0))
            for r in self.session.execute(stmt)
        ]

    # -- collections -------------------------------------------------------------------------
    def _payments(self, stmt: Any, scope: ReportScope) -> Any:
        stmt = stmt.where(Payment.received_on >= scope.first, Payment.received_on < scope.end)
        if scope.service_id is not None or scope.joins_request:
            stmt = stmt.join(ServiceRequest, ServiceRequest.id == Payment.request_id)
        if scope.service_id is not None:
            stmt = stmt.where(ServiceRequest.service_id == scope.service_id)
        return _request_filters(stmt, scope)

    def payments_by_method(self, scope: ReportScope) -> list[tuple[str, str, int, int]]:
        """(direction, method, count, amount) of the payments received (in) and refunds (out)."""
        stmt = self._payments(
            select(Payment.direction, Payment.method, func.count(Payment.id),
                   func.sum(Payment.amount)), scope
        ).group_by(Payment.direction, Payment.method)  # fmt: skip
        return [
            (str(r[0]), str(r[1]), int(r[2]), int(r[3] or 0)) for r in self.session.execute(stmt)
        ]

    def cheques_by_state(self, scope: ReportScope) -> list[tuple[str, int, int]]:
        """(state, count, amount) of the cheques received in the range, by their state now."""
        state = func.coalesce(PaymentBalance.cheque_state, literal("pending"))
        stmt = (
            select(state, func.count(Payment.id), func.sum(Payment.amount))
            .outerjoin(PaymentBalance, PaymentBalance.payment_id == Payment.id)
            .where(Payment.method == "cheque", Payment.direction == "in")
        )
        stmt = self._payments(stmt, scope).group_by(state)
        return [(str(r[0]), int(r[1]), int(r[2] or 0)) for r in self.session.execute(stmt)]

    def payments_by_day(self, scope: ReportScope) -> list[tuple[dt.date, str, int]]:
        """(day, direction, amount) of the money received and refunded."""
        stmt = (
            self._payments(
                select(Payment.received_on, Payment.direction, func.sum(Payment.amount)), scope
            )
            .group_by(Payment.received_on, Payment.direction)
            .order_by(Payment.received_on)
        )
        return [(r[0], str(r[1]), int(r[2] or 0)) for r in self.session.execute(stmt)]

    def cheques_due(self, first: dt.date, end: dt.date) -> tuple[int, int]:
        """(count, amount) of pending received cheques falling due in [first, end)."""
        stmt = (
            select(func.count(Payment.id), func.coalesce(func.sum(Payment.amount), 0))
            .join(PaymentBalance, PaymentBalance.payment_id == Payment.id)
            .where(
                Payment.method == "cheque",
                Payment.direction == "in",
                PaymentBalance.cheque_state == "pending",
                Payment.cheque_due_on >= first,
                Payment.cheque_due_on < end,
            )
        )
        row = self.session.execute(stmt).one()
        return int(row[0]), int(row[1])

    def revenue_by_month(self, bounds: list[tuple[dt.date, dt.date]]) -> list[int]:
        """Net sales of each [first, end) range."""
        return [self.revenue(first, end) for first, end in bounds]

    def revenue(self, first: dt.date, end: dt.date) -> int:
        """Net sales (invoices less credit notes, before VAT) of the days [first, end)."""
        stmt = (
            select(Invoice.kind, func.coalesce(func.sum(Invoice.net), 0))
            .where(
                Invoice.issued_on.is_not(None), Invoice.issued_on >= first, Invoice.issued_on < end
            )
            .group_by(Invoice.kind)
        )
        return sum(-int(v) if k == "credit_note" else int(v) for k, v in self.session.execute(stmt))

    def names(self, service_id: int | None, group_id: int | None,
              user_id: int | None) -> tuple[str, str, str]:  # fmt: skip
        """The names of a report's filters (service, group, consultant), "" where unset."""
        from hendazh_desktop.db.models.core import User

        def one(stmt: Any) -> str:
            return str(self.session.execute(stmt).scalar() or "")

        return (
            one(select(Service.name).where(Service.id == service_id)) if service_id else "",
            one(select(WorkGroup.name).where(WorkGroup.id == group_id)) if group_id else "",
            one(select(User.full_name).where(User.id == user_id)) if user_id else "",
        )

    def office_users(self) -> list[tuple[int, str]]:
        """(id, name) of the people who take calls (consultants, dispatchers, managers)."""
        from hendazh_desktop.db.models.core import User

        stmt = (
            select(User.id, User.full_name)
            .where(User.role.in_(("consultant", "dispatcher", "manager")))
            .order_by(User.full_name, User.id)
        )
        return [(int(r[0]), str(r[1])) for r in self.session.execute(stmt)]
