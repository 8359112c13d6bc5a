"""Typing helpers for UI tests: Persian text must be sent one character at a time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type any text (Persian included) as key presses; ``qtbot.keyClicks`` aborts on
    non-Latin text (see shared/recipes/PERSIAN.md)."""
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def press(
    widget: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    QTest.keyClick(widget, key, modifier)


def focus_and_press(widget: QWidget, key: Qt.Key = Qt.Key.Key_Space) -> None:
    """Give ``widget`` the focus, then press ``key`` on it (Space: a button or a radio)."""
    widget.setFocus()
    QTest.keyClick(widget, key)


def enter_dialog(dialog: QWidget) -> None:
    """Press Enter where the dialog's focus is, as a user confirming it does."""
    QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)
