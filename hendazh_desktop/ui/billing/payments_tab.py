"""The invoicing view's payments tab: receipts and refunds, cheques, receipts printed."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.billing import (
    CHEQUE_LABELS,
    METHOD_LABELS,
    ChequeState,
    PaymentMethod,
)
from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.services.billing.records import PaymentFilter, PaymentRow
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.billing.common import (
    DateRange,
    PendingOps,
    SubscriberFilter,
    choice_combo,
    pick_payer,
    refund_to,
)
from hendazh_desktop.ui.billing.models import (
    PAYMENT_WIDTHS,
    PaymentSource,
    PaymentTableModel,
    doc_number,
    method_label,
    payment_details,
)
from hendazh_desktop.ui.billing.payment_dialog import Payer
from hendazh_desktop.ui.billing.receipts import preview_receipt, record_payment
from hendazh_desktop.ui.common.reason_dialog import ReasonDialog
from hendazh_desktop.ui.common.refresh import RefreshWhenShown
from hendazh_desktop.ui.common.tables import list_table
from hendazh_desktop.ui.common.window_model import select_row
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.ops import run_op

DIRECTIONS = [("دریافت‌ها", "in"), ("استردادها", "out")]


class PaymentsPanel(RefreshWhenShown, QWidget):
    """Receipts and refunds: filters, the lazy list, cheques cleared or bounced, receipts."""

    status_message = Signal(str)
    data_changed = Signal()

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._stale = True
        self._ops = PendingOps()
        actor = context.actor
        self.direction = choice_combo("دریافت و استرداد", DIRECTIONS)
        self.method = choice_combo(
            "همه روش‌ها", [(METHOD_LABELS[m], m.value) for m in PaymentMethod]
        )
        self.cheque_state = choice_combo(
            "هر وضعیت چک", [(CHEQUE_LABELS[s], s.value) for s in ChequeState]
        )
        self.dates = DateRange()
        self.subscriber = SubscriberFilter(context=context)
        self.count_label = QLabel()
        self.model = PaymentTableModel(self)
        self.table = list_table(self.model)
        for column, width in enumerate(PAYMENT_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_selected())
        self.table.doubleClicked.connect(lambda _i: self.print_receipt())
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.record_button = QPushButton("ثبت دریافت…")
        self.clear_button = QPushButton("وصول چک")
        self.bounce_button = QPushButton("برگشت چک…")
        self.receipt_button = QPushButton("چاپ رسید… (Ctrl+P)")
        self.refund_button = QPushButton("استرداد وجه…")
        for button, slot, permission in (
            (self.record_button, self.record, Permission.RECORD_PAYMENTS),
            (self.clear_button, self.clear_cheque, Permission.RECORD_PAYMENTS),
            (self.bounce_button, self.bounce_cheque, Permission.RECORD_PAYMENTS),
            (self.receipt_button, self.print_receipt, Permission.VIEW_BILLING),
            (self.refund_button, self.refund, Permission.RECORD_PAYMENTS),
        ):
            button.clicked.connect(slot)
            button.setVisible(actor.can(permission))
        self._lay_out()
        for combo in (self.direction, self.method, self.cheque_state):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.dates.date_from.date_changed.connect(lambda _d: self.refresh())
        self.dates.date_to.date_changed.connect(lambda _d: self.refresh())
        self.subscriber.changed.connect(self.refresh)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_receipt)

    def _lay_out(self) -> None:
        filters = QFormLayout()
        first = QHBoxLayout()
        for widget, stretch in (
            (self.direction, 1),
            (self.method, 1),
            (self.cheque_state, 1),
            (self.subscriber, 2),
        ):
            first.addWidget(widget, stretch)
        filters.addRow("نمایش:", first)
        second = QHBoxLayout()
        self.dates.add_to(second)
        second.addStretch(1)
        second.addWidget(self.count_label)
        filters.addRow("تاریخ:", second)
        actions = QHBoxLayout()
        for button in (
            self.record_button,
            self.clear_button,
            self.bounce_button,
            self.receipt_button,
            self.refund_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        detail_box = QGroupBox("پرداخت انتخاب‌شده")
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.addWidget(self.details)
        detail_layout.addLayout(actions)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(detail_box)

    # --- loading --------------------------------------------------------------------------
    def current_filter(self) -> PaymentFilter | None:
        dates = self.dates.values()
        if dates is None:
            return None
        return PaymentFilter(
            method=self.method.currentData(),
            cheque_state=self.cheque_state.currentData(),
            date_from=dates[0],
            date_to=dates[1],
            subscriber_id=self.subscriber.subscriber_id(),
            direction=self.direction.currentData(),
        )

    def refresh(self) -> None:
        flt = self.current_filter()
        if flt is None:
            return  # a reversed date range: the old list stays, the message beside the dates
        self._stale = False
        selected = self.selected()
        count = run_op(self, lambda: self._ctx.billing.count_payments(self._ctx.actor, flt))
        if count is None:
            return
        self.model.set_source(PaymentSource(self._ctx, flt, known_count=count))
        self.count_label.setText(f"{fmt.count(count)} پرداخت")
        if selected is not None:
            row = self.model.find_row(lambda r: r.id == selected.id, scan_blocks=1)
            if row >= 0:
                select_row(self.table, row)
        self._show_selected()

    # --- selection ------------------------------------------------------------------------
    def selected(self) -> PaymentRow | None:
        index = self.table.currentIndex()
        return self.model.row_item(index.row()) if index.isValid() else None

    def _show_selected(self) -> None:
        row = self.selected()
        pending = row is not None and row.cheque_state == ChequeState.PENDING.value
        self.clear_button.setEnabled(pending)
        self.bounce_button.setEnabled(pending)
        self.receipt_button.setEnabled(row is not None)
        if row is None:
            self.details.setText("پرداختی انتخاب نشده است.")
            return
        kind = "سند استرداد" if row.direction == "out" else "رسید"
        lines = [
            f"{kind} {doc_number(row.number)} — {fmt.date(row.received_on)} — "
            f"{row.subscriber_name} (کد {fmt.code(row.subscription_code)})",
            f"{method_label(row.method)}: {fmt.money(row.amount)} — {payment_details(row)}",
        ]
        if row.applied_to:
            lines.append(f"بابت صورتحساب: {doc_number(row.applied_to)}")
        if row.unapplied:
            lines.append(f"اعمال‌نشده (بستانکاری مشترک): {fmt.money(row.unapplied)}")
        if row.request_id:
            lines.append(f"پیش‌پرداخت مواد درخواست {fmt.number(row.request_id)}")
        self.details.setText("\n".join(lines))

    # --- actions --------------------------------------------------------------------------
    def _payer(self) -> Payer | None:
        if self.subscriber.subscriber is not None:
            return self.subscriber.subscriber
        row = self.selected()
        return pick_payer(self, self._ctx, fmt.code(row.subscription_code) if row else "")

    def _changed(self, message: str) -> None:
        self.status_message.emit(message)
        self.refresh()
        self.data_changed.emit()

    def record(self) -> None:
        if not self._ctx.actor.can(Permission.RECORD_PAYMENTS):
            return
        payer = self._payer()
        if payer is None:
            return
        payment = record_payment(self, self._ctx, payer)
        if payment is not None:
            self._changed(f"رسید {doc_number(payment.number)} ثبت شد.")

    def clear_cheque(self) -> None:
        row = self.selected()
        if row is None or row.cheque_state != ChequeState.PENDING.value:
            return
        answer = QMessageBox.question(
            self,
            "وصول چک",
            f"چک شماره {fmt.number_text(row.cheque_number)} ({row.cheque_bank}) به مبلغ "
            f"{fmt.money(row.amount)} از «{row.subscriber_name}» وصول شد؟",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        key = ("clear", row.id)
        done = run_op(
            self,
            lambda: self._ctx.payments.clear_cheque(
                self._ctx.actor, row.id, operation_id=self._ops.id_for(key)
            ),
        )
        if done is not None:
            self._ops.done(key)
            self._changed(f"چک {fmt.number_text(row.cheque_number)} وصول شد.")
        else:
            self.refresh()  # e.g. decided meanwhile by someone else: show it as it is

    def bounce_cheque(self) -> None:
        row = self.selected()
        if row is None or row.cheque_state != ChequeState.PENDING.value:
            return
        operation_id = str(uuid.uuid4())  # one per dialog: retries after an error reuse it
        dialog = ReasonDialog(
            title="برگشت چک",
            question=f"چک شماره {fmt.number_text(row.cheque_number)} ({row.cheque_bank}) به "
            f"مبلغ {fmt.money(row.amount)} از «{row.subscriber_name}» برگشت خورد؟ آنچه با "
            "این چک پرداخت شده بود دوباره بدهی می‌شود.",
            action=lambda reason: self._ctx.payments.bounce_cheque(
                self._ctx.actor, row.id, reason, operation_id=operation_id
            ),
            parent=self,
        )
        if dialog.exec():
            self._changed(f"برگشت چک {fmt.number_text(row.cheque_number)} ثبت شد.")
        dialog.deleteLater()

    def print_receipt(self) -> None:
        row = self.selected()
        if row is not None:
            preview_receipt(self, self._ctx, row)

    def refund(self) -> None:
        if not self._ctx.actor.can(Permission.RECORD_PAYMENTS):
            return
        payer = self._payer()
        if payer is None:
            return
        refund = refund_to(self, self._ctx, payer)
        if refund is not None:
            self._changed(f"استرداد {doc_number(refund.number)} ثبت شد.")
