"""Switching user on a shared PC: File › sign out closes the views, asks who signs in, and
rebuilds the window for the new user's role; both steps are in the audit trail."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from ui_helpers import press, type_text

from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.services.accounts.audit import AuditFilter
from hendazh_desktop.services.accounts.bootstrap import office_actor
from hendazh_desktop.ui.accounts.login_dialog import LoginDialog
from hendazh_desktop.ui.main_window import MainWindow
from hendazh_desktop.ui.registry import views_for

PASSWORD = "sara-password"


@pytest.fixture
def sara(ui_db, ctx):
    admin = office_actor(ui_db, "root", role=Role.ADMIN)
    ctx.users.add_user(admin, "sara", "سارا مشاوری", Role.CONSULTANT.value, PASSWORD)


@pytest.fixture
def window(qtbot, ctx):
    win = MainWindow(context=ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def sign_in_as(username: str, password: str):
    def fill(dialog: LoginDialog) -> None:
        type_text(dialog.username, username)
        type_text(dialog.password, password)
        press(dialog.password, Qt.Key.Key_Return)

    return fill


def test_switching_user_rebuilds_the_window_for_the_new_role(
    qtbot, ctx, sara, window, answer_modal
):
    old_queue = window.view("queue")
    assert window.view("audit") is not None  # the manager's window
    file_menu = window.menuBar().actions()[0].menu()
    assert window.sign_out_action in file_menu.actions()
    handled = answer_modal(LoginDialog, sign_in_as("sara", PASSWORD))
    window.sign_out_action.trigger()
    assert handled
    assert window.isVisible() and window.context.actor.username == "sara"
    assert window.context.users is ctx.users  # the same use cases, another user
    assert window.view("audit") is None and "audit" not in window.view_actions
    assert window.view("queue") is not old_queue  # the manager's views are gone
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(old_queue)
    assert not window.backup_action.isVisible()
    assert window.current_view() == "intake"
    assert window._nav.count() == len(views_for(window.context.actor))  # the consultant's
    assert len(window.menuBar().actions()) == 4  # File, View, Settings, Help: not twice
    assert "sara" in window._user_label.text()
    window.view_actions["queue"].trigger()  # the new views work
    assert window.current_view() == "queue"
    entries = ctx.audit.page(ctx.actor, AuditFilter(entity="user"), 0, 10)
    assert [(e.action, e.user) for e in entries[:2]] == [
        ("login", "سارا مشاوری"),
        ("logout", "آزمونگر"),
    ]


def test_nobody_signing_in_closes_the_window(qtbot, ctx, window, answer_modal):
    answer_modal(LoginDialog, lambda dialog: dialog.reject())
    window.sign_out_action.trigger()
    assert not window.isVisible()
    entries = ctx.audit.page(ctx.actor, AuditFilter(entity="user"), 0, 10)
    assert entries[0].action == "logout"


def test_a_wrong_password_keeps_the_sign_in_open(qtbot, ctx, sara, window, answer_modal):
    seen: list[str] = []

    def wrong_then_right(dialog: LoginDialog) -> None:
        sign_in_as("sara", "not-her-password")(dialog)
        seen.append(dialog.general_error.text())
        dialog.password.clear()
        type_text(dialog.password, PASSWORD)
        press(dialog.password, Qt.Key.Key_Return)

    answer_modal(LoginDialog, wrong_then_right)
    window.sign_out_action.trigger()
    assert seen and seen[0]
    assert window.context.actor.username == "sara"


def test_no_sign_out_while_work_runs_in_the_background(qtbot, ctx, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from hendazh_desktop.ui import main_window

    said: list[str] = []
    monkeypatch.setattr(main_window, "running_operations", lambda: [object()])
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: said.append(text))
    queue = window.view("queue")
    window.sign_out_action.trigger()
    assert said == [main_window.BUSY_SIGNING_OUT]
    assert window.view("queue") is queue and window.context is ctx  # nothing closed
    entries = ctx.audit.page(ctx.actor, AuditFilter(entity="user"), 0, 10)
    assert all(entry.action != "logout" for entry in entries)
