"""One request's details beside its history (who moved it from which state to which, why)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from hendazh_desktop.services.requests.records import HistoryEntry, RequestRow
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.tables import list_table
from hendazh_desktop.ui.common.window_model import ListSource
from hendazh_desktop.ui.requests.queue_model import HISTORY_WIDTHS, HistoryModel

NO_SELECTION = "درخواستی انتخاب نشده است."


def describe(row: RequestRow) -> str:
    """The details of a request, a line per subject."""
    who = row.subscriber_name or "—"
    if row.subscriber_code:
        who = f"مشترک: {who} (کد {fmt.code(row.subscriber_code)})"
    else:
        who = f"فرستنده (هنوز به مشترکی وصل نشده): {who}"
    lines = [
        f"درخواست {fmt.number(row.id)} — {row.service} — {fmt.status_label(row.status)}",
        who,
        f"نشانی: {row.address or '—'}" + (f" ({row.zone})" if row.zone else ""),
        f"راه ارتباط: {fmt.channel_label(row.channel)} — اولویت: "
        f"{fmt.priority_label(row.priority)} — دریافت: {fmt.datetime_(row.created_at)}",
    ]
    when = (fmt.date(row.preferred_date), fmt.time_window(row.window_start, row.window_end))
    if any(when):
        lines.append("زمان مورد نظر: " + " ".join(p for p in when if p))
    lines.append(f"شرح: {row.description or '—'}")
    if row.do_not_serve:
        lines.append("هشدار: به این مشترک خدمت داده نمی‌شود.")
    return "\n".join(lines)


class RequestDetails(QWidget):
    """The text of a request on one side, its history table on the other."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel(NO_SELECTION)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text.setMinimumWidth(320)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history_model = HistoryModel(self)
        self.history = list_table(self.history_model)
        for column, width in enumerate(HISTORY_WIDTHS):
            self.history.setColumnWidth(column, width)
        self.history.setSelectionMode(self.history.SelectionMode.NoSelection)
        self.history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 2)
        layout.addWidget(self.history, 3)

    def show_request(self, row: RequestRow | None, history: list[HistoryEntry]) -> None:
        self.text.setText(describe(row) if row is not None else NO_SELECTION)
        self.history_model.set_source(ListSource(history if row is not None else []))
