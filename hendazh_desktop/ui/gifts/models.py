"""Qt models of the gift catalogue: one lazy table model over the catalogue (the grid shows its
first column as photo tiles, the list mode every column) whose thumbnails are fetched a block at
a time and decoded only when a tile is painted (kept in a bounded cache), and the order list."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon, QPixmap

from hendazh_desktop.domain.gifts import (
    DELIVERY_LABELS,
    ORDER_STATE_LABELS,
    DeliveryWay,
    OrderState,
)
from hendazh_desktop.services.gifts.records import GiftItemRecord, GiftOrderRecord
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.window_model import NUMERIC, Column, RowSource, WindowTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
ITEM_ROLE = Qt.ItemDataRole.UserRole


def stock_text(item: GiftItemRecord) -> str:
    if not item.active:
        return "بازنشسته"
    if item.stock <= 0:
        return "ناموجود"
    return f"موجودی: {fmt.number(item.stock)}"


ITEM_COLUMNS: list[Column[GiftItemRecord]] = [
    Column("نام هدیه", lambda r: r.name),
    Column("هنر", lambda r: r.craft),
    Column("شهر", lambda r: r.city),
    Column("بهای اعتباری", lambda r: fmt.money(r.credit_price), NUMERIC),
    Column("موجود", lambda r: fmt.number(r.stock), NUMERIC),
    Column("رزروشده", lambda r: fmt.number(r.reserved), NUMERIC),
    Column("حد سفارش", lambda r: fmt.number(r.reorder_level), NUMERIC),
    Column("وضعیت", stock_text),
]


def lines_text(order: GiftOrderRecord) -> str:
    return "، ".join(f"{ln.name} × {fmt.number(ln.quantity)}" for ln in order.lines)


def delivery_text(order: GiftOrderRecord) -> str:
    if order.delivery is None:
        return ""
    label = DELIVERY_LABELS[DeliveryWay(order.delivery)]
    return f"{label} ({order.work_group_name})" if order.work_group_name else label


ORDER_COLUMNS: list[Column[GiftOrderRecord]] = [
    Column("شماره", lambda r: fmt.number(r.number), NUMERIC),
    Column("تاریخ", lambda r: fmt.date(fmt.local_date(r.placed_at)), NUMERIC),
    Column("مشترک", lambda r: r.subscriber_name),
    Column("کد اشتراک", lambda r: fmt.code(r.subscription_code), NUMERIC),
    Column("هدایا", lines_text),
    Column("اعتبار خرج‌شده", lambda r: fmt.money(r.total), NUMERIC),
    Column("وضعیت", lambda r: ORDER_STATE_LABELS[OrderState(r.state)]),
    Column("تحویل", delivery_text),
]


class ThumbnailSource:
    """Wraps the catalogue's pages: each page fetched brings its thumbnails' bytes (one query
    per block of rows), kept until the tile is first painted."""

    def __init__(
        self,
        source: RowSource[GiftItemRecord],
        thumbnails: Callable[[list[int]], dict[int, bytes]],
        store: Callable[[dict[int, bytes]], None],
    ) -> None:
        self._source, self._thumbnails, self._store = source, thumbnails, store

    def count(self) -> int:
        return self._source.count()

    def fetch(self, offset: int, limit: int) -> Sequence[GiftItemRecord]:
        rows = self._source.fetch(offset, limit)
        wanted = [r.id for r in rows if r.has_photo]
        if wanted:
            self._store(self._thumbnails(wanted))
        return rows


class GiftCatalogueModel(WindowTableModel[GiftItemRecord]):
    """The catalogue's rows; column 0's decoration is the gift's thumbnail, decoded on first
    paint and kept in a bounded cache."""

    MAX_PIXMAPS = 400

    def __init__(
        self, thumbnails: Callable[[list[int]], dict[int, bytes]], parent: Any = None
    ) -> None:
        super().__init__(ITEM_COLUMNS, warn=lambda r: r.active and r.stock <= 0, parent=parent)
        self._thumbnails = thumbnails
        self._bytes: dict[int, bytes] = {}
        self._pixmaps: OrderedDict[int, QPixmap] = OrderedDict()
        self._icons: dict[int, QIcon] = {}
        self.decoded = 0  # how many thumbnails were decoded: tests and the bench watch it

    def set_source(self, source: RowSource[GiftItemRecord]) -> None:
        self._bytes.clear()
        super().set_source(ThumbnailSource(source, self._thumbnails, self._bytes.update))

    def forget_photo(self, item_id: int) -> None:
        """Drop a thumbnail whose photo changed (the next fetch reads it again)."""
        self._pixmaps.pop(item_id, None)
        self._icons.pop(item_id, None)
        self._bytes.pop(item_id, None)

    def thumbnail(self, item: GiftItemRecord) -> QPixmap | None:
        """The item's decoded thumbnail, or None when it has no photo."""
        if not item.has_photo:
            return None
        pixmap = self._pixmaps.get(item.id)
        if pixmap is not None:
            self._pixmaps.move_to_end(item.id)
            return pixmap
        data = self._bytes.get(item.id)
        if data is None:
            data = self._thumbnails([item.id]).get(item.id)
            if data is None:
                return None
            self._bytes[item.id] = data
        pixmap = QPixmap()
        pixmap.loadFromData(data, "JPEG")
        self.decoded += 1
        self._pixmaps[item.id] = pixmap
        while len(self._pixmaps) > self.MAX_PIXMAPS:
            dropped, _ = self._pixmaps.popitem(last=False)
            self._icons.pop(dropped, None)
        return pixmap

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DecorationRole:
            if not index.isValid() or index.column() != 0:
                return None
            item = self.row_item(index.row())
            pixmap = self.thumbnail(item) if item is not None else None
            if item is None or pixmap is None:
                return None
            # an icon: the list mode draws it at the table's icon size, the grid at the tile's
            icon = self._icons.get(item.id)
            if icon is None:
                icon = self._icons[item.id] = QIcon(pixmap)
            return icon
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == 0:
            item = self.row_item(index.row())
            return item.description or None if item is not None else None
        return super().data(index, role)


class OrdersModel(WindowTableModel[GiftOrderRecord]):
    """The redemption orders, newest first; cancelled ones in the warning colour."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(ORDER_COLUMNS, warn=lambda r: r.state == "cancelled", parent=parent)
