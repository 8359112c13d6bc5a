"""The request queue: filters, a lazy sorted table, details with history, cancel and verify."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.errors import Conflict, DomainError
from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.domain.requests import OPEN_STATUSES, RequestStatus
from hendazh_desktop.services.requests.queue import QueueFilter
from hendazh_desktop.services.requests.records import HistoryEntry, RequestRow
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.field_errors import FieldErrors, error_label
from hendazh_desktop.ui.common.jalali_date_edit import JalaliDateEdit
from hendazh_desktop.ui.common.reason_dialog import ReasonDialog
from hendazh_desktop.ui.common.refresh import RefreshWhenShown
from hendazh_desktop.ui.common.tables import list_over_details, list_table
from hendazh_desktop.ui.common.window_model import select_row
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.messages import error_message
from hendazh_desktop.ui.ops import run_op
from hendazh_desktop.ui.requests.queue_model import OPEN, QUEUE_WIDTHS, QueueSource, QueueTableModel
from hendazh_desktop.ui.requests.request_details import RequestDetails
from hendazh_desktop.ui.subscribers.pick_subscriber_dialog import PickSubscriberDialog

S = RequestStatus
STATUS_GROUPS: list[tuple[str, tuple[str, ...]]] = [
    ("همه باز", tuple(sorted(s.value for s in OPEN_STATUSES))),
    ("در صف", (S.QUEUED.value,)),
    ("در انتظار بررسی (فرم وب)", (S.TO_VERIFY.value,)),
    ("در انتظار پیش‌پرداخت", (S.AWAITING_PREPAYMENT.value,)),
    ("لغوشده", (S.CANCELLED.value,)),
    ("همه", ()),
]
ALL_STATUSES = len(STATUS_GROUPS) - 1
SORT_LABELS = [
    ("urgency", "فوریت و قدمت"),
    ("newest", "جدیدترین"),
    ("oldest", "قدیمی‌ترین"),
    ("number", "شماره درخواست"),
    ("preferred_date", "تاریخ مورد نظر مشترک"),
    ("status", "وضعیت"),
]

WATCHED = (Change.REQUESTS, Change.DISPATCH, Change.BILLING, Change.SUBSCRIBERS, Change.CATALOGUE)
AFTER_WORK = {S.DONE.value, S.INVOICED.value, S.PAID.value, S.CLOSED.value}
PRICE_STAGE = {S.DISPATCHED.value, S.PRICE_PRESENTED.value, S.AGREED.value, S.IN_PROGRESS.value}


class QueueView(RefreshWhenShown, QWidget):
    """Everything in the work queue, and what happened to each request."""

    status_message = Signal(str)
    """A short message for the status bar."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._stale = False
        self._quiet = False  # filters being set together: one query at the end
        self._build_filters()
        self.model = QueueTableModel(self)
        self.table = list_table(self.model)
        for column, width in enumerate(QUEUE_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.setMinimumHeight(160)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self._build_details()
        self._lay_out()
        self._connect()
        self.refresh()
        self.watch(context.changes, WATCHED)

    # --- construction ---------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.status = QComboBox()
        for label, statuses in STATUS_GROUPS:
            self.status.addItem(label, statuses)
        self.service = QComboBox()
        self.zone = QComboBox()
        self._fill_choices()
        self.date_from = JalaliDateEdit(optional=True)
        self.date_to = JalaliDateEdit(optional=True)
        for edit in (self.date_from, self.date_to):
            edit.setKeyboardTracking(False)  # no query (nor error) for half-typed dates
            edit.setToolTip("Delete: بدون تاریخ")
        self.date_error = error_label()
        self.date_error.setWordWrap(False)
        self.text = QLineEdit()
        self.text.setPlaceholderText("شماره درخواست، نام، تلفن یا کد اشتراک… (Ctrl+F)")
        self.text.setClearButtonEnabled(True)
        self.sort = QComboBox()
        for key, label in SORT_LABELS:
            self.sort.addItem(label, key)
        self.errors = FieldErrors()
        self.errors.register("date_to", self.date_to, self.date_error)
        self.count_label = QLabel()

    def _fill_choices(self) -> None:
        """Services (inactive ones too: old requests use them) and zones, keeping the choice."""
        actor = self._ctx.actor
        services = [
            (s.name + ("" if s.active else " (غیرفعال)"), s.id)
            for s in self._ctx.catalogue.services(actor, include_inactive=True)
        ]
        zones = [(z.name, z.id) for z in self._ctx.catalogue.zones(actor)]
        for combo, everything, items in (
            (self.service, "همه خدمات", services),
            (self.zone, "همه مناطق", zones),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for label, value in items:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
            combo.blockSignals(False)

    def _build_details(self) -> None:
        actor = self._ctx.actor
        self.request_details = RequestDetails()
        self.details = self.request_details.text
        self.history_model = self.request_details.history_model
        self.cancel_button = QPushButton("لغو درخواست… (Ctrl+Del)")
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.cancel_button.setVisible(actor.can(Permission.CANCEL_REQUESTS))
        self.price_button = QPushButton("قیمت و موافقت…")
        self.price_button.clicked.connect(self.open_price)
        self.price_button.setVisible(actor.can(Permission.DISPATCH))
        self.rework_button = QPushButton("ثبت کار دوباره…")
        self.rework_button.clicked.connect(self.rework_selected)
        self.rework_button.setVisible(actor.can(Permission.CREATE_REQUESTS))
        self.verify_button = QPushButton("تأیید فرم وب…")
        self.verify_button.clicked.connect(self.verify_selected)
        self.verify_button.setVisible(actor.can(Permission.VERIFY_REQUESTS))
        # A prepaid request a consultant took waits here for its prepayment invoice.
        self.prepay_button = QPushButton("صدور صورتحساب پیش‌پرداخت")
        self.prepay_button.clicked.connect(self.issue_prepayment)
        self.prepay_button.setVisible(actor.can(Permission.ISSUE_INVOICES))

    def _lay_out(self) -> None:
        filters = QFormLayout()
        first = QHBoxLayout()
        first.addWidget(self.status, 2)
        first.addWidget(self.service, 2)
        first.addWidget(self.zone, 1)
        first.addWidget(QLabel("ترتیب:"))
        first.addWidget(self.sort, 2)
        filters.addRow("نمایش:", first)
        second = QHBoxLayout()
        second.addWidget(QLabel("از تاریخ"))
        second.addWidget(self.date_from)
        second.addWidget(QLabel("تا تاریخ"))
        second.addWidget(self.date_to)
        second.addWidget(self.date_error)  # «the end is before the start», beside the dates
        second.addWidget(self.text, 1)
        second.addWidget(self.count_label)
        filters.addRow("جستجو:", second)
        splitter = list_over_details(
            self.table,
            "جزئیات و سابقه درخواست",
            self.request_details,
            (
                self.verify_button,
                self.prepay_button,
                self.price_button,
                self.rework_button,
                self.cancel_button,
            ),
            stretch=(3, 1),
            sizes=(600, 230),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.refresh)
        self.text.textChanged.connect(lambda _t: self._filters_changed(debounce=True))
        self.text.returnPressed.connect(self.refresh)
        for combo in (self.status, self.service, self.zone, self.sort):
            combo.currentIndexChanged.connect(lambda _i: self._filters_changed())
        self.date_from.date_changed.connect(lambda _d: self._filters_changed())
        self.date_to.date_changed.connect(lambda _d: self._filters_changed())
        QShortcut(QKeySequence("Ctrl+Delete"), self, self.cancel_selected)
        QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search)

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

    def _filters_changed(self, *, debounce: bool = False) -> None:
        if self._quiet:
            return
        if debounce:
            self._timer.start()
        else:
            self.refresh()

    def refresh(self) -> None:
        """Re-run the query, keeping the selected request selected when it still shows."""
        self._timer.stop()
        self._stale = False
        selected = self.selected()
        old_row = self.table.currentIndex().row()
        flt = self.current_filter()
        count = run_op(
            self, lambda: self._ctx.queue.count(self._ctx.actor, flt), on_error=self._on_refused
        )
        if count is None:
            return  # a rejected filter (a reversed date range): the old list stays
        self.errors.clear()
        self.model.set_source(QueueSource(self._ctx, flt, known_count=count))
        self.count_label.setText(f"{fmt.count(count)} درخواست")
        if selected is None or not self._reselect(selected.id, old_row):
            self._show_details(None)

    def _on_refused(self, error: DomainError) -> bool:
        """A filter the service refused: its message beside the dates, the focus left
        where the user is typing."""
        focused = QApplication.focusWidget()
        shown = self.errors.show(error)
        if focused is not None:
            focused.setFocus()
        return shown

    def _reselect(self, request_id: int, old_row: int) -> bool:
        # Look where the request was (one block), then at the top: never a long scan.
        if 0 <= old_row < self.model.rowCount():
            self.model.row_item(old_row)
        row = self.model.find_row(lambda r: r.id == request_id, scan_blocks=1)
        if row < 0:
            return False
        select_row(self.table, row)
        return True

    def before_shown_refresh(self) -> None:
        self._fill_choices()  # the catalogue may have changed meanwhile

    def show_request(self, request_id: int) -> bool:
        """Select a request; when the list does not show it near the top, list it alone (by
        its number, whatever its state). False when there is no such request."""
        row = self.model.find_row(lambda r: r.id == request_id, scan_blocks=2)
        if row < 0:
            self._quiet = True
            try:
                self.status.setCurrentIndex(ALL_STATUSES)
                self.service.setCurrentIndex(0)
                self.zone.setCurrentIndex(0)
                self.date_from.set_value(None)
                self.date_to.set_value(None)
                self.text.setText(fmt.number(request_id))
            finally:
                self._quiet = False
            self.refresh()
            row = self.model.find_row(lambda r: r.id == request_id, scan_blocks=1)
        if row < 0:
            self._show_details(None)
            return False
        select_row(self.table, row)
        return True

    def focus_search(self) -> None:
        self.text.setFocus()
        self.text.selectAll()

    # --- selection ------------------------------------------------------------------------
    def selected(self) -> RequestRow | None:
        index = self.table.currentIndex()
        return self.model.row_item(index.row()) if index.isValid() else None

    def _on_selection_changed(self, *_args: object) -> None:
        self._show_details(self.selected())

    def _show_details(self, row: RequestRow | None) -> None:
        self.cancel_button.setEnabled(row is not None and row.status in OPEN)
        self.verify_button.setEnabled(row is not None and row.status == S.TO_VERIFY.value)
        self.prepay_button.setEnabled(
            row is not None and row.status == S.AWAITING_PREPAYMENT.value
        )
        self.price_button.setEnabled(row is not None and row.status in PRICE_STAGE)
        self.rework_button.setEnabled(row is not None and row.status in AFTER_WORK)
        history: list[HistoryEntry] = []
        if row is not None:
            history = run_op(self, lambda: self._ctx.queue.history(self._ctx.actor, row.id)) or []
        self.request_details.show_request(row, history)

    # --- actions --------------------------------------------------------------------------
    def cancel_selected(self) -> None:
        """Ask for the reason, then cancel; the request stays on file with its history."""
        row = self.selected()
        if row is None or row.status not in OPEN or not self.cancel_button.isVisible():
            return
        changed: list[DomainError] = []

        def cancel(reason: str) -> None:
            try:
                self._ctx.queue.cancel(
                    self._ctx.actor, row.id, reason, expected_version=row.version
                )
            except Conflict as error:  # changed meanwhile: close, say so, show it anew
                changed.append(error)

        dialog = ReasonDialog(
            title="لغو درخواست",
            question=f"درخواست شماره {fmt.number(row.id)} ({row.subscriber_name}، "
            f"{row.service}) لغو شود؟ درخواست حذف نمی‌شود و با دلیل در سابقه می‌ماند.",
            action=cancel,
            parent=self,
        )
        accepted = dialog.exec()
        if changed:
            QMessageBox.warning(self, "هنداژ", error_message(changed[0]))
        elif accepted:
            self.status_message.emit(f"درخواست {fmt.number(row.id)} لغو شد.")
        self.refresh()
        if accepted and not changed:
            self._ctx.changes.announce(Change.REQUESTS, source=self)

    def issue_prepayment(self) -> None:
        """The prepayment invoice of the selected request (an accountant's turn)."""
        row = self.selected()
        if row is None or not self.prepay_button.isVisible():
            return
        done = run_op(self, lambda: self._ctx.invoices.issue_prepayment(self._ctx.actor, row.id))
        if done is not None:
            self.status_message.emit(f"صورتحساب پیش‌پرداخت {done.row.number} صادر شد.")
            self._ctx.changes.announce(Change.BILLING, source=self)
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
        if created:
            self._ctx.changes.announce(Change.REQUESTS, source=self)

    def open_price(self) -> None:
        row = self.selected()
        if row is None:
            return
        from hendazh_desktop.ui.dispatch.price_dialog import PriceDialog

        PriceDialog(context=self._ctx, request_id=row.id, parent=self).exec()  # announces

    def verify_selected(self) -> None:
        """Tie a web-form request to its subscriber and release it to the queue."""
        row = self.selected()
        if row is None or row.status != S.TO_VERIFY.value:
            return
        dialog = PickSubscriberDialog(
            context=self._ctx,
            query=fmt.code(row.subscriber_code) or row.subscriber_name,
            preselect_code=row.subscriber_code,
            hint=f"فرم وب شماره {fmt.number(row.id)}: {row.subscriber_name or '—'} — "
            f"{row.address or 'بدون نشانی'}\n{row.description}",
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
                f"درخواست {fmt.number(row.id)} به نام {chosen.name} تأیید شد: "
                f"{fmt.status_label(status)}"
            )
        self.refresh()
        if status is not None:
            self._ctx.changes.announce(Change.REQUESTS, source=self)
