"""Add a service to the catalogue: its name, how it is paid, and its price."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from hendazh_desktop.domain.catalogue import PAYMENT_POLICY_LABELS, PaymentPolicy
from hendazh_desktop.services.catalogue.records import ServiceInfo
from hendazh_desktop.ui.common.amount_typing import group_as_typed
from hendazh_desktop.ui.common.form_dialog import FormDialog
from hendazh_desktop.ui.context import UiContext


class NewServiceDialog(FormDialog):
    """``result_value`` holds the new service after OK; its rates are the office defaults,
    changed afterwards in the catalogue's editor."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(
            title="خدمت تازه", action=self._submit, ok_text="افزودن خدمت", parent=parent
        )
        self._ctx = context
        self.name = self.add_field("name", "نام خدمت:", QLineEdit())
        self.policy = QComboBox()
        for policy in PaymentPolicy:
            self.policy.addItem(PAYMENT_POLICY_LABELS[policy], policy.value)
        self.policy.setCurrentIndex(self.policy.findData(PaymentPolicy.POSTPAID.value))
        self.add_field("payment_policy", "پرداخت:", self.policy)
        self.price = self.add_field("base_price", "قیمت پایه (ریال):", QLineEdit())
        group_as_typed(self.price)
        self.price.setPlaceholderText("برای خدمت پیش‌پرداخت الزامی")
        self.finish_layout()

    def _submit(self) -> ServiceInfo:
        return self._ctx.catalogue.create_service(
            self._ctx.actor, self.name.text(), self.policy.currentData(), self.price.text()
        )
