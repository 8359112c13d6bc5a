"""The invoicing view's receivables tab: who owes what, by age, with statements."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.services.billing.records import AgeingRow
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.billing.common import (
    preview_statement,
)
from hendazh_desktop.ui.billing.models import (
    AGEING_WIDTHS,
    AgeingTableModel,
    doc_number,
)
from hendazh_desktop.ui.billing.payment_dialog import Payer
from hendazh_desktop.ui.billing.receipts import record_payment
from hendazh_desktop.ui.common.refresh import RefreshWhenShown
from hendazh_desktop.ui.common.tables import list_table
from hendazh_desktop.ui.common.window_model import ListSource, select_row
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.ops import Operation, run_in_background


class ReceivablesPanel(RefreshWhenShown, QWidget):
    """Who owes what, by age (0–30, 31–60, 61–90, over 90 days) and their credit."""

    status_message = Signal(str)
    data_changed = Signal()
    invoices_requested = Signal(object)
    """Show this subscriber's invoices (a ``Payer``)."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._stale = True
        self.loading: Operation[list[AgeingRow]] | None = None
        self.model = AgeingTableModel(self)
        self.table = list_table(self.model)
        for column, width in enumerate(AGEING_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _i: self.statement())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.statement_button = QPushButton("صورت‌حساب مشتری… (Ctrl+P)")
        self.statement_button.clicked.connect(self.statement)
        self.invoices_button = QPushButton("صورتحساب‌های این مشترک")
        self.invoices_button.clicked.connect(self.show_invoices)
        self.record_button = QPushButton("ثبت دریافت…")
        self.record_button.clicked.connect(self.record)
        self.record_button.setVisible(context.actor.can(Permission.RECORD_PAYMENTS))
        actions = QHBoxLayout()
        for button in (self.statement_button, self.invoices_button, self.record_button):
            actions.addWidget(button)
        actions.addStretch(1)
        note = QLabel("سن بدهی از تاریخ صدور صورتحساب (یا سررسید فروش نسیه) شمرده می‌شود.")
        note.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        layout.addLayout(actions)
        QShortcut(QKeySequence("Ctrl+P"), self, self.statement)

    def refresh(self) -> Operation[list[AgeingRow]] | None:
        """Re-read who owes what on a worker thread (every open invoice is aged: on a large
        database this takes a while); a refresh asked meanwhile waits for it."""
        self._stale = False
        if self.loading is not None:
            self._stale = True  # asked again meanwhile: once more when this one ends
            return None
        billing, actor = self._ctx.billing, self._ctx.actor
        self.loading = run_in_background(
            self,
            lambda _task: billing.receivables(actor),
            label="در حال محاسبه مطالبات…",
            on_success=self._show_rows,
        )
        self.loading.finished.connect(self._on_loading_finished)
        return self.loading

    def _on_loading_finished(self, _outcome: str) -> None:
        self.loading = None
        if self._stale and self.isVisible():
            self.refresh()

    def _show_rows(self, rows: list[AgeingRow]) -> None:
        selected = self.selected()
        self.model.set_source(ListSource(rows))
        buckets = [sum(r.buckets[i] for r in rows) for i in range(4)]
        total, credit = sum(r.total for r in rows), sum(r.credit for r in rows)
        self.totals.setText(
            f"{fmt.count(len(rows))} بدهکار — جمع مطالبات: {fmt.money(total)} "
            f"(۰ تا ۳۰ روز: {fmt.money(buckets[0])}، ۳۱ تا ۶۰: {fmt.money(buckets[1])}، "
            f"۶۱ تا ۹۰: {fmt.money(buckets[2])}، بیش از ۹۰: {fmt.money(buckets[3])}) — "
            f"بستانکاری همین مشترکان: {fmt.money(credit)}"
        )
        if selected is not None:
            row = self.model.find_row(lambda r: r.subscriber_id == selected.subscriber_id)
            if row >= 0:
                select_row(self.table, row)
        self._update_buttons()

    def selected(self) -> AgeingRow | None:
        index = self.table.currentIndex()
        return self.model.row_item(index.row()) if index.isValid() else None

    def _payer(self) -> Payer | None:
        row = self.selected()
        return Payer(row.subscriber_id, row.subscriber_name, row.subscription_code) if row else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for button in (self.statement_button, self.invoices_button, self.record_button):
            button.setEnabled(chosen)

    def statement(self) -> None:
        payer = self._payer()
        if payer is not None:
            preview_statement(self, self._ctx, payer)

    def show_invoices(self) -> None:
        payer = self._payer()
        if payer is not None:
            self.invoices_requested.emit(payer)

    def record(self) -> None:
        payer = self._payer()
        if payer is None or not self._ctx.actor.can(Permission.RECORD_PAYMENTS):
            return
        payment = record_payment(self, self._ctx, payer)
        if payment is not None:
            self.status_message.emit(f"رسید {doc_number(payment.number)} ثبت شد.")
            self.refresh()
            self.data_changed.emit()
