"""A date field on Qt's Jalali calendar, with Persian digits, that may also be left empty."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCalendar, QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QWidget

from hendazh_desktop.domain.jalali import to_jalali
from hendazh_desktop.ui.theme import PERSIAN

JALALI = QCalendar(QCalendar.System.Jalali)
_EMPTY = QDate(1900, 1, 1)  # the minimum date stands for "no date" and shows as special text


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def jalali_calendar_widget(parent: QWidget | None = None) -> QCalendarWidget:
    """A month view on the Jalali calendar: weeks start on Saturday, Friday is the weekend."""
    widget = QCalendarWidget(parent)
    widget.setCalendar(JALALI)
    widget.setLocale(PERSIAN)
    widget.setFirstDayOfWeek(Qt.DayOfWeek.Saturday)
    widget.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
    # ش ی د س چ پ ج as on Iranian calendars: whole names were cut («چهارش…») in a month
    # view the width of a form column
    widget.setHorizontalHeaderFormat(QCalendarWidget.HorizontalHeaderFormat.SingleLetterDayNames)
    normal = QTextCharFormat()
    weekend = QTextCharFormat()
    weekend.setForeground(QColor("#b3261e"))
    widget.setWeekdayTextFormat(Qt.DayOfWeek.Saturday, normal)
    widget.setWeekdayTextFormat(Qt.DayOfWeek.Sunday, normal)
    widget.setWeekdayTextFormat(Qt.DayOfWeek.Friday, weekend)
    return widget


class JalaliDateEdit(QDateEdit):
    """Types and shows ۱۴۰۴/۰۹/۱۵; optional fields show «—» until a date is chosen."""

    date_changed = Signal(object)
    """The chosen date changed (a ``datetime.date`` or None when emptied)."""

    def __init__(self, parent: QWidget | None = None, *, optional: bool = True) -> None:
        super().__init__(parent)
        self._optional = optional
        self.setCalendar(JALALI)
        self.setLocale(PERSIAN)
        # Sections of a right-to-left date edit are laid out reversed: this reads yyyy/MM/dd.
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        self._calendar = jalali_calendar_widget(self)
        self.setCalendarWidget(self._calendar)
        self._calendar.installEventFilter(self)
        self.setMaximumDate(QDate(2100, 1, 1))
        if optional:
            self.setMinimumDate(_EMPTY)
            self.setSpecialValueText("—")
            self.setDate(_EMPTY)
        else:
            self.setDate(QDate.currentDate())
        self.dateChanged.connect(self._on_date_changed)

    def value(self) -> dt.date | None:
        if self.is_empty():
            return None
        return from_qdate(self.date())

    def set_value(self, day: dt.date | None) -> None:
        if day is None:
            if not self._optional:
                raise ValueError("this date field cannot be empty")
            self.setDate(_EMPTY)
        else:
            self.setDate(to_qdate(day))

    def clear_value(self) -> None:
        self.set_value(None if self._optional else dt.date.today())

    def jalali_text(self) -> str:
        """The chosen date as typed Jalali text (1404/09/15), or "" when empty: services parse
        and validate it like any typed date."""
        day = self.value()
        if day is None:
            return ""
        y, m, d = to_jalali(day)
        return f"{y:04d}/{m:02d}/{d:02d}"

    def is_empty(self) -> bool:
        return self._optional and self.date() == _EMPTY

    def keyPressEvent(self, event) -> None:
        # Delete/Backspace on a selected whole field empties an optional date.
        if self._optional and event.key() in (Qt.Key.Key_Delete,) and not event.modifiers():
            self.set_value(None)
            return
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            # Qt swallows Tab while the empty «—» is shown: leave the field all the same.
            event.accept()
            back = event.key() == Qt.Key.Key_Backtab or bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            self.focusNextPrevChild(not back)
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab leaves the field like any other; Qt's date edit would walk its sections instead
        # (after the day is typed, Tab went to the month). «/» moves between the sections.
        return QWidget.focusNextPrevChild(self, next)

    def stepBy(self, steps: int) -> None:
        # ↑/↓ (or the wheel) on an empty field starts from today, not from the «no date» mark.
        if self.is_empty():
            self.setDate(QDate.currentDate())
            return
        super().stepBy(steps)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Only the type is looked at first: filters still run while the widgets are torn down.
        if event.type() == QEvent.Type.Show and watched is self._calendar and self.is_empty():
            # The popup selects the field's date: for an empty field that is the «no date»
            # mark (Dey 1278). Show this month instead; nothing is chosen until a click.
            y, m, _d = to_jalali(dt.date.today())
            self._calendar.setCurrentPage(y, m)
        return False

    def _on_date_changed(self, _date: QDate) -> None:
        self.date_changed.emit(self.value())
