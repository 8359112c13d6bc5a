"""The wages view (دستمزدها), for accountants and managers: every job's wage by state (held
with the reason, due, in a batch, paid, clawed back) filtered by group, member, service and
Jalali range, with the totals; the payout batches; the advances."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.domain.wages import HOLD_REASON_LABELS, PAYABLE_STATE_LABELS, PayableState
from hendazh_desktop.services.wages.queries import PayableFilter
from hendazh_desktop.services.wages.records import (
    GroupWageTerms,
    PayableRow,
    ReimbursementRecord,
    WageItemRecord,
)
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.jalali_date_edit import JalaliDateEdit
from hendazh_desktop.ui.common.refresh import RefreshWhenShown
from hendazh_desktop.ui.common.tables import list_table
from hendazh_desktop.ui.common.window_model import NUMERIC, Column, WindowTableModel
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.ops import Operation, run_in_background, run_op
from hendazh_desktop.ui.wages import sources
from hendazh_desktop.ui.wages.batches_panel import BatchesPanel
from hendazh_desktop.ui.wages.reimbursements_panel import ReimbursementsPanel


def state_text(row: PayableRow) -> str:
    label = PAYABLE_STATE_LABELS[PayableState(row.state)]
    return f"{label}: {HOLD_REASON_LABELS.get(row.reason, row.reason)}" if row.reason else label


PAYABLE_COLUMNS: list[Column[PayableRow]] = [
    Column("درخواست", lambda r: fmt.number(r.request_id), NUMERIC, sort="request"),
    Column("تاریخ وصول", lambda r: fmt.date(r.on_day) if r.on_day else "", sort="day", narrow=True),
    Column("گروه", lambda r: r.group_name, sort="group", narrow=True),
    Column("خدمت", lambda r: r.service_name, sort="service", narrow=True),
    Column("کد مشترک", lambda r: fmt.code(r.subscriber_code), NUMERIC, sort="code", narrow=True),
    Column(
        "دستمزد گروه",
        lambda r: fmt.money(r.fee) if r.fee is not None else "—",
        NUMERIC,
        sort="fee",
        narrow=True,
    ),
    Column("وضعیت", state_text, sort="state", narrow=True),
]

ADVANCE_COLUMNS: list[Column[WageItemRecord]] = [
    Column("تاریخ", lambda r: fmt.date(r.on_day), sort="day"),
    Column("مبلغ", lambda r: fmt.money(-r.amount), NUMERIC, sort="amount"),
    Column("دلیل", lambda r: r.reason, sort="reason"),
]


class WagesView(RefreshWhenShown, QWidget):
    """Payables, batches and advances of the work groups' wages."""

    status_message = Signal(str)
    """A short message for the status bar."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._actor = context, context.actor
        self._queries = context.wages.queries
        self.state = QComboBox()
        self.state.addItem("همه وضعیت‌ها", None)
        for state in PayableState:
            self.state.addItem(PAYABLE_STATE_LABELS[state], state.value)
        self.group = QComboBox()
        self.member = QComboBox()
        self.service = QComboBox()
        self.date_from = JalaliDateEdit(optional=True)
        self.date_to = JalaliDateEdit(optional=True)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.totals_loading: Operation[tuple[PayableFilter, dict[str, int]]] | None = None
        self._totals_wanted = PayableFilter()
        self._totals_asked = self._totals_started = 0
        self.model: WindowTableModel[PayableRow] = WindowTableModel(
            PAYABLE_COLUMNS, warn=lambda r: r.state == PayableState.CLAWED_BACK
        )
        self.table = list_table(self.model)
        self.batches = BatchesPanel(context=context)
        self.batches.status_message.connect(self.status_message)
        self.advances: WindowTableModel[WageItemRecord] = WindowTableModel(ADVANCE_COLUMNS)
        self.advances_table = list_table(self.advances)
        self.advance_button = QPushButton("ثبت مساعده…")
        self.advance_button.setVisible(context.can(Permission.MANAGE_WAGES))
        self.advance_button.clicked.connect(self.record_advance)
        self.terms_button = QPushButton("سهم‌ها و شبای گروه…")
        self.terms_button.setVisible(context.can(Permission.MANAGE_WAGES))
        self.terms_button.clicked.connect(self.edit_terms)
        self.reimburse_button = QPushButton("هزینه مصالح کار…")
        self.reimburse_button.setVisible(context.can(Permission.MANAGE_WAGES))
        self.reimburse_button.clicked.connect(self.record_reimbursement)
        self.earnings_button = QPushButton("صورت کارکرد گروه…")
        self.earnings_button.clicked.connect(self.earnings_statement)
        self.reimbursements = ReimbursementsPanel(context=context)
        self.reimbursements.status_message.connect(self.status_message)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._payables_tab(), "دستمزد کارها")
        self.tabs.addTab(self.batches, "فهرست‌های پرداخت")
        self.tabs.addTab(self._advances_tab(), "مساعده‌ها")
        self.tabs.addTab(self.reimbursements, "هزینه‌های مصالح")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self._fill_choices()
        self.state.currentIndexChanged.connect(lambda _i: self.refresh())
        self.group.currentIndexChanged.connect(self._on_group_current_index_changed)
        self.member.currentIndexChanged.connect(lambda _i: self.refresh())
        self.service.currentIndexChanged.connect(lambda _i: self.refresh())
        self.date_from.date_changed.connect(lambda _d: self.refresh())
        self.date_to.date_changed.connect(lambda _d: self.refresh())
        self.refresh()
        self.watch(context.changes, (Change.BILLING, Change.DISPATCH, Change.WAGES))

    def _payables_tab(self) -> QWidget:
        tab = QWidget()
        filters = QHBoxLayout()
        for widget in (
            QLabel("وضعیت:"),
            self.state,
            QLabel("گروه:"),
            self.group,
            QLabel("شخص:"),
            self.member,
            QLabel("خدمت:"),
            self.service,
            QLabel("از تاریخ:"),
            self.date_from,
            QLabel("تا:"),
            self.date_to,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.reimburse_button)
        filters.addWidget(self.earnings_button)
        filters.addWidget(self.terms_button)
        layout = QVBoxLayout(tab)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals)
        return tab

    def _advances_tab(self) -> QWidget:
        tab = QWidget()
        top = QHBoxLayout()
        top.addWidget(QLabel("مساعده‌های گروه انتخاب‌شده (یا همه گروه‌ها)"))
        top.addStretch(1)
        top.addWidget(self.advance_button)
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.advances_table, 1)
        return tab

    def _fill_choices(self) -> None:
        self.group.blockSignals(True)
        self.group.addItem("همه گروه‌ها", None)
        for row in run_op(self, lambda: self._ctx.work_groups.list_groups(self._actor)) or []:
            self.group.addItem(row.name, row.id)
        self.group.blockSignals(False)
        self.service.addItem("همه خدمات", None)
        for service in run_op(self, lambda: self._ctx.catalogue.services(self._actor)) or []:
            self.service.addItem(service.name, service.id)
        self._fill_members()

    def _fill_members(self) -> None:
        self.member.blockSignals(True)
        self.member.clear()
        self.member.addItem("همه اشخاص", None)
        group_id = self.group.currentData()
        if group_id is not None:
            for member in run_op(self, lambda: self._queries.members(self._actor, group_id)) or []:
                left = " (رفته)" if member.left_on else ""
                self.member.addItem(member.name + left, member.id)
        self.member.blockSignals(False)

    def _on_group_current_index_changed(self, _index: int) -> None:
        self._fill_members()
        self.batches.group_id = self.group.currentData()
        self.reimbursements.group_id = self.group.currentData()
        self.refresh()

    def current_filter(self) -> PayableFilter:
        return PayableFilter(
            state=self.state.currentData(),
            group_id=self.group.currentData(),
            member_id=self.member.currentData(),
            service_id=self.service.currentData(),
            day_from=self.date_from.value(),
            day_to=self.date_to.value(),
        )

    def refresh(self) -> None:
        """Re-read the payables, their totals, the batches and the advances."""
        self._stale = False
        flt = self.current_filter()
        self.model.set_source(sources.payables(self._queries, self._actor, flt))
        self._sum_totals(flt)
        self.batches.refresh()
        self.reimbursements.refresh()
        self.advances.set_source(sources.advances(self._queries, self._actor, flt.group_id))
        self.status_message.emit(f"{fmt.count(self.model.rowCount())} کار در فهرست دستمزد")

    def _sum_totals(self, flt: PayableFilter) -> None:
        """The fees by state under the filter, summed on a worker thread (over a million jobs
        that takes a while; the list is shown meanwhile). A refresh asked during a sum waits
        for it, then the newest filter is summed again."""
        self._totals_wanted = flt
        self._totals_asked += 1
        if self.totals_loading is not None:
            return
        self._totals_started = self._totals_asked
        self.totals.setText("جمع دستمزدها در حال محاسبه…")
        queries, actor = self._queries, self._actor
        self.totals_loading = run_in_background(
            self,
            lambda _task: (flt, queries.totals(actor, flt)),
            on_success=self._show_totals,
        )
        self.totals_loading.finished.connect(self._on_totals_loading_finished)

    def _show_totals(self, result: tuple[PayableFilter, dict[str, int]]) -> None:
        flt, sums = result
        if flt != self._totals_wanted:
            return  # the filter changed meanwhile: its own sum follows
        self.totals.setText(
            " — ".join(
                f"{PAYABLE_STATE_LABELS[state]}: {fmt.money(sums.get(state.value, 0))}"
                for state in PayableState
            )
        )

    def _on_totals_loading_finished(self, _outcome: str) -> None:
        self.totals_loading = None
        if self._totals_asked > self._totals_started:  # asked again while summing
            self._totals_asked -= 1
            self._sum_totals(self._totals_wanted)

    def record_advance(self) -> WageItemRecord | None:
        group_id = self.group.currentData()
        if group_id is None:
            self.status_message.emit("نخست گروه کاری را انتخاب کنید.")
            return None
        from hendazh_desktop.ui.wages.dialogs import AdvanceDialog

        terms = run_op(self, lambda: self._ctx.wages.ledger.terms(self._actor, group_id))
        if terms is None:
            return None
        dialog = AdvanceDialog(context=self._ctx, members=list(terms.members), parent=self)
        done: WageItemRecord | None = dialog.result_value if dialog.exec() else None
        dialog.deleteLater()
        if done is not None:
            self._ctx.changes.announce(Change.WAGES, source=self)
            self.refresh()
            self.status_message.emit(f"مساعده {fmt.money(-done.amount)} ثبت شد.")
        return done

    def edit_terms(self) -> GroupWageTerms | None:
        """The chosen group's members' shares and Sheba, and its withholding."""
        group_id = self.group.currentData()
        if group_id is None:
            self.status_message.emit("نخست گروه کاری را انتخاب کنید.")
            return None
        from hendazh_desktop.ui.wages.dialogs import WageTermsDialog

        terms = run_op(self, lambda: self._ctx.wages.ledger.terms(self._actor, group_id))
        if terms is None:
            return None
        dialog = WageTermsDialog(context=self._ctx, terms=terms, parent=self)
        done: GroupWageTerms | None = dialog.result_value if dialog.exec() else None
        dialog.deleteLater()
        if done is not None:
            self._ctx.changes.announce(Change.WAGES, source=self)
            self._fill_members()
            self.status_message.emit(f"سهم‌ها و شبای «{done.group_name}» ذخیره شد.")
        return done

    def record_reimbursement(self) -> ReimbursementRecord | None:
        """Materials the chosen job's group bought (amount, supplier's receipt, note)."""
        index = self.table.currentIndex()
        job = self.model.row_item(index.row()) if index.isValid() else None
        if job is None:
            self.status_message.emit("نخست کار را در فهرست انتخاب کنید.")
            return None
        from hendazh_desktop.ui.wages.dialogs import ReimbursementDialog

        dialog = ReimbursementDialog(context=self._ctx, request_id=job.request_id, parent=self)
        done: ReimbursementRecord | None = dialog.result_value if dialog.exec() else None
        dialog.deleteLater()
        if done is not None:
            self._ctx.changes.announce(Change.WAGES, source=self)
            self.reimbursements.refresh()
            self.status_message.emit(
                f"هزینه مصالح {fmt.money(done.amount)} ثبت شد و در انتظار تأیید است."
            )
        return done

    def earnings_statement(self) -> None:
        """The chosen group's statement of earnings over a Jalali range, previewed."""
        group_id = self.group.currentData()
        if group_id is None:
            self.status_message.emit("نخست گروه کاری را انتخاب کنید.")
            return
        from hendazh_desktop.ui.common.pdf_preview_dialog import preview_pdf
        from hendazh_desktop.ui.wages.dialogs import EarningsRangeDialog

        dialog = EarningsRangeDialog(context=self._ctx, group_id=group_id, parent=self)
        chosen: tuple[str, str] | None = dialog.result_value if dialog.exec() else None
        dialog.deleteLater()
        if chosen is None:
            return
        day_from, day_to = chosen
        documents = self._ctx.wages.documents
        preview_pdf(
            self,
            lambda: documents.earnings_pdf(self._actor, group_id, day_from, day_to),
            title=f"صورت کارکرد «{self.group.currentText()}»",
            file_name=f"earnings-{group_id}.pdf",
            directory=self._ctx.documents_dir,
        )
