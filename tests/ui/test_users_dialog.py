"""The admin's accounts dialog: add a consultant, messages at the fields, reset, deactivate."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from ui_helpers import press, type_text

from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.services.accounts.users import SignInError, UserService
from hendazh_desktop.ui.accounts.users_dialog import AddUserDialog, ResetPasswordDialog, UsersDialog
from hendazh_desktop.ui.common.window_model import select_row

PASSWORD = "a-good-password"


@pytest.fixture
def users(ui_db) -> UserService:
    return UserService(ui_db)


@pytest.fixture
def admin(users):
    return users.create_first_admin("admin", "نادر سامانه", PASSWORD, PASSWORD)


@pytest.fixture
def dialog(admin, context_for, show_dialog) -> UsersDialog:
    return show_dialog(UsersDialog(context=context_for(admin)))


def cells(dialog: UsersDialog, row: int) -> list[str]:
    model = dialog.model
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_the_table_shows_name_role_active_and_locked(qtmodeltester, dialog):
    qtmodeltester.check(dialog.model, force_py=True)
    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["نام کاربری", "نام", "نقش", "فعال", "قفل"]
    assert cells(dialog, 0) == ["admin", "نادر سامانه", "مدیر سیستم", "بله", "خیر"]


def test_add_a_consultant_through_the_dialog(dialog, users, answer_modal):
    seen: dict[str, str] = {}

    def fill(add: AddUserDialog) -> None:
        type_text(add.username, "Sara Moshaveri")
        type_text(add.full_name, "سارا مشاوری")
        type_text(add.password, "short")
        press(add.password, Qt.Key.Key_Return)
        seen["username"] = add.errors.message("username")
        add.username.clear()
        type_text(add.username, "sara")
        press(add.password, Qt.Key.Key_Return)
        seen["password"] = add.errors.message("password")
        seen["username_after"] = add.errors.message("username")
        add.password.clear()
        type_text(add.password, "sara-password")
        assert add.role.currentData() == Role.CONSULTANT.value
        press(add.password, Qt.Key.Key_Return)

    handled = answer_modal(AddUserDialog, fill)
    dialog.add_button.click()
    assert handled, "the add-user dialog did not open"
    assert seen["username"].startswith("نام کاربری فقط حروف کوچک لاتین")
    assert seen["password"] == "گذرواژه باید دست‌کم ۸ نویسه باشد."
    assert seen["username_after"] == ""
    assert dialog.model.rowCount() == 2
    assert cells(dialog, dialog.table.currentIndex().row())[:3] == ["sara", "سارا مشاوری", "مشاور"]
    assert "sara" in dialog.message.text()
    assert users.sign_in("sara", "sara-password").role is Role.CONSULTANT


def test_a_taken_username_is_refused_at_the_field(users, admin, context_for, show_dialog):
    add = show_dialog(AddUserDialog(context=context_for(admin)))
    type_text(add.username, "ADMIN")
    type_text(add.full_name, "کسی دیگر")
    type_text(add.password, "another-password")
    add.submit()
    assert add.isVisible()
    assert add.errors.message("username") == "این نام کاربری پیش‌تر گرفته شده است."


def test_reset_a_password_with_a_repeat(dialog, users, admin, answer_modal):
    seen: dict[str, str] = {}

    def fill(reset: ResetPasswordDialog) -> None:
        type_text(reset.password, "fresh-password")
        type_text(reset.confirm, "fresh-passwordX")
        press(reset.confirm, Qt.Key.Key_Return)
        seen["confirm"] = reset.errors.message("password_confirm")
        reset.confirm.clear()
        type_text(reset.confirm, "fresh-password")
        press(reset.confirm, Qt.Key.Key_Return)

    select_row(dialog.table, 0)
    answer_modal(ResetPasswordDialog, fill)
    dialog.reset_button.click()
    assert seen["confirm"] == "تکرار گذرواژه با خود آن یکسان نیست."
    assert users.sign_in("admin", "fresh-password") == admin


def test_deactivate_and_activate_again(dialog, users, admin):
    sara = users.add_user(admin, "sara", "سارا مشاوری", Role.CONSULTANT.value, "sara-password")
    dialog.reload(select_username="sara")
    assert dialog.selected() == sara
    assert dialog.toggle_button.text() == "غیرفعال کردن"
    dialog.toggle_button.click()
    row = dialog.table.currentIndex().row()
    assert cells(dialog, row)[0] == "sara" and cells(dialog, row)[3] == "خیر"
    assert dialog.toggle_button.text() == "فعال کردن"
    assert "غیرفعال" in dialog.message.text()
    with pytest.raises(SignInError) as refused:
        users.sign_in("sara", "sara-password")
    assert refused.value.code == "account_inactive"
    dialog.toggle_button.click()
    assert cells(dialog, dialog.table.currentIndex().row())[3] == "بله"


def test_an_admin_cannot_deactivate_themself(dialog):
    dialog.reload(select_username="admin")
    dialog.toggle_button.click()
    assert dialog.message.isVisible()
    assert dialog.message.text() == "نمی‌توانید حساب خودتان را غیرفعال کنید."
    assert cells(dialog, 0)[3] == "بله"


def test_change_a_role_from_the_list(dialog, users, admin):
    users.add_user(admin, "sara", "سارا مشاوری", Role.CONSULTANT.value, "sara-password")
    dialog.reload(select_username="sara")
    assert dialog.role_choice.currentData() == Role.CONSULTANT.value
    dialog.role_choice.setCurrentIndex(dialog.role_choice.findData(Role.ACCOUNTANT.value))
    dialog.role_button.click()
    assert "نقش" in dialog.message.text()
    assert users.sign_in("sara", "sara-password").role is Role.ACCOUNTANT
    assert dialog.selected().role == Role.ACCOUNTANT.value
