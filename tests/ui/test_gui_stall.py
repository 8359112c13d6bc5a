"""The GUI-stall detector: a slot that blocks the event loop is caught; the test body is not."""

from __future__ import annotations

import time

import pytest
from gui_stall import LIMIT_S, StallDetector
from PySide6.QtCore import QTimer


@pytest.mark.gui_stall_expected
def test_a_slot_sleeping_300_ms_while_qtbot_waits_is_a_stall(qtbot):
    # The autouse fixture fails any test with such a stall; this marker makes it fail the
    # test when it does *not* see one, so the fixture itself is under test here.
    QTimer.singleShot(20, lambda: time.sleep(0.3))
    qtbot.wait(200)


@pytest.mark.gui_stall_expected
def test_a_slot_sleeping_300_ms_is_measured(qtbot):
    detector = StallDetector()
    detector.start()
    QTimer.singleShot(20, lambda: time.sleep(0.3))
    qtbot.wait(200)
    longest = detector.stop()
    assert 0.29 <= detector.longest_wall < 2.0  # a sleep is not waiting for a CPU: it counts
    assert longest > LIMIT_S


def test_the_test_body_blocking_outside_the_event_loop_is_not_a_stall(qtbot):
    detector = StallDetector()
    detector.start()
    qtbot.wait(30)
    time.sleep(0.3)  # the test's own work, between two waits: the loop is not running
    qtbot.wait(100)
    assert detector.stop() < LIMIT_S
    assert detector.ticks >= 5  # the loop did turn, and was measured while it did


@pytest.mark.gui_stall_expected
def test_a_stall_inside_a_modal_dialog_opened_by_the_test_body_is_caught(qtbot):
    from PySide6.QtWidgets import QDialog

    detector = StallDetector()
    detector.start()
    time.sleep(0.3)  # the body's own time before the dialog is not counted...
    dialog = QDialog()
    QTimer.singleShot(20, lambda: time.sleep(0.25))  # ...a slot inside its loop is
    QTimer.singleShot(400, dialog.accept)
    dialog.exec()
    assert 0.24 <= detector.stop() < 0.3


def test_short_slots_are_not_stalls(qtbot):
    detector = StallDetector()
    detector.start()
    for delay in range(0, 150, 15):
        QTimer.singleShot(delay, lambda: time.sleep(0.01))
    qtbot.wait(250)
    assert detector.stop() < LIMIT_S


def test_time_waiting_for_a_cpu_is_read_for_the_gui_thread():
    import os
    import threading

    from gui_stall import run_queue_wait

    if not os.path.exists(f"/proc/self/task/{threading.get_native_id()}/schedstat"):
        pytest.skip("no schedstat on this system: every gap counts in full")
    first = run_queue_wait(threading.get_native_id())
    sum(range(2_000_000))  # some work: the counter never goes back
    assert run_queue_wait(threading.get_native_id()) >= first >= 0.0
