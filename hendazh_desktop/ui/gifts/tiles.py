"""The catalogue grid: a list view in icon mode whose delegate paints each gift as a tile
(photo, name, credit price and stock), right to left, from the model's data."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from hendazh_desktop.domain.gifts import CRAFTS
from hendazh_desktop.services.gifts.records import GiftItemRecord
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.gifts.models import ITEM_ROLE, stock_text

TILE = QSize(184, 236)
PHOTO = 160
AnyIndex = QModelIndex | QPersistentModelIndex


class GiftTileDelegate(QStyledItemDelegate):
    """Paints one gift: its photo (or its craft's colours when it has none), its name, its
    price in gift credit and its stock (red when none is left, amber at the reorder level)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        return TILE

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        item: GiftItemRecord | None = index.data(ITEM_ROLE)
        if item is None:
            return
        rect: QRect = option.rect.adjusted(4, 4, -4, -4)
        state = option.state
        painter.save()
        selected = bool(state & QStyle.StateFlag.State_Selected)
        painter.setPen(QColor("#1f4e8c") if selected else QColor("#d0d0d0"))
        painter.setBrush(QColor("#e3ecf7") if selected else QColor("#ffffff"))
        painter.drawRoundedRect(rect, 6, 6)
        photo = QRect(rect.center().x() - PHOTO // 2, rect.top() + 6, PHOTO, PHOTO - 40)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        pixmap = icon.pixmap(photo.size()) if isinstance(icon, QIcon) else None
        if pixmap is not None and not pixmap.isNull():
            scaled = pixmap.size().scaled(photo.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, scaled.width(), scaled.height())
            target.moveCenter(photo.center())
            painter.drawPixmap(target, pixmap)
        else:
            colours = CRAFTS.get(item.craft, ("#9e9e9e", "#eeeeee", "#616161"))
            painter.fillRect(photo, QColor(colours[0]))
            painter.setPen(QColor(colours[1]))
            painter.drawText(photo, Qt.AlignmentFlag.AlignCenter, item.craft)
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#202020") if item.active else QColor("#8a8a8a"))
        line = painter.fontMetrics().height() + 2
        text = QRect(rect.left() + 6, photo.bottom() + 6, rect.width() - 12, line)
        name = painter.fontMetrics().elidedText(item.name, Qt.TextElideMode.ElideLeft, text.width())
        painter.drawText(text, Qt.AlignmentFlag.AlignCenter, name)
        font.setBold(False)
        painter.setFont(font)
        painter.setPen(QColor("#1b5e20"))
        painter.drawText(
            text.translated(0, line), Qt.AlignmentFlag.AlignCenter, fmt.money(item.credit_price)
        )
        low = item.active and 0 < item.stock <= item.reorder_level
        painter.setPen(
            QColor("#b3261e") if item.active and item.stock <= 0
            else QColor("#a15c00") if low else QColor("#555555")
        )  # fmt: skip
        painter.drawText(
            text.translated(0, 2 * line), Qt.AlignmentFlag.AlignCenter, stock_text(item)
        )
        painter.restore()


def gift_grid(parent: QWidget | None = None) -> QListView:
    """An icon-mode list of tiles that flows right to left and wraps at the view's width;
    uniform tiles, so a thousand gifts are laid out without measuring each."""
    view = QListView(parent)
    view.setViewMode(QListView.ViewMode.IconMode)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setMovement(QListView.Movement.Static)
    view.setUniformItemSizes(True)
    view.setGridSize(TILE + QSize(6, 6))
    view.setSpacing(0)
    view.setWrapping(True)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setItemDelegate(GiftTileDelegate(view))
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    return view
