"""Complaints opened by low scores: the list (open first), the feedback behind each, and a
manager closing one with what was done."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.domain.quality import ACTION_LABELS, ComplaintAction
from hendazh_desktop.domain.text import to_ascii_digits
from hendazh_desktop.services.quality.records import ComplaintRow
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.form_dialog import FormDialog
from hendazh_desktop.ui.common.refresh import RefreshWhenShown
from hendazh_desktop.ui.common.tables import list_over_details, list_table
from hendazh_desktop.ui.common.window_model import WindowTableModel, select_row
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.quality.models import (
    COMPLAINT_COLUMNS,
    STATE_LABELS,
    Complaints,
    action_label,
    channel_label,
)

FILTERS = (("باز", "open"), ("بسته", "closed"), ("همه", None))


class CloseComplaintDialog(FormDialog):
    """What the manager did: call back, rework (the rework request's number), warning, none."""

    def __init__(
        self, *, context: UiContext, complaint: ComplaintRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            title="بستن شکایت", action=self._close, ok_text="بستن شکایت", parent=parent
        )
        self._ctx, self._complaint = context, complaint
        self.action = QComboBox()
        for action in ComplaintAction:
            self.action.addItem(ACTION_LABELS[action], action.value)
        self.add_field("action", "اقدام", self.action)
        self.rework = self.add_field("rework_request", "شماره درخواست دوباره‌کاری", QLineEdit())
        self.note = self.add_field("note", "شرح اقدام", QLineEdit())
        self.finish_layout()
        self.action.setFocus()

    def _close(self) -> None:
        text = to_ascii_digits(self.rework.text().strip())
        if text and not (text.isascii() and text.isdigit()):
            raise ValidationError("rework_request", "rework_not_linked")
        self._ctx.quality.complaints.close(
            self._ctx.actor,
            self._complaint.id,
            str(self.action.currentData()),
            self.note.text(),
            expected_version=self._complaint.version,
            rework_request_id=int(text) if text else None,
        )


class ComplaintsView(RefreshWhenShown, QWidget):
    """The managers' list of complaints."""

    status_message = Signal(str)
    """A line for the window's status bar."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.filter = QComboBox()
        for label, state in FILTERS:
            self.filter.addItem(label, state)
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        top = QHBoxLayout()
        top.addWidget(QLabel("وضعیت:"))
        top.addWidget(self.filter)
        top.addStretch(1)
        self.model: WindowTableModel[ComplaintRow] = WindowTableModel(
            COMPLAINT_COLUMNS, warn=lambda r: r.state == "open", parent=self
        )
        self.table = list_table(self.model)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self.close_button = QPushButton("بستن شکایت با اقدام انجام‌شده…")
        self.close_button.setVisible(context.can(Permission.MANAGE_QUALITY))
        self.close_button.clicked.connect(self.close_current)
        splitter = list_over_details(
            self.table,
            "شکایت انتخاب‌شده",
            self.details,
            [self.close_button],
            stretch=(3, 2),
            sizes=(420, 240),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.refresh()
        self.watch(context.changes, (Change.QUALITY,))

    def refresh(self) -> None:
        self._stale = False
        self.model.set_source(Complaints(self._ctx, self.filter.currentData()))
        select_row(self.table, 0)

    def current(self) -> ComplaintRow | None:
        index = self.table.currentIndex()
        return self.model.row_item(index.row()) if index.isValid() else None

    def _on_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        row = self.current()
        self.close_button.setEnabled(row is not None and row.state == "open")
        if row is None:
            self.details.setText("")
            return
        text = [
            f"کار {fmt.number(row.request_id)} — {row.service} — {row.group or 'بی‌گروه'} — "
            f"{row.subscriber} — از راه {channel_label(row.channel)}",
            f"کمترین امتیاز: {fmt.number(row.lowest_score)} — «{row.comment or 'بدون توضیح'}»",
            f"وضعیت: {STATE_LABELS.get(row.state, row.state)}",
        ]
        if row.state == "closed":
            text.append(f"اقدام: {action_label(row.action)} — {row.note}")
            if row.rework_request_id:
                text.append(f"درخواست دوباره‌کاری: {fmt.number(row.rework_request_id)}")
        self.details.setText("\n".join(text))

    def close_current(self) -> None:
        row = self.current()
        if row is None or row.state != "open":
            return
        if CloseComplaintDialog(context=self._ctx, complaint=row, parent=self).exec():
            self._ctx.changes.announce(Change.QUALITY, source=self)
            self.refresh()
            self.status_message.emit(f"شکایت {fmt.number(row.id)} بسته شد.")
