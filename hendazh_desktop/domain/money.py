"""Money and numbers: integer rials parsed strictly, shown with Babel's Persian formats."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, NewType

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.text import strip_bidi_controls, to_ascii_digits

if TYPE_CHECKING:
    from babel import Locale
    from babel.numbers import NumberPattern

Rials = NewType("Rials", int)

MAX_AMOUNT = 10**15  # one quadrillion rials: far above any real job, far below int64 overflow

PERSIAN_THOUSANDS = "٬"  # Babel's fa_IR signs (a test holds them equal); parsing reads them
PERSIAN_DECIMAL = "٫"
MINUS = "\u2212"  # Babel's minus without its LRM: the views and PDFs do their own bidi


@dataclass(frozen=True, slots=True)
class _FaNumbers:
    """Babel's Iranian number data: the locale, its parsed patterns and its signs."""

    locale: Locale
    decimal: NumberPattern  # #,##0.###
    percent: NumberPattern  # #,##0%
    to_persian: dict[int, str]  # Babel's ASCII digits, "-" and "%" to the Persian ones


@cache
def _fa() -> _FaNumbers:
    """The one number formatter's data. Babel gives Iran's patterns (grouping, decimals,
    percent, compact words) and the Persian numbering system's signs, but writes ASCII digits,
    "-" and "%"; they are mapped to the Persian ones here. Loaded on first use (the locale
    takes about 100 ms to load) and parsed once (Babel then costs about 35 µs a number)."""
    from babel import Locale
    from babel.numbers import parse_pattern

    locale = Locale.parse("fa_IR")
    signs = locale.number_symbols["arabext"]  # the Persian digits' system: ٬ ٫ ٪ −
    to_persian = str.maketrans(
        {
            **{str(d): "۰۱۲۳۴۵۶۷۸۹"[d] for d in range(10)},
            "-": strip_bidi_controls(signs["minusSign"]),
            "%": signs["percentSign"],
            "\u00a0": " ",  # compact forms join number and word with a no-break space
        }
    )
    return _FaNumbers(
        locale=locale,
        decimal=parse_pattern(locale.decimal_formats[None].pattern),
        percent=parse_pattern(locale.percent_formats[None].pattern),
        to_persian=to_persian,
    )


class CurrencyUnit(enum.StrEnum):
    """How amounts are displayed; they are always stored in rials."""

    RIAL = "rial"
    TOMAN = "toman"


_UNIT_LABEL = {CurrencyUnit.RIAL: "ریال", CurrencyUnit.TOMAN: "تومان"}
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+$", re.ASCII)
_PLAIN = re.compile(r"^\d+$", re.ASCII)


def prepare_formats() -> None:
    """Load Babel's Iranian number data now (about 100 ms, once per process): what needs it
    (percentages, decimal tomans, compact counts) then does not wait for it. Whole numbers
    and rials never need it."""
    _fa()


def unit_label(unit: CurrencyUnit) -> str:
    return _UNIT_LABEL[unit]


def _format_decimal(value: int | Decimal, *, percent: bool = False) -> str:
    """``value`` through Babel's fa_IR decimal or percent pattern, in Persian digits and signs."""
    fa = _fa()
    pattern = fa.percent if percent else fa.decimal
    text = pattern.apply(value, fa.locale, decimal_quantization=False, numbering_system="arabext")
    return text.translate(fa.to_persian)


# fa_IR's decimal pattern (#,##0.###) groups whole numbers by three: a whole number needs
# only str.format's grouping and the Persian signs, not Babel's locale data (about 100 ms to
# load, and the first view shows numbers). A test holds this equal to Babel's output.
_WHOLE_TO_PERSIAN = str.maketrans("0123456789,", "۰۱۲۳۴۵۶۷۸۹" + PERSIAN_THOUSANDS)


def format_number(value: int) -> str:
    """An integer with Persian digits and ٬ thousands separators (e.g. ۱٬۲۵۰٬۰۰۰)."""
    text = f"{abs(value):,}".translate(_WHOLE_TO_PERSIAN)
    return MINUS + text if value < 0 else text


def format_compact(value: int) -> str:
    """A large count in words, as a headline shows it (۱٫۲ میلیون); exact below a thousand."""
    from babel.numbers import format_compact_decimal

    fa = _fa()
    text = format_compact_decimal(
        value, format_type="long", locale=fa.locale, fraction_digits=1, numbering_system="arabext"
    )
    return text.translate(fa.to_persian)


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
        # Exact decimal tomans through Babel's pattern: −5 rials is −۰٫۵ tomans, not ۰٫۵.
        text = (
            format_number(amount // 10)
            if amount % 10 == 0
            else _format_decimal(Decimal(amount).scaleb(-1))
        )
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
    return _format_decimal(Decimal(basis_points).scaleb(-4), percent=True)


def parse_percent(text: str, *, field: str) -> int:
    """A typed percentage (0–100, up to two decimals, any digit script) into basis points."""
    raw = (
        to_ascii_digits(text.strip())
        .replace(PERSIAN_DECIMAL, ".")
        .replace("٪", "")
        .replace("%", "")
    )
    raw = raw.strip()
    match = re.fullmatch(r"(\d{1,3})(?:\.(\d{1,2}))?", raw, re.ASCII)
    if not match:
        raise ValidationError(field, "percent_invalid")
    value = int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))
    if value > 10_000:
        raise ValidationError(field, "percent_out_of_range")
    return value
