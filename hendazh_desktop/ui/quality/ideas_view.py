"""Subscribers' suggestions, initiatives and ideas: recorded by the office, moved on by a
manager (under review, adopted, declined) with a note."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.domain.quality import IDEA_LABELS, IDEA_SOURCES, IdeaState
from hendazh_desktop.services.quality.records import IdeaRow
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.refresh import RefreshWhenShown
from hendazh_desktop.ui.common.tables import list_over_details, list_table
from hendazh_desktop.ui.common.window_model import WindowTableModel, select_row
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.quality.idea_dialogs import IdeaDialog, IdeaStateDialog
from hendazh_desktop.ui.quality.models import IDEA_COLUMNS, Ideas, idea_state_label


class IdeasView(RefreshWhenShown, QWidget):
    """Every idea, newest first, by state."""

    status_message = Signal(str)
    """A line for the window's status bar."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.filter = QComboBox()
        self.filter.addItem("همه", None)
        for state in IdeaState:
            self.filter.addItem(IDEA_LABELS[state], state.value)
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.add_button = QPushButton("ثبت پیشنهاد تازه…")
        self.add_button.clicked.connect(self.add)
        top = QHBoxLayout()
        top.addWidget(QLabel("وضعیت:"))
        top.addWidget(self.filter)
        top.addStretch(1)
        top.addWidget(self.add_button)
        self.model: WindowTableModel[IdeaRow] = WindowTableModel(IDEA_COLUMNS, parent=self)
        self.table = list_table(self.model)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self.state_button = QPushButton("تغییر وضعیت و یادداشت…")
        self.state_button.setVisible(context.can(Permission.MANAGE_QUALITY))
        self.state_button.clicked.connect(self.judge)
        splitter = list_over_details(
            self.table,
            "پیشنهاد انتخاب‌شده",
            self.details,
            [self.state_button],
            stretch=(3, 2),
            sizes=(420, 200),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.refresh()
        self.watch(context.changes, (Change.QUALITY,))

    def refresh(self) -> None:
        self._stale = False
        self.model.set_source(Ideas(self._ctx, self.filter.currentData()))
        select_row(self.table, 0)

    def current(self) -> IdeaRow | None:
        index = self.table.currentIndex()
        return self.model.row_item(index.row()) if index.isValid() else None

    def _on_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        row = self.current()
        self.state_button.setEnabled(row is not None)
        if row is None:
            self.details.setText("")
            return
        self.details.setText(
            f"{row.text}\n"
            f"از {row.subscriber or 'مشترک ناشناس'} — {IDEA_SOURCES.get(row.source, row.source)} — "
            f"{fmt.date(fmt.local_date(row.created_at))}\n"
            f"وضعیت: {idea_state_label(row.state)}"
            + (f" — یادداشت مدیر: {row.manager_note}" if row.manager_note else "")
        )

    def add(self) -> None:
        if IdeaDialog(context=self._ctx, source="intake", parent=self).exec():
            self._changed("پیشنهاد ثبت شد.")

    def judge(self) -> None:
        row = self.current()
        if row is not None and IdeaStateDialog(context=self._ctx, idea=row, parent=self).exec():
            self._changed("وضعیت پیشنهاد ثبت شد.")

    def _changed(self, message: str) -> None:
        self._ctx.changes.announce(Change.QUALITY, source=self)
        self.refresh()
        self.status_message.emit(message)
