"""Multi-line text fields that read right to left (Qt's plain text edit lays them out left)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit


def persian_text_area(edit: QPlainTextEdit) -> QPlainTextEdit:
    """Lines start at the right, whatever their first letter («LG یخچال…» or «۱۲ عدد…»)."""
    option = edit.document().defaultTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    edit.document().setDefaultTextOption(option)
    return edit
