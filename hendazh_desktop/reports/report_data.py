"""What a printed report holds: plain data, no ReportLab (building it loads no PDF library)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TableData:
    """One table, every value already formatted; ``numeric`` marks right-aligned columns."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    totals: tuple[str, ...] | None
    numeric: tuple[bool, ...]


@dataclass(frozen=True, slots=True)
class ChartData:
    """The chart of a report: categories and named series of values."""

    title: str
    kind: str  # bar, line, pie
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]


@dataclass(frozen=True, slots=True)
class ReportDocument:
    """Everything a printed report shows, already formatted."""

    company: str
    city: str
    title: str
    subtitle: str  # the period in Jalali, and the filters
    printed: str  # when it was computed
    figures: tuple[tuple[str, str], ...]
    chart: ChartData | None
    tables: tuple[TableData, ...]
