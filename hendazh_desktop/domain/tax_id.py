"""The national taxpayers' system (سامانه مودیان): the memory ID, the service ID and the
22-character tax number of an invoice, with its Verhoeff check digit.

The tax number, per the system's published rule (the official SDKs do the same):

    memory ID (6) + days since 1970-01-01 UTC in hex (5) + serial in hex (10) + check digit (1)

The check digit is Verhoeff's over the decimal form: the memory ID with each letter replaced by
its ASCII code (A → 65 … Z → 90, digits kept), the days as 6 decimal digits, the serial as 12.
The day is that of the invoice's moment of issue (``indatim``) counted in UTC.
"""

from __future__ import annotations

import datetime as dt
import re

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.text import to_ascii_digits

TAX_NUMBER_LENGTH = 22
MAX_SERIAL = 16**10 - 1
_MEMORY_ID = re.compile(r"^[A-Z0-9]{6}$")
_SERVICE_ID = re.compile(r"^[0-9]{13}$")
_TAX_NUMBER = re.compile(r"^[A-Z0-9]{6}[0-9A-F]{15}[0-9]$")
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

# Verhoeff's tables: the dihedral group D5, the position permutation and the inverse.
_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8),
    (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2),
    (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0),
    (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5),
    (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)
_INV = (0, 4, 3, 2, 1, 5, 6, 7, 8, 9)


def _verhoeff(digits: str, offset: int) -> int:
    c = 0
    for i, ch in enumerate(reversed(digits)):
        c = _D[c][_P[(i + offset) % 8][int(ch)]]
    return c


def verhoeff_digit(digits: str) -> int:
    """The Verhoeff check digit to append to a string of decimal digits."""
    if not digits.isascii() or not digits.isdigit():
        raise ValueError("Verhoeff works on decimal digits")
    return _INV[_verhoeff(digits, 1)]


def verhoeff_valid(digits: str) -> bool:
    """Whether a string of digits ends with its correct Verhoeff check digit."""
    return digits.isascii() and digits.isdigit() and _verhoeff(digits, 0) == 0


def parse_memory_id(text: str, *, field: str = "tax_memory_id") -> str:
    """The taxpayer's memory ID (شناسه یکتای حافظه مالیاتی): six letters or digits."""
    value = to_ascii_digits(text.strip()).upper()
    if not _MEMORY_ID.match(value):
        raise ValidationError(field, "tax_memory_id_invalid")
    return value


def parse_service_id(text: str, *, field: str = "tax_service_id") -> str:
    """A service's 13-digit ID in the system's catalogue (شناسه کالا/خدمت)."""
    value = to_ascii_digits(text.strip()).replace(" ", "").replace("-", "")
    if not _SERVICE_ID.match(value):
        raise ValidationError(field, "tax_service_id_invalid")
    return value


def days_since_epoch(moment: dt.datetime) -> int:
    """Whole UTC days from 1970-01-01 to ``moment`` (as the system counts an invoice's day)."""
    if moment.tzinfo is None:
        raise ValueError("a tax number needs an aware moment")
    return (moment - EPOCH) // dt.timedelta(days=1)


def _decimal_memory_id(memory_id: str) -> str:
    return "".join(ch if ch.isdigit() else str(ord(ch)) for ch in memory_id)


def tax_number(memory_id: str, issued_at: dt.datetime, serial: int) -> str:
    """The 22-character tax number (شماره منحصربه‌فرد مالیاتی) of the invoice with this serial
    issued at this moment under this memory ID."""
    if not _MEMORY_ID.match(memory_id):
        raise ValueError(f"not a memory ID: {memory_id!r}")
    if not 0 < serial <= MAX_SERIAL:
        raise ValueError(f"a serial is 1 to {MAX_SERIAL}")
    days = days_since_epoch(issued_at)
    check = verhoeff_digit(f"{_decimal_memory_id(memory_id)}{days:06d}{serial:012d}")
    return f"{memory_id}{days:05X}{serial:010X}{check}"


def tax_number_valid(number: str) -> bool:
    """Whether a tax number is well formed and its check digit right."""
    if not _TAX_NUMBER.match(number):
        return False
    memory_id, days, serial = number[:6], int(number[6:11], 16), int(number[11:21], 16)
    decimal = f"{_decimal_memory_id(memory_id)}{days:06d}{serial:012d}{number[21]}"
    return verhoeff_valid(decimal)


def internal_serial(number: str) -> str:
    """The invoice serial part (``inno``: 10 hex digits) of a tax number."""
    return number[11:21]
