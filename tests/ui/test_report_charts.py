"""Chart labels: the twelve months of the dashboard's revenue chart are never elided, they turn
when the room per month is narrower than the longest name; small counts get whole ticks."""

from __future__ import annotations

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QValueAxis
from PySide6.QtCore import Qt

from hendazh_desktop.domain.jalali_periods import MONTH_NAMES
from hendazh_desktop.services.reports.records import Chart, ChartKind, Series
from hendazh_desktop.ui.reports.charts import ChartView, label_angle, value_ticks

MONTHS = Chart("فروش خالص ماه‌ها (ریال)", ChartKind.BAR, tuple(MONTH_NAMES),
               (Series("فروش خالص", tuple(float(n * 1_000_000) for n in range(12))),))  # fmt: skip


def _axis(view: ChartView) -> QBarCategoryAxis:
    (axis,) = view.chart().axes(Qt.Orientation.Horizontal)
    assert isinstance(axis, QBarCategoryAxis)
    return axis


@pytest.mark.parametrize("width", [340, 330])  # one third of the dashboard at 1366 and 1280
def test_month_names_turn_instead_of_being_cut(qtbot, width):
    view = ChartView()
    qtbot.addWidget(view)
    view.show_chart(MONTHS, compact=True)
    view.resize(width, 390)
    view.show()
    qtbot.waitUntil(lambda: view.chart().plotArea().width() < width)
    axis = _axis(view)
    assert not axis.truncateLabels()
    assert axis.labelsAngle() == -90  # 12 names in ~280 px: only upright ones fit
    view.resize(1300, 390)  # room enough: level again
    qtbot.waitUntil(lambda: _axis(view).labelsAngle() == 0)


def test_label_angle():
    assert label_angle(40, 14, 50) == 0
    assert label_angle(50, 14, 46) == -45
    assert label_angle(60, 14, 24) == -90


def test_small_counts_get_whole_ticks(qtbot):
    assert value_ticks(3) == (3.0, 4)
    assert value_ticks(0) == (1.0, 2)
    assert value_ticks(7_300) == (10_000.0, 6)
    view = ChartView()
    qtbot.addWidget(view)
    view.show_chart(Chart("قیف", ChartKind.BAR, ("ثبت", "انجام"), (Series("n", (3.0, 1.0)),)))
    (axis,) = view.chart().axes(Qt.Orientation.Vertical)
    assert isinstance(axis, QValueAxis)
    assert (axis.max(), axis.tickCount()) == (3.0, 4)
