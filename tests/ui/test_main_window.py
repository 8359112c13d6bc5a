"""The main window: views, shortcuts, status bar, remembered geometry."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from ui_helpers import press

from hendazh_desktop.ui.main_window import MainWindow


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


def test_right_to_left_with_the_three_views(window, qapp):
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.isRightToLeft()
    assert window.current_view() == "intake"
    window.subscribers_action.trigger()
    assert window.current_view() == "subscribers"
    window.queue_action.trigger()
    assert window.current_view() == "queue"


def test_f2_starts_a_new_call_with_the_cursor_in_the_search(qtbot, window):
    window.queue_action.trigger()
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


def test_each_role_sees_only_what_it_may_do(qtbot, ctx, consultant_ctx):
    manager = MainWindow(context=ctx)
    qtbot.addWidget(manager)
    consultant = MainWindow(context=consultant_ctx)
    qtbot.addWidget(consultant)
    assert manager.audit is not None and consultant.audit is None
    assert manager.backup_action.isVisible() and not consultant.backup_action.isVisible()
    assert manager.toman_action.isEnabled() and not consultant.toman_action.isEnabled()
    assert not manager.users_action.isVisible()  # only admins manage accounts
    assert "گزارش تغییرات" in [manager._nav.item(i).text() for i in range(manager._nav.count())]
    # intake, subscribers, queue, board, work groups, invoices (read-only: what a caller owes)
    assert consultant._nav.count() == 6
    assert not consultant.board.assign_button.isEnabled()  # consultants do not dispatch
    assert not consultant.work_groups.can_edit
    assert consultant.import_action.isEnabled()


def test_a_change_made_in_the_ui_shows_in_the_audit_view(qtbot, ctx):
    from hendazh_desktop.ui.catalogue.service_catalogue_dialog import ServiceCatalogueDialog

    window = MainWindow(context=ctx)
    qtbot.addWidget(window)
    dialog = ServiceCatalogueDialog(context=ctx, parent=window)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(0)
    dialog.ui.commissionPercentEdit.setText("۲۵")
    assert dialog.save()
    window.show_view("audit")
    assert window.audit is not None
    newest = window.audit.model.row_item(0)
    assert newest.entity == "service" and newest.after == {"commission_bp": 2500}
    assert newest.user == "آزمونگر"
