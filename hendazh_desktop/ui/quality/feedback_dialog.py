"""The feedback dialog: scores 1–5 typed on the keyboard (overall and each criterion), a
comment and an idea; for a job picked from the caller's finished jobs, or for a quality call."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from hendazh_desktop.domain.quality import CHANNEL_LABELS, CRITERION_LABELS, Channel, Criterion
from hendazh_desktop.services.quality.feedback import FeedbackDraft, FinishedJobRow
from hendazh_desktop.services.quality.records import CallRow, FeedbackResult
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.form_dialog import FormDialog
from hendazh_desktop.ui.context import UiContext

SCORE_HINT = "۱ تا ۵"


def score_field() -> QLineEdit:
    field = QLineEdit()
    field.setMaxLength(3)
    field.setPlaceholderText(SCORE_HINT)
    field.setMaximumWidth(90)
    return field


class FeedbackDialog(FormDialog):
    """Takes one feedback; ``result_value`` is the ``FeedbackResult`` once saved."""

    def __init__(
        self,
        *,
        context: UiContext,
        jobs: Sequence[FinishedJobRow] = (),
        call: CallRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title="ثبت نظر مشترک", action=self._save, ok_text="ثبت نظر", parent=parent)
        self._ctx, self._call = context, call
        self.job = QComboBox()
        self.channel = QComboBox()
        if call is not None:
            self.add_field(
                "request",
                "کار",
                QLabel(
                    f"{call.service} — {call.group} — {fmt.date(fmt.local_date(call.done_at))}"
                    if call.done_at
                    else f"{call.service} — {call.group}"
                ),
            )
            self.channel.addItem(CHANNEL_LABELS[Channel.QUALITY_CALL], Channel.QUALITY_CALL.value)
        else:
            for job in jobs:
                given = "، ".join(CHANNEL_LABELS[Channel(c)] for c in sorted(job.channels))
                text = f"{fmt.number(job.request_id)} — {job.service} — {job.group or '—'} — "
                text += fmt.date(fmt.local_date(job.done_at))
                self.job.addItem(text + (f" (نظر از: {given})" if given else ""), job.request_id)
            self.add_field("request", "کار", self.job)
            for channel in (Channel.PHONE, Channel.WEB):
                self.channel.addItem(CHANNEL_LABELS[channel], channel.value)
            self.add_field("channel", "راه دریافت", self.channel)
        self.overall = self.add_field("overall", "امتیاز کلی", score_field())
        self.criteria = {
            c: self.add_field(c.value, CRITERION_LABELS[c], score_field()) for c in Criterion
        }
        self.comment = self.add_field("comment", "توضیح مشترک", QLineEdit())
        self.idea = self.add_field("idea", "پیشنهاد یا ایده", QLineEdit())
        self.finish_layout()
        self.overall.setFocus()

    def draft(self) -> FeedbackDraft:
        request_id = self._call.request_id if self._call else int(self.job.currentData() or 0)
        return FeedbackDraft(
            request_id,
            str(self.channel.currentData()),
            self.overall.text(),
            {c.value: field.text() for c, field in self.criteria.items()},
            self.comment.text(),
            self.idea.text(),
        )

    def _save(self) -> FeedbackResult | None:
        draft = self.draft()
        result: FeedbackResult | None
        if self._call is None:
            result = self._ctx.quality.feedback.record(self._ctx.actor, draft)
        else:
            result = self._ctx.quality.calls.record_outcome(
                self._ctx.actor,
                self._call.id,
                "answered",
                expected_version=self._call.version,
                feedback=draft,
            )
        return result
