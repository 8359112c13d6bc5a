"""The settings dialog: company details typed with Persian digits, errors at their fields,
a logo with its preview, and a read-only form for people who may not change settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit
from ui_helpers import press, type_text

from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.services.accounts.bootstrap import office_actor
from hendazh_desktop.services.accounts.settings import SettingsService
from hendazh_desktop.ui.accounts.settings_dialog import SettingsDialog


@pytest.fixture
def settings(ui_db) -> SettingsService:
    return SettingsService(ui_db)


@pytest.fixture
def manager(ui_db):
    return office_actor(ui_db, "boss", full_name="بهرام مدیری", role=Role.MANAGER)


@pytest.fixture
def dialog(manager, context_for, show_dialog) -> SettingsDialog:
    return show_dialog(SettingsDialog(context=context_for(manager)))


def retype(edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    edit.del_()
    type_text(edit, text)


def test_the_form_opens_on_the_company_tab_with_the_stored_values(dialog, settings):
    ui = dialog.ui
    assert ui.tabs.currentIndex() == 0 and ui.tabs.tabText(0) == "مشخصات شرکت"
    assert ui.tabs.tabText(1) == "عمومی"
    assert ui.provinceEdit.text() == "فارس" and ui.cityEdit.text() == "شیراز"
    assert ui.defaultVatPercentEdit.text() == "۱۰"
    assert ui.backupsKeptEdit.text() == "۱۴"
    assert ui.displayCurrencyCombo.currentText() == "ریال"
    assert ui.nationalIdEdit.layoutDirection() is Qt.LayoutDirection.LeftToRight
    assert dialog.focusWidget() is ui.legalNameEdit
    assert dialog.draft().default_vat_percent == "۱۰"


def test_company_details_typed_with_persian_digits_are_saved(dialog, settings):
    ui = dialog.ui
    retype(ui.legalNameEdit, "شرکت خدمات فنی هنداژ")
    retype(ui.economicCodeEdit, "۴۱۱۱۱۱۱۱۱۱۱۱")
    retype(ui.nationalIdEdit, "۱۰۳۸۰۲۸۴۷۹۰")
    retype(ui.registrationNumberEdit, "۱۲۳۴۵")
    retype(ui.addressEdit, "خیابان زند، کوچه ۱۲")
    retype(ui.postalCodeEdit, "۷۱۳۴۸-۴۵۴۷۱")
    retype(ui.phoneEdit, "۰۷۱ ۳۲۳۴ ۵۶۷۸")
    retype(ui.defaultVatPercentEdit, "۹٫۵")
    retype(ui.backupsKeptEdit, "۳۰")
    ui.displayCurrencyCombo.setCurrentIndex(ui.displayCurrencyCombo.findData("toman"))
    press(ui.phoneEdit, Qt.Key.Key_Return)  # Enter = Save
    assert not dialog.isVisible() and dialog.saved is not None
    saved = settings.get()
    assert saved.legal_name == "شرکت خدمات فنی هنداژ"
    assert saved.economic_code == "411111111111"
    assert saved.national_id == "10380284790"
    assert saved.registration_number == "۱۲۳۴۵"  # free text is kept as typed
    assert saved.postal_code == "7134845471"
    assert saved.phone == "07132345678"
    assert saved.default_vat_bp == 950 and saved.backups_kept == 30
    assert saved.display_currency == "toman"


def test_invalid_national_id_and_postal_code_show_messages_and_save_nothing(dialog, settings):
    before = settings.get()
    ui = dialog.ui
    retype(ui.legalNameEdit, "شرکت هنداژ")
    retype(ui.nationalIdEdit, "۱۰۳۸۰۲۸۴۷۹۱")  # wrong check digit
    retype(ui.postalCodeEdit, "۱۲۳۴۵")
    assert not dialog.save()
    assert dialog.isVisible()
    assert dialog.errors.message("national_id") == "شناسه ملی معتبر نیست."
    assert dialog.errors.message("postal_code") == "کد پستی باید ۱۰ رقم باشد."
    assert dialog.errors.message("legal_name") == ""
    assert ui.nationalIdError.isVisible()
    assert dialog.focusWidget() is ui.nationalIdEdit
    assert settings.get() == before


def test_an_error_on_the_other_tab_brings_that_tab_forward(dialog, settings):
    before = settings.get()
    retype(dialog.ui.backupsKeptEdit, "۰")
    assert dialog.ui.tabs.currentIndex() == 0
    assert not dialog.save()
    assert dialog.ui.tabs.currentIndex() == 1
    assert dialog.errors.message("backups_kept") == "تعداد پشتیبان‌ها باید بین ۱ تا ۳۶۵ باشد."
    assert dialog.focusWidget() is dialog.ui.backupsKeptEdit
    assert settings.get() == before


def test_a_logo_is_previewed_checked_and_removed(
    dialog, settings, manager, context_for, tmp_path, show_dialog
):
    text_file = tmp_path / "logo.png"
    text_file.write_text("not an image", encoding="utf-8")
    dialog.set_logo_file(str(text_file))
    assert not dialog.save()
    assert dialog.errors.message("logo") == "نشان باید تصویر PNG یا JPEG باشد."
    image = QImage(120, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("#1565c0"))
    real = tmp_path / "real.png"
    assert image.save(str(real))
    dialog.set_logo_file(str(real))
    assert not dialog.ui.logoPreview.pixmap().isNull()
    assert dialog.save()
    assert settings.get().logo.startswith(b"\x89PNG")
    again = show_dialog(SettingsDialog(context=context_for(manager)))
    assert not again.ui.logoPreview.pixmap().isNull()
    again.ui.removeLogoButton.click()
    assert again.ui.logoPreview.pixmap().isNull()
    assert again.save()
    assert settings.get().logo == b""


def test_a_consultant_sees_a_read_only_form(ui_db, settings, context_for, show_dialog):
    consultant = office_actor(ui_db, "sara", role=Role.CONSULTANT)
    before = settings.get()
    dialog = show_dialog(SettingsDialog(context=context_for(consultant)))
    ui = dialog.ui
    assert dialog.read_only_note.isVisible()
    assert all(edit.isReadOnly() for edit in dialog.form.findChildren(QLineEdit))
    assert ui.invoiceFooterEdit.isReadOnly()
    assert not any(combo.isEnabled() for combo in dialog.form.findChildren(QComboBox))
    assert not ui.logoButton.isEnabled() and not ui.backupDirButton.isEnabled()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save) is None
    type_text(ui.cityEdit, "تهران")
    assert ui.cityEdit.text() == "شیراز"
    ui.tabs.setCurrentIndex(1)  # still readable: the other tab opens
    assert ui.tabs.currentIndex() == 1 and ui.backupsKeptEdit.isVisible()
    assert not dialog.save()
    press(ui.backupsKeptEdit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert settings.get() == before
