"""First run, sign-in (wrong password, lock, success) and changing one's own password, typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit
from ui_helpers import press, type_text

from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.services.accounts.users import UserService
from hendazh_desktop.ui.accounts.change_password_dialog import ChangePasswordDialog
from hendazh_desktop.ui.accounts.first_run_dialog import FirstRunDialog
from hendazh_desktop.ui.accounts.login_dialog import LoginDialog

PASSWORD = "a-good-password"
INTRO = "این نخستین اجرای هنداژ روی این پایگاه داده است. حساب مدیر سیستم را بسازید."


@pytest.fixture
def users(ui_db) -> UserService:
    return UserService(ui_db)


@pytest.fixture
def admin(users):
    return users.create_first_admin("admin", "نادر سامانه", PASSWORD, PASSWORD)


def test_first_run_creates_the_admin_and_accepts(users, show_dialog):
    assert users.needs_first_admin()
    dialog = show_dialog(FirstRunDialog(users=users))
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(INTRO in text for text in texts)
    assert dialog.username.text() == "" and dialog.password.text() == ""  # no default password
    assert dialog.password.echoMode() is QLineEdit.EchoMode.Password
    type_text(dialog.username, "Admin")
    type_text(dialog.full_name, "نادر سامانه")
    type_text(dialog.password, PASSWORD)
    type_text(dialog.confirm, PASSWORD + "x")
    press(dialog.confirm, Qt.Key.Key_Return)  # Enter = the default button
    assert dialog.isVisible()
    assert dialog.errors.message("password_confirm") == "تکرار گذرواژه با خود آن یکسان نیست."
    dialog.confirm.clear()
    type_text(dialog.confirm, PASSWORD)
    press(dialog.confirm, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.role is Role.ADMIN
    assert dialog.actor.username == "admin"
    assert not users.needs_first_admin()


def test_first_run_short_password_is_refused_at_the_field(users, show_dialog):
    dialog = show_dialog(FirstRunDialog(users=users))
    type_text(dialog.username, "admin")
    type_text(dialog.full_name, "نادر سامانه")
    type_text(dialog.password, "short")
    type_text(dialog.confirm, "short")
    dialog.submit()
    assert dialog.isVisible()
    assert dialog.errors.message("password") == "گذرواژه باید دست‌کم ۸ نویسه باشد."
    assert dialog.focusWidget() is dialog.password
    assert users.needs_first_admin()


def test_latin_fields_read_left_to_right_in_the_rtl_dialog(users, admin, show_dialog):
    dialog = show_dialog(LoginDialog(users=users))
    assert dialog.layoutDirection() is Qt.LayoutDirection.RightToLeft
    assert dialog.username.layoutDirection() is Qt.LayoutDirection.LeftToRight
    assert dialog.password.layoutDirection() is Qt.LayoutDirection.LeftToRight
    assert dialog.focusWidget() is dialog.username
    assert not dialog.layout_hint.isVisibleTo(dialog)
    type_text(dialog.username, "شدئهد")  # "admin" typed on the Persian layout
    assert dialog.layout_hint.isVisibleTo(dialog)
    press(dialog.username, Qt.Key.Key_Escape)  # Esc = cancel
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.actor is None


def test_wrong_password_shows_the_message_and_stays_open(users, admin, show_dialog):
    dialog = show_dialog(LoginDialog(users=users))
    type_text(dialog.username, "admin")
    type_text(dialog.password, "not-the-password")
    press(dialog.password, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.actor is None
    assert dialog.general_error.text() == "نام کاربری یا گذرواژه نادرست است."
    assert dialog.password.text() == ""
    assert dialog.focusWidget() is dialog.password


def test_five_failures_lock_the_account_with_the_minutes(users, admin, show_dialog):
    dialog = show_dialog(LoginDialog(users=users))
    type_text(dialog.username, "admin")
    for _ in range(5):
        type_text(dialog.password, "not-the-password")
        press(dialog.password, Qt.Key.Key_Return)
    message = dialog.general_error.text()
    assert "قفل" in message and "۱۵ دقیقه" in message
    type_text(dialog.password, PASSWORD)  # even the right password waits for the lock
    press(dialog.password, Qt.Key.Key_Return)
    assert dialog.isVisible() and "قفل" in dialog.general_error.text()


def test_the_right_password_accepts_with_the_actor(users, admin, show_dialog):
    dialog = show_dialog(LoginDialog(users=users))
    type_text(dialog.username, "admin")
    type_text(dialog.password, PASSWORD)
    press(dialog.password, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor == admin


def test_change_password_through_the_dialog(users, admin, context_for, show_dialog):
    dialog = show_dialog(ChangePasswordDialog(context=context_for(admin)))
    type_text(dialog.old, "not-the-password")
    type_text(dialog.new, "the-new-password")
    type_text(dialog.confirm, "the-new-password")
    press(dialog.confirm, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.errors.message("old_password") == "گذرواژه فعلی نادرست است."
    assert dialog.focusWidget() is dialog.old
    dialog.old.clear()
    type_text(dialog.old, PASSWORD)
    press(dialog.confirm, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert users.sign_in("admin", "the-new-password") == admin
