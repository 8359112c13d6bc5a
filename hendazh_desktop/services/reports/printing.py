"""A computed report as the PDF's document (formatted Persian text) and as export sheets
(numbers as numbers, Jalali days as text)."""

from __future__ import annotations

from hendazh_desktop.domain.jalali import format_datetime
from hendazh_desktop.reports.report_data import ChartData, ReportDocument, TableData
from hendazh_desktop.reports.sheets import Table
from hendazh_desktop.services.reports.formatting import NUMERIC, cell, shown
from hendazh_desktop.services.reports.records import Report


def sheets_of(report: Report) -> list[Table]:
    """Each table as a sheet; the totals as its last row (bold)."""
    out = []
    for t in report.tables:
        rows = [[cell(v) for v in row] for row in t.rows]
        totals = [cell(v) for v in t.totals] if t.totals is not None else None
        out.append(Table(t.title, [c.title for c in t.columns], rows, totals=totals))
    return out


def document_of(report: Report, company: str, city: str) -> ReportDocument:
    """The text the PDF prints: every value formatted once, here."""
    tables = []
    for t in report.tables:
        kinds = [c.kind for c in t.columns]
        rows = tuple(tuple(shown(v, k) for v, k in zip(row, kinds, strict=True)) for row in t.rows)
        totals = (
            tuple(shown(v, k) for v, k in zip(t.totals, kinds, strict=True))
            if t.totals is not None
            else None
        )
        numeric = tuple(k in NUMERIC for k in kinds)
        tables.append(TableData(t.title, tuple(c.title for c in t.columns), rows, totals, numeric))
    chart = None
    if report.chart is not None:
        c = report.chart
        chart = ChartData(c.title, c.kind.value, c.categories,
                          tuple((s.name, s.values) for s in c.series))  # fmt: skip
    subtitle = f"دوره: {report.period.label}"
    if report.filters_text:
        subtitle += f" — {report.filters_text}"
    return ReportDocument(
        company=company,
        city=city,
        title=report.title,
        subtitle=subtitle,
        printed=format_datetime(report.computed_at) if report.computed_at else "",
        figures=tuple((f.label, shown(f.value, f.kind)) for f in report.figures),
        chart=chart,
        tables=tuple(tables),
    )
