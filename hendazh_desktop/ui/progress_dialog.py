"""The progress dialog of long work, and the filter that keeps user input to it meanwhile
(used by ``ui/ops.py``)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QWindow
from PySide6.QtWidgets import QProgressDialog, QWidget


class ProgressDialog(QProgressDialog):
    """«در حال …» with a bar (busy when the total is unknown) and «انصراف» where allowed."""

    cancel_requested = Signal()
    """The user asked to stop (the cancel button, Escape or the close box)."""

    def __init__(self, label: str, *, cancellable: bool, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._label = label
        self.setWindowTitle("هنداژ")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(0)
        self.setMinimumWidth(380)
        self.setLabelText(label)
        self.setRange(0, 0)
        self.canceled.disconnect()  # the stock slot would hide the dialog: the work decides
        if cancellable:
            self.setCancelButtonText("انصراف")
            self.canceled.connect(self.cancel_requested)
        else:
            self.setCancelButton(None)
        self._closing = False

    def show_progress(self, done: int, total: int, message: str) -> None:
        self.setRange(0, max(total, 0))
        if total > 0:
            self.setValue(min(done, total))
        self.setLabelText(f"{self._label}\n{message}" if message else self._label)

    def show_cancelling(self) -> None:
        self._label = "در حال انصراف…"
        self.setLabelText(self._label)

    def finish(self) -> None:
        self._closing = True
        self.hide()
        self.deleteLater()

    def reject(self) -> None:  # Escape: a request, the dialog stays until the work ends
        self.cancel_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing:
            super().closeEvent(event)
            return
        event.ignore()
        self.cancel_requested.emit()


_USER_INPUT = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.Wheel,
        QEvent.Type.Drop,
    }
)


class _InputBlocker(QObject):
    """While modal work runs, user input reaches only its progress dialog."""

    def __init__(self) -> None:
        super().__init__(QCoreApplication.instance())
        self._holders: set[int] = set()
        self._allowed: list[QWidget] = []

    def hold(self, operation: QObject) -> None:
        if not self._holders:
            app = QCoreApplication.instance()
            if app is not None:
                app.installEventFilter(self)
        self._holders.add(id(operation))

    def allow(self, dialog: QWidget) -> None:
        self._allowed.append(dialog)

    def release(self, operation: QObject, dialog: QWidget | None) -> None:
        if dialog in self._allowed:
            self._allowed.remove(dialog)
        if id(operation) not in self._holders:
            return
        self._holders.discard(id(operation))
        if not self._holders:
            app = QCoreApplication.instance()
            if app is not None:
                app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in _USER_INPUT:
            return False
        if isinstance(watched, QWidget):
            window: object = watched.window()
        elif isinstance(watched, QWindow):
            window = watched
        else:
            return False
        for dialog in self._allowed:
            if window is dialog or window == dialog.windowHandle():
                return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # no shortcut fires; the key press that follows is held back
        return True


_the_blocker: _InputBlocker | None = None


def input_blocker() -> _InputBlocker:
    global _the_blocker
    if _the_blocker is None or not shiboken6.isValid(_the_blocker):
        _the_blocker = _InputBlocker()
    return _the_blocker
