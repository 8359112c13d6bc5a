"""Jalali dates and times: conversion, strict parsing, Persian formatting, Tehran local time."""

from __future__ import annotations

import datetime as dt

import jdatetime
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.jalali import (
    MONTH_NAMES,
    WEEKDAY_NAMES,
    fiscal_year_of,
    format_date,
    format_date_long,
    format_datetime,
    format_time,
    from_jalali,
    is_leap_year,
    local_datetime,
    parse_date,
    parse_time,
    to_jalali,
    today_local,
)

days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31))
PERSIAN_DIGITS = set("۰۱۲۳۴۵۶۷۸۹")


@settings(max_examples=300, deadline=None)
@given(days)
def test_format_then_parse_round_trips(day):
    text = format_date(day)
    assert set(text) <= PERSIAN_DIGITS | {"/"} and len(text) == 10
    assert parse_date(text) == day


@settings(max_examples=300, deadline=None)
@given(days)
def test_conversion_agrees_with_jdatetime(day):
    j = jdatetime.date.fromgregorian(date=day)
    assert to_jalali(day) == (j.year, j.month, j.day)
    assert from_jalali(j.year, j.month, j.day) == day
    assert parse_date(f"{j.year}-{j.month}-{j.day}") == day
    assert fiscal_year_of(day) == j.year


def test_known_dates():
    assert format_date(dt.date(2024, 11, 5)) == "۱۴۰۳/۰۸/۱۵"
    assert format_date(dt.date(2025, 3, 21)) == "۱۴۰۴/۰۱/۰۱"  # Nowruz 1404
    assert to_jalali(dt.date(2024, 3, 20)) == (1403, 1, 1)


def test_leap_days_that_exist():
    assert parse_date("1403/12/30") == dt.date(2025, 3, 20)
    assert parse_date("1408/12/30") == dt.date(2030, 3, 20)
    assert parse_date("1399/12/30") == dt.date(2021, 3, 20)
    assert is_leap_year(1403) and is_leap_year(1408)
    assert not is_leap_year(1404) and not is_leap_year(1407)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1404/12/30", "date_nonexistent"),  # 1404 is not a leap year
        ("1404/07/31", "date_nonexistent"),  # the second half has 30-day months
        ("1404/12/31", "date_nonexistent"),
        ("1404/01/32", "date_nonexistent"),
        ("1404/05/00", "date_nonexistent"),
        ("1404/00/10", "date_month"),
        ("1404/13/01", "date_month"),
        ("1299/01/01", "date_year_range"),
        ("1501/01/01", "date_year_range"),
        ("403/1/1", "date_year_range"),
        ("14040101", "date_format"),
        ("1404/1", "date_format"),
        ("1404/001/01", "date_format"),
        ("1404/1/1/1", "date_format"),
        ("1404 / 1 / 1", "date_format"),
        ("۱۴۰۴/۱/۱ ب.ظ", "date_format"),
        ("tomorrow", "date_format"),
        ("", "required"),
        ("   ", "required"),
    ],
)
def test_bad_dates_are_refused_with_a_code(text, code):
    with pytest.raises(ValidationError) as error:
        parse_date(text, field="preferred_date")
    assert (error.value.field, error.value.code) == ("preferred_date", code)


@pytest.mark.parametrize(
    "text", ["۱۴۰۳/۰۸/۱۵", "1403-8-15", "1403/8/15", "1403.08.15", "٠٣/٨/١٥", " 03/08/15 "]
)
def test_typed_forms_of_one_date(text):
    assert parse_date(text) == dt.date(2024, 11, 5)


def test_two_digit_years():
    assert parse_date("03/8/15") == parse_date("1403/8/15")
    assert parse_date("49/1/1") == parse_date("1449/1/1")
    assert parse_date("50/1/1") == parse_date("1350/1/1")
    assert parse_date("99/12/29") == parse_date("1399/12/29")
    assert parse_date("00/1/1") == parse_date("1400/1/1")


def test_long_format():
    assert format_date_long(dt.date(2024, 11, 5)) == "سه‌شنبه ۱۵ آبان ۱۴۰۳"
    assert format_date_long(dt.date(2025, 3, 21)) == "جمعه ۱ فروردین ۱۴۰۴"
    assert format_date_long(dt.date(2025, 3, 20)) == "پنجشنبه ۳۰ اسفند ۱۴۰۳"
    assert format_date_long(dt.date(2024, 11, 2)).startswith("شنبه ")


@settings(max_examples=100, deadline=None)
@given(days)
def test_long_format_matches_the_calendar(day):
    y, m, d = to_jalali(day)
    weekday, day_text, month, year = format_date_long(day).rsplit(" ", 3)
    assert weekday == WEEKDAY_NAMES[day.weekday()]
    assert month == MONTH_NAMES[m - 1]
    assert (day_text, year) == (format_date(day)[8:].lstrip("۰"), format_date(day)[:4])
    assert int(year.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))) == y
    assert len(MONTH_NAMES) == 12 and len(WEEKDAY_NAMES) == 7 and d >= 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("۱۴:۳۰", dt.time(14, 30)),
        ("9", dt.time(9)),
        ("09:05", dt.time(9, 5)),
        ("0", dt.time(0)),
        ("23:59", dt.time(23, 59)),
        (" ٠٨:٠٠ ", dt.time(8)),
    ],
)
def test_times_accepted(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    "text", ["24:00", "12:60", "ab", "", "9:5", "9.30", "-1", "123", "12:30:00"]
)
def test_times_refused(text):
    with pytest.raises(ValidationError) as error:
        parse_time(text, field="window_start")
    assert (error.value.field, error.value.code) == ("window_start", "time_format")


def test_format_time():
    assert format_time(dt.time(9, 5)) == "۰۹:۰۵"


def test_datetime_is_shown_in_tehran_local_time():
    moment = dt.datetime(2024, 11, 5, 10, 0, tzinfo=dt.UTC)
    assert format_datetime(moment) == "۱۴۰۳/۰۸/۱۵ ۱۳:۳۰"  # UTC+3:30
    # late evening UTC is already the next day in Tehran
    assert format_datetime(dt.datetime(2024, 11, 5, 21, 0, tzinfo=dt.UTC)) == "۱۴۰۳/۰۸/۱۶ ۰۰:۳۰"
    # a naive moment is a stored UTC moment
    assert format_datetime(dt.datetime(2024, 11, 5, 10, 0)) == "۱۴۰۳/۰۸/۱۵ ۱۳:۳۰"
    # a moment in another zone is converted, not relabelled
    plus_two = dt.timezone(dt.timedelta(hours=2))
    assert format_datetime(dt.datetime(2024, 11, 5, 12, 0, tzinfo=plus_two)) == "۱۴۰۳/۰۸/۱۵ ۱۳:۳۰"


def test_local_datetime_and_today():
    local = local_datetime(dt.datetime(2025, 3, 20, 20, 30, tzinfo=dt.UTC))
    assert local.utcoffset() == dt.timedelta(hours=3, minutes=30)
    assert (local.date(), local.hour, local.minute) == (dt.date(2025, 3, 21), 0, 0)
    assert today_local(dt.datetime(2025, 3, 20, 20, 29, tzinfo=dt.UTC)) == dt.date(2025, 3, 20)
    assert today_local(dt.datetime(2025, 3, 20, 20, 30, tzinfo=dt.UTC)) == dt.date(2025, 3, 21)
    assert isinstance(today_local(), dt.date)
