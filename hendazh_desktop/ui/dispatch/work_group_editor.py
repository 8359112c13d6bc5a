"""The form of one work group: identity, members, skills with levels, zones and leave days."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor, QTextCharFormat
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.jalali import to_jalali
from hendazh_desktop.domain.work_groups import GROUP_KIND_LABELS, MAX_LEVEL, MIN_LEVEL, GroupKind
from hendazh_desktop.services.catalogue.records import ServiceInfo, ZoneInfo
from hendazh_desktop.services.dispatch.work_groups import WorkGroupDraft, WorkGroupInfo
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.field_errors import FieldErrors, error_label
from hendazh_desktop.ui.common.jalali_date_edit import (
    from_qdate,
    jalali_calendar_widget,
    to_qdate,
)
from hendazh_desktop.ui.common.text_area import persian_text_area

LEAVE_FORMAT = QTextCharFormat()
LEAVE_FORMAT.setBackground(QBrush(QColor("#f9d9d6")))


def _boxed(widget: QWidget) -> tuple[QVBoxLayout, QLabel]:
    box = QVBoxLayout()
    box.setSpacing(1)
    box.addWidget(widget)
    label = error_label()
    box.addWidget(label)
    return box, label


class WorkGroupEditor(QWidget):
    """Fills from a ``WorkGroupInfo`` and reads back a ``WorkGroupDraft`` as typed."""

    def __init__(
        self, services: list[ServiceInfo], zones: list[ZoneInfo], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.errors = FieldErrors()
        self.leave: set[dt.date] = set()
        form = self._build_form()
        members_box = self._build_members()
        skills_box = self._build_skills(services)
        zones_box = self._build_zones(zones)
        leave_box = self._build_leave()

        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(members_box)
        middle = QVBoxLayout()
        middle.addWidget(skills_box)
        middle.addWidget(zones_box)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(middle, 2)
        layout.addWidget(leave_box, 2)

    def _build_form(self) -> QFormLayout:
        """The group's own fields: name, kind, phone, daily capacity, Sheba, notes, active."""
        self.name = QLineEdit()
        self.kind = QComboBox()
        for kind in GroupKind:
            self.kind.addItem(GROUP_KIND_LABELS[kind], kind.value)
        self.phone = QLineEdit()
        self.phone.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.capacity = QLineEdit("۴")
        self.iban = QLineEdit()
        self.iban.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.iban.setPlaceholderText("IR00 0000 0000 0000 0000 0000 00")
        self.active = QCheckBox("فعال")
        self.active.setChecked(True)
        self.notes = persian_text_area(QPlainTextEdit())
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(50)
        form = QFormLayout()
        # fields take the column's width (1280×800: they were squashed to their hint)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for wide in (self.name, self.phone, self.capacity, self.iban, self.notes):
            wide.setMinimumWidth(200)
        for field, label, widget in (
            ("name", "نام:", self.name),
            ("kind", "نوع:", self.kind),
            ("phone", "تلفن:", self.phone),
            ("daily_capacity", "ظرفیت روزانه (کار):", self.capacity),
            ("iban", "شماره شبا:", self.iban),
            ("notes", "یادداشت:", self.notes),
        ):
            box, error = _boxed(widget)
            form.addRow(label, box)
            self.errors.register(field, widget, error)
        form.addRow("", self.active)
        return form

    def _build_members(self) -> QGroupBox:
        """The members table with its add and remove buttons."""
        self.members = QTableWidget(0, 2)
        self.members.setHorizontalHeaderLabels(["نام عضو", "تلفن"])
        self.members.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.members.verticalHeader().setVisible(False)
        add_member = QPushButton("+ عضو")
        add_member.clicked.connect(lambda: self.add_member("", ""))
        remove_member = QPushButton("حذف عضو")
        remove_member.clicked.connect(self._on_remove_member_clicked)
        members_box = QGroupBox("اعضا")
        members_layout = QVBoxLayout(members_box)
        members_layout.addWidget(self.members)
        self.member_error = error_label()
        members_layout.addWidget(self.member_error)
        row = QHBoxLayout()
        row.addWidget(add_member)
        row.addWidget(remove_member)
        row.addStretch(1)
        members_layout.addLayout(row)
        self.errors.register("member:0", self.members, self.member_error)
        return members_box

    def _build_skills(self, services: list[ServiceInfo]) -> QGroupBox:
        """A check and a level (1–5) for each service of the catalogue."""
        self.skill_checks: dict[int, QCheckBox] = {}
        self.skill_levels: dict[int, QSpinBox] = {}
        skills_box = QGroupBox("مهارت‌ها (خدمت و سطح ۱ تا ۵)")
        skills_layout = QFormLayout(skills_box)
        for service in services:
            check = QCheckBox(service.name)
            level = QSpinBox()
            level.setRange(MIN_LEVEL, MAX_LEVEL)
            level.setValue(3)
            self.skill_checks[service.id], self.skill_levels[service.id] = check, level
            skills_layout.addRow(check, level)
        self.skills_error = error_label()
        skills_layout.addRow(self.skills_error)
        self.errors.register("skills", skills_box, self.skills_error)
        return skills_box

    def _build_zones(self, zones: list[ZoneInfo]) -> QGroupBox:
        """The zones the group covers, checked in a list."""
        self.zones = QListWidget()
        for zone in zones:
            item = QListWidgetItem(zone.name)
            item.setData(Qt.ItemDataRole.UserRole, zone.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.zones.addItem(item)
        zones_box = QGroupBox("مناطق تحت پوشش")
        QVBoxLayout(zones_box).addWidget(self.zones)
        return zones_box

    def _build_leave(self) -> QGroupBox:
        """The leave days, clicked on a Jalali calendar."""
        self.calendar = jalali_calendar_widget()
        self.calendar.setMinimumWidth(260)  # whole weeks, easy to click
        self.calendar.setMaximumWidth(340)  # a month needs no more; the fields need the room
        self.calendar.clicked.connect(self._on_calendar_clicked)
        self.leave_label = QLabel()
        self.leave_label.setWordWrap(True)
        self.leave_error = error_label()
        leave_box = QGroupBox("روزهای مرخصی (روی روز کلیک کنید)")
        leave_layout = QVBoxLayout(leave_box)
        leave_layout.addWidget(self.calendar)
        leave_layout.addWidget(self.leave_label)
        leave_layout.addWidget(self.leave_error)
        self.errors.register("leave", self.calendar, self.leave_error)
        return leave_box

    # --- members and leave ----------------------------------------------------------------
    def add_member(self, name: str, phone: str) -> None:
        row = self.members.rowCount()
        self.members.insertRow(row)
        self.members.setItem(row, 0, QTableWidgetItem(name))
        self.members.setItem(row, 1, QTableWidgetItem(fmt.phone(phone)))

    def _on_remove_member_clicked(self) -> None:
        row = self.members.currentRow()
        if row >= 0:
            self.members.removeRow(row)

    def toggle_leave(self, day: dt.date) -> None:
        if day in self.leave:
            self.leave.discard(day)
            self.calendar.setDateTextFormat(to_qdate(day), QTextCharFormat())
        else:
            self.leave.add(day)
            self.calendar.setDateTextFormat(to_qdate(day), LEAVE_FORMAT)
        self._show_leave()

    def _on_calendar_clicked(self, date: QDate) -> None:
        self.toggle_leave(from_qdate(date))

    def _show_leave(self) -> None:
        days = sorted(self.leave)
        self.leave_label.setText("، ".join(fmt.date(d) for d in days) or "بدون مرخصی")

    # --- filling and reading --------------------------------------------------------------
    def fill(self, info: WorkGroupInfo | None) -> None:
        self.errors.clear()
        self.name.setText(info.name if info else "")
        self.kind.setCurrentIndex(max(self.kind.findData(info.kind if info else "team"), 0))
        self.phone.setText(fmt.phone(info.phone) if info else "")
        self.capacity.setText(fmt.number(info.daily_capacity) if info else "۴")
        self.iban.setText(info.iban if info else "")
        self.active.setChecked(info.active if info else True)
        self.notes.setPlainText(info.notes if info else "")
        self.members.setRowCount(0)
        for name, phone in info.members if info else ():
            self.add_member(name, phone)
        levels = dict(info.skills) if info else {}
        for service_id, check in self.skill_checks.items():
            check.setChecked(service_id in levels)
            self.skill_levels[service_id].setValue(levels.get(service_id, 3))
        covered = set(info.zone_ids) if info else set()
        for index in range(self.zones.count()):
            item = self.zones.item(index)
            checked = item.data(Qt.ItemDataRole.UserRole) in covered
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        for day in list(self.leave):
            self.calendar.setDateTextFormat(to_qdate(day), QTextCharFormat())
        self.leave = set()
        for day in info.leave_days if info else ():
            self.toggle_leave(day)
        self._show_leave()

    def draft(self) -> WorkGroupDraft:
        members = []
        for row in range(self.members.rowCount()):
            name = self.members.item(row, 0)
            phone = self.members.item(row, 1)
            members.append((name.text() if name else "", phone.text() if phone else ""))
        zone_ids = tuple(
            self.zones.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.zones.count())
            if self.zones.item(i).checkState() == Qt.CheckState.Checked
        )
        leave = []
        for day in sorted(self.leave):
            y, m, d = to_jalali(day)
            leave.append(f"{y}/{m}/{d}")
        return WorkGroupDraft(
            name=self.name.text(),
            kind=self.kind.currentData(),
            phone=self.phone.text(),
            daily_capacity=self.capacity.text(),
            iban=self.iban.text(),
            active=self.active.isChecked(),
            notes=self.notes.toPlainText(),
            members=tuple(members),
            skills=tuple(
                (sid, self.skill_levels[sid].value())
                for sid, check in self.skill_checks.items()
                if check.isChecked()
            ),
            zone_ids=zone_ids,
            leave_days=tuple(leave),
        )
