"""Iranian identity numbers: national code, postal code, legal national ID, economic code."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.identity import (
    national_code_checksum_ok,
    parse_economic_code,
    parse_legal_national_id,
    parse_national_code,
    parse_postal_code,
)

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _check_digit(body: str) -> int:
    """The national-code check digit, written out independently of the module."""
    total = sum(int(body[i]) * (10 - i) for i in range(9))
    r = total % 11
    return r if r < 2 else 11 - r


# --- national code -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "0076229645",
        "۰۰۷۶۲۲۹۶۴۵",
        "٠٠٧٦٢٢٩٦٤٥",
        "007-622964-5",
        " 0076 229 645 ",
        "\u202a0076229645\u202c",  # pasted from right-to-left text
    ],
)
def test_valid_national_code_in_any_form(text):
    assert parse_national_code(text) == "0076229645"


@pytest.mark.parametrize("last", [d for d in "0123456789" if d != "5"])
def test_wrong_check_digit_is_refused(last):
    with pytest.raises(ValidationError) as error:
        parse_national_code("007622964" + last, field="nc")
    assert (error.value.field, error.value.code) == ("nc", "national_code_invalid")


@pytest.mark.parametrize("digit", list("0123456789"))
def test_repeated_digit_codes_pass_the_checksum_but_are_refused(digit):
    code = digit * 10
    assert national_code_checksum_ok(code)  # the reason they need their own rule
    with pytest.raises(ValidationError) as error:
        parse_national_code(code)
    assert error.value.code == "national_code_invalid"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("007622964", "national_code_length"),  # 9 digits
        ("00762296450", "national_code_length"),  # 11 digits
        ("۰۰۷۶۲۲۹۶۴", "national_code_length"),
        ("007622964a", "national_code_length"),
        ("0076229645²", "national_code_length"),
        ("", "required"),
        (" - ", "required"),
    ],
)
def test_malformed_national_codes(text, code):
    with pytest.raises(ValidationError) as error:
        parse_national_code(text)
    assert error.value.code == code


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789", min_size=9, max_size=9), st.integers(0, 9))
def test_national_code_checksum_matches_the_rule(body, last):
    code = body + str(last)
    assert national_code_checksum_ok(code) == (last == _check_digit(body))
    if last == _check_digit(body) and len(set(code)) > 1:
        assert parse_national_code(code.translate(PERSIAN)) == code
    else:
        with pytest.raises(ValidationError):
            parse_national_code(code)


# --- postal code -------------------------------------------------------------------------


def _postal_ok(code: str) -> bool:
    """Iran Post's rule as the module implements it, spelled out digit by digit."""
    return "2" not in code and "0" not in code[:5] and code[4] != "5" and len(set(code[:4])) > 1


@pytest.mark.parametrize("text", ["7134845678", "۷۱۳۴۸۴۵۶۷۸", "71348-45678", "1311111111"])
def test_valid_postal_codes(text):
    expected = text.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")).replace("-", "")
    assert parse_postal_code(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("0134845678", "postal_code_invalid"),  # 0 in the first five
        ("7134045678", "postal_code_invalid"),
        ("7222245678", "postal_code_invalid"),  # 2 in the first five
        ("7134845628", "postal_code_invalid"),  # 2 in the last five
        ("7134545678", "postal_code_invalid"),  # fifth digit 5
        ("1111111111", "postal_code_invalid"),  # four equal digits at the start
        ("7777145678", "postal_code_invalid"),
        ("71348456", "postal_code_length"),
        ("713484567890", "postal_code_length"),
        ("", "required"),
    ],
)
def test_bad_postal_codes(text, code):
    with pytest.raises(ValidationError) as error:
        parse_postal_code(text, field="postal")
    assert (error.value.field, error.value.code) == ("postal", code)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_postal_code_rule(code):
    if _postal_ok(code):
        assert parse_postal_code(code.translate(ARABIC)) == code
    else:
        with pytest.raises(ValidationError) as error:
            parse_postal_code(code)
        assert error.value.code == "postal_code_invalid"


# --- legal national ID and economic code -------------------------------------------------


def test_legal_national_id():
    assert parse_legal_national_id("10380284790") == "10380284790"
    assert parse_legal_national_id("۱۰۳۸۰۲۸۴۷۹۰") == "10380284790"
    for bad, code in (
        ("10380284791", "legal_id_invalid"),
        ("11111111111", "legal_id_invalid"),
        ("1038028479", "legal_id_length"),
        ("", "required"),
    ):
        with pytest.raises(ValidationError) as error:
            parse_legal_national_id(bad)
        assert error.value.code == code


def test_economic_code():
    assert parse_economic_code("411111111111") == "411111111111"
    assert parse_economic_code("۱۰۳۸۰۲۸۴۷۹۰") == "10380284790"
    for bad, code in (
        ("123456789", "economic_code_invalid"),
        ("123456789012345", "economic_code_invalid"),
        ("4444444444", "economic_code_invalid"),
        ("41111111111x", "economic_code_invalid"),
        ("", "required"),
    ):
        with pytest.raises(ValidationError) as error:
            parse_economic_code(bad)
        assert error.value.code == code
    assert re.fullmatch(r"\d{10,14}", parse_economic_code("12345678901234"))
