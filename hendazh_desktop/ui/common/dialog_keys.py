"""Enter in a dialog: it runs the primary action or nothing, never Cancel or Close."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QPushButton


def settle_default_button(dialog: QDialog, primary: QPushButton | None = None) -> None:
    """Make ``primary`` the dialog's one default button for good, and no other button a
    candidate. Qt's push buttons in a dialog are "auto-default": whichever one holds the focus
    becomes the default, so after a failed save that disabled the primary button for a moment
    (focus moved on to Cancel), Enter cancelled and threw the typed data away; a dialog with
    only Close made its first button the default, so Enter in a field closed it. Call this
    once the dialog's buttons exist."""
    for button in dialog.findChildren(QPushButton):
        button.setAutoDefault(False)
        if button is not primary:
            button.setDefault(False)
    if primary is not None:
        primary.setDefault(True)
