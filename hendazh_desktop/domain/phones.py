"""Iranian phone numbers in any digit script and layout, normalised to one stored form.

The layouts, digit scripts, the Shiraz default and one stricter rule are ours; whether a number
exists, mobile or landline, and its national form come from ``phonenumbers`` (Google's data).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.text import strip_bidi_controls, to_ascii_digits, to_persian_digits

DEFAULT_AREA_CODE = "71"  # Shiraz, Fars: an 8-digit number typed alone is local

_ALLOWED = re.compile(r"^\+?[\d\s\-().]+$", re.ASCII)
IRAN = 98


class PhoneKind(enum.StrEnum):
    """Mobile or landline."""

    MOBILE = "mobile"
    LANDLINE = "landline"


_KINDS = {PhoneNumberType.MOBILE: PhoneKind.MOBILE, PhoneNumberType.FIXED_LINE: PhoneKind.LANDLINE}


@dataclass(frozen=True, slots=True)
class PhoneNumber:
    """A valid Iranian number in its stored national form (11 digits, leading 0)."""

    number: str
    kind: PhoneKind

    def display(self) -> str:
        """۰۹۱۲۱۲۳۴۵۶۷ in Persian digits (spaces between Arabic-Indic digit groups would be
        reordered by the bidi algorithm inside right-to-left text)."""
        return to_persian_digits(self.number)


def _clean(text: str) -> str:
    """ASCII digits, single ASCII spaces, no bidi marks: a number copied from a right-to-left
    screen often arrives wrapped in U+202A…U+202C or U+200E, or with no-break spaces."""
    return re.sub(r"\s+", " ", to_ascii_digits(strip_bidi_controls(text))).strip()


def parse_phone(text: str, *, field: str = "phone") -> PhoneNumber:
    """Accept 09121234567, ۰۹۱۲۱۲۳۴۵۶۷, +98 912 123 4567, 0098-912-…, 9121234567, 071-3227-4517,
    or an 8-digit Shiraz number; refuse anything else with a field error."""
    raw = _clean(text)
    if not raw:
        raise ValidationError(field, "required")
    if not _ALLOWED.match(raw):
        raise ValidationError(field, "phone_invalid")
    plus = raw.startswith("+")
    digits = re.sub(r"\D", "", raw)
    if plus:
        if not digits.startswith("98"):
            raise ValidationError(field, "phone_not_iranian")
        digits = "0" + digits[2:]
    elif digits.startswith("0098"):
        digits = "0" + digits[4:]
    elif digits.startswith("00"):
        raise ValidationError(field, "phone_not_iranian")  # 00 dials out of Iran
    elif digits.startswith("98") and len(digits) == 12:
        digits = "0" + digits[2:]
    if len(digits) == 10 and digits[0] == "9":
        digits = "0" + digits
    elif len(digits) == 8 and digits[0] != "0":
        digits = "0" + DEFAULT_AREA_CODE + digits
    if len(digits) != 11 or digits[0] != "0":
        raise ValidationError(field, "phone_length")
    number = phonenumbers.PhoneNumber(country_code=IRAN, national_number=int(digits[1:]))
    kind = _KINDS.get(phonenumbers.number_type(number))  # UNKNOWN when the range is unassigned
    # Stricter than the numbering plan: a local number starting with 0 (the trunk prefix typed
    # twice) or 1 (service codes) is a typing slip, never a subscriber's line.
    if kind is None or (kind is PhoneKind.LANDLINE and digits[3] in "01"):
        raise ValidationError(field, "phone_invalid")
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)  # 0912 123 4567
    return PhoneNumber(re.sub(r"\D", "", national), kind)


def phone_query_digits(text: str) -> str:
    """The digits of a partly typed phone, as they would appear in the stored form.

    ``+98 917`` → ``0917``; ``۰۹۱۷ ۱۲`` → ``091712``. Used for fragment search.
    """
    raw = _clean(text)
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+98"):
        return "0" + digits[2:]
    if digits.startswith("0098"):
        return "0" + digits[4:]
    return digits
