"""A manager's report as an A4 PDF: the company header, the report's title and Jalali period,
its key figures, the chart drawn with ReportLab graphics, the tables (header row repeated on
every page, totals last) and «صفحه ۳ از ۱۲» on every page.

Body cells are short texts (numbers, names), shaped once and drawn as plain strings: a
flowable per cell would make a 50-page report several times slower."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from hendazh_desktop.domain.money import format_compact
from hendazh_desktop.domain.progress import CancelCheck, Cancelled, never_cancelled
from hendazh_desktop.reports.billing_layout import MUTED, build, cell, page_footer
from hendazh_desktop.reports.layout import INK, RULE, SHADE, ensure_fonts
from hendazh_desktop.reports.persian import BOLD, REGULAR, shape, visual, width
from hendazh_desktop.reports.report_data import ChartData, ReportDocument, TableData

PAGE = A4
MARGIN = 12 * mm
WIDTH = PAGE[0] - 2 * MARGIN
BODY_SIZE = 7.5
PALETTE = tuple(
    colors.HexColor(c)
    for c in ("#2e6da4", "#e08e2b", "#3c9d5d", "#c0392b", "#8e5ea2", "#5b6673", "#d4ac0d",
              "#17a2b8", "#a0522d", "#7f8c8d")
)  # fmt: skip


def _rtl(text: str) -> str:
    return visual(shape(text)) if text else ""


def _fit(text: str, font: str, size: float, room: float) -> str:
    """The shaped line, cut with «…» when it is wider than its column."""
    shown = _rtl(text)
    if width(shape(text), font, size) <= room or len(text) < 4:
        return shown
    while len(text) > 3 and width(shape(text + "…"), font, size) > room:
        text = text[:-1]
    return _rtl(text + "…")


def _widths(data: TableData) -> list[float]:
    """Columns in proportion to their longest text (first column at least a quarter)."""
    longest = []
    for i, h in enumerate(data.headers):
        sample = [r[i] for r in data.rows[:200]] + ([data.totals[i]] if data.totals else [])
        longest.append(max([len(h) * 0.6, 6.0] + [float(len(s)) for s in sample]))
    total = sum(longest)
    out = [WIDTH * v / total for v in longest]
    return out


def _table(data: TableData, check: Callable[[], None]) -> list[Flowable]:
    widths = _widths(data)
    head = [cell(h, size=BODY_SIZE, bold=True, align="center") for h in data.headers]
    body: list[list[object]] = [list(head)]
    for n, row in enumerate(data.rows):
        if n % 500 == 0:
            check()
        body.append([_fit(v, REGULAR, BODY_SIZE, w - 6) for v, w in zip(row, widths, strict=True)])
    if data.totals is not None:
        body.append([_fit(v, BOLD, BODY_SIZE, w - 6) for v, w in
                     zip(data.totals, widths, strict=True)])  # fmt: skip
    count = len(widths)
    table = Table([list(reversed(r)) for r in body], colWidths=list(reversed(widths)),
                  repeatRows=1)  # fmt: skip
    style: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.3, RULE),
        ("BOX", (0, 0), (-1, -1), 0.7, INK),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("FONT", (0, 1), (-1, -1), REGULAR, BODY_SIZE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("ALIGN", (0, 1), (-1, -1), "RIGHT"),
    ]
    for i, numeric in enumerate(data.numeric):
        if numeric:
            col = count - 1 - i
            style.append(("ALIGN", (col, 1), (col, -1), "LEFT"))
    if data.totals is not None:
        style += [("BACKGROUND", (0, -1), (-1, -1), SHADE), ("FONT", (0, -1), (-1, -1), BOLD,
                                                             BODY_SIZE)]  # fmt: skip
    table.setStyle(TableStyle(style))
    return [cell(data.title, size=10, bold=True), Spacer(1, 1.5 * mm), table, Spacer(1, 5 * mm)]


def _axis_text(value: float) -> str:
    return visual(format_compact(int(value)))


def _chart(data: ChartData) -> Drawing:
    height = 62 * mm
    drawing = Drawing(WIDTH, height)
    drawing.add(String(WIDTH, height - 10, _rtl(data.title), fontName=BOLD, fontSize=9,
                       textAnchor="end", fillColor=INK))  # fmt: skip
    names = [_rtl(n) for n, _ in data.series]
    if data.kind == "pie":
        pie = Pie()
        pie.x, pie.y, pie.width, pie.height = WIDTH / 2 - 30 * mm, 6 * mm, 42 * mm, 42 * mm
        values = list(data.series[0][1]) if data.series else []
        if not any(values):
            values = [1.0] * len(values)
        pie.data = values or [1.0]
        pie.labels = None
        for i in range(len(pie.data)):
            pie.slices[i].fillColor = PALETTE[i % len(PALETTE)]
            pie.slices[i].strokeColor = colors.white
        drawing.add(pie)
        legend_items = [(PALETTE[i % len(PALETTE)], _rtl(c)) for i, c in enumerate(data.categories)]
        _legend(drawing, legend_items, WIDTH / 2 + 22 * mm, height - 18 * mm)
        return drawing
    chart: VerticalBarChart | HorizontalLineChart
    chart = HorizontalLineChart() if data.kind == "line" else VerticalBarChart()
    chart.x, chart.y = 16 * mm, 14 * mm
    chart.width, chart.height = WIDTH - 20 * mm, height - 30 * mm
    # right to left: the first category (the first day or month) at the right
    chart.data = [list(reversed(v)) or [0.0] for _, v in data.series] or [[0.0]]
    labels = list(reversed(data.categories)) or [""]
    step = max(1, len(labels) // 16)  # at most ~16 labels fit under the axis
    chart.categoryAxis.categoryNames = [_rtl(c) if i % step == 0 else "" for i, c in
                                        enumerate(labels)]  # fmt: skip
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.angle = 30 if len(labels) > 8 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(labels) > 8 else "n"
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.labelTextFormat = _axis_text
    chart.valueAxis.valueMin = 0
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dde3ea")
    chart.valueAxis.strokeColor = RULE
    chart.categoryAxis.strokeColor = RULE
    for i in range(len(chart.data)):
        if isinstance(chart, VerticalBarChart):
            chart.bars[i].fillColor = PALETTE[i % len(PALETTE)]
            chart.bars[i].strokeColor = None
        else:
            chart.lines[i].strokeColor = PALETTE[i % len(PALETTE)]
            chart.lines[i].strokeWidth = 1.5
    drawing.add(chart)
    if len(names) > 1:
        _legend(drawing, [(PALETTE[i % len(PALETTE)], n) for i, n in enumerate(names)],
                24 * mm, height - 6 * mm)  # fmt: skip
    return drawing


def _legend(drawing: Drawing, items: list[tuple[object, str]], x: float, y: float) -> None:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName = REGULAR
    legend.fontSize = 7
    legend.alignment = "left"
    legend.columnMaximum = 8
    legend.colorNamePairs = items
    drawing.add(legend)


def _figures(figures: tuple[tuple[str, str], ...]) -> Table:
    per_row = 3
    cells: list[list[object]] = []
    for i in range(0, len(figures), per_row):
        chunk = list(figures[i : i + per_row])
        chunk += [("", "")] * (per_row - len(chunk))
        row: list[object] = []
        for label, value in chunk:
            row += [cell(label, size=7.5, color=MUTED), cell(value, size=8.5, bold=True)]
        cells.append(row)
    w = WIDTH / per_row
    table = Table([list(reversed(r)) for r in cells], colWidths=[w * 0.62, w * 0.38] * per_row)
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, RULE),
                               ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f7f9fb")),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))  # fmt: skip
    return table


def story_of(doc: ReportDocument, check: Callable[[], None]) -> list[Flowable]:
    story: list[Flowable] = [
        cell(doc.company, size=13, bold=True, align="center"),
        cell(doc.title, size=12, bold=True, align="center"),
        cell(doc.subtitle, size=9, align="center", color=MUTED),
        Spacer(1, 4 * mm),
    ]
    if doc.figures:
        story += [_figures(doc.figures), Spacer(1, 4 * mm)]
    if doc.chart is not None:
        story += [_chart(doc.chart), Spacer(1, 4 * mm)]
    for t in doc.tables:
        story += _table(t, check)
    return story


def render_report(doc: ReportDocument, *, cancelled: CancelCheck = never_cancelled) -> bytes:
    def check() -> None:
        if cancelled():
            raise Cancelled

    ensure_fonts()  # the cells are measured while the story is made

    caption = f"{doc.title} — {doc.subtitle} — چاپ {doc.printed}" if doc.printed else doc.title
    return build(
        story_of(doc, check),
        PAGE,
        MARGIN,
        title=doc.title,
        furniture=page_footer(PAGE, MARGIN, caption),
    )


def write_report_pdf(doc: ReportDocument, path: Path, *,
                     cancelled: CancelCheck = never_cancelled) -> int:  # fmt: skip
    """Write the PDF to ``path``; returns the number of pages."""
    data = render_report(doc, cancelled=cancelled)
    path.write_bytes(data)
    return data.count(b"/Type /Page\n") or data.count(b"/Type /Page") - data.count(b"/Type /Pages")
