"""Phones, national codes, postal codes and subscription codes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.identity import (
    parse_legal_national_id,
    parse_national_code,
    parse_postal_code,
)
from hendazh_desktop.domain.phones import PhoneKind, parse_phone, phone_query_digits
from hendazh_desktop.domain.subscription_code import (
    damm_digit,
    looks_like_code,
    make_code,
    parse_code,
)

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.mark.parametrize(
    "text",
    [
        "09121234567",
        "۰۹۱۲۱۲۳۴۵۶۷",
        "+98 912 123 4567",
        "0098-912-123-4567",
        "9121234567",
        "٠٩١٢١٢٣٤٥٦٧",
        "(0912) 123-4567",
    ],
)
def test_mobile_forms_are_one_number(text):
    phone = parse_phone(text)
    assert phone.number == "09121234567" and phone.kind is PhoneKind.MOBILE


@pytest.mark.parametrize("text", ["071-3227-4517", "+98 71 3227 4517", "32274517", "۰۷۱۳۲۲۷۴۵۱۷"])
def test_landlines_with_area_code(text):
    phone = parse_phone(text)
    assert phone.number == "07132274517" and phone.kind is PhoneKind.LANDLINE


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("0912123456", "phone_length"),
        ("091212345678", "phone_length"),
        ("+1 202 555 0100", "phone_not_iranian"),
        ("", "required"),
        ("abc", "phone_invalid"),
        ("0012345678901", "phone_length"),
        ("07012345678", "phone_invalid"),
        ("0912-123-456a", "phone_invalid"),
    ],
)
def test_bad_phones(text, code):
    with pytest.raises(ValidationError) as error:
        parse_phone(text, field="phone:0")
    assert (error.value.field, error.value.code) == ("phone:0", code)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=999_999_999),
    st.sampled_from([PERSIAN, ARABIC, None]),
    st.sampled_from(["", " ", "-"]),
)
def test_any_mobile_in_any_layout_normalises_to_itself(n, digits, sep):
    number = f"09{n:09d}"
    text = f"{number[:4]}{sep}{number[4:7]}{sep}{number[7:]}"
    if digits is not None:
        text = text.translate(digits)
    assert parse_phone(text).number == number


def test_query_digits_of_partial_phones():
    assert phone_query_digits("+98 917") == "0917"
    assert phone_query_digits("۰۹۱۷ ۱۲") == "091712"


def test_national_codes():
    assert parse_national_code("0076229645") == "0076229645"
    assert parse_national_code("۰۰۷۶۲۲۹۶۴۵") == "0076229645"
    for bad, code in (
        ("0076229646", "national_code_invalid"),
        ("007622964", "national_code_length"),
        ("00762296450", "national_code_length"),
    ):
        with pytest.raises(ValidationError) as error:
            parse_national_code(bad)
        assert error.value.code == code
    for digit in "0123456789":
        with pytest.raises(ValidationError):
            parse_national_code(digit * 10)


def test_postal_and_legal_ids():
    assert parse_postal_code("7134845678") == "7134845678"
    for bad in ("0134845678", "71348456", "7222245678", "1111111111"):
        with pytest.raises(ValidationError):
            parse_postal_code(bad)
    assert parse_legal_national_id("10380284790") == "10380284790"
    with pytest.raises(ValidationError):
        parse_legal_national_id("10380284791")


codes = st.integers(min_value=1_000_000, max_value=9_999_999).map(make_code)


@settings(max_examples=60, deadline=None)
@given(codes)
def test_every_single_digit_error_and_adjacent_swap_is_caught(code):
    assert len(code) == 8 and damm_digit(code) == 0 and looks_like_code(code)
    for i in range(8):
        for d in "0123456789":
            if d != code[i]:
                typo = code[:i] + d + code[i + 1 :]
                assert damm_digit(typo) != 0
    for i in range(7):
        if code[i] != code[i + 1]:
            swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
            assert damm_digit(swapped) != 0


def test_parse_code():
    code = make_code(4821573)
    assert parse_code(code.translate(PERSIAN)) == code
    with pytest.raises(ValidationError) as error:
        parse_code(code[:-1] + str((int(code[-1]) + 1) % 10))
    assert error.value.code == "code_check_digit"
    with pytest.raises(ValidationError):
        parse_code("1234")
