"""The audit trail for managers: who changed what and when, before and after side by side."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.audit import ENTITY_LABELS
from hendazh_desktop.domain.errors import DomainError, ValidationError
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.domain.text import to_ascii_digits
from hendazh_desktop.services.accounts.audit import (
    AuditFilter,
    AuditRow,
    AuditService,
    VerifyResult,
)
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.accounts.audit_labels import (
    BREAK_REASONS,
    COLUMNS,
    KEY_LABELS,
    action_label,
    render_value,
)
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.field_errors import FieldErrors, error_label
from hendazh_desktop.ui.common.jalali_date_edit import JalaliDateEdit
from hendazh_desktop.ui.common.refresh import RefreshWhenShown
from hendazh_desktop.ui.common.tables import list_table
from hendazh_desktop.ui.common.window_model import WindowTableModel, select_row
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.messages import error_message
from hendazh_desktop.ui.ops import Operation, run_in_background, run_op

CHANGED = QBrush(QColor("#ffe7c2"))
OK_STYLE = "color: #1b5e20; font-weight: bold;"
BROKEN_STYLE = "color: #b3261e; font-weight: bold;"


class _AuditSource:
    """The model's ``RowSource``: the service's count and pages under one filter."""

    def __init__(
        self, audit: AuditService, actor: Actor, flt: AuditFilter, *, order: str = ""
    ) -> None:
        self._audit, self._actor, self._filter = audit, actor, flt
        self._order = order

    def ordered(self, key: str, descending: bool) -> _AuditSource:
        """By a column, in the database ("": newest first, as the log opens)."""
        order = ("-" if descending else "") + key if key else ""
        return _AuditSource(self._audit, self._actor, self._filter, order=order)

    def count(self) -> int:
        return self._audit.count(self._actor, self._filter)

    def fetch(self, offset: int, limit: int) -> Sequence[AuditRow]:
        return self._audit.page(
            self._actor, self._filter, offset, limit, order=self._order
        )


def _side_table() -> QTableWidget:
    table = QTableWidget(0, 2)
    table.setHorizontalHeaderLabels(["بخش", "مقدار"])
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    return table


class AuditView(RefreshWhenShown, QWidget):
    """Filters, the newest-first list of changes, and the selected change's before/after."""

    status_message = Signal(str)
    """A short message for the status bar."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._audit, self._actor = context.audit, context.actor
        self.verifying: Operation[VerifyResult] | None = None
        self.user = QComboBox()
        self.entity = QComboBox()
        self.date_from = JalaliDateEdit(optional=True)
        self.date_to = JalaliDateEdit(optional=True)
        self.entity_id = QLineEdit()
        self.entity_id.setPlaceholderText("شناسه رکورد")
        self.entity_id.setClearButtonEnabled(True)
        self.entity_id.setMaximumWidth(140)
        self.verify_button = QPushButton("بررسی زنجیره")
        self.verify_button.setToolTip("بررسی می‌کند که هیچ رکوردی پس از ثبت تغییر نکرده باشد.")
        self.verify_button.clicked.connect(self.verify)
        self.verify_result = QLabel()
        self.verify_result.setWordWrap(True)
        self.verify_result.setVisible(False)
        self.date_error = error_label()
        self.errors = FieldErrors()
        self.errors.register("date_to", self.date_to, self.date_error)
        self.model: WindowTableModel[AuditRow] = WindowTableModel(COLUMNS)
        self.table = list_table(self.model)
        for column, width in enumerate((60, 130, 150, 100, 90)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.before = _side_table()
        self.after = _side_table()
        self.before.verticalScrollBar().valueChanged.connect(
            self.after.verticalScrollBar().setValue
        )
        self.after.verticalScrollBar().valueChanged.connect(
            self.before.verticalScrollBar().setValue
        )
        self._build_layout()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.refresh)
        self._fill_choices()
        self.user.currentIndexChanged.connect(self._on_filter_changed)
        self.entity.currentIndexChanged.connect(self._on_filter_changed)
        self.date_from.date_changed.connect(self._on_filter_changed)
        self.date_to.date_changed.connect(self._on_filter_changed)
        self.entity_id.textChanged.connect(lambda _t: self._timer.start())
        self.refresh()
        self.watch(context.changes, tuple(Change))  # every change made here is audited

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        for widget in (
            QLabel("کاربر:"),
            self.user,
            QLabel("نوع رکورد:"),
            self.entity,
            QLabel("از تاریخ:"),
            self.date_from,
            QLabel("تا:"),
            self.date_to,
            self.entity_id,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.verify_button)
        sides = QHBoxLayout()
        for title, table in (("پیش از تغییر", self.before), ("پس از تغییر", self.after)):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(table)
            sides.addWidget(box)
        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.summary)
        details_layout.addLayout(sides, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.date_error)
        layout.addWidget(self.verify_result)
        layout.addWidget(splitter, 1)

    def _fill_choices(self) -> None:
        """The user and record-type lists (kept on the current choice when re-read)."""
        users = run_op(self, lambda: self._audit.users(self._actor)) or []
        entities = run_op(self, lambda: self._audit.entities(self._actor)) or []
        for combo, everyone, items in (
            (self.user, "همه کاربران", [(name, user_id) for user_id, name in users]),
            (
                self.entity,
                "همه",
                [(ENTITY_LABELS.get(e, e), e) for e in sorted(set(ENTITY_LABELS) | set(entities))],
            ),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, None)
            for label, data in items:
                combo.addItem(label, data)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def current_filter(self) -> AuditFilter:
        typed = to_ascii_digits(self.entity_id.text().strip())
        return AuditFilter(
            user_id=self.user.currentData(),
            entity=self.entity.currentData(),
            entity_id=typed or None,
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
        )

    def refresh(self) -> None:
        """Re-read the choices and the list under the current filters."""
        self._stale = False
        self._timer.stop()
        self._fill_choices()
        flt = self.current_filter()
        self.errors.clear()
        if flt.date_from and flt.date_to and flt.date_to < flt.date_from:
            self.errors.show(ValidationError("date_to", "date_range_reversed"))
            return
        self.model.set_source(_AuditSource(self._audit, self._actor, flt))
        self._show_diff(None)

    def selected(self) -> AuditRow | None:
        index = self.table.currentIndex()
        return self.model.row_item(index.row()) if index.isValid() else None

    def _on_filter_changed(self, _value: object) -> None:
        self.refresh()

    def _on_table_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._show_diff(self.selected())

    def _show_diff(self, row: AuditRow | None) -> None:
        """Both sides list the same keys in the same order, so each row lines up with its
        counterpart; changed values are highlighted on both sides."""
        for table in (self.before, self.after):
            table.setRowCount(0)
        if row is None:
            self.summary.setText("")
            return
        who = row.user or "سامانه"
        what = f"{action_label(row.action)} {ENTITY_LABELS.get(row.entity, row.entity)}"
        self.summary.setText(
            f"رکورد {fmt.number(row.id)}: {what}، به دست {who}، {fmt.datetime_(row.at)}"
        )
        before, after = row.before or {}, row.after or {}
        keys = sorted(set(before) | set(after), key=lambda k: KEY_LABELS.get(k, k))
        bold = QFont(self.font())
        bold.setBold(True)
        for table, side in ((self.before, before), (self.after, after)):
            table.setRowCount(len(keys))
            for index, key in enumerate(keys):
                label = QTableWidgetItem(KEY_LABELS.get(key, key))
                value = QTableWidgetItem(render_value(side.get(key), key))
                if before.get(key) != after.get(key):
                    for item in (label, value):
                        item.setBackground(CHANGED)
                    label.setFont(bold)
                table.setItem(index, 0, label)
                table.setItem(index, 1, value)
            table.resizeRowsToContents()
        for index in range(len(keys)):  # the taller side sets the height of both
            height = max(self.before.rowHeight(index), self.after.rowHeight(index))
            self.before.setRowHeight(index, height)
            self.after.setRowHeight(index, height)

    def verify(self) -> Operation[VerifyResult] | None:
        """Walk the whole hash chain on a worker thread, with its progress (it only reads, so
        it may be cancelled); the result shows beside the button."""
        if self.verifying is not None:
            return None
        self.verify_button.setEnabled(False)
        self._set_verify_text("در حال بررسی زنجیره…", "")
        audit, actor = self._audit, self._actor
        self.verifying = run_in_background(
            self,
            lambda task: audit.verify(actor, progress=task.progress, cancelled=task.cancelled),
            label="در حال بررسی زنجیره گزارش تغییرات…",
            cancellable=True,
            on_success=self._on_verify_succeeded,
            on_failure=self._on_verify_failed,
            on_cancelled=self._on_verify_cancelled,
        )
        return self.verifying

    def wait_for_verify(self, msecs: int = 30_000) -> bool:
        """Block until a running check's worker ends (closing, tests); True when none runs."""
        return self.verifying is None or self.verifying.wait(msecs)

    def _on_verify_succeeded(self, result: VerifyResult) -> None:
        self._verify_done()
        if result.ok:
            text = f"زنجیره سالم است ({fmt.count(result.checked)} رکورد)."
            self._set_verify_text(text, OK_STYLE)
            self.status_message.emit(text)
            return
        entry = result.broken_entry or 0
        reason = BREAK_REASONS.get(result.reason, result.reason)
        text = f"زنجیره شکسته است: رکورد {fmt.number(entry)} {reason}."
        self._set_verify_text(text, BROKEN_STYLE)
        self.status_message.emit(text)
        self.model.refresh()  # show the entry as it is stored now, not as cached
        row = self.model.find_row(lambda r: r.id == entry)
        if row >= 0:
            select_row(self.table, row)
            self.table.scrollTo(self.model.index(row, 0))

    def _on_verify_failed(self, error: Exception) -> bool:
        self._verify_done()
        if not isinstance(error, DomainError):
            return False  # unexpected: the crash dialog
        self._set_verify_text(error_message(error), BROKEN_STYLE)
        return True

    def _on_verify_cancelled(self) -> None:
        self._verify_done()
        self._set_verify_text("بررسی زنجیره لغو شد.", "")

    def _verify_done(self) -> None:
        self.verifying = None
        self.verify_button.setEnabled(True)

    def _set_verify_text(self, text: str, style: str) -> None:
        self.verify_result.setStyleSheet(style)
        self.verify_result.setText(text)
        self.verify_result.setVisible(bool(text))

    def closeEvent(self, event) -> None:
        self.wait_for_verify()
        super().closeEvent(event)
