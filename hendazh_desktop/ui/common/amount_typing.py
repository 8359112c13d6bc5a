"""Amounts shown as they are typed: Persian digits grouped with «٬» (۱٬۲۵۰٬۰۰۰)."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from hendazh_desktop.domain.money import format_number
from hendazh_desktop.domain.text import to_ascii_digits, to_persian_digits

# what an amount being typed may hold: digits of any script and the usual separators
_TYPED = re.compile(r"[0-9\u06f0-\u06f9\u0660-\u0669,\u066c\u060c٬ ]*")


def group_as_typed(edit: QLineEdit) -> None:
    """Regroup ``edit``'s digits at each keystroke, keeping the cursor after the same digit.
    Anything that is not an amount (a letter, a sign, a decimal point) is left as typed for
    the service to refuse with its message."""

    def regroup(text: str) -> None:
        if not text or not _TYPED.fullmatch(text):
            return
        digits = re.sub(r"\D", "", to_ascii_digits(text))
        if not digits or len(digits) > 18:
            return
        before_cursor = len(re.sub(r"\D", "", to_ascii_digits(text[: edit.cursorPosition()])))
        grouped = format_number(int(digits))
        if grouped == text:
            return
        edit.setText(grouped)
        seen = position = 0
        while position < len(grouped) and seen < before_cursor:
            if grouped[position].isdigit():
                seen += 1
            position += 1
        edit.setCursorPosition(position)

    edit.textEdited.connect(regroup)


def persian_as_typed(edit: QLineEdit) -> None:
    """Show the digits of a number being typed (a quantity) in Persian, ungrouped."""

    def convert(text: str) -> None:
        shown = to_persian_digits(text)
        if shown != text:
            position = edit.cursorPosition()
            edit.setText(shown)
            edit.setCursorPosition(position)

    edit.textEdited.connect(convert)


class TypedNumberDelegate(QStyledItemDelegate):
    """A table cell edited as an amount (grouped with «٬») or a count, in Persian digits."""

    def __init__(self, *, grouped: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grouped = grouped

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QLineEdit(parent)
        (group_as_typed if self._grouped else persian_as_typed)(editor)
        return editor
