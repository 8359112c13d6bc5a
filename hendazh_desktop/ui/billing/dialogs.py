"""Smaller billing dialogs: a draft's discounts and terms, and a refund of the subscriber's
credit."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.billing import (
    METHOD_LABELS,
    REFERENCE_LABELS,
    TERMS_LABELS,
    PaymentMethod,
    PaymentTerms,
)
from hendazh_desktop.domain.errors import DomainError
from hendazh_desktop.domain.money import CurrencyUnit, format_money, format_number, unit_label
from hendazh_desktop.services.billing.records import DraftChanges, InvoiceDetail, PaymentRow
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.billing.payment_dialog import Payer
from hendazh_desktop.ui.common.amount_typing import group_as_typed
from hendazh_desktop.ui.common.dialog_keys import settle_default_button
from hendazh_desktop.ui.common.field_errors import FieldErrors, error_label
from hendazh_desktop.ui.common.jalali_date_edit import JalaliDateEdit
from hendazh_desktop.ui.common.text_area import persian_text_area
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.messages import error_message
from hendazh_desktop.ui.ops import run_op

LEFT_TO_RIGHT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute
REFUND_METHODS = (PaymentMethod.CASH, PaymentMethod.CARD_TO_CARD, PaymentMethod.TRANSFER)


def _shown_error(errors: FieldErrors, general: QLabel, error: DomainError) -> bool:
    """Field errors at their fields; anything else in the dialog's own error line."""
    general.setVisible(False)
    if errors.show(error):
        return True
    general.setText(error_message(error))
    general.setVisible(True)
    return True


class DraftTermsDialog(QDialog):
    """A draft's discount per line, cash or credit terms (with a due day) and notes.
    ``detail`` holds the updated draft after OK."""

    def __init__(
        self, *, context: UiContext, detail: InvoiceDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = context
        self.detail = detail
        self.setWindowTitle("تخفیف و شرایط پیش‌نویس صورتحساب")
        self.setMinimumWidth(620)
        self.errors = FieldErrors()
        self.discounts: list[QLineEdit] = []
        lines_box = QGroupBox("تخفیف هر ردیف (ریال)")
        grid = QGridLayout()
        for column, header in enumerate(("ردیف", "شرح", "مبلغ", "تخفیف (ریال)")):
            title = QLabel(header)
            title.setStyleSheet("font-weight: bold;")
            grid.addWidget(title, 0, column)
        for i, line in enumerate(detail.lines):
            row = 1 + 2 * i
            grid.addWidget(QLabel(fmt.number(i + 1)), row, 0)
            description = QLabel(line.description)
            description.setWordWrap(True)
            grid.addWidget(description, row, 1)
            # the invoice is in rials, and so is its discount: the line's amount too
            grid.addWidget(QLabel(format_money(line.gross, CurrencyUnit.RIAL)), row, 2)
            edit = QLineEdit(format_number(line.discount) if line.discount else "")
            edit.setAlignment(LEFT_TO_RIGHT)
            edit.setPlaceholderText("بدون تخفیف")
            group_as_typed(edit)
            grid.addWidget(edit, row, 3)
            error = error_label()
            grid.addWidget(error, row + 1, 1, 1, 3)
            self.errors.register(f"line:{i}:discount", edit, error)
            self.discounts.append(edit)
        grid.setColumnStretch(1, 1)
        inner = QWidget()
        inner.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMaximumHeight(320)
        box_layout = QVBoxLayout(lines_box)
        box_layout.addWidget(scroll)

        self.terms = QComboBox()
        for terms in PaymentTerms:
            self.terms.addItem(TERMS_LABELS[terms], terms.value)
        self.terms.setCurrentIndex(max(0, self.terms.findData(detail.terms)))
        self.due_on = JalaliDateEdit(optional=True)
        self.due_on.set_value(detail.due_on)
        self.due_on.setToolTip("Delete: بدون سررسید")
        self.notes = persian_text_area(QPlainTextEdit(detail.notes))
        self.notes.setPlaceholderText("توضیحاتی که روی صورتحساب چاپ می‌شود")
        self.notes.setFixedHeight(72)
        form = QFormLayout()
        for field, label, widget in (
            ("terms", "شرایط فروش:", self.terms),
            ("due_on", "سررسید:", self.due_on),
            ("notes", "توضیحات:", self.notes),
        ):
            box = QVBoxLayout()
            box.addWidget(widget)
            error = error_label()
            box.addWidget(error)
            form.addRow(label, box)
            self.errors.register(field, widget, error)
        self.general_error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(lines_box)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        settle_default_button(self, buttons.button(QDialogButtonBox.StandardButton.Save))
        self.terms.currentIndexChanged.connect(lambda _i: self._on_terms_changed())
        self._on_terms_changed()

    def _on_terms_changed(self) -> None:
        self.due_on.setEnabled(self.terms.currentData() == PaymentTerms.CREDIT.value)

    def changes(self) -> DraftChanges:
        credit = self.terms.currentData() == PaymentTerms.CREDIT.value
        return DraftChanges(
            discounts=tuple(edit.text() for edit in self.discounts),
            terms=self.terms.currentData(),
            due_on=self.due_on.jalali_text() if credit else "",
            notes=self.notes.toPlainText(),
        )

    def save(self) -> bool:
        changes = self.changes()
        row = self.detail.row
        updated = run_op(
            self,
            lambda: self._ctx.invoices.update_draft(
                self._ctx.actor, row.id, changes, expected_version=row.version
            ),
            on_error=lambda e: _shown_error(self.errors, self.general_error, e),
        )
        if updated is None:
            return False
        self.detail = updated
        self.accept()
        return True


def refundable_text(rials: int) -> str:
    """The credit as typed in the display unit, rounded down to whole tomans if need be."""
    unit = fmt.DisplaySettings.unit
    if unit is CurrencyUnit.TOMAN:
        rials -= rials % 10
    return format_money(rials, unit, with_unit=False)


class RefundDialog(QDialog):
    """Pay back part of a subscriber's credit. One operation id per opening, as for payments;
    ``refund`` holds the recorded refund after OK."""

    def __init__(
        self, *, context: UiContext, payer: Payer, credit: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = context
        self.payer = payer
        self.operation_id = str(uuid.uuid4())
        self.refund: PaymentRow | None = None
        self.setWindowTitle("استرداد وجه")
        self.setMinimumWidth(480)
        self.errors = FieldErrors()
        who = QLabel(
            f"{payer.name} — کد اشتراک {fmt.code(payer.code)}\nبستانکاری مشترک: {fmt.money(credit)}"
        )
        who.setWordWrap(True)
        self.method = QComboBox()
        for method in REFUND_METHODS:
            self.method.addItem(METHOD_LABELS[method], method.value)
        self.amount = QLineEdit(refundable_text(credit) if credit > 0 else "")
        group_as_typed(self.amount)
        self.amount.setAlignment(LEFT_TO_RIGHT)
        self.reference = QLineEdit()
        self.reference.setAlignment(LEFT_TO_RIGHT)
        self.reference_label = QLabel()
        self.note = QLineEdit()
        self.note.setPlaceholderText("اختیاری")
        self.form = QFormLayout()
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount, 1)
        amount_row.addWidget(QLabel(unit_label(fmt.DisplaySettings.unit)))
        self._reference_row = -1
        for field, label, widget, row_layout in (
            ("method", "روش استرداد:", self.method, None),
            ("amount", "مبلغ:", self.amount, amount_row),
            ("reference", self.reference_label, self.reference, None),
            ("note", "توضیح:", self.note, None),
        ):
            box = QVBoxLayout()
            if row_layout is not None:
                box.addLayout(row_layout)
            else:
                box.addWidget(widget)
            error = error_label()
            box.addWidget(error)
            self.form.addRow(label, box)
            self.errors.register(field, widget, error)
            if field == "reference":
                self._reference_row = self.form.rowCount() - 1
        self.general_error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("ثبت استرداد")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        settle_default_button(self, self.save_button)
        self.method.currentIndexChanged.connect(lambda _i: self._on_method_changed())
        self._on_method_changed()
        self.amount.setFocus()
        self.amount.selectAll()

    def _on_method_changed(self) -> None:
        label = REFERENCE_LABELS.get(PaymentMethod(self.method.currentData()))
        self.form.setRowVisible(self._reference_row, label is not None)
        if label is not None:
            self.reference_label.setText(f"{label}:")
        self.errors.clear()

    def save(self) -> bool:
        if self.refund is not None:
            return True
        method = PaymentMethod(self.method.currentData())
        amount, note = self.amount.text(), self.note.text()
        reference = self.reference.text() if method in REFERENCE_LABELS else ""
        done = run_op(
            self,
            lambda: self._ctx.payments.refund(
                self._ctx.actor,
                self.payer.id,
                amount,
                method.value,
                reference,
                operation_id=self.operation_id,
                note=note,
            ),
            on_error=lambda e: _shown_error(self.errors, self.general_error, e),
        )
        if done is None:
            return False
        self.refund = done
        self.accept()
        return True
