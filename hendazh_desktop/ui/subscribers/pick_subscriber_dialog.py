"""Choose the subscriber a web-form request belongs to (search by phone, code or name)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.services.subscribers.records import SubscriberRow
from hendazh_desktop.ui.common.columns import SUBSCRIBER_RESULT_COLUMNS as RESULT_COLUMNS
from hendazh_desktop.ui.common.dialog_keys import settle_default_button
from hendazh_desktop.ui.common.tables import list_table
from hendazh_desktop.ui.common.window_model import ListSource, WindowTableModel, select_row
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.ops import run_op


class PickSubscriberDialog(QDialog):
    """``chosen`` holds the picked subscriber row after OK."""

    def __init__(
        self,
        *,
        context: UiContext,
        query: str = "",
        preselect_code: str = "",
        hint: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = context
        self._preselect = preselect_code
        self.chosen: SubscriberRow | None = None
        self.setWindowTitle("انتخاب مشترک")
        self.setMinimumSize(560, 380)
        self.search = QLineEdit(query)
        self.search.setPlaceholderText("تلفن، کد اشتراک یا نام")
        self.model: WindowTableModel[SubscriberRow] = WindowTableModel(
            RESULT_COLUMNS, warn=lambda r: r.do_not_serve
        )
        self.table = list_table(self.model, stretch_all=True)
        self.table.doubleClicked.connect(lambda _i: self.choose())
        self.found = QLabel()
        self.found.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.choose)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if hint:
            label = QLabel(hint)
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addWidget(self.found)
        layout.addWidget(buttons)
        settle_default_button(self, buttons.button(QDialogButtonBox.StandardButton.Ok))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.run_search)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        self.run_search()
        self.search.setFocus()

    def run_search(self) -> None:
        text = self.search.text().strip()
        self._timer.stop()
        result = run_op(self, lambda: self._ctx.search.search(self._ctx.actor, text, 50))
        rows = (result or []) if text else []
        self.model.set_source(ListSource(rows))
        if rows:
            # the subscriber the form already matched (by its phone or code) comes first
            codes = [r.code for r in rows]
            at = codes.index(self._preselect) if self._preselect in codes else 0
            select_row(self.table, at)
        self.found.setText(
            ""
            if rows
            else "مشترکی پیدا نشد. با تلفن، کد اشتراک یا نام دیگری جستجو کنید، یا نخست مشترک "
            "را در «مشترکان» ثبت کنید."
        )

    def choose(self) -> None:
        """OK, Enter or a double click: the selected row (Enter while a search is pending
        shows its results first)."""
        if self._timer.isActive():
            self.run_search()
            return
        index = self.table.currentIndex()
        self.chosen = self.model.row_item(index.row()) if index.isValid() else None
        if self.chosen is not None:
            self.accept()
