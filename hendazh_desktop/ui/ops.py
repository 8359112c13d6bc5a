"""The one way the UI runs service calls, and the one funnel for their failures.

- ``run_op`` / ``run_action``: a quick call (well under 100 ms) made on the GUI thread.
- ``run_in_background``: anything that may take longer (backups, imports, PDFs, printing,
  whole-table checks and, from now on, every report and export) runs on a worker thread. It
  reports progress, can be cancelled where stopping is harmless, and ends in a success or
  failure callback on the GUI thread. A modal progress dialog appears only when the work
  lasts longer than ``DIALOG_DELAY_MS``; until then input to the windows is held back, so
  nothing else can be started meanwhile.

Failures take one path: a domain error becomes a Persian message, shown by the caller's
handler (a field) or in a message box; anything unexpected goes to ``sys.excepthook`` (the
crash dialog, and the log). The worker never touches a widget, and opens its own database
connections (every unit of work checks one out of the engine's pool in its own thread).
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QMessageBox, QWidget

from hendazh_desktop.domain.errors import DomainError
from hendazh_desktop.domain.progress import Cancelled
from hendazh_desktop.ui.messages import error_message
from hendazh_desktop.ui.progress_dialog import ProgressDialog, input_blocker

T = TypeVar("T")
log = logging.getLogger(__name__)

DIALOG_DELAY_MS = 300
"""Work that ends sooner shows no dialog (it would only flash)."""

PROGRESS_INTERVAL_S = 0.05
"""At most this often does a worker's progress reach the GUI thread (the last one always)."""


def show_failure(
    parent: QWidget | None,
    error: BaseException,
    on_error: Callable[[DomainError], bool] | None = None,
) -> None:
    """The funnel: a domain error to ``on_error`` (True: shown inline) or a message box;
    anything else to the crash handler."""
    if not isinstance(error, DomainError):
        sys.excepthook(type(error), error, error.__traceback__)
        return
    log.info("refused: %s %s", type(error).__name__, error)
    if on_error is not None and on_error(error):
        return
    QMessageBox.warning(parent, "هنداژ", error_message(error))


def run_op(
    parent: QWidget | None,
    call: Callable[[], T],
    *,
    on_error: Callable[[DomainError], bool] | None = None,
) -> T | None:
    """Run a quick service call; on a domain error let ``on_error`` show it inline (return
    True), else show it in a message box. Returns None when the call failed."""
    try:
        return call()
    except DomainError as error:
        show_failure(parent, error, on_error)
        return None


def run_action(
    parent: QWidget | None,
    call: Callable[[], object],
    *,
    on_error: Callable[[DomainError], bool] | None = None,
) -> bool:
    """Like ``run_op`` for calls that return nothing: True when the call succeeded."""
    return run_op(parent, lambda: (call(), True)[1], on_error=on_error) is not None


class Task:
    """What the work receives on its thread: ``progress`` and ``cancelled``, plain callables
    to pass to the services (thread-safe; they never touch Qt objects but a signal)."""

    def __init__(self, report: Callable[[int, int, str], None]) -> None:
        self._report = report
        self._stop = threading.Event()
        self._last = 0.0

    def progress(self, done: int, total: int, message: str = "") -> None:
        now = time.monotonic()
        if done < total and now - self._last < PROGRESS_INTERVAL_S:
            return
        self._last = now
        self._report(done, total, message)

    def cancelled(self) -> bool:
        return self._stop.is_set()

    def request_cancel(self) -> None:
        self._stop.set()


class _Runnable(QRunnable):
    def __init__(self, operation: Operation[Any]) -> None:
        super().__init__()
        self._operation = operation

    def run(self) -> None:
        operation = self._operation
        try:
            result = operation.work(operation.task)
        except Cancelled:
            operation.ended_on_worker.emit("cancelled", None)
        except Exception as error:  # reported on the GUI thread, through the one funnel
            operation.ended_on_worker.emit("failed", error)
        else:
            operation.ended_on_worker.emit("succeeded", result)
        finally:
            operation.worker_done.set()


_pool: QThreadPool | None = None
_running: set[Operation[Any]] = set()


def thread_pool() -> QThreadPool:
    """The workers of every operation (threads are reused, so are their connections)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(2)
        _pool.setExpiryTimeout(-1)
    return _pool


def wait_for_operations(msecs: int = 30_000) -> bool:
    """Block until every worker has ended (at exit, and after each UI test)."""
    return _pool is None or _pool.waitForDone(msecs)


def running_operations() -> list[Operation[Any]]:
    return list(_running)


class Operation(QObject, Generic[T]):
    """One piece of work on a worker thread, its progress dialog, and its callbacks.

    Created by ``run_in_background``; lives on the GUI thread until its callbacks have run.
    """

    progressed = Signal(int, int, str)
    """The work reported progress (done, total, message), on the GUI thread."""

    finished = Signal(str)
    """The callbacks ran; the outcome: succeeded, failed or cancelled."""

    ended_on_worker = Signal(str, object)
    """Emitted by the worker only: how the work ended, and its result or error."""

    reported_on_worker = Signal(int, int, str)
    """Emitted by the worker only: relayed to ``progressed``."""

    def __init__(
        self,
        work: Callable[[Task], T],
        *,
        parent: QWidget | None,
        label: str | None,
        cancellable: bool,
        on_success: Callable[[T], object] | None,
        on_failure: Callable[[Exception], bool] | None,
        on_cancelled: Callable[[], object] | None,
    ) -> None:
        # Owned by the application (Qt side): deleted on the GUI thread, never by a worker.
        super().__init__(QCoreApplication.instance())
        self.work = work
        self.task = Task(self.reported_on_worker.emit)
        self.worker_done = threading.Event()
        self.outcome = ""
        self.result: T | None = None
        self.error: Exception | None = None
        self._parent = parent
        self._label = label
        self._cancellable = cancellable
        self._on_success, self._on_failure, self._on_cancelled = (
            on_success,
            on_failure,
            on_cancelled,
        )
        self.dialog: ProgressDialog | None = None
        self._last: tuple[int, int, str] = (0, 0, "")
        self._reporting = False
        self.reported_on_worker.connect(self._on_reported, Qt.ConnectionType.QueuedConnection)
        self.ended_on_worker.connect(self._on_ended, Qt.ConnectionType.QueuedConnection)

    # --- running --------------------------------------------------------------------------
    def start(self) -> None:
        _running.add(self)
        if self._label is not None:
            input_blocker().hold(self)
            QTimer.singleShot(DIALOG_DELAY_MS, self, self._show_dialog)
        thread_pool().start(_Runnable(self))

    def cancel(self) -> None:
        """Ask the work to stop at its next check (only when it is cancellable)."""
        if self._cancellable and not self.outcome:
            self.task.request_cancel()
            if self.dialog is not None:
                self.dialog.show_cancelling()

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the worker has ended (its callbacks run at the next event-loop turn)."""
        return self.worker_done.wait(msecs / 1000)

    def is_finished(self) -> bool:
        return bool(self.outcome)

    # --- on the GUI thread ----------------------------------------------------------------
    def _show_dialog(self) -> None:
        if self.outcome or self._label is None:
            return
        parent = self._parent if _alive(self._parent) else None
        self.dialog = ProgressDialog(self._label, cancellable=self._cancellable, parent=parent)
        self.dialog.cancel_requested.connect(self.cancel)
        input_blocker().allow(self.dialog)
        self.dialog.show_progress(*self._last)
        self.dialog.show()

    def _on_reported(self, done: int, total: int, message: str) -> None:
        self._last = (done, total, message)
        if self.dialog is not None and not self.outcome:
            # A modal QProgressDialog's setValue processes events: the end of the work may be
            # delivered inside it, and must then wait until the dialog has returned.
            self._reporting = True
            try:
                self.dialog.show_progress(done, total, message)
            finally:
                self._reporting = False
        self.progressed.emit(done, total, message)

    def _on_ended(self, outcome: str, value: object) -> None:
        if self._reporting:
            QTimer.singleShot(0, self, lambda: self._on_ended(outcome, value))
            return
        self.outcome = outcome
        input_blocker().release(self, self.dialog)
        if self.dialog is not None:
            self.dialog.finish()
            self.dialog = None
        try:
            self._run_callbacks(outcome, value)
        finally:
            self._release()
            _running.discard(self)
            self.finished.emit(outcome)
            self.deleteLater()

    def _release(self) -> None:
        """Drop the work, its window and callbacks here, on the GUI thread. The worker's
        runnable still holds this operation for a moment after the work ended, and may be the
        last to let it go: what it then frees must be plain data, never a Qt object the work
        captured (a printer, the window), which must not be destroyed on a worker thread."""
        self.work = _ended
        self._parent = None
        self._on_success = self._on_failure = self._on_cancelled = None
        if self.error is not None:
            self.error = self.error.with_traceback(None)  # its frames hold the work's locals

    def _run_callbacks(self, outcome: str, value: Any) -> None:
        if outcome == "failed":
            self.error = value
            if not _alive(self._parent):  # the window went meanwhile: only log it
                log.error("background work failed after its window closed", exc_info=value)
            elif self._on_failure is None or not self._on_failure(value):
                show_failure(self._parent, value)
            return
        if not _alive(self._parent):
            return
        if outcome == "succeeded":
            self.result = value
            if self._on_success is not None:
                self._on_success(value)
        elif self._on_cancelled is not None:
            self._on_cancelled()


def _ended(_task: Task) -> Any:
    raise RuntimeError("this operation has ended; its work was released")


def _alive(widget: QWidget | None) -> bool:
    return widget is None or shiboken6.isValid(widget)


def run_in_background(
    parent: QWidget | None,
    work: Callable[[Task], T],
    *,
    label: str | None = None,
    cancellable: bool = False,
    on_success: Callable[[T], object] | None = None,
    on_failure: Callable[[Exception], bool] | None = None,
    on_cancelled: Callable[[], object] | None = None,
) -> Operation[T]:
    """Start ``work(task)`` on a worker thread and return its ``Operation``.

    ``label`` (Persian) makes it modal: a progress dialog after ``DIALOG_DELAY_MS``, input held
    back meanwhile; None runs it quietly (start-up, the daily backup). ``cancellable`` adds
    «انصراف»: the work must then check ``task.cancelled`` between batches and raise
    ``Cancelled`` before it writes anything. ``on_failure`` sees every failure first and
    returns True when it showed it itself; otherwise the funnel shows it.
    """
    operation: Operation[T] = Operation(
        work,
        parent=parent,
        label=label,
        cancellable=cancellable,
        on_success=on_success,
        on_failure=on_failure,
        on_cancelled=on_cancelled,
    )
    operation.start()
    return operation
