"""Iranian phone numbers: every typed layout and digit script normalises to one stored form."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.phones import (
    AREA_CODES,
    DEFAULT_AREA_CODE,
    PhoneKind,
    PhoneNumber,
    parse_phone,
    phone_query_digits,
)

SCRIPTS = ("0123456789", "۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩", "０１２３４５６７８９")


@pytest.mark.parametrize(
    "text",
    [
        "09121234567",
        "۰۹۱۲۱۲۳۴۵۶۷",
        "+98 912 123 4567",
        "+989121234567",
        "0098-912-123-4567",
        "00989121234567",
        "989121234567",
        "9121234567",
        "٠٩١٢١٢٣٤٥٦٧",
        "(0912) 123-4567",
        "0912.123.4567",
        " 0912 123 4567 ",
        "۰۹۱۲-۱۲۳-۴۵۶۷",
        # copied from a right-to-left screen: wrapped in LRE…PDF / LRM, no-break spaces
        "\u202a+98 912 123 4567\u202c",
        "\u200e09121234567\u200e",
        "0912\u00a0123\u00a04567",
    ],
)
def test_mobile_forms_are_one_number(text):
    phone = parse_phone(text)
    assert phone == PhoneNumber("09121234567", PhoneKind.MOBILE)


@pytest.mark.parametrize(
    "text", ["071-3227-4517", "+98 71 3227 4517", "07132274517", "۰۷۱۳۲۲۷۴۵۱۷", "0098 71 32274517"]
)
def test_landlines_with_their_area_code(text):
    assert parse_phone(text) == PhoneNumber("07132274517", PhoneKind.LANDLINE)


def test_tehran_landline():
    assert parse_phone("021-8888-1234") == PhoneNumber("02188881234", PhoneKind.LANDLINE)


def test_eight_digits_are_a_shiraz_number():
    assert DEFAULT_AREA_CODE == "71"
    assert parse_phone("32274517") == PhoneNumber("07132274517", PhoneKind.LANDLINE)
    assert parse_phone("۳۲۲۷ ۴۵۱۷").number == "07132274517"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("0912123456", "phone_length"),
        ("091212345678", "phone_length"),
        ("+1 202 555 0100", "phone_not_iranian"),
        ("+44 20 7946 0958", "phone_not_iranian"),
        ("", "required"),
        ("   ", "required"),
        ("\u200e", "required"),
        ("abc", "phone_invalid"),
        ("0912-123-456a", "phone_invalid"),
        ("0912/123/4567", "phone_invalid"),
        ("++989121234567", "phone_invalid"),
        ("0912١٢٣٤٥٦٧x", "phone_invalid"),
        ("0012345678901", "phone_length"),
        ("03227451", "phone_length"),
        ("1234567", "phone_length"),
        ("07012345678", "phone_invalid"),  # 70 is not an area code
        ("07102274517", "phone_invalid"),  # local numbers never start with 0 or 1
        ("07112274517", "phone_invalid"),
    ],
)
def test_bad_phones_are_refused(text, code):
    with pytest.raises(ValidationError) as error:
        parse_phone(text, field="phone:0")
    assert (error.value.field, error.value.code) == ("phone:0", code)


def test_display_is_persian_digits_ungrouped():
    assert parse_phone("+98 912 123 4567").display() == "۰۹۱۲۱۲۳۴۵۶۷"


def test_area_codes_are_two_digits_and_not_mobile():
    assert all(len(code) == 2 and code.isdigit() and code[0] != "9" for code in AREA_CODES)
    assert DEFAULT_AREA_CODE in AREA_CODES


def test_query_digits_of_partial_phones():
    assert phone_query_digits("+98 917") == "0917"
    assert phone_query_digits("0098 917 12") == "091712"
    assert phone_query_digits("۰۹۱۷ ۱۲") == "091712"
    assert phone_query_digits("٤٥٦٧") == "4567"
    assert phone_query_digits("\u202a+98 917\u202c") == "0917"
    assert phone_query_digits("") == ""


_separators = st.text(alphabet=" -", max_size=2)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=999_999_999),
    st.sampled_from(["0", "+98", "+98 ", "0098", "0098-", "98", ""]),
    st.data(),
)
def test_any_mobile_in_any_layout_normalises_to_itself(n, prefix, data):
    number = f"09{n:09d}"
    national = number[1:]  # 912…
    pieces = [prefix]
    for digit in national:
        script = data.draw(st.sampled_from(SCRIPTS))
        pieces.append(data.draw(_separators) + script[int(digit)])
    text = "".join(pieces).translate(
        str.maketrans("0123456789", data.draw(st.sampled_from(SCRIPTS)))
    )
    assert parse_phone(text) == PhoneNumber(number, PhoneKind.MOBILE)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(sorted(AREA_CODES)),
    st.integers(min_value=20_000_000, max_value=99_999_999),  # never starts with 0 or 1
    st.sampled_from(SCRIPTS),
)
def test_any_landline_normalises_to_itself(area, local, script):
    number = f"0{area}{local}"
    text = f"0{area}-{str(local)[:4]} {str(local)[4:]}".translate(
        str.maketrans("0123456789", script)
    )
    assert parse_phone(text) == PhoneNumber(number, PhoneKind.LANDLINE)
    assert parse_phone(f"+98 {area} {local}").number == number


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789+ -()۰۹٠a", max_size=16))
def test_parse_phone_either_refuses_or_returns_a_stored_form(text):
    try:
        phone = parse_phone(text)
    except ValidationError as error:
        assert error.code in {"required", "phone_invalid", "phone_length", "phone_not_iranian"}
        return
    assert len(phone.number) == 11 and phone.number.isascii() and phone.number[0] == "0"
    assert parse_phone(phone.number) == phone  # stored form parses to itself
    assert parse_phone(phone.display()) == phone
