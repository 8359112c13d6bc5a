"""Queries of the gift catalogue: items and their photos, stock moves (each moving the items'
stock in the same transaction, never below zero), and redemption orders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from hendazh_desktop.db.models.core import ServiceRequest, Subscriber
from hendazh_desktop.db.models.dispatch import WorkGroup
from hendazh_desktop.db.models.gifts import (
    GiftItem,
    GiftOrder,
    GiftOrderCounter,
    GiftOrderLine,
    GiftPhoto,
    StockMove,
)
from hendazh_desktop.domain.gifts import stock_effect

AnySelect: TypeAlias = Select[*tuple[Any, ...]]

# A request in these states has a group coming to the subscriber's address.
VISIT_STATES = ("assigned", "dispatched", "price_presented", "agreed", "in_progress")


@dataclass(frozen=True, slots=True)
class ItemFilter:
    """What the catalogue is narrowed to (every part optional)."""

    search_key: str = ""
    craft: str = ""
    max_price: int | None = None  # what a subscriber can afford (in stock too)
    include_retired: bool = False
    in_stock: bool = False


@dataclass(frozen=True, slots=True)
class OrderFilter:
    """What the order list is narrowed to."""

    state: str = ""
    subscriber_id: int | None = None


class GiftRepository:
    """Gift items, photos, stock moves and orders."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # -- items ---------------------------------------------------------------------------------
    def add_item(self, item: GiftItem) -> GiftItem:
        self.session.add(item)
        self.session.flush()
        return item

    def item(self, item_id: int, *, for_update: bool = False) -> GiftItem | None:
        stmt = select(GiftItem).where(GiftItem.id == item_id)
        if for_update:
            stmt = stmt.with_for_update()
        return self.session.execute(stmt).scalar_one_or_none()

    def items_by_id(self, item_ids: Sequence[int]) -> dict[int, GiftItem]:
        stmt = select(GiftItem).where(GiftItem.id.in_(list(item_ids)))
        return {i.id: i for i in self.session.execute(stmt).scalars()}

    def _filtered(self, stmt: Select[Any], f: ItemFilter) -> Select[Any]:
        if not f.include_retired:
            stmt = stmt.where(GiftItem.active.is_(True))
        if f.craft:
            stmt = stmt.where(GiftItem.craft == f.craft)
        for word in f.search_key.split():
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            stmt = stmt.where(GiftItem.name_key.like(f"%{escaped}%", escape="\\"))
        if f.max_price is not None:
            stmt = stmt.where(GiftItem.credit_price <= f.max_price, GiftItem.stock > 0)
        elif f.in_stock:
            stmt = stmt.where(GiftItem.stock > 0)
        return stmt

    def count_items(self, f: ItemFilter) -> int:
        stmt = self._filtered(select(func.count(GiftItem.id)), f)
        return int(self.session.execute(stmt).scalar_one())

    def item_page(self, f: ItemFilter, offset: int, limit: int) -> list[GiftItem]:
        stmt = self._filtered(select(GiftItem), f).order_by(GiftItem.craft, GiftItem.name_key)
        return list(self.session.execute(stmt.offset(offset).limit(limit)).scalars())

    def crafts(self) -> list[str]:
        stmt = select(GiftItem.craft).where(GiftItem.active.is_(True)).distinct()
        return sorted(self.session.execute(stmt).scalars())

    def to_reorder(self) -> list[GiftItem]:
        stmt = (
            select(GiftItem)
            .where(GiftItem.active.is_(True), GiftItem.stock <= GiftItem.reorder_level)
            .order_by(GiftItem.stock, GiftItem.name_key)
        )
        return list(self.session.execute(stmt).scalars())

    def bump_version(self, item: GiftItem, expected: int) -> bool:
        """Move the item's version on, if it is still ``expected`` (someone else's edit)."""
        moved = self.session.execute(
            update(GiftItem)
            .where(GiftItem.id == item.id, GiftItem.version == expected)
            .values(version=expected + 1)
            .returning(GiftItem.id)
            .execution_options(synchronize_session=False)
        ).scalar()
        return moved is not None

    # -- photos --------------------------------------------------------------------------------
    def photo(self, item_id: int) -> GiftPhoto | None:
        return self.session.get(GiftPhoto, item_id)

    def set_photo(self, item_id: int, image: bytes, thumb: bytes) -> None:
        row = self.session.get(GiftPhoto, item_id)
        if row is None:
            self.session.add(GiftPhoto(item_id=item_id, image=image, thumb=thumb))
        else:
            row.image, row.thumb = image, thumb
        self.session.flush()

    def remove_photo(self, item_id: int) -> None:
        row = self.session.get(GiftPhoto, item_id)
        if row is not None:
            self.session.delete(row)
            self.session.flush()

    def thumbs(self, item_ids: Sequence[int]) -> dict[int, bytes]:
        stmt = select(GiftPhoto.item_id, GiftPhoto.thumb).where(
            GiftPhoto.item_id.in_(list(item_ids))
        )
        return {i: bytes(t) for i, t in self.session.execute(stmt)}

    # -- stock ---------------------------------------------------------------------------------
    def move(self, move: StockMove) -> int | None:
        """Append ``move`` and move the item's stock by it in one statement that refuses to
        go below zero: returns the available stock after it, or None (nothing written) when
        the stock is not there. Two PCs taking the last piece: the second finds it gone."""
        available, on_hand = stock_effect(move.kind, move.quantity)
        after = self.session.execute(
            update(GiftItem)
            .where(
                GiftItem.id == move.item_id,
                GiftItem.stock + available >= 0,
                GiftItem.on_hand + on_hand >= GiftItem.stock + available,
            )
            .values(stock=GiftItem.stock + available, on_hand=GiftItem.on_hand + on_hand)
            .returning(GiftItem.stock)
            .execution_options(synchronize_session=False)
        ).scalar()
        if after is None:
            return None
        self.session.add(move)
        self.session.flush()
        item = self.session.get(GiftItem, move.item_id)
        if item is not None:
            self.session.refresh(item)
        return int(after)

    def moves_of(self, item_id: int, limit: int = 500) -> list[StockMove]:
        stmt = (
            select(StockMove)
            .where(StockMove.item_id == item_id)
            .order_by(StockMove.id.desc())
            .limit(limit)
        )
        return list(self.session.execute(stmt).scalars())

    def moves_of_order(self, order_id: int) -> list[StockMove]:
        stmt = select(StockMove).where(StockMove.order_id == order_id).order_by(StockMove.id)
        return list(self.session.execute(stmt).scalars())

    def stock_from_moves(self) -> dict[int, tuple[int, int]]:
        """(available, on hand) of every item summed from its moves (for checks)."""
        totals: dict[int, tuple[int, int]] = {}
        for item_id, kind, quantity in self.session.execute(
            select(StockMove.item_id, StockMove.kind, StockMove.quantity)
        ):
            a, h = stock_effect(kind, quantity)
            was = totals.get(item_id, (0, 0))
            totals[item_id] = (was[0] + a, was[1] + h)
        return totals

    # -- orders --------------------------------------------------------------------------------
    def next_order_number(self) -> int:
        """The next order number, under the counter row's lock (held until commit)."""
        number = self.session.execute(
            update(GiftOrderCounter)
            .where(GiftOrderCounter.id == 1)
            .values(last=GiftOrderCounter.last + 1)
            .returning(GiftOrderCounter.last)
            .execution_options(synchronize_session=False)
        ).scalar()
        if number is None:
            self.session.add(GiftOrderCounter(id=1, last=1))
            self.session.flush()
            number = 1
        return int(number)

    def add_order(self, order: GiftOrder, lines: list[GiftOrderLine]) -> GiftOrder:
        self.session.add(order)
        self.session.flush()
        for line in lines:
            line.order_id = order.id
            self.session.add(line)
        self.session.flush()
        return order

    def order(self, order_id: int, *, for_update: bool = False) -> GiftOrder | None:
        stmt = select(GiftOrder).where(GiftOrder.id == order_id)
        if for_update:
            stmt = stmt.with_for_update()
        return self.session.execute(stmt).scalar_one_or_none()

    def order_by_operation(self, operation_id: str) -> GiftOrder | None:
        stmt = select(GiftOrder).where(GiftOrder.operation_id == operation_id)
        return self.session.execute(stmt).scalar_one_or_none()

    def lines_of(self, order_ids: Sequence[int]) -> dict[int, list[GiftOrderLine]]:
        stmt = (
            select(GiftOrderLine)
            .where(GiftOrderLine.order_id.in_(list(order_ids)))
            .order_by(GiftOrderLine.order_id, GiftOrderLine.id)
        )
        found: dict[int, list[GiftOrderLine]] = {i: [] for i in order_ids}
        for line in self.session.execute(stmt).scalars():
            found[line.order_id].append(line)
        return found

    def move_order(self, order: GiftOrder, expected_version: int, **values: Any) -> bool:
        """Change the order's state if nobody changed it since ``expected_version``."""
        moved = self.session.execute(
            update(GiftOrder)
            .where(GiftOrder.id == order.id, GiftOrder.version == expected_version)
            .values(version=expected_version + 1, **values)
            .returning(GiftOrder.id)
            .execution_options(synchronize_session=False)
        ).scalar()
        if moved is not None:
            self.session.refresh(order)
        return moved is not None

    def _orders(self, stmt: AnySelect, f: OrderFilter) -> AnySelect:
        if f.state:
            stmt = stmt.where(GiftOrder.state == f.state)
        if f.subscriber_id is not None:
            stmt = stmt.where(GiftOrder.subscriber_id == f.subscriber_id)
        return stmt

    def count_orders(self, f: OrderFilter) -> int:
        return int(
            self.session.execute(self._orders(select(func.count(GiftOrder.id)), f)).scalar_one()
        )

    def order_page(
        self, f: OrderFilter, offset: int, limit: int
    ) -> list[tuple[GiftOrder, str, str]]:
        """(order, subscriber's name, subscription code), newest first."""
        rows: AnySelect = select(GiftOrder, Subscriber.name, Subscriber.code)
        stmt = (
            self._orders(rows, f)
            .join(Subscriber, Subscriber.id == GiftOrder.subscriber_id)
            .order_by(GiftOrder.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return [(o, n, c) for o, n, c in self.session.execute(stmt)]

    def all_orders(self) -> list[GiftOrder]:
        return list(self.session.execute(select(GiftOrder).order_by(GiftOrder.id)).scalars())

    def next_visit(self, subscriber_id: int, today: dt.date) -> tuple[int, str, dt.date] | None:
        """(work group, its name, day) of the subscriber's next planned visit, if any."""
        stmt = (
            select(ServiceRequest.group_id, WorkGroup.name, ServiceRequest.scheduled_date)
            .join(WorkGroup, WorkGroup.id == ServiceRequest.group_id)
            .where(
                ServiceRequest.subscriber_id == subscriber_id,
                ServiceRequest.status.in_(VISIT_STATES),
                ServiceRequest.scheduled_date >= today,
            )
            .order_by(ServiceRequest.scheduled_date, ServiceRequest.id)
            .limit(1)
        )
        row = self.session.execute(stmt).first()
        if row is None or row[0] is None or row[2] is None:
            return None
        return int(row[0]), row[1], row[2]

    def group_names(self, group_ids: Sequence[int]) -> dict[int, str]:
        stmt = select(WorkGroup.id, WorkGroup.name).where(WorkGroup.id.in_(list(group_ids)))
        return {i: n for i, n in self.session.execute(stmt)}
