"""A report's chart on screen with QtCharts: bars, lines or a pie, Jalali category labels and
Persian digits on the value axis (large sums in millions).

Category labels are never elided: once the chart is laid out, they turn to 45° or 90° when
the room per category is narrower than the widest label (the dashboard's twelve months at
1280 or 1366 pixels wide read «اردیبه…» otherwise)."""

from __future__ import annotations

import math

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QWidget

from hendazh_desktop.services.reports.records import Chart, ChartKind

PALETTE = ("#2e6da4", "#e08e2b", "#3c9d5d", "#c0392b", "#8e5ea2", "#5b6673", "#d4ac0d",
           "#17a2b8", "#a0522d", "#7f8c8d")  # fmt: skip
TICKS = 5


def _nice_top(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value:
            return float(step * magnitude)
    return float(10 * magnitude)


def label_angle(widest: float, height: float, room: float) -> int:
    """The angle of category labels ``widest`` pixels wide (text ``height`` high) with
    ``room`` pixels per category: level when they fit, else 45°, else upright."""
    if widest <= room:
        return 0
    if (widest + height) * 0.71 <= room:
        return -45
    return -90


def fit_category_labels(chart: QChart, _area: QRectF | None = None) -> None:
    """Turn the category labels as far as the plot's width needs (never elide them)."""
    for axis in chart.axes(Qt.Orientation.Horizontal):
        if not isinstance(axis, QBarCategoryAxis) or axis.count() == 0:
            continue
        axis.setTruncateLabels(False)
        metrics = QFontMetricsF(axis.labelsFont())
        widest = max(metrics.horizontalAdvance(c) for c in axis.categories()) + 8
        room = chart.plotArea().width() / axis.count()
        if room <= 0:
            continue
        angle = label_angle(widest, metrics.height(), room)
        if axis.labelsAngle() != angle:
            axis.setLabelsAngle(angle)


def value_ticks(top: float) -> tuple[float, int]:
    """The value axis's top and tick count: round steps, whole ones for small counts (a
    funnel of three requests reads 0 1 2 3, not 0 0 1 1 1 2)."""
    if top <= TICKS:
        whole = float(max(1, math.ceil(top)))
        return whole, int(whole) + 1
    return _nice_top(top), TICKS + 1


def build_chart(chart: Chart | None, *, compact: bool = False) -> QChart:
    """A ``QChart`` for a report's chart (empty when the report has none)."""
    q = QChart()
    q.setLocalizeNumbers(True)
    q.setBackgroundRoundness(0)
    q.setMargins(QMargins(4, 4, 4, 4))
    q.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    font = QFont("Vazirmatn", 8 if compact else 9)
    q.setFont(font)
    q.legend().setFont(font)
    if chart is None:
        return q
    q.setTitle(chart.title)
    title_font = QFont("Vazirmatn", 9 if compact else 10)
    title_font.setBold(True)
    q.setTitleFont(title_font)
    if chart.kind is ChartKind.PIE:
        pie = QPieSeries()
        values = chart.series[0].values if chart.series else ()
        for i, (label, value) in enumerate(zip(chart.categories, values, strict=False)):
            piece = pie.append(label, max(float(value), 0.0))
            piece.setColor(QColor(PALETTE[i % len(PALETTE)]))
        q.addSeries(pie)
        q.legend().setAlignment(Qt.AlignmentFlag.AlignRight)  # one name a line, never elided
        return q
    # Time and order run right to left, as the Persian reader reads: the first category at the
    # right (Qt's charts do not mirror in a right-to-left layout).
    categories = list(reversed(chart.categories))
    axis_x = QBarCategoryAxis()
    axis_x.append(categories)
    axis_x.setLabelsFont(font)
    axis_x.setTruncateLabels(False)
    if len(categories) > (6 if compact else 12):
        axis_x.setLabelsAngle(-90)  # until the layout tells the room (fit_category_labels)
    q.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    q.plotAreaChanged.connect(lambda area: fit_category_labels(q, area))
    top = max((max(s.values, default=0.0) for s in chart.series), default=0.0)
    scale, unit = (1_000_000.0, "میلیون") if top >= 10_000_000 else (1.0, "")
    top /= scale
    axis_y = QValueAxis()
    axis_top, ticks = value_ticks(top)
    axis_y.setRange(0, axis_top)
    if unit:
        axis_y.setTitleText(unit)
        axis_y.setTitleFont(font)
    axis_y.setTickCount(ticks)
    axis_y.setLabelsFont(font)
    axis_y.setLabelFormat("%.0f")
    axis_y.setLabelsVisible(True)
    q.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    if chart.kind is ChartKind.LINE:
        for i, one in enumerate(chart.series):
            line = QLineSeries()
            line.setName(one.name)
            for x, v in enumerate(reversed(one.values)):
                line.append(x + 0.5, v / scale)
            line.setColor(QColor(PALETTE[i % len(PALETTE)]))
            q.addSeries(line)
            line.attachAxis(axis_x)
            line.attachAxis(axis_y)
    else:
        bars = QBarSeries()
        for i, one in enumerate(chart.series):
            bar_set = QBarSet(one.name)
            bar_set.append([float(v) / scale for v in reversed(one.values)])
            bar_set.setColor(QColor(PALETTE[i % len(PALETTE)]))
            bars.append(bar_set)
        q.addSeries(bars)
        bars.attachAxis(axis_x)
        bars.attachAxis(axis_y)
    q.legend().setVisible(len(chart.series) > 1)
    return q


class ChartView(QChartView):
    """A chart view that keeps its chart's aspect and antialiases."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)

    def show_chart(self, chart: Chart | None, *, compact: bool = False) -> None:
        old = self.chart()
        self.setChart(build_chart(chart, compact=compact))
        if old is not None:
            old.deleteLater()
