"""Subscription codes: seven digits and a Damm check digit that catches every misheard digit."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.subscription_code import (
    _DAMM,
    BODY_MAX,
    BODY_MIN,
    CODE_LENGTH,
    damm_digit,
    format_code,
    looks_like_code,
    make_code,
    parse_code,
    random_code,
)

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
bodies = st.integers(min_value=BODY_MIN, max_value=BODY_MAX)


def _refused(text: str) -> bool:
    try:
        parse_code(text)
    except ValidationError as error:
        assert error.code in {"code_format", "code_check_digit"}
        return not looks_like_code(text)
    return False


def test_damm_table_is_a_totally_anti_symmetric_quasigroup():
    """The algebra behind the guarantee, for every code at once: each row and column is a
    permutation (single-digit errors change the result) and (c*x)*y == (c*y)*x only when
    x == y (adjacent swaps change it), with a zero diagonal."""
    digits = range(10)
    for row in _DAMM:
        assert sorted(row) == list(digits)
    for col in digits:
        assert sorted(_DAMM[r][col] for r in digits) == list(digits)
    assert all(_DAMM[i][i] == 0 for i in digits)
    for c, x, y in itertools.product(digits, repeat=3):
        if x != y:
            assert _DAMM[_DAMM[c][x]][y] != _DAMM[_DAMM[c][y]][x]


def test_known_damm_values():
    assert damm_digit("572") == 4  # the textbook example
    assert damm_digit("5724") == 0
    assert damm_digit("") == 0


@settings(max_examples=200, deadline=None)
@given(bodies)
def test_make_code_gives_eight_digits_that_check(body):
    code = make_code(body)
    assert len(code) == CODE_LENGTH and code.isascii() and code.isdigit()
    assert code[:7] == str(body) and code[0] != "0"
    assert damm_digit(code) == 0
    assert looks_like_code(code)
    assert parse_code(code) == code


@settings(max_examples=50, deadline=None)
@given(bodies)
def test_every_substitution_and_adjacent_swap_is_refused(body):
    code = make_code(body)
    for i, d in itertools.product(range(CODE_LENGTH), "0123456789"):
        if d != code[i]:
            assert _refused(code[:i] + d + code[i + 1 :]), (code, i, d)
    for i in range(CODE_LENGTH - 1):
        if code[i] != code[i + 1]:
            swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
            assert _refused(swapped), (code, i)


def test_make_code_refuses_bodies_out_of_range():
    for body in (BODY_MIN - 1, BODY_MAX + 1, 0, -1_234_567):
        with pytest.raises(ValueError):
            make_code(body)
    assert make_code(BODY_MIN)[:7] == "1000000" and make_code(BODY_MAX)[:7] == "9999999"


def test_random_code_is_reproducible_and_valid():
    a = [random_code(random.Random(7)) for _ in range(3)]
    assert a[0] == a[1] == a[2]
    rng = random.Random(1)
    assert all(looks_like_code(random_code(rng)) for _ in range(200))


def test_parse_code_accepts_other_scripts_and_separators():
    code = make_code(4_821_573)
    assert parse_code(code.translate(PERSIAN)) == code
    assert parse_code(code.translate(ARABIC)) == code
    assert parse_code(f" {code[:4]}-{code[4:]} ") == code
    assert parse_code(f"{code[:4]} {code[4:]}".translate(PERSIAN)) == code
    assert parse_code(f"\u202a{code}\u202c") == code  # pasted from right-to-left text


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "required"),
        (" - ", "required"),
        ("1234", "code_format"),
        ("123456789", "code_format"),
        ("1234567a", "code_format"),
        ("1234567²", "code_format"),
    ],
)
def test_parse_code_refusals(text, code):
    with pytest.raises(ValidationError) as error:
        parse_code(text, field="code")
    assert (error.value.field, error.value.code) == ("code", code)


def test_leading_zero_and_wrong_check_digit():
    code = make_code(4_821_573)
    wrong = code[:-1] + str((int(code[-1]) + 1) % 10)
    with pytest.raises(ValidationError) as error:
        parse_code(wrong)
    assert error.value.code == "code_check_digit"
    zero_led = "0" + "123456"
    zero_led += str(damm_digit(zero_led))
    assert damm_digit(zero_led) == 0
    with pytest.raises(ValidationError) as error:
        parse_code(zero_led)
    assert error.value.code == "code_format"
    assert not looks_like_code(zero_led)


def test_looks_like_code():
    code = make_code(4_821_573)
    assert looks_like_code(code)
    assert looks_like_code(code.translate(PERSIAN))
    assert looks_like_code(f"{code[:4]} {code[4:]}")
    assert not looks_like_code(code[:-1] + str((int(code[-1]) + 1) % 10))
    assert not looks_like_code(code[:7])
    assert not looks_like_code("09121234567")
    assert not looks_like_code("")
    assert not looks_like_code("علی")


def test_format_code_in_persian_digits():
    assert format_code("48215737") == "۴۸۲۱۵۷۳۷"
