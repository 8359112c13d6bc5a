"""Managers edit the ten services: payment policy, VAT, commission and the credit shares.

Percentages and the base price are typed as text (Persian or Latin digits, ٫ or . for the
decimal point) and checked by the catalogue service, which names each rejected field.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.catalogue import PAYMENT_POLICY_LABELS, PaymentPolicy
from hendazh_desktop.domain.errors import Conflict, DomainError, ValidationError
from hendazh_desktop.domain.jalali import today_local
from hendazh_desktop.domain.money import format_number, format_percent, parse_amount
from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.domain.vat import SINCE_EVER, entry_on
from hendazh_desktop.services.catalogue.catalogue import ServiceDraft
from hendazh_desktop.services.catalogue.records import ServiceInfo
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.catalogue.split_rule_box import SplitRuleBox
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.amount_typing import group_as_typed
from hendazh_desktop.ui.common.dialog_keys import settle_default_button
from hendazh_desktop.ui.common.field_errors import FieldErrors, error_label
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.forms.ui_service_editor import Ui_ServiceEditor
from hendazh_desktop.ui.messages import error_message
from hendazh_desktop.ui.ops import run_op


def percent_text(basis_points: int) -> str:
    """۱۲٫۵ for 1250 (the edit box shows the number; the label says it is a percentage)."""
    return format_percent(basis_points).removesuffix("٪")


class ServiceCatalogueDialog(QDialog):
    """The list of services beside the form of the selected one."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._services: list[ServiceInfo] = []
        self.setWindowTitle("خدمات و نرخ‌ها")
        self.setMinimumSize(820, 560)
        self.list = QListWidget()
        self.list.setMaximumWidth(230)
        self.editor = QWidget()
        self.ui = Ui_ServiceEditor()
        self.ui.setupUi(self.editor)
        for policy in PaymentPolicy:
            self.ui.paymentPolicyCombo.addItem(PAYMENT_POLICY_LABELS[policy], policy.value)
        self._build_vat_schedule()
        self.split_box = SplitRuleBox()
        self.errors = FieldErrors()
        for field, widget, label in (
            ("name", self.ui.nameEdit, self.ui.nameError),
            ("payment_policy", self.ui.paymentPolicyCombo, self.ui.paymentPolicyError),
            (
                "materials_prepayment_percent",
                self.ui.materialsPrepaymentPercentEdit,
                self.ui.materialsPrepaymentPercentError,
            ),
            ("vat_percent", self.ui.vatPercentEdit, self.ui.vatPercentError),
            ("commission_percent", self.ui.commissionPercentEdit, self.ui.commissionPercentError),
            (
                "referrer_share_percent",
                self.ui.referrerSharePercentEdit,
                self.ui.referrerSharePercentError,
            ),
            (
                "recipient_share_percent",
                self.ui.recipientSharePercentEdit,
                self.ui.recipientSharePercentError,
            ),
            ("base_price", self.ui.basePriceEdit, self.ui.basePriceError),
            ("tax_service_id", self.ui.taxServiceIdEdit, self.ui.taxServiceIdError),
            (
                "dispatch_target_hours",
                self.ui.dispatchTargetHoursEdit,
                self.ui.dispatchTargetHoursError,
            ),
            ("vat_effective_from", self.vat_from_edit, self.vat_from_error),
            ("split_effective_from", self.split_box.from_edit, self.split_box.error),
        ):
            self.errors.register(field, widget, label)
        group_as_typed(self.ui.basePriceEdit)
        self.can_edit = context.actor.can(Permission.EDIT_SERVICES)
        self.editor.setEnabled(self.can_edit)
        self.note = QLabel(
            "" if self.can_edit else "فقط مدیران می‌توانند خدمات و نرخ‌ها را تغییر دهند."
        )
        self.note.setWordWrap(True)
        self.ui.saveButton.clicked.connect(self.save)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        self.ui.vatExemptCheck.toggled.connect(self.ui.vatPercentEdit.setDisabled)
        self.ui.materialsPrepaymentAllowedCheck.toggled.connect(
            self.ui.materialsPrepaymentPercentEdit.setEnabled
        )
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        for edit in (
            self.ui.commissionPercentEdit,
            self.ui.referrerSharePercentEdit,
            self.ui.recipientSharePercentEdit,
            self.ui.basePriceEdit,
        ):
            edit.textChanged.connect(self._on_split_field_changed)
        body = QHBoxLayout()
        body.addWidget(self.list)
        editor_column = QVBoxLayout()
        editor_column.addWidget(self.editor, 1)
        editor_column.addWidget(self.vat_box)
        editor_column.addWidget(self.split_box)
        body.addLayout(editor_column, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.new_button = QPushButton("خدمت تازه…")
        self.new_button.setVisible(self.can_edit)  # retiring: «فعال» off, then save
        self.new_button.clicked.connect(self.add_service)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        footer = QHBoxLayout()
        footer.addWidget(self.new_button)
        footer.addWidget(self.note, 1)
        footer.addWidget(buttons)
        layout.addLayout(footer)
        settle_default_button(self, self.ui.saveButton)
        self._load()

    def add_service(self) -> ServiceInfo | None:
        """A new service (admins and managers), then shown in the editor for its rates."""
        from hendazh_desktop.ui.catalogue.new_service_dialog import NewServiceDialog

        dialog = NewServiceDialog(context=self._ctx, parent=self)
        made: ServiceInfo | None = dialog.result_value if dialog.exec() else None
        dialog.deleteLater()
        if made is not None:
            self._ctx.changes.announce(Change.CATALOGUE, source=self)
            self._load(select_id=made.id)
        return made

    def _build_vat_schedule(self) -> None:
        """A changed VAT rate or exemption starts on a day; earlier invoices keep their term."""
        self.vat_box = QGroupBox("تاریخ اجرای نرخ یا معافیت مالیات")
        self.vat_from_edit = QLineEdit()
        self.vat_from_edit.setPlaceholderText("مثلاً ۱۴۰۵/۰۱/۰۱ — خالی یعنی از امروز")
        self.vat_from_edit.setToolTip(
            "نرخ یا معافیت تازه از این روز (تاریخ شمسی) در صورتحساب‌ها به کار می‌رود"
        )
        self.vat_from_error = error_label()
        self.vat_schedule_label = QLabel()
        self.vat_schedule_label.setWordWrap(True)
        form = QFormLayout(self.vat_box)
        form.addRow("از تاریخ:", self.vat_from_edit)
        form.addRow("", self.vat_from_error)
        form.addRow("جدول مالیات:", self.vat_schedule_label)

    def _show_vat_schedule(self, service: ServiceInfo) -> None:
        """Every entry, newest first, the one in force today marked."""
        schedule = self._ctx.catalogue.vat_schedule(self._ctx.actor, service.id)
        self.vat_from_edit.clear()
        today = entry_on(schedule, today_local())
        self.vat_schedule_label.setText(
            "\n".join(
                f"{entry.label} "
                + (
                    f"از {fmt.date(entry.effective_from)}"
                    if entry.effective_from > SINCE_EVER
                    else "از ابتدا"
                )
                + (" (امروز در اجرا)" if entry is today else "")
                for entry in schedule
            )
        )

    def _load(self, select_id: int | None = None) -> None:
        self._services = self._ctx.catalogue.services(self._ctx.actor, include_inactive=True)
        self.list.blockSignals(True)
        self.list.clear()
        for service in self._services:
            item = QListWidgetItem(service.name + ("" if service.active else " (غیرفعال)"))
            item.setData(Qt.ItemDataRole.UserRole, service.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [s.id for s in self._services]
        self.list.setCurrentRow(ids.index(select_id) if select_id in ids else 0)

    def current(self) -> ServiceInfo | None:
        row = self.list.currentRow()
        return self._services[row] if 0 <= row < len(self._services) else None

    def _on_list_current_row_changed(self, _row: int) -> None:
        service = self.current()
        if service is None:
            return
        ui = self.ui
        self.errors.clear()
        if self.can_edit:
            self.note.clear()
        ui.nameEdit.setText(service.name)
        ui.paymentPolicyCombo.setCurrentIndex(
            ui.paymentPolicyCombo.findData(service.payment_policy)
        )
        ui.materialsPrepaymentAllowedCheck.setChecked(service.materials_prepayment_allowed)
        ui.materialsPrepaymentPercentEdit.setText(percent_text(service.materials_prepayment_bp))
        ui.materialsPrepaymentPercentEdit.setEnabled(service.materials_prepayment_allowed)
        ui.vatExemptCheck.setChecked(service.vat_exempt)
        ui.vatPercentEdit.setText(percent_text(service.vat_rate_bp))
        ui.vatPercentEdit.setDisabled(service.vat_exempt)
        ui.commissionPercentEdit.setText(percent_text(service.commission_bp))
        ui.referrerSharePercentEdit.setText(percent_text(service.referrer_share_bp))
        ui.recipientSharePercentEdit.setText(percent_text(service.recipient_share_bp))
        ui.basePriceEdit.setText(format_number(service.base_price))
        ui.activeCheck.setChecked(service.active)
        ui.taxServiceIdEdit.setText(fmt.number_text(service.tax_service_id))
        ui.dispatchTargetHoursEdit.setText(fmt.number_text(str(service.dispatch_target_hours)))
        self._show_vat_schedule(service)
        self.split_box.show_schedule(
            self._ctx.catalogue.split_schedule(self._ctx.actor, service.id)
        )
        self._on_split_field_changed()

    def _on_split_field_changed(self, _text: str = "") -> None:
        """The worked example follows the typed percentages (one base price, or 10,000,000)."""
        ui = self.ui
        labour: int
        try:
            labour = parse_amount(
                ui.basePriceEdit.text() or "0", field="base_price", allow_zero=True
            )
        except ValidationError:
            labour = 0
        self.split_box.show_example(
            labour,
            ui.commissionPercentEdit.text(),
            ui.referrerSharePercentEdit.text(),
            ui.recipientSharePercentEdit.text(),
        )

    def draft(self) -> ServiceDraft:
        ui = self.ui
        return ServiceDraft(
            name=ui.nameEdit.text(),
            payment_policy=ui.paymentPolicyCombo.currentData(),
            materials_prepayment_allowed=ui.materialsPrepaymentAllowedCheck.isChecked(),
            materials_prepayment_percent=ui.materialsPrepaymentPercentEdit.text(),
            vat_exempt=ui.vatExemptCheck.isChecked(),
            vat_percent=ui.vatPercentEdit.text(),
            commission_percent=ui.commissionPercentEdit.text(),
            referrer_share_percent=ui.referrerSharePercentEdit.text(),
            recipient_share_percent=ui.recipientSharePercentEdit.text(),
            base_price=ui.basePriceEdit.text(),
            active=ui.activeCheck.isChecked(),
            vat_effective_from=self.vat_from_edit.text(),
            split_effective_from=self.split_box.from_edit.text(),
            tax_service_id=ui.taxServiceIdEdit.text(),
            dispatch_target_hours=ui.dispatchTargetHoursEdit.text(),
        )

    def save(self) -> bool:
        """Save the form; each rejected field shows its message beside it."""
        service = self.current()
        if service is None or not self.can_edit:
            return False
        draft = self.draft()
        saved = run_op(
            self,
            lambda: self._ctx.catalogue.update_service(
                self._ctx.actor, service.id, draft, expected_version=service.version
            ),
            on_error=self._on_error,
        )
        if saved is None:
            return False
        self._ctx.changes.announce(Change.CATALOGUE)
        self._load(select_id=saved.id)
        self.note.setText(f"تغییرات «{saved.name}» ذخیره شد.")
        return True

    def _on_error(self, error: DomainError) -> bool:
        if isinstance(error, Conflict):  # changed by someone else meanwhile: show it anew
            QMessageBox.warning(self, "هنداژ", error_message(error))
            service = self.current()
            self._load(select_id=service.id if service else None)
            return True
        return self.errors.show(error)
