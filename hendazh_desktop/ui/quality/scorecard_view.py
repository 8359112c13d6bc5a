"""A group's quality scorecard: its score per service (and what it rests on), its average
scores per criterion month by month, and its complaints."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.jalali import MONTH_NAMES
from hendazh_desktop.domain.quality import CRITERION_LABELS, Criterion, format_score
from hendazh_desktop.domain.text import to_persian_digits
from hendazh_desktop.services.quality.records import Scorecard
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.refresh import RefreshWhenShown
from hendazh_desktop.ui.common.tables import fill_sortable, sortable
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.ops import run_op
from hendazh_desktop.ui.quality.models import STATE_LABELS, action_label


def _table(headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return sortable(table)


_fill = fill_sortable


def _average(value: float | None) -> str:
    return format_score(value) if value is not None else "—"


class ScorecardView(RefreshWhenShown, QWidget):
    """Pick a group; see how its work is judged."""

    status_message = Signal(str)
    """A line for the window's status bar."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.group = QComboBox()
        self.group.currentIndexChanged.connect(lambda _i: self.show_card())
        self.summary = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("گروه:"))
        top.addWidget(self.group, 1)
        top.addWidget(self.summary, 2)
        self.services = _table(("خدمت", "امتیاز کیفیت", "تعداد نظر"))
        self.months = _table(("ماه", "نظرها", "کلی", *(CRITERION_LABELS[c] for c in Criterion)))
        self.complaints = _table(("تاریخ", "کار", "کمترین امتیاز", "وضعیت", "اقدام"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        for title, table, stretch in (
            ("امتیاز هر خدمت", self.services, 2),
            ("میانگین هر معیار، ماه به ماه", self.months, 2),
            ("شکایت‌ها", self.complaints, 2),
        ):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(table)
            layout.addWidget(box, stretch)
        self.card: Scorecard | None = None
        self.refresh()
        self.watch(context.changes, (Change.QUALITY, Change.DISPATCH))

    def refresh(self) -> None:
        self._stale = False
        keep = self.group.currentData()
        groups = run_op(self, lambda: self._ctx.work_groups.list_groups(self._ctx.actor)) or []
        self.group.blockSignals(True)
        self.group.clear()
        for g in groups:
            self.group.addItem(g.name, g.id)
        index = self.group.findData(keep)
        self.group.setCurrentIndex(index if index >= 0 else 0)
        self.group.blockSignals(False)
        self.show_card()

    def show_card(self) -> None:
        group_id = self.group.currentData()
        if group_id is None:
            self.card = None
            self.summary.setText("هنوز گروهی تعریف نشده است.")
            return
        card = run_op(
            self, lambda: self._ctx.quality.standings.scorecard(self._ctx.actor, group_id)
        )
        if card is None:
            return
        self.card = card
        rated = sum(s.standing.count for s in card.services)
        self.summary.setText(f"{fmt.count(rated)} نظر، {fmt.count(card.open_complaints)} شکایت باز")
        _fill(
            self.services,
            [
                (s.service, format_score(s.standing.score), fmt.count(s.standing.count))
                for s in card.services
            ],
        )
        _fill(
            self.months,
            [
                (
                    f"{MONTH_NAMES[m.month - 1]} {to_persian_digits(str(m.year))}",
                    fmt.count(m.count),
                    _average(m.overall),
                    *(_average(v) for v in m.criteria),
                )
                for m in reversed(card.months)
            ],
        )
        _fill(
            self.complaints,
            [
                (
                    fmt.date(fmt.local_date(c.opened_at)),
                    fmt.number(c.request_id),
                    fmt.number(c.lowest_score),
                    STATE_LABELS.get(c.state, c.state),
                    action_label(c.action),
                )
                for c in card.complaints
            ],
        )
