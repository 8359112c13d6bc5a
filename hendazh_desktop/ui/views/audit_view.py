"""The audit trail for managers: who changed what and when, before and after side by side."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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

from hendazh_desktop.domain.audit import ACTION_LABELS, ENTITY_LABELS, AuditAction
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.domain.text import to_persian_digits
from hendazh_desktop.services.audit import AuditFilter, AuditRow, AuditService
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.models.window_model import NUMERIC, Column, WindowTableModel
from hendazh_desktop.ui.ops import run_op
from hendazh_desktop.ui.widgets.field_errors import FieldErrors, error_label
from hendazh_desktop.ui.widgets.jalali_date_edit import JalaliDateEdit
from hendazh_desktop.ui.widgets.tables import list_table

CHANGED = QBrush(QColor("#fff4e5"))
KEY_LABELS = {
    "name": "نام",
    "code": "کد",
    "phones": "تلفن‌ها",
    "addresses": "نشانی‌ها",
    "national_code": "کد ملی",
    "referrer_id": "معرف",
    "do_not_serve": "منع خدمت",
    "do_not_serve_reason": "دلیل منع خدمت",
    "notes": "یادداشت",
    "status": "وضعیت",
    "reason": "دلیل",
    "subscriber_id": "مشترک",
    "service_id": "خدمت",
    "address_id": "نشانی",
    "priority": "اولویت",
    "channel": "راه ارتباط",
    "preferred_date": "تاریخ مورد نظر",
    "window_start": "شروع بازه",
    "window_end": "پایان بازه",
    "description": "شرح",
    "username": "نام کاربری",
    "full_name": "نام کامل",
    "role": "نقش",
    "active": "فعال",
    "attempt": "تلاش ناموفق",
    "file": "پرونده",
    "payment_policy": "زمان پرداخت",
    "vat_rate_bp": "نرخ مالیات (واحد پایه)",
    "commission_bp": "پورسانت (واحد پایه)",
    "base_price": "قیمت پایه",
    "display_currency": "واحد نمایش",
}


def _action_label(action: str) -> str:
    try:
        return ACTION_LABELS[AuditAction(action)]
    except ValueError:
        return action


def render_value(value: object) -> str:
    """A stored value as a person reads it."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "بله" if value else "خیر"
    if isinstance(value, list):
        return "\n".join(render_value(v) for v in value) or "—"
    return to_persian_digits(str(value))


COLUMNS: list[Column[AuditRow]] = [
    Column("#", lambda r: fmt.number(r.id), NUMERIC),
    Column("زمان", lambda r: fmt.datetime_(r.at)),
    Column("کاربر", lambda r: r.user or "سامانه"),
    Column("نوع", lambda r: ENTITY_LABELS.get(r.entity, r.entity)),
    Column("شناسه", lambda r: to_persian_digits(r.entity_id), NUMERIC),
    Column("کار", lambda r: _action_label(r.action)),
]


class _AuditSource:
    def __init__(self, audit: AuditService, actor: Actor, flt: AuditFilter) -> None:
        self._audit, self._actor, self._filter = audit, actor, flt

    def count(self) -> int:
        return self._audit.count(self._actor, self._filter)

    def fetch(self, offset: int, limit: int) -> Sequence[AuditRow]:
        return self._audit.page(self._actor, self._filter, offset, limit)


class AuditView(QWidget):
    """Filters, the newest-first list of changes, and the selected change's before/after."""

    status_message = Signal(str)
    """A short message for the status bar."""

    def __init__(self, *, audit: AuditService, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._audit, self._actor = audit, actor
        self.user = QComboBox()
        self.entity = QComboBox()
        self.date_from = JalaliDateEdit(optional=True)
        self.date_to = JalaliDateEdit(optional=True)
        self.entity_id = QLineEdit()
        self.entity_id.setPlaceholderText("شناسه رکورد")
        self.verify_button = QPushButton("بررسی زنجیره")
        self.verify_button.clicked.connect(self.verify)
        self.verify_result = QLabel()
        self.verify_result.setWordWrap(True)
        self.date_error = error_label()
        self.errors = FieldErrors()
        self.errors.register("date_to", self.date_to, self.date_error)
        self.model: WindowTableModel[AuditRow] = WindowTableModel(COLUMNS)
        self.table = list_table(self.model)
        for column, width in enumerate((60, 130, 150, 90, 90)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.diff = QTableWidget(0, 3)
        self.diff.setHorizontalHeaderLabels(["بخش", "پیش از تغییر", "پس از تغییر"])
        self.diff.verticalHeader().setVisible(False)
        self.diff.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.diff.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.diff.setWordWrap(True)

        filters = QHBoxLayout()
        for widget in (
            QLabel("کاربر:"),
            self.user,
            QLabel("نوع:"),
            self.entity,
            QLabel("از"),
            self.date_from,
            QLabel("تا"),
            self.date_to,
            self.entity_id,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.verify_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.diff)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.date_error)
        layout.addWidget(self.verify_result)
        layout.addWidget(splitter, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.refresh)
        self._fill_choices()
        self.user.currentIndexChanged.connect(lambda _i: self.refresh())
        self.entity.currentIndexChanged.connect(lambda _i: self.refresh())
        self.date_from.date_changed.connect(lambda _d: self.refresh())
        self.date_to.date_changed.connect(lambda _d: self.refresh())
        self.entity_id.textEdited.connect(lambda _t: self._timer.start())
        self.refresh()

    def _fill_choices(self) -> None:
        self.user.blockSignals(True)
        self.entity.blockSignals(True)
        self.user.clear()
        self.user.addItem("همه کاربران", None)
        for user_id, name in self._audit.users(self._actor):
            self.user.addItem(name, user_id)
        self.entity.clear()
        self.entity.addItem("همه", None)
        for entity in sorted(set(ENTITY_LABELS) | set(self._audit.entities(self._actor))):
            self.entity.addItem(ENTITY_LABELS.get(entity, entity), entity)
        self.user.blockSignals(False)
        self.entity.blockSignals(False)

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            user_id=self.user.currentData(),
            entity=self.entity.currentData(),
            entity_id=self.entity_id.text().strip() or None,
            date_from=self.date_from.value(),
            date_to=self.date_to.value(),
        )

    def refresh(self) -> None:
        self._timer.stop()
        flt = self.current_filter()
        self.errors.clear()
        if flt.date_from and flt.date_to and flt.date_to < flt.date_from:
            self.errors.register("date_to", self.date_to, self.date_error)
            self.date_error.setText("تاریخ پایان پیش از تاریخ شروع است.")
            self.date_error.setVisible(True)
            return
        self.model.set_source(_AuditSource(self._audit, self._actor, flt))
        self._show_diff(None)

    def selected(self) -> AuditRow | None:
        index = self.table.currentIndex()
        return self.model.row_item(index.row()) if index.isValid() else None

    def _on_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._show_diff(self.selected())

    def _show_diff(self, row: AuditRow | None) -> None:
        self.diff.setRowCount(0)
        if row is None:
            return
        before, after = row.before or {}, row.after or {}
        keys = sorted(set(before) | set(after))
        self.diff.setRowCount(len(keys))
        for index, key in enumerate(keys):
            label = KEY_LABELS.get(key, key)
            cells = (label, render_value(before.get(key)), render_value(after.get(key)))
            changed = before.get(key) != after.get(key)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if changed and column:
                    item.setBackground(CHANGED)
                self.diff.setItem(index, column, item)
        self.diff.resizeRowsToContents()

    def verify(self) -> None:
        result = run_op(self, lambda: self._audit.verify(self._actor))
        if result is None:
            return
        if result.ok:
            text = f"زنجیره سالم است ({fmt.number(result.checked)} رکورد)."
            self.verify_result.setStyleSheet("color: #1b5e20; font-weight: bold;")
        else:
            text = (
                f"زنجیره شکسته است: رکورد {fmt.number(result.broken_entry or 0)} "
                "پس از ثبت تغییر کرده یا حذف شده است."
            )
            self.verify_result.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.verify_result.setText(text)
        self.status_message.emit(text)
