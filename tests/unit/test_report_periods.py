"""The report helpers of the Jalali periods: typed ranges, a year before (Esfand 30 of a leap
year), the months a period touches, chart labels and the Tehran day of a UTC moment."""

from __future__ import annotations

import datetime as dt

import pytest

from hendazh_desktop.domain import jalali_periods as jp
from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.jalali import from_jalali


def test_a_typed_range_is_checked() -> None:
    r = jp.checked_range(dt.date(2025, 11, 1), dt.date(2025, 11, 10))
    assert r.days == 10 and jp.end_day(r) == dt.date(2025, 11, 11)
    assert jp.each_day(r)[-1] == r.last and len(jp.each_day(r)) == 10
    with pytest.raises(ValidationError) as reversed_range:
        jp.checked_range(dt.date(2025, 11, 10), dt.date(2025, 11, 1))
    assert reversed_range.value.code == "date_range_reversed"
    with pytest.raises(ValidationError) as too_long:
        jp.checked_range(dt.date(2020, 1, 1), dt.date(2025, 1, 1))
    assert too_long.value.code == "range_too_long"


def test_year_before_keeps_the_kind_and_folds_esfand_30() -> None:
    assert jp.year_before(jp.month(1404, 9)) == jp.month(1403, 9)
    assert jp.year_before(jp.fiscal_year(1404)) == jp.fiscal_year(1403)
    leap_end = jp.between(from_jalali(1403, 12, 30), from_jalali(1403, 12, 30))
    assert jp.year_before(leap_end).first == from_jalali(1402, 12, 29)


def test_months_in_a_period_are_cut_to_it() -> None:
    r = jp.between(from_jalali(1404, 8, 20), from_jalali(1404, 10, 5))
    months = jp.months_in(r)
    assert [m.first for m in months] == [r.first, from_jalali(1404, 9, 1), from_jalali(1404, 10, 1)]
    assert months[-1].last == r.last and sum(m.days for m in months) == r.days
    assert len(jp.months_in(jp.fiscal_year(1403))) == 12
    assert jp.months_in(jp.fiscal_year(1403))[-1].days == 30  # Esfand of a leap year


def test_labels_and_the_tehran_day() -> None:
    assert jp.month_label(from_jalali(1404, 8, 15)) == "آبان"
    assert jp.month_label(from_jalali(1404, 8, 15), with_year=True) == "آبان ۱۴۰۴"
    assert jp.short_day_label(from_jalali(1404, 8, 5)) == "۰۸/۰۵"
    assert jp.local_day(dt.datetime(2025, 11, 24, 20, 29, 59, tzinfo=dt.UTC)) == dt.date(
        2025, 11, 24
    )
    assert jp.local_day(dt.datetime(2025, 11, 24, 20, 30, tzinfo=dt.UTC)) == dt.date(2025, 11, 25)
