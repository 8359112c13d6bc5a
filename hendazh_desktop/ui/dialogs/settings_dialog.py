"""Office settings: the company details printed on invoices, and general preferences."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.errors import DomainError
from hendazh_desktop.domain.money import CurrencyUnit, format_percent
from hendazh_desktop.domain.permissions import Actor, Permission
from hendazh_desktop.services.settings import OfficeSettings, SettingsDraft, SettingsService
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.forms.ui_settings_dialog import Ui_SettingsForm
from hendazh_desktop.ui.ops import run_op
from hendazh_desktop.ui.widgets.field_errors import FieldErrors

TEXT_FIELDS = (
    "legal_name",
    "economic_code",
    "national_id",
    "registration_number",
    "province",
    "city",
    "address",
    "postal_code",
    "phone",
    "default_vat_percent",
    "backup_dir",
    "backups_kept",
)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


class SettingsDialog(QDialog):
    """Reads every setting into the form; Save sends the typed text to the service."""

    def __init__(
        self, *, settings: SettingsService, actor: Actor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = settings
        self._actor = actor
        self._logo_path = ""
        self._remove_logo = False
        self.saved: OfficeSettings | None = None
        self.setWindowTitle("تنظیمات دفتر")
        self.setMinimumWidth(620)
        self.form = QWidget()
        self.ui = Ui_SettingsForm()
        self.ui.setupUi(self.form)
        ui = self.ui
        ui.displayCurrencyCombo.addItem("ریال", CurrencyUnit.RIAL.value)
        ui.displayCurrencyCombo.addItem("تومان", CurrencyUnit.TOMAN.value)
        ui.vatRoundingCombo.addItem("حذف اعشار (به سود مشتری)", "truncate")
        ui.vatRoundingCombo.addItem("گرد کردن به نزدیک‌ترین ریال", "round")
        self.errors = FieldErrors()
        for name in TEXT_FIELDS:
            self.errors.register(name, self.edit(name), getattr(ui, _camel(name) + "Error"))
        self.errors.register("display_currency", ui.displayCurrencyCombo, ui.displayCurrencyError)
        self.errors.register("vat_rounding", ui.vatRoundingCombo, ui.vatRoundingError)
        self.errors.register("invoice_footer", ui.invoiceFooterEdit, ui.invoiceFooterError)
        self.errors.register("logo", ui.logoButton, ui.logoError)
        ui.logoButton.clicked.connect(self._on_logo_clicked)
        ui.removeLogoButton.clicked.connect(self._on_remove_logo_clicked)
        ui.backupDirButton.clicked.connect(self._on_backup_dir_clicked)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.can_edit = actor.can(Permission.EDIT_SETTINGS)
        self.form.setEnabled(self.can_edit)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(self.can_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self._fill(settings.get())

    def edit(self, name: str):
        return getattr(self.ui, _camel(name) + "Edit")

    def _fill(self, current: OfficeSettings) -> None:
        ui = self.ui
        for name in (
            "legal_name",
            "registration_number",
            "province",
            "city",
            "address",
            "backup_dir",
        ):
            self.edit(name).setText(getattr(current, name))
        for name in ("economic_code", "national_id", "postal_code", "phone"):
            self.edit(name).setText(fmt.number_text(getattr(current, name)))
        ui.defaultVatPercentEdit.setText(format_percent(current.default_vat_bp).removesuffix("٪"))
        ui.backupsKeptEdit.setText(fmt.number(current.backups_kept))
        ui.invoiceFooterEdit.setPlainText(current.invoice_footer)
        ui.displayCurrencyCombo.setCurrentIndex(
            max(ui.displayCurrencyCombo.findData(current.display_currency), 0)
        )
        ui.vatRoundingCombo.setCurrentIndex(
            max(ui.vatRoundingCombo.findData(current.vat_rounding), 0)
        )
        self._show_logo(current.logo)

    def _show_logo(self, data: bytes) -> None:
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.ui.logoPreview.setPixmap(
                pixmap.scaled(
                    96,
                    64,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.ui.logoPreview.setPixmap(QPixmap())
            self.ui.logoPreview.setText("بدون نشان")

    def draft(self) -> SettingsDraft:
        ui = self.ui
        values = {name: self.edit(name).text() for name in TEXT_FIELDS}
        return SettingsDraft(
            **values,
            display_currency=ui.displayCurrencyCombo.currentData(),
            vat_rounding=ui.vatRoundingCombo.currentData(),
            invoice_footer=ui.invoiceFooterEdit.toPlainText(),
            logo_path=self._logo_path,
            remove_logo=self._remove_logo,
        )

    def save(self) -> None:
        draft = self.draft()
        saved = run_op(
            self, lambda: self._service.update(self._actor, draft), on_error=self._on_error
        )
        if saved is not None:
            self.saved = saved
            self.accept()

    def _on_error(self, error: DomainError) -> bool:
        if not self.errors.show(error):
            return False
        for index in range(self.ui.tabs.count()):  # show the tab of the first bad field
            focus, page = self.focusWidget(), self.ui.tabs.widget(index)
            if focus is not None and page is not None and page.isAncestorOf(focus):
                self.ui.tabs.setCurrentIndex(index)
        return True

    def set_logo_file(self, path: str) -> None:
        self._logo_path = path
        self._remove_logo = False
        pixmap = QPixmap(path)
        if not pixmap.isNull():
            self.ui.logoPreview.setPixmap(
                pixmap.scaled(
                    96,
                    64,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )

    def _on_logo_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "انتخاب نشان", "", "تصویر (*.png *.jpg *.jpeg)")
        if path:
            self.set_logo_file(path)

    def _on_remove_logo_clicked(self) -> None:
        self._logo_path = ""
        self._remove_logo = True
        self._show_logo(b"")

    def _on_backup_dir_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "پوشه پشتیبان‌ها", self.ui.backupDirEdit.text()
        )
        if folder:
            self.ui.backupDirEdit.setText(folder)
