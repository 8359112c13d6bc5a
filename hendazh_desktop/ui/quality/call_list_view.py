"""Today's quality calls, worked through by keyboard: the list, the job and number to call with
a short script, and the outcome of each call (Enter: answered, with the feedback dialog)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.jalali import format_date_long
from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.domain.quality import CallOutcome
from hendazh_desktop.domain.text import to_ascii_digits
from hendazh_desktop.services.quality.records import CallListInfo, CallRow
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.form_dialog import FormDialog
from hendazh_desktop.ui.common.refresh import RefreshWhenShown
from hendazh_desktop.ui.common.tables import list_over_details, list_table
from hendazh_desktop.ui.common.window_model import WindowTableModel, select_row
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.ops import run_action, run_op
from hendazh_desktop.ui.quality.feedback_dialog import FeedbackDialog
from hendazh_desktop.ui.quality.idea_dialogs import IdeaDialog
from hendazh_desktop.ui.quality.models import CALL_COLUMNS, KIND_LABELS, DayCalls, outcome_label

SCRIPT = (
    "سلام، از دفتر هنداژمون تماس می‌گیرم. چند دقیقه وقت دارید درباره کار {service} "
    "که «{group}» انجام داد بپرسم؟\n"
    "۱. از کیفیت کار از ۱ تا ۵ چه نمره‌ای می‌دهید؟  ۲. سر وقت آمدند؟  ۳. رفتارشان چطور بود؟\n"
    "۴. محل کار را تمیز تحویل دادند؟  ۵. قیمت منصفانه بود؟  ۶. در کل چه نمره‌ای می‌دهید؟\n"
    "پیشنهاد یا ایده‌ای برای بهتر شدن کار ما دارید؟"
)
KEYS = {
    CallOutcome.NO_ANSWER: "F7",
    CallOutcome.REFUSED: "F8",
    CallOutcome.WRONG_NUMBER: "F9",
}


class ManualCallDialog(FormDialog):
    """A manager adds a finished job to today's list, with the reason."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(title="افزودن کار به فهرست امروز", action=self._add, parent=parent)
        self._ctx = context
        self.request = self.add_field("request", "شماره درخواست", QLineEdit())
        self.reason = self.add_field("reason", "دلیل", QLineEdit())
        self.finish_layout()

    def _add(self) -> CallRow:
        text = to_ascii_digits(self.request.text().strip())
        if not (text.isascii() and text.isdigit()):
            raise ValidationError("request", "required")
        return self._ctx.quality.calls.add_by_hand(self._ctx.actor, int(text), self.reason.text())


class CallListView(RefreshWhenShown, QWidget):
    """The consultants' list of the day."""

    status_message = Signal(str)
    """A line for the window's status bar."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        calls = context.quality.calls
        self.day = calls.today()
        self.info_label = QLabel()
        self.draw_button = QPushButton("قرعه‌کشی فهرست امروز")
        self.draw_button.clicked.connect(self.draw)
        self.add_button = QPushButton("افزودن کار به فهرست…")
        self.add_button.setVisible(context.can(Permission.MANAGE_QUALITY))
        self.add_button.clicked.connect(self.add_by_hand)
        top = QHBoxLayout()
        top.addWidget(self.info_label, 1)
        top.addWidget(self.add_button)
        top.addWidget(self.draw_button)
        self.model: WindowTableModel[CallRow] = WindowTableModel(CALL_COLUMNS, parent=self)
        self.table = list_table(self.model)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answered_button = QPushButton("پاسخ داد و نظر داد (Enter)")
        self.answered_button.clicked.connect(self.answered)
        self.outcome_buttons = {}
        for outcome, key in KEYS.items():
            button = QPushButton(f"{outcome_label(outcome.value)} ({key})")
            button.clicked.connect(lambda _=False, o=outcome: self.record(o))
            self.outcome_buttons[outcome] = button
        self.idea_button = QPushButton("ثبت پیشنهاد (F6)")
        self.idea_button.clicked.connect(self.add_idea)
        self._keys: dict[Qt.Key, Callable[[], None]] = {
            Qt.Key.Key_Return: self.answered,
            Qt.Key.Key_Enter: self.answered,
            Qt.Key.Key_F6: self.add_idea,
        }
        for outcome, key in KEYS.items():
            self._keys[getattr(Qt.Key, f"Key_{key}")] = partial(self.record, outcome)
        self.table.installEventFilter(self)
        buttons = [self.answered_button, *self.outcome_buttons.values(), self.idea_button]
        splitter = list_over_details(
            self.table, "تماس انتخاب‌شده", self.details, buttons, stretch=(3, 2), sizes=(420, 300)
        )
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.refresh()
        self.watch(context.changes, (Change.QUALITY,))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The list's keys: Enter answered (feedback), F6 an idea, F7–F9 the other outcomes."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            action = self._keys.get(Qt.Key(event.key()))
            if action is not None and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            ):
                action()
                return True
        return super().eventFilter(watched, event)

    # --- reading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self._stale = False
        self.day = self._ctx.quality.calls.today()
        info = run_op(self, lambda: self._ctx.quality.calls.list_info(self._ctx.actor, self.day))
        self._show_info(info)
        self.model.set_source(DayCalls(self._ctx, self.day))
        self.select_next_pending()

    def _show_info(self, info: CallListInfo | None) -> None:
        day = format_date_long(self.day)
        self.draw_button.setVisible(info is None)
        if info is None:
            self.info_label.setText(f"فهرست تماس {day} هنوز قرعه‌کشی نشده است.")
            return
        pending = sum(
            1
            for r in self._ctx.quality.calls.calls(self._ctx.actor, self.day, 0, 500)
            if r.outcome == CallOutcome.PENDING
        )
        self.info_label.setText(
            f"فهرست تماس {day}: {fmt.count(info.calls)} تماس، {fmt.count(pending)} مانده — "
            f"از میان {fmt.count(info.eligible)} کار، بذر قرعه {fmt.number_text(str(info.seed))}"
        )

    def current(self) -> CallRow | None:
        index = self.table.currentIndex()
        return self.model.row_item(index.row()) if index.isValid() else None

    def select_next_pending(self) -> None:
        row = self.model.find_row(lambda r: r.outcome == CallOutcome.PENDING)
        select_row(self.table, row if row >= 0 else 0)
        self.table.setFocus()

    def _on_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        call = self.current()
        pending = call is not None and call.outcome == CallOutcome.PENDING
        for button in (self.answered_button, *self.outcome_buttons.values()):
            button.setEnabled(pending)
        if call is None:
            self.details.setText("")
            return
        lines = [
            f"<b>{call.subscriber}</b> — کد {fmt.code(call.subscriber_code)} — "
            f"تلفن <b>{fmt.phone(call.phone)}</b>",
            f"کار {fmt.number(call.request_id)}: {call.service}، انجام‌دهنده: {call.group or '—'}، "
            f"{KIND_LABELS.get(call.kind, call.kind)}، نوبت {fmt.number(call.attempt)}"
            + (f" — {call.added_reason}" if call.added_reason else ""),
            f"نتیجه: {outcome_label(call.outcome)}" + (f" — {call.note}" if call.note else ""),
            "<br>".join(SCRIPT.format(service=call.service, group=call.group).split("\n")),
        ]
        self.details.setText("<br>".join(lines))

    # --- acting ----------------------------------------------------------------------------
    def draw(self) -> None:
        info = run_op(self, lambda: self._ctx.quality.calls.draw(self._ctx.actor))
        if info is not None:
            self._done(f"فهرست امروز با {fmt.count(info.calls)} تماس قرعه‌کشی شد.")

    def answered(self) -> None:
        call = self.current()
        if call is None or call.outcome != CallOutcome.PENDING:
            return
        dialog = FeedbackDialog(context=self._ctx, call=call, parent=self)
        if dialog.exec():
            result = dialog.result_value
            extra = "؛ شکایت برای مدیر باز شد" if result and result.complaint_id else ""
            self._done(f"نظر {call.subscriber} ثبت شد{extra}.")

    def record(self, outcome: CallOutcome) -> None:
        call = self.current()
        if call is None or call.outcome != CallOutcome.PENDING:
            return
        done = run_action(
            self,
            lambda: self._ctx.quality.calls.record_outcome(
                self._ctx.actor, call.id, outcome.value, expected_version=call.version
            ),
        )
        if done:
            self._done(f"تماس با {call.subscriber}: {outcome_label(outcome.value)}.")

    def add_idea(self) -> None:
        call = self.current()
        if call is None:
            return
        dialog = IdeaDialog(
            context=self._ctx,
            source="call",
            subscriber_id=call.subscriber_id,
            request_id=call.request_id,
            who=call.subscriber,
            parent=self,
        )
        if dialog.exec():
            self._done("پیشنهاد ثبت شد.")

    def add_by_hand(self) -> None:
        dialog = ManualCallDialog(context=self._ctx, parent=self)
        if dialog.exec():
            self._done("کار به فهرست امروز افزوده شد.")

    def _done(self, message: str) -> None:
        self._ctx.changes.announce(Change.QUALITY, source=self)
        self.refresh()
        self.status_message.emit(message)
