"""The invoices tab: filters, the lazy list, the chosen invoice in full, and what can be done
with it (issue, discounts and terms, payment, credit note, print)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.billing import (
    KIND_LABELS,
    InvoiceKind,
    InvoiceState,
)
from hendazh_desktop.domain.errors import DomainError
from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.services.billing.records import InvoiceDetail, InvoiceFilter, InvoiceRow
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.billing import invoice_actions as actions
from hendazh_desktop.ui.billing.common import (
    DateRange,
    PendingOps,
    SubscriberFilter,
    choice_combo,
)
from hendazh_desktop.ui.billing.invoice_details import InvoiceDetailsWidget
from hendazh_desktop.ui.billing.models import (
    INVOICE_WIDTHS,
    UNSETTLED,
    InvoiceSource,
    InvoiceTableModel,
    doc_number,
)
from hendazh_desktop.ui.billing.payment_dialog import Payer
from hendazh_desktop.ui.billing.receipts import record_payment
from hendazh_desktop.ui.common.field_errors import FieldErrors, error_label
from hendazh_desktop.ui.common.refresh import RefreshWhenShown
from hendazh_desktop.ui.common.tables import list_over_details, list_table
from hendazh_desktop.ui.common.window_model import select_row
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.ops import run_op

STATE_FILTERS: list[tuple[str, str]] = [
    ("پیش‌نویس", InvoiceState.DRAFT.value),
    ("صادرشده و تسویه‌نشده", "unsettled"),
    ("پرداخت ناقص", InvoiceState.PART_PAID.value),
    ("تسویه‌شده", InvoiceState.PAID.value),
    ("ابطال‌شده", InvoiceState.CREDITED.value),
    ("اعلامیه برگشت", InvoiceState.CREDIT_NOTE.value),
]
NUMBER_HINT = f"شماره صورتحساب، مثل {doc_number('1404-000123')}، و Enter (Ctrl+F)"


class InvoicesPanel(RefreshWhenShown, QWidget):
    """Every invoice and credit note: filters, a lazy list, and the chosen one in full."""

    status_message = Signal(str)
    data_changed = Signal()

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._stale = True
        self._quiet = False
        self._ops = PendingOps()
        self.detail: InvoiceDetail | None = None
        self._build_filters()
        self.model = InvoiceTableModel(self)
        self.table = list_table(self.model)
        for column, width in enumerate(INVOICE_WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.setMinimumHeight(140)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._load_selected())
        self.table.doubleClicked.connect(lambda _i: self.preview())
        self._build_details()
        self._build_actions()
        self._lay_out()
        self._connect()
        self._show_detail(None)

    # --- construction ---------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.state = choice_combo("همه وضعیت‌ها", STATE_FILTERS)
        self.kind = choice_combo("همه انواع", [(KIND_LABELS[k], k.value) for k in InvoiceKind])
        self.service = QComboBox()
        self.fill_services()
        self.subscriber = SubscriberFilter(context=self._ctx)
        self.dates = DateRange()
        self.number = QLineEdit()
        self.number.setPlaceholderText(NUMBER_HINT)
        self.number.setClearButtonEnabled(True)
        self.number_error = error_label()
        self.number_error.setWordWrap(False)
        self.errors = FieldErrors()
        self.errors.register("number", self.number, self.number_error)
        self.count_label = QLabel()

    def fill_services(self) -> None:
        """Every service (inactive ones too: old invoices name them), keeping the choice."""
        services = run_op(
            self, lambda: self._ctx.catalogue.services(self._ctx.actor, include_inactive=True)
        )
        chosen = self.service.currentData()
        self.service.blockSignals(True)
        self.service.clear()
        self.service.addItem("همه خدمات", None)
        for s in services or []:
            self.service.addItem(s.name + ("" if s.active else " (غیرفعال)"), s.id)
        self.service.setCurrentIndex(max(0, self.service.findData(chosen)) if chosen else 0)
        self.service.blockSignals(False)

    def _build_details(self) -> None:
        self.details = InvoiceDetailsWidget()
        self.header = self.details.header
        self.lines_model = self.details.lines_model
        self.settlements_model = self.details.settlements_model
        self.totals = self.details.totals

    def _build_actions(self) -> None:
        actor = self._ctx.actor
        self.final_button = QPushButton("صورتحساب نهایی کار انجام‌شده…")
        self.issue_button = QPushButton("صدور…")
        self.terms_button = QPushButton("تخفیف و شرایط…")
        self.discard_button = QPushButton("حذف پیش‌نویس…")
        self.pay_button = QPushButton("ثبت دریافت…")
        self.apply_credit_button = QPushButton("تسویه از بستانکاری")
        self.credit_note_button = QPushButton("اعلامیه برگشت…")
        self.print_button = QPushButton("پیش‌نمایش و چاپ… (Ctrl+P)")
        for button, slot, permission in (
            (self.final_button, self.draft_final, Permission.ISSUE_INVOICES),
            (self.issue_button, self.issue_selected, Permission.ISSUE_INVOICES),
            (self.terms_button, self.edit_terms, Permission.ISSUE_INVOICES),
            (self.discard_button, self.discard_selected, Permission.ISSUE_INVOICES),
            (self.pay_button, self.record_payment, Permission.RECORD_PAYMENTS),
            (self.apply_credit_button, self.apply_credit, Permission.RECORD_PAYMENTS),
            (self.credit_note_button, self.credit_note, Permission.CREDIT_INVOICES),
            (self.print_button, self.preview, Permission.VIEW_BILLING),
        ):
            button.clicked.connect(slot)
            button.setVisible(actor.can(permission))

    def _lay_out(self) -> None:
        filters = QFormLayout()
        first = QHBoxLayout()
        for widget, stretch in (
            (self.state, 2),
            (self.kind, 1),
            (self.service, 2),
            (self.subscriber, 2),
        ):
            first.addWidget(widget, stretch)
        filters.addRow("نمایش:", first)
        second = QHBoxLayout()
        self.dates.add_to(second)
        second.addWidget(self.number, 1)
        second.addWidget(self.number_error)
        second.addWidget(self.count_label)
        filters.addRow("جستجو:", second)
        top = QHBoxLayout()
        top.addLayout(filters, 1)
        top.addWidget(self.final_button, 0, Qt.AlignmentFlag.AlignTop)

        splitter = list_over_details(
            self.table,
            "صورتحساب انتخاب‌شده",
            self.details,
            (
                self.issue_button,
                self.terms_button,
                self.discard_button,
                self.pay_button,
                self.apply_credit_button,
                self.credit_note_button,
                self.print_button,
            ),
            stretch=(1, 1),
            sizes=(280, 480),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        for combo in (self.state, self.kind, self.service):
            combo.currentIndexChanged.connect(lambda _i: self._filters_changed())
        self.dates.date_from.date_changed.connect(lambda _d: self._filters_changed())
        self.dates.date_to.date_changed.connect(lambda _d: self._filters_changed())
        self.subscriber.changed.connect(self._filters_changed)
        self.number.returnPressed.connect(self.find_number)
        self.number.textChanged.connect(lambda text: None if text else self._filters_changed())
        QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search)
        QShortcut(QKeySequence("Ctrl+P"), self, self.preview)

    # --- loading --------------------------------------------------------------------------
    def current_filter(self) -> InvoiceFilter | None:
        dates = self.dates.values()
        if dates is None:
            return None
        return InvoiceFilter(
            state=self.state.currentData(),
            kind=self.kind.currentData(),
            date_from=dates[0],
            date_to=dates[1],
            subscriber_id=self.subscriber.subscriber_id(),
            service_id=self.service.currentData(),
            number=self.number.text(),
        )

    def _filters_changed(self) -> None:
        if not self._quiet:
            self.refresh()

    def refresh(self, *, select_id: int | None = None) -> None:
        """Count once and show the first page, keeping (or moving to) the chosen invoice."""
        flt = self.current_filter()
        if flt is None:
            return  # a reversed date range: the old list stays, the message beside the dates
        self._stale = False
        keep = select_id if select_id is not None else (self.detail.row.id if self.detail else None)
        old_row = self.table.currentIndex().row()
        count = run_op(
            self,
            lambda: self._ctx.billing.count_invoices(self._ctx.actor, flt),
            on_error=self._on_refused,
        )
        if count is None:
            return
        self.errors.clear()
        self.model.set_source(InvoiceSource(self._ctx, flt, known_count=count))
        self.count_label.setText(f"{fmt.count(count)} صورتحساب")
        if keep is None or not self.select_invoice(keep, old_row):
            self._show_detail(None)

    def _on_refused(self, error: DomainError) -> bool:
        shown = self.errors.show(error)
        self.number.setFocus()
        return shown

    def select_invoice(self, invoice_id: int, near_row: int = -1) -> bool:
        """Select an invoice if the list shows it near where it was or near the top."""
        if 0 <= near_row < self.model.rowCount():
            self.model.row_item(near_row)
        row = self.model.find_row(lambda r: r.id == invoice_id, scan_blocks=1)
        if row < 0:
            return False
        select_row(self.table, row)
        self.table.scrollTo(self.model.index(row, 0))
        self._load_selected()
        return True

    def before_shown_refresh(self) -> None:
        self.fill_services()  # the catalogue may have changed meanwhile

    def set_filters(
        self,
        *,
        state: str = "",
        kind: str = "",
        subscriber: Payer | None = None,
        number: str = "",
    ) -> None:
        """Show a given set (e.g. one subscriber's invoices) with one query."""
        self._quiet = True
        try:
            self.state.setCurrentIndex(max(0, self.state.findData(state)))
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
            self.service.setCurrentIndex(0)
            self.subscriber.set_subscriber(subscriber)
            self.dates.clear()
            self.number.setText(number)
        finally:
            self._quiet = False
        self.refresh()

    def find_number(self) -> None:
        """Enter in the number field: that one invoice, whatever the other filters said."""
        number = self.number.text().strip()
        if number:
            self.set_filters(number=number)
        else:
            self.refresh()

    def focus_search(self) -> None:
        self.number.setFocus()
        self.number.selectAll()

    # --- the chosen invoice ---------------------------------------------------------------
    def selected(self) -> InvoiceRow | None:
        index = self.table.currentIndex()
        return self.model.row_item(index.row()) if index.isValid() else None

    def _load_selected(self) -> None:
        row = self.selected()
        if row is None:
            self._show_detail(None)
            return
        if self.detail is not None and self.detail.row == row:
            return
        detail = run_op(self, lambda: self._ctx.invoices.detail(self._ctx.actor, row.id))
        self._show_detail(detail)

    def _show_detail(self, detail: InvoiceDetail | None) -> None:
        self.detail = detail
        row = detail.row if detail else None
        draft = row is not None and row.state == InvoiceState.DRAFT.value
        unsettled = row is not None and row.state in UNSETTLED
        creditable = row is not None and row.state not in (
            InvoiceState.DRAFT.value,
            InvoiceState.CREDITED.value,
            InvoiceState.CREDIT_NOTE.value,
        )
        self.issue_button.setEnabled(draft)
        self.terms_button.setEnabled(draft)
        self.discard_button.setEnabled(draft)
        self.pay_button.setEnabled(unsettled)
        self.apply_credit_button.setEnabled(unsettled)
        self.credit_note_button.setEnabled(creditable)
        self.print_button.setEnabled(row is not None)
        self.details.show_detail(detail)

    # --- actions --------------------------------------------------------------------------
    def _changed(self, message: str, *, select_id: int | None = None) -> None:
        self.status_message.emit(message)
        self.detail = None  # re-read whatever is shown
        self.refresh(select_id=select_id)
        if select_id is not None and self.detail is None and self.state.currentIndex() != 0:
            # the invoice left the state shown (a draft issued, an invoice paid): follow it
            self.state.blockSignals(True)
            self.state.setCurrentIndex(0)
            self.state.blockSignals(False)
            self.refresh(select_id=select_id)
        self.data_changed.emit()

    def _draft(self) -> InvoiceDetail | None:
        detail = self.detail
        return detail if detail and detail.row.state == InvoiceState.DRAFT.value else None

    def _unsettled(self) -> InvoiceDetail | None:
        detail = self.detail
        return detail if detail and detail.row.state in UNSETTLED else None

    def issue_selected(self) -> None:
        """Number and freeze the chosen draft, after asking."""
        if (detail := self._draft()) is None:
            return
        done = actions.issue(self, self._ctx, self._ops, detail.row)
        if done:
            self._changed(done, select_id=detail.row.id)
        else:
            self.refresh()  # perhaps changed meanwhile: show it as it is now

    def edit_terms(self) -> None:
        if (detail := self._draft()) is not None:
            done = actions.edit_terms(self, self._ctx, detail)
            if done:
                self._changed(done, select_id=detail.row.id)

    def discard_selected(self) -> None:
        if (detail := self._draft()) is not None:
            done = actions.discard(self, self._ctx, detail.row)
            if done:
                self._changed(done)

    def record_payment(self) -> None:
        if (detail := self._unsettled()) is None:
            return
        row = detail.row
        payer = Payer(row.subscriber_id, row.subscriber_name, row.subscription_code)
        payment = record_payment(self, self._ctx, payer, invoice_id=row.id, amount=row.balance)
        if payment is not None:
            self._changed(f"رسید {doc_number(payment.number)} ثبت شد.", select_id=row.id)

    def apply_credit(self) -> None:
        if (detail := self._unsettled()) is not None:
            done = actions.apply_credit(self, self._ctx, detail.row)
            if done:
                self._changed(done, select_id=detail.row.id)

    def credit_note(self) -> None:
        """Cancel the chosen issued invoice with a credit note, giving the reason."""
        detail = self.detail
        if detail is not None and self.credit_note_button.isEnabled():
            done = actions.credit_note(self, self._ctx, detail.row)
            if done:
                self._changed(done, select_id=detail.row.id)

    def draft_final(self) -> None:
        """Draft the final invoice of a finished request, and show the draft."""
        draft = actions.draft_final(self, self._ctx)
        if draft is None:
            return
        self.set_filters(state=InvoiceState.DRAFT.value)
        self.select_invoice(draft.row.id)
        request = fmt.number(draft.row.request_id or 0)
        self.status_message.emit(
            f"پیش‌نویس صورتحساب نهایی درخواست {request} آماده است: تخفیف و شرایط را ببینید "
            "و صادر کنید."
        )
        self.data_changed.emit()

    def preview(self) -> None:
        row = self.selected()
        if row is not None:
            actions.preview(self, self._ctx, row)
