"""Asks for the reason of a change (cancel, decline…); the service decides if it is enough."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from hendazh_desktop.domain.errors import DomainError
from hendazh_desktop.ui.common.dialog_keys import settle_default_button
from hendazh_desktop.ui.common.field_errors import FieldErrors, error_label
from hendazh_desktop.ui.ops import run_action


class ReasonDialog(QDialog):
    """A question, a reason field, and the call that uses the reason."""

    def __init__(
        self,
        *,
        title: str,
        question: str,
        action: Callable[[str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self._action = action
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("دلیل را بنویسید (الزامی)")
        self.error = error_label()
        self.errors = FieldErrors()
        self.errors.register("reason", self.reason, self.error)
        question_label = QLabel(question)
        question_label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        settle_default_button(self, buttons.button(QDialogButtonBox.StandardButton.Ok))
        self.reason.setFocus()

    def submit(self) -> None:
        text = self.reason.text()
        done = run_action(self, lambda: self._action(text), on_error=self._on_error)
        if done:
            self.accept()

    def _on_error(self, error: DomainError) -> bool:
        return self.errors.show(error)
