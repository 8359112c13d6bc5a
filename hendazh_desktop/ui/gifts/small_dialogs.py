"""The catalogue's small dialogs: stock received or adjusted (a reason required), and how a
prepared order is delivered (at the office, or by a work group: its next visit's group first)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from hendazh_desktop.domain.gifts import DELIVERY_LABELS, DeliveryWay
from hendazh_desktop.services.gifts.records import GiftItemRecord, GiftOrderRecord
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.form_dialog import FormDialog
from hendazh_desktop.ui.context import UiContext


class StockDialog(FormDialog):
    """Pieces received from the maker, or a counted correction (negative to take out)."""

    def __init__(
        self,
        *,
        context: UiContext,
        item: GiftItemRecord,
        adjust: bool,
        parent: QWidget | None = None,
    ) -> None:
        gifts, actor = context.gifts, context.actor
        super().__init__(
            title="اصلاح موجودی" if adjust else "دریافت موجودی",
            intro=(
                f"«{item.name}»: {fmt.number(item.stock)} عدد آزاد و "
                f"{fmt.number(item.reserved)} عدد رزروشده. "
                + ("برای کاستن عدد منفی بنویسید (مثلاً ‎-۲)." if adjust else "")
            ),
            action=lambda: (
                gifts.adjust(actor, item.id, self.quantity.text(), self.reason.text())
                if adjust
                else gifts.receive(actor, item.id, self.quantity.text(), self.reason.text())
            ),
            ok_text="ثبت",
            parent=parent,
        )
        self.quantity = self.add_field("quantity", "تعداد:", QLineEdit())
        self.reason = self.add_field(
            "reason", "دلیل (الزامی):" if adjust else "یادداشت:", QLineEdit()
        )
        self.finish_layout()


class DeliverDialog(FormDialog):
    """Hand a prepared order over: at the office, or with a work group on its visit."""

    def __init__(
        self, *, context: UiContext, order: GiftOrderRecord, parent: QWidget | None = None
    ) -> None:
        orders, actor = context.gift_orders, context.actor
        visit = orders.next_visit(actor, order.subscriber_id)
        super().__init__(
            title=f"تحویل سفارش هدیه {fmt.number(order.number)}",
            intro=(
                f"مراجعه بعدی به این مشترک: گروه «{visit[1]}» در {fmt.date(visit[2])}."
                if visit
                else "برای این مشترک مراجعه برنامه‌ریزی‌شده‌ای نیست."
            ),
            action=lambda: orders.deliver(
                actor,
                order.id,
                DeliveryWay(self.way.currentData()),
                expected_version=order.version,
                work_group_id=self.group.currentData()
                if self.way.currentData() == DeliveryWay.WORK_GROUP.value
                else None,
            ),
            ok_text="ثبت تحویل",
            parent=parent,
        )
        self.way = QComboBox()
        for way in DeliveryWay:
            self.way.addItem(DELIVERY_LABELS[way], way.value)
        self.group = QComboBox()
        for group in context.work_groups.list_groups(actor, include_inactive=False):
            self.group.addItem(group.name, group.id)
        if visit is not None:
            self.group.setCurrentIndex(max(0, self.group.findData(visit[0])))
        self.add_field("delivery", "شیوه تحویل:", self.way)
        self.add_field("work_group", "گروه کاری:", self.group)
        self.way.currentIndexChanged.connect(self._on_way_changed)
        self._on_way_changed()
        self.finish_layout()

    def _on_way_changed(self, _index: int = 0) -> None:
        self.group.setEnabled(self.way.currentData() == DeliveryWay.WORK_GROUP.value)
