"""The request half of the intake panel: service, address, description, date, window, priority."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.catalogue import PAYMENT_POLICY_LABELS, PaymentPolicy
from hendazh_desktop.domain.requests import CHANNEL_LABELS, PRIORITY_LABELS, Channel, Priority
from hendazh_desktop.domain.subscriber_forms import AddressDraft
from hendazh_desktop.services.catalogue.records import ServiceInfo
from hendazh_desktop.services.requests.intake import RequestDraft
from hendazh_desktop.services.subscribers.records import SubscriberCard
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.field_errors import FieldErrors, error_label
from hendazh_desktop.ui.common.jalali_date_edit import JalaliDateEdit
from hendazh_desktop.ui.common.text_area import persian_text_area

NEW_ADDRESS = -1


def _with_error(widget: QWidget) -> tuple[QVBoxLayout, QLabel]:
    box = QVBoxLayout()
    box.setSpacing(1)
    box.addWidget(widget)
    label = error_label()
    box.addWidget(label)
    return box, label


class RequestForm(QWidget):
    """Collects one request for the chosen subscriber; Enter (Ctrl+Enter in the description)
    asks to save."""

    save_requested = Signal()
    """The consultant pressed Enter or the save button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = FieldErrors()
        self._services: list[ServiceInfo] = []
        self.service = QComboBox()
        self.policy = QLabel()
        self.policy.setObjectName("payment_policy")
        self.address = QComboBox()
        self.new_zone = QComboBox()
        self.new_address = QLineEdit()
        self.new_address.setPlaceholderText("نشانی جدید: محله، خیابان، کوچه، پلاک")
        self.description = persian_text_area(QPlainTextEdit())
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText("شرح درخواست (Ctrl+Enter برای ثبت)")
        self.description.setFixedHeight(70)
        self.preferred_date = JalaliDateEdit(optional=True)
        self.window_start = QLineEdit()
        self.window_start.setPlaceholderText("از ساعت (۹:۰۰)")
        self.window_end = QLineEdit()
        self.window_end.setPlaceholderText("تا ساعت (۱۲:۰۰)")
        self.priority = QComboBox()
        for priority in Priority:
            self.priority.addItem(PRIORITY_LABELS[priority], int(priority))
        self.priority.setCurrentIndex(int(Priority.NORMAL))
        self.channel = QComboBox()
        for channel in (Channel.PHONE, Channel.WEB_FORM, Channel.WALK_IN):
            self.channel.addItem(CHANNEL_LABELS[channel], channel.value)
        self.save_button = QPushButton("ثبت درخواست (Enter)")
        self.save_button.clicked.connect(self.save_requested)

        form = QFormLayout(self)
        service_row = QHBoxLayout()
        service_box, service_error = _with_error(self.service)
        service_row.addLayout(service_box, 2)
        service_row.addWidget(self.policy, 1)
        form.addRow("خدمت:", service_row)
        address_box, address_error = _with_error(self.address)
        form.addRow("نشانی:", address_box)
        new_row = QHBoxLayout()
        zone_box, zone_error = _with_error(self.new_zone)
        text_box, text_error = _with_error(self.new_address)
        new_row.addLayout(zone_box, 1)
        new_row.addLayout(text_box, 3)
        self._new_address_row = QWidget()
        self._new_address_row.setLayout(new_row)
        form.addRow("", self._new_address_row)
        description_box, description_error = _with_error(self.description)
        form.addRow("شرح:", description_box)
        date_box, date_error = _with_error(self.preferred_date)
        form.addRow("تاریخ مورد نظر:", date_box)
        window_row = QHBoxLayout()
        start_box, start_error = _with_error(self.window_start)
        end_box, end_error = _with_error(self.window_end)
        window_row.addLayout(start_box)
        window_row.addLayout(end_box)
        form.addRow("بازه زمانی:", window_row)
        meta = QHBoxLayout()
        meta.addWidget(QLabel("اولویت:"))
        meta.addWidget(self.priority)
        meta.addWidget(QLabel("راه ارتباط:"))
        meta.addWidget(self.channel)
        meta.addStretch(1)
        meta.addWidget(self.save_button)
        form.addRow(meta)
        for field, widget, label in (
            ("service", self.service, service_error),
            ("address", self.address, address_error),
            ("address:0:zone", self.new_zone, zone_error),
            ("address:0:text", self.new_address, text_error),
            ("description", self.description, description_error),
            ("preferred_date", self.preferred_date, date_error),
            ("window_start", self.window_start, start_error),
            ("window_end", self.window_end, end_error),
        ):
            self.errors.register(field, widget, label)
        self.service.currentIndexChanged.connect(self._on_service_current_index_changed)
        self.address.currentIndexChanged.connect(self._on_address_current_index_changed)
        order: list[QWidget] = [
            self.service,
            self.address,
            self.new_zone,
            self.new_address,
            self.description,
            self.preferred_date,
            self.window_start,
            self.window_end,
            self.priority,
            self.channel,
            self.save_button,
        ]
        for first, second in pairwise(order):  # keyboard order = reading order
            QWidget.setTabOrder(first, second)
        for focusable in order:
            focusable.installEventFilter(self)
        self._new_address_row.setVisible(False)

    # --- data -----------------------------------------------------------------------------
    def set_services(self, services: list[ServiceInfo]) -> None:
        current = self.service.currentData()
        self._services = services
        self.service.blockSignals(True)
        self.service.clear()
        self.service.addItem("— انتخاب خدمت —", None)
        for service in services:
            self.service.addItem(service.name, service.id)
        index = self.service.findData(current)
        self.service.setCurrentIndex(max(index, 0))
        self.service.blockSignals(False)
        self._on_service_current_index_changed(self.service.currentIndex())

    def set_zones(self, zones: list[tuple[int, str]]) -> None:
        self.new_zone.clear()
        for zone_id, name in zones:
            self.new_zone.addItem(name, zone_id)

    def set_subscriber(self, card: SubscriberCard | None) -> None:
        self.address.clear()
        if card is not None:
            for address in card.addresses:
                title = f"{address.title}: " if address.title else ""
                self.address.addItem(f"{title}{address.text} ({address.zone})", address.id)
        self.address.addItem("+ نشانی جدید…", NEW_ADDRESS)
        self._on_address_current_index_changed(self.address.currentIndex())

    def reset(self) -> None:
        self.errors.clear()
        self.service.setCurrentIndex(0)
        self.description.clear()
        self.preferred_date.clear_value()
        self.window_start.clear()
        self.window_end.clear()
        self.new_address.clear()
        self.priority.setCurrentIndex(int(Priority.NORMAL))
        self.channel.setCurrentIndex(0)

    def draft(self, subscriber_id: int | None) -> RequestDraft:
        address_id = self.address.currentData()
        new_address = None
        if address_id == NEW_ADDRESS or address_id is None:
            address_id = None
            new_address = AddressDraft(self.new_address.text(), self.new_zone.currentData())
        return RequestDraft(
            subscriber_id=subscriber_id,
            service_id=self.service.currentData(),
            address_id=address_id,
            new_address=new_address,
            description=self.description.toPlainText(),
            preferred_date=self.preferred_date.jalali_text(),
            window_start=self.window_start.text(),
            window_end=self.window_end.text(),
            priority=self.priority.currentData(),
            channel=self.channel.currentData(),
        )

    # --- reactions ------------------------------------------------------------------------
    def _on_service_current_index_changed(self, index: int) -> None:
        service_id = self.service.itemData(index)
        service = next((s for s in self._services if s.id == service_id), None)
        if service is None:
            self.policy.setText("")
            return
        text = PAYMENT_POLICY_LABELS[PaymentPolicy(service.payment_policy)]
        if service.prepaid and service.base_price:
            text += f" — {fmt.money(service.base_price)}"
        elif service.materials_prepayment_allowed:
            text += "؛ مواد مصرفی با پیش‌پرداخت"
        self.policy.setText(text)
        self.policy.setStyleSheet("color: #8a4b00; font-weight: bold;" if service.prepaid else "")

    def _on_address_current_index_changed(self, _index: int) -> None:
        self._new_address_row.setVisible(self.address.currentData() == NEW_ADDRESS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if enter and (watched is not self.description or ctrl):
                self.save_requested.emit()
                return True
        return super().eventFilter(watched, event)
