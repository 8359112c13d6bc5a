"""Date fields as a user meets them at 1280×800: Tab leaves after the day is typed, an empty
optional field opens on today (never Dey 1278) and ↑ starts from today."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from ui_helpers import press

from hendazh_desktop.domain.jalali import to_jalali
from hendazh_desktop.ui.common.jalali_date_edit import JalaliDateEdit


@pytest.fixture
def form(qtbot):
    """A 1280×800 window: a required date, an optional one and a line edit after them."""
    window = QWidget()
    layout = QVBoxLayout(window)
    required = JalaliDateEdit(optional=False)
    optional = JalaliDateEdit(optional=True)
    after = QLineEdit()
    for widget in (required, optional, after):
        layout.addWidget(widget)
    layout.addStretch(1)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitActive(window)
    yield required, optional, after
    window.close()


def test_tab_leaves_the_field_after_the_day_is_typed(form):
    required, optional, _after = form
    required.setFocus()
    required.set_value(dt.date(2025, 12, 6))  # 1404/09/15
    y, m, _d = to_jalali(required.value())
    for ch in "20":  # the field opens on the day (written last, left of the month)
        QTest.keyClick(required, ch)
    assert to_jalali(required.value()) == (y, m, 20)
    press(required, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() in (optional, optional.lineEdit())


def test_tab_leaves_an_empty_optional_field(form):
    _required, optional, after = form
    optional.setFocus()
    assert optional.value() is None
    press(optional, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is after
    assert optional.value() is None


def test_up_arrow_on_an_empty_field_starts_from_today(form):
    _required, optional, _after = form
    optional.setFocus()
    press(optional, Qt.Key.Key_Up)
    assert optional.value() == dt.date.today()  # was 1901-01-01 (Dey 1279)
    press(optional, Qt.Key.Key_Delete)
    assert optional.value() is None


def test_the_calendar_of_an_empty_field_opens_on_this_month(qtbot, form):
    _required, optional, _after = form
    arrow = QPoint(8, optional.height() // 2)  # the drop-down arrow sits left in RTL
    QTest.mouseClick(optional, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, arrow)
    calendar = optional.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    year, month, _day = to_jalali(dt.date.today())
    assert (calendar.yearShown(), calendar.monthShown()) == (year, month)  # not Dey 1278
    assert optional.value() is None  # nothing chosen by opening it
    press(calendar, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert optional.value() is None
