"""Persian text normalisation and integer money (with property tests)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.money import (
    MAX_AMOUNT,
    CurrencyUnit,
    basis_points_of,
    format_money,
    format_percent,
    parse_amount,
    parse_percent,
)
from hendazh_desktop.domain.text import (
    BIDI_CONTROLS,
    ZWNJ,
    normalize_display,
    search_key,
    to_ascii_digits,
)

persian_text = st.text(
    alphabet=st.sampled_from(
        [
            *list("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكة ۰۱۲۳٤٥0123ـً"),
            ZWNJ,
            "\u202e",
            "\u200f",
            " ",
            "\n",
        ]
    ),
    max_size=40,
)


def test_arabic_letters_become_persian_and_zwnj_is_kept():
    assert normalize_display("علي كريمي") == "علی کریمی"
    assert normalize_display("محمد\u200c\u200cرضا ") == "محمد\u200cرضا"
    assert normalize_display("\u200cرضا\u200c") == "رضا"


def test_presentation_forms_fold_and_bidi_controls_go():
    assert normalize_display("\ufeb3\ufefc\ufee1") == "سلام"
    assert normalize_display("مبلغ: \u202e0001\u202c ریال") == "مبلغ: 0001 ریال"
    assert normalize_display("a\x00b\x07c") == "abc"


def test_search_key_matches_spelling_variants():
    assert search_key("علي") == search_key("علی") == search_key("عــلی")
    assert search_key("آرش") == search_key("ارش")
    assert search_key("محمد\u200cرضا") == search_key("محمدرضا")
    assert search_key("۰۹۱۲ ٣٤٥") == "0912 345"
    assert search_key("لطفاً") == search_key("لطفا")


@settings(max_examples=600, deadline=None)
@given(persian_text)
def test_normalisation_is_idempotent_and_clean(text):
    once = normalize_display(text)
    assert normalize_display(once) == once
    assert search_key(search_key(text)) == search_key(text)
    assert search_key(once) == search_key(text)
    assert not set(once) & set(BIDI_CONTROLS)
    assert not set(search_key(text)) & set(BIDI_CONTROLS + ZWNJ)


def test_money_formats_in_persian_rial_and_toman():
    assert format_money(1_250_000) == "۱٬۲۵۰٬۰۰۰ ریال"
    assert format_money(1_250_000, CurrencyUnit.TOMAN) == "۱۲۵٬۰۰۰ تومان"
    assert format_money(1_250_005, CurrencyUnit.TOMAN) == "۱۲۵٬۰۰۰٫۵ تومان"
    assert format_money(-500).startswith("\u2212")
    with pytest.raises(TypeError):
        format_money(12.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_money(True)


@pytest.mark.parametrize("text", ["۱٬۲۵۰٬۰۰۰", "1,250,000", "1250000", "١٢٥٠٠٠٠", " ۱۲۵۰۰۰۰ "])
def test_amounts_in_any_script(text):
    assert parse_amount(text) == 1_250_000


def test_fullwidth_and_arabic_digits():
    assert parse_amount("٥٠٠٠") == 5000
    assert parse_amount("５０００") == 5000


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("0", "amount_zero"),
        ("-500", "amount_negative"),
        ("12.5", "amount_not_integer"),
        ("1e9", "amount_not_integer"),
        ("NaN", "amount_not_integer"),
        ("-0", "amount_negative"),
        ("", "required"),
        ("1_000", "amount_not_integer"),
        ("²", "amount_not_integer"),
        ("9" * 5000, "amount_too_large"),
        (str(MAX_AMOUNT + 1), "amount_too_large"),
        ("1,2,3", "amount_not_integer"),
        ("12,34", "amount_not_integer"),
    ],
)
def test_bad_amounts_are_refused(text, code):
    with pytest.raises(ValidationError) as error:
        parse_amount(text, field="price")
    assert error.value.code == code and error.value.field == "price"


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=MAX_AMOUNT))
def test_format_then_parse_round_trips(amount):
    assert parse_amount(format_money(amount, with_unit=False)) == amount


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=MAX_AMOUNT), st.integers(min_value=0, max_value=10_000))
def test_basis_points_are_exact_integer_arithmetic(amount, bp):
    assert basis_points_of(amount, bp) == amount * bp // 10_000
    assert basis_points_of(-amount, bp) == -(amount * bp // 10_000)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10_000))
def test_percent_round_trip(bp):
    assert parse_percent(format_percent(bp), field="p") == bp


def test_percent_refusals():
    for text in ("", "abc", "100.001", "101", "-5"):
        with pytest.raises(ValidationError):
            parse_percent(text, field="p")
    assert parse_percent("۱۲٫۵", field="p") == 1250
    assert to_ascii_digits("۱۲٫۵") == "12٫5"
