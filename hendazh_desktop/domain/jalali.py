"""Jalali (Solar Hijri) dates: conversion, strict parsing of typed dates, Persian formatting."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from zoneinfo import ZoneInfo

import jdatetime

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.text import to_ascii_digits, to_persian_digits

TEHRAN = ZoneInfo("Asia/Tehran")

MONTH_NAMES = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)
WEEKDAY_NAMES = ("دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه")

_DATE = re.compile(r"^(\d{2,4})[/\-.](\d{1,2})[/\-.](\d{1,2})$", re.ASCII)
_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?$", re.ASCII)


def to_jalali(day: dt.date) -> tuple[int, int, int]:
    """Gregorian date → (year, month, day) in the Jalali calendar."""
    j = jdatetime.date.fromgregorian(date=day)
    return j.year, j.month, j.day


def from_jalali(year: int, month: int, day: int) -> dt.date:
    """A Jalali (year, month, day) as a Gregorian date; ValueError if the day does not exist."""
    return jdatetime.date(year, month, day).togregorian()


def is_leap_year(year: int) -> bool:
    return bool(jdatetime.date(year, 1, 1).isleap())


@lru_cache(maxsize=8192)
def format_date(day: dt.date) -> str:
    """۱۴۰۳/۰۸/۱۵ with Persian digits; "/" keeps the order stable inside right-to-left text."""
    y, m, d = to_jalali(day)
    return to_persian_digits(f"{y:04d}/{m:02d}/{d:02d}")


def format_date_long(day: dt.date) -> str:
    """سه‌شنبه ۱۵ آبان ۱۴۰۳."""
    y, m, d = to_jalali(day)
    return f"{WEEKDAY_NAMES[day.weekday()]} {to_persian_digits(str(d))} {MONTH_NAMES[m - 1]} " + (
        to_persian_digits(str(y))
    )


def local_datetime(moment: dt.datetime) -> dt.datetime:
    """A stored UTC moment in Iran's local time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(TEHRAN)


def format_datetime(moment: dt.datetime) -> str:
    """A stored UTC moment shown as local Jalali date and time: ۱۴۰۳/۰۸/۱۵ ۱۴:۰۵."""
    local = local_datetime(moment)
    return f"{format_date(local.date())} {to_persian_digits(local.strftime('%H:%M'))}"


def today_local(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Iran."""
    return local_datetime(now or dt.datetime.now(dt.UTC)).date()


def parse_date(text: str, *, field: str = "date") -> dt.date:
    """Parse a typed Jalali date (۱۴۰۳/۰۸/۱۵, 1403-8-15, two-digit year 03/8/15) strictly.

    A day that does not exist in the Jalali calendar (1404/12/30, 1404/07/31, month 13) is
    refused with a field error rather than silently moved to the next day.
    """
    raw = to_ascii_digits(text.strip())
    if not raw:
        raise ValidationError(field, "required")
    match = _DATE.match(raw)
    if not match:
        raise ValidationError(field, "date_format")
    year, month, day = (int(g) for g in match.groups())
    if year < 100:
        year += 1400 if year < 50 else 1300
    if not 1300 <= year <= 1500:
        raise ValidationError(field, "date_year_range")
    if not 1 <= month <= 12:
        raise ValidationError(field, "date_month")
    try:
        return from_jalali(year, month, day)
    except ValueError:
        raise ValidationError(field, "date_nonexistent") from None


def parse_time(text: str, *, field: str = "time") -> dt.time:
    """Parse a typed time of day (۱۴:۳۰, 9, 09:05) strictly."""
    raw = to_ascii_digits(text.strip())
    match = _TIME.match(raw)
    if not match:
        raise ValidationError(field, "time_format")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise ValidationError(field, "time_format")
    return dt.time(hour, minute)


def format_time(value: dt.time) -> str:
    return to_persian_digits(value.strftime("%H:%M"))


def fiscal_year_of(day: dt.date) -> int:
    """The Jalali year (starting 1 Farvardin) a day belongs to."""
    return to_jalali(day)[0]
