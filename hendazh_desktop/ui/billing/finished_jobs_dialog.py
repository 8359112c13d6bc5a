"""Choose the finished job to invoice: the jobs done and still waiting for a final invoice."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from hendazh_desktop.services.billing.records import FinishedJob
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.dialog_keys import settle_default_button
from hendazh_desktop.ui.common.tables import list_table
from hendazh_desktop.ui.common.window_model import (
    NUMERIC,
    Column,
    ListSource,
    WindowTableModel,
    select_row,
)
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.ops import run_op

COLUMNS: list[Column[FinishedJob]] = [
    Column("شماره درخواست", lambda j: fmt.number(j.request_id), NUMERIC),
    Column("پایان کار", lambda j: fmt.datetime_(j.done_at)),
    Column("مشترک", lambda j: j.subscriber),
    Column("کد اشتراک", lambda j: fmt.code(j.subscription_code), NUMERIC),
    Column("خدمت", lambda j: j.service),
    Column("صورتحساب", lambda j: "پیش‌نویس دارد" if j.draft_id else "—"),
]


class FinishedJobsDialog(QDialog):
    """``chosen`` holds the picked job after OK, Enter or a double click."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("صورتحساب نهایی — کارهای انجام‌شده")
        self.setMinimumSize(760, 420)
        self.chosen: FinishedJob | None = None
        jobs = run_op(self, lambda: context.billing.awaiting_final_invoice(context.actor)) or []
        self.model: WindowTableModel[FinishedJob] = WindowTableModel(COLUMNS)
        self.model.set_source(ListSource(jobs))
        self.table = list_table(self.model, stretch_all=True)
        self.table.activated.connect(lambda _i: self.choose())
        self.table.doubleClicked.connect(lambda _i: self.choose())
        note = QLabel(
            f"{fmt.count(len(jobs))} کار انجام‌شده در انتظار صورتحساب نهایی (قدیمی‌تر بالاتر)"
            if jobs
            else "کار انجام‌شده‌ای در انتظار صورتحساب نهایی نیست."
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("پیش‌نویس صورتحساب")
        self.ok_button.setEnabled(bool(jobs))
        buttons.accepted.connect(self.choose)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        settle_default_button(self, self.ok_button)
        if jobs:
            select_row(self.table, 0)
        self.table.setFocus()

    def choose(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.chosen = self.model.row_item(index.row())
            self.accept()
