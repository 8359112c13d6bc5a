"""Redeeming gift credit (برداشت هدیه), by keyboard: the subscriber's code, then type to find a
gift (↑/↓ choose, Enter adds it with the quantity), Delete removes a line, Ctrl+Enter places the
order. The gift credit before and after is shown as lines are added; the order is numbered,
the credit debited and the stock reserved together, once (one operation id per opening)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.errors import DomainError
from hendazh_desktop.domain.gifts import MAX_QUANTITY
from hendazh_desktop.services.gifts.catalogue import ItemFilter
from hendazh_desktop.services.gifts.records import GiftItemRecord, GiftOrderRecord
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.dialog_keys import settle_default_button
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.messages import error_message
from hendazh_desktop.ui.ops import run_op

PICKER_LIMIT = 60
ERROR_STYLE = "color: #b3261e; font-weight: bold;"


def redeem_for(
    parent: QWidget, context: UiContext, subscriber_id: int, name: str
) -> GiftOrderRecord | None:
    """Open a redemption for this subscriber (from a subscriber card); the order placed, if
    any, announced to the other views."""
    from hendazh_desktop.ui.changes import Change

    dialog = RedemptionDialog(
        context=context, subscriber_id=subscriber_id, subscriber_name=name, parent=parent
    )
    placed = dialog.placed if dialog.exec() else None
    dialog.deleteLater()
    if placed is not None:
        context.changes.announce(Change.GIFTS, source=parent)
    return placed


class RedemptionDialog(QDialog):
    """Pick gifts and quantities for one subscriber and place the order."""

    def __init__(
        self,
        *,
        context: UiContext,
        subscriber_id: int | None = None,
        subscriber_name: str = "",
        item_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("برداشت هدیه با اعتبار هدیه")
        self.setMinimumSize(720, 560)
        self._ctx = context
        self._operation = str(uuid.uuid4())
        self._subscriber_id: int | None = None
        self._credit = 0
        self._lines: dict[int, tuple[GiftItemRecord, int]] = {}
        self.placed: GiftOrderRecord | None = None

        self.code = QLineEdit()
        self.code.setPlaceholderText("کد اشتراک")
        self.subscriber_name = QLabel()
        self.credit_before = QLabel()
        self.total = QLabel()
        self.credit_after = QLabel()
        self.search = QLineEdit()
        self.search.setPlaceholderText("نام هدیه، هنر یا شهر… (↑/↓ انتخاب، Enter افزودن)")
        self.search.setClearButtonEnabled(True)
        self.picker = QListWidget()
        self.picker.setMaximumHeight(170)
        self.quantity = QSpinBox()
        self.quantity.setRange(1, MAX_QUANTITY)
        self.add_button = QPushButton("افزودن (Enter)")
        self.add_button.clicked.connect(self.add_current)
        self.lines = QTableWidget(0, 4)
        self.lines.setHorizontalHeaderLabels(["هدیه", "تعداد", "بهای هر عدد", "جمع"])
        self.lines.verticalHeader().setVisible(False)
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel()
        self.message.setObjectName("general_error")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setVisible(False)
        self.place_button = QPushButton("ثبت سفارش (Ctrl+Enter)")
        self.place_button.clicked.connect(self.place)
        cancel = QPushButton("انصراف")
        cancel.clicked.connect(self.reject)
        self._build_layout(cancel)
        settle_default_button(self, None)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.fill_picker)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.code.editingFinished.connect(self._on_code_edited)
        for widget in (self.search, self.quantity, self.lines, self.code):
            widget.installEventFilter(self)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.place)

        if subscriber_id is not None:
            self.set_subscriber(subscriber_id, subscriber_name)
            self.code.setVisible(False)
        self.fill_picker()
        if item_id is not None:
            self._select_in_picker(item_id)
        (self.search if subscriber_id is not None else self.code).setFocus()
        self._show_totals()

    def _build_layout(self, cancel: QPushButton) -> None:
        who = QFormLayout()
        head = QHBoxLayout()
        head.addWidget(self.code)
        head.addWidget(self.subscriber_name, 1)
        who.addRow("مشترک:", head)
        who.addRow("اعتبار هدیه پیش از سفارش:", self.credit_before)
        who.addRow("جمع سفارش:", self.total)
        who.addRow("اعتبار هدیه پس از سفارش:", self.credit_after)
        pick = QHBoxLayout()
        pick.addWidget(self.search, 1)
        pick.addWidget(QLabel("تعداد:"))
        pick.addWidget(self.quantity)
        pick.addWidget(self.add_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.place_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(who)
        layout.addLayout(pick)
        layout.addWidget(self.picker)
        layout.addWidget(QLabel("هدایای این سفارش (Delete: حذف ردیف):"))
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    # -- the subscriber ------------------------------------------------------------------------
    def _on_code_edited(self) -> None:
        code = self.code.text().strip()
        if not code:
            return
        found = run_op(
            self, lambda: self._ctx.gift_credit.subscriber_by_code(self._ctx.actor, code)
        )
        if found is None:
            self._subscriber_id = None
            self.subscriber_name.setText("مشترکی با این کد پیدا نشد")
            self._show_totals()
            return
        self.set_subscriber(found[0], found[1])

    def set_subscriber(self, subscriber_id: int, name: str) -> None:
        credit = run_op(
            self, lambda: self._ctx.gift_credit.gift_credit(self._ctx.actor, subscriber_id)
        )
        self._subscriber_id = subscriber_id
        self._credit = credit or 0
        self.subscriber_name.setText(name)
        self._show_totals()

    # -- picking -------------------------------------------------------------------------------
    def fill_picker(self) -> None:
        """The gifts in stock matching what is typed (first ones by craft and name)."""
        self._timer.stop()
        flt = ItemFilter(search_key=self.search.text(), in_stock=True)
        items = run_op(self, lambda: self._ctx.gifts.page(self._ctx.actor, flt, 0, PICKER_LIMIT))
        self.picker.clear()
        for item in items or []:
            row = QListWidgetItem(
                f"{item.name} — {item.craft} — {fmt.money(item.credit_price)} "
                f"(موجودی {fmt.number(item.stock)})"
            )
            row.setData(Qt.ItemDataRole.UserRole, item)
            self.picker.addItem(row)
        if self.picker.count():
            self.picker.setCurrentRow(0)

    def _select_in_picker(self, item_id: int) -> None:
        for row in range(self.picker.count()):
            if self.picker.item(row).data(Qt.ItemDataRole.UserRole).id == item_id:
                self.picker.setCurrentRow(row)
                return

    def add_current(self) -> None:
        """Add the chosen gift with the quantity (again: the quantities add up)."""
        current = self.picker.currentItem()
        if current is None:
            return
        item: GiftItemRecord = current.data(Qt.ItemDataRole.UserRole)
        had = self._lines.get(item.id, (item, 0))[1]
        self._lines[item.id] = (item, had + self.quantity.value())
        self.quantity.setValue(1)
        self._show_lines()
        self.search.selectAll()
        self.search.setFocus()

    def remove_selected(self) -> None:
        row = self.lines.currentRow()
        if 0 <= row < len(self._lines):
            del self._lines[list(self._lines)[row]]
            self._show_lines()

    def order_lines(self) -> list[tuple[int, int]]:
        return [(item_id, quantity) for item_id, (_, quantity) in self._lines.items()]

    def order_total(self) -> int:
        return sum(item.credit_price * quantity for item, quantity in self._lines.values())

    def _show_lines(self) -> None:
        self.lines.setRowCount(len(self._lines))
        for row, (item, quantity) in enumerate(self._lines.values()):
            cells = (item.name, fmt.number(quantity), fmt.money(item.credit_price),
                     fmt.money(item.credit_price * quantity))  # fmt: skip
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                        | Qt.AlignmentFlag.AlignVCenter
                    )  # fmt: skip
                self.lines.setItem(row, column, cell)
        self.message.setVisible(False)
        self._show_totals()

    def _show_totals(self) -> None:
        known = self._subscriber_id is not None
        total = self.order_total()
        after = self._credit - total
        self.credit_before.setText(fmt.money(self._credit) if known else "—")
        self.total.setText(fmt.money(total))
        self.credit_after.setText(
            ("" if after >= 0 else "منفی ") + fmt.money(abs(after)) if known else "—"
        )
        short = known and after < 0
        self.credit_after.setStyleSheet(ERROR_STYLE if short else "")
        self.credit_after.setToolTip("اعتبار هدیه کافی نیست؛ ردیفی را کم کنید." if short else "")
        # the service refuses overdrawing anyway; the button says so before the user tries
        self.place_button.setEnabled(known and bool(self._lines) and not short)

    # -- placing -------------------------------------------------------------------------------
    def place(self) -> None:
        if self._subscriber_id is None or not self._lines:
            return
        subscriber_id, lines = self._subscriber_id, self.order_lines()
        placed = run_op(
            self,
            lambda: self._ctx.gift_orders.place(
                self._ctx.actor, subscriber_id, lines, operation_id=self._operation
            ),
            on_error=self._on_error,
        )
        if placed is not None:
            self.placed = placed
            self.accept()

    def _on_error(self, error: DomainError) -> bool:
        self.message.setText(error_message(error))
        self.message.setVisible(True)
        self.fill_picker()  # stock may have moved on another PC
        return True

    # -- keys ----------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key, mods = event.key(), event.modifiers()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and mods & Qt.KeyboardModifier.ControlModifier:
            self.place()
            return True
        if watched is self.code and enter:
            self._on_code_edited()
            self.search.setFocus()
            return True
        if watched in (self.search, self.quantity):
            if enter:
                self.add_current()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and watched is self.search:
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.picker.count() - 1, self.picker.currentRow() + step))
                self.picker.setCurrentRow(row)
                return True
        if watched is self.lines and key == Qt.Key.Key_Delete:
            self.remove_selected()
            return True
        return False
