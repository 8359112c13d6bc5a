"""Choosing a report's Jalali period: presets (this month, last season, this fiscal year…),
or a kind (day, week, month, season, fiscal year) and a day in it, or any range of days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from hendazh_desktop.domain import jalali_periods as jp
from hendazh_desktop.domain.jalali_periods import Period, PeriodKind
from hendazh_desktop.ui.common.jalali_date_edit import JalaliDateEdit

KIND_LABELS = {
    PeriodKind.DAY: "روز",
    PeriodKind.WEEK: "هفته",
    PeriodKind.MONTH: "ماه",
    PeriodKind.SEASON: "فصل",
    PeriodKind.FISCAL_YEAR: "سال مالی",
    PeriodKind.RANGE: "بازه دلخواه",
}

Preset = Callable[[dt.date], Period]
PRESETS: tuple[tuple[str, Preset], ...] = (
    ("امروز", jp.day),
    ("این هفته", jp.week_of),
    ("این ماه", jp.month_of),
    ("ماه گذشته", lambda d: jp.month_of(d).preceding()),
    ("این فصل", jp.season_of),
    ("فصل گذشته", lambda d: jp.season_of(d).preceding()),
    ("امسال (سال مالی)", jp.fiscal_year_of),
    ("سال مالی گذشته", lambda d: jp.fiscal_year_of(d).preceding()),
)


class PeriodPicker(QWidget):
    """A preset or a kind with its day(s); ``period()`` gives the chosen ``Period``."""

    period_changed = Signal()
    """The chosen period changed."""

    def __init__(self, *, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.preset = QComboBox()
        self.preset.addItem("—", None)
        for label, _ in PRESETS:
            self.preset.addItem(label, label)
        self.kind = QComboBox()
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(label, kind.value)
        self.first = JalaliDateEdit(optional=False)
        self.last = JalaliDateEdit(optional=False)
        self.to_label = QLabel("تا")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (QLabel("دوره:"), self.preset, self.kind, self.first, self.to_label, self.last):
            layout.addWidget(w)
        self.preset.currentIndexChanged.connect(self._on_preset_current_index_changed)
        self.kind.currentIndexChanged.connect(self._on_kind_current_index_changed)
        self.first.date_changed.connect(lambda _d: self.period_changed.emit())
        self.last.date_changed.connect(lambda _d: self.period_changed.emit())
        self.set_period(jp.month_of(today()))

    def set_period(self, period: Period) -> None:
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(period.kind.value))
        self.kind.blockSignals(False)
        self.first.set_value(period.first)
        self.last.set_value(period.last)
        self._show_range(period.kind is PeriodKind.RANGE)

    def choose_preset(self, label: str) -> None:
        self.preset.setCurrentIndex(self.preset.findData(label))

    def _show_range(self, shown: bool) -> None:
        self.to_label.setVisible(shown)
        self.last.setVisible(shown)

    def _on_preset_current_index_changed(self, _index: int) -> None:
        label = self.preset.currentData()
        for name, make in PRESETS:
            if name == label:
                self.set_period(make(self._today()))
                self.period_changed.emit()

    def _on_kind_current_index_changed(self, _index: int) -> None:
        self._show_range(PeriodKind(self.kind.currentData()) is PeriodKind.RANGE)
        self.period_changed.emit()

    def period(self) -> Period:
        """The chosen period (a range ending before it starts is refused)."""
        kind = PeriodKind(self.kind.currentData())
        first = self.first.value() or self._today()
        if kind is PeriodKind.RANGE:
            return jp.checked_range(first, self.last.value() or first)
        return jp.period_of(kind, first)
