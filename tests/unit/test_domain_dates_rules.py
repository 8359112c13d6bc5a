"""Jalali dates, the request state machine, permissions and form fields."""

from __future__ import annotations

import datetime as dt

import jdatetime
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hendazh_desktop.domain.errors import FormErrorCollector, ValidationError, ValidationErrors
from hendazh_desktop.domain.fields import clean_person_name, clean_text
from hendazh_desktop.domain.jalali import (
    format_date,
    format_date_long,
    format_datetime,
    parse_date,
    parse_time,
)
from hendazh_desktop.domain.permissions import Actor, Permission, Role, require
from hendazh_desktop.domain.requests import (
    CHANNEL_LABELS,
    PRIORITY_LABELS,
    STATUS_LABELS,
    TRANSITIONS,
    RequestStatus,
    can_transition,
    initial_status,
)


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31)))
def test_jalali_format_parse_round_trip(day):
    assert parse_date(format_date(day)) == day
    j = jdatetime.date.fromgregorian(date=day)
    assert parse_date(f"{j.year}/{j.month}/{j.day}") == day


def test_leap_days_and_nonexistent_days():
    assert parse_date("1403/12/30") == dt.date(2025, 3, 20)
    assert parse_date("1408/12/30").year == 2030
    for text, code in (
        ("1404/12/30", "date_nonexistent"),
        ("1404/07/31", "date_nonexistent"),
        ("1404/13/01", "date_month"),
        ("1404/00/10", "date_month"),
        ("14040101", "date_format"),
        ("", "required"),
    ):
        with pytest.raises(ValidationError) as error:
            parse_date(text, field="preferred_date")
        assert error.value.code == code and error.value.field == "preferred_date"


def test_typed_forms_of_a_date():
    assert parse_date("۱۴۰۳/۰۸/۱۵") == parse_date("1403-8-15") == parse_date("03/8/15")
    assert format_date(dt.date(2024, 11, 5)) == "۱۴۰۳/۰۸/۱۵"
    assert format_date_long(dt.date(2024, 11, 5)) == "سه‌شنبه ۱۵ آبان ۱۴۰۳"


def test_times_and_local_display():
    assert parse_time("۱۴:۳۰") == dt.time(14, 30)
    assert parse_time("9") == dt.time(9)
    for bad in ("24:00", "12:60", "ab", ""):
        with pytest.raises(ValidationError):
            parse_time(bad)
    moment = dt.datetime(2024, 11, 5, 10, 0, tzinfo=dt.UTC)
    assert format_datetime(moment) == "۱۴۰۳/۰۸/۱۵ ۱۳:۳۰"  # Tehran is UTC+3:30


def test_state_machine():
    assert set(TRANSITIONS) == set(RequestStatus)
    assert not TRANSITIONS[RequestStatus.CLOSED] and not TRANSITIONS[RequestStatus.CANCELLED]
    assert can_transition(RequestStatus.QUEUED, RequestStatus.CANCELLED)
    assert not can_transition(RequestStatus.CANCELLED, RequestStatus.QUEUED)
    assert initial_status(from_web_form=True, prepaid=True) is RequestStatus.TO_VERIFY
    assert initial_status(from_web_form=False, prepaid=True) is RequestStatus.AWAITING_PREPAYMENT
    assert initial_status(from_web_form=False, prepaid=False) is RequestStatus.QUEUED
    assert all(STATUS_LABELS[s] for s in RequestStatus)
    assert all(PRIORITY_LABELS.values()) and all(CHANNEL_LABELS.values())


def test_permissions():
    consultant = Actor(1, "sara", Role.CONSULTANT)
    assert consultant.can(Permission.CREATE_REQUESTS)
    with pytest.raises(Exception) as error:
        require(consultant, Permission.EDIT_SERVICES)
    assert getattr(error.value, "code", "") == "permission_denied"
    require(Actor(2, "boss", Role.MANAGER), Permission.EDIT_SERVICES)
    assert not Actor(3, "acc", Role.ACCOUNTANT).can(Permission.EDIT_SUBSCRIBERS)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "required"),
        ("ع", "too_short"),
        ("علی۲", "name_characters"),
        ("علی 😀", "name_characters"),
        ("ا" * 1_000_000, "too_long"),
        ("علی\x00", "control_characters"),
    ],
)
def test_names_refused(text, code):
    with pytest.raises(ValidationError) as error:
        clean_person_name(text)
    assert error.value.code == code


def test_names_accepted():
    assert clean_person_name("محمد\u200cرضا") == "محمد\u200cرضا"
    assert clean_person_name("O'Neil") == "O'Neil"
    assert clean_person_name("علي كريمي") == "علی کریمی"
    assert clean_text("a\r\nb", field="n", max_length=10, multiline=True) == "a\nb"


def test_form_collector_reports_every_field():
    errors = FormErrorCollector()
    errors.add("name", "required")
    errors.check(parse_date, "1404/12/30", field="date")
    with pytest.raises(ValidationErrors) as raised:
        errors.raise_if_any()
    assert set(raised.value.by_field) == {"name", "date"}
