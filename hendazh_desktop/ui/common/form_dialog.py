"""A small form dialog: labelled fields with errors beside them, and one submit call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.errors import DomainError
from hendazh_desktop.ui.common.dialog_keys import settle_default_button
from hendazh_desktop.ui.common.field_errors import FieldErrors, error_label
from hendazh_desktop.ui.messages import error_message
from hendazh_desktop.ui.ops import run_op

W = TypeVar("W", bound=QWidget)


def latin_line(*, password: bool = False) -> QLineEdit:
    """A left-to-right field for user names and passwords inside a right-to-left dialog."""
    edit = QLineEdit()
    edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    if password:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class FormDialog(QDialog):
    """Subclasses add fields, then call ``finish_layout``; OK runs ``action``."""

    def __init__(
        self,
        *,
        title: str,
        action: Callable[[], Any],
        intro: str = "",
        ok_text: str = "تأیید",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._action = action
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.errors = FieldErrors()
        self.result_value: Any = None
        self._layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro)
            label.setWordWrap(True)
            self._layout.addWidget(label)
        self.form = QFormLayout()
        self._layout.addLayout(self.form)
        self.general_error = QLabel()
        self.general_error.setObjectName("general_error")
        self.general_error.setWordWrap(True)
        self.general_error.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.general_error.setVisible(False)
        self._layout.addWidget(self.general_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(ok_text)
        ok.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._first: QWidget | None = None

    def add_field(self, field: str, label: str, widget: W) -> W:
        error = error_label()
        box = QVBoxLayout()
        box.setSpacing(1)
        box.addWidget(widget)
        box.addWidget(error)
        self.form.addRow(label, box)
        self.errors.register(field, widget, error)
        if self._first is None:
            self._first = widget
            widget.setFocus()
        return widget

    def finish_layout(self) -> None:
        self._layout.addWidget(self.buttons)
        settle_default_button(self, self.buttons.button(QDialogButtonBox.StandardButton.Ok))
        if self._first is not None:
            self._first.setFocus()

    def submit(self) -> None:
        self.general_error.setVisible(False)
        outcome = run_op(self, lambda: (self._action(),), on_error=self._on_error)
        if outcome is not None:
            self.result_value = outcome[0]
            self.accept()

    def _on_error(self, error: DomainError) -> bool:
        if self.errors.show(error):
            self.fit_height()
            return True
        self.show_general_error(error_message(error))
        return True

    def show_general_error(self, text: str) -> None:
        self.general_error.setText(text)
        self.general_error.setVisible(True)
        self.fit_height()

    def fit_height(self) -> None:
        """Grow to fit messages that just appeared: wrapped labels (the intro) need their
        height for the current width, which the layout's minimum size does not include."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = self.heightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)
