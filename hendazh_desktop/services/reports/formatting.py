"""A report's values as the screen and the PDF show them (Persian digits, Jalali days) and as
export cells (numbers stay numbers, days become Jalali text)."""

from __future__ import annotations

import datetime as dt

from hendazh_desktop.domain.jalali import format_date
from hendazh_desktop.domain.money import format_number
from hendazh_desktop.domain.text import to_persian_digits
from hendazh_desktop.reports.sheets import Cell
from hendazh_desktop.services.exports.database import jalali_text
from hendazh_desktop.services.reports.records import ColumnKind, Value

NUMERIC = frozenset({ColumnKind.MONEY, ColumnKind.COUNT, ColumnKind.PERCENT, ColumnKind.SCORE})


def shown(value: Value, kind: ColumnKind) -> str:
    """A value as the screen and the PDF show it (Persian digits, Jalali days)."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, bool):
        return "بله" if value else "خیر"
    if kind is ColumnKind.PERCENT and isinstance(value, int | float):
        return to_persian_digits(f"{value:.1f}").replace(".", "٫") + "٪"
    if kind is ColumnKind.SCORE and isinstance(value, int | float):
        return to_persian_digits(f"{value:.2f}").replace(".", "٫")
    if isinstance(value, int):
        return format_number(value)
    if isinstance(value, float):
        return format_number(round(value))
    return str(value)


def cell(value: Value) -> Cell:
    """A value as an export cell."""
    if isinstance(value, dt.date):
        return jalali_text(value)
    return value
