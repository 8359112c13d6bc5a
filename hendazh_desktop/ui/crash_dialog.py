"""The one dialog that reports an unexpected error, with the details and the log's location."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.masking import mask_passwords

log = logging.getLogger("hendazh.crash")


class CrashDialog(QDialog):
    """Tells the user something went wrong, without losing the technical details."""

    def __init__(self, details: str, log_file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("خطای پیش‌بینی‌نشده")
        layout = QVBoxLayout(self)
        text = (
            "متأسفانه خطایی پیش‌بینی‌نشده رخ داد. کاری که انجام می‌دادید ممکن است ذخیره "
            "نشده باشد؛ لطفاً آن را بررسی کنید."
        )
        if log_file is not None:
            text += f"\nجزئیات در پرونده گزارش ثبت شد:\n{log_file}"
        message = QLabel(text)
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(message)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.details.setMinimumSize(560, 200)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton("رونوشت جزئیات")
        copy.clicked.connect(self._on_copy_clicked)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


class CrashHandler:
    """``sys.excepthook`` replacement: log the exception, then show the crash dialog once."""

    def __init__(self, log_file: Path | None, *, show_dialog: bool = True) -> None:
        self.log_file = log_file
        self.show_dialog = show_dialog
        self._showing = False
        self.last_details = ""

    def install(self) -> None:
        sys.excepthook = self

    def __call__(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        details = mask_passwords("".join(traceback.format_exception(exc_type, exc, tb)))
        self.last_details = details
        log.error("unexpected error\n%s", details)
        if not self.show_dialog or self._showing:
            return
        self._showing = True
        try:
            CrashDialog(details, self.log_file).exec()
        finally:
            self._showing = False
