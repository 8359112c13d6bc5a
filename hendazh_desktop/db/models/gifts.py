"""Models of the handicraft gift catalogue: the items (with their photo kept in the database),
the append-only stock moves, and redemption orders paid in gift credit.

``gift_items.stock`` (available) and ``on_hand`` are projections of the moves, kept in the same
transaction as each move; CHECKs refuse either going below zero. ``stock_moves`` and
``gift_order_lines`` are append-only (triggers of migration 0015).
"""

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from hendazh_desktop.db.base import Base, integer_check, utcnow

MOVE_KINDS = ("received", "reserved", "delivered", "returned", "adjusted")
ORDER_STATES = ("placed", "prepared", "delivered", "cancelled")


class GiftItem(Base):
    """A handicraft the company offers for gift credit."""

    __tablename__ = "gift_items"
    __table_args__ = (
        CheckConstraint("stock >= 0", name="stock_not_negative"),
        CheckConstraint("on_hand >= stock", name="reserved_on_hand"),
        CheckConstraint("credit_price > 0", name="credit_price_positive"),
        CheckConstraint("company_cost >= 0", name="company_cost"),
        CheckConstraint("reorder_level >= 0", name="reorder_level"),
        integer_check("gift_items", "stock"),
        integer_check("gift_items", "on_hand"),
        integer_check("gift_items", "credit_price"),
        integer_check("gift_items", "company_cost"),
        Index("ix_gift_items_craft", "craft", "name_key"),
        Index("ix_gift_items_price", "credit_price"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(400), index=True)  # name, craft, city
    description: Mapped[str] = mapped_column(String(1000), default="")
    craft: Mapped[str] = mapped_column(String(60))
    city: Mapped[str] = mapped_column(String(60), default="")
    credit_price: Mapped[int] = mapped_column(Integer)
    company_cost: Mapped[int] = mapped_column(Integer, default=0)
    reorder_level: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    stock: Mapped[int] = mapped_column(Integer, default=0)  # available to redeem
    on_hand: Mapped[int] = mapped_column(Integer, default=0)  # in the office (reserved too)
    has_photo: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class GiftPhoto(Base):
    """An item's photo, reduced on import, and its thumbnail for the grid (JPEG bytes)."""

    __tablename__ = "gift_photos"

    item_id: Mapped[int] = mapped_column(ForeignKey("gift_items.id"), primary_key=True)
    image: Mapped[bytes] = mapped_column(LargeBinary)
    thumb: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class StockMove(Base):
    """One movement of a gift's stock; never changed or removed."""

    __tablename__ = "stock_moves"
    __table_args__ = (
        CheckConstraint("kind IN (" + ", ".join(f"'{k}'" for k in MOVE_KINDS) + ")", name="kind"),
        CheckConstraint("quantity <> 0", name="quantity_not_zero"),
        CheckConstraint("kind = 'adjusted' OR quantity > 0", name="sign"),
        CheckConstraint("kind <> 'adjusted' OR length(reason) > 0", name="adjusted_reason"),
        CheckConstraint(
            "(kind IN ('reserved', 'delivered', 'returned')) = (order_id IS NOT NULL)",
            name="order_moves",
        ),
        integer_check("stock_moves", "quantity", minimum=None),
        Index("ix_stock_moves_item", "item_id", "id"),
        Index("ix_stock_moves_order", "order_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("gift_items.id"))
    kind: Mapped[str] = mapped_column(String(12))
    quantity: Mapped[int] = mapped_column(Integer)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("gift_orders.id"))
    reason: Mapped[str] = mapped_column(String(300), default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class GiftOrder(Base):
    """A subscriber's redemption: numbered, paid by one «spent» gift-credit entry, and when
    cancelled given back by one «returned» entry."""

    __tablename__ = "gift_orders"
    __table_args__ = (
        CheckConstraint(
            "state IN (" + ", ".join(f"'{s}'" for s in ORDER_STATES) + ")", name="state"
        ),
        CheckConstraint("total > 0", name="total_positive"),
        CheckConstraint(
            "delivery IS NULL OR delivery IN ('office', 'work_group')", name="delivery"
        ),
        CheckConstraint("(state = 'cancelled') = (returned_entry_id IS NOT NULL)", name="returned"),
        CheckConstraint("(state = 'delivered') = (delivered_at IS NOT NULL)", name="delivered"),
        CheckConstraint(
            "delivery <> 'work_group' OR work_group_id IS NOT NULL", name="work_group_named"
        ),
        integer_check("gift_orders", "total"),
        Index("ix_gift_orders_subscriber", "subscriber_id", "id"),
        Index("ix_gift_orders_state", "state", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscribers.id"))
    state: Mapped[str] = mapped_column(String(10), default="placed")
    total: Mapped[int] = mapped_column(Integer)
    operation_id: Mapped[str] = mapped_column(String(36), unique=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    spent_entry_id: Mapped[int] = mapped_column(ForeignKey("credit_entries.id"), unique=True)
    returned_entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("credit_entries.id"), unique=True
    )
    delivery: Mapped[str | None] = mapped_column(String(12))
    work_group_id: Mapped[int | None] = mapped_column(ForeignKey("work_groups.id"))
    note: Mapped[str] = mapped_column(String(300), default="")
    placed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    prepared_at: Mapped[dt.datetime | None] = mapped_column()
    delivered_at: Mapped[dt.datetime | None] = mapped_column()
    cancelled_at: Mapped[dt.datetime | None] = mapped_column()
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class GiftOrderLine(Base):
    """One gift of an order at the credit price of the day it was placed; never changed."""

    __tablename__ = "gift_order_lines"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("unit_price > 0", name="unit_price_positive"),
        integer_check("gift_order_lines", "unit_price"),
        Index("ix_gift_order_lines_order", "order_id", "item_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("gift_orders.id"))
    item_id: Mapped[int] = mapped_column(ForeignKey("gift_items.id"))
    name: Mapped[str] = mapped_column(String(100))  # as it was called when redeemed
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(Integer)


class GiftOrderCounter(Base):
    """One row: the last order number given (locked by each new order: gapless numbers)."""

    __tablename__ = "gift_order_counter"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)
