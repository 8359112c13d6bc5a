"""What a report returns: tables of rows with their totals, chart series, and the period and
filters it was computed for (frozen; the screen, the PDF and the workbook all read these)."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from hendazh_desktop.domain.jalali_periods import Period

Value = str | int | float | dt.date | None
"""A cell: text, a number (money in rials, a count, a share), a local day, or nothing."""


class ColumnKind(enum.StrEnum):
    """How a column's values are shown."""

    TEXT = "text"
    MONEY = "money"  # integer rials
    COUNT = "count"
    PERCENT = "percent"  # a float, 0–100
    DAY = "day"  # a local date, shown Jalali
    SCORE = "score"  # a float average


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    kind: ColumnKind = ColumnKind.TEXT


@dataclass(frozen=True, slots=True)
class ReportTable:
    """One table of a report: its rows, and the totals row when sums make sense."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    totals: tuple[Value, ...] | None = None


class ChartKind(enum.StrEnum):
    BAR = "bar"
    LINE = "line"
    PIE = "pie"


@dataclass(frozen=True, slots=True)
class Series:
    """One named series of values, one per category of its chart."""

    name: str
    values: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart: categories (Jalali days, months, services…) and one or more series."""

    title: str
    kind: ChartKind
    categories: tuple[str, ...]
    series: tuple[Series, ...]


@dataclass(frozen=True, slots=True)
class Figure:
    """One key figure shown above the table (and at the head of the PDF)."""

    label: str
    value: Value
    kind: ColumnKind = ColumnKind.MONEY


@dataclass(frozen=True, slots=True)
class ReportFilters:
    """Optional filters; each report uses the ones that make sense for it."""

    service_id: int | None = None
    group_id: int | None = None
    consultant_id: int | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """A computed report: the key figures, the tables and the chart, for one period."""

    key: str
    title: str
    period: Period
    filters_text: str
    tables: tuple[ReportTable, ...]
    chart: Chart | None
    figures: tuple[Figure, ...] = field(default=())
    computed_at: dt.datetime | None = None

    def table(self, title: str) -> ReportTable:
        for t in self.tables:
            if t.title == title:
                return t
        raise KeyError(title)

    def figure(self, label: str) -> Value:
        for f in self.figures:
            if f.label == label:
                return f.value
        raise KeyError(label)
