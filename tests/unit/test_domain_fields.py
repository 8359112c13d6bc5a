"""Free-text field validators: names and general text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.fields import clean_person_name, clean_text
from hendazh_desktop.domain.text import BIDI_CONTROLS, normalize_display

ZWNJ = "\u200c"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("محمد\u200cرضا", "محمد\u200cرضا"),
        ("O'Neil", "O'Neil"),
        ("علي كريمي", "علی کریمی"),
        ("  سارا   احمدی ", "سارا احمدی"),
        ("\u200cمحمد\u200c\u200cرضا\u200c", "محمد\u200cرضا"),
        ("\u202eعلی\u202c", "علی"),
        ("Jean-Luc Picard", "Jean-Luc Picard"),
        ("ع.ر", "ع.ر"),
        ("لطفاً", "لطفاً"),  # diacritics (Mn) are letters' marks, kept
        ("ﻋﻠﻲ", "علی"),  # presentation forms
    ],
)
def test_names_accepted(text, expected):
    assert clean_person_name(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "required"),
        (None, "required"),
        ("   ", "required"),
        ("\u200c\u202e", "required"),
        ("ع", "too_short"),
        ("علی۲", "name_characters"),
        ("Ali2", "name_characters"),
        ("علی 😀", "name_characters"),
        ("علی ❤️", "name_characters"),
        ("علی@", "name_characters"),
        ("<b>Ali", "name_characters"),
        ("=cmd", "name_characters"),
        ("علی\tرضا\nکریمی", None),  # whitespace becomes single spaces: accepted
        ("--", "name_characters"),  # punctuation alone is not a name
        (".'", "name_characters"),
        ("ــ", "name_characters"),  # tatweel alone
        ("ا" * 101, "too_long"),
        ("ا" * 1_000_000, "too_long"),
        ("علی\x00", "control_characters"),
    ],
)
def test_names_refused(text, code):
    if code is None:
        assert clean_person_name(text) == "علی رضا کریمی"
        return
    with pytest.raises(ValidationError) as error:
        clean_person_name(text, field="full_name")
    assert (error.value.field, error.value.code) == ("full_name", code)


def test_name_limits_are_reported():
    with pytest.raises(ValidationError) as error:
        clean_person_name("ا" * 101)
    assert error.value.params == {"maximum": 100}
    with pytest.raises(ValidationError) as error:
        clean_person_name("ا")
    assert error.value.params == {"minimum": 2}
    assert clean_person_name("ا" * 100) == "ا" * 100


def test_clean_text_optional_required_and_limits():
    assert clean_text(None, field="note", max_length=10) == ""
    assert clean_text("  \u200c ", field="note", max_length=10) == ""
    with pytest.raises(ValidationError) as error:
        clean_text("", field="note", max_length=10, required=True)
    assert (error.value.field, error.value.code) == ("note", "required")
    assert clean_text("x" * 10, field="note", max_length=10) == "x" * 10
    with pytest.raises(ValidationError) as error:
        clean_text("x" * 11, field="note", max_length=10)
    assert error.value.code == "too_long" and error.value.params == {"maximum": 10}
    with pytest.raises(ValidationError) as error:
        clean_text("ab", field="note", max_length=10, min_length=3)
    assert error.value.code == "too_short"


def test_clean_text_huge_input_is_refused_before_normalising():
    with pytest.raises(ValidationError) as error:
        clean_text("x" * 1_000_000, field="note", max_length=500)
    assert error.value.code == "too_long"
    # but spaces that collapse do not count against the limit
    assert clean_text("a" + " " * 30 + "b", field="note", max_length=5) == "a b"


def test_clean_text_multiline():
    assert clean_text("a\r\nb", field="n", max_length=10, multiline=True) == "a\nb"
    assert clean_text("a\r\nb", field="n", max_length=10) == "a b"
    assert clean_text("\n خط اول \n\nخط دوم\n", field="n", max_length=50, multiline=True) == (
        "خط اول\n\nخط دوم"
    )


def test_clean_text_strips_bidi_and_controls_but_refuses_nul():
    assert clean_text("مبلغ: \u202e0001\u202c", field="n", max_length=50) == "مبلغ: 0001"
    assert clean_text("a\x07b", field="n", max_length=50) == "ab"
    with pytest.raises(ValidationError) as error:
        clean_text("a\x00b", field="n", max_length=50)
    assert error.value.code == "control_characters"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.booleans())
def test_clean_text_result_is_normalised_and_within_limits(text, multiline):
    try:
        value = clean_text(text, field="n", max_length=30, multiline=multiline)
    except ValidationError as error:
        assert error.code in {"too_long", "control_characters"}
        return
    assert len(value) <= 30
    assert normalize_display(value, multiline=multiline) == value
    assert not set(value) & set(BIDI_CONTROLS)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_accepted_names_are_letters_and_name_punctuation(text):
    try:
        value = clean_person_name(text)
    except ValidationError:
        return
    assert 2 <= len(value) <= 100
    assert any(ch.isalpha() for ch in value)
    assert not any(ch.isdigit() for ch in value)
    assert clean_person_name(value) == value
