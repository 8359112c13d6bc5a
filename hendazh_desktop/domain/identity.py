"""Iranian identity numbers: national code (کد ملی) and postal code."""

from __future__ import annotations

import re

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.text import strip_bidi_controls, to_ascii_digits

_TEN_DIGITS = re.compile(r"^\d{10}$", re.ASCII)
# Iran Post: ten digits, never a 2, no 0 in the first five (the fifth is also never 5), and not
# four equal digits in a row at the start.
_POSTAL = re.compile(r"^(?!(\d)\1{3})[13-9]{4}[1346-9][013-9]{5}$", re.ASCII)


def _clean(text: str) -> str:
    return re.sub(r"[\s\-]", "", to_ascii_digits(strip_bidi_controls(text)))


def national_code_checksum_ok(code: str) -> bool:
    """The mod-11 check digit of a 10-digit national code."""
    digits = [int(c) for c in code]
    remainder = sum(d * (10 - i) for i, d in enumerate(digits[:9])) % 11
    expected = remainder if remainder < 2 else 11 - remainder
    return digits[9] == expected


def parse_national_code(text: str, *, field: str = "national_code") -> str:
    """A valid national code as 10 ASCII digits.

    The ten all-equal codes pass the checksum but are not issued: they are refused too.
    """
    code = _clean(text)
    if not code:
        raise ValidationError(field, "required")
    if not _TEN_DIGITS.match(code):
        raise ValidationError(field, "national_code_length")
    if len(set(code)) == 1 or not national_code_checksum_ok(code):
        raise ValidationError(field, "national_code_invalid")
    return code


def parse_postal_code(text: str, *, field: str = "postal_code") -> str:
    """A valid 10-digit postal code as ASCII digits."""
    code = _clean(text)
    if not code:
        raise ValidationError(field, "required")
    if not _TEN_DIGITS.match(code):
        raise ValidationError(field, "postal_code_length")
    if not _POSTAL.match(code):
        raise ValidationError(field, "postal_code_invalid")
    return code


_LEGAL_ID_WEIGHTS = (29, 27, 23, 19, 17, 29, 27, 23, 19, 17)


def parse_legal_national_id(text: str, *, field: str = "national_id") -> str:
    """The 11-digit national ID of a company (شناسه ملی اشخاص حقوقی), checksum verified."""
    code = _clean(text)
    if not code:
        raise ValidationError(field, "required")
    if not re.fullmatch(r"\d{11}", code, re.ASCII):
        raise ValidationError(field, "legal_id_length")
    digits = [int(c) for c in code]
    offset = digits[9] + 2
    remainder = sum((d + offset) * w for d, w in zip(digits[:10], _LEGAL_ID_WEIGHTS, strict=True))
    remainder %= 11
    if remainder == 10:
        remainder = 0
    if remainder != digits[10] or len(set(code)) == 1:
        raise ValidationError(field, "legal_id_invalid")
    return code


def parse_economic_code(text: str, *, field: str = "economic_code") -> str:
    """The economic code (کد اقتصادی): 10 to 14 digits (new codes equal the national ID)."""
    code = _clean(text)
    if not code:
        raise ValidationError(field, "required")
    if not re.fullmatch(r"\d{10,14}", code, re.ASCII) or len(set(code)) == 1:
        raise ValidationError(field, "economic_code_invalid")
    return code
