"""The payout batches: build one, approve it (a manager other than its builder), pay it, cancel
it; its lines (one per member, cash where no valid Sheba), a paid line's correction, payslips
and the bank file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.domain.wages import (
    BATCH_STATE_LABELS,
    IBAN_PROBLEM_LABELS,
    PAY_METHOD_LABELS,
    BatchState,
    PayMethod,
)
from hendazh_desktop.services.wages.records import (
    BatchDetail,
    BatchLineRecord,
    BatchRecord,
    WageItemRecord,
)
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.tables import list_table
from hendazh_desktop.ui.common.window_model import (
    NUMERIC,
    Column,
    ListSource,
    WindowTableModel,
    select_row,
)
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.ops import run_op
from hendazh_desktop.ui.wages import sources

BATCH_COLUMNS: list[Column[BatchRecord]] = [
    Column("شماره", lambda b: fmt.number(b.number), NUMERIC, sort="number"),
    Column("از", lambda b: fmt.date(b.day_from), sort="from"),
    Column("تا", lambda b: fmt.date(b.day_to), sort="to"),
    Column("وضعیت", lambda b: BATCH_STATE_LABELS[BatchState(b.state)], sort="state"),
    Column("ردیف‌ها", lambda b: fmt.number(b.line_count), NUMERIC, sort="lines"),
    Column("جمع", lambda b: fmt.money(b.total), NUMERIC, sort="total"),
    Column("تاریخ پرداخت", lambda b: fmt.date(b.paid_on) if b.paid_on else "", sort="paid_on"),
    Column("پیگیری بانک", lambda b: b.bank_ref, sort="bank_ref"),
]

LINE_COLUMNS: list[Column[BatchLineRecord]] = [
    Column("نام", lambda r: r.member_name, sort="name"),
    Column("گروه", lambda r: r.group_name, sort="group"),
    Column("دستمزد", lambda r: fmt.money(r.fees), NUMERIC, sort="fees"),
    Column("مصالح", lambda r: fmt.money(r.reimbursements), NUMERIC, sort="reimbursements"),
    Column("مساعده", lambda r: fmt.money(r.advances), NUMERIC, sort="advances"),
    Column("برگشت وصول", lambda r: fmt.money(r.clawbacks), NUMERIC, sort="clawbacks"),
    Column("اصلاحیه", lambda r: fmt.money(r.corrections), NUMERIC, sort="corrections"),
    Column("کسور", lambda r: fmt.money(r.withholding), NUMERIC, sort="withholding"),
    Column("خالص", lambda r: fmt.money(r.net), NUMERIC, sort="net"),
    Column("روش", lambda r: PAY_METHOD_LABELS[PayMethod(r.method)], sort="method"),
    Column("شبا", lambda r: r.iban or IBAN_PROBLEM_LABELS.get(r.problem, ""), sort="iban"),
]


class BatchesPanel(QWidget):
    """Batches newest first, the chosen batch's lines, and what can be done with it."""

    status_message = Signal(str)
    """A short message for the status bar."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._actor = context, context.actor
        manages = context.can(Permission.MANAGE_WAGES)
        self.build_button = QPushButton("ساختن فهرست…")
        self.approve_button = QPushButton("تأیید فهرست")
        self.pay_button = QPushButton("ثبت پرداخت…")
        self.cancel_button = QPushButton("لغو فهرست")
        self.payslips_button = QPushButton("فیش‌ها…")
        self.xlsx_button = QPushButton("فایل بانک (Excel)…")
        self.csv_button = QPushButton("فایل بانک (CSV)…")
        self.correct_button = QPushButton("اصلاح سطر…")
        self.correct_button.setToolTip(
            "ردیف انتخاب‌شده فهرستِ پرداخت‌شده را با ردیف اصلاحی در پرداخت بعدی جبران کنید."
        )
        for button in (self.build_button, self.pay_button, self.cancel_button, self.correct_button):
            button.setVisible(manages)
        self.approve_button.setVisible(context.can(Permission.APPROVE_WAGE_BATCHES))
        self.build_button.clicked.connect(self.build)
        self.approve_button.clicked.connect(self.approve)
        self.pay_button.clicked.connect(self.pay)
        self.cancel_button.clicked.connect(self.cancel)
        self.payslips_button.clicked.connect(self.payslips)
        self.xlsx_button.clicked.connect(lambda: self.bank_file("xlsx"))
        self.csv_button.clicked.connect(lambda: self.bank_file("csv"))
        self.correct_button.clicked.connect(self.correct_line)
        self.approval_switch = QCheckBox("فهرست‌ها تأیید مدیر لازم دارند")
        self.approval_switch.setVisible(context.can(Permission.EDIT_SETTINGS))
        required = run_op(self, lambda: context.wages.batches.approval_required(self._actor))
        self.approval_switch.setChecked(bool(required))
        self.approval_switch.toggled.connect(self.set_approval_required)
        self.model: WindowTableModel[BatchRecord] = WindowTableModel(BATCH_COLUMNS)
        self.table = list_table(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.lines: WindowTableModel[BatchLineRecord] = WindowTableModel(
            LINE_COLUMNS, warn=lambda r: r.method == PayMethod.CASH.value
        )
        self.lines_table = list_table(self.lines)
        self.lines_table.selectionModel().currentRowChanged.connect(
            self._on_lines_table_current_changed
        )
        self.lines.modelReset.connect(self._update_correct_button)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.group_id: int | None = None
        buttons = QHBoxLayout()
        for button in (
            self.build_button,
            self.approve_button,
            self.pay_button,
            self.cancel_button,
            self.payslips_button,
            self.xlsx_button,
            self.csv_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.approval_switch)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self._lines_box())
        splitter.setSizes([220, 380])
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary)
        self._update_buttons(None)

    def _lines_box(self) -> QWidget:
        box = QWidget()
        top = QHBoxLayout()
        top.addWidget(QLabel("ردیف‌های فهرست (هر شخص یک ردیف)"))
        top.addStretch(1)
        top.addWidget(self.correct_button)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.lines_table, 1)
        return box

    def set_approval_required(self, required: bool) -> None:
        """The office setting, audited; batches built from now on follow it."""

        def apply() -> bool:
            self._ctx.wages.batches.set_approval_required(self._actor, required)
            return True

        if run_op(self, apply) is None:
            self.approval_switch.blockSignals(True)
            self.approval_switch.setChecked(not required)
            self.approval_switch.blockSignals(False)
            return
        self._ctx.changes.announce(Change.WAGES, source=self)
        self.status_message.emit(
            "فهرست‌های بعدی پیش از پرداخت تأیید مدیر لازم دارند."
            if required
            else "فهرست‌های بعدی بدون تأیید مدیر پرداخت‌پذیرند."
        )

    def current(self) -> BatchRecord | None:
        index = self.table.currentIndex()
        return self.model.row_item(index.row()) if index.isValid() else None

    def current_line(self) -> BatchLineRecord | None:
        index = self.lines_table.currentIndex()
        return self.lines.row_item(index.row()) if index.isValid() else None

    def refresh(self, select_id: int | None = None) -> None:
        """Re-read the batches (in the order chosen by a header), keeping the chosen one."""
        chosen = self.current()
        keep = select_id or (chosen.id if chosen else None)
        self.model.set_source(sources.batches(self._ctx.wages.queries, self._actor))
        row = self.model.find_row(lambda b: b.id == keep) if keep is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            select_row(self.table, row)
        else:
            self._show(None)

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        batch = self.model.row_item(current.row()) if current.isValid() else None
        detail = (
            run_op(self, lambda: self._ctx.wages.queries.batch(self._actor, batch.id))
            if batch
            else None
        )
        self._show(detail)

    def _show(self, detail: BatchDetail | None) -> None:
        self.lines.set_source(
            sources.lines(self._ctx.wages.queries, self._actor, detail.batch.id)
            if detail
            else ListSource([])
        )
        self._update_buttons(detail.batch if detail else None)
        if detail is None:
            self.summary.setText("")
            return
        cash = [line for line in detail.lines if line.method == PayMethod.CASH.value]
        names = {line.member_id: line.member_name for line in detail.lines}
        self.summary.setText(
            f"فهرست {fmt.number(detail.batch.number)}: "
            f"{BATCH_STATE_LABELS[BatchState(detail.batch.state)]} — جمع "
            f"{fmt.money(detail.batch.total)}"
            + (
                f" — {fmt.count(len(cash))} ردیف بدون شبای معتبر: نقدی با رسید امضاشده"
                if cash
                else ""
            )
            + (" — نیازمند تأیید مدیر" if detail.batch.approval_required else "")
            + "".join(
                f"\nاصلاحیه {fmt.money(c.amount)} برای «{names.get(c.member_id, '')}» "
                f"در پرداخت بعدی: {c.reason}"
                for c in detail.corrections
            )
        )

    def _update_buttons(self, batch: BatchRecord | None) -> None:
        open_ = batch is not None and batch.state in (BatchState.DRAFT, BatchState.APPROVED)
        self.approve_button.setEnabled(
            batch is not None
            and batch.state == BatchState.DRAFT
            and batch.created_by != self._actor.user_id
        )
        self.pay_button.setEnabled(
            open_
            and batch is not None
            and (not batch.approval_required or batch.state == BatchState.APPROVED)
        )
        self.cancel_button.setEnabled(open_)
        for button in (self.payslips_button, self.xlsx_button, self.csv_button):
            button.setEnabled(batch is not None and batch.state != BatchState.CANCELLED)
        self._update_correct_button()

    def _on_lines_table_current_changed(self, _current: QModelIndex, _prev: QModelIndex) -> None:
        self._update_correct_button()

    def _update_correct_button(self) -> None:
        """Only a paid batch's chosen line is corrected (an open batch is rebuilt instead)."""
        batch = self.current()
        self.correct_button.setEnabled(
            batch is not None and batch.state == BatchState.PAID and self.current_line() is not None
        )

    def _changed(self, detail: BatchDetail | None, message: str) -> None:
        if detail is None:
            return
        self._ctx.changes.announce(Change.WAGES, source=self)
        self.refresh(detail.batch.id)
        self.status_message.emit(message)

    def build(self) -> BatchDetail | None:
        from hendazh_desktop.ui.wages.dialogs import BuildBatchDialog

        dialog = BuildBatchDialog(context=self._ctx, group_id=self.group_id, parent=self)
        detail: BatchDetail | None = dialog.result_value if dialog.exec() else None
        dialog.deleteLater()
        if detail is not None:
            self._changed(detail, f"فهرست {fmt.number(detail.batch.number)} ساخته شد.")
        return detail

    def approve(self) -> None:
        import uuid

        batch = self.current()
        if batch is None:
            return
        done = run_op(
            self,
            lambda: self._ctx.wages.batches.approve(
                self._actor,
                batch.id,
                expected_version=batch.version,
                operation_id=str(uuid.uuid4()),
            ),
        )
        self._changed(done, f"فهرست {fmt.number(batch.number)} تأیید شد.")

    def pay(self) -> BatchDetail | None:
        from hendazh_desktop.ui.wages.dialogs import PayBatchDialog

        batch = self.current()
        if batch is None:
            return None
        dialog = PayBatchDialog(context=self._ctx, batch=batch, parent=self)
        detail: BatchDetail | None = dialog.result_value if dialog.exec() else None
        dialog.deleteLater()
        self._changed(detail, f"پرداخت فهرست {fmt.number(batch.number)} ثبت شد.")
        return detail

    def correct_line(self) -> WageItemRecord | None:
        """A correction of the chosen paid line, carried into the member's next payout."""
        from hendazh_desktop.ui.wages.dialogs import CorrectLineDialog

        batch, line = self.current(), self.current_line()
        if batch is None or line is None or batch.state != BatchState.PAID:
            return None
        dialog = CorrectLineDialog(context=self._ctx, batch=batch, line=line, parent=self)
        done: WageItemRecord | None = dialog.result_value if dialog.exec() else None
        dialog.deleteLater()
        if done is None:
            return None
        self._ctx.changes.announce(Change.WAGES, source=self)
        self.refresh(batch.id)
        row = self.lines.find_row(lambda r: r.id == line.id)
        if row >= 0:
            select_row(self.lines_table, row)
        how = "به پرداخت بعدی او افزوده" if done.amount > 0 else "از پرداخت بعدی او کسر"
        self.status_message.emit(
            f"اصلاحیه {fmt.money(abs(done.amount))} برای «{line.member_name}» "
            f"(فهرست {fmt.number(batch.number)}) ثبت شد و {how} می‌شود."
        )
        return done

    def cancel(self) -> None:
        import uuid

        batch = self.current()
        if batch is None:
            return
        done = run_op(
            self,
            lambda: self._ctx.wages.batches.cancel(
                self._actor,
                batch.id,
                expected_version=batch.version,
                operation_id=str(uuid.uuid4()),
            ),
        )
        self._changed(done, f"فهرست {fmt.number(batch.number)} لغو شد.")

    def payslips(self) -> None:
        """Every payslip of the batch in one preview (one page each)."""
        batch = self.current()
        if batch is None:
            return
        from hendazh_desktop.ui.common.pdf_preview_dialog import preview_pdf

        documents = self._ctx.wages.documents
        preview_pdf(
            self,
            lambda: documents.payslips_pdf(self._actor, batch.id),
            title=f"فیش‌های دستمزد فهرست {fmt.number(batch.number)}",
            file_name=f"payslips-{batch.number}.pdf",
            directory=self._ctx.documents_dir,
        )

    def bank_file(self, fmt_name: str, path: str | None = None) -> Path | None:
        """Save the batch's group-transfer file (``path`` given: no file dialog)."""
        batch = self.current()
        if batch is None:
            return None
        if path is None:
            start = str(self._ctx.documents_dir / f"wages-{batch.number}.{fmt_name}")
            kind = "Excel (*.xlsx)" if fmt_name == "xlsx" else "CSV (*.csv)"
            path, _ = QFileDialog.getSaveFileName(self, "ذخیره فایل بانک", start, kind)
            if not path:
                return None
        data = run_op(
            self, lambda: self._ctx.wages.documents.bank_file(self._actor, batch.id, fmt_name)
        )
        if data is None:
            return None
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.status_message.emit(f"فایل بانک در {target} ذخیره شد.")
        return target
