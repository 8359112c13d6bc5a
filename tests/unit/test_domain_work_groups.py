"""Work group rules: IBAN (Sheba) checksum, capacity and skill levels."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.work_groups import parse_capacity, parse_iban, parse_level


def make_iban(bban: str) -> str:
    number = int("".join(str(int(c, 36)) for c in bban + "IR00"))
    return f"IR{98 - number % 97:02d}{bban}"


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=10**22 - 1))
def test_valid_ibans_pass_and_any_changed_digit_fails(n):
    iban = make_iban(f"{n:022d}")
    assert parse_iban(iban.lower()) == iban
    spaced = " ".join(iban[i : i + 4] for i in range(0, 26, 4))
    assert parse_iban(spaced.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))) == iban
    position = 4 + n % 22
    changed = iban[:position] + str((int(iban[position]) + 1) % 10) + iban[position + 1 :]
    with pytest.raises(ValidationError) as error:
        parse_iban(changed)
    assert error.value.code == "iban_checksum"


@pytest.mark.parametrize(
    "text", ["", "IR12", "DE89370400440532013000", "IR12345678901234567890123X"]
)
def test_malformed_ibans(text):
    with pytest.raises(ValidationError):
        parse_iban(text)


def test_capacity_and_levels():
    assert parse_capacity("۴") == 4
    for bad in ("0", "21", "-1", "2.5", "abc", ""):
        with pytest.raises(ValidationError):
            parse_capacity(bad)
    assert parse_level(5, field="s") == 5
    with pytest.raises(ValidationError):
        parse_level(6, field="s")
