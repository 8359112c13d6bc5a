"""Admins manage accounts: add, reset a password, activate or deactivate."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.permissions import ROLE_LABELS, Actor, Role
from hendazh_desktop.services.users import UserInfo, UserService
from hendazh_desktop.ui.dialogs.form_dialog import FormDialog, latin_line
from hendazh_desktop.ui.models.window_model import Column, ListSource, WindowTableModel
from hendazh_desktop.ui.ops import run_action, run_op
from hendazh_desktop.ui.widgets.tables import list_table

COLUMNS: list[Column[UserInfo]] = [
    Column("نام کاربری", lambda u: u.username),
    Column("نام", lambda u: u.full_name),
    Column("نقش", lambda u: ROLE_LABELS[Role(u.role)]),
    Column("وضعیت", lambda u: ("فعال" if u.active else "غیرفعال") + ("، قفل" if u.locked else "")),
]


class AddUserDialog(FormDialog):
    """A new account with its role and first password."""

    def __init__(self, *, users: UserService, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(
            title="کاربر جدید", action=self._submit, ok_text="ساخت حساب", parent=parent
        )
        self._users, self._actor = users, actor
        self.username = self.add_field("username", "نام کاربری (لاتین):", latin_line())
        self.full_name = self.add_field("full_name", "نام و نام خانوادگی:", QLineEdit())
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(ROLE_LABELS[role], role.value)
        self.add_field("role", "نقش:", self.role)
        self.password = self.add_field("password", "گذرواژه نخست:", latin_line(password=True))
        self.finish_layout()

    def _submit(self) -> UserInfo:
        return self._users.add_user(
            self._actor,
            self.username.text(),
            self.full_name.text(),
            self.role.currentData(),
            self.password.text(),
        )


class UsersDialog(QDialog):
    """The accounts of the office."""

    def __init__(self, *, users: UserService, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._users, self._actor = users, actor
        self.setWindowTitle("کاربران")
        self.setMinimumSize(640, 420)
        self.model: WindowTableModel[UserInfo] = WindowTableModel(
            COLUMNS, warn=lambda u: u.locked or not u.active
        )
        self.table = list_table(self.model, stretch_all=True)
        self.add_button = QPushButton("کاربر جدید…")
        self.add_button.clicked.connect(self.add_user)
        self.reset_button = QPushButton("تعیین گذرواژه تازه…")
        self.reset_button.clicked.connect(self.reset_password)
        self.toggle_button = QPushButton("فعال / غیرفعال")
        self.toggle_button.clicked.connect(self.toggle_active)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.reset_button, self.toggle_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        rows = run_op(self, lambda: self._users.list_users(self._actor)) or []
        self.model.set_source(ListSource(rows))

    def selected(self) -> UserInfo | None:
        index = self.table.currentIndex()
        return self.model.row_item(index.row()) if index.isValid() else None

    def add_user(self) -> None:
        if AddUserDialog(users=self._users, actor=self._actor, parent=self).exec():
            self.reload()

    def reset_password(self) -> None:
        user = self.selected()
        if user is None:
            return
        text, ok = QInputDialog.getText(
            self, "گذرواژه تازه", f"گذرواژه تازه برای {user.username}:", QLineEdit.EchoMode.Password
        )
        if ok and run_action(
            self, lambda: self._users.reset_password(self._actor, user.username, text)
        ):
            self.reload()

    def toggle_active(self) -> None:
        user = self.selected()
        if user is None:
            return
        if run_action(
            self,
            lambda: self._users.set_active(self._actor, user.username, not user.active),
        ):
            self.reload()
