"""Iranian phone numbers in any digit script and layout, normalised to one stored form."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.text import strip_bidi_controls, to_ascii_digits, to_persian_digits

DEFAULT_AREA_CODE = "71"  # Shiraz, Fars: an 8-digit number typed alone is local

# Two-digit landline area codes of Iran's provinces.
AREA_CODES = frozenset(
    [
        "11",
        "13",
        "17",
        "21",
        "23",
        "24",
        "25",
        "26",
        "28",
        "31",
        "34",
        "35",
        "38",
        "41",
        "44",
        "45",
        "51",
        "54",
        "56",
        "58",
        "61",
        "66",
        "71",
        "74",
        "76",
        "77",
        "81",
        "83",
        "84",
        "86",
        "87",
    ]
)

_ALLOWED = re.compile(r"^\+?[\d\s\-().]+$", re.ASCII)


class PhoneKind(enum.StrEnum):
    """Mobile or landline."""

    MOBILE = "mobile"
    LANDLINE = "landline"


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
    elif digits.startswith("98") and len(digits) == 12:
        digits = "0" + digits[2:]
    if len(digits) == 10 and digits[0] == "9":
        digits = "0" + digits
    elif len(digits) == 8 and digits[0] != "0":
        digits = "0" + DEFAULT_AREA_CODE + digits
    if len(digits) != 11 or digits[0] != "0":
        raise ValidationError(field, "phone_length")
    if digits[1] == "9":
        return PhoneNumber(digits, PhoneKind.MOBILE)
    if digits[1:3] in AREA_CODES and digits[3] not in "01":
        return PhoneNumber(digits, PhoneKind.LANDLINE)
    raise ValidationError(field, "phone_invalid")


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
