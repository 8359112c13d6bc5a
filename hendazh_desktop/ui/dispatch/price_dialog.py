"""The on-site price and the subscriber's answer: lines, totals, versions, agree or decline."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.errors import DomainError, ValidationErrors
from hendazh_desktop.domain.money import format_number, parse_amount
from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.domain.pricing import (
    LINE_KIND_LABELS,
    METHOD_LABELS,
    OUTCOME_LABELS,
    AgreementMethod,
    DeclineOutcome,
    LineKind,
)
from hendazh_desktop.domain.text import to_ascii_digits
from hendazh_desktop.services.dispatch.pricing import LineDraft, PriceInfo
from hendazh_desktop.services.requests.queue import QueueService
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.billing.materials_prepayment_dialog import MaterialsPrepaymentDialog
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.amount_typing import TypedNumberDelegate
from hendazh_desktop.ui.common.dialog_keys import settle_default_button
from hendazh_desktop.ui.common.field_errors import FieldErrors, error_label
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.messages import error_message
from hendazh_desktop.ui.ops import run_action

COLUMNS = ("نوع", "شرح", "تعداد", "مبلغ واحد (ریال)", "مبلغ (ریال)")


class PriceDialog(QDialog):
    """For one request: present a (new) price, record the answer, start and finish work."""

    def __init__(
        self,
        *,
        context: UiContext,
        request_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx, self._pricing, self.request_id = context, context.pricing, request_id
        self._queue: QueueService = context.queue
        self.setMinimumSize(820, 600)
        self.errors = FieldErrors()
        price_box = self._build_price_box()
        answer_box = self._build_answer_box()
        actions = self._build_actions()
        self.state = QLabel()
        self.state.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        side = QVBoxLayout()
        side.addWidget(QLabel("نسخه‌های قیمت:"))
        side.addWidget(self.versions)
        body = QHBoxLayout()
        body.addWidget(price_box, 3)
        body.addLayout(side, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addLayout(body, 1)
        layout.addWidget(answer_box)
        layout.addLayout(actions)
        layout.addWidget(close)
        settle_default_button(self)  # no primary: Enter in a field never closes it
        self.reload()

    def _build_price_box(self) -> QGroupBox:
        """The price lines (labour and materials), their totals and «ثبت قیمت»."""
        self.lines = QTableWidget(0, len(COLUMNS))
        self.lines.setHorizontalHeaderLabels(COLUMNS)
        self.lines.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.lines.verticalHeader().setVisible(False)
        self.lines.setItemDelegateForColumn(2, TypedNumberDelegate(grouped=False, parent=self))
        self.lines.setItemDelegateForColumn(3, TypedNumberDelegate(grouped=True, parent=self))
        self.lines.itemChanged.connect(lambda _i: self._update_totals())
        add_labour = QPushButton("+ دستمزد")
        add_labour.clicked.connect(lambda: self.add_line(LineKind.LABOUR))
        add_material = QPushButton("+ مواد")
        add_material.clicked.connect(lambda: self.add_line(LineKind.MATERIAL))
        remove = QPushButton("حذف ردیف")
        remove.clicked.connect(lambda: self.lines.removeRow(self.lines.currentRow()))
        self.totals = QLabel()
        self.lines_error = error_label()
        self.errors.register("lines", self.lines, self.lines_error)
        self.present_button = QPushButton("ثبت قیمت (نسخه تازه)")
        self.present_button.clicked.connect(self.present)
        price_box = QGroupBox("قیمت ارائه‌شده در محل")
        price_layout = QVBoxLayout(price_box)
        price_layout.addWidget(self.lines)
        row = QHBoxLayout()
        for button in (add_labour, add_material, remove):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.totals)
        price_layout.addLayout(row)
        price_layout.addWidget(self.lines_error)
        price_layout.addWidget(self.present_button)
        return price_box

    def _build_answer_box(self) -> QGroupBox:
        """The subscriber's answer to the latest version: agreed how and by whom, or why not."""
        self.versions = QListWidget()
        self.method = QComboBox()
        for method in AgreementMethod:
            self.method.addItem(METHOD_LABELS[method], method.value)
        self.person = QLineEdit()
        self.person.setPlaceholderText("نام کسی که موافقت کرد")
        self.sms_code = QLineEdit()
        self.sms_code.setPlaceholderText("کد پیامک")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("دلیل رد قیمت")
        self.outcome = QComboBox()
        for outcome in DeclineOutcome:
            self.outcome.addItem(OUTCOME_LABELS[outcome], outcome.value)
        answer_box = QGroupBox("پاسخ مشترک به آخرین نسخه قیمت")
        answer = QFormLayout(answer_box)
        for field, label, widget in (
            ("method", "روش:", self.method),
            ("person", "موافقت‌کننده:", self.person),
            ("sms_code", "کد پیامکی:", self.sms_code),
            ("reason", "دلیل رد:", self.reason),
        ):
            box = QVBoxLayout()
            box.addWidget(widget)
            error = error_label()
            box.addWidget(error)
            answer.addRow(label, box)
            self.errors.register(field, widget, error)
        answer.addRow("پس از رد:", self.outcome)
        return answer_box

    def _build_actions(self) -> QHBoxLayout:
        """Agree, decline, materials prepayment, start and finish (enabled for dispatchers)."""
        self.agree_button = QPushButton("ثبت موافقت")
        self.agree_button.clicked.connect(self.agree)
        self.decline_button = QPushButton("ثبت عدم موافقت")
        self.decline_button.clicked.connect(self.decline)
        self.start_button = QPushButton("شروع کار")
        self.start_button.clicked.connect(self.start_work)
        self.finish_button = QPushButton("پایان کار")
        self.finish_button.clicked.connect(self.finish)
        self.materials_button = QPushButton("پیش‌پرداخت مواد…")
        self.materials_button.setToolTip("درخواست و دریافت پیش‌پرداخت مواد مصرفی این کار")
        self.materials_button.clicked.connect(self.open_materials_prepayment)
        actions = QHBoxLayout()
        for button in (
            self.agree_button,
            self.decline_button,
            self.materials_button,
            self.start_button,
            self.finish_button,
        ):
            actions.addWidget(button)
        self.can_price = self._ctx.can(Permission.DISPATCH)  # else the price is only read
        for button in (
            self.present_button,
            self.agree_button,
            self.decline_button,
            self.start_button,
            self.finish_button,
        ):
            button.setEnabled(self.can_price)
        return actions

    # --- lines ----------------------------------------------------------------------------
    def add_line(
        self, kind: LineKind, description: str = "", quantity: str = "۱", unit_price: str = ""
    ) -> None:
        row = self.lines.rowCount()
        self.lines.insertRow(row)
        combo = QComboBox()
        for option in LineKind:
            combo.addItem(LINE_KIND_LABELS[option], option.value)
        combo.setCurrentIndex(list(LineKind).index(kind))
        self.lines.setCellWidget(row, 0, combo)
        for column, value in ((1, description), (2, quantity), (3, unit_price), (4, "")):
            self.lines.setItem(row, column, QTableWidgetItem(value))

    def drafts(self) -> list[LineDraft]:
        result = []
        for row in range(self.lines.rowCount()):
            combo = self.lines.cellWidget(row, 0)
            cells = [self.lines.item(row, c) for c in (1, 2, 3)]
            result.append(
                LineDraft(
                    combo.currentData() if isinstance(combo, QComboBox) else "",
                    *(cell.text() if cell else "" for cell in cells),
                )
            )
        return result

    @staticmethod
    def _line_key(kind: str, description: str, quantity: str, unit_price: str) -> tuple:
        try:
            amount: object = parse_amount(unit_price)
        except DomainError:
            amount = unit_price.strip()
        return (kind, description.strip(), to_ascii_digits(quantity).strip(), amount)

    def has_unsaved_lines(self) -> bool:
        """Lines typed (or changed) since the latest price version was recorded; rows left
        blank do not count."""
        typed = [
            self._line_key(d.kind, d.description, d.quantity, d.unit_price)
            for d in self.drafts()
            if d.description.strip() or d.unit_price.strip()
        ]
        saved = [
            (line.kind.value, line.description.strip(), str(line.quantity), line.unit_price)
            for line in (self.prices[0].lines if self.prices else ())
        ]
        return typed != saved

    def reject(self) -> None:
        """Esc, Close or the window's ✕: typed lines are never thrown away without asking."""
        if self.has_unsaved_lines() and not self._confirm_discard():
            return
        super().reject()

    def _confirm_discard(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "ردیف‌های ثبت‌نشده",
            "ردیف‌های قیمت تغییر کرده‌اند و ثبت نشده‌اند. بدون ثبت بسته شود؟",
            parent=self,
        )
        discard = box.addButton("بستن بدون ثبت", QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton("ادامه ویرایش", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        self._discard_box = box  # tests answer it
        box.exec()
        return box.clickedButton() is discard

    def _update_totals(self) -> None:
        total = 0
        self.lines.blockSignals(True)
        for row, line in enumerate(self.drafts()):
            try:
                amount = int(to_ascii_digits(line.quantity)) * parse_amount(line.unit_price)
            except (ValueError, DomainError):
                amount = 0
            total += amount
            cell = self.lines.item(row, 4)
            if cell is not None:
                cell.setText(format_number(amount) if amount else "")
        self.lines.blockSignals(False)
        self.totals.setText(f"جمع: {fmt.money(total)}")

    # --- state ----------------------------------------------------------------------------
    def reload(self) -> None:
        self.state.setStyleSheet("")
        row = self._queue.get(self._ctx.actor, self.request_id)
        self.version = row.version
        self.setWindowTitle(f"قیمت و موافقت — درخواست {fmt.number(row.id)}")
        self.state.setText(
            f"{row.subscriber_name} — {row.service} — وضعیت: {fmt.status_label(row.status)}"
        )
        self.prices: list[PriceInfo] = self._pricing.prices(self._ctx.actor, self.request_id)
        self.versions.clear()
        for price in self.prices:
            answer = {"agreed": " — موافقت", "declined": " — رد"}.get(price.decision, "")
            self.versions.addItem(
                f"نسخه {fmt.number(price.version)}: {fmt.money(price.total)}{answer}"
            )
        if self.prices and self.lines.rowCount() == 0:
            for line in self.prices[0].lines:
                self.add_line(
                    line.kind,
                    line.description,
                    fmt.number(line.quantity),
                    format_number(line.unit_price),
                )
        latest = self.prices[0] if self.prices else None
        self.materials_button.setEnabled(
            row.status == "agreed"
            and latest is not None
            and latest.decision == "agreed"
            and latest.materials_total > 0
        )
        self._update_totals()

    def _call(self, call: Callable[[], object]) -> bool:
        done = run_action(self, call, on_error=self._on_error)
        if done:
            self.errors.clear()
            self._ctx.changes.announce(Change.REQUESTS, Change.DISPATCH)
            self.reload()
        return done

    def _on_error(self, error: DomainError) -> bool:
        if self.errors.show(error):
            return True
        items = error.errors if isinstance(error, ValidationErrors) else [error]
        lines = []
        for item in items:
            field = getattr(item, "field", "")
            prefix = ""
            if field.startswith("line:"):
                prefix = f"ردیف {fmt.number(int(field.split(':')[1]) + 1)}: "
            lines.append(prefix + error_message(item))
        self.state.setText("\n".join(lines))
        self.state.setStyleSheet("color: #b3261e;")
        return True

    def latest_version(self) -> int:
        return self.prices[0].version if self.prices else 0

    # --- actions --------------------------------------------------------------------------
    def present(self) -> bool:
        drafts = self.drafts()
        return self._call(
            lambda: self._pricing.present_price(
                self._ctx.actor, self.request_id, drafts, expected_version=self.version
            )
        )

    def agree(self) -> bool:
        return self._call(
            lambda: self._pricing.agree(
                self._ctx.actor,
                self.request_id,
                self.latest_version(),
                method=self.method.currentData(),
                person=self.person.text(),
                sms_code=self.sms_code.text(),
                expected_version=self.version,
            )
        )

    def decline(self) -> bool:
        return self._call(
            lambda: self._pricing.decline(
                self._ctx.actor,
                self.request_id,
                self.latest_version(),
                reason=self.reason.text(),
                outcome=self.outcome.currentData(),
                person=self.person.text(),
                expected_version=self.version,
            )
        )

    def start_work(self) -> bool:
        return self._call(
            lambda: self._pricing.start_work(
                self._ctx.actor, self.request_id, expected_version=self.version
            )
        )

    def open_materials_prepayment(self) -> None:
        MaterialsPrepaymentDialog(context=self._ctx, request_id=self.request_id, parent=self).exec()
        self.reload()

    def finish(self) -> bool:
        return self._call(
            lambda: self._pricing.finish(
                self._ctx.actor, self.request_id, expected_version=self.version
            )
        )
