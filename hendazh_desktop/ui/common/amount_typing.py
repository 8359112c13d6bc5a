"""Amounts shown as they are typed: Persian digits grouped with «٬» (۱٬۲۵۰٬۰۰۰)."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QLineEdit

from hendazh_desktop.domain.money import format_number
from hendazh_desktop.domain.text import to_ascii_digits

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
