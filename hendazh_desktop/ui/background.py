"""Work off the GUI thread, with results coming back by signal; and a busy cursor."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtGui import QGuiApplication

from hendazh_desktop.domain.errors import DomainError

log = logging.getLogger(__name__)


class _Worker(QThread):
    done = Signal(object)
    error = Signal(str)

    def __init__(self, call: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._call = call

    def run(self) -> None:
        try:
            self.done.emit(self._call())
        except DomainError as failure:
            from hendazh_desktop.ui.messages import error_message

            self.error.emit(error_message(failure))
        except Exception as failure:  # reported on the GUI thread, and logged with its trace
            log.exception("background call failed")
            self.error.emit(str(failure))


class BackgroundCall(QObject):
    """Runs one call in a worker thread; never touches a widget from there."""

    finished_ok = Signal(object)
    """The call returned (its result)."""

    failed = Signal(str)
    """The call raised (a Persian message for domain errors)."""

    def __init__(self, call: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = _Worker(call, self)
        self._worker.done.connect(self.finished_ok)
        self._worker.error.connect(self.failed)

    def start(self) -> None:
        self._worker.start()

    def wait(self, msecs: int = 30_000) -> bool:
        return self._worker.wait(msecs)


@contextmanager
def wait_cursor() -> Iterator[None]:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()
