"""The subscriber card's feedback section: what they said about their jobs, and «ثبت نظر»
to take feedback on a past job when a caller mentions it (intake or the subscribers view)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.services.quality.records import FeedbackRow
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.tables import list_table
from hendazh_desktop.ui.common.window_model import ListSource, WindowTableModel
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.ops import run_op
from hendazh_desktop.ui.quality.feedback_dialog import FeedbackDialog
from hendazh_desktop.ui.quality.models import FEEDBACK_COLUMNS

SHOWN = 20


class SubscriberFeedback(QWidget):
    """The feedback a subscriber gave (newest first) and the button to take more."""

    feedback_recorded = Signal(int)
    """Feedback was recorded for this subscriber id."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._subscriber: int | None = None
        self.model: WindowTableModel[FeedbackRow] = WindowTableModel(FEEDBACK_COLUMNS, parent=self)
        self.table = list_table(self.model)
        self.table.setObjectName("subscriber_feedback")
        self.table.setMaximumHeight(150)
        self.none = QLabel("نظری ثبت نشده است.")
        self.none.setStyleSheet("color: #666;")
        self.record_button = QPushButton("ثبت نظر درباره کار انجام‌شده…")
        self.record_button.setEnabled(False)
        self.record_button.setVisible(context.can(Permission.RECORD_FEEDBACK))
        self.record_button.clicked.connect(self.record)
        buttons = QHBoxLayout()
        buttons.addWidget(self.none, 1)
        buttons.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.show_for(None)

    def show_for(self, subscriber_id: int | None) -> None:
        self._subscriber = subscriber_id
        rows: list[FeedbackRow] = []
        if subscriber_id is not None:
            rows = (
                run_op(
                    self,
                    lambda: self._ctx.quality.feedback.of_subscriber(
                        self._ctx.actor, subscriber_id, SHOWN
                    ),
                )
                or []
            )
        self.model.set_source(ListSource(rows))
        self.table.setVisible(bool(rows))
        self.none.setVisible(not rows)
        self.record_button.setEnabled(subscriber_id is not None)

    def record(self) -> None:
        subscriber = self._subscriber
        if subscriber is None:
            return
        jobs = run_op(
            self, lambda: self._ctx.quality.feedback.finished_jobs(self._ctx.actor, subscriber)
        )
        if jobs is None:
            return
        if not jobs:
            self.none.setText("این مشترک کار انجام‌شده‌ای ندارد که درباره‌اش نظر بدهد.")
            self.none.setVisible(True)
            return
        if FeedbackDialog(context=self._ctx, jobs=jobs, parent=self).exec():
            self._ctx.changes.announce(Change.QUALITY, source=self)
            self.show_for(subscriber)
            self.feedback_recorded.emit(subscriber)
