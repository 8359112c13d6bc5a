"""The handicraft gift catalogue (کاتالوگ هدایا): stock moves and what they do to stock, the
states of a redemption order, and the rules that check what is typed.

Stock is derived from append-only moves: *available* is what can still be redeemed, *on hand*
what is physically in the office (reserved items stay on hand until delivered).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from hendazh_desktop.domain.errors import Conflict, ValidationError
from hendazh_desktop.domain.text import to_ascii_digits

GIFT_CATALOGUE_LABEL = "کاتالوگ هدایا"
MAX_QUANTITY = 999
MAX_ORDER_LINES = 20
MAX_PHOTO_BYTES = 15 * 1024 * 1024  # what a phone camera gives; reduced on import
MAX_PHOTO_PIXELS = 50_000_000  # 8,000 × 6,000: larger is refused before decoding
PHOTO_SIDE = 640  # the stored photo's longer side, in pixels
THUMB_SIDE = 160  # the grid's thumbnail


class StockMoveKind(enum.StrEnum):
    """What moved a gift's stock."""

    RECEIVED = "received"
    RESERVED = "reserved"
    DELIVERED = "delivered"
    RETURNED = "returned"
    ADJUSTED = "adjusted"


STOCK_MOVE_LABELS = {
    StockMoveKind.RECEIVED: "دریافت از تأمین‌کننده",
    StockMoveKind.RESERVED: "رزرو برای سفارش",
    StockMoveKind.DELIVERED: "تحویل به مشترک",
    StockMoveKind.RETURNED: "بازگشت از سفارش لغوشده",
    StockMoveKind.ADJUSTED: "اصلاح موجودی",
}


def stock_effect(kind: str, quantity: int) -> tuple[int, int]:
    """(change of available stock, change of stock on hand) of one move. Reserved items stay
    on hand until delivered; a cancelled order returns them to the available stock."""
    match StockMoveKind(kind):
        case StockMoveKind.RECEIVED | StockMoveKind.ADJUSTED:
            return quantity, quantity
        case StockMoveKind.RESERVED:
            return -quantity, 0
        case StockMoveKind.DELIVERED:
            return 0, -quantity
        case StockMoveKind.RETURNED:
            return quantity, 0
    raise ValueError(kind)  # pragma: no cover - the match is exhaustive


class OrderState(enum.StrEnum):
    """Where a redemption order is."""

    PLACED = "placed"
    PREPARED = "prepared"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


ORDER_STATE_LABELS = {
    OrderState.PLACED: "ثبت‌شده",
    OrderState.PREPARED: "آماده تحویل",
    OrderState.DELIVERED: "تحویل‌شده",
    OrderState.CANCELLED: "لغوشده",
}

_NEXT = {
    OrderState.PLACED: {OrderState.PREPARED, OrderState.CANCELLED},
    OrderState.PREPARED: {OrderState.DELIVERED, OrderState.CANCELLED},
    OrderState.DELIVERED: set(),
    OrderState.CANCELLED: set(),
}


def check_transition(current: str, wanted: OrderState) -> None:
    """Placed → prepared → delivered; placed or prepared → cancelled; nothing after."""
    if wanted not in _NEXT[OrderState(current)]:
        raise Conflict("gift_order_state", state=ORDER_STATE_LABELS[OrderState(current)])


class DeliveryWay(enum.StrEnum):
    """How a prepared order reaches the subscriber."""

    OFFICE = "office"
    WORK_GROUP = "work_group"


DELIVERY_LABELS = {
    DeliveryWay.OFFICE: "تحویل در دفتر",
    DeliveryWay.WORK_GROUP: "با گروه کاری در مراجعه بعدی",
}

# Crafts the catalogue offers in its list (a manager may type another), with the colours
# their pictures are drawn in (background, pattern, accent).
CRAFTS: dict[str, tuple[str, str, str]] = {
    "میناکاری": ("#1f4e8c", "#f2f2f2", "#d4a017"),
    "خاتم‌کاری": ("#5a3a1e", "#e8d8b0", "#2e7d32"),
    "قلم‌زنی": ("#8a6d3b", "#f5e6c4", "#3b2a14"),
    "فیروزه‌کوبی": ("#2aa198", "#c08a3e", "#f5f0e1"),
    "سفالگری": ("#b5562f", "#f3dcb8", "#2b4c7e"),
    "منبت‌کاری": ("#6d4c2f", "#caa472", "#3e2a17"),
    "گلیم‌بافی": ("#9b1b30", "#f0c05a", "#1b3f6b"),
    "ترمه‌دوزی": ("#7a1e2c", "#e5b85c", "#2d5f3a"),
    "معرق‌کاری": ("#3d2b1f", "#d9b382", "#8c3b2e"),
    "ملیله‌کاری": ("#7d7d7d", "#f0f0f0", "#b08d57"),
    "سوزن‌دوزی بلوچ": ("#111111", "#d7263d", "#f4d35e"),
    "قلمکار": ("#efe3c8", "#8b2e16", "#27496d"),
}

_QUANTITY = re.compile(r"\d{1,4}", re.ASCII)
_SIGNED = re.compile(r"[-\u2212]?\d{1,4}", re.ASCII)


def parse_quantity(text: str, *, field: str = "quantity") -> int:
    """A number of pieces, 1..999, typed in any digit script."""
    raw = to_ascii_digits(str(text).strip())
    if not raw:
        raise ValidationError(field, "required")
    if not _QUANTITY.fullmatch(raw):
        raise ValidationError(field, "quantity_invalid", maximum=MAX_QUANTITY)
    value = int(raw)
    if not 1 <= value <= MAX_QUANTITY:
        raise ValidationError(field, "quantity_invalid", maximum=MAX_QUANTITY)
    return value


def parse_stock_change(text: str, *, field: str = "quantity") -> int:
    """An adjustment of stock: a non-zero whole number of pieces, negative to take out."""
    raw = to_ascii_digits(str(text).strip()).replace(" ", "")
    if not raw:
        raise ValidationError(field, "required")
    if not _SIGNED.fullmatch(raw):
        raise ValidationError(field, "quantity_invalid", maximum=MAX_QUANTITY)
    value = int(raw.replace("\u2212", "-"))
    if value == 0 or abs(value) > MAX_QUANTITY:
        raise ValidationError(field, "quantity_invalid", maximum=MAX_QUANTITY)
    return value


def parse_reorder_level(text: str, *, field: str = "reorder_level") -> int:
    """Stock at or below which the item is listed for reordering (0 = never)."""
    raw = to_ascii_digits(str(text).strip())
    if not raw:
        return 0
    if not _QUANTITY.fullmatch(raw) or int(raw) > MAX_QUANTITY:
        raise ValidationError(field, "quantity_invalid", maximum=MAX_QUANTITY)
    return int(raw)


@dataclass(frozen=True, slots=True)
class PickedLine:
    """One gift in a redemption: how many pieces, at its credit price."""

    item_id: int
    name: str
    quantity: int
    unit_price: int

    @property
    def total(self) -> int:
        return self.quantity * self.unit_price


def merge_lines(lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The same item picked twice is one line; lines in item order (locks are then taken
    in one order by every PC, so two orders never wait on each other)."""
    merged: dict[int, int] = {}
    for item_id, quantity in lines:
        merged[item_id] = merged.get(item_id, 0) + quantity
    if not merged:
        raise ValidationError("lines", "gift_order_empty")
    if len(merged) > MAX_ORDER_LINES:
        raise ValidationError("lines", "too_many", maximum=MAX_ORDER_LINES)
    for quantity in merged.values():
        if not 1 <= quantity <= MAX_QUANTITY:
            raise ValidationError("quantity", "quantity_invalid", maximum=MAX_QUANTITY)
    return sorted(merged.items())


def check_available(name: str, available: int, quantity: int) -> None:
    """A gift cannot be promised beyond its available stock."""
    if quantity > available:
        raise ValidationError(
            "quantity", "gift_out_of_stock", name=name, available=max(available, 0)
        )
