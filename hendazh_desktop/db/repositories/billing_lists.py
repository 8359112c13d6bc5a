"""Paged lists over invoices and payments, receivables by age, and statements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any, TypeAlias

from sqlalchemy import Row, Select, case, func, select
from sqlalchemy.orm import Session

from hendazh_desktop.db.models.billing import (
    Allocation,
    ChequeEvent,
    Invoice,
    InvoiceBalance,
    Payment,
    PaymentBalance,
)
from hendazh_desktop.db.models.core import Service, Subscriber
from hendazh_desktop.db.ordering import ordered_by

AnySelect: TypeAlias = Select[*tuple[Any, ...]]

INVOICE_COLUMNS = (
    Invoice.id,
    Invoice.kind,
    InvoiceBalance.state,
    Invoice.series,
    Invoice.fiscal_year,
    Invoice.number,
    Invoice.issued_on,
    Invoice.created_at,
    Invoice.subscriber_id,
    Subscriber.name,
    Subscriber.code,
    Invoice.request_id,
    Service.name.label("service_name"),
    Invoice.total,
    InvoiceBalance.paid,
    InvoiceBalance.credited,
    InvoiceBalance.balance,
    Invoice.version,
)

PAYMENT_COLUMNS = (
    Payment.id,
    Payment.series,
    Payment.fiscal_year,
    Payment.number,
    Payment.direction,
    Payment.received_on,
    Payment.received_at,
    Payment.subscriber_id,
    Subscriber.name,
    Subscriber.code,
    Payment.method,
    Payment.amount,
    Payment.reference,
    Payment.cheque_number,
    Payment.cheque_bank,
    Payment.cheque_due_on,
    PaymentBalance.cheque_state,
    PaymentBalance.unapplied,
    Payment.request_id,
)


# The orders of the two lists ("-key" reverses). Only the number (and a payment's day) is
# served by an index on the whole list; the UI offers the others once a filter has narrowed
# the list (ui.common.window_model.NARROW_ROWS). Empty values sort as "" or 0 on both databases.
INVOICE_ORDERS: dict[str, tuple[Any, ...]] = {
    "number": (Invoice.id,),
    "date": (Invoice.issued_on.is_(None), Invoice.issued_on, Invoice.created_at, Invoice.id),
    "kind": (Invoice.kind, Invoice.id),
    "state": (InvoiceBalance.state, Invoice.id),
    "subscriber": (Subscriber.sort_key, Invoice.id),
    "service": (func.coalesce(Service.sort_key, ""), Invoice.id),
    "request": (func.coalesce(Invoice.request_id, 0), Invoice.id),
    "total": (Invoice.total, Invoice.id),
    "balance": (InvoiceBalance.balance, Invoice.id),
}
PAYMENT_ORDERS: dict[str, tuple[Any, ...]] = {
    "number": (Payment.id,),
    "date": (Payment.received_on, Payment.id),
    "subscriber": (Subscriber.sort_key, Payment.id),
    "method": (Payment.direction, Payment.method, Payment.id),
    "amount": (Payment.amount, Payment.id),
    "details": (
        func.coalesce(Payment.cheque_number, ""),
        func.coalesce(Payment.reference, ""),
        Payment.id,
    ),
    "cheque_state": (func.coalesce(PaymentBalance.cheque_state, ""), Payment.id),
    "unapplied": (PaymentBalance.unapplied, Payment.id),
}


class BillingListRepository:
    """Read-only queries behind the invoicing view; every filter is served by an index."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @staticmethod
    def invoice_query(
        *,
        state: str = "",
        kind: str = "",
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        subscriber_id: int | None = None,
        service_id: int | None = None,
        number: tuple[str, int, int] | None = None,
        invoice_id: int | None = None,
        count: bool = False,
    ) -> AnySelect:
        """The invoice rows of a filter, or (``count``) a count that joins only what the
        filter needs: every invoice has its balance row and its subscriber."""
        if count:
            stmt: AnySelect = select(func.count(Invoice.id))
            if state:
                stmt = stmt.join(InvoiceBalance, InvoiceBalance.invoice_id == Invoice.id)
        else:
            stmt = (
                select(*INVOICE_COLUMNS)
                .join(InvoiceBalance, InvoiceBalance.invoice_id == Invoice.id)
                .join(Subscriber, Subscriber.id == Invoice.subscriber_id)
                .outerjoin(Service, Service.id == Invoice.service_id)
            )
        if invoice_id is not None:
            stmt = stmt.where(Invoice.id == invoice_id)
        if state == "unsettled":
            stmt = stmt.where(InvoiceBalance.state.in_(("open", "part_paid")))
        elif state:
            stmt = stmt.where(InvoiceBalance.state == state)
        if kind:
            stmt = stmt.where(Invoice.kind == kind)
        if date_from is not None:
            stmt = stmt.where(Invoice.issued_on >= date_from)
        if date_to is not None:
            stmt = stmt.where(Invoice.issued_on <= date_to)
        if subscriber_id is not None:
            stmt = stmt.where(Invoice.subscriber_id == subscriber_id)
        if service_id is not None:
            stmt = stmt.where(Invoice.service_id == service_id)
        if number is not None:
            series, year, value = number
            stmt = stmt.where(
                Invoice.series == series, Invoice.fiscal_year == year, Invoice.number == value
            )
        return stmt

    def count(self, stmt: AnySelect) -> int:
        """Run a query made with ``count=True``."""
        return int(self.session.execute(stmt).scalar_one())

    def page(
        self, stmt: AnySelect, offset: int, limit: int, *, order: str = "-number"
    ) -> Sequence[Row[Any]]:
        ordered = stmt.order_by(*ordered_by(INVOICE_ORDERS, order)).offset(offset).limit(limit)
        # Plain columns, run on the connection: the ORM's row loading added ~30% to a page.
        return self.session.connection().execute(ordered).all()

    def stream(
        self, stmt: AnySelect, batch: int, *, order: str = "-number"
    ) -> Iterator[Sequence[Row[Any]]]:
        """Every row of ``stmt`` in ``order``, ``batch`` rows at a time, from one query (a
        server-side cursor on PostgreSQL): an export's read, where each OFFSET page would
        walk the rows before it again."""
        ordered = stmt.order_by(*ordered_by(INVOICE_ORDERS, order))
        streamed = ordered.execution_options(yield_per=batch)
        with self.session.connection().execute(streamed) as result:  # closed if left early
            yield from result.partitions()

    @staticmethod
    def payment_query(
        *,
        method: str = "",
        cheque_state: str = "",
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        subscriber_id: int | None = None,
        direction: str = "",
        payment_id: int | None = None,
        count: bool = False,
    ) -> AnySelect:
        if count:
            stmt: AnySelect = select(func.count(Payment.id))
            if cheque_state:
                stmt = stmt.join(PaymentBalance, PaymentBalance.payment_id == Payment.id)
        else:
            stmt = (
                select(*PAYMENT_COLUMNS)
                .join(PaymentBalance, PaymentBalance.payment_id == Payment.id)
                .join(Subscriber, Subscriber.id == Payment.subscriber_id)
            )
        if payment_id is not None:
            stmt = stmt.where(Payment.id == payment_id)
        if method:
            stmt = stmt.where(Payment.method == method)
        if cheque_state:
            stmt = stmt.where(PaymentBalance.cheque_state == cheque_state)
        if date_from is not None:
            stmt = stmt.where(Payment.received_on >= date_from)
        if date_to is not None:
            stmt = stmt.where(Payment.received_on <= date_to)
        if subscriber_id is not None:
            stmt = stmt.where(Payment.subscriber_id == subscriber_id)
        if direction:
            stmt = stmt.where(Payment.direction == direction)
        return stmt

    def count_payments(self, stmt: AnySelect) -> int:
        """Run a query made with ``count=True``."""
        return int(self.session.execute(stmt).scalar_one())

    def page_payments(
        self, stmt: AnySelect, offset: int, limit: int, *, order: str = "-number"
    ) -> Sequence[Row[Any]]:
        ordered = stmt.order_by(*ordered_by(PAYMENT_ORDERS, order)).offset(offset).limit(limit)
        return self.session.execute(ordered).all()

    def applied_numbers(self, payment_ids: Sequence[int]) -> dict[int, list[tuple[str, int, int]]]:
        """For each payment, the numbers of the invoices it still settles."""
        if not payment_ids:
            return {}
        stmt = (
            select(Allocation.payment_id, Invoice.series, Invoice.fiscal_year, Invoice.number)
            .join(Invoice, Invoice.id == Allocation.invoice_id)
            .where(Allocation.payment_id.in_(payment_ids))
            .group_by(
                Allocation.payment_id,
                Invoice.id,
                Invoice.series,
                Invoice.fiscal_year,
                Invoice.number,
            )
            .having(func.sum(Allocation.amount) > 0)
        )
        found: dict[int, list[tuple[str, int, int]]] = {}
        for pid, series, year, number in self.session.execute(stmt):
            if pid is not None and year is not None and number is not None:
                found.setdefault(pid, []).append((series, year, number))
        return found

    # -- receivables -------------------------------------------------------------------------
    def owed_invoices(self, *, subscriber_id: int | None = None) -> Sequence[Row[Any]]:
        """(subscriber id, name, code, issue day, due day, balance) of every unsettled invoice."""
        stmt: AnySelect = (
            select(
                Invoice.subscriber_id,
                Subscriber.name,
                Subscriber.code,
                Invoice.issued_on,
                Invoice.due_on,
                InvoiceBalance.balance,
            )
            .join(InvoiceBalance, InvoiceBalance.invoice_id == Invoice.id)
            .join(Subscriber, Subscriber.id == Invoice.subscriber_id)
            .where(InvoiceBalance.state.in_(("open", "part_paid")))
        )
        if subscriber_id is not None:
            stmt = stmt.where(Invoice.subscriber_id == subscriber_id)
        return self.session.execute(stmt).all()

    def ageing(self, bounds: tuple[dt.date, dt.date, dt.date]) -> Sequence[Any]:
        """Per subscriber owing anything: (id, name, code, four age buckets, total), the
        largest debt first. ``bounds`` are the first days of the 0–30, 31–60 and 61–90 buckets
        (an invoice is aged from its due day, or its issue day when it has none)."""
        day = func.coalesce(Invoice.due_on, Invoice.issued_on)
        recent, month, quarter = bounds
        owed = InvoiceBalance.balance

        def bucket(condition: Any) -> Any:
            return func.sum(case((condition, owed), else_=0))

        total = func.sum(owed)
        stmt = (
            select(
                Invoice.subscriber_id,
                Subscriber.name,
                Subscriber.code,
                bucket(day >= recent),
                bucket((day < recent) & (day >= month)),
                bucket((day < month) & (day >= quarter)),
                bucket(day < quarter),
                total,
            )
            .join(InvoiceBalance, InvoiceBalance.invoice_id == Invoice.id)
            .join(Subscriber, Subscriber.id == Invoice.subscriber_id)
            .where(InvoiceBalance.state.in_(("open", "part_paid")))
            .group_by(Invoice.subscriber_id, Subscriber.name, Subscriber.code)
            .order_by(total.desc(), Invoice.subscriber_id)
        )
        return self.session.execute(stmt).all()

    def credits(self) -> dict[int, int]:
        stmt = (
            select(Payment.subscriber_id, func.sum(PaymentBalance.unapplied))
            .join(PaymentBalance, PaymentBalance.payment_id == Payment.id)
            .where(PaymentBalance.unapplied > 0)
            .group_by(Payment.subscriber_id)
        )
        return {int(s): int(v) for s, v in self.session.execute(stmt)}

    # -- statement ---------------------------------------------------------------------------
    def statement_invoices(self, subscriber_id: int) -> list[Invoice]:
        stmt = (
            select(Invoice)
            .where(Invoice.subscriber_id == subscriber_id, Invoice.issued_at.is_not(None))
            .order_by(Invoice.issued_at, Invoice.id)
        )
        return list(self.session.execute(stmt).scalars())

    def statement_payments(self, subscriber_id: int) -> list[Payment]:
        stmt = (
            select(Payment)
            .where(Payment.subscriber_id == subscriber_id)
            .order_by(Payment.received_at, Payment.id)
        )
        return list(self.session.execute(stmt).scalars())

    def bounced_cheques(self, subscriber_id: int) -> list[tuple[ChequeEvent, Payment]]:
        stmt = (
            select(ChequeEvent, Payment)
            .join(Payment, Payment.id == ChequeEvent.payment_id)
            .where(Payment.subscriber_id == subscriber_id, ChequeEvent.kind == "bounced")
            .order_by(ChequeEvent.at)
        )
        return [(e, p) for e, p in self.session.execute(stmt)]
