"""Sign-in, first run, passwords, users, settings and the service catalogue, as typed."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from ui_helpers import type_text

from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.services.bootstrap import office_actor
from hendazh_desktop.services.settings import SettingsService
from hendazh_desktop.services.users import UserService
from hendazh_desktop.ui.dialogs.change_password_dialog import ChangePasswordDialog
from hendazh_desktop.ui.dialogs.first_run_dialog import FirstRunDialog
from hendazh_desktop.ui.dialogs.login_dialog import LoginDialog
from hendazh_desktop.ui.dialogs.service_catalogue_dialog import ServiceCatalogueDialog
from hendazh_desktop.ui.dialogs.settings_dialog import SettingsDialog
from hendazh_desktop.ui.dialogs.users_dialog import AddUserDialog, UsersDialog


def ok(dialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    button = box.button(QDialogButtonBox.StandardButton.Ok) or box.button(
        QDialogButtonBox.StandardButton.Save
    )
    button.click()


@pytest.fixture
def shown(qtbot):
    def show(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return show


def test_first_run_creates_the_admin(ui_db, shown):
    users = UserService(ui_db)
    dialog = shown(FirstRunDialog(users=users))
    type_text(dialog.username, "admin")
    type_text(dialog.full_name, "نادر سامانه")
    type_text(dialog.password, "short")
    type_text(dialog.confirm, "short")
    ok(dialog)
    assert dialog.isVisible() and "دست‌کم" in dialog.errors.message("password")
    dialog.password.clear()
    dialog.confirm.clear()
    type_text(dialog.password, "a-good-password")
    type_text(dialog.confirm, "a-good-password")
    ok(dialog)
    assert not dialog.isVisible()
    assert dialog.actor is not None and dialog.actor.role is Role.ADMIN
    assert not users.needs_first_admin()


def test_login_failures_then_lock_then_success(ui_db, shown):
    users = UserService(ui_db)
    users.create_first_admin("admin", "نادر سامانه", "a-good-password", "a-good-password")
    dialog = shown(LoginDialog(users=users))
    type_text(dialog.username, "admin")
    type_text(dialog.password, "wrong")
    ok(dialog)
    assert dialog.isVisible()
    assert "نادرست" in dialog.general_error.text()
    assert dialog.password.text() == ""
    for _ in range(4):
        type_text(dialog.password, "wrong")
        ok(dialog)
    assert "قفل" in dialog.general_error.text() and "۱۵" in dialog.general_error.text()
    UserService(ui_db).reset_password(users.system_actor(), "admin", "another-password")
    type_text(dialog.password, "another-password")
    ok(dialog)
    assert not dialog.isVisible() and dialog.actor is not None


def test_change_password(ui_db, shown):
    users = UserService(ui_db)
    actor = users.create_first_admin("admin", "نادر سامانه", "a-good-password", "a-good-password")
    dialog = shown(ChangePasswordDialog(users=users, actor=actor))
    type_text(dialog.old, "a-good-password")
    type_text(dialog.new, "the-new-password")
    type_text(dialog.confirm, "the-new-passwordX")
    ok(dialog)
    assert "یکسان" in dialog.errors.message("password_confirm")
    dialog.confirm.clear()
    type_text(dialog.confirm, "the-new-password")
    ok(dialog)
    assert not dialog.isVisible()
    assert users.sign_in("admin", "the-new-password").user_id == actor.user_id


def test_admin_adds_a_consultant(ui_db, shown):
    users = UserService(ui_db)
    admin = users.create_first_admin("admin", "نادر سامانه", "a-good-password", "a-good-password")
    listing = shown(UsersDialog(users=users, actor=admin))
    assert listing.model.rowCount() == 1
    add = shown(AddUserDialog(users=users, actor=admin))
    type_text(add.username, "Sara Moshaveri")
    type_text(add.full_name, "سارا مشاوری")
    type_text(add.password, "sara-password")
    ok(add)
    assert "لاتین" in add.errors.message("username")
    add.username.clear()
    type_text(add.username, "sara")
    ok(add)
    assert not add.isVisible()
    listing.reload()
    assert listing.model.rowCount() == 2
    assert users.sign_in("sara", "sara-password").role is Role.CONSULTANT


def test_settings_saved_and_refused(ui_db, shown):
    service = SettingsService(ui_db)
    manager = office_actor(ui_db, "boss", role=Role.MANAGER)
    dialog = shown(SettingsDialog(settings=service, actor=manager))
    dialog.ui.legalNameEdit.clear()
    type_text(dialog.ui.legalNameEdit, "شرکت خدماتی هنداژمون")
    type_text(dialog.ui.nationalIdEdit, "۱۰۳۸۰۲۸۴۷۹۱")
    ok(dialog)
    assert dialog.isVisible()
    assert "معتبر نیست" in dialog.errors.message("national_id")
    assert service.get().legal_name == ""
    dialog.ui.nationalIdEdit.clear()
    type_text(dialog.ui.nationalIdEdit, "۱۰۳۸۰۲۸۴۷۹۰")
    ok(dialog)
    assert not dialog.isVisible()
    saved = service.get()
    assert saved.legal_name == "شرکت خدماتی هنداژمون"
    assert saved.national_id == "10380284790"
    consultant = office_actor(ui_db, "sara", role=Role.CONSULTANT)
    read_only = shown(SettingsDialog(settings=service, actor=consultant))
    assert not read_only.form.isEnabled()


def test_catalogue_dialog_saves_persian_digits_and_shows_errors(ctx, shown):
    dialog = shown(ServiceCatalogueDialog(context=ctx))
    dialog.list.setCurrentRow(4)
    name = dialog.current().name
    edit = dialog.ui.commissionPercentEdit
    edit.clear()
    type_text(edit, "۱۲۰")
    dialog.ui.referrerSharePercentEdit.clear()
    type_text(dialog.ui.referrerSharePercentEdit, "۸۰")
    dialog.ui.recipientSharePercentEdit.clear()
    type_text(dialog.ui.recipientSharePercentEdit, "۳۰")
    assert not dialog.save()
    assert "۱۰۰" in dialog.errors.message("commission_percent")
    assert "۱۰۰٪" in dialog.errors.message("recipient_share_percent")
    edit.clear()
    type_text(edit, "۱۲٫۵")
    dialog.ui.recipientSharePercentEdit.clear()
    type_text(dialog.ui.recipientSharePercentEdit, "۱۰")
    assert dialog.save()
    saved = next(s for s in ctx.catalogue.services(ctx.actor) if s.name == name)
    assert saved.commission_bp == 1250 and saved.referrer_share_bp == 8000


def test_consultant_sees_the_catalogue_read_only(consultant_ctx, shown):
    dialog = shown(ServiceCatalogueDialog(context=consultant_ctx))
    assert not dialog.editor.isEnabled()
