"""Jalali periods for reports: a day, a week from Saturday, a month, a season, the fiscal year
from 1 Farvardin, or any range of days; each with its Tehran-midnight boundaries in UTC.

A period is a run of whole local days, ``first`` to ``last`` inclusive. Stored moments are
UTC, so a query takes ``start_utc <= moment < end_utc``: the instants from Tehran's midnight
starting ``first`` to Tehran's midnight ending ``last`` (a day lasted 23 or 25 hours while Iran
kept summer time, until 1401; ``zoneinfo`` knows the history).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.jalali import (
    MONTH_NAMES,
    TEHRAN,
    format_date,
    from_jalali,
    is_leap_year,
    to_jalali,
)
from hendazh_desktop.domain.text import to_persian_digits

SEASON_NAMES = ("بهار", "تابستان", "پاییز", "زمستان")
SATURDAY = 5  # date.weekday()
ONE_DAY = dt.timedelta(days=1)


class PeriodKind(enum.StrEnum):
    """What a period is: its length follows the calendar."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    FISCAL_YEAR = "fiscal_year"
    RANGE = "range"


def tehran_midnight(day: dt.date) -> dt.datetime:
    """The UTC instant the local day ``day`` begins in Tehran."""
    return dt.datetime.combine(day, dt.time(0), TEHRAN).astimezone(dt.UTC)


def month_length(year: int, month: int) -> int:
    """31 days for the first six months, 30 for the next five, Esfand 29 (30 in a leap year)."""
    if not 1 <= month <= 12:
        raise ValueError(f"no month {month}")
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if is_leap_year(year) else 29


@dataclass(frozen=True, slots=True)
class Period:
    """Whole local days ``first`` … ``last``, of a kind, with a Persian label."""

    kind: PeriodKind
    first: dt.date
    last: dt.date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError("a period ends on or after its first day")

    @property
    def start_utc(self) -> dt.datetime:
        return tehran_midnight(self.first)

    @property
    def end_utc(self) -> dt.datetime:
        """The first instant after the period (exclusive bound)."""
        return tehran_midnight(self.last + ONE_DAY)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def contains(self, moment: dt.datetime) -> bool:
        """Whether a stored (aware) moment falls in the period."""
        return self.start_utc <= moment < self.end_utc

    def contains_day(self, day: dt.date) -> bool:
        return self.first <= day <= self.last

    @property
    def label(self) -> str:
        y, m, _d = to_jalali(self.first)
        if self.kind is PeriodKind.DAY:
            return format_date(self.first)
        if self.kind is PeriodKind.MONTH:
            return f"{MONTH_NAMES[m - 1]} {to_persian_digits(str(y))}"
        if self.kind is PeriodKind.SEASON:
            return f"{SEASON_NAMES[(m - 1) // 3]} {to_persian_digits(str(y))}"
        if self.kind is PeriodKind.FISCAL_YEAR:
            return f"سال مالی {to_persian_digits(str(y))}"
        span = f"{format_date(self.first)} تا {format_date(self.last)}"
        return f"هفته {span}" if self.kind is PeriodKind.WEEK else f"از {span}"

    def following(self) -> Period:
        """The next period of the same kind (a range: the same number of days after it)."""
        return self._shifted(+1)

    def preceding(self) -> Period:
        """The period of the same kind before this one."""
        return self._shifted(-1)

    def _shifted(self, step: int) -> Period:
        y, m, _d = to_jalali(self.first)
        if self.kind is PeriodKind.MONTH:
            index = y * 12 + (m - 1) + step
            return month(index // 12, index % 12 + 1)
        if self.kind is PeriodKind.SEASON:
            index = y * 4 + (m - 1) // 3 + step
            return season(index // 4, index % 4 + 1)
        if self.kind is PeriodKind.FISCAL_YEAR:
            return fiscal_year(y + step)
        shift = dt.timedelta(days=self.days * step)
        return Period(self.kind, self.first + shift, self.last + shift)


def day(on: dt.date) -> Period:
    return Period(PeriodKind.DAY, on, on)


def week_of(on: dt.date) -> Period:
    """The week (Saturday to Friday) holding ``on``."""
    first = on - dt.timedelta(days=(on.weekday() - SATURDAY) % 7)
    return Period(PeriodKind.WEEK, first, first + dt.timedelta(days=6))


def month(year: int, number: int) -> Period:
    """A Jalali month: 1 Farvardin … the month's last day."""
    first = from_jalali(year, number, 1)
    last = first + dt.timedelta(days=month_length(year, number) - 1)
    return Period(PeriodKind.MONTH, first, last)


def month_of(on: dt.date) -> Period:
    y, m, _d = to_jalali(on)
    return month(y, m)


def season(year: int, number: int) -> Period:
    """Season 1 (spring: Farvardin–Khordad) to 4 (winter: Dey–Esfand)."""
    if not 1 <= number <= 4:
        raise ValueError(f"no season {number}")
    first_month = 3 * (number - 1) + 1
    return Period(
        PeriodKind.SEASON, month(year, first_month).first, month(year, first_month + 2).last
    )


def season_of(on: dt.date) -> Period:
    y, m, _d = to_jalali(on)
    return season(y, (m - 1) // 3 + 1)


def fiscal_year(year: int) -> Period:
    """1 Farvardin to the last day of Esfand (29 or 30)."""
    return Period(PeriodKind.FISCAL_YEAR, month(year, 1).first, month(year, 12).last)


def fiscal_year_of(on: dt.date) -> Period:
    return fiscal_year(to_jalali(on)[0])


def between(first: dt.date, last: dt.date) -> Period:
    """Any run of days (refused when it ends before it starts)."""
    return Period(PeriodKind.RANGE, first, last)


def period_of(kind: PeriodKind, on: dt.date) -> Period:
    """The period of ``kind`` holding the day ``on`` (a range: that day alone)."""
    makers = {
        PeriodKind.DAY: day,
        PeriodKind.WEEK: week_of,
        PeriodKind.MONTH: month_of,
        PeriodKind.SEASON: season_of,
        PeriodKind.FISCAL_YEAR: fiscal_year_of,
        PeriodKind.RANGE: lambda d: between(d, d),
    }
    return makers[kind](on)


# -- for reports: typed ranges, a year before, the months of a period, chart labels ------------
MAX_RANGE_DAYS = 3 * 366
"""The longest range a report is asked for (three years)."""


def checked_range(first: dt.date, last: dt.date) -> Period:
    """A range typed by the user: a field error when it ends before it starts or is longer
    than three years."""
    if last < first:
        raise ValidationError("period", "date_range_reversed")
    if (last - first).days + 1 > MAX_RANGE_DAYS:
        raise ValidationError("period", "range_too_long")
    return between(first, last)


def end_day(period: Period) -> dt.date:
    """The first day after the period (the half-open bound of a query on local days)."""
    return period.last + ONE_DAY


def each_day(period: Period) -> list[dt.date]:
    return [period.first + dt.timedelta(days=i) for i in range(period.days)]


def local_day(moment: dt.datetime) -> dt.date:
    """The Tehran day of a stored UTC moment."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(TEHRAN).date()


def _shift_year(on: dt.date, years: int) -> dt.date:
    y, m, d = to_jalali(on)
    if m == 12 and d == 30 and not is_leap_year(y + years):
        d = 29
    return from_jalali(y + years, m, d)


def year_before(period: Period) -> Period:
    """The same period a Jalali year earlier: the same month, season or fiscal year (whole,
    whatever its length then); other periods day for day (30 Esfand of a leap year → 29)."""
    if period.kind in (PeriodKind.MONTH, PeriodKind.SEASON, PeriodKind.FISCAL_YEAR):
        return period_of(period.kind, _shift_year(period.first, -1))
    return Period(period.kind, _shift_year(period.first, -1), _shift_year(period.last, -1))


def months_in(period: Period) -> list[Period]:
    """The Jalali months a period touches, each cut to the period."""
    out: list[Period] = []
    cursor = period.first
    while cursor <= period.last:
        whole = month_of(cursor)
        out.append(Period(PeriodKind.MONTH, cursor, min(whole.last, period.last)))
        cursor = whole.last + ONE_DAY
    return out


def month_label(on: dt.date, *, with_year: bool = False) -> str:
    """«آبان», or «آبان ۱۴۰۴», for the month holding ``on``."""
    y, m, _d = to_jalali(on)
    return f"{MONTH_NAMES[m - 1]} {to_persian_digits(str(y))}" if with_year else MONTH_NAMES[m - 1]


def short_day_label(on: dt.date) -> str:
    """۰۸/۱۵: a day on a chart's axis."""
    _y, m, d = to_jalali(on)
    return to_persian_digits(f"{m:02d}/{d:02d}")
