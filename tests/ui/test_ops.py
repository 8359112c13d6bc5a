"""The one operation helper: work on a worker thread, progress, cancel, and the one funnel."""

from __future__ import annotations

import gc
import sys
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from hendazh_desktop.domain.errors import DomainError
from hendazh_desktop.domain.progress import stop_if_cancelled
from hendazh_desktop.ui import ops
from hendazh_desktop.ui.ops import Task, run_in_background


@pytest.fixture
def window(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def finish(qtbot, operation, timeout: int = 10_000) -> str:
    if not operation.is_finished():
        with qtbot.waitSignal(operation.finished, timeout=timeout) as outcome:
            pass
        return str(outcome.args[0])
    return operation.outcome


def test_work_runs_on_a_worker_and_the_result_comes_back_on_the_gui_thread(qtbot, window):
    gui = threading.get_ident()
    seen: dict[str, int] = {}

    def work(_task: Task) -> int:
        seen["work"] = threading.get_ident()
        return 42

    results: list[int] = []

    def done(value: int) -> None:
        seen["callback"] = threading.get_ident()
        results.append(value)

    operation = run_in_background(window, work, label="کار", on_success=done)
    assert finish(qtbot, operation) == "succeeded"
    assert results == [42] and operation.result == 42
    assert seen["work"] != gui and seen["callback"] == gui


def test_quick_work_shows_no_dialog_and_long_work_shows_its_progress(qtbot, window):
    quick = run_in_background(window, lambda _t: 1, label="کار کوتاه")
    assert finish(qtbot, quick) == "succeeded"
    assert quick.dialog is None

    release = threading.Event()

    def long_work(task: Task) -> str:
        task.progress(3, 10, "ردیف ۳")
        release.wait(10)
        return "ok"

    operation = run_in_background(window, long_work, label="در حال کار…")
    qtbot.waitUntil(lambda: operation.dialog is not None and operation.dialog.isVisible())
    dialog = operation.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.value() == 3)
    assert dialog.maximum() == 10 and dialog.labelText() == "در حال کار…\nردیف ۳"
    assert dialog.windowTitle() == "هنداژ"
    assert not [b for b in dialog.findChildren(QPushButton) if b.isVisible()]  # no cancel
    dialog.close()  # the close box does not stop work that cannot be cancelled
    assert dialog.isVisible() and not operation.task.cancelled()
    release.set()
    assert finish(qtbot, operation) == "succeeded"
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_cancel_is_asked_between_batches_and_ends_in_the_cancel_callback(qtbot, window):
    batches: list[int] = []
    started = threading.Event()

    def work(task: Task) -> str:
        for n in range(1000):
            started.set()
            stop_if_cancelled(task.cancelled)
            batches.append(n)
            task.progress(n, 1000, "")
            threading.Event().wait(0.01)
        return "all"

    cancelled: list[bool] = []
    succeeded: list[str] = []
    operation = run_in_background(
        window,
        work,
        label="در حال کار…",
        cancellable=True,
        on_success=succeeded.append,
        on_cancelled=lambda: cancelled.append(True),
    )
    qtbot.waitUntil(lambda: operation.dialog is not None and operation.dialog.isVisible())
    dialog = operation.dialog
    assert dialog is not None
    button = next(b for b in dialog.findChildren(QPushButton) if b.isVisible())
    assert button.text() == "انصراف"
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert finish(qtbot, operation) == "cancelled"
    assert cancelled == [True] and not succeeded
    assert 0 < len(batches) < 1000


def test_a_domain_error_goes_to_the_message_box_or_to_the_callers_handler(
    qtbot, window, monkeypatch
):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))

    def refuse(_task: Task) -> None:
        raise DomainError("backup_missing")

    assert finish(qtbot, run_in_background(window, refuse, label="کار")) == "failed"
    assert shown == ["پرونده پشتیبان پیدا نشد."]

    inline: list[Exception] = []
    operation = run_in_background(
        window, refuse, on_failure=lambda error: bool(inline.append(error)) or True
    )
    assert finish(qtbot, operation) == "failed"
    assert len(shown) == 1 and isinstance(inline[0], DomainError)


def test_an_unexpected_error_goes_to_the_crash_handler(qtbot, window, monkeypatch):
    crashes: list[BaseException] = []
    places: list[object] = []

    def hook(_kind: object, error: BaseException, tb: object) -> None:
        crashes.append(error)
        places.append(tb)

    monkeypatch.setattr(ops.sys, "excepthook", hook)

    def broken(_task: Task) -> None:
        raise ZeroDivisionError("boom")

    assert finish(qtbot, run_in_background(window, broken)) == "failed"
    assert len(crashes) == 1 and isinstance(crashes[0], ZeroDivisionError)
    assert places[0] is not None  # the crash dialog is told where it happened


def test_input_to_the_windows_is_held_back_while_modal_work_runs(qtbot, window):
    button = QPushButton("دکمه", window)
    button.show()
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))
    release = threading.Event()
    operation = run_in_background(window, lambda _t: release.wait(10), label="کار")
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)  # before the dialog shows
    assert not clicks
    release.set()
    finish(qtbot, operation)
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert clicks == [True]


def test_quiet_work_holds_nothing_back(qtbot, window):
    button = QPushButton("دکمه", window)
    button.show()
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))
    release = threading.Event()
    operation = run_in_background(window, lambda _t: release.wait(10))
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert clicks == [True]
    release.set()
    finish(qtbot, operation)


def test_callbacks_are_skipped_when_the_window_closed_meanwhile(qtbot):
    widget = QWidget()
    release = threading.Event()
    results: list[object] = []
    operation = run_in_background(widget, lambda _t: release.wait(10), on_success=results.append)
    widget.deleteLater()
    QApplication.sendPostedEvents(None, 0)
    qtbot.wait(20)
    release.set()
    assert finish(qtbot, operation) == "succeeded"
    assert results == []


@pytest.mark.parametrize("fails", [False, True])
def test_an_ended_operation_keeps_nothing_the_work_captured(qtbot, window, fails):
    # The worker's runnable lets go of the operation after the GUI thread has seen its end and
    # may be the last holder: whatever it then frees is freed on the worker thread. A printer
    # or a window captured by the work must never be among it (a Qt object destroyed on the
    # wrong thread crashes): the end, on the GUI thread, drops the work, the window and the
    # callbacks, and the error's traceback (its frames hold the work's locals).
    captured = object()

    def work_holding(holders: list[object]):
        def work(_task: Task) -> int:
            held = holders[0]  # a local of the work's frame, which a traceback keeps
            if fails:
                raise ValueError("boom")
            return len(holders) + (held is None)

        return work

    operation = run_in_background(
        window, work_holding([captured]), on_success=lambda _n: None, on_failure=lambda _e: True
    )
    assert finish(qtbot, operation) == ("failed" if fails else "succeeded")
    assert operation._parent is None
    assert operation._on_success is None and operation._on_failure is None
    assert operation.error is None or operation.error.__traceback__ is None
    assert not any(captured is ref for ref in gc.get_referents(operation.work))
    with pytest.raises(RuntimeError):
        operation.work(operation.task)
    assert sys.getrefcount(captured) == 2  # this frame and getrefcount's argument
