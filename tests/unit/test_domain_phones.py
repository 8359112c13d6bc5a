"""Iranian phone numbers: every typed layout and digit script normalises to one stored form."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.phones import (
    DEFAULT_AREA_CODE,
    PhoneKind,
    PhoneNumber,
    parse_phone,
    phone_query_digits,
)
from hendazh_desktop.domain.text import strip_bidi_controls

# The two-digit landline area codes of Iran's provinces, and mobile prefixes of the operators.
AREA_CODES = [
    "11",
    "13",
    "17",
    "21",
    "23",
    "24",
    "25",
    "26",
    "28",
    "31",
    "34",
    "35",
    "38",
    "41",
    "44",
    "45",
    "51",
    "54",
    "56",
    "58",
    "61",
    "66",
    "71",
    "74",
    "76",
    "77",
    "81",
    "83",
    "84",
    "86",
    "87",
]
MOBILE_PREFIXES = ("0901", "0905", "0910", "0912", "0917", "0919", "0921", "0930", "0935", "0990")

SCRIPTS = ("0123456789", "۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩", "０１２３４５６７８９")


MOBILE_FORMS = [
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
]


@pytest.mark.parametrize("text", MOBILE_FORMS)
def test_mobile_forms_are_one_number(text):
    phone = parse_phone(text)
    assert phone == PhoneNumber("09121234567", PhoneKind.MOBILE)


LANDLINE_FORMS = [
    "071-3227-4517",
    "+98 71 3227 4517",
    "07132274517",
    "۰۷۱۳۲۲۷۴۵۱۷",
    "0098 71 32274517",
]


@pytest.mark.parametrize("text", LANDLINE_FORMS)
def test_landlines_with_their_area_code(text):
    assert parse_phone(text) == PhoneNumber("07132274517", PhoneKind.LANDLINE)


def test_tehran_landline():
    assert parse_phone("021-8888-1234") == PhoneNumber("02188881234", PhoneKind.LANDLINE)


def test_eight_digits_are_a_shiraz_number():
    assert DEFAULT_AREA_CODE == "71"
    assert parse_phone("32274517") == PhoneNumber("07132274517", PhoneKind.LANDLINE)
    assert parse_phone("۳۲۲۷ ۴۵۱۷").number == "07132274517"


BAD_PHONES = [
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
    ("0012345678901", "phone_not_iranian"),  # 00 1 …: a number in the United States
    ("03227451", "phone_length"),
    ("1234567", "phone_length"),
    ("07012345678", "phone_invalid"),  # 70 is not an area code
    ("09401234567", "phone_invalid"),  # no operator has 0940
    ("09501234567", "phone_invalid"),
    ("07102274517", "phone_invalid"),  # local numbers never start with 0 or 1
    ("07112274517", "phone_invalid"),
]


@pytest.mark.parametrize(("text", "code"), BAD_PHONES)
def test_bad_phones_are_refused(text, code):
    with pytest.raises(ValidationError) as error:
        parse_phone(text, field="phone:0")
    assert (error.value.field, error.value.code) == ("phone:0", code)


def test_display_is_persian_digits_ungrouped():
    assert parse_phone("+98 912 123 4567").display() == "۰۹۱۲۱۲۳۴۵۶۷"


@pytest.mark.parametrize("area", AREA_CODES)
def test_every_province_has_landlines_and_they_are_not_mobiles(area):
    assert parse_phone(f"0{area}32274517") == PhoneNumber(f"0{area}32274517", PhoneKind.LANDLINE)
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
    st.sampled_from(MOBILE_PREFIXES),
    st.integers(min_value=0, max_value=9_999_999),
    st.sampled_from(["0", "+98", "+98 ", "0098", "0098-", "98", ""]),
    st.data(),
)
def test_any_mobile_in_any_layout_normalises_to_itself(operator, n, prefix, data):
    number = f"{operator}{n:07d}"
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


# The domain's cases, run through phonenumbers directly: both say the same about every number.
# The domain is stricter in two ways only: it refuses characters a phone field never needs
# (phonenumbers reads "0912/123/4567", "++98…" and a trailing letter as a number), and a local
# number starting with 0 or 1, which the numbering plan allows but no subscriber's line has.
HOUSE_REFUSALS = {
    "0912/123/4567",
    "++989121234567",
    "0912١٢٣٤٥٦٧x",
    "07102274517",
    "07112274517",
}


def _google(text: str) -> phonenumbers.PhoneNumber | None:
    """phonenumbers' reading of a typed number in Iran, or None when it is no Iranian number."""
    try:
        number = phonenumbers.parse(strip_bidi_controls(text), "IR")
    except phonenumbers.NumberParseException:
        return None
    valid = phonenumbers.is_valid_number(number) and number.country_code == 98
    return number if valid else None


@pytest.mark.parametrize("text", [*MOBILE_FORMS, *LANDLINE_FORMS, "021-8888-1234"])
def test_accepted_numbers_agree_with_phonenumbers(text):
    ours, theirs = parse_phone(text), _google(text)
    assert theirs is not None
    kind = {
        phonenumbers.PhoneNumberType.MOBILE: PhoneKind.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE: PhoneKind.LANDLINE,
    }[phonenumbers.number_type(theirs)]
    assert ours.kind is kind
    assert "+98" + ours.number[1:] == phonenumbers.format_number(
        theirs, phonenumbers.PhoneNumberFormat.E164
    )


@pytest.mark.parametrize(("text", "code"), BAD_PHONES)
def test_refused_numbers_agree_with_phonenumbers(text, code):
    if text in HOUSE_REFUSALS:
        assert code == "phone_invalid"
        return
    assert _google(text) is None


def test_the_house_refusals_are_the_only_disagreements():
    """Each house rule is stricter than phonenumbers; if it stops being so, drop it."""
    assert all(_google(text) is not None for text in HOUSE_REFUSALS)
