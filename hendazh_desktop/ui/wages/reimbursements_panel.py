"""Materials bought by the groups for their jobs (هزینه مصالح): the list, waiting or approved,
and an accountant's approval, which makes one an item of the member's next payout."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.services.wages.records import ReimbursementRecord, WageItemRecord
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.tables import list_table
from hendazh_desktop.ui.common.window_model import NUMERIC, Column, WindowTableModel
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.ops import run_op
from hendazh_desktop.ui.wages import sources

REIMBURSEMENT_COLUMNS: list[Column[ReimbursementRecord]] = [
    Column("درخواست", lambda r: fmt.number(r.request_id), NUMERIC, sort="request"),
    Column("مبلغ", lambda r: fmt.money(r.amount), NUMERIC, sort="amount"),
    Column("شماره رسید", lambda r: r.receipt_number, sort="receipt"),
    Column("توضیح", lambda r: r.note, sort="note"),
    Column("وضعیت", lambda r: "تأییدشده" if r.approved else "در انتظار تأیید", sort="approved"),
]


class ReimbursementsPanel(QWidget):
    """The reimbursements of the chosen group (or all), and their approval."""

    status_message = Signal(str)
    """A short message for the status bar."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._actor = context, context.actor
        self.group_id: int | None = None
        self.model: WindowTableModel[ReimbursementRecord] = WindowTableModel(
            REIMBURSEMENT_COLUMNS, warn=lambda r: not r.approved
        )
        self.table = list_table(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.approve_button = QPushButton("تأیید هزینه")
        self.approve_button.setVisible(context.can(Permission.MANAGE_WAGES))
        self.approve_button.setEnabled(False)
        self.approve_button.clicked.connect(self.approve)
        top = QHBoxLayout()
        top.addWidget(QLabel("هزینه‌های مصالح گروه انتخاب‌شده (یا همه گروه‌ها)"))
        top.addStretch(1)
        top.addWidget(self.approve_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def current(self) -> ReimbursementRecord | None:
        index = self.table.currentIndex()
        return self.model.row_item(index.row()) if index.isValid() else None

    def refresh(self) -> None:
        self.model.set_source(
            sources.reimbursements(self._ctx.wages.queries, self._actor, self.group_id)
        )
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self._on_current_changed(self.table.currentIndex(), QModelIndex())

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_item(current.row()) if current.isValid() else None
        self.approve_button.setEnabled(row is not None and not row.approved)

    def approve(self) -> WageItemRecord | None:
        """The accountant approves the chosen reimbursement (one operation per press)."""
        chosen = self.current()
        if chosen is None or chosen.approved:
            return None
        operation = str(uuid.uuid4())
        done = run_op(
            self,
            lambda: self._ctx.wages.ledger.approve_reimbursement(
                self._actor, chosen.id, operation_id=operation
            ),
        )
        if done is not None:
            self._ctx.changes.announce(Change.WAGES, source=self)
            self.refresh()
            self.status_message.emit(
                f"هزینه مصالح {fmt.money(done.amount)} (رسید {chosen.receipt_number}) تأیید شد."
            )
        return done
