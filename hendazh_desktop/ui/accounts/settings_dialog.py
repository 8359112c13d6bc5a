"""Office settings: the company details printed on invoices, and general preferences."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.errors import DomainError, ValidationError, ValidationErrors
from hendazh_desktop.domain.money import CurrencyUnit, format_percent
from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.services.accounts.settings import (
    OfficeSettings,
    SettingsDraft,
)
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.dialog_keys import settle_default_button
from hendazh_desktop.ui.common.field_errors import FieldErrors
from hendazh_desktop.ui.common.text_area import persian_text_area
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.forms.ui_settings_dialog import Ui_SettingsForm
from hendazh_desktop.ui.ops import run_op

# SettingsDraft fields typed into a line edit named <camelCase>Edit.
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
    "tax_memory_id",
)
DIGIT_FIELDS = ("economic_code", "national_id", "postal_code", "phone")
PREVIEW_SIZE = (96, 64)
READ_ONLY_NOTE = "فقط مدیر و مدیر سیستم می‌توانند تنظیمات را تغییر دهند."


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _first_field(error: DomainError) -> str | None:
    items = error.errors if isinstance(error, ValidationErrors) else [error]
    return next((e.field for e in items if isinstance(e, ValidationError)), None)


class SettingsDialog(QDialog):
    """Reads every setting into the form; Save sends the typed text to the service."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._service = settings = context.settings
        self._actor = actor = context.actor
        self._logo_path = ""
        self._remove_logo = False
        self.saved: OfficeSettings | None = None
        self.setWindowTitle("تنظیمات دفتر")
        self.setMinimumWidth(620)
        self.form = QWidget()
        self.ui = Ui_SettingsForm()
        self.ui.setupUi(self.form)
        persian_text_area(self.ui.invoiceFooterEdit)
        ui = self.ui
        ui.displayCurrencyCombo.addItem("ریال", CurrencyUnit.RIAL.value)
        ui.displayCurrencyCombo.addItem("تومان", CurrencyUnit.TOMAN.value)
        ui.vatRoundingCombo.addItem("حذف اعشار (به سود مشتری)", "truncate")
        ui.vatRoundingCombo.addItem("گرد کردن به نزدیک‌ترین ریال", "round")
        self.errors = FieldErrors()
        self._widgets: dict[str, QWidget] = {name: self.edit(name) for name in TEXT_FIELDS}
        self._widgets |= {
            "display_currency": ui.displayCurrencyCombo,
            "vat_rounding": ui.vatRoundingCombo,
            "invoice_footer": ui.invoiceFooterEdit,
            "logo": ui.logoButton,
        }
        for name, widget in self._widgets.items():
            self.errors.register(name, widget, getattr(ui, _camel(name) + "Error"))
        ui.logoButton.clicked.connect(self._on_logo_button_clicked)
        ui.removeLogoButton.clicked.connect(self._on_remove_logo_button_clicked)
        ui.backupDirButton.clicked.connect(self._on_backup_dir_button_clicked)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.can_edit = actor.can(Permission.EDIT_SETTINGS)
        self.read_only_note = QLabel(READ_ONLY_NOTE)
        self.read_only_note.setStyleSheet("color: #8a5300;")
        self.read_only_note.setVisible(not self.can_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.read_only_note)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self._fill(settings.get())
        if self.can_edit:
            settle_default_button(self, self.buttons.button(QDialogButtonBox.StandardButton.Save))
        else:
            self._make_read_only()
            settle_default_button(self)
        ui.tabs.setCurrentIndex(0)
        ui.legalNameEdit.setFocus()

    def edit(self, name: str) -> QLineEdit:
        """The line edit of a ``SettingsDraft`` text field."""
        widget: QLineEdit = getattr(self.ui, _camel(name) + "Edit")
        return widget

    def _make_read_only(self) -> None:
        """Everything stays readable (tabs switch, text can be selected and copied) but
        nothing can be changed."""
        for edit in self.form.findChildren(QLineEdit):
            edit.setReadOnly(True)
        self.ui.invoiceFooterEdit.setReadOnly(True)
        for widget in (*self.form.findChildren(QComboBox), *self._file_buttons()):
            widget.setEnabled(False)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

    def _file_buttons(self) -> tuple[QAbstractButton, ...]:
        return (self.ui.logoButton, self.ui.removeLogoButton, self.ui.backupDirButton)

    def _fill(self, current: OfficeSettings) -> None:
        ui = self.ui
        for name in TEXT_FIELDS:
            if name in ("default_vat_percent", "backups_kept"):
                continue  # stored as numbers: filled below
            value = getattr(current, name)
            self.edit(name).setText(fmt.number_text(value) if name in DIGIT_FIELDS else value)
        ui.defaultVatPercentEdit.setText(format_percent(current.default_vat_bp).removesuffix("٪"))
        ui.backupsKeptEdit.setText(fmt.number(current.backups_kept))
        ui.invoiceFooterEdit.setPlainText(current.invoice_footer)
        ui.displayCurrencyCombo.setCurrentIndex(
            max(ui.displayCurrencyCombo.findData(current.display_currency), 0)
        )
        ui.vatRoundingCombo.setCurrentIndex(
            max(ui.vatRoundingCombo.findData(current.vat_rounding), 0)
        )
        pixmap = QPixmap()
        self._show_logo(pixmap if current.logo and pixmap.loadFromData(current.logo) else None)

    def _show_logo(self, pixmap: QPixmap | None) -> None:
        preview = self.ui.logoPreview
        if pixmap is None or pixmap.isNull():
            preview.setPixmap(QPixmap())
            preview.setText("بدون نشان")
            return
        preview.setPixmap(
            pixmap.scaled(
                *PREVIEW_SIZE,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def draft(self) -> SettingsDraft:
        """The form as typed (the service parses digits of any script)."""
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

    def save(self) -> bool:
        """Send the form to the service; True (and the dialog accepts) when it was saved."""
        if not self.can_edit:
            return False
        draft = self.draft()
        saved = run_op(
            self, lambda: self._service.update(self._actor, draft), on_error=self._on_error
        )
        if saved is None:
            return False
        self.saved = saved
        self._ctx.changes.announce(Change.SETTINGS)
        self.accept()
        return True

    def _on_error(self, error: DomainError) -> bool:
        first = _first_field(error)
        widget = self._widgets.get(first) if first else None
        if widget is not None:  # show the tab of the first bad field, so it can take focus
            for index in range(self.ui.tabs.count()):
                page = self.ui.tabs.widget(index)
                if page is not None and page.isAncestorOf(widget):
                    self.ui.tabs.setCurrentIndex(index)
        return self.errors.show(error)

    def set_logo_file(self, path: str) -> None:
        """Use a new logo file (checked by the service on Save) and preview it."""
        self._logo_path = path
        self._remove_logo = False
        self.ui.logoError.setVisible(False)
        self._show_logo(QPixmap(path))

    def _on_logo_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "انتخاب نشان", "", "تصویر (*.png *.jpg *.jpeg)")
        if path:
            self.set_logo_file(path)

    def _on_remove_logo_button_clicked(self) -> None:
        self._logo_path = ""
        self._remove_logo = True
        self._show_logo(None)

    def _on_backup_dir_button_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "پوشه پشتیبان‌ها", self.ui.backupDirEdit.text()
        )
        if folder:
            self.ui.backupDirEdit.setText(folder)
