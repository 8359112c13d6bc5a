"""Admins manage accounts: add, reset a password, activate or deactivate."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.errors import DomainError, ValidationError
from hendazh_desktop.domain.permissions import ROLE_LABELS, Role
from hendazh_desktop.services.accounts.users import UserInfo
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.dialog_keys import settle_default_button
from hendazh_desktop.ui.common.form_dialog import FormDialog, latin_line
from hendazh_desktop.ui.common.tables import list_table
from hendazh_desktop.ui.common.window_model import (
    CENTER,
    Column,
    ListSource,
    WindowTableModel,
    select_row,
)
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.messages import error_message
from hendazh_desktop.ui.ops import run_action, run_op


def _yes_no(value: bool) -> str:
    return "بله" if value else "خیر"


def _role_label(role: str) -> str:
    try:
        return ROLE_LABELS[Role(role)]
    except ValueError:
        return role


COLUMNS: list[Column[UserInfo]] = [
    Column("نام کاربری", lambda u: u.username),
    Column("نام", lambda u: u.full_name),
    Column("نقش", lambda u: _role_label(u.role)),
    Column("فعال", lambda u: _yes_no(u.active), CENTER),
    Column("قفل", lambda u: _yes_no(u.locked), CENTER),
]


class AddUserDialog(FormDialog):
    """A new account with its role and first password."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(
            title="کاربر جدید", action=self._submit, ok_text="ساخت حساب", parent=parent
        )
        self._users, self._actor = context.users, context.actor
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


class ResetPasswordDialog(FormDialog):
    """An admin gives someone a new password (typed twice); it also lifts a lock."""

    def __init__(
        self, *, context: UiContext, user: UserInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            title="گذرواژه تازه",
            action=self._submit,
            ok_text="ثبت گذرواژه",
            parent=parent,
            intro=f"گذرواژه تازه برای «{user.full_name}» ({user.username}):",
        )
        self._users, self._actor, self._user = context.users, context.actor, user
        self.password = self.add_field("password", "گذرواژه تازه:", latin_line(password=True))
        self.confirm = self.add_field(
            "password_confirm", "تکرار گذرواژه:", latin_line(password=True)
        )
        self.finish_layout()

    def _submit(self) -> None:
        if self.password.text() and self.confirm.text() != self.password.text():
            raise ValidationError("password_confirm", "password_mismatch")
        self._users.reset_password(self._actor, self._user.username, self.password.text())


class UsersDialog(QDialog):
    """The accounts of the office."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._users, self._actor = context.users, context.actor
        self.setWindowTitle("کاربران")
        self.setMinimumSize(680, 420)
        self.model: WindowTableModel[UserInfo] = WindowTableModel(
            COLUMNS, warn=lambda u: u.locked or not u.active
        )
        self.table = list_table(self.model, stretch_all=True)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.add_button = QPushButton("کاربر جدید…")
        self.add_button.clicked.connect(self.add_user)
        self.reset_button = QPushButton("گذرواژه تازه…")
        self.reset_button.clicked.connect(self.reset_password)
        self.toggle_button = QPushButton("غیرفعال کردن")
        self.toggle_button.clicked.connect(self.toggle_active)
        self.role_choice = QComboBox()
        for role in Role:
            self.role_choice.addItem(ROLE_LABELS[role], role.value)
        self.role_button = QPushButton("تغییر نقش")
        self.role_button.clicked.connect(self.change_role)
        for button in (self.add_button, self.reset_button, self.toggle_button, self.role_button):
            button.setAutoDefault(False)
        self.message = QLabel()
        self.message.setObjectName("general_error")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.reset_button, self.toggle_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(QLabel("نقش:"))
        buttons.addWidget(self.role_choice)
        buttons.addWidget(self.role_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        layout.addWidget(close)
        settle_default_button(self)  # a list: Enter never closes it
        self.reload()
        self.table.setFocus()

    def reload(self, *, select_username: str | None = None) -> None:
        """Re-read the accounts, keeping (or moving to) the selected one."""
        current = self.selected()
        keep = select_username or (current.username if current else None)
        rows = run_op(self, lambda: self._users.list_users(self._actor)) or []
        self.model.set_source(ListSource(rows))
        row = self.model.find_row(lambda u: u.username == keep) if keep else -1
        select_row(self.table, max(row, 0))
        self._update_buttons()

    def selected(self) -> UserInfo | None:
        index = self.table.currentIndex()
        return self.model.row_item(index.row()) if index.isValid() else None

    def add_user(self) -> None:
        dialog = AddUserDialog(context=self._ctx, parent=self)
        if dialog.exec():
            self._ctx.changes.announce(Change.USERS)
            self.reload(select_username=dialog.result_value.username)
            self._say(f"حساب «{dialog.result_value.username}» ساخته شد.", error=False)

    def reset_password(self) -> None:
        user = self.selected()
        if user is None:
            return
        dialog = ResetPasswordDialog(context=self._ctx, user=user, parent=self)
        if dialog.exec():
            self._ctx.changes.announce(Change.USERS)
            self.reload()
            self._say(f"گذرواژه «{user.username}» تغییر کرد.", error=False)

    def toggle_active(self) -> None:
        user = self.selected()
        if user is None:
            return
        done = run_action(
            self,
            lambda: self._users.set_active(self._actor, user.username, not user.active),
            on_error=self._on_error,
        )
        if done:
            self._ctx.changes.announce(Change.USERS)
            state = "فعال" if not user.active else "غیرفعال"
            self.reload()
            self._say(f"حساب «{user.username}» {state} شد.", error=False)

    def change_role(self) -> None:
        """Give the selected account the role chosen beside the button (audited)."""
        user = self.selected()
        role = self.role_choice.currentData()
        if user is None or role == user.role:
            return
        done = run_action(
            self,
            lambda: self._users.set_role(self._actor, user.username, role),
            on_error=self._on_error,
        )
        if done:
            self._ctx.changes.announce(Change.USERS)
            self.reload()
            self._say(f"نقش «{user.username}» اکنون {ROLE_LABELS[Role(role)]} است.", error=False)

    def _on_error(self, error: DomainError) -> bool:
        self._say(error_message(error), error=True)
        return True

    def _say(self, text: str, *, error: bool) -> None:
        self.message.setStyleSheet(
            "color: #b3261e; font-weight: bold;" if error else "color: #1b5e20;"
        )
        self.message.setText(text)
        self.message.setVisible(True)

    def _update_buttons(self) -> None:
        user = self.selected()
        self.reset_button.setEnabled(user is not None)
        self.toggle_button.setEnabled(user is not None)
        self.role_button.setEnabled(user is not None)
        if user is not None:
            self.role_choice.setCurrentIndex(max(0, self.role_choice.findData(user.role)))
        self.toggle_button.setText(
            "فعال کردن" if user is not None and not user.active else "غیرفعال کردن"
        )

    def _on_table_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self.message.setVisible(False)
        self._update_buttons()
