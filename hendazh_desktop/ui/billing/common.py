"""What the invoicing tabs share: operation ids kept for retries, the subscriber filter, the
Jalali date range, and the statement, refund and subscriber-picking steps."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Hashable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QToolButton,
    QWidget,
)

from hendazh_desktop.services.billing.records import PaymentRow
from hendazh_desktop.ui.billing.dialogs import RefundDialog
from hendazh_desktop.ui.billing.payment_dialog import Payer
from hendazh_desktop.ui.billing.receipts import offer_receipt
from hendazh_desktop.ui.common.field_errors import error_label
from hendazh_desktop.ui.common.jalali_date_edit import JalaliDateEdit
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.messages import message_for_code
from hendazh_desktop.ui.ops import Operation, run_op
from hendazh_desktop.ui.subscribers.pick_subscriber_dialog import PickSubscriberDialog


class PendingOps:
    """One operation id per submission, kept until it succeeds: a retry after an error (or a
    second click) sends the same id, so the service does the work once."""

    def __init__(self) -> None:
        self._ids: dict[Hashable, str] = {}

    def id_for(self, key: Hashable) -> str:
        return self._ids.setdefault(key, str(uuid.uuid4()))

    def done(self, key: Hashable) -> None:
        self._ids.pop(key, None)


class SubscriberFilter(QWidget):
    """«همه مشترکان» or one chosen subscriber (picked by phone, code or name)."""

    changed = Signal()

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.subscriber: Payer | None = None
        self.button = QPushButton()
        self.button.setToolTip("انتخاب مشترک")
        self.button.clicked.connect(self.pick)
        self.clear_button = QToolButton()
        self.clear_button.setText("×")
        self.clear_button.setToolTip("همه مشترکان")
        self.clear_button.clicked.connect(lambda: self.set_subscriber(None))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.button, 1)
        layout.addWidget(self.clear_button)
        self.set_subscriber(None, quiet=True)

    def subscriber_id(self) -> int | None:
        return self.subscriber.id if self.subscriber else None

    def set_subscriber(self, subscriber: Payer | None, *, quiet: bool = False) -> None:
        self.subscriber = subscriber
        self.button.setText(f"مشترک: {subscriber.name}" if subscriber else "همه مشترکان")
        self.clear_button.setVisible(subscriber is not None)
        if not quiet:
            self.changed.emit()

    def pick(self) -> None:
        dialog = PickSubscriberDialog(context=self._ctx, parent=self)
        if dialog.exec() and dialog.chosen is not None:
            chosen = dialog.chosen
            self.set_subscriber(Payer(chosen.id, chosen.name, chosen.code))
        dialog.deleteLater()


class DateRange:
    """«از تاریخ … تا تاریخ …» (both optional), with the reversed-range message beside them."""

    def __init__(self) -> None:
        self.date_from = JalaliDateEdit(optional=True)
        self.date_to = JalaliDateEdit(optional=True)
        for edit in (self.date_from, self.date_to):
            edit.setKeyboardTracking(False)  # no query for half-typed dates
            edit.setToolTip("Delete: بدون تاریخ")
        self.error = error_label()
        self.error.setWordWrap(False)

    def add_to(self, layout: QHBoxLayout) -> None:
        layout.addWidget(QLabel("از تاریخ"))
        layout.addWidget(self.date_from)
        layout.addWidget(QLabel("تا تاریخ"))
        layout.addWidget(self.date_to)
        layout.addWidget(self.error)

    def values(self) -> tuple[dt.date | None, dt.date | None] | None:
        """The range, or None (and the message shown) when the end is before the start."""
        start, end = self.date_from.value(), self.date_to.value()
        reversed_ = start is not None and end is not None and end < start
        self.error.setText(message_for_code("date_range_reversed") if reversed_ else "")
        self.error.setVisible(reversed_)
        return None if reversed_ else (start, end)

    def clear(self) -> None:
        self.date_from.set_value(None)
        self.date_to.set_value(None)


def choice_combo(everything: str, items: list[tuple[str, str]]) -> QComboBox:
    combo = QComboBox()
    combo.addItem(everything, "")
    for label, value in items:
        combo.addItem(label, value)
    return combo


def preview_statement(parent: QWidget | None, context: UiContext, payer: Payer) -> Operation[Any]:
    """The subscriber's statement of account, to read, print or save."""
    from hendazh_desktop.ui.common.pdf_preview_dialog import preview_pdf

    return preview_pdf(
        parent,
        lambda: context.billing_documents.statement_pdf(context.actor, payer.id),
        title=f"صورت‌حساب مشتری — {payer.name}",
        file_name=f"statement-{payer.code}.pdf",
        directory=context.documents_dir,
    )


def subscriber_credit(parent: QWidget, context: UiContext, subscriber_id: int) -> int | None:
    statement = run_op(parent, lambda: context.billing.statement(context.actor, subscriber_id))
    return statement.credit if statement is not None else None


def refund_to(parent: QWidget, context: UiContext, payer: Payer) -> PaymentRow | None:
    """The refund dialog for a subscriber with credit, then the offer to print its voucher."""
    credit = subscriber_credit(parent, context, payer.id)
    if credit is None:
        return None
    if credit <= 0:
        QMessageBox.information(parent, "استرداد وجه", f"«{payer.name}» بستانکاری ندارد.")
        return None
    dialog = RefundDialog(context=context, payer=payer, credit=credit, parent=parent)
    dialog.exec()
    refund = dialog.refund
    dialog.deleteLater()
    if refund is not None:
        offer_receipt(parent, context, refund)
    return refund


def pick_payer(parent: QWidget, context: UiContext, query: str = "") -> Payer | None:
    dialog = PickSubscriberDialog(context=context, query=query, parent=parent)
    chosen = dialog.chosen if dialog.exec() else None
    dialog.deleteLater()
    return Payer(chosen.id, chosen.name, chosen.code) if chosen is not None else None
