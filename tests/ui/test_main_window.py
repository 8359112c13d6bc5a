"""The main window: views, shortcuts, status bar, remembered geometry."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from ui_helpers import press

from hendazh_desktop.app import build_context
from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.services.accounts.bootstrap import office_actor
from hendazh_desktop.ui.main_window import MainWindow
from hendazh_desktop.ui.registry import VIEWS

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, ctx, settings):
    win = MainWindow(context=ctx, settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_right_to_left_with_the_views_of_the_registry(window, qapp):
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.isRightToLeft()
    assert window.current_view() == "dashboard"  # the manager's first screen
    window.view_actions["subscribers"].trigger()
    assert window.current_view() == "subscribers"
    window.view_actions["queue"].trigger()
    assert window.current_view() == "queue"
    nav = [window._nav.item(i).text() for i in range(window._nav.count())]
    assert nav == [spec.title for spec in VIEWS]  # a manager opens every view
    view_menu = window.menuBar().actions()[1].menu()
    assert [a.text() for a in view_menu.actions() if a.text()][: len(VIEWS)] == nav


@pytest.mark.parametrize(
    ("key", "modifier", "view"),
    [
        (Qt.Key.Key_1, CTRL, "intake"),
        (Qt.Key.Key_2, CTRL, "subscribers"),
        (Qt.Key.Key_3, CTRL, "queue"),
        (Qt.Key.Key_4, CTRL, "board"),
        (Qt.Key.Key_5, CTRL, "work_groups"),
        (Qt.Key.Key_6, CTRL, "audit"),
        (Qt.Key.Key_I, CTRL | Qt.KeyboardModifier.ShiftModifier, "invoicing"),
    ],
)
def test_the_readme_shortcuts_open_their_views(qtbot, window, key, modifier, view):
    """The README's keyboard table, pressed as keys: the registry's shortcuts still work."""
    window.activateWindow()
    qtbot.waitActive(window)
    start = "subscribers" if view == "intake" else "intake"
    window.show_view(start)
    press(window.focusWidget() or window, key, modifier)
    assert window.current_view() == view


def test_f2_starts_a_new_call_with_the_cursor_in_the_search(qtbot, window):
    window.view_actions["queue"].trigger()
    qtbot.waitActive(window) if window.isActiveWindow() else None
    window.new_call_action.trigger()
    assert window.current_view() == "intake"
    assert window.intake.search.hasFocus() or window.focusWidget() is window.intake.search
    assert window.new_call_action.shortcut().toString() == "F2"


def test_created_request_is_announced_in_the_status_bar(window):
    window.intake.request_created.emit(42)
    assert "۴۲" in window.statusBar().currentMessage()


def test_geometry_is_remembered(qtbot, ctx, settings):
    first = MainWindow(context=ctx, settings=settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(1000, 700)  # the offscreen screen is 800 px wide: stay near it
    first.move(0, 20)
    first.close()
    assert settings.value("main_window/geometry")
    second = MainWindow(context=ctx, settings=settings)
    qtbot.addWidget(second)
    second.show()
    # window frames differ by a few pixels between platforms
    assert abs(second.size().height() - 700) <= 8
    fresh = MainWindow(context=ctx, settings=None)  # nothing to restore: the default size
    qtbot.addWidget(fresh)
    fresh.show()
    assert abs(fresh.size().height() - 700) > 8


def test_refresh_shortcut_is_f5(window):
    assert window.refresh_action.shortcut().toString() == "F5"
    press(window, Qt.Key.Key_F5)


def test_the_commands_keep_their_shortcuts(window):
    """The README's table: the commands that open dialogs (not pressed here)."""
    assert window.new_call_action.shortcut().toString() == "F2"
    assert window.import_action.shortcut().toString() == "Ctrl+I"
    assert window.backup_action.shortcut().toString() == "Ctrl+B"
    shortcuts = [a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()]
    assert len(shortcuts) == len(set(shortcuts))  # no key bound twice


def test_each_role_sees_only_what_it_may_do(qtbot, ctx, consultant_ctx):
    manager = MainWindow(context=ctx)
    qtbot.addWidget(manager)
    consultant = MainWindow(context=consultant_ctx)
    qtbot.addWidget(consultant)
    assert manager.view("audit") is not None and consultant.view("audit") is None
    assert "audit" not in consultant.view_actions  # no menu entry, no Ctrl+6
    assert manager.backup_action.isVisible() and not consultant.backup_action.isVisible()
    assert manager.toman_action.isEnabled() and not consultant.toman_action.isEnabled()
    assert not manager.users_action.isVisible()  # only admins manage accounts
    assert "گزارش تغییرات" in [manager._nav.item(i).text() for i in range(manager._nav.count())]
    # intake, subscribers, queue, board, invoices (read-only: what a caller owes), work groups,
    # the credit ledger, the gift catalogue, and the quality screens: calls, feedback,
    # complaints, ideas, scorecards
    assert consultant._nav.count() == 13
    assert not consultant.view("board").assign_button.isEnabled()  # consultants do not dispatch
    assert not consultant.view("work_groups").can_edit
    assert consultant.import_action.isVisible()


def test_an_accountant_has_no_intake_and_opens_on_the_subscribers(qtbot, ui_db):
    accountant = build_context(ui_db, office_actor(ui_db, "hesab", role=Role.ACCOUNTANT))
    window = MainWindow(context=accountant)
    qtbot.addWidget(window)
    assert [s.key for s in window.view_specs()] == [
        "subscribers",
        "queue",
        "board",
        "invoicing",
        "work_groups",
        "credit_ledger",
        "gifts",
        "wages",
        "reports",
    ]
    assert window.current_view() == "subscribers"
    assert window.intake is None and not window.new_call_action.isVisible()
    assert not window.import_action.isVisible()
    window.new_call_action.trigger()  # F2 does nothing for a role without intake
    assert window.current_view() == "subscribers"


def test_a_change_made_in_the_ui_shows_in_the_audit_view(qtbot, ctx):
    from hendazh_desktop.ui.catalogue.service_catalogue_dialog import ServiceCatalogueDialog

    window = MainWindow(context=ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    dialog = ServiceCatalogueDialog(context=ctx, parent=window)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(0)
    dialog.ui.commissionPercentEdit.setText("۲۵")
    assert dialog.save()
    window.show_view("audit")
    newest = window.view("audit").model.row_item(0)
    # the commission is a dated split rule: the audit names its terms and first day
    assert newest.entity == "service" and newest.after["commission_bp"] == 2500
    assert set(newest.after) == {"commission_bp", "split_from"}
    assert newest.user == "آزمونگر"


def test_only_the_first_view_is_built_at_start_the_others_when_first_shown(qtbot, window):
    """Start-up builds the first view alone; each other view is built the first time it is
    shown (or asked for), once."""
    built = set(window._views)
    assert built == {window.view_specs()[0].key}
    window.show_view("queue")
    queue = window.view("queue")
    assert window.current_view() == "queue" and queue.isVisible()
    window.show_view("intake")
    window.show_view("queue")
    assert window.view("queue") is queue
