"""The invoicing view's tables: invoices and payments (lazy, a page at a time), an invoice's
lines and settlements, and the receivables by age.

Like the queue, every cell is formatted once per fetched block; the invoice and payment lists
count once per filter change and never read a whole table, so 100,000 invoices scroll as fast
as ten.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from hendazh_desktop.domain.billing import (
    AGEING_LABELS,
    CHEQUE_LABELS,
    KIND_LABELS,
    METHOD_LABELS,
    STATE_LABELS,
    ChequeState,
    InvoiceKind,
    InvoiceState,
    PaymentMethod,
)
from hendazh_desktop.domain.billing_records import InvoiceLine
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.domain.text import to_persian_digits
from hendazh_desktop.services.billing.records import (
    AgeingRow,
    InvoiceFilter,
    InvoiceRow,
    PaymentFilter,
    PaymentRow,
    SettlementInfo,
)
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.window_model import (
    CENTER,
    NUMERIC,
    RIAL,
    AnyIndex,
    Column,
    WindowTableModel,
)
from hendazh_desktop.ui.context import UiContext

F = TypeVar("F")
R = TypeVar("R")
LRM = "\u200e"
DRAFT_NUMBER = "پیش‌نویس"
NONE = "—"


def doc_number(number: str) -> str:
    """A document number (1404-000123, CRN-1404-000003) in Persian digits that reads the same
    in a right-to-left cell: the bidi algorithm would swap the parts around a plain hyphen
    between Persian digits, so each hyphen is held between left-to-right marks."""
    if not number:
        return ""
    return to_persian_digits(number).replace("-", f"{LRM}-{LRM}")


def _label(labels: dict[Any, str], enum_type: type, value: str) -> str:
    try:
        return labels[enum_type(value)]
    except (ValueError, KeyError):
        return value or NONE


@functools.lru_cache(maxsize=64)  # a handful of states, shown on every row
def state_label(state: str) -> str:
    return _label(STATE_LABELS, InvoiceState, state)


@functools.lru_cache(maxsize=64)
def kind_label(kind: str) -> str:
    return _label(KIND_LABELS, InvoiceKind, kind)


def method_label(method: str) -> str:
    return _label(METHOD_LABELS, PaymentMethod, method)


def cheque_label(state: str) -> str:
    return _label(CHEQUE_LABELS, ChequeState, state) if state else NONE


def invoice_day(row: InvoiceRow) -> str:
    """The issue day; a draft shows the day it was drafted."""
    if row.issued_on is not None:
        return fmt.date(row.issued_on)
    return fmt.date(fmt.local_date(row.created_at))


def invoice_number(row: InvoiceRow) -> str:
    return doc_number(row.number) or DRAFT_NUMBER


def _money_or_dash(amount: int) -> str:
    return fmt.money(amount) if amount else NONE


# --- invoices -----------------------------------------------------------------------------
INVOICE_COLUMNS: list[Column[InvoiceRow]] = [
    Column(
        "شماره",
        invoice_number,
        NUMERIC,
        sort="number",
        value=invoice_number,  # text as shown: the export need not parse it back
    ),
    Column("تاریخ", invoice_day, NUMERIC, sort="date", narrow=True, value=invoice_day),
    Column("نوع", lambda r: kind_label(r.kind), sort="kind", narrow=True),
    Column("وضعیت", lambda r: state_label(r.state), sort="state", narrow=True),
    Column("مشترک", lambda r: r.subscriber_name, sort="subscriber", narrow=True),
    Column("خدمت", lambda r: r.service_name or NONE, sort="service", narrow=True),
    Column(
        "درخواست",
        lambda r: fmt.number(r.request_id) if r.request_id else NONE,
        NUMERIC,
        sort="request",
        narrow=True,
        value=lambda r: r.request_id,
    ),
    Column(
        "مبلغ کل",
        lambda r: fmt.money(r.total),
        NUMERIC,
        sort="total",
        narrow=True,
        value=lambda r: r.total,
        unit=RIAL,
    ),
    Column(
        "مانده",
        lambda r: _money_or_dash(r.balance),
        NUMERIC,
        sort="balance",
        narrow=True,
        value=lambda r: r.balance,
        unit=RIAL,
    ),
]
# What was paid shows in the details; the balance, last, takes the rest of the width.
INVOICE_WIDTHS = (106, 78, 84, 142, 140, 116, 60, 118)
INVOICE_STATE_COLUMN = 3
INVOICE_BALANCE_COLUMN = 8

UNSETTLED = frozenset({InvoiceState.OPEN.value, InvoiceState.PART_PAID.value})
GREYED = frozenset({InvoiceState.CREDITED.value})
GREY = QBrush(QColor("#80868b"))
OWED = QBrush(QColor("#8c1d18"))
STATE_BACKGROUND = {
    InvoiceState.DRAFT.value: QBrush(QColor("#fff4d6")),
    InvoiceState.OPEN.value: QBrush(QColor("#fde3e1")),
    InvoiceState.PART_PAID.value: QBrush(QColor("#ffe9cc")),
    InvoiceState.PAID.value: QBrush(QColor("#dff3e4")),
    InvoiceState.CREDIT_NOTE.value: QBrush(QColor("#e3ecf7")),
}
STYLE_ROLES = frozenset(
    {Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole}
)


def _italic() -> QFont:
    font = QFont()
    font.setItalic(True)
    return font


class InvoiceTableModel(WindowTableModel[InvoiceRow]):
    """The lazy invoice list: the state cell coloured by state, a balance still owed in red,
    invoices cancelled by a credit note greyed, drafts in italics."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(INVOICE_COLUMNS, parent=parent)
        self._italic = _italic()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in STYLE_ROLES and index.isValid():
            row = self.row_item(index.row())
            if row is not None:
                return self._style(row, index.column(), role)
        return super().data(index, role)

    def _style(self, row: InvoiceRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            return STATE_BACKGROUND.get(row.state) if column == INVOICE_STATE_COLUMN else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.state in GREYED:
                return GREY
            if column == INVOICE_BALANCE_COLUMN and row.state in UNSETTLED:
                return OWED
            return None
        if role == Qt.ItemDataRole.FontRole and row.state == InvoiceState.DRAFT.value:
            return self._italic
        return None


class FilteredSource(Generic[F, R]):
    """The rows matching one filter, a page at a time (newest first).

    The view counts first (to learn whether the filter is accepted) and hands that count
    over, so the model does not count again; a later ``model.refresh()`` counts afresh.
    """

    def __init__(
        self,
        counter: Callable[[Actor, F], int],
        pager: Callable[[Actor, F, int, int], Sequence[R]],
        actor: Actor,
        flt: F,
        known_count: int | None,
        streamer: Callable[[Actor, F, int], Iterator[Sequence[R]]] | None = None,
    ) -> None:
        self._count, self._page, self._actor = counter, pager, actor
        self._streamer = streamer
        self.filter = flt
        self._known = known_count

    @property
    def can_stream(self) -> bool:
        return self._streamer is not None

    def stream(self, batch: int) -> Iterator[Sequence[R]]:
        """Every row under the filter, ``batch`` at a time, from one query (an export)."""
        assert self._streamer is not None
        return self._streamer(self._actor, self.filter, batch)

    def count(self) -> int:
        known, self._known = self._known, None
        return self._count(self._actor, self.filter) if known is None else known

    def fetch(self, offset: int, limit: int) -> Sequence[R]:
        return self._page(self._actor, self.filter, offset, limit)

    def ordered(self, key: str, descending: bool) -> FilteredSource[F, R]:
        """By a column, in the database ("": newest first, as the list opens)."""
        order = ("-" if descending else "") + key if key else "-number"
        flt = dataclasses.replace(self.filter, order=order)  # type: ignore[type-var]
        return FilteredSource(self._count, self._page, self._actor, flt, None, self._streamer)


class InvoiceSource(FilteredSource[InvoiceFilter, InvoiceRow]):
    """The invoices matching one filter."""

    def __init__(
        self, context: UiContext, flt: InvoiceFilter, *, known_count: int | None = None
    ) -> None:
        billing = context.billing
        super().__init__(
            billing.count_invoices,
            billing.invoices,
            context.actor,
            flt,
            known_count,
            billing.stream_invoices,
        )


# --- payments -----------------------------------------------------------------------------
def payment_details(row: PaymentRow) -> str:
    """The reference of a card or transfer payment, or the cheque's number, bank and due day."""
    if row.method == PaymentMethod.CHEQUE.value:
        parts = [fmt.number_text(row.cheque_number), row.cheque_bank]
        if row.cheque_due_on is not None:
            parts.append(f"سررسید {fmt.date(row.cheque_due_on)}")
        return "، ".join(p for p in parts if p)
    return fmt.number_text(row.reference) if row.reference else NONE


def payment_method(row: PaymentRow) -> str:
    """The method; a refund says so (its number, RFD-…, too)."""
    method = method_label(row.method)
    return f"استرداد — {method}" if row.direction == "out" else method


PAYMENT_COLUMNS: list[Column[PaymentRow]] = [
    Column("شماره", lambda r: doc_number(r.number), NUMERIC, sort="number"),
    Column("تاریخ", lambda r: fmt.date(r.received_on), NUMERIC, sort="date"),
    Column("مشترک", lambda r: r.subscriber_name, sort="subscriber", narrow=True),
    Column("روش", payment_method, sort="method", narrow=True),
    Column(
        "مبلغ",
        lambda r: fmt.money(r.amount),
        NUMERIC,
        sort="amount",
        narrow=True,
        value=lambda r: r.amount,
        unit=RIAL,
    ),
    Column("پیگیری / چک", payment_details, sort="details", narrow=True),
    Column("وضعیت چک", lambda r: cheque_label(r.cheque_state), sort="cheque_state", narrow=True),
    Column(
        "اعمال‌نشده",
        lambda r: _money_or_dash(r.unapplied),
        NUMERIC,
        sort="unapplied",
        narrow=True,
        value=lambda r: r.unapplied,
        unit=RIAL,
    ),
]
# What a payment settled shows in the details; the credit it left, last, takes the rest.
PAYMENT_WIDTHS = (126, 78, 140, 110, 118, 180, 104)
PAYMENT_DETAILS_COLUMN = 5
PAYMENT_CHEQUE_COLUMN = 6
CHEQUE_BACKGROUND = {
    ChequeState.PENDING.value: QBrush(QColor("#fff4d6")),
    ChequeState.CLEARED.value: QBrush(QColor("#dff3e4")),
    ChequeState.BOUNCED.value: QBrush(QColor("#fde3e1")),
}
REFUND_FOREGROUND = QBrush(QColor("#1f4e8c"))


class PaymentTableModel(WindowTableModel[PaymentRow]):
    """The lazy payment list: refunds in blue, a cheque's state coloured, a bounced cheque
    greyed, a long reference or cheque whole in its tooltip."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(PAYMENT_COLUMNS, parent=parent)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in STYLE_ROLES and index.isValid():
            row = self.row_item(index.row())
            if row is not None:
                return self._style(row, index.column(), role)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == PAYMENT_DETAILS_COLUMN:
            return super().data(index, Qt.ItemDataRole.DisplayRole) or None  # a long cheque
        return super().data(index, role)

    @staticmethod
    def _style(row: PaymentRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == PAYMENT_CHEQUE_COLUMN:
                return CHEQUE_BACKGROUND.get(row.cheque_state)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.cheque_state == ChequeState.BOUNCED.value:
                return GREY
            return REFUND_FOREGROUND if row.direction == "out" else None
        return None


class PaymentSource(FilteredSource[PaymentFilter, PaymentRow]):
    """The payments matching one filter."""

    def __init__(
        self, context: UiContext, flt: PaymentFilter, *, known_count: int | None = None
    ) -> None:
        billing = context.billing
        super().__init__(billing.count_payments, billing.payments, context.actor, flt, known_count)


# --- one invoice --------------------------------------------------------------------------
def _vat(line: InvoiceLine) -> str:
    return "معاف" if line.vat_exempt else fmt.money(line.vat)


LINE_COLUMNS: list[Column[InvoiceLine]] = [
    Column("ردیف", lambda x: fmt.number(x.position + 1), CENTER),
    Column("شرح", lambda x: x.description),
    Column("تعداد", lambda x: f"{fmt.count(x.quantity)} {x.unit}".strip(), NUMERIC),
    Column(
        "مبلغ واحد",
        lambda x: fmt.money(x.unit_price),
        NUMERIC,
        value=lambda x: x.unit_price,
        unit=RIAL,
    ),
    Column(
        "تخفیف",
        lambda x: _money_or_dash(x.discount),
        NUMERIC,
        value=lambda x: x.discount,
        unit=RIAL,
    ),
    Column("پس از تخفیف", lambda x: fmt.money(x.net), NUMERIC, value=lambda x: x.net, unit=RIAL),
    Column("مالیات", _vat, NUMERIC, value=lambda x: "معاف" if x.vat_exempt else x.vat, unit=RIAL),
    Column("جمع", lambda x: fmt.money(x.total), NUMERIC, value=lambda x: x.total, unit=RIAL),
]
LINE_WIDTHS = (44, 0, 80, 118, 100, 118, 100, 118)  # the description (1) stretches
LINE_STRETCH_COLUMN = 1


def line_model(parent: Any = None) -> WindowTableModel[InvoiceLine]:
    return WindowTableModel(LINE_COLUMNS, parent=parent)


SETTLEMENT_COLUMNS: list[Column[SettlementInfo]] = [
    Column("تاریخ", lambda s: fmt.date(fmt.local_date(s.at)), NUMERIC),
    Column("دریافت یا برگشت", lambda s: doc_number_in(s.label)),
    Column("مبلغ", lambda s: fmt.money(s.amount), NUMERIC, value=lambda s: s.amount, unit=RIAL),
]
SETTLEMENT_WIDTHS = (78, 0, 104)  # the description (1) stretches
SETTLEMENT_STRETCH_COLUMN = 1


def doc_number_in(text: str) -> str:
    """A sentence that names document numbers (رسید RCP-1404-000012 — نقد): the numbers kept
    readable in right-to-left text."""
    return " ".join(doc_number(w) if any(c.isdigit() for c in w) else w for w in text.split(" "))


class SettlementModel(WindowTableModel[SettlementInfo]):
    """What settled an invoice; a reversal (a bounced cheque, a credit note) in red, and each
    cell whole in its tooltip (the column is narrow)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(SETTLEMENT_COLUMNS, warn=lambda s: s.amount < 0, parent=parent)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return super().data(index, Qt.ItemDataRole.DisplayRole) or None
        return super().data(index, role)


def settlement_model(parent: Any = None) -> SettlementModel:
    return SettlementModel(parent)


# --- receivables --------------------------------------------------------------------------
def _bucket(index: int) -> Callable[[AgeingRow], str]:
    return lambda row: _money_or_dash(row.buckets[index])


def _bucket_value(index: int) -> Callable[[AgeingRow], int]:
    return lambda row: row.buckets[index]


AGEING_COLUMNS: list[Column[AgeingRow]] = [
    Column("مشترک", lambda r: r.subscriber_name),
    Column("کد اشتراک", lambda r: fmt.code(r.subscription_code), NUMERIC),
    *(
        Column(label, _bucket(i), NUMERIC, value=_bucket_value(i), unit=RIAL)
        for i, label in enumerate(AGEING_LABELS)
    ),
    Column("جمع بدهی", lambda r: fmt.money(r.total), NUMERIC, value=lambda r: r.total, unit=RIAL),
    Column(
        "بستانکاری",
        lambda r: _money_or_dash(r.credit),
        NUMERIC,
        value=lambda r: r.credit,
        unit=RIAL,
    ),
]
AGEING_WIDTHS = (170, 90, 118, 118, 118, 118, 126)  # the credit, last, stretches
OVERDUE_COLUMNS = (4, 5)  # 61 days and more


class AgeingTableModel(WindowTableModel[AgeingRow]):
    """Receivables per subscriber; amounts more than 60 days old stand out."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(AGEING_COLUMNS, parent=parent)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and index.column() in OVERDUE_COLUMNS
        ):
            row = self.row_item(index.row())
            if row is not None and row.buckets[index.column() - 2]:
                return OWED
        return super().data(index, role)
