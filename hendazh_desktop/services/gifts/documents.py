"""The printed gift delivery slip: its data from the order, the items' thumbnails and the
subscriber's gift credit, rendered by reports."""

from __future__ import annotations

import datetime as dt

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.gifts import (
    DELIVERY_LABELS,
    ORDER_STATE_LABELS,
    DeliveryWay,
    OrderState,
)
from hendazh_desktop.domain.jalali import today_local
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.reports.document_data import GiftSlipDocument, GiftSlipLine
from hendazh_desktop.services.accounts.settings import load_settings
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.gifts.orders import GiftOrders


class GiftDocuments:
    """A gift order's A5 delivery slip as a PDF."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock
        self._orders = GiftOrders(db, clock=clock)

    def delivery_slip(
        self, actor: Actor, order_id: int, *, today: dt.date | None = None
    ) -> GiftSlipDocument:
        require(actor, Permission.VIEW_GIFT_CREDIT)
        order = self._orders.order(actor, order_id)
        with self._db.read() as uow:
            company = load_settings(uow).legal_name or "هنداژمون"
            thumbs = uow.gifts.thumbs([ln.item_id for ln in order.lines])
            crafts = {
                i: item.craft
                for i, item in uow.gifts.items_by_id([ln.item_id for ln in order.lines]).items()
            }
            credit = uow.credit.balance(order.subscriber_id)
        delivery = ""
        if order.delivery is not None:
            delivery = DELIVERY_LABELS[DeliveryWay(order.delivery)]
            if order.work_group_name:
                delivery += f" ({order.work_group_name})"
        return GiftSlipDocument(
            company=company,
            order_number=order.number,
            subscriber_name=order.subscriber_name,
            subscription_code=order.subscription_code,
            placed_on=today_local(order.placed_at),
            printed_on=today or today_local(self._clock()),
            state=ORDER_STATE_LABELS[OrderState(order.state)],
            delivery=delivery,
            lines=tuple(
                GiftSlipLine(
                    name=ln.name,
                    craft=crafts.get(ln.item_id, ""),
                    quantity=ln.quantity,
                    unit_price=ln.unit_price,
                    thumbnail=thumbs.get(ln.item_id, b""),
                )
                for ln in order.lines
            ),
            total=order.total,
            credit_after=credit,
        )

    def delivery_slip_pdf(self, actor: Actor, order_id: int) -> bytes:
        return _render(self.delivery_slip(actor, order_id))


def _render(document: GiftSlipDocument) -> bytes:
    from hendazh_desktop.reports.gift_slip_pdf import render_gift_slip

    return render_gift_slip(document)
