"""A manager's adjustment of a subscriber's gift credit (up or down, a reason required), and
the gift-credit expiry setting; both audited by the services."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from hendazh_desktop.domain.credit import MAX_EXPIRY_MONTHS
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.amount_typing import group_as_typed
from hendazh_desktop.ui.common.form_dialog import FormDialog
from hendazh_desktop.ui.context import UiContext


class AdjustGiftCreditDialog(FormDialog):
    """Amount, direction and reason; one operation id per opening (a replay changes nothing)."""

    def __init__(
        self,
        *,
        context: UiContext,
        subscriber_id: int,
        name: str,
        parent: QWidget | None = None,
    ) -> None:
        balance = context.gift_credit.gift_credit(context.actor, subscriber_id)
        super().__init__(
            title="اصلاح اعتبار هدیه",
            intro=(
                f"اعتبار هدیه «{name}»: {fmt.money(balance)}. اعتبار هدیه پول نیست؛ "
                "کاهش آن بیش از موجودی پذیرفته نمی‌شود."
            ),
            action=self._apply,
            ok_text="ثبت اصلاح",
            parent=parent,
        )
        self._ctx, self._subscriber_id = context, subscriber_id
        self._operation = str(uuid.uuid4())
        self.direction = QComboBox()
        self.direction.addItem("افزایش", False)
        self.direction.addItem("کاهش", True)
        self.amount = self.add_field("amount", "مبلغ اعتبار (ریال):", QLineEdit())
        group_as_typed(self.amount)
        self.form.addRow("نوع اصلاح:", self.direction)
        self.reason = self.add_field("reason", "دلیل (الزامی):", QLineEdit())
        self.finish_layout()

    def _apply(self) -> int:
        return self._ctx.gift_credit_admin.adjust(
            self._ctx.actor,
            self._subscriber_id,
            self.amount.text(),
            self.reason.text(),
            decrease=bool(self.direction.currentData()),
            operation_id=self._operation,
        )


class ExpirySettingDialog(FormDialog):
    """Months until newly earned gift credit expires (empty or 0: never)."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        current = context.gift_credit_admin.expiry_months(context.actor)
        super().__init__(
            title="انقضای اعتبار هدیه",
            intro=(
                "اعتبار هدیه‌ای که از این پس کسب شود پس از این چند ماه منقضی می‌شود "
                f"(خالی یا ۰: هرگز؛ بیشینه {fmt.number(MAX_EXPIRY_MONTHS)} ماه)."
            ),
            action=lambda: context.gift_credit_admin.set_expiry_months(
                context.actor, self.months.text()
            ),
            parent=parent,
        )
        self.months = self.add_field("expiry_months", "ماه‌ها:", QLineEdit())
        self.months.setText(fmt.number(current) if current else "")
        self.finish_layout()
