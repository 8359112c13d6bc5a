"""The main window's actions, menus and toolbar for the signed-in user: one action per view
from the registry, then the commands; what the role may not use is hidden (or disabled)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence

from hendazh_desktop.domain.money import CurrencyUnit
from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.resources import icon_path
from hendazh_desktop.ui import fmt

if TYPE_CHECKING:
    from hendazh_desktop.ui.main_window import MainWindow

Shortcut = str | QKeySequence | QKeySequence.StandardKey


def icon(name: str) -> QIcon:
    path = icon_path(f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()


def _action(
    window: MainWindow,
    text: str,
    slot: Callable[[], object],
    shortcut: Shortcut | None = None,
    icon_name: str | None = None,
    permission: Permission | None = None,
) -> QAction:
    """An action of the window (its shortcut works wherever the focus is in the window),
    hidden when the signed-in role lacks ``permission``: no shortcut, no menu entry."""
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{text} ({QKeySequence(shortcut).toString()})")
    if icon_name:
        action.setIcon(icon(icon_name))
    action.triggered.connect(lambda _checked=False: slot())
    if permission is not None:
        action.setVisible(window.context.actor.can(permission))
    window.addAction(action)
    return action


def build_menus(window: MainWindow) -> None:
    """Create the window's actions, its menu bar and its toolbar."""
    w, P = window, Permission
    w.view_actions = {
        spec.key: _action(w, spec.title, partial(w.show_view, spec.key), spec.shortcut, spec.icon)
        for spec in w.view_specs()
    }
    w.new_call_action = _action(
        w, "تماس جدید", w.start_new_call, "F2", "new-call", P.CREATE_REQUESTS
    )
    w.import_action = _action(
        w, "ورود فرم‌های وب…", w.import_web_forms, "Ctrl+I", "import", P.IMPORT_WEB_FORMS
    )
    w.backup_action = _action(
        w, "پشتیبان‌گیری اکنون", w.backup_now, "Ctrl+B", "save", P.BACKUP_DATABASE
    )
    w.restore_action = _action(
        w, "بازگردانی از پشتیبان…", w.restore_backup, None, None, P.RESTORE_DATABASE
    )
    w.export_list_action = _action(
        w, "خروجی اکسل فهرست…", w.export_current_list, "Ctrl+E", "save"
    )
    w.export_database_action = _action(
        w, "خروجی کل پایگاه داده…", w.export_database, None, None, P.EXPORT_DATABASE
    )
    w.tax_export_action = _action(
        w, "خروجی سامانه مودیان…", w.export_tax_json, None, None, P.ISSUE_INVOICES
    )
    w.password_action = _action(w, "تغییر گذرواژه…", w.change_password)
    w.sign_out_action = _action(w, "خروج از حساب / تعویض کاربر…", w.sign_out)
    quit_action = _action(w, "خروج", w.close, QKeySequence.StandardKey.Quit)
    w.refresh_action = _action(w, "بازخوانی", w.refresh_current, "F5", "refresh")
    w.catalogue_action = _action(
        w, "خدمات و نرخ‌ها…", w.open_catalogue, None, "services", P.VIEW_SERVICES
    )
    w.settings_action = _action(w, "تنظیمات دفتر…", w.open_settings)  # read-only if not allowed
    w.users_action = _action(w, "کاربران…", w.open_users, None, None, P.MANAGE_USERS)
    w.toman_action = QAction("نمایش مبالغ به تومان", w)
    w.toman_action.setCheckable(True)
    w.toman_action.setChecked(fmt.DisplaySettings.unit is CurrencyUnit.TOMAN)
    w.toman_action.setEnabled(w.context.actor.can(P.EDIT_SETTINGS))
    w.toman_action.toggled.connect(w.on_toman_toggled)

    bar = w.menuBar()
    file_menu = bar.addMenu("&پرونده")
    for action in (w.new_call_action, w.import_action, w.backup_action, w.restore_action):
        file_menu.addAction(action)
    file_menu.addSeparator()
    file_menu.addAction(w.export_list_action)
    file_menu.addAction(w.export_database_action)
    file_menu.addAction(w.tax_export_action)
    file_menu.addSeparator()
    file_menu.addAction(w.password_action)
    file_menu.addAction(w.sign_out_action)
    file_menu.addSeparator()
    file_menu.addAction(quit_action)
    view_menu = bar.addMenu("&نما")
    for action in w.view_actions.values():
        view_menu.addAction(action)
    view_menu.addSeparator()
    view_menu.addAction(w.refresh_action)
    settings_menu = bar.addMenu("&تنظیمات")
    for action in (w.catalogue_action, w.settings_action, w.toman_action, w.users_action):
        settings_menu.addAction(action)
    help_menu = bar.addMenu("&راهنما")
    help_menu.addAction(_action(w, "درباره هنداژ", w.show_about))

    toolbar = w.addToolBar("ابزار")
    toolbar.setObjectName("main_toolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addAction(w.new_call_action)
    for spec in w.view_specs():
        if spec.toolbar:
            toolbar.addAction(w.view_actions[spec.key])
    toolbar.addAction(w.import_action)
    toolbar.addAction(w.refresh_action)
    w.toolbar = toolbar
