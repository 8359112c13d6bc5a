"""The groups side of the dispatch board: one row per group with its day, a drop target."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from hendazh_desktop.domain.work_groups import GROUP_KIND_LABELS, GroupKind
from hendazh_desktop.services.dispatch.assignment import BoardGroup
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.requests.request_drag import read_request_mime

FULL = QBrush(QColor("#fde7e4"))
LEAVE = QBrush(QColor("#eeeeee"))


def jobs_text(group: BoardGroup) -> str:
    if group.on_leave:
        return "مرخصی"
    parts = []
    for job in group.jobs:
        start = fmt.time_window(job.start, None).removeprefix("از ") if job.start else "—"
        parts.append(f"{start} {job.subscriber} ({job.service})")
    return "؛ ".join(parts) or "بدون کار"


class GroupBoard(QTableWidget):
    """Groups with their jobs in time order and what capacity is left; accepts dropped
    requests and reports them as ``request_dropped(request_id, version, group_id)``."""

    request_dropped = Signal(int, int, int)
    """A request (id, version) was dropped on a group (its id)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.groups: list[BoardGroup] = []
        self.setHorizontalHeaderLabels(["گروه", "نوع", "ظرفیت آزاد", "کارهای روز"])
        self.verticalHeader().setVisible(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.setColumnWidth(0, 140)  # the day's jobs get the rest (the waiting list needs
        self.setColumnWidth(1, 46)  # three fifths of the board on an office screen)
        self.setColumnWidth(2, 72)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(True)

    def show_groups(self, groups: tuple[BoardGroup, ...]) -> None:
        selected = self.selected_group()
        self.groups = list(groups)
        self.setRowCount(len(groups))
        for row, group in enumerate(groups):
            cells = (
                group.name,
                GROUP_KIND_LABELS[GroupKind(group.kind)],
                f"{fmt.number(group.free)} از {fmt.number(group.capacity)}",
                jobs_text(group),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, group.id)
                if group.on_leave:
                    item.setBackground(LEAVE)
                elif group.free == 0:
                    item.setBackground(FULL)
                self.setItem(row, column, item)
        if selected is not None:
            self.select_group(selected.id)

    def selected_group(self) -> BoardGroup | None:
        row = self.currentRow()
        return self.groups[row] if 0 <= row < len(self.groups) else None

    def select_group(self, group_id: int) -> None:
        for row, group in enumerate(self.groups):
            if group.id == group_id:
                self.setCurrentCell(row, 0)
                return

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if read_request_mime(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if (
            read_request_mime(event.mimeData()) is not None
            and self.rowAt(event.position().toPoint().y()) >= 0
        ):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        carried = read_request_mime(event.mimeData())
        row = self.rowAt(event.position().toPoint().y())
        if carried is None or not 0 <= row < len(self.groups):
            event.ignore()
            return
        event.acceptProposedAction()
        self.request_dropped.emit(carried[0], carried[1], self.groups[row].id)
