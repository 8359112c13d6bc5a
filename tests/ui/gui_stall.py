"""The UI tests' GUI-stall detector: ``hendazh_desktop.ui.stall``'s, counting only the time the
event loop runs.

Time the test body spends outside the event loop is not counted: every way into an event
loop that Python code takes (``QEventLoop.exec``, a dialog's ``exec``, the static
message/file/input dialogs, ``processEvents``, ``QTest.qWait``: what ``qtbot.wait*`` and the
application use) is wrapped while the detector runs, and entering the outermost one restarts
the count. A slot that blocks while a loop runs is counted in full, whether the loop is
``qtbot.wait``'s or a modal dialog's.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractEventDispatcher, QCoreApplication, QEventLoop
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMenu, QMessageBox

from hendazh_desktop.ui import stall
from hendazh_desktop.ui.stall import LIMIT_S, run_queue_wait

__all__ = ["LIMIT_S", "StallDetector", "run_queue_wait"]

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


class StallDetector(stall.StallDetector):
    """Counts stalls only while an event loop entered from Python runs."""

    def __init__(self, *, tick_ms: int = 10) -> None:
        super().__init__(tick_ms=tick_ms)
        self._dispatcher: QAbstractEventDispatcher | None = None
        self._saved: list[tuple[type, str, Any]] = []
        self._depth = 0

    def start(self) -> None:
        self._depth = 0
        self._wrap_loop_entries()
        super().start()
        # A loop entered some other way from the test body: its first turn restarts the count.
        self._dispatcher = QAbstractEventDispatcher.instance()
        if self._dispatcher is not None:
            self._dispatcher.awake.connect(self._on_awake)

    def stop(self) -> float:
        longest = super().stop()
        if self._dispatcher is not None:
            self._dispatcher.awake.disconnect(self._on_awake)
            self._dispatcher = None
        for owner, name, original in reversed(self._saved):
            setattr(owner, name, original)
        self._saved.clear()
        return longest

    def measuring(self) -> bool:
        return self._depth > 0

    def _on_awake(self) -> None:
        if self._depth == 0:
            self.restart()

    def _entering(self) -> None:
        if self._depth == 0:
            self.restart()
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
