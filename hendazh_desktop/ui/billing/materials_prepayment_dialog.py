"""Ask for a job's materials prepayment (the service's share, or an amount typed) and take it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.errors import DomainError
from hendazh_desktop.domain.money import CurrencyUnit, parse_amount, unit_label
from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.services.billing.records import PrepaymentStatus
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.billing.payment_dialog import Payer, PaymentDialog, typed_amount
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.amount_typing import group_as_typed
from hendazh_desktop.ui.common.dialog_keys import settle_default_button
from hendazh_desktop.ui.common.field_errors import FieldErrors, error_label
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.ops import run_op


class MaterialsPrepaymentDialog(QDialog):
    """The materials prepayment of one agreed job: what is asked, what is paid, and the
    buttons to ask for it and to record the payment."""

    def __init__(
        self, *, context: UiContext, request_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = context
        self.request_id = request_id
        self.setWindowTitle(f"پیش‌پرداخت مواد — درخواست {fmt.number(request_id)}")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.amount = QLineEdit()
        group_as_typed(self.amount)
        self.amount.setPlaceholderText("خالی: سهم پیش‌فرض خدمت از هزینه مواد")
        self.amount_error = error_label()
        self.errors = FieldErrors()
        self.errors.register("amount", self.amount, self.amount_error)
        self.ask_button = QPushButton("ثبت درخواست پیش‌پرداخت")
        self.ask_button.clicked.connect(self.ask)
        self.pay_button = QPushButton("ثبت دریافت…")
        self.pay_button.clicked.connect(self.take_payment)
        can_pay = context.actor.can(Permission.RECORD_PAYMENTS)
        self.ask_button.setEnabled(can_pay)
        self.pay_button.setEnabled(can_pay)
        form = QFormLayout()
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount, 1)
        amount_row.addWidget(QLabel(unit_label(fmt.DisplaySettings.unit)))
        box = QVBoxLayout()
        box.addLayout(amount_row)
        box.addWidget(self.amount_error)
        form.addRow("مبلغ پیش‌پرداخت:", box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(self.ask_button)
        actions.addWidget(self.pay_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addLayout(actions)
        layout.addWidget(buttons)
        settle_default_button(self, self.ask_button)  # Enter in the amount asks, never closes
        self.status: PrepaymentStatus | None = None
        self.reload()

    def reload(self) -> None:
        status = run_op(
            self, lambda: self._ctx.invoices.money_status(self._ctx.actor, self.request_id)
        )
        if status is None:
            return
        self.status = status
        asked = status.materials_asked
        due = max(0, asked - status.materials_paid)
        lines = [
            f"سهم پیش‌فرض از هزینه مواد: {fmt.money(status.materials_default)}",
            f"درخواست‌شده: {fmt.money(asked)}" if asked else "هنوز پیش‌پرداختی درخواست نشده است.",
            f"دریافت‌شده: {fmt.money(status.materials_paid)}",
        ]
        if asked:
            lines.append(
                "پرداخت کامل است؛ کار می‌تواند شروع شود." if due == 0 else f"مانده: {fmt.money(due)}"
            )
        self.summary.setText("\n".join(lines))
        if not self.amount.text():
            self.amount.setText(typed_amount(asked or status.materials_default))
        self.pay_button.setEnabled(
            bool(asked) and due > 0 and self._ctx.actor.can(Permission.RECORD_PAYMENTS)
        )

    def _rials(self) -> str:
        """The typed amount in rials, as the service expects it (it parses rials)."""
        text = self.amount.text().strip()
        if not text or fmt.DisplaySettings.unit is CurrencyUnit.RIAL:
            return text
        return str(parse_amount(text, field="amount", unit=CurrencyUnit.TOMAN))

    def ask(self) -> bool:
        self.errors.clear()

        def call() -> int:
            return self._ctx.invoices.ask_materials_prepayment(
                self._ctx.actor, self.request_id, self._rials()
            )

        asked = run_op(self, call, on_error=self._on_error)
        if asked is None:
            return False
        self._ctx.changes.announce(Change.BILLING, Change.REQUESTS)
        self.amount.clear()
        self.reload()
        return True

    def take_payment(self) -> bool:
        status = self.status
        if status is None:
            return False
        if status.subscriber_id is None:
            return False
        payer = Payer(status.subscriber_id, status.subscriber_name, status.subscription_code)
        dialog = PaymentDialog(
            context=self._ctx,
            payer=payer,
            request_id=self.request_id,
            amount=max(0, status.materials_asked - status.materials_paid),
            parent=self,
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if accepted:
            self._ctx.changes.announce(Change.BILLING, Change.REQUESTS)
        self.reload()
        return accepted

    def _on_error(self, error: DomainError) -> bool:
        return self.errors.show(error)
