"""Frozen records of the gift catalogue, its stock moves and redemption orders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class GiftItemDraft:
    """An item as the manager typed it (strings as typed; ``photo_path`` "" keeps the photo)."""

    name: str
    craft: str
    credit_price: str
    description: str = ""
    city: str = ""
    company_cost: str = "0"
    reorder_level: str = "0"
    photo_path: str = ""
    remove_photo: bool = False


@dataclass(frozen=True, slots=True)
class GiftItemRecord:
    """A catalogue item with its stock (available to redeem, and in the office)."""

    id: int
    name: str
    description: str
    craft: str
    city: str
    credit_price: int
    company_cost: int
    reorder_level: int
    active: bool
    stock: int
    on_hand: int
    has_photo: bool
    version: int

    @property
    def reserved(self) -> int:
        return self.on_hand - self.stock

    @property
    def to_reorder(self) -> bool:
        return self.active and self.stock <= self.reorder_level


@dataclass(frozen=True, slots=True)
class StockMoveRecord:
    """One movement of an item's stock."""

    id: int
    item_id: int
    kind: str
    quantity: int
    order_number: int | None
    reason: str
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class GiftOrderLineRecord:
    """One gift of an order at its credit price when redeemed."""

    item_id: int
    name: str
    quantity: int
    unit_price: int

    @property
    def total(self) -> int:
        return self.quantity * self.unit_price


@dataclass(frozen=True, slots=True)
class GiftOrderRecord:
    """A redemption order and where it is."""

    id: int
    number: int
    subscriber_id: int
    subscriber_name: str
    subscription_code: str
    state: str
    total: int
    version: int
    lines: tuple[GiftOrderLineRecord, ...]
    delivery: str | None
    work_group_id: int | None
    work_group_name: str
    note: str
    placed_at: dt.datetime
    prepared_at: dt.datetime | None
    delivered_at: dt.datetime | None
    cancelled_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class RedemptionQuote:
    """What a redemption would cost: the gift credit before and after it."""

    subscriber_id: int
    credit_before: int
    total: int

    @property
    def credit_after(self) -> int:
        return self.credit_before - self.total

    @property
    def affordable(self) -> bool:
        return 0 < self.total <= self.credit_before
