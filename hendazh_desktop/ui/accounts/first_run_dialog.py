"""The first run on a new database: create the administrator's account (no default exists)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from hendazh_desktop.domain.passwords import MIN_LENGTH
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.services.accounts.users import UserService
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.form_dialog import FormDialog, latin_line


class FirstRunDialog(FormDialog):
    """``actor`` holds the new administrator after the dialog is accepted."""

    def __init__(self, *, users: UserService, parent: QWidget | None = None) -> None:
        super().__init__(
            title="راه‌اندازی هنداژ",
            action=self._submit,
            ok_text="ساخت حساب و ورود",
            parent=parent,
            intro="این نخستین اجرای هنداژ روی این پایگاه داده است. حساب مدیر سیستم را "
            "بسازید.\nبا همین حساب می‌توانید برای همکاران حساب بسازید. "
            f"گذرواژه دست‌کم {fmt.number(MIN_LENGTH)} نویسه باشد.",
        )
        self._users = users
        self.actor: Actor | None = None
        self.username = self.add_field("username", "نام کاربری (لاتین):", latin_line())
        self.full_name = self.add_field("full_name", "نام و نام خانوادگی:", QLineEdit())
        self.password = self.add_field("password", "گذرواژه:", latin_line(password=True))
        self.confirm = self.add_field(
            "password_confirm", "تکرار گذرواژه:", latin_line(password=True)
        )
        self.finish_layout()

    def _submit(self) -> Actor:
        self.actor = self._users.create_first_admin(
            self.username.text(), self.full_name.text(), self.password.text(), self.confirm.text()
        )
        return self.actor
