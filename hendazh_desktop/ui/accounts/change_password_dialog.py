"""A user changes their own password."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.form_dialog import FormDialog, latin_line
from hendazh_desktop.ui.context import UiContext


class ChangePasswordDialog(FormDialog):
    """Old password, new password twice."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(
            title="تغییر گذرواژه", action=self._submit, ok_text="تغییر گذرواژه", parent=parent
        )
        self._ctx = context
        self.old = self.add_field("old_password", "گذرواژه فعلی:", latin_line(password=True))
        self.new = self.add_field("password", "گذرواژه تازه:", latin_line(password=True))
        self.confirm = self.add_field(
            "password_confirm", "تکرار گذرواژه تازه:", latin_line(password=True)
        )
        self.finish_layout()

    def _submit(self) -> None:
        self._ctx.users.change_own_password(
            self._ctx.actor, self.old.text(), self.new.text(), self.confirm.text()
        )
        self._ctx.changes.announce(Change.USERS)
