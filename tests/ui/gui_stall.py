"""A GUI-stall detector: the longest time the GUI thread's event loop was kept from turning.

A precise 10 ms timer ticks on the GUI thread; a stall is the time between two ticks (or
since the loop was entered), less the time the GUI thread waited for a CPU that other
processes held (its run-queue wait, from Linux's schedstat): on a machine shared by several
test runs that wait is not the application's doing, while sleeping, waiting for a lock or the
GIL, and computing all are. Time the test body spends outside the event loop is not
counted: every way into an event loop that Python code takes (``QEventLoop.exec``, a dialog's
``exec``, the static message/file/input dialogs, ``processEvents``, ``QTest.qWait``: what
``qtbot.wait*`` and the application use) is wrapped while the detector runs, and entering the
outermost one restarts the count. A slot that blocks while a loop runs is counted in full,
whether the loop is ``qtbot.wait``'s or a modal dialog's.
"""

from __future__ import annotations

import functools
import sys
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractEventDispatcher,
    QCoreApplication,
    QEventLoop,
    QObject,
    Qt,
    QTimer,
)
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMenu, QMessageBox

LIMIT_S = 0.200
"""The GUI thread may not be blocked longer than this while the event loop runs."""


def run_queue_wait(native_id: int) -> float:
    """Seconds a thread has spent runnable but waiting for a CPU (0 where Linux's schedstat
    is not available: then every gap counts in full)."""
    try:
        with open(f"/proc/self/task/{native_id}/schedstat") as stats:
            return int(stats.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0


_METHODS: list[tuple[type, str]] = [
    (QEventLoop, "exec"),
    (QDialog, "exec"),
    (QMessageBox, "exec"),
    (QPrintDialog, "exec"),
    (QMenu, "exec"),
]
_STATIC: list[tuple[type, str]] = [
    (QCoreApplication, "processEvents"),
    (QTest, "qWait"),
    (QMessageBox, "warning"),
    (QMessageBox, "information"),
    (QMessageBox, "critical"),
    (QMessageBox, "question"),
    (QMessageBox, "about"),
    (QFileDialog, "getOpenFileName"),
    (QFileDialog, "getSaveFileName"),
    (QFileDialog, "getExistingDirectory"),
    (QInputDialog, "getText"),
    (QInputDialog, "getItem"),
    (QInputDialog, "getInt"),
]


class StallDetector(QObject):
    """Records the longest gap between event-loop turns while started."""

    def __init__(self, *, tick_ms: int = 10) -> None:
        super().__init__()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self._on_tick)
        self._dispatcher: QAbstractEventDispatcher | None = None
        self._saved: list[tuple[type, str, Any]] = []
        self._depth = 0
        self._last = 0.0
        self._waited = 0.0
        self._native_id = threading.get_native_id()
        self.longest = 0.0
        self.longest_wall = 0.0
        """The longest gap in wall-clock time, run-queue wait included (for information)."""
        self.ticks = 0
        self.where = ""
        """The GUI thread's Python stack during the longest stall (to say what blocked it)."""
        self._gui_thread = threading.get_ident()
        self._watching = threading.Event()
        self._watcher: threading.Thread | None = None
        self._sample: tuple[float, str] = (0.0, "")

    def start(self) -> None:
        self.longest, self.longest_wall, self.ticks, self._depth = 0.0, 0.0, 0, 0
        self.where = ""
        self._gui_thread = threading.get_ident()
        self._native_id = threading.get_native_id()
        self._restart()
        self._wrap_loop_entries()
        self._watching.set()
        self._watcher = threading.Thread(target=self._watch, name="stall-watch", daemon=True)
        self._watcher.start()
        # A loop entered some other way from the test body: its first turn restarts the count.
        self._dispatcher = QAbstractEventDispatcher.instance()
        if self._dispatcher is not None:
            self._dispatcher.awake.connect(self._on_awake)
        self._timer.start()

    def stop(self) -> float:
        """Stop measuring; returns the longest stall in seconds."""
        self._timer.stop()
        self._watching.clear()
        if self._watcher is not None:
            self._watcher.join()
            self._watcher = None
        if self._dispatcher is not None:
            self._dispatcher.awake.disconnect(self._on_awake)
            self._dispatcher = None
        for owner, name, original in reversed(self._saved):
            setattr(owner, name, original)
        self._saved.clear()
        return self.longest

    # --- measuring ------------------------------------------------------------------------
    def _restart(self) -> None:
        self._last = time.perf_counter()
        self._waited = run_queue_wait(self._native_id)

    def _on_awake(self) -> None:
        if self._depth == 0:
            self._restart()

    def _on_tick(self) -> None:
        now, waited = time.perf_counter(), run_queue_wait(self._native_id)
        wall = now - self._last
        gap = wall - (waited - self._waited)
        self.longest_wall = max(self.longest_wall, wall)
        if gap > self.longest:
            self.longest = gap
            started, stack = self._sample
            if stack and started == self._last:
                self.where = stack
        self._last, self._waited = now, waited
        self.ticks += 1

    def _watch(self) -> None:
        """Off the GUI thread: while a gap grows past the limit, note the GUI thread's stack."""
        while self._watching.is_set():
            time.sleep(0.05)
            last = self._last
            growing = self._depth > 0 and time.perf_counter() - last > LIMIT_S * 0.75
            if growing and self._sample[0] != last:
                frame = sys._current_frames().get(self._gui_thread)
                stack = "".join(traceback.format_stack(frame, limit=16)) if frame else ""
                self._sample = (last, stack)

    def _entering(self) -> None:
        if self._depth == 0:
            self._restart()
        self._depth += 1

    def _leaving(self) -> None:
        self._depth -= 1

    # --- wrapping the ways into an event loop ---------------------------------------------
    def _wrap_loop_entries(self) -> None:
        for owner, name in _METHODS:
            if name in owner.__dict__:
                self._wrap(owner, name, owner.__dict__[name], static=False)
        for owner, name in _STATIC:
            self._wrap(owner, name, getattr(owner, name), static=True)

    def _wrap(self, owner: type, name: str, original: Any, *, static: bool) -> None:
        self._saved.append((owner, name, owner.__dict__[name]))

        @functools.wraps(original)
        def entered(*args: Any, **kwargs: Any) -> Any:
            self._entering()
            try:
                return original(*args, **kwargs)
            finally:
                self._leaving()

        wrapper: Callable[..., Any] | staticmethod[..., Any] = (
            staticmethod(entered) if static else entered
        )
        setattr(owner, name, wrapper)
