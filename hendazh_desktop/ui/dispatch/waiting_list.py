"""The dispatch board's list of requests waiting for a group: its columns and its rows, read
a page at a time and ordered in the database by the column clicked."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from hendazh_desktop.domain.requests import Priority, RequestStatus
from hendazh_desktop.services.requests.records import RequestRow
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.window_model import Column
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.requests.queue_model import QUEUE_ORDERS

WAITING_COLUMNS: list[Column[RequestRow]] = [
    Column("شماره", lambda r: fmt.number(r.id), sort="number"),
    Column("انتظار", lambda r: fmt.age(r.created_at), sort="waiting"),
    Column("اولویت", lambda r: fmt.priority_label(r.priority), sort="priority"),
    Column("خدمت", lambda r: r.service, sort="service"),
    Column("منطقه", lambda r: r.zone, sort="zone", narrow=True),
    Column("مشترک", lambda r: r.subscriber_name, sort="subscriber", narrow=True),
    Column("زمان درخواستی", lambda r: requested_time(r), sort="preferred_date"),
]
# At 1280×800 and 1366×768 the seven columns fit the list's half of the board without a
# horizontal scroll bar: the short ones get the width of their longest usual text (and their
# header with its sort arrow), the subscriber takes the rest (elided), the service is elided.
WAITING_WIDTHS = (52, 62, 60, 84, 60, 0, 140)
SUBSCRIBER_COLUMN = 5
PREPAYMENT = "در انتظار پرداخت"


def requested_time(row: RequestRow) -> str:
    """The day and hours the subscriber asked for, in one cell so that the list fits an
    office screen; a request still waiting for its prepayment says so instead of the hours."""
    day = fmt.date(row.preferred_date) if row.preferred_date else ""
    if row.status == RequestStatus.AWAITING_PREPAYMENT.value:
        return f"{day}، {PREPAYMENT}" if day else PREPAYMENT
    return f"{day} {fmt.time_window(row.window_start, row.window_end)}".strip() or "—"


def fit_waiting_columns(table: QTableView) -> None:
    """Give the waiting list the widths above: no sideways scrolling on an office screen."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for column, width in enumerate(WAITING_WIDTHS):
        if column == SUBSCRIBER_COLUMN:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        else:
            header.resizeSection(column, max(width, header.sectionSizeHint(column)))
    table.setTextElideMode(Qt.TextElideMode.ElideRight)


def waiting_warn(row: RequestRow) -> bool:
    return row.priority >= Priority.URGENT or row.status == RequestStatus.AWAITING_PREPAYMENT


class WaitingRequests:
    """The requests waiting for a group, a page at a time, in the urgency order or the order
    of the column clicked."""

    def __init__(self, context: UiContext, sort: str = "urgency") -> None:
        self._ctx = context
        self.sort = sort

    def ordered(self, key: str, descending: bool) -> WaitingRequests:
        return WaitingRequests(self._ctx, QUEUE_ORDERS.get((key, descending), "urgency"))

    def count(self) -> int:
        return self._ctx.dispatch.waiting_count(self._ctx.actor)

    def fetch(self, offset: int, limit: int) -> Sequence[RequestRow]:
        return self._ctx.dispatch.waiting(self._ctx.actor, offset, limit, sort=self.sort)
