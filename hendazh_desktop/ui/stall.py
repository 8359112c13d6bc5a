"""Measuring GUI stalls: the longest time the GUI thread's event loop was kept from turning.

A precise timer ticks on the GUI thread; a stall is the time between two ticks, less the time
the thread waited for a CPU that other processes held (its run-queue wait, from Linux's
schedstat): on a shared machine that wait is not the application's doing, while sleeping,
waiting for a lock or the GIL, and computing all are. Used by the UI tests (which fail a test
blocked > 200 ms) and by ``make bench`` (the longest stall while driving the views).
"""

from __future__ import annotations

import sys
import threading
import time
import traceback

from PySide6.QtCore import QObject, Qt, QTimer

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


class StallDetector(QObject):
    """Records the longest gap between event-loop turns while started (on the GUI thread)."""

    def __init__(self, *, tick_ms: int = 10) -> None:
        super().__init__()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self._on_tick)
        self._last = 0.0
        self._waited = 0.0
        self._native_id = threading.get_native_id()
        self._gui_thread = threading.get_ident()
        self._watching = threading.Event()
        self._watcher: threading.Thread | None = None
        self._sample: tuple[float, str] = (0.0, "")
        self.longest = 0.0
        """The longest stall in seconds, time spent waiting for a CPU left out."""
        self.longest_wall = 0.0
        """The longest gap in wall-clock time, run-queue wait included (for information)."""
        self.ticks = 0
        self.where = ""
        """The GUI thread's Python stack during the longest stall (to say what blocked it)."""

    def start(self) -> None:
        self.longest, self.longest_wall, self.ticks, self.where = 0.0, 0.0, 0, ""
        self._gui_thread = threading.get_ident()
        self._native_id = threading.get_native_id()
        self.restart()
        self._watching.set()
        self._watcher = threading.Thread(target=self._watch, name="stall-watch", daemon=True)
        self._watcher.start()
        self._timer.start()

    def stop(self) -> float:
        """Stop measuring; returns the longest stall in seconds."""
        self._timer.stop()
        self._watching.clear()
        if self._watcher is not None:
            self._watcher.join()
            self._watcher = None
        return self.longest

    def restart(self) -> None:
        """Count the current gap from now (the time before was not the event loop's)."""
        self._last = time.perf_counter()
        self._waited = run_queue_wait(self._native_id)

    def measuring(self) -> bool:
        """Whether a growing gap is a stall right now (always, unless a subclass knows better)."""
        return True

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
            growing = self.measuring() and time.perf_counter() - last > LIMIT_S * 0.75
            if growing and self._sample[0] != last:
                frame = sys._current_frames().get(self._gui_thread)
                stack = "".join(traceback.format_stack(frame, limit=16)) if frame else ""
                self._sample = (last, stack)
