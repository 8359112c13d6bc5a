"""The redemption orders: filtered by state, newest first, with the actions of each state
(prepared, delivered, cancelled) and the printed delivery slip."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hendazh_desktop.domain.gifts import ORDER_STATE_LABELS, OrderState
from hendazh_desktop.domain.permissions import Actor, Permission
from hendazh_desktop.services.gifts.orders import GiftOrders, OrderFilter
from hendazh_desktop.services.gifts.records import GiftOrderRecord
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.reason_dialog import ReasonDialog
from hendazh_desktop.ui.common.tables import list_table
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.gifts.models import OrdersModel
from hendazh_desktop.ui.ops import run_op


class OrderSource:
    """The model's rows: the orders' count and pages under one filter."""

    def __init__(self, orders: GiftOrders, actor: Actor, flt: OrderFilter) -> None:
        self._orders, self._actor, self._filter = orders, actor, flt

    def count(self) -> int:
        return self._orders.count(self._actor, self._filter)

    def fetch(self, offset: int, limit: int) -> Sequence[GiftOrderRecord]:
        return self._orders.page(self._actor, self._filter, offset, limit)


class OrdersTab(QWidget):
    """Every redemption order and what can be done with the selected one."""

    orders_changed = Signal()
    """An order moved on (stock and gift credit may have changed)."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.state = QComboBox()
        self.state.addItem("همه وضعیت‌ها", "")
        for state in OrderState:
            self.state.addItem(ORDER_STATE_LABELS[state], state.value)
        self.state.currentIndexChanged.connect(lambda _i: self.refresh())
        self.model = OrdersModel()
        self.table = list_table(self.model)
        for column, width in enumerate((60, 90, 150, 90, 260, 120, 90)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        acts = context.can(Permission.SPEND_GIFT_CREDIT)
        self.prepare_button = QPushButton("آماده شد")
        self.deliver_button = QPushButton("تحویل…")
        self.cancel_button = QPushButton("لغو سفارش…")
        self.slip_button = QPushButton("رسید تحویل…")
        self.prepare_button.clicked.connect(self.prepare)
        self.deliver_button.clicked.connect(self.deliver)
        self.cancel_button.clicked.connect(self.cancel)
        self.slip_button.clicked.connect(self.print_slip)
        for button in (self.prepare_button, self.deliver_button, self.cancel_button):
            button.setVisible(acts)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("وضعیت:"))
        bar.addWidget(self.state)
        bar.addStretch(1)
        for button in (self.prepare_button, self.deliver_button, self.cancel_button,
                       self.slip_button):  # fmt: skip
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        self._enable(None)

    def refresh(self) -> None:
        flt = OrderFilter(state=self.state.currentData() or "")
        self.model.set_source(OrderSource(self._ctx.gift_orders, self._ctx.actor, flt))
        self._enable(self.selected())

    def selected(self) -> GiftOrderRecord | None:
        index = self.table.currentIndex()
        return self.model.row_item(index.row()) if index.isValid() else None

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        order = self.model.row_item(current.row()) if current.isValid() else None
        self._enable(order)

    def _enable(self, order: GiftOrderRecord | None) -> None:
        state = order.state if order else ""
        self.prepare_button.setEnabled(state == OrderState.PLACED)
        self.deliver_button.setEnabled(state == OrderState.PREPARED)
        self.cancel_button.setEnabled(state in (OrderState.PLACED, OrderState.PREPARED))
        self.slip_button.setEnabled(order is not None and state != OrderState.CANCELLED)
        self.detail.setText(
            ""
            if order is None
            else f"سفارش {fmt.number(order.number)} برای «{order.subscriber_name}»: "
            f"{fmt.money(order.total)} اعتبار هدیه"
            + (f" — لغو: {order.note}" if order.state == OrderState.CANCELLED else "")
        )

    def _moved(self, order: GiftOrderRecord | None) -> None:
        if order is None:
            return
        self.refresh()
        row = self.model.find_row(lambda r: r.id == order.id)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
        self.orders_changed.emit()

    def prepare(self) -> None:
        order = self.selected()
        if order is not None:
            self._moved(run_op(self, lambda: self._ctx.gift_orders.prepare(
                self._ctx.actor, order.id, expected_version=order.version)))  # fmt: skip

    def deliver(self) -> None:
        order = self.selected()
        if order is None:
            return
        from hendazh_desktop.ui.gifts.small_dialogs import DeliverDialog

        dialog = DeliverDialog(context=self._ctx, order=order, parent=self)
        if dialog.exec():
            self._moved(dialog.result_value)
        dialog.deleteLater()

    def cancel(self) -> None:
        order = self.selected()
        if order is None:
            return
        done: list[GiftOrderRecord] = []
        dialog = ReasonDialog(
            title=f"لغو سفارش هدیه {fmt.number(order.number)}",
            question="اعتبار هدیه سفارش به مشترک برمی‌گردد و هدایا به موجودی. دلیل لغو؟",
            action=lambda reason: done.append(
                self._ctx.gift_orders.cancel(
                    self._ctx.actor, order.id, reason, expected_version=order.version
                )
            ),
            parent=self,
        )
        dialog.exec()
        dialog.deleteLater()
        self._moved(done[0] if done else None)

    def print_slip(self) -> None:
        """The order's A5 delivery slip, to read, print or save."""
        order = self.selected()
        if order is None:
            return
        from hendazh_desktop.ui.common.pdf_preview_dialog import preview_pdf

        docs, actor = self._ctx.gift_documents, self._ctx.actor
        preview_pdf(
            self,
            lambda: docs.delivery_slip_pdf(actor, order.id),
            title=f"رسید تحویل هدیه {fmt.number(order.number)}",
            file_name=f"gift-order-{order.number}.pdf",
            directory=self._ctx.documents_dir,
        )
