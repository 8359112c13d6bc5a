"""Subscription codes: seven digits and a Damm check digit, so a misheard code is caught.

The Damm algorithm detects every single-digit error and every swap of two adjacent digits,
the two mistakes people make when reading a number over the phone.
"""

from __future__ import annotations

import random
import re

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.text import strip_bidi_controls, to_ascii_digits, to_persian_digits

CODE_LENGTH = 8
BODY_MIN, BODY_MAX = 1_000_000, 9_999_999

_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)
_CODE = re.compile(r"^[1-9]\d{7}$", re.ASCII)


def damm_digit(digits: str) -> int:
    """The Damm check digit of a string of ASCII digits."""
    interim = 0
    for ch in digits:
        interim = _DAMM[interim][ord(ch) - 48]
    return interim


def make_code(body: int) -> str:
    """The full code for a 7-digit body."""
    if not BODY_MIN <= body <= BODY_MAX:
        raise ValueError("subscription code body out of range")
    text = str(body)
    return text + str(damm_digit(text))


def random_code(rng: random.Random) -> str:
    return make_code(rng.randint(BODY_MIN, BODY_MAX))


def _clean(text: str) -> str:
    """ASCII digits without spaces, dashes or bidi marks (pasted from right-to-left text)."""
    return re.sub(r"[\s\-]", "", to_ascii_digits(strip_bidi_controls(text)))


def looks_like_code(text: str) -> bool:
    """True if the text (any digit script, spaces allowed) is a well-formed, check-valid code."""
    code = _clean(text)
    return bool(_CODE.match(code)) and damm_digit(code) == 0


def parse_code(text: str, *, field: str = "subscription_code") -> str:
    """A typed subscription code, validated by its check digit."""
    code = _clean(text)
    if not code:
        raise ValidationError(field, "required")
    if not re.fullmatch(r"\d{8}", code, re.ASCII) or code[0] == "0":
        raise ValidationError(field, "code_format")
    if damm_digit(code) != 0:
        raise ValidationError(field, "code_check_digit")
    return code


def format_code(code: str) -> str:
    """The code in Persian digits, ungrouped: a separator between Arabic-Indic digits is
    reordered by the bidi algorithm inside right-to-left text."""
    return to_persian_digits(code)
