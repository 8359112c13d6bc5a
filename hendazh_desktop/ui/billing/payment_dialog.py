"""Record money received from a subscriber: cash, card, card-to-card, transfer or cheque.

One operation id is made when the dialog opens and sent with every attempt to save, so a
double click, or a retry after an error, records the payment once. The amount is typed in the
display currency (rial or toman); the service parses it in that unit.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.billing import (
    METHOD_LABELS,
    REFERENCE_LABELS,
    InvoiceKind,
    PaymentMethod,
    amount_in_words,
)
from hendazh_desktop.domain.errors import DomainError
from hendazh_desktop.domain.money import CurrencyUnit, format_money, parse_amount, unit_label
from hendazh_desktop.services.billing.records import InvoiceFilter, PaymentDraft, PaymentRow
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.billing.models import doc_number, kind_label
from hendazh_desktop.ui.common.amount_typing import group_as_typed
from hendazh_desktop.ui.common.dialog_keys import settle_default_button
from hendazh_desktop.ui.common.field_errors import FieldErrors, error_label
from hendazh_desktop.ui.common.jalali_date_edit import JalaliDateEdit
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.messages import error_message
from hendazh_desktop.ui.ops import run_op

OPEN_INVOICES_SHOWN = 50
BALANCE_ROLE = Qt.ItemDataRole.UserRole + 1
AUTO_APPLY = "خودکار: قدیمی‌ترین صورتحساب‌های باز"


@dataclass(frozen=True, slots=True)
class Payer:
    """Who pays: shown at the top of the dialog."""

    id: int
    name: str
    code: str


def typed_amount(rials: int) -> str:
    """An amount as it is typed in the display unit (۱٬۲۵۰٬۰۰۰). In tomans an odd rial is
    rounded up, so paying the figure shown settles the balance (the rials left over become
    the subscriber's credit)."""
    unit = fmt.DisplaySettings.unit
    if unit is CurrencyUnit.TOMAN and rials % 10:
        rials += 10 - rials % 10
    return format_money(rials, unit, with_unit=False)


class PaymentDialog(QDialog):
    """``payment`` holds the recorded receipt after the dialog is accepted."""

    def __init__(
        self,
        *,
        context: UiContext,
        payer: Payer,
        invoice_id: int | None = None,
        amount: int | None = None,
        request_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = context
        self.payer = payer
        self.request_id = request_id
        self.operation_id = str(uuid.uuid4())  # one per opening: a replay records nothing
        self.payment: PaymentRow | None = None
        self.attempts = 0
        self._busy = False
        self._amount_edited = False
        self.setWindowTitle("ثبت دریافت")
        self.errors = FieldErrors()
        self._rows: dict[str, int] = {}
        self._build(invoice_id)
        if amount is None:
            amount = self.invoice.currentData(BALANCE_ROLE)
        if amount:
            self.amount.setText(typed_amount(amount))
        self._on_method_changed()
        self._update_amount_hint()
        self.amount.setFocus()
        self.amount.selectAll()

    # --- construction ---------------------------------------------------------------------
    def _build(self, invoice_id: int | None) -> None:
        who = QLabel(f"{self.payer.name} — کد اشتراک {fmt.code(self.payer.code)}")
        who.setObjectName("payer")
        bold = QFont(who.font())
        bold.setBold(True)
        bold.setPointSize(bold.pointSize() + 1)
        who.setFont(bold)
        who.setWordWrap(True)
        self.method = QComboBox()
        for method in PaymentMethod:
            self.method.addItem(METHOD_LABELS[method], method.value)
        self.amount = QLineEdit()
        group_as_typed(self.amount)  # ۱٬۲۵۰٬۰۰۰ while typing
        self.amount.setPlaceholderText("مبلغ")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
        self.unit = QLabel(unit_label(fmt.DisplaySettings.unit))
        self.amount_hint = QLabel()
        self.amount_hint.setStyleSheet("color: #555;")
        self.amount_hint.setWordWrap(True)
        self.reference = QLineEdit()
        self.reference.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
        self.cheque_number = QLineEdit()
        self.cheque_number.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute)
        self.cheque_bank = QLineEdit()
        self.cheque_bank.setPlaceholderText("نام بانک")
        self.cheque_due = JalaliDateEdit(optional=False)
        self.invoice = QComboBox()
        self.invoice.setMinimumWidth(380)
        self._fill_invoices(invoice_id)
        self.note = QLineEdit()
        self.note.setPlaceholderText("اختیاری")

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount, 1)
        amount_row.addWidget(self.unit)
        self._add_row("method", "روش پرداخت:", self.method)
        self._add_row("amount", "مبلغ:", self.amount, amount_row, self.amount_hint)
        self.reference_label = QLabel("شماره پیگیری:")
        self._add_row("reference", self.reference_label, self.reference)
        self._add_row("cheque_number", "شماره چک:", self.cheque_number)
        self._add_row("cheque_bank", "بانک:", self.cheque_bank)
        self._add_row("cheque_due_on", "تاریخ سررسید:", self.cheque_due)
        self._add_row("invoice", "بابت صورتحساب:", self.invoice)
        self._add_row("note", "توضیح:", self.note)
        self.general_error = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("ثبت دریافت")
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        # The dialog follows its rows (cheque fields come and go) instead of leaving gaps.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.addWidget(who)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

        self.method.currentIndexChanged.connect(lambda _i: self._on_method_changed())
        self.amount.textChanged.connect(lambda _t: self._update_amount_hint())
        self.amount.textEdited.connect(lambda _t: setattr(self, "_amount_edited", True))
        self.invoice.currentIndexChanged.connect(lambda _i: self._on_invoice_changed())
        self.invoice.currentIndexChanged.connect(lambda _i: self._update_amount_hint())
        settle_default_button(self, self.save_button)

    def _add_row(
        self,
        field: str,
        label: str | QLabel,
        widget: QWidget,
        layout: QHBoxLayout | None = None,
        hint: QLabel | None = None,
    ) -> None:
        box = QVBoxLayout()
        box.setSpacing(2)
        if layout is not None:
            box.addLayout(layout)
        else:
            box.addWidget(widget)
        if hint is not None:
            box.addWidget(hint)
        error = error_label()
        box.addWidget(error)
        self.form.addRow(label, box)
        self.errors.register(field, widget, error)
        self._rows[field] = self.form.rowCount() - 1

    def _fill_invoices(self, invoice_id: int | None) -> None:
        self.invoice.addItem(AUTO_APPLY, None)
        flt = InvoiceFilter(state="unsettled", subscriber_id=self.payer.id)
        rows = (
            run_op(
                self,
                lambda: self._ctx.billing.invoices(self._ctx.actor, flt, 0, OPEN_INVOICES_SHOWN),
            )
            or []
        )
        # What the automatic choice can settle: every open balance of the subscriber.
        self._owed_in_all = sum(r.balance for r in rows if r.kind != InvoiceKind.CREDIT_NOTE.value)
        if len(rows) >= OPEN_INVOICES_SHOWN:
            statement = run_op(
                self, lambda: self._ctx.billing.statement(self._ctx.actor, self.payer.id)
            )
            self._owed_in_all = statement.owed if statement is not None else self._owed_in_all
        for row in rows:
            if row.kind == InvoiceKind.CREDIT_NOTE.value:
                continue
            self.invoice.addItem(
                f"{doc_number(row.number)} — {kind_label(row.kind)} — "
                f"مانده {fmt.money(row.balance)}",
                row.id,
            )
            self.invoice.setItemData(self.invoice.count() - 1, row.balance, BALANCE_ROLE)
        if invoice_id is not None:
            self.invoice.setCurrentIndex(max(0, self.invoice.findData(invoice_id)))

    # --- behaviour ------------------------------------------------------------------------
    def current_method(self) -> PaymentMethod:
        return PaymentMethod(self.method.currentData())

    def set_method(self, method: PaymentMethod) -> None:
        self.method.setCurrentIndex(self.method.findData(method.value))

    def _on_method_changed(self) -> None:
        method = self.current_method()
        label = REFERENCE_LABELS.get(method)
        self.form.setRowVisible(self._rows["reference"], label is not None)
        if label is not None:
            self.reference_label.setText(f"{label}:")
            self.reference.setPlaceholderText(label)
        cheque = method is PaymentMethod.CHEQUE
        for field in ("cheque_number", "cheque_bank", "cheque_due_on"):
            self.form.setRowVisible(self._rows[field], cheque)
        self.errors.clear()
        self.general_error.setVisible(False)

    def _on_invoice_changed(self) -> None:
        balance = self.invoice.currentData(BALANCE_ROLE)
        if balance and not self._amount_edited:
            self.amount.setText(typed_amount(balance))

    def _typed_rials(self) -> int | None:
        try:
            return parse_amount(self.amount.text(), unit=fmt.DisplaySettings.unit)
        except DomainError:
            return None

    def credit_made(self) -> int:
        """What of the typed amount is more than it settles and stays as the subscriber's
        credit (0 for a job's materials prepayment, which is meant to wait for the job)."""
        rials = self._typed_rials()
        if rials is None or self.request_id is not None:
            return 0
        owed = self.invoice.currentData(BALANCE_ROLE)
        if self.invoice.currentData() is None:
            owed = self._owed_in_all
        return max(0, rials - (owed or 0))

    def _credit_text(self, credit: int) -> str:
        return f"{fmt.money(credit)} بستانکار می‌شود"

    def _update_amount_hint(self) -> None:
        rials = self._typed_rials()
        if rials is None:
            self.amount_hint.clear()
            return
        credit = self.credit_made()
        words = amount_in_words(rials)
        self.amount_hint.setText(f"{words}\n{self._credit_text(credit)}" if credit else words)

    def _confirm_credit(self) -> bool:
        """An overpayment is never silent: the credit it makes is confirmed first."""
        credit = self.credit_made()
        if not credit:
            return True
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "مبلغ بیش از بدهی",
            f"این مبلغ بیش از بدهی است: {self._credit_text(credit)}.\n"
            "این مبلغ نزد شرکت می‌ماند و می‌توان آن را بعداً برای صورتحساب دیگری به کار برد "
            "یا استرداد کرد.",
            parent=self,
        )
        confirm = box.addButton("ثبت و بستانکار کردن", QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton("بازگشت", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.exec()
        return box.clickedButton() is confirm

    def draft(self) -> PaymentDraft:
        method = self.current_method()
        cheque = method is PaymentMethod.CHEQUE
        return PaymentDraft(
            operation_id=self.operation_id,
            subscriber_id=self.payer.id,
            method=method.value,
            amount=self.amount.text(),
            reference=self.reference.text() if method in REFERENCE_LABELS else "",
            cheque_number=self.cheque_number.text() if cheque else "",
            cheque_bank=self.cheque_bank.text() if cheque else "",
            cheque_due_on=self.cheque_due.jalali_text() if cheque else "",
            invoice_id=self.invoice.currentData(),
            request_id=self.request_id,
            note=self.note.text(),
        )

    def save(self) -> bool:
        """Record the payment (once, whatever the number of clicks) and close."""
        if self.payment is not None:
            return True
        if self._busy:
            return False
        if not self._confirm_credit():
            self.amount.setFocus()
            return False
        self._busy = True
        self.save_button.setEnabled(False)
        try:
            draft = self.draft()
            self.attempts += 1
            row = run_op(
                self,
                lambda: self._ctx.payments.record_payment(self._ctx.actor, draft),
                on_error=self._on_error,
            )
        finally:
            self._busy = False
            self.save_button.setEnabled(True)
        if row is None:
            return False
        self.payment = row
        self.accept()
        return True

    def _on_error(self, error: DomainError) -> bool:
        self.general_error.setVisible(False)
        if self.errors.show(error):
            return True
        self.general_error.setText(error_message(error))
        self.general_error.setVisible(True)
        return True
