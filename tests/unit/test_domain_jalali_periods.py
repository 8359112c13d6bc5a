"""Jalali periods: week, month, season and fiscal-year boundaries (Esfand in leap years
included), and their Tehran-midnight bounds in UTC (summer-time days included)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from hendazh_desktop.domain.jalali import from_jalali, is_leap_year
from hendazh_desktop.domain.jalali_periods import (
    PeriodKind,
    between,
    day,
    fiscal_year,
    fiscal_year_of,
    month,
    month_length,
    month_of,
    period_of,
    season,
    season_of,
    tehran_midnight,
    week_of,
)

UTC = dt.UTC
D = dt.date


def test_esfand_has_thirty_days_in_a_leap_year_only():
    assert is_leap_year(1403) and not is_leap_year(1404)
    leap, common = month(1403, 12), month(1404, 12)
    assert (leap.first, leap.last, leap.days) == (D(2025, 2, 19), D(2025, 3, 20), 30)
    assert (common.first, common.last, common.days) == (D(2026, 2, 20), D(2026, 3, 20), 29)
    assert leap.following() == month(1404, 1)
    assert month(1404, 1).preceding() == leap


def test_fiscal_years_run_from_1_farvardin():
    y1403, y1404 = fiscal_year(1403), fiscal_year(1404)
    assert (y1403.first, y1403.last, y1403.days) == (D(2024, 3, 20), D(2025, 3, 20), 366)
    assert (y1404.first, y1404.last, y1404.days) == (D(2025, 3, 21), D(2026, 3, 20), 365)
    assert fiscal_year_of(D(2025, 3, 20)) == y1403  # 1403/12/30, the leap day
    assert fiscal_year_of(D(2025, 3, 21)) == y1404
    assert y1403.following() == y1404 and y1404.label == "سال مالی ۱۴۰۴"


def test_seasons_are_three_months():
    winter = season(1403, 4)
    assert (winter.first, winter.last, winter.days) == (D(2024, 12, 21), D(2025, 3, 20), 90)
    spring = season_of(D(2025, 3, 21))
    assert spring == season(1404, 1) and spring.days == 93 and spring.label == "بهار ۱۴۰۴"
    assert winter.following() == spring and spring.preceding() == winter
    assert season(1404, 4).days == 89  # Esfand 1404 has 29 days
    with pytest.raises(ValueError):
        season(1404, 5)


@pytest.mark.parametrize("year", range(1395, 1412))
def test_months_and_seasons_tile_each_fiscal_year(year):
    months = [month(year, m) for m in range(1, 13)]
    seasons = [season(year, s) for s in range(1, 5)]
    for parts in (months, seasons):
        assert parts[0].first == fiscal_year(year).first
        assert parts[-1].last == fiscal_year(year).last
        for before, after in itertools.pairwise(parts):
            assert after.first == before.last + dt.timedelta(days=1)
    assert sum(m.days for m in months) == (366 if is_leap_year(year) else 365)
    assert months[11].days == month_length(year, 12) == (30 if is_leap_year(year) else 29)
    assert fiscal_year(year).following().first == fiscal_year(year).last + dt.timedelta(days=1)


def test_weeks_run_saturday_to_friday():
    week = week_of(D(2025, 11, 25))  # a Tuesday
    assert (week.first, week.last) == (D(2025, 11, 22), D(2025, 11, 28))
    assert week.first.weekday() == 5 and week.last.weekday() == 4  # Saturday … Friday
    assert week_of(D(2025, 11, 22)) == week == week_of(D(2025, 11, 28))
    assert week_of(D(2025, 11, 29)) == week.following()
    start = D(2024, 12, 1)
    for n in range(400):
        on = start + dt.timedelta(days=n)
        found = week_of(on)
        assert found.contains_day(on) and found.days == 7 and found.first.weekday() == 5


def test_a_week_across_the_new_year():
    week = week_of(from_jalali(1404, 1, 1))  # 2025-03-21, a Friday
    assert (week.first, week.last) == (D(2025, 3, 15), D(2025, 3, 21))
    assert week.label == "هفته ۱۴۰۳/۱۲/۲۵ تا ۱۴۰۴/۰۱/۰۱"


def test_bounds_are_tehran_midnights_in_utc():
    year = fiscal_year(1404)
    assert year.start_utc == dt.datetime(2025, 3, 20, 20, 30, tzinfo=UTC)
    assert year.end_utc == dt.datetime(2026, 3, 20, 20, 30, tzinfo=UTC)
    assert fiscal_year(1403).end_utc == year.start_utc  # no gap, no overlap
    last_instant_of_1403 = dt.datetime(2025, 3, 20, 20, 29, 59, tzinfo=UTC)
    assert fiscal_year(1403).contains(last_instant_of_1403)
    assert not year.contains(last_instant_of_1403)
    assert year.contains(year.start_utc) and not year.contains(year.end_utc)
    today = day(D(2025, 11, 25))
    assert today.start_utc == dt.datetime(2025, 11, 24, 20, 30, tzinfo=UTC)
    assert today.end_utc - today.start_utc == dt.timedelta(hours=24)


def test_days_of_the_old_summer_time_last_23_and_25_hours():
    # Iran kept summer time until 1401: clocks went 00:00 → 01:00 on 2 Farvardin and back
    # 24:00 → 23:00 at the end of 30 Shahrivar.
    spring = day(D(2022, 3, 22))
    assert spring.start_utc == dt.datetime(2022, 3, 21, 20, 30, tzinfo=UTC)
    assert spring.end_utc - spring.start_utc == dt.timedelta(hours=23)
    autumn = day(D(2022, 9, 21))
    assert autumn.end_utc - autumn.start_utc == dt.timedelta(hours=25)
    assert tehran_midnight(D(2022, 9, 22)) == dt.datetime(2022, 9, 21, 20, 30, tzinfo=UTC)
    assert tehran_midnight(D(2022, 7, 1)) == dt.datetime(2022, 6, 30, 19, 30, tzinfo=UTC)


def test_any_range_and_the_period_of_a_day():
    span = between(D(2025, 11, 1), D(2025, 11, 10))
    assert span.days == 10 and span.following() == between(D(2025, 11, 11), D(2025, 11, 20))
    assert span.label == "از ۱۴۰۴/۰۸/۱۰ تا ۱۴۰۴/۰۸/۱۹"
    with pytest.raises(ValueError):
        between(D(2025, 11, 2), D(2025, 11, 1))
    on = D(2025, 11, 25)
    assert period_of(PeriodKind.MONTH, on) == month_of(on) == month(1404, 9)
    assert month_of(on).label == "آذر ۱۴۰۴" and day(on).label == "۱۴۰۴/۰۹/۰۴"
    assert period_of(PeriodKind.WEEK, on) == week_of(on)
    assert period_of(PeriodKind.RANGE, on) == between(on, on)
