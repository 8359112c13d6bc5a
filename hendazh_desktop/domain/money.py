"""Money: integer rials, parsed strictly from any digit script and shown in rial or toman."""

from __future__ import annotations

import enum
import re
from typing import NewType

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.text import to_ascii_digits, to_persian_digits

Rials = NewType("Rials", int)

MAX_AMOUNT = 10**15  # one quadrillion rials: far above any real job, far below int64 overflow
PERSIAN_THOUSANDS = "٬"


class CurrencyUnit(enum.StrEnum):
    """How amounts are displayed; they are always stored in rials."""

    RIAL = "rial"
    TOMAN = "toman"


_UNIT_LABEL = {CurrencyUnit.RIAL: "ریال", CurrencyUnit.TOMAN: "تومان"}
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+$", re.ASCII)
_PLAIN = re.compile(r"^\d+$", re.ASCII)


def unit_label(unit: CurrencyUnit) -> str:
    return _UNIT_LABEL[unit]


def format_number(value: int) -> str:
    """An integer with Persian digits and ٬ thousands separators (e.g. ۱٬۲۵۰٬۰۰۰)."""
    grouped = f"{abs(value):,}".replace(",", PERSIAN_THOUSANDS)
    return ("\u2212" if value < 0 else "") + to_persian_digits(grouped)


def format_money(
    amount: int, unit: CurrencyUnit = CurrencyUnit.RIAL, *, with_unit: bool = True
) -> str:
    """The one money formatter: Persian digits, ٬ separators, rial or toman by setting.

    A toman is ten rials; an amount that is not a whole number of tomans keeps its rial
    remainder as a decimal (۱۲٬۵۰۰٫۵ تومان) so that nothing is silently rounded away.
    """
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError("money is an integer number of rials")
    if unit is CurrencyUnit.TOMAN:
        whole, rem = divmod(abs(amount), 10)
        # The sign goes on the whole text: −5 rials is −۰٫۵ tomans, not ۰٫۵.
        text = ("\u2212" if amount < 0 else "") + format_number(whole)
        if rem:
            text += "٫" + to_persian_digits(str(rem))
    else:
        text = format_number(amount)
    return f"{text} {_UNIT_LABEL[unit]}" if with_unit else text


def parse_amount(
    text: str,
    *,
    field: str = "amount",
    unit: CurrencyUnit = CurrencyUnit.RIAL,
    allow_zero: bool = False,
) -> Rials:
    """Parse a typed amount into rials, refusing anything that is not a plain whole number.

    Accepts Persian, Arabic-Indic, full-width or ASCII digits with optional ٬ or , grouping.
    Refuses negatives, decimals, exponents, NaN, underscores, superscripts, empty text and
    anything above ``MAX_AMOUNT``.
    """
    raw = to_ascii_digits(text.strip()).replace(PERSIAN_THOUSANDS, ",").replace("،", ",")
    raw = raw.replace(" ", "")
    if not raw:
        raise ValidationError(field, "required")
    if len(raw) > 25:
        raise ValidationError(field, "amount_too_large", maximum=MAX_AMOUNT)
    if raw.startswith(("-", "\u2212")):
        raise ValidationError(field, "amount_negative")
    if _GROUPED.match(raw):
        raw = raw.replace(",", "")
    elif not _PLAIN.match(raw):
        raise ValidationError(field, "amount_not_integer")
    value = int(raw) * (10 if unit is CurrencyUnit.TOMAN else 1)
    if value > MAX_AMOUNT:
        raise ValidationError(field, "amount_too_large", maximum=MAX_AMOUNT)
    if value == 0 and not allow_zero:
        raise ValidationError(field, "amount_zero")
    return Rials(value)


def basis_points_of(amount: int, basis_points: int) -> int:
    """``amount × basis_points / 10000`` truncated toward zero, in exact integer arithmetic."""
    product = amount * basis_points
    quotient = abs(product) // 10_000
    return quotient if product >= 0 else -quotient


def format_percent(basis_points: int) -> str:
    """Basis points as a Persian percentage (1250 → ۱۲٫۵٪)."""
    whole, frac = divmod(abs(basis_points), 100)  # abs: divmod(-50, 100) is (-1, 50)
    text = str(whole) + (("." + f"{frac:02d}".rstrip("0")) if frac else "")
    sign = "\u2212" if basis_points < 0 else ""
    return sign + to_persian_digits(text).replace(".", "٫") + "٪"


def parse_percent(text: str, *, field: str) -> int:
    """A typed percentage (0–100, up to two decimals, any digit script) into basis points."""
    raw = to_ascii_digits(text.strip()).replace("٫", ".").replace("٪", "").replace("%", "")
    raw = raw.strip()
    match = re.fullmatch(r"(\d{1,3})(?:\.(\d{1,2}))?", raw, re.ASCII)
    if not match:
        raise ValidationError(field, "percent_invalid")
    value = int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))
    if value > 10_000:
        raise ValidationError(field, "percent_out_of_range")
    return value
