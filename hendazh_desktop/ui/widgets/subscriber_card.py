"""The subscriber card: identity, phones, addresses, referrals and request history."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.services.dto import RequestRow, SubscriberCard
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.models.window_model import Column, ListSource, WindowTableModel
from hendazh_desktop.ui.widgets.tables import list_table

REFERRED_SHOWN = 5

HISTORY_COLUMNS: list[Column[RequestRow]] = [
    Column("شماره", lambda r: fmt.number(r.id)),
    Column("تاریخ", lambda r: fmt.date(fmt.local_date(r.created_at))),
    Column("خدمت", lambda r: r.service),
    Column("وضعیت", lambda r: fmt.status_label(r.status)),
]


def _value_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class SubscriberCardWidget(QWidget):
    """Everything about one subscriber at a glance; empty when nobody is selected."""

    edit_requested = Signal(int)
    """The user asked to edit this subscriber (its id)."""

    new_request_requested = Signal(int)
    """The user asked to take a new request for this subscriber (its id)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._card: SubscriberCard | None = None
        self.title = QLabel()
        title_font = QFont(self.font())
        title_font.setPointSize(title_font.pointSize() + 4)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setWordWrap(True)
        self.code = QLabel()
        self.banner = QLabel()
        self.banner.setObjectName("do_not_serve_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "color: white; background: #b3261e; padding: 6px; font-weight: bold;"
        )
        self.phones = _value_label()
        self.addresses = _value_label()
        self.national_code = _value_label()
        self.referrer = _value_label()
        self.referred = _value_label()
        self.notes = _value_label()
        self.empty = QLabel("مشترکی انتخاب نشده است.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #777;")

        identity = QGroupBox("مشخصات")
        form = QFormLayout(identity)
        form.addRow("تلفن:", self.phones)
        form.addRow("نشانی:", self.addresses)
        form.addRow("کد ملی:", self.national_code)
        form.addRow("معرف:", self.referrer)
        form.addRow("معرفی‌شده‌ها:", self.referred)
        form.addRow("یادداشت:", self.notes)

        self.history_model: WindowTableModel[RequestRow] = WindowTableModel(HISTORY_COLUMNS)
        self.history = list_table(self.history_model, stretch_all=True)
        history_box = QGroupBox("سابقه درخواست‌ها")
        QVBoxLayout(history_box).addWidget(self.history)

        self.edit_button = QPushButton("ویرایش مشترک")
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.request_button = QPushButton("درخواست جدید")
        self.request_button.clicked.connect(self._on_request_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.request_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)

        self._content = QWidget()
        content = QVBoxLayout(self._content)
        content.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.code)
        content.addLayout(header)
        content.addWidget(self.banner)
        content.addWidget(identity)
        content.addWidget(history_box, 1)
        content.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self._content)
        self.show_card(None)

    def card(self) -> SubscriberCard | None:
        return self._card

    def set_actions_visible(self, visible: bool) -> None:
        self.edit_button.setVisible(visible)
        self.request_button.setVisible(visible)

    def show_card(self, card: SubscriberCard | None) -> None:
        self._card = card
        self.empty.setVisible(card is None)
        self._content.setVisible(card is not None)
        if card is None:
            self.history_model.set_source(ListSource([]))
            return
        self.title.setText(card.name)
        self.code.setText(f"کد اشتراک: {fmt.code(card.code)}")
        self.banner.setVisible(card.do_not_serve)
        self.banner.setText(f"خدمت داده نمی‌شود: {card.do_not_serve_reason}")
        self.phones.setText(
            "\n".join(
                fmt.phone(p.number) + (f" ({p.label})" if p.label else "") for p in card.phones
            )
        )
        self.addresses.setText(
            "\n".join(
                (f"{a.title}: " if a.title else "") + f"{a.text} — {a.zone}" for a in card.addresses
            )
            or "—"
        )
        self.national_code.setText(fmt.number_text(card.national_code) or "—")
        self.referrer.setText(
            f"{card.referrer.name} ({fmt.code(card.referrer.code)})" if card.referrer else "—"
        )
        if card.referred:
            names = "، ".join(r.name for r in card.referred[:REFERRED_SHOWN])
            more = len(card.referred) - REFERRED_SHOWN
            suffix = f" و {fmt.number(more)} نفر دیگر" if more > 0 else ""
            self.referred.setText(f"{fmt.number(len(card.referred))} نفر: {names}{suffix}")
        else:
            self.referred.setText("—")
        self.notes.setText(card.notes or "—")
        self.history_model.set_source(ListSource(list(card.requests)))

    def _on_edit_clicked(self) -> None:
        if self._card is not None:
            self.edit_requested.emit(self._card.id)

    def _on_request_clicked(self) -> None:
        if self._card is not None:
            self.new_request_requested.emit(self._card.id)
