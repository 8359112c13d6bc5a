"""Shows each rejected field's Persian message right beside it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from hendazh_desktop.domain.errors import DomainError, ValidationError, ValidationErrors
from hendazh_desktop.ui.messages import error_message

ERROR_STYLE = "color: #b3261e;"
INVALID_PROPERTY = "invalid"


def error_label() -> QLabel:
    """A hidden red label that sits under a field until that field is rejected."""
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


class FieldErrors:
    """Maps service field names (e.g. ``name``, ``phone:0``) to a widget and its error label."""

    def __init__(self) -> None:
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    def register(self, field: str, widget: QWidget, label: QLabel) -> None:
        self._fields[field] = (widget, label)
        # A message about a value the user is now correcting is stale: it goes at the first
        # change (the service judges the new value on the next save).
        edited = getattr(widget, "textEdited", None) or getattr(widget, "textChanged", None)
        if edited is not None:
            edited.connect(lambda *_a, w=widget, lab=label: self._forget(w, lab))

    def _forget(self, widget: QWidget, label: QLabel) -> None:
        if not label.isHidden():
            label.clear()
            label.setVisible(False)
            self._mark(widget, False)

    def unregister_prefix(self, prefix: str) -> None:
        for key in [k for k in self._fields if k.startswith(prefix)]:
            del self._fields[key]

    def clear(self) -> None:
        for widget, label in self._fields.values():
            label.clear()
            label.setVisible(False)
            self._mark(widget, False)

    def show(self, error: DomainError) -> bool:
        """Show every field error that has a place in this form; True if all of them had one.

        The first rejected field gets the keyboard focus.
        """
        self.clear()
        errors = error.errors if isinstance(error, ValidationErrors) else [error]
        shown_all = True
        first: QWidget | None = None
        for item in errors:
            target = self._fields.get(item.field) if isinstance(item, ValidationError) else None
            if target is None:
                shown_all = False
                continue
            widget, label = target
            label.setText(error_message(item))
            label.setVisible(True)
            self._mark(widget, True)
            first = first or widget
        if first is not None:
            first.setFocus()
        return shown_all

    def message(self, field: str) -> str:
        """The text currently shown for a field ("" when none): used by tests."""
        target = self._fields.get(field)
        return target[1].text() if target and not target[1].isHidden() else ""

    @staticmethod
    def _mark(widget: QWidget, invalid: bool) -> None:
        widget.setProperty(INVALID_PROPERTY, invalid)
        widget.setStyleSheet("border: 1px solid #b3261e;" if invalid else "")
