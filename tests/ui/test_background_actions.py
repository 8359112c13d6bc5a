"""The long actions run through the operation helper: backup, web-form import, the audit
chain check (progress, cancel), with the window answering meanwhile."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QFileDialog

from hendazh_desktop.db.backup import list_backups
from hendazh_desktop.db.repositories.audit import AuditRepository
from hendazh_desktop.ui.accounts.audit_view import AuditView
from hendazh_desktop.ui.main_window import MainWindow
from hendazh_desktop.ui.requests.import_report_dialog import ImportReportDialog


@pytest.fixture
def window(qtbot, ctx):
    win = MainWindow(context=ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def finish(qtbot, operation, timeout: int = 20_000) -> str:
    if not operation.is_finished():
        with qtbot.waitSignal(operation.finished, timeout=timeout) as outcome:
            pass
        return str(outcome.args[0])
    return operation.outcome


def test_backup_runs_off_the_gui_thread_and_says_where_it_went(qtbot, ctx, window):
    operation = window.backup_now()
    assert finish(qtbot, operation) == "succeeded"
    folder = ctx.backups.backup_dir()
    assert list_backups(folder) == [operation.result]
    assert operation.result.name in window.statusBar().currentMessage()


def test_web_forms_are_imported_off_the_gui_thread_then_reported(
    qtbot, ctx, window, tmp_path, monkeypatch, answer_modal
):
    rows = ["ref,phone,name,service"] + [f"w{n},0917{n:07d},نام آزمون,نظافت" for n in range(40)]
    source = tmp_path / "forms.csv"
    source.write_text("\n".join(rows), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    reports: list[int] = []
    answer_modal(ImportReportDialog, lambda d: reports.append(len(d.report.created)), tries=3000)
    operation = window.import_web_forms()
    assert operation is not None
    assert finish(qtbot, operation) == "succeeded"
    assert reports == [40]
    assert "۴۰ درخواست" in window.statusBar().currentMessage()


def test_the_chain_check_reports_progress_and_can_be_cancelled(qtbot, ui_db, monkeypatch, ctx):
    walked: list[int] = []
    go_on = threading.Event()
    original = AuditRepository._stream

    def slow_stream(self, batch: int = 2000):
        for item in original(self, batch):
            walked.append(1)
            go_on.wait(5)  # held until the test has pressed «انصراف»
            yield item

    ctx.settings.set_value(ctx.actor, "backups_kept", "3")  # an entry or two to walk
    ctx.settings.set_value(ctx.actor, "backups_kept", "4")
    monkeypatch.setattr(AuditRepository, "_stream", slow_stream)
    monkeypatch.setattr("hendazh_desktop.db.repositories.audit.VERIFY_REPORT_EVERY", 1)
    view = AuditView(context=ctx)
    qtbot.addWidget(view)
    view.show()
    operation = view.verify()
    assert operation is not None and not view.verify_button.isEnabled()
    assert view.verify() is None  # one check at a time
    qtbot.waitUntil(lambda: operation.dialog is not None and operation.dialog.isVisible())
    operation.dialog.cancel_requested.emit()  # what «انصراف» does
    go_on.set()
    assert finish(qtbot, operation) == "cancelled"
    assert view.verify_result.text() == "بررسی زنجیره لغو شد."
    assert view.verify_button.isEnabled() and view.verifying is None
    assert walked == [1]  # stopped at the first look after the cancel


@pytest.fixture
def admin_window(qtbot, ui_db):
    from hendazh_desktop.app import build_context
    from hendazh_desktop.domain.permissions import Role
    from hendazh_desktop.services.accounts.bootstrap import office_actor

    context = build_context(ui_db, office_actor(ui_db, "root", role=Role.ADMIN))
    win = MainWindow(context=context)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_restore_closes_the_views_replaces_the_data_then_asks_who_signs_in(
    qtbot, ui_db, admin_window, make_subscriber, answer_modal
):
    from PySide6.QtWidgets import QMessageBox

    from hendazh_desktop.ui.accounts.login_dialog import LoginDialog

    context = admin_window.context
    assert admin_window.restore_action.isVisible()
    backup = context.backups.backup_now(context.actor)
    make_subscriber("پس از پشتیبان", "09174444444")
    asked: list[str] = []

    def yes(box: QMessageBox) -> None:
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    answer_modal(QMessageBox, yes)
    operation = admin_window.restore_backup_from(backup)
    assert operation is not None and asked and backup.name in asked[0]
    assert admin_window.current_view() == ""  # the views closed before the file is replaced
    told: list[str] = []
    answer_modal(QMessageBox, lambda box: told.append(box.text()), tries=3000)
    signing_in = answer_modal(LoginDialog, lambda _d: None, tries=3000)
    assert finish(qtbot, operation) == "succeeded"
    qtbot.waitUntil(lambda: bool(signing_in), timeout=20_000)
    assert told and operation.result.previous_saved_as.name in told[0]
    with ui_db.read() as uow:  # the same database handle reads the restored file
        assert uow.subscribers.id_by_phone("09174444444") is None
    assert not admin_window.isVisible()  # nobody signed in: the window closed


def test_a_broken_backup_is_refused_and_the_window_carries_on(
    qtbot, admin_window, tmp_path, answer_modal
):
    from PySide6.QtWidgets import QMessageBox

    broken = tmp_path / "broken.hendazh-backup.db"
    broken.write_bytes(b"not a database at all")
    answer_modal(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    shown: list[str] = []
    answer_modal(QMessageBox, lambda box: shown.append(box.text()), tries=3000)
    operation = admin_window.restore_backup_from(broken)
    assert operation is not None
    assert finish(qtbot, operation) == "failed"
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == ["این پرونده پایگاه داده SQLite نیست."]
    assert admin_window.current_view() != ""  # the views are back for the same user
