"""Sign-in: user name and password; five failures lock the account for 15 minutes."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from hendazh_desktop.domain.errors import DomainError
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.services.accounts.users import UserService
from hendazh_desktop.ui.common.form_dialog import FormDialog, latin_line
from hendazh_desktop.ui.messages import error_message

LAYOUT_HINT = "صفحه‌کلید روی فارسی است؛ نام کاربری لاتین است."


class LoginDialog(FormDialog):
    """``actor`` holds who signed in after the dialog is accepted."""

    def __init__(self, *, users: UserService, parent: QWidget | None = None) -> None:
        super().__init__(
            title="ورود به هنداژ",
            action=self._submit,
            ok_text="ورود",
            parent=parent,
            intro="برای ادامه نام کاربری و گذرواژه خود را وارد کنید.",
        )
        self._users = users
        self.actor: Actor | None = None
        self.username = self.add_field("username", "نام کاربری:", latin_line())
        self.password = self.add_field("password", "گذرواژه:", latin_line(password=True))
        # A Persian keyboard layout is the usual reason a correct password is refused.
        self.layout_hint = QLabel(LAYOUT_HINT)
        self.layout_hint.setStyleSheet("color: #8a5300;")
        self.layout_hint.setVisible(False)
        self.form.addRow("", self.layout_hint)
        self.username.textEdited.connect(self._on_username_text_edited)
        self.finish_layout()

    def _submit(self) -> Actor:
        self.actor = self._users.sign_in(self.username.text(), self.password.text())
        return self.actor

    def _on_error(self, error: DomainError) -> bool:
        self.show_general_error(error_message(error))
        self.password.clear()
        (self.password if self.username.text().strip() else self.username).setFocus()
        return True

    def _on_username_text_edited(self, text: str) -> None:
        self.layout_hint.setVisible(not text.isascii())
