"""The request queue: filters, a lazy sorted table, details with history, cancel and verify."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.domain.requests import OPEN_STATUSES, Priority, RequestStatus
from hendazh_desktop.services.dto import HistoryEntry, RequestRow
from hendazh_desktop.services.queue import QueueFilter
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.dialogs.pick_subscriber_dialog import PickSubscriberDialog
from hendazh_desktop.ui.dialogs.reason_dialog import ReasonDialog
from hendazh_desktop.ui.models.sources import QueueRequests
from hendazh_desktop.ui.models.window_model import (
    NUMERIC,
    Column,
    ListSource,
    WindowTableModel,
    select_row,
)
from hendazh_desktop.ui.ops import run_op
from hendazh_desktop.ui.widgets.field_errors import FieldErrors, error_label
from hendazh_desktop.ui.widgets.jalali_date_edit import JalaliDateEdit
from hendazh_desktop.ui.widgets.tables import list_table

S = RequestStatus
STATUS_GROUPS: list[tuple[str, tuple[str, ...]]] = [
    ("همه درخواست‌های باز", tuple(sorted(s.value for s in OPEN_STATUSES))),
    ("در صف", (S.QUEUED.value,)),
    ("در انتظار بررسی (فرم وب)", (S.TO_VERIFY.value,)),
    ("در انتظار پیش‌پرداخت", (S.AWAITING_PREPAYMENT.value,)),
    ("لغوشده", (S.CANCELLED.value,)),
    ("همه", ()),
]
SORT_LABELS = [
    ("urgency", "فوریت و قدمت"),
    ("newest", "جدیدترین"),
    ("oldest", "قدیمی‌ترین"),
    ("number", "شماره"),
    ("preferred_date", "تاریخ مورد نظر"),
    ("status", "وضعیت"),
]

AFTER_WORK = {S.DONE.value, S.INVOICED.value, S.PAID.value, S.CLOSED.value}
PRICE_STAGE = {S.DISPATCHED.value, S.PRICE_PRESENTED.value, S.AGREED.value, S.IN_PROGRESS.value}

COLUMNS: list[Column[RequestRow]] = [
    Column("شماره", lambda r: fmt.number(r.id), NUMERIC),
    Column("دریافت", lambda r: fmt.datetime_(r.created_at)),
    Column("انتظار", lambda r: fmt.age(r.created_at)),
    Column("اولویت", lambda r: fmt.priority_label(r.priority)),
    Column("وضعیت", lambda r: fmt.status_label(r.status)),
    Column("مشترک", lambda r: r.subscriber_name),
    Column("خدمت", lambda r: r.service),
    Column("منطقه", lambda r: r.zone),
    Column(
        "زمان مورد نظر",
        lambda r: " ".join(
            x
            for x in (fmt.date(r.preferred_date), fmt.time_window(r.window_start, r.window_end))
            if x
        ),
    ),
]
WIDTHS = (70, 130, 70, 70, 130, 170, 150, 80)


def _urgent(row: RequestRow) -> bool:
    return row.priority >= Priority.URGENT or row.do_not_serve


def _history_line(entry: HistoryEntry) -> str:
    moved = fmt.status_label(entry.to_status)
    if entry.from_status:
        moved = f"{fmt.status_label(entry.from_status)} ← {moved}"
    reason = f" — {entry.reason}" if entry.reason else ""
    return f"{fmt.datetime_(entry.at)}  {entry.user}: {moved}{reason}"


class QueueView(QWidget):
    """Everything waiting in the work queue, and what happened to each request."""

    status_message = Signal(str)
    """A short message for the status bar."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._stale = False
        actor = context.actor
        self.status = QComboBox()
        for label, statuses in STATUS_GROUPS:
            self.status.addItem(label, statuses)
        self.service = QComboBox()
        self.service.addItem("همه خدمات", None)
        for service in context.catalogue.services(actor, include_inactive=True):
            self.service.addItem(service.name, service.id)
        self.zone = QComboBox()
        self.zone.addItem("همه مناطق", None)
        for zone in context.catalogue.zones(actor):
            self.zone.addItem(zone.name, zone.id)
        self.date_from = JalaliDateEdit(optional=True)
        self.date_to = JalaliDateEdit(optional=True)
        self.date_error = error_label()
        self.text = QLineEdit()
        self.text.setPlaceholderText("شماره، نام، تلفن یا کد اشتراک")
        self.text.setClearButtonEnabled(True)
        self.sort = QComboBox()
        for key, label in SORT_LABELS:
            self.sort.addItem(label, key)
        self.errors = FieldErrors()
        self.errors.register("date_to", self.date_to, self.date_error)
        self.count_label = QLabel()

        self.model: WindowTableModel[RequestRow] = WindowTableModel(COLUMNS, warn=_urgent)
        self.table = list_table(self.model)
        for column, width in enumerate(WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history_model: WindowTableModel[HistoryEntry] = WindowTableModel(
            [Column("سابقه", _history_line)]
        )
        self.history = QTableView()
        self.history.setModel(self.history_model)
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.cancel_button = QPushButton("لغو درخواست (Ctrl+Del)")
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.cancel_button.setVisible(actor.can(Permission.CANCEL_REQUESTS))
        self.price_button = QPushButton("قیمت و موافقت…")
        self.price_button.clicked.connect(self.open_price)
        self.price_button.setVisible(actor.can(Permission.DISPATCH))
        self.rework_button = QPushButton("ثبت کار دوباره…")
        self.rework_button.clicked.connect(self.rework_selected)
        self.rework_button.setVisible(actor.can(Permission.CREATE_REQUESTS))
        self.verify_button = QPushButton("تأیید فرم وب")
        self.verify_button.clicked.connect(self.verify_selected)
        self.verify_button.setVisible(actor.can(Permission.VERIFY_REQUESTS))
        QShortcut(QKeySequence("Ctrl+Delete"), self, self.cancel_selected)

        filters = QFormLayout()
        row1 = QHBoxLayout()
        for widget in (self.status, self.service, self.zone, self.sort):
            row1.addWidget(widget)
        filters.addRow("نمایش:", row1)
        row2 = QHBoxLayout()
        row2.addWidget(QLabel("از تاریخ"))
        row2.addWidget(self.date_from)
        row2.addWidget(QLabel("تا تاریخ"))
        row2.addWidget(self.date_to)
        row2.addWidget(self.text, 1)
        row2.addWidget(self.count_label)
        filters.addRow("جستجو:", row2)
        filters.addRow("", self.date_error)
        detail_box = QGroupBox("جزئیات درخواست")
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.addWidget(self.details)
        detail_layout.addWidget(self.history, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.price_button)
        actions.addWidget(self.rework_button)
        actions.addWidget(self.verify_button)
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)
        detail_layout.addLayout(actions)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.refresh)
        self.text.textEdited.connect(lambda _t: self._timer.start())
        for combo in (self.status, self.service, self.zone, self.sort):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.date_from.date_changed.connect(lambda _d: self.refresh())
        self.date_to.date_changed.connect(lambda _d: self.refresh())
        self.refresh()

    # --- loading --------------------------------------------------------------------------
    def current_filter(self) -> QueueFilter:
        return QueueFilter(
            statuses=self.status.currentData() or (),
            service_id=self.service.currentData(),
            zone_id=self.zone.currentData(),
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
            text=self.text.text(),
            sort=self.sort.currentData(),
        )

    def refresh(self) -> None:
        """Re-run the query, keeping the selected request selected when it still shows."""
        self._timer.stop()
        self._stale = False
        selected = self.selected()
        flt = self.current_filter()
        source = QueueRequests(self._ctx, flt)
        if run_op(self, lambda: source.count(), on_error=self.errors.show) is None:
            return  # a rejected filter (e.g. a reversed date range): the old list stays
        self.errors.clear()
        self.model.set_source(source)
        self.count_label.setText(f"{fmt.count(self.model.rowCount())} درخواست")
        if selected is not None:
            self.show_request(selected.id)
        else:
            self._show_details(None)

    def mark_stale(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def show_request(self, request_id: int) -> bool:
        row = self.model.find_row(lambda r: r.id == request_id)
        if row < 0:
            self._show_details(None)
            return False
        select_row(self.table, row)
        return True

    # --- selection ------------------------------------------------------------------------
    def selected(self) -> RequestRow | None:
        index = self.table.currentIndex()
        return self.model.row_item(index.row()) if index.isValid() else None

    def _on_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._show_details(self.selected())

    def _show_details(self, row: RequestRow | None) -> None:
        self.cancel_button.setEnabled(
            row is not None and row.status in {s.value for s in OPEN_STATUSES}
        )
        self.verify_button.setEnabled(row is not None and row.status == S.TO_VERIFY.value)
        self.price_button.setEnabled(row is not None and row.status in PRICE_STAGE)
        self.rework_button.setEnabled(row is not None and row.status in AFTER_WORK)
        if row is None:
            self.details.setText("درخواستی انتخاب نشده است.")
            self.history_model.set_source(ListSource([]))
            return
        lines = [
            f"درخواست {fmt.number(row.id)} — {row.service} — {fmt.status_label(row.status)}",
            f"مشترک: {row.subscriber_name}"
            + (f" (کد {fmt.code(row.subscriber_code)})" if row.subscriber_code else ""),
            f"نشانی: {row.address or '—'}" + (f" ({row.zone})" if row.zone else ""),
            f"راه ارتباط: {fmt.channel_label(row.channel)} — اولویت: "
            f"{fmt.priority_label(row.priority)}",
            f"شرح: {row.description or '—'}",
        ]
        self.details.setText("\n".join(lines))
        history = run_op(self, lambda: self._ctx.queue.history(self._ctx.actor, row.id)) or []
        self.history_model.set_source(ListSource(history))

    # --- actions --------------------------------------------------------------------------
    def cancel_selected(self) -> None:
        row = self.selected()
        if row is None or not self.cancel_button.isEnabled():
            return
        dialog = ReasonDialog(
            title="لغو درخواست",
            question=f"درخواست شماره {fmt.number(row.id)} ({row.subscriber_name}) لغو شود؟ "
            "درخواست حذف نمی‌شود و با دلیل در سابقه می‌ماند.",
            action=lambda reason: self._ctx.queue.cancel(
                self._ctx.actor, row.id, reason, expected_version=row.version
            ),
            parent=self,
        )
        if dialog.exec():
            self.status_message.emit(f"درخواست {fmt.number(row.id)} لغو شد.")
        self.refresh()

    def rework_selected(self) -> None:
        """A new request repeating a finished job (linked to it), e.g. a leak that came back."""
        row = self.selected()
        if row is None or row.status not in AFTER_WORK:
            return
        created: list[int] = []
        dialog = ReasonDialog(
            title="کار دوباره",
            question=f"کار درخواست {fmt.number(row.id)} ({row.subscriber_name}) دوباره انجام "
            "شود؟ مشکل را بنویسید؛ درخواست تازه به همین کار پیوند می‌خورد.",
            action=lambda text: created.append(
                self._ctx.pricing.rework(self._ctx.actor, row.id, text)
            ),
            parent=self,
        )
        if dialog.exec() and created:
            self.status_message.emit(f"درخواست کار دوباره {fmt.number(created[0])} ثبت شد.")
        self.refresh()

    def open_price(self) -> None:
        row = self.selected()
        if row is None:
            return
        from hendazh_desktop.ui.dialogs.price_dialog import PriceDialog

        PriceDialog(
            context=self._ctx, pricing=self._ctx.pricing, request_id=row.id, parent=self
        ).exec()
        self.refresh()

    def verify_selected(self) -> None:
        row = self.selected()
        if row is None or row.status != S.TO_VERIFY.value:
            return
        dialog = PickSubscriberDialog(
            context=self._ctx,
            query=row.subscriber_code or row.subscriber_name,
            hint=f"فرم وب: {row.subscriber_name} — {row.address or 'بدون نشانی'}",
            parent=self,
        )
        if not dialog.exec() or dialog.chosen is None:
            return
        chosen = dialog.chosen
        status = run_op(
            self,
            lambda: self._ctx.queue.verify(
                self._ctx.actor, row.id, subscriber_id=chosen.id, expected_version=row.version
            ),
        )
        if status is not None:
            self.status_message.emit(
                f"درخواست {fmt.number(row.id)} تأیید شد: {fmt.status_label(status)}"
            )
        self.refresh()
