"""Every feedback, newest first, filtered by group, service, score, channel and a Jalali range
(filtered in the database, read a page at a time)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.jalali import TEHRAN
from hendazh_desktop.domain.quality import CHANNEL_LABELS, Channel
from hendazh_desktop.services.quality.records import FeedbackFilter, FeedbackRow
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.jalali_date_edit import JalaliDateEdit
from hendazh_desktop.ui.common.refresh import RefreshWhenShown
from hendazh_desktop.ui.common.tables import list_table
from hendazh_desktop.ui.common.window_model import Column, WindowTableModel
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.messages import message_for_code
from hendazh_desktop.ui.ops import run_op
from hendazh_desktop.ui.quality.models import FEEDBACK_COLUMNS, order_key, score

COLUMNS: list[Column[FeedbackRow]] = [
    *FEEDBACK_COLUMNS[:1],
    Column("مشترک", lambda r: r.subscriber, sort="subscriber", narrow=True),
    *FEEDBACK_COLUMNS[1:5],
    Column("کار", lambda r: score(r.work), sort="work", narrow=True),
    Column("وقت", lambda r: score(r.punctuality), sort="punctuality", narrow=True),
    Column("رفتار", lambda r: score(r.conduct), sort="conduct", narrow=True),
    Column("نظافت", lambda r: score(r.cleanliness), sort="cleanliness", narrow=True),
    Column("قیمت", lambda r: score(r.price), sort="price", narrow=True),
    FEEDBACK_COLUMNS[5],
]
SCORES = (("هر امتیازی", None, None), ("۲ و کمتر", None, 2), ("۳", 3, 3), ("۴ و بیشتر", 4, None))


def _start_of(day: dt.date) -> dt.datetime:
    """Midnight of a local (Shiraz) day, as the stored UTC moments are compared with it."""
    return dt.datetime.combine(day, dt.time(), tzinfo=TEHRAN)


class FeedbackSource:
    """The feedback a filter matches, a page at a time."""

    def __init__(self, context: UiContext, where: FeedbackFilter, order: str = "") -> None:
        self._ctx, self.where, self.order = context, where, order

    def count(self) -> int:
        return self._ctx.quality.feedback.count(self._ctx.actor, self.where)

    def fetch(self, offset: int, limit: int) -> Sequence[FeedbackRow]:
        return self._ctx.quality.feedback.page(
            self._ctx.actor, self.where, offset, limit, self.order
        )

    def ordered(self, key: str, descending: bool) -> FeedbackSource:
        return FeedbackSource(self._ctx, self.where, order_key(key, descending))


class FeedbackView(RefreshWhenShown, QWidget):
    """The feedback list with its filters."""

    status_message = Signal(str)
    """A line for the window's status bar."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.group, self.service, self.channel, self.score = (QComboBox() for _ in range(4))
        self.group.addItem("همه گروه‌ها", None)
        for g in run_op(self, lambda: context.work_groups.list_groups(context.actor)) or []:
            self.group.addItem(g.name, g.id)
        self.service.addItem("همه خدمات", None)
        for s in run_op(self, lambda: context.catalogue.services(context.actor)) or []:
            self.service.addItem(s.name, s.id)
        self.channel.addItem("همه راه‌ها", None)
        for c in Channel:
            self.channel.addItem(CHANNEL_LABELS[c], c.value)
        for label, low, high in SCORES:
            self.score.addItem(label, (low, high))
        self.date_from = JalaliDateEdit(optional=True)
        self.date_to = JalaliDateEdit(optional=True)
        self.total = QLabel()
        self.import_button = QPushButton("ورود نظرهای فرم وب…")
        self.import_button.clicked.connect(self.choose_file)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b3261e;")
        self.problems.setVisible(False)
        top = QHBoxLayout()
        for widget in (self.group, self.service, self.score, self.channel):
            top.addWidget(widget)
            widget.currentIndexChanged.connect(lambda _i: self.refresh())
        top.addWidget(QLabel("از"))
        top.addWidget(self.date_from)
        top.addWidget(QLabel("تا"))
        top.addWidget(self.date_to)
        top.addWidget(self.total, 1)
        top.addWidget(self.import_button)
        for edit in (self.date_from, self.date_to):
            edit.date_changed.connect(lambda _d: self.refresh())
        self.model: WindowTableModel[FeedbackRow] = WindowTableModel(
            COLUMNS, warn=lambda r: r.overall <= 2, parent=self
        )
        self.table = list_table(self.model)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.problems)
        layout.addWidget(self.table, 1)
        self.refresh()
        self.watch(context.changes, (Change.QUALITY,))

    def current_filter(self) -> FeedbackFilter:
        low, high = self.score.currentData()
        start, end = self.date_from.value(), self.date_to.value()
        return FeedbackFilter(
            group_id=self.group.currentData(),
            service_id=self.service.currentData(),
            min_overall=low,
            max_overall=high,
            channel=self.channel.currentData(),
            since=_start_of(start) if start else None,
            until=_start_of(end + dt.timedelta(days=1)) if end else None,
        )

    def refresh(self) -> None:
        self._stale = False
        self.model.set_source(FeedbackSource(self._ctx, self.current_filter()))
        self.total.setText(f"{fmt.count(self.model.rowCount())} نظر")

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "پرونده نظرهای فرم وب", "", "فرم وب (*.csv *.json);;همه پرونده‌ها (*)"
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """All or nothing: the feedback recorded, or each line's problem (nothing written)."""
        try:
            data = path.read_bytes()
        except OSError:
            self._show_problems(["پرونده خوانده نشد."])
            return
        report = run_op(
            self, lambda: self._ctx.quality.webform.import_file(self._ctx.actor, path.name, data)
        )
        if report is None:
            return
        if not report.ok:
            self._show_problems(
                [
                    f"سطر {fmt.number(p.line)}: {message_for_code(p.reason)}"
                    + (f" ({p.detail})" if p.detail else "")
                    for p in report.problems
                ]
            )
            return
        self.problems.setVisible(False)
        self._ctx.changes.announce(Change.QUALITY, source=self)
        self.refresh()
        self.status_message.emit(
            f"{fmt.count(len(report.created))} نظر از فرم وب ثبت شد؛ "
            f"{fmt.count(report.skipped_duplicates)} نظر پیش‌تر ثبت شده بود."
        )

    def _show_problems(self, lines: list[str]) -> None:
        self.problems.setText("هیچ نظری ثبت نشد:\n" + "\n".join(lines[:20]))
        self.problems.setVisible(True)
