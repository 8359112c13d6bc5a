"""The queue's table: its columns, the row source over the queue service, the history table.

Everything shown is formatted once per fetched block (``Column.render``); ``data()`` only
adds colours by looking at the cached row, so a queue of 100,000 requests scrolls as fast as
a short one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from hendazh_desktop.domain.requests import OPEN_STATUSES, Priority, RequestStatus
from hendazh_desktop.services.requests.queue import QueueFilter
from hendazh_desktop.services.requests.records import HistoryEntry, RequestRow
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.window_model import (
    CENTER,
    NUMERIC,
    AnyIndex,
    Column,
    WindowTableModel,
)
from hendazh_desktop.ui.context import UiContext

OPEN = frozenset(s.value for s in OPEN_STATUSES)
FINISHED = frozenset({RequestStatus.CANCELLED.value, RequestStatus.CLOSED.value})


def _waiting(row: RequestRow) -> str:
    """How long an open request has waited; a cancelled or closed one waits no more."""
    return fmt.age(row.created_at) if row.status in OPEN else "—"


def _preferred(row: RequestRow) -> str:
    parts = (fmt.date(row.preferred_date), fmt.time_window(row.window_start, row.window_end))
    return "، ".join(p for p in parts if p)


QUEUE_COLUMNS: list[Column[RequestRow]] = [
    Column("شماره", lambda r: fmt.number(r.id), NUMERIC, sort="number"),
    Column("دریافت", lambda r: fmt.datetime_(r.created_at), sort="created"),
    Column("انتظار", _waiting, sort="waiting"),
    Column("اولویت", lambda r: fmt.priority_label(r.priority), CENTER, sort="priority"),
    Column("وضعیت", lambda r: fmt.status_label(r.status), sort="status"),
    Column("مشترک", lambda r: r.subscriber_name or "—", sort="subscriber", narrow=True),
    Column("خدمت", lambda r: r.service, sort="service"),
    Column("منطقه", lambda r: r.zone or "—", sort="zone", narrow=True),
    Column("زمان مورد نظر", _preferred, sort="preferred_date"),
]
QUEUE_WIDTHS = (64, 128, 64, 70, 140, 170, 150, 78)  # the last column stretches
PRIORITY_COLUMN = 3

# Urgent and emergency requests stand out by their priority cell; the rest of the row stays
# readable. Cancelled and closed requests are greyed; a do-not-serve subscriber is red.
PRIORITY_BACKGROUND = {
    int(Priority.URGENT): QBrush(QColor("#ffe0a3")),
    int(Priority.EMERGENCY): QBrush(QColor("#f6b5ae")),
}
PRIORITY_FOREGROUND = {
    int(Priority.URGENT): QBrush(QColor("#5c3b00")),
    int(Priority.EMERGENCY): QBrush(QColor("#7a1010")),
}
FINISHED_FOREGROUND = QBrush(QColor("#80868b"))
STYLE_ROLES = frozenset(
    {Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole}
)


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class QueueTableModel(WindowTableModel[RequestRow]):
    """The lazy request table, with the priority cell coloured by urgency."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(QUEUE_COLUMNS, warn=lambda r: r.do_not_serve, parent=parent)
        self._bold = _bold()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in STYLE_ROLES and index.isValid():
            row = self.row_item(index.row())
            if row is not None:
                styled = self._style(row, index.column(), role)
                if styled is not None:
                    return styled
        return super().data(index, role)

    def _style(self, row: RequestRow, column: int, role: int) -> Any:
        if column == PRIORITY_COLUMN and row.priority in PRIORITY_BACKGROUND:
            if role == Qt.ItemDataRole.BackgroundRole:
                return PRIORITY_BACKGROUND[row.priority]
            if role == Qt.ItemDataRole.ForegroundRole:
                return PRIORITY_FOREGROUND[row.priority]
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and row.status in FINISHED:
            return FINISHED_FOREGROUND
        return None


# a queue column's sort key and direction -> the queue's order
QUEUE_ORDERS = {
    ("number", False): "number",
    ("number", True): "-number",
    ("created", False): "oldest",
    ("created", True): "newest",
    ("waiting", False): "newest",
    ("waiting", True): "oldest",
    ("priority", False): "-urgency",
    ("priority", True): "urgency",
    ("status", False): "status",
    ("status", True): "-status",
    ("preferred_date", False): "preferred_date",
    ("preferred_date", True): "-preferred_date",
    ("service", False): "service",
    ("service", True): "-service",
    ("subscriber", False): "subscriber",
    ("subscriber", True): "-subscriber",
    ("zone", False): "zone",
    ("zone", True): "-zone",
}


class QueueSource:
    """The requests matching one filter, a page at a time (``RowSource`` for the model).

    The view counts first, to learn whether the service accepts the filter; that count is
    handed over here so the model does not run the same ``count(*)`` again. Later counts
    (``model.refresh()``) ask the service afresh.
    """

    def __init__(
        self,
        context: UiContext,
        flt: QueueFilter,
        *,
        known_count: int | None = None,
        own_sort: str = "",
    ):
        self._ctx = context
        self.filter = flt
        self._known = known_count
        self._own_sort = own_sort or flt.sort  # the view's chosen order, for "no column"

    def ordered(self, key: str, descending: bool) -> QueueSource:
        """The same requests ordered by a column (in the database; indexed orders only)."""
        sort = QUEUE_ORDERS.get((key, descending), self._own_sort)
        return QueueSource(
            self._ctx,
            replace(self.filter, sort=sort),
            known_count=self._known,
            own_sort=self._own_sort,
        )

    def count(self) -> int:
        known, self._known = self._known, None
        return known if known is not None else self._ctx.queue.count(self._ctx.actor, self.filter)

    def fetch(self, offset: int, limit: int) -> Sequence[RequestRow]:
        return self._ctx.queue.page(self._ctx.actor, self.filter, offset, limit)


def _status_or_blank(status: str | None) -> str:
    return fmt.status_label(status) if status else "—"


HISTORY_COLUMNS: list[Column[HistoryEntry]] = [
    Column("زمان", lambda e: fmt.datetime_(e.at)),
    Column("کاربر", lambda e: e.user or "—"),
    Column("از وضعیت", lambda e: _status_or_blank(e.from_status)),
    Column("به وضعیت", lambda e: fmt.status_label(e.to_status)),
    Column("دلیل", lambda e: e.reason),
]
HISTORY_WIDTHS = (120, 110, 120, 120)
REASON_COLUMN = 4


class HistoryModel(WindowTableModel[HistoryEntry]):
    """A request's history; a long reason can be read whole in the cell's tooltip."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(HISTORY_COLUMNS, parent=parent)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == REASON_COLUMN:
            return super().data(index, Qt.ItemDataRole.DisplayRole) or None
        return super().data(index, role)
