"""Registering an unknown caller without leaving the call: name, phone, zone and address."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.errors import DomainError
from hendazh_desktop.domain.subscriber_forms import AddressDraft, PhoneDraft, SubscriberDraft
from hendazh_desktop.services.subscribers.records import SubscriberCard
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.field_errors import FieldErrors, error_label
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.ops import run_op


class QuickRegisterForm(QGroupBox):
    """The few fields a new subscriber needs; the full dialog can add the rest later."""

    registered = Signal(object)
    """A subscriber was registered (the new ``SubscriberCard``)."""

    cancelled = Signal()
    """The consultant gave up registering."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("ثبت سریع مشترک جدید", parent)
        self._ctx = context
        self.errors = FieldErrors()
        self.name = QLineEdit()
        self.name.setPlaceholderText("نام و نام خانوادگی")
        self.phone = QLineEdit()
        self.zone = QComboBox()
        self.address = QLineEdit()
        self.address.setPlaceholderText("محله، خیابان، کوچه، پلاک")
        self.referrer = QLineEdit()
        self.referrer.setPlaceholderText("کد اشتراک یا تلفن معرف (اختیاری)")
        form = QFormLayout()
        for label, widget, field in (
            ("نام:", self.name, "name"),
            ("تلفن:", self.phone, "phone:0"),
            ("منطقه:", self.zone, "address:0:zone"),
            ("نشانی:", self.address, "address:0:text"),
            ("معرف:", self.referrer, "referrer"),
        ):
            error = error_label()
            box = QVBoxLayout()
            box.setSpacing(1)
            box.addWidget(widget)
            box.addWidget(error)
            form.addRow(label, box)
            self.errors.register(field, widget, error)
        self.save_button = QPushButton("ثبت مشترک و ادامه")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.submit)
        cancel = QPushButton("انصراف")
        cancel.clicked.connect(self.cancelled)
        # Esc anywhere in the form cancels it, as in a dialog (a panel has no Esc of its own)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.cancelled)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        for widget in (self.name, self.phone, self.address, self.referrer):
            widget.returnPressed.connect(self.submit)
        self.setTabOrder(self.name, self.phone)
        self.setTabOrder(self.phone, self.zone)
        self.setTabOrder(self.zone, self.address)
        self.setTabOrder(self.address, self.referrer)
        self.setTabOrder(self.referrer, self.save_button)

    def start(self, phone: str) -> None:
        """Open the form for a caller whose number was not found."""
        self.errors.clear()
        if self.zone.count() == 0:
            for zone in self._ctx.catalogue.zones(self._ctx.actor):
                self.zone.addItem(zone.name, zone.id)
        self.name.clear()
        self.address.clear()
        self.referrer.clear()
        self.phone.setText(phone)
        self.setVisible(True)
        self.name.setFocus()

    def submit(self) -> None:
        draft = SubscriberDraft(
            name=self.name.text(),
            phones=(PhoneDraft(self.phone.text()),),
            addresses=(AddressDraft(self.address.text(), self.zone.currentData()),),
            referrer=self.referrer.text(),
        )
        card = run_op(
            self,
            lambda: self._ctx.subscribers.create(self._ctx.actor, draft),
            on_error=self._on_error,
        )
        if isinstance(card, SubscriberCard):
            self.setVisible(False)
            self._ctx.changes.announce(Change.SUBSCRIBERS, source=self)
            self.registered.emit(card)

    def _on_error(self, error: DomainError) -> bool:
        return self.errors.show(error)
