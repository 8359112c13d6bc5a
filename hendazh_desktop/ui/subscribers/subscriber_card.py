"""The subscriber card: identity, referrals, notes and request history, one section each.

Later sections (invoices, credit) are added with ``add_section`` and filled from the same
``SubscriberCard``; the order on screen is the order of the calls.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.services.requests.records import RequestRow
from hendazh_desktop.services.subscribers.records import AddressInfo, SubscriberCard
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.tables import list_table
from hendazh_desktop.ui.common.window_model import NUMERIC, Column, ListSource, WindowTableModel

REFERRED_SHOWN = 5
NONE = "—"

HISTORY_COLUMNS: list[Column[RequestRow]] = [
    Column("شماره", lambda r: fmt.number(r.id), NUMERIC),
    Column("تاریخ", lambda r: fmt.date(fmt.local_date(r.created_at)), NUMERIC),
    Column("خدمت", lambda r: r.service),
    Column("وضعیت", lambda r: fmt.status_label(r.status)),
]
HISTORY_WIDTHS = {0: 70, 1: 90, 3: 110}  # the service column takes the rest
HISTORY_SERVICE_COLUMN = 2


def _value_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("color: #666;")
    return label


def address_line(address: AddressInfo) -> str:
    """«منزل — منطقه ۴: شیراز، زرهی، … (کد پستی ۷۱۳۴…)»."""
    head = " — ".join(part for part in (address.title, address.zone) if part)
    line = f"{head}: {address.text}" if head else address.text
    if address.postal_code:
        line += f" (کد پستی {fmt.number_text(address.postal_code)})"
    return line


class SubscriberCardWidget(QWidget):
    """Everything about one subscriber at a glance; empty when nobody is selected."""

    edit_requested = Signal(int)
    """The user asked to edit this subscriber (its id)."""

    new_request_requested = Signal(int)
    """The user asked to take a new request for this subscriber (its id)."""

    statement_requested = Signal(int)
    """The user asked for this subscriber's statement of account (its id)."""

    gift_requested = Signal(int)
    """The user asked to redeem gift credit for this subscriber (its id)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._card: SubscriberCard | None = None
        self.sections: dict[str, QGroupBox] = {}

        self.title = QLabel()
        self.title.setObjectName("card_title")
        title_font = QFont(self.font())
        title_font.setPointSize(title_font.pointSize() + 4)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code = QLabel()
        self.code.setObjectName("card_code")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.since = _muted()
        self.balance = QLabel()  # what is owed or the credit; shown where billing is
        self.balance.setObjectName("card_balance")
        self.balance.setVisible(False)
        # Gift credit (earned from referrals, spent on gifts) is not money: its own line.
        self.gift_credit = QLabel()
        self.gift_credit.setObjectName("card_gift_credit")
        self.gift_credit.setToolTip(
            "اعتبار هدیه از معرفی و کارهای مشترک به دست می‌آید و فقط برای هدایای صنایع دستی "
            "خرج می‌شود؛ پول نیست و با مانده نقدی جمع یا به مشترک پرداخت نمی‌شود."
        )
        self.gift_credit.setVisible(False)
        self.banner = QLabel()
        self.banner.setObjectName("do_not_serve_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "color: white; background: #b3261e; padding: 8px; font-weight: bold;"
            " border-radius: 4px;"
        )
        self.empty = QLabel("مشترکی انتخاب نشده است.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #777;")

        self.edit_button = QPushButton("ویرایش مشترک")
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.request_button = QPushButton("درخواست جدید")
        self.request_button.clicked.connect(self._on_request_clicked)
        self.statement_button = QPushButton("صورت‌حساب مشتری")
        self.statement_button.clicked.connect(self._on_statement_clicked)
        self.statement_button.setVisible(False)
        self._billing = False
        self.gift_button = QPushButton("برداشت هدیه…")
        self.gift_button.setToolTip("هدایای صنایع دستی با اعتبار هدیه مشترک")
        self.gift_button.clicked.connect(self._on_gift_clicked)
        self.gift_button.setVisible(False)

        self._content = QWidget()
        self._sections_layout = QVBoxLayout(self._content)
        self._sections_layout.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        code_box = QVBoxLayout()
        code_box.addWidget(self.code)
        code_box.addWidget(self.since)
        code_box.addWidget(self.balance)
        code_box.addWidget(self.gift_credit)
        header.addLayout(code_box)
        self._sections_layout.addLayout(header)
        self._sections_layout.addWidget(self.banner)
        self._filler = QWidget()  # takes the spare height when no section wants it
        self._sections_layout.addWidget(self._filler)
        buttons = QHBoxLayout()
        buttons.addWidget(self.request_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.statement_button)
        buttons.addWidget(self.gift_button)
        buttons.addStretch(1)
        self._sections_layout.addLayout(buttons)

        self._build_identity()
        self._build_referrals()
        self._build_history()

        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self._content)
        self.show_card(None)

    # --- sections -------------------------------------------------------------------------
    def add_section(self, key: str, title: str, body: QWidget, *, stretch: int = 0) -> QGroupBox:
        """A titled section below the ones before it (and above the buttons)."""
        box = QGroupBox(title)
        box.setObjectName(f"section_{key}")
        inner = QVBoxLayout(box)
        inner.addWidget(body)
        index = self._sections_layout.indexOf(self._filler)
        self._sections_layout.insertWidget(index, box, stretch)
        self.sections[key] = box
        return box

    def _build_identity(self) -> None:
        self.phones = _value_label()
        self.addresses = _value_label()
        self.national_code = _value_label()
        self.notes = _value_label()
        body = QWidget()
        form = QFormLayout(body)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("تلفن:", self.phones)
        form.addRow("نشانی:", self.addresses)
        form.addRow("کد ملی:", self.national_code)
        form.addRow("یادداشت:", self.notes)
        self.add_section("identity", "مشخصات", body)

    def _build_referrals(self) -> None:
        self.referrer = _value_label()
        self.referred = _value_label()
        body = QWidget()
        form = QFormLayout(body)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("معرف:", self.referrer)
        form.addRow("معرفی کرده:", self.referred)
        self.add_section("referrals", "معرفی", body)

    def _build_history(self) -> None:
        self.history_model: WindowTableModel[RequestRow] = WindowTableModel(HISTORY_COLUMNS)
        self.history = list_table(self.history_model)
        self.history.setObjectName("request_history")
        header = self.history.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in HISTORY_WIDTHS.items():
            self.history.setColumnWidth(column, width)
        header.setSectionResizeMode(HISTORY_SERVICE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.no_history = _muted("درخواستی ثبت نشده است.")
        self.no_history.setAlignment(Qt.AlignmentFlag.AlignTop)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.no_history)
        inner.addWidget(self.history)
        self.add_section("history", "سابقه درخواست‌ها", body, stretch=1)

    # --- showing --------------------------------------------------------------------------
    def card(self) -> SubscriberCard | None:
        return self._card

    def set_actions_visible(self, visible: bool) -> None:
        self.edit_button.setVisible(visible)
        self.request_button.setVisible(visible)

    def set_billing_visible(self, visible: bool) -> None:
        """Show the balance and the statement button (where the user may see billing)."""
        self._billing = visible
        self.statement_button.setVisible(visible)
        self.balance.setVisible(False)

    def show_balance(self, owed: int, credit: int) -> None:
        """What the subscriber owes the office, and their credit with it."""
        if owed and credit:
            text = f"بدهی: {fmt.money(owed)} — بستانکاری: {fmt.money(credit)}"
        elif owed:
            text = f"بدهی: {fmt.money(owed)}"
        elif credit:
            text = f"بستانکاری: {fmt.money(credit)}"
        else:
            text = "بی‌حساب"
        self.balance.setText(text)
        self.balance.setStyleSheet("color: #8c1d18; font-weight: bold;" if owed else "color: #666;")
        self.balance.setVisible(self._billing)

    def show_gift_credit(self, amount: int) -> None:
        """The subscriber's gift credit, beside (never added to) the money balance."""
        self.gift_credit.setText(f"اعتبار هدیه: {fmt.money(amount)}")
        self.gift_credit.setStyleSheet(
            "color: #8c1d18; font-weight: bold;" if amount < 0 else "color: #1b5e20;"
        )
        self.gift_credit.setVisible(True)

    def show_card(self, card: SubscriberCard | None) -> None:
        self._card = card
        self.balance.setVisible(False)
        self.gift_credit.setVisible(False)
        self.empty.setVisible(card is None)
        self._content.setVisible(card is not None)
        if card is None:
            self.history_model.set_source(ListSource([]))
            return
        self.title.setText(card.name)
        self.code.setText(f"کد اشتراک: {fmt.code(card.code)}")
        self.since.setText(f"عضو از {fmt.date(fmt.local_date(card.created_at))}")
        self.banner.setVisible(card.do_not_serve)
        self.banner.setText(f"به این مشترک خدمت داده نمی‌شود: {card.do_not_serve_reason}")
        self._show_identity(card)
        self._show_referrals(card)
        self._show_history(card)

    def _show_identity(self, card: SubscriberCard) -> None:
        self.phones.setText(
            "\n".join(
                fmt.phone(p.number) + (f" ({p.label})" if p.label else "") for p in card.phones
            )
            or NONE
        )
        self.addresses.setText("\n".join(address_line(a) for a in card.addresses) or NONE)
        self.national_code.setText(fmt.number_text(card.national_code) or NONE)
        self.notes.setText(card.notes or NONE)

    def _show_referrals(self, card: SubscriberCard) -> None:
        self.referrer.setText(
            f"{card.referrer.name} (کد {fmt.code(card.referrer.code)})" if card.referrer else NONE
        )
        if not card.referred:
            self.referred.setText(NONE)
            return
        names = "، ".join(r.name for r in card.referred[:REFERRED_SHOWN])
        more = len(card.referred) - REFERRED_SHOWN
        suffix = f" و {fmt.number(more)} نفر دیگر" if more > 0 else ""
        self.referred.setText(f"{fmt.number(len(card.referred))} نفر: {names}{suffix}")

    def _show_history(self, card: SubscriberCard) -> None:
        self.history_model.set_source(ListSource(list(card.requests)))
        has_rows = bool(card.requests)
        self.history.setVisible(has_rows)
        self.no_history.setVisible(not has_rows)
        title = "سابقه درخواست‌ها"
        if has_rows:
            title += f" ({fmt.number(len(card.requests))})"
        box = self.sections["history"]
        box.setTitle(title)
        self._sections_layout.setStretchFactor(box, 1 if has_rows else 0)
        self._sections_layout.setStretchFactor(self._filler, 0 if has_rows else 1)

    def _on_edit_clicked(self) -> None:
        if self._card is not None:
            self.edit_requested.emit(self._card.id)

    def _on_request_clicked(self) -> None:
        if self._card is not None:
            self.new_request_requested.emit(self._card.id)

    def _on_gift_clicked(self) -> None:
        if self._card is not None:
            self.gift_requested.emit(self._card.id)

    def _on_statement_clicked(self) -> None:
        if self._card is not None:
            self.statement_requested.emit(self._card.id)
