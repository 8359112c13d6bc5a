"""What a report module receives (the read transaction, the period, the filters, progress and
cancellation) and how it declares itself; helpers for day or month chart axes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hendazh_desktop.db.repositories.report_money import ReportScope
from hendazh_desktop.domain.jalali_periods import (
    Period,
    each_day,
    end_day,
    month_label,
    months_in,
    short_day_label,
)
from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.domain.progress import CancelCheck, Progress, stop_if_cancelled
from hendazh_desktop.services.reports.records import Report, ReportFilters

if TYPE_CHECKING:
    from hendazh_desktop.db.database import UnitOfWork

DAYS_ON_AXIS = 45
"""A period up to this long is charted day by day; a longer one month by month."""


@dataclass
class ReportContext:
    """One computation: a read transaction and what the user chose."""

    uow: UnitOfWork
    period: Period
    filters: ReportFilters
    today: dt.date
    progress: Progress
    cancelled: CancelCheck
    steps: int = 1
    done: int = 0

    @property
    def scope(self) -> ReportScope:
        return ReportScope(
            self.period.first,
            end_day(self.period),
            service_id=self.filters.service_id,
            group_id=self.filters.group_id,
            consultant_id=self.filters.consultant_id,
        )

    def step(self, message: str = "") -> None:
        """Between two queries: stop if asked to, and say how far the work is."""
        stop_if_cancelled(self.cancelled)
        self.done += 1
        self.progress(min(self.done, self.steps), self.steps, message)


Builder = Callable[[ReportContext], Report]


class Filter:
    """The filter names a report may accept."""

    SERVICE = "service"
    GROUP = "group"
    CONSULTANT = "consultant"


@dataclass(frozen=True, slots=True)
class ReportSpec:
    """A report of the catalogue: who may run it, which filters it takes, how it is built."""

    key: str
    title: str
    permission: Permission
    filters: frozenset[str]
    build: Builder
    steps: int = 3


def axis(period: Period) -> tuple[list[str], Callable[[dt.date], int]]:
    """The categories of a time chart over ``period`` (days, or months when longer) and the
    function giving a day's position on it."""
    if period.days <= DAYS_ON_AXIS:
        labels = [short_day_label(d) for d in each_day(period)]
        return labels, lambda day: (day - period.first).days
    months = months_in(period)
    labels = [month_label(m.first, with_year=len(months) > 12) for m in months]
    firsts = [m.first for m in months]

    def position(day: dt.date) -> int:
        i = 0
        while i + 1 < len(firsts) and firsts[i + 1] <= day:
            i += 1
        return i

    return labels, position
