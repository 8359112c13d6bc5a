"""Redemption orders: gifts taken for gift credit. Placing one numbers it, debits the credit
and reserves the stock in one transaction, exactly once per operation id; it is then prepared
and delivered (at the office, or by a work group on its next visit), or cancelled (credit and
stock restored)."""

from __future__ import annotations

import datetime as dt

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.errors import DuplicateOperation
from hendazh_desktop.db.models.gifts import GiftItem, GiftOrder, GiftOrderLine, StockMove
from hendazh_desktop.db.repositories.gifts import OrderFilter
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.credit import CreditKind, check_spend
from hendazh_desktop.domain.errors import Conflict, NotFound, ValidationError
from hendazh_desktop.domain.fields import clean_text
from hendazh_desktop.domain.gifts import (
    DeliveryWay,
    OrderState,
    StockMoveKind,
    check_available,
    check_transition,
    merge_lines,
)
from hendazh_desktop.domain.jalali import today_local
from hendazh_desktop.domain.operations import Operation, check_replay, parse_operation_id
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.services.accounts.audit_trail import record
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.credit.adjustments import append_entry
from hendazh_desktop.services.gifts.records import (
    GiftOrderLineRecord,
    GiftOrderRecord,
    RedemptionQuote,
)

__all__ = ["GiftOrders", "OrderFilter"]


class GiftOrders:
    """Redeeming gift credit for handicrafts, and the orders' life."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    # -- reading -------------------------------------------------------------------------------
    def quote(
        self, actor: Actor, subscriber_id: int, lines: list[tuple[int, int]]
    ) -> RedemptionQuote:
        """The gift credit before and after taking these gifts (nothing is written)."""
        require(actor, Permission.VIEW_GIFT_CREDIT)
        with self._db.read() as uow:
            items = uow.gifts.items_by_id([i for i, _ in lines])
            total = sum(items[i].credit_price * q for i, q in lines if i in items)
            return RedemptionQuote(subscriber_id, uow.credit.balance(subscriber_id), total)

    def count(self, actor: Actor, f: OrderFilter) -> int:
        require(actor, Permission.VIEW_GIFT_CREDIT)
        with self._db.read() as uow:
            return uow.gifts.count_orders(f)

    def page(self, actor: Actor, f: OrderFilter, offset: int, limit: int) -> list[GiftOrderRecord]:
        """One page of orders, newest first."""
        require(actor, Permission.VIEW_GIFT_CREDIT)
        with self._db.read() as uow:
            rows = uow.gifts.order_page(f, offset, limit)
            return self._records(uow, rows)

    def order(self, actor: Actor, order_id: int) -> GiftOrderRecord:
        require(actor, Permission.VIEW_GIFT_CREDIT)
        with self._db.read() as uow:
            return self._record(uow, self._order(uow, order_id))

    def next_visit(self, actor: Actor, subscriber_id: int) -> tuple[int, str, dt.date] | None:
        """(work group, name, day) of the subscriber's next planned visit, to carry a gift."""
        require(actor, Permission.VIEW_GIFT_CREDIT)
        with self._db.read() as uow:
            return uow.gifts.next_visit(subscriber_id, today_local(self._clock()))

    # -- placing -------------------------------------------------------------------------------
    def place(
        self,
        actor: Actor,
        subscriber_id: int,
        lines: list[tuple[int, int]],
        *,
        operation_id: str,
    ) -> GiftOrderRecord:
        """Take the gifts for the subscriber's gift credit: the order is numbered, the credit
        debited and the stock reserved together, or nothing is written (not enough credit, a
        gift taken meanwhile by another PC, a retired gift). A replayed operation id returns
        the order it placed."""
        require(actor, Permission.SPEND_GIFT_CREDIT)
        op = parse_operation_id(operation_id)
        picked = merge_lines(lines)
        wanted = Operation("gift_order", (subscriber_id, tuple(picked)))
        try:
            with self._db.write() as uow:
                done = uow.gifts.order_by_operation(op)
                if done is not None:
                    return self._replay(uow, done, wanted)
                if uow.subscribers.get(subscriber_id, for_update=True) is None:
                    raise NotFound("subscriber", subscriber_id)
                items = [self._offered(uow, item_id, q) for item_id, q in picked]
                total = sum(
                    item.credit_price * q for item, (_, q) in zip(items, picked, strict=True)
                )
                check_spend(uow.credit.balance(subscriber_id), total)
                number = uow.gifts.next_order_number()
                now = self._clock()
                entry, _ = append_entry(
                    uow, self._clock, actor, subscriber_id, CreditKind.SPENT, -total,
                    f"سفارش هدیه شماره {number}",
                )  # fmt: skip
                order = uow.gifts.add_order(
                    GiftOrder(
                        number=number,
                        subscriber_id=subscriber_id,
                        state=OrderState.PLACED.value,
                        total=total,
                        operation_id=op,
                        version=1,
                        spent_entry_id=entry.id,
                        note="",
                        placed_at=now,
                        user_id=actor.user_id,
                    ),
                    [
                        GiftOrderLine(
                            item_id=item.id,
                            name=item.name,
                            quantity=q,
                            unit_price=item.credit_price,
                        )
                        for item, (_, q) in zip(items, picked, strict=True)
                    ],
                )
                for item, (_, q) in zip(items, picked, strict=True):
                    self._stock(uow, actor, item, StockMoveKind.RESERVED, q, order.id)
                record(
                    uow, self._clock, actor, "gift_order", order.number, AuditAction.CREATE, None,
                    {"subscriber_id": subscriber_id, "total": total,
                     "lines": [f"{item_id}×{q}" for item_id, q in picked]},
                )  # fmt: skip
                placed = self._record(uow, order)
                uow.commit()
                return placed
        except DuplicateOperation:
            with self._db.read() as uow:
                done = uow.gifts.order_by_operation(op)
                if done is None:  # pragma: no cover - the duplicate was committed by someone
                    raise ValidationError("operation_id", "operation_id_invalid") from None
                return self._replay(uow, done, wanted)

    def _replay(self, uow: UnitOfWork, done: GiftOrder, wanted: Operation) -> GiftOrderRecord:
        lines = uow.gifts.lines_of([done.id])[done.id]
        recorded = Operation(
            "gift_order",
            (
                done.subscriber_id,
                tuple((ln.item_id, ln.quantity) for ln in sorted(lines, key=lambda ln: ln.item_id)),
            ),
        )
        check_replay(recorded, wanted)
        return self._record(uow, done)

    @staticmethod
    def _offered(uow: UnitOfWork, item_id: int, quantity: int) -> GiftItem:
        """The item, locked (every PC locks items in id order), offered and in stock."""
        item = uow.gifts.item(item_id, for_update=True)
        if item is None:
            raise NotFound("gift_item", item_id)
        if not item.active:
            raise ValidationError("lines", "gift_retired", name=item.name)
        check_available(item.name, item.stock, quantity)
        return item

    def _stock(
        self,
        uow: UnitOfWork,
        actor: Actor,
        item: GiftItem,
        kind: StockMoveKind,
        quantity: int,
        order_id: int,
    ) -> None:
        after = uow.gifts.move(
            StockMove(
                item_id=item.id,
                kind=kind.value,
                quantity=quantity,
                order_id=order_id,
                reason="",
                at=self._clock(),
                user_id=actor.user_id,
            )
        )
        if after is None:  # the database's own guard: another PC took the last pieces
            raise ValidationError(
                "quantity", "gift_out_of_stock", name=item.name, available=max(item.stock, 0)
            )

    # -- the order's life ----------------------------------------------------------------------
    def prepare(self, actor: Actor, order_id: int, *, expected_version: int) -> GiftOrderRecord:
        """The gifts are packed and waiting to be handed over."""
        require(actor, Permission.SPEND_GIFT_CREDIT)
        with self._db.write() as uow:
            order = self._order(uow, order_id, for_update=True)
            check_transition(order.state, OrderState.PREPARED)
            self._advance(uow, actor, order, expected_version, OrderState.PREPARED,
                          prepared_at=self._clock())  # fmt: skip
            result = self._record(uow, order)
            uow.commit()
            return result

    def deliver(
        self,
        actor: Actor,
        order_id: int,
        way: DeliveryWay,
        *,
        expected_version: int,
        work_group_id: int | None = None,
    ) -> GiftOrderRecord:
        """Handed over at the office, or taken by a work group on its visit: the reserved
        pieces leave the stock on hand."""
        require(actor, Permission.SPEND_GIFT_CREDIT)
        if way is DeliveryWay.WORK_GROUP and work_group_id is None:
            raise ValidationError("work_group", "required")
        with self._db.write() as uow:
            order = self._order(uow, order_id, for_update=True)
            check_transition(order.state, OrderState.DELIVERED)
            if way is DeliveryWay.WORK_GROUP and uow.work_groups.get(work_group_id or 0) is None:
                raise NotFound("work_group", work_group_id)
            for line in uow.gifts.lines_of([order.id])[order.id]:
                item = uow.gifts.item(line.item_id, for_update=True)
                assert item is not None
                self._stock(uow, actor, item, StockMoveKind.DELIVERED, line.quantity, order.id)
            self._advance(
                uow, actor, order, expected_version, OrderState.DELIVERED,
                delivered_at=self._clock(), delivery=way.value,
                work_group_id=work_group_id if way is DeliveryWay.WORK_GROUP else None,
            )  # fmt: skip
            result = self._record(uow, order)
            uow.commit()
            return result

    def cancel(
        self, actor: Actor, order_id: int, reason: str, *, expected_version: int
    ) -> GiftOrderRecord:
        """Cancel an order not yet delivered: its gift credit comes back (a «returned»
        entry) and its pieces return to the available stock."""
        require(actor, Permission.SPEND_GIFT_CREDIT)
        why = clean_text(reason, field="reason", max_length=300, required=True, min_length=3)
        with self._db.write() as uow:
            order = self._order(uow, order_id, for_update=True)
            check_transition(order.state, OrderState.CANCELLED)
            if uow.subscribers.get(order.subscriber_id, for_update=True) is None:
                raise NotFound("subscriber", order.subscriber_id)  # pragma: no cover
            entry, _ = append_entry(
                uow, self._clock, actor, order.subscriber_id, CreditKind.RETURNED, order.total,
                f"لغو سفارش هدیه شماره {order.number}: {why}",
            )  # fmt: skip
            for line in uow.gifts.lines_of([order.id])[order.id]:
                item = uow.gifts.item(line.item_id, for_update=True)
                assert item is not None
                self._stock(uow, actor, item, StockMoveKind.RETURNED, line.quantity, order.id)
            self._advance(
                uow, actor, order, expected_version, OrderState.CANCELLED,
                cancelled_at=self._clock(), returned_entry_id=entry.id, note=why,
            )  # fmt: skip
            result = self._record(uow, order)
            uow.commit()
            return result

    def _advance(
        self,
        uow: UnitOfWork,
        actor: Actor,
        order: GiftOrder,
        expected_version: int,
        state: OrderState,
        **values: object,
    ) -> None:
        before = order.state
        if not uow.gifts.move_order(order, expected_version, state=state.value, **values):
            raise Conflict("stale")
        record(
            uow, self._clock, actor, "gift_order", order.number, AuditAction.TRANSITION,
            {"state": before}, {"state": state.value},
        )  # fmt: skip

    # -- records -------------------------------------------------------------------------------
    @staticmethod
    def _order(uow: UnitOfWork, order_id: int, *, for_update: bool = False) -> GiftOrder:
        order = uow.gifts.order(order_id, for_update=for_update)
        if order is None:
            raise NotFound("gift_order", order_id)
        return order

    def _record(self, uow: UnitOfWork, order: GiftOrder) -> GiftOrderRecord:
        names = uow.credit.names([order.subscriber_id])
        name, code = names.get(order.subscriber_id, ("", ""))
        return self._records(uow, [(order, name, code)])[0]

    @staticmethod
    def _records(uow: UnitOfWork, rows: list[tuple[GiftOrder, str, str]]) -> list[GiftOrderRecord]:
        lines = uow.gifts.lines_of([o.id for o, _, _ in rows])
        groups = uow.gifts.group_names([o.work_group_id for o, _, _ in rows if o.work_group_id])
        return [
            GiftOrderRecord(
                id=o.id,
                number=o.number,
                subscriber_id=o.subscriber_id,
                subscriber_name=name,
                subscription_code=code,
                state=o.state,
                total=o.total,
                version=o.version,
                lines=tuple(
                    GiftOrderLineRecord(ln.item_id, ln.name, ln.quantity, ln.unit_price)
                    for ln in lines[o.id]
                ),
                delivery=o.delivery,
                work_group_id=o.work_group_id,
                work_group_name=groups.get(o.work_group_id or 0, ""),
                note=o.note,
                placed_at=o.placed_at,
                prepared_at=o.prepared_at,
                delivered_at=o.delivered_at,
                cancelled_at=o.cancelled_at,
            )
            for o, name, code in rows
        ]
