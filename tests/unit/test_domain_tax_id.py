"""The tax number of سامانه مودیان: Verhoeff against its published examples, the 22-character
number against an independent implementation, and every single-character error caught."""

from __future__ import annotations

import datetime as dt

import pytest

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.tax_id import (
    days_since_epoch,
    internal_serial,
    parse_memory_id,
    parse_service_id,
    tax_number,
    tax_number_valid,
    verhoeff_digit,
    verhoeff_valid,
)

UTC = dt.UTC


@pytest.mark.parametrize(
    ("digits", "check"),
    [
        ("236", 3),  # Verhoeff's classic example (2363 is valid)
        ("12345", 1),  # the worked example of the algorithm's descriptions (123451)
        ("123", 3),  # the official TaxCollectData SDK's own test
        ("0", 4),
    ],
)
def test_verhoeff_published_examples(digits, check):
    assert verhoeff_digit(digits) == check
    assert verhoeff_valid(digits + str(check))
    assert not verhoeff_valid(digits + str((check + 1) % 10))


# Computed with the PyPI package «moadian» 1.0.4 (moadian/utils.py generate_tax_id), an
# implementation independent of ours; its rule matches the official PHP, C# and JS ports.
INDEPENDENT = [
    ("A11216", dt.datetime(2023, 5, 1, 8, 30, tzinfo=UTC), 1, "A1121604C1600000000019"),
    ("A3NFZT", dt.datetime(2024, 3, 19, 20, 31, tzinfo=UTC), 123456, "A3NFZT04D59000001E2408"),
    ("1X2Y3Z", dt.datetime(2026, 12, 3, 0, 0, tzinfo=UTC), 99999999, "1X2Y3Z051360005F5E0FF2"),
    ("ZZZZZZ", dt.datetime(2025, 3, 20, 23, 59, tzinfo=UTC), 16**10 - 1, "ZZZZZZ04EC7FFFFFFFFFF5"),
    ("A1B2C3", dt.datetime(2024, 1, 1, tzinfo=UTC), 42, "A1B2C304D0B000000002A8"),
]


@pytest.mark.parametrize(("memory", "moment", "serial", "expected"), INDEPENDENT)
def test_tax_numbers_match_an_independent_implementation(memory, moment, serial, expected):
    number = tax_number(memory, moment, serial)
    assert number == expected
    assert len(number) == 22 and tax_number_valid(number)
    assert int(internal_serial(number), 16) == serial


def test_the_day_is_counted_in_utc_whatever_the_local_day():
    tehran = dt.timezone(dt.timedelta(hours=3, minutes=30))
    # 02:00 in Tehran on 1 Farvardin is still the previous day in UTC
    early = dt.datetime(2025, 3, 21, 2, 0, tzinfo=tehran)
    assert days_since_epoch(early) == days_since_epoch(dt.datetime(2025, 3, 20, 23, tzinfo=UTC))
    assert days_since_epoch(dt.datetime(1970, 1, 2, tzinfo=UTC)) == 1
    with pytest.raises(ValueError):
        days_since_epoch(dt.datetime(2025, 1, 1))


def test_every_wrong_check_digit_and_malformed_number_is_refused():
    number = INDEPENDENT[1][3]
    for ch in "0123456789":
        if ch != number[-1]:
            assert not tax_number_valid(number[:-1] + ch)
    assert not tax_number_valid(number[:-1])
    assert not tax_number_valid(number.lower())
    assert not tax_number_valid(number[:-1] + "A")


def test_verhoeff_catches_every_single_digit_error_and_adjacent_swap():
    decimal = "65378709084" + "019801" + "000000123456"  # A3NFZT in decimals, a day, a serial
    decimal += str(verhoeff_digit(decimal))
    assert verhoeff_valid(decimal)
    for i in range(len(decimal)):
        for digit in "0123456789":
            if digit != decimal[i]:
                assert not verhoeff_valid(decimal[:i] + digit + decimal[i + 1 :])
        if i + 1 < len(decimal) and decimal[i] != decimal[i + 1]:
            swapped = decimal[:i] + decimal[i + 1] + decimal[i] + decimal[i + 2 :]
            assert not verhoeff_valid(swapped)


def test_changed_numbers_are_mostly_caught():
    """A changed hex digit changes several decimal digits, so detection is not certain there;
    Verhoeff still catches the great majority."""
    number = INDEPENDENT[0][3]
    wrong = [
        number[:i] + ch + number[i + 1 :]
        for i in range(6, 21)
        for ch in "0123456789ABCDEF"
        if ch != number[i]
    ]
    caught = sum(not tax_number_valid(w) for w in wrong)
    assert caught / len(wrong) > 0.85


def test_serial_and_memory_limits():
    moment = dt.datetime(2025, 1, 1, tzinfo=UTC)
    with pytest.raises(ValueError):
        tax_number("A1B2C3", moment, 0)
    with pytest.raises(ValueError):
        tax_number("A1B2C3", moment, 16**10)
    with pytest.raises(ValueError):
        tax_number("a1b2c3", moment, 1)


def test_memory_and_service_ids_are_parsed_strictly():
    assert parse_memory_id(" a1b2c۳ ") == "A1B2C3"
    assert parse_service_id("۲۷۱۰۰۰۰۱۱۴۷۸۹") == "2710000114789"
    for bad in ("A1B2C", "A1B2C3D", "A1-2C3", "", "ب12345"):
        with pytest.raises(ValidationError) as memory_error:
            parse_memory_id(bad)
        assert memory_error.value.code == "tax_memory_id_invalid"
    for bad in ("271000011478", "27100001147890", "27100001147a9", ""):
        with pytest.raises(ValidationError) as service_error:
            parse_service_id(bad)
        assert service_error.value.code == "tax_service_id_invalid"
