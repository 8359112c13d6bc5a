"""Integer rials: formatting in rial and toman, strict parsing, basis points and percentages."""

from __future__ import annotations

from decimal import Decimal

import babel
import babel.numbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.money import (
    MAX_AMOUNT,
    MINUS,
    PERSIAN_DECIMAL,
    PERSIAN_THOUSANDS,
    CurrencyUnit,
    basis_points_of,
    format_compact,
    format_money,
    format_number,
    format_percent,
    parse_amount,
    parse_percent,
    unit_label,
)

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

# --- formatting --------------------------------------------------------------------------


def test_rial_format():
    assert format_money(1_250_000) == "۱٬۲۵۰٬۰۰۰ ریال"
    assert format_money(1_250_000, CurrencyUnit.RIAL) == "۱٬۲۵۰٬۰۰۰ ریال"
    assert format_money(0) == "۰ ریال"
    assert format_money(999) == "۹۹۹ ریال"
    assert format_money(1000) == "۱٬۰۰۰ ریال"
    assert format_money(1_250_000, with_unit=False) == "۱٬۲۵۰٬۰۰۰"


def test_toman_format():
    assert format_money(1_250_000, CurrencyUnit.TOMAN) == "۱۲۵٬۰۰۰ تومان"
    assert format_money(10, CurrencyUnit.TOMAN) == "۱ تومان"
    assert format_money(0, CurrencyUnit.TOMAN) == "۰ تومان"


def test_toman_keeps_the_rial_remainder():
    assert format_money(1_250_005, CurrencyUnit.TOMAN) == "۱۲۵٬۰۰۰٫۵ تومان"
    assert format_money(7, CurrencyUnit.TOMAN) == "۰٫۷ تومان"
    assert format_money(12_345, CurrencyUnit.TOMAN, with_unit=False) == "۱٬۲۳۴٫۵"


def test_negative_amounts_carry_a_minus():
    assert format_money(-500) == MINUS + "۵۰۰ ریال"
    assert format_money(-1_250_000, CurrencyUnit.TOMAN) == MINUS + "۱۲۵٬۰۰۰ تومان"
    assert format_money(-15, CurrencyUnit.TOMAN) == MINUS + "۱٫۵ تومان"
    # Less than one toman: the sign used to vanish (−5 rials shown as ۰٫۵ tomans).
    assert format_money(-5, CurrencyUnit.TOMAN) == MINUS + "۰٫۵ تومان"


@pytest.mark.parametrize("bad", [12.5, 1e6, True, False, "1000", None])
def test_non_integers_are_refused_by_the_formatter(bad):
    with pytest.raises(TypeError):
        format_money(bad)


def test_format_number_and_labels():
    assert format_number(1234567) == "۱٬۲۳۴٬۵۶۷"
    assert format_number(-1000) == MINUS + "۱٬۰۰۰"
    assert unit_label(CurrencyUnit.RIAL) == "ریال"
    assert unit_label(CurrencyUnit.TOMAN) == "تومان"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=-MAX_AMOUNT, max_value=MAX_AMOUNT), st.sampled_from(CurrencyUnit))
def test_formatted_money_is_persian_digits_only(amount, unit):
    text = format_money(amount, unit, with_unit=False)
    assert set(text) <= set("۰۱۲۳۴۵۶۷۸۹٬٫" + MINUS)
    assert text.startswith(MINUS) == (amount < 0)
    assert text.count("٫") == (1 if unit is CurrencyUnit.TOMAN and amount % 10 else 0)


# --- parsing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("۱٬۲۵۰٬۰۰۰", 1_250_000),
        ("1,250,000", 1_250_000),
        ("1250000", 1_250_000),
        ("١٢٥٠٠٠٠", 1_250_000),
        (" ۱۲۵۰۰۰۰ ", 1_250_000),
        ("۱،۲۵۰،۰۰۰", 1_250_000),  # Arabic comma as a separator
        ("1 250 000", 1_250_000),
        ("٥٠٠٠", 5000),
        ("５０００", 5000),
        ("1۲3٤5", 12345),
        (str(MAX_AMOUNT), MAX_AMOUNT),
        ("1", 1),
    ],
)
def test_amounts_accepted(text, expected):
    value = parse_amount(text)
    assert value == expected and type(value) is int


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("0", "amount_zero"),
        ("000", "amount_zero"),
        ("-500", "amount_negative"),
        (MINUS + "500", "amount_negative"),
        ("12.5", "amount_not_integer"),
        ("12٫5", "amount_not_integer"),
        ("1e9", "amount_not_integer"),
        ("NaN", "amount_not_integer"),
        ("inf", "amount_not_integer"),
        ("-0", "amount_negative"),
        ("", "required"),
        ("   ", "required"),
        ("1_000", "amount_not_integer"),
        ("²", "amount_not_integer"),
        ("+500", "amount_not_integer"),
        ("0x10", "amount_not_integer"),
        ("9" * 5000, "amount_too_large"),
        (str(MAX_AMOUNT + 1), "amount_too_large"),
        ("1,000,000,000,000,001", "amount_too_large"),
        ("1,2,3", "amount_not_integer"),
        ("12,34", "amount_not_integer"),
        ("1,2345", "amount_not_integer"),
        (",100", "amount_not_integer"),
        ("100,", "amount_not_integer"),
        ("۱۲ ریال", "amount_not_integer"),
    ],
)
def test_bad_amounts_are_refused_with_a_code(text, code):
    with pytest.raises(ValidationError) as error:
        parse_amount(text, field="price")
    assert (error.value.field, error.value.code) == ("price", code)


def test_too_large_names_the_maximum():
    with pytest.raises(ValidationError) as error:
        parse_amount(str(10**15 + 1))
    assert error.value.params == {"maximum": MAX_AMOUNT}


def test_zero_allowed_when_asked():
    assert parse_amount("0", allow_zero=True) == 0
    with pytest.raises(ValidationError):
        parse_amount("-0", allow_zero=True)


def test_toman_input_is_stored_in_rials():
    assert parse_amount("۱۲۵٬۰۰۰", unit=CurrencyUnit.TOMAN) == 1_250_000
    assert parse_amount(str(MAX_AMOUNT // 10), unit=CurrencyUnit.TOMAN) == MAX_AMOUNT
    with pytest.raises(ValidationError) as error:
        parse_amount(str(MAX_AMOUNT // 10 + 1), unit=CurrencyUnit.TOMAN)
    assert error.value.code == "amount_too_large"


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=MAX_AMOUNT))
def test_format_then_parse_round_trips(amount):
    text = format_money(amount, with_unit=False)
    assert set(text) <= set("۰۱۲۳۴۵۶۷۸۹" + PERSIAN_THOUSANDS)
    assert parse_amount(text) == amount
    assert parse_amount(f"{amount:,}") == amount


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=MAX_AMOUNT // 10))
def test_whole_tomans_round_trip(tomans):
    rials = tomans * 10
    text = format_money(rials, CurrencyUnit.TOMAN, with_unit=False)
    assert parse_amount(text, unit=CurrencyUnit.TOMAN) == rials


# --- basis points and percentages --------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=MAX_AMOUNT), st.integers(min_value=0, max_value=10_000))
def test_basis_points_are_exact_integer_arithmetic(amount, bp):
    assert basis_points_of(amount, bp) == (amount * bp) // 10_000
    # negative amounts truncate toward zero, symmetric with the positive case
    assert basis_points_of(-amount, bp) == -((amount * bp) // 10_000)


def test_basis_points_beyond_float_precision():
    amount = 999_999_999_999_999
    assert basis_points_of(amount, 1) == 99_999_999_999
    assert basis_points_of(amount, 3_333) == 333_299_999_999_999
    assert basis_points_of(10_001, 1_000) == 1_000  # 1000.1 truncated
    assert basis_points_of(100, 10_000) == 100


@pytest.mark.parametrize(
    ("bp", "text"),
    [
        (0, "۰٪"),
        (1_250, "۱۲٫۵٪"),
        (1_000, "۱۰٪"),
        (1, "۰٫۰۱٪"),
        (905, "۹٫۰۵٪"),
        (10_000, "۱۰۰٪"),
        (-50, MINUS + "۰٫۵٪"),  # used to print −۱٫۵ (divmod of a negative)
    ],
)
def test_format_percent(bp, text):
    assert format_percent(bp) == text


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_percent_round_trip(bp):
    assert parse_percent(format_percent(bp), field="p") == bp
    assert parse_percent(format_percent(bp).removesuffix("٪"), field="p") == bp


@pytest.mark.parametrize(
    ("text", "bp"),
    [("۱۲٫۵", 1250), ("12.5%", 1250), ("9", 900), ("0", 0), ("100", 10_000), ("0.01", 1)],
)
def test_parse_percent_accepts(text, bp):
    assert parse_percent(text, field="p") == bp


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "percent_invalid"),
        ("abc", "percent_invalid"),
        ("100.001", "percent_invalid"),
        ("-5", "percent_invalid"),
        ("12.", "percent_invalid"),
        ("1e2", "percent_invalid"),
        ("101", "percent_out_of_range"),
        ("100.01", "percent_out_of_range"),
    ],
)
def test_parse_percent_refuses(text, code):
    with pytest.raises(ValidationError) as error:
        parse_percent(text, field="vat")
    assert (error.value.field, error.value.code) == ("vat", code)


# --- Babel: the one formatter's patterns and signs are the fa_IR locale's ----------------


def test_the_signs_are_babels_persian_ones():
    signs = babel.Locale.parse("fa_IR").number_symbols["arabext"]
    assert (signs["group"], signs["decimal"]) == (PERSIAN_THOUSANDS, PERSIAN_DECIMAL)
    assert MINUS == signs["minusSign"].replace("\u200e", "") == "\u2212"
    assert format_percent(100).endswith(signs["percentSign"])


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=-MAX_AMOUNT, max_value=MAX_AMOUNT))
def test_numbers_are_babels_fa_ir_decimal_format_in_persian_digits(value):
    babel_text = babel.numbers.format_decimal(value, locale="fa_IR", numbering_system="arabext")
    expected = babel_text.replace("-", MINUS).translate(PERSIAN_DIGITS)
    assert format_number(value) == expected
    assert format_money(value, with_unit=False) == expected


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=-10_000, max_value=10_000))
def test_percentages_are_babels_fa_ir_percent_format(basis_points):
    babel_text = babel.numbers.format_percent(
        Decimal(basis_points) / 10_000,
        "#,##0.##%",
        locale="fa_IR",
        numbering_system="arabext",
    )
    expected = babel_text.replace("-", MINUS).replace("%", "٪").translate(PERSIAN_DIGITS)
    assert format_percent(basis_points) == expected


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "۰"),
        (999, "۹۹۹"),
        (1000, "۱ هزار"),
        (1500, "۱٫۵ هزار"),
        (1_250_000, "۱٫۲ میلیون"),  # Babel rounds half to even
        (1_260_000, "۱٫۳ میلیون"),
        (2_500_000_000, "۲٫۵ میلیارد"),
        (-3_000_000, MINUS + "۳ میلیون"),
    ],
)
def test_compact_counts_in_words(value, text):
    assert format_compact(value) == text


def test_whole_numbers_and_rials_are_formatted_without_loading_babel():
    """The first view shows counts and rials: Babel's locale data (about 100 ms) must not be
    loaded for them (it was, through the layout of every integer)."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from hendazh_desktop.domain.money import CurrencyUnit, format_money, format_number\n"
        "assert format_number(-1234567) == '\\u2212۱٬۲۳۴٬۵۶۷'\n"
        "assert format_money(1_250_000, CurrencyUnit.TOMAN) == '۱۲۵٬۰۰۰ تومان'\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'babel'))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
