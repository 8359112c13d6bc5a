"""The gift catalogue view (کاتالوگ هدایا): a grid of gift photos with name, credit price and
stock (or a list of every column), searched as typed and filtered by craft and by what one
subscriber can afford; managers add and edit gifts and their stock; anyone who may spend gift
credit opens a redemption from here; the orders are on their own tab."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.permissions import Actor, Permission
from hendazh_desktop.services.gifts.catalogue import GiftCatalogue, ItemFilter
from hendazh_desktop.services.gifts.records import GiftItemRecord
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.refresh import RefreshWhenShown
from hendazh_desktop.ui.common.tables import list_table
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.gifts.models import GiftCatalogueModel
from hendazh_desktop.ui.gifts.orders_tab import OrdersTab
from hendazh_desktop.ui.gifts.tiles import gift_grid
from hendazh_desktop.ui.ops import run_op


class CatalogueSource:
    """The model's rows: the catalogue's count and pages under one filter."""

    def __init__(self, gifts: GiftCatalogue, actor: Actor, flt: ItemFilter) -> None:
        self._gifts, self._actor, self._filter = gifts, actor, flt

    def count(self) -> int:
        return self._gifts.count(self._actor, self._filter)

    def fetch(self, offset: int, limit: int) -> Sequence[GiftItemRecord]:
        return self._gifts.page(self._actor, self._filter, offset, limit)


class GiftCatalogueView(RefreshWhenShown, QWidget):
    """The grid (or list) of gifts with its filters and actions, and the orders tab."""

    status_message = Signal(str)
    """A short message for the status bar."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._affordable_for: tuple[int, str, int] | None = None  # id, name, gift credit
        self.search = QLineEdit()
        self.search.setPlaceholderText("جست‌وجوی نام هدیه، هنر یا شهر (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.craft = QComboBox()
        self.subscriber = QLineEdit()
        self.subscriber.setPlaceholderText("کد اشتراک")
        self.subscriber.setMaximumWidth(130)
        self.subscriber.setClearButtonEnabled(True)
        self.affordable = QCheckBox("فقط آنچه این مشترک می‌تواند بگیرد")
        self.subscriber_name = QLabel()
        self.include_retired = QCheckBox("بازنشسته‌ها هم")
        self.include_retired.setVisible(context.can(Permission.MANAGE_GIFTS))
        self.mode_button = QPushButton("نمایش فهرستی (Ctrl+L)")
        self.mode_button.setCheckable(True)
        self.mode_button.toggled.connect(self.set_list_mode)
        self.model = GiftCatalogueModel(lambda ids: context.gifts.thumbnails(context.actor, ids))
        self.grid = gift_grid()
        self.grid.setModel(self.model)
        self.grid.doubleClicked.connect(lambda _i: self.redeem())
        self.table = list_table(self.model)
        self.table.setIconSize(QSize(32, 24))
        for column, width in enumerate((220, 110, 90, 130, 70, 70, 70)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _i: self.redeem())
        self.table.setSelectionModel(self.grid.selectionModel())  # one selection, two views
        self.views = QStackedWidget()
        self.views.addWidget(self.grid)
        self.views.addWidget(self.table)
        self.redeem_button = QPushButton("برداشت هدیه… (Ctrl+R)")
        self.redeem_button.setVisible(context.can(Permission.SPEND_GIFT_CREDIT))
        self.redeem_button.clicked.connect(lambda: self.redeem())
        manages = context.can(Permission.MANAGE_GIFTS)
        self.new_button = QPushButton("هدیه تازه…")
        self.edit_button = QPushButton("ویرایش…")
        self.receive_button = QPushButton("دریافت موجودی…")
        self.adjust_button = QPushButton("اصلاح موجودی…")
        self.retire_button = QPushButton("بازنشسته کردن")
        for button, slot in (
            (self.new_button, self.new_item),
            (self.edit_button, self.edit_item),
            (self.receive_button, lambda: self.change_stock(adjust=False)),
            (self.adjust_button, lambda: self.change_stock(adjust=True)),
            (self.retire_button, self.toggle_retired),
        ):
            button.setVisible(manages)
            button.clicked.connect(slot)
        self.summary = QLabel()
        self.orders = OrdersTab(context=context)
        self.orders.orders_changed.connect(self._on_orders_changed)
        self.tabs = QTabWidget()
        self._build_layout()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.subscriber.textChanged.connect(lambda _t: self._timer.start())
        for box in (self.affordable, self.include_retired):
            box.toggled.connect(lambda _c: self.refresh())
        self.craft.currentIndexChanged.connect(lambda _i: self.refresh())
        self.grid.selectionModel().currentChanged.connect(lambda _c, _p: self._enable())
        QShortcut(QKeySequence("Ctrl+F"), self).activated.connect(lambda: self.search.setFocus())
        QShortcut(QKeySequence("Ctrl+L"), self).activated.connect(self.mode_button.toggle)
        QShortcut(QKeySequence("Ctrl+R"), self).activated.connect(lambda: self.redeem())
        self._fill_crafts()
        self.refresh()
        self.watch(context.changes, (Change.GIFTS, Change.SUBSCRIBERS, Change.BILLING))

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        for widget in (self.search, QLabel("هنر:"), self.craft, QLabel("مشترک:"),
                       self.subscriber, self.subscriber_name, self.affordable,
                       self.include_retired):  # fmt: skip
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.mode_button)
        actions = QHBoxLayout()
        actions.addWidget(self.redeem_button)
        actions.addStretch(1)
        for button in (self.new_button, self.edit_button, self.receive_button,
                       self.adjust_button, self.retire_button):  # fmt: skip
            actions.addWidget(button)
        page = QWidget()
        inner = QVBoxLayout(page)
        inner.addLayout(filters)
        inner.addWidget(self.views, 1)
        inner.addWidget(self.summary)
        inner.addLayout(actions)
        self.tabs.addTab(page, "کاتالوگ")
        self.tabs.addTab(self.orders, "سفارش‌های هدیه")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def _fill_crafts(self) -> None:
        chosen = self.craft.currentData()
        self.craft.blockSignals(True)
        self.craft.clear()
        self.craft.addItem("همه هنرها", "")
        for craft in run_op(self, lambda: self._ctx.gifts.crafts(self._ctx.actor)) or []:
            self.craft.addItem(craft, craft)
        self.craft.setCurrentIndex(max(0, self.craft.findData(chosen)))
        self.craft.blockSignals(False)

    # -- filters -------------------------------------------------------------------------------
    def _chosen_subscriber(self) -> tuple[int, str, int] | None:
        code = self.subscriber.text().strip()
        if not code:
            self.subscriber_name.setText("")
            return None
        ctx = self._ctx
        found = run_op(self, lambda: ctx.gift_credit.subscriber_by_code(ctx.actor, code))
        if found is None:
            self.subscriber_name.setText("یافت نشد")
            return None
        credit = run_op(self, lambda: ctx.gift_credit.gift_credit(ctx.actor, found[0])) or 0
        self.subscriber_name.setText(f"{found[1]} — اعتبار هدیه {fmt.money(credit)}")
        return found[0], found[1], credit

    def current_filter(self) -> ItemFilter:
        chosen = self._affordable_for
        return ItemFilter(
            search_key=self.search.text(),
            craft=self.craft.currentData() or "",
            max_price=max(chosen[2], 0) if chosen and self.affordable.isChecked() else None,
            include_retired=self.include_retired.isChecked(),
        )

    def refresh(self) -> None:
        """Re-read the gifts under the filters (and the orders tab)."""
        self._stale = False
        self._timer.stop()
        self._affordable_for = self._chosen_subscriber()
        self.model.set_source(
            CatalogueSource(self._ctx.gifts, self._ctx.actor, self.current_filter())
        )
        if self.model.rowCount():
            self.grid.setCurrentIndex(self.model.index(0, 0))
        self.orders.refresh()
        low = run_op(self, lambda: self._ctx.gifts.to_reorder(self._ctx.actor)) or []
        self.summary.setText(
            f"{fmt.count(self.model.rowCount())} هدیه"
            + (f" — {fmt.count(len(low))} هدیه به حد سفارش دوباره رسیده است" if low else "")
        )
        self._enable()
        self.status_message.emit(f"{fmt.count(self.model.rowCount())} هدیه در کاتالوگ")

    def set_list_mode(self, on: bool) -> None:
        self.views.setCurrentWidget(self.table if on else self.grid)
        self.mode_button.setText("نمایش شبکه‌ای (Ctrl+L)" if on else "نمایش فهرستی (Ctrl+L)")
        (self.table if on else self.grid).setFocus()

    def selected(self) -> GiftItemRecord | None:
        index = self.grid.selectionModel().currentIndex()
        return self.model.row_item(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        item = self.selected()
        for button in (self.edit_button, self.receive_button, self.adjust_button,
                       self.retire_button):  # fmt: skip
            button.setEnabled(item is not None)
        self.retire_button.setText(
            "عرضه دوباره" if item is not None and not item.active else "بازنشسته کردن"
        )

    # -- actions -------------------------------------------------------------------------------
    def redeem(self, subscriber_id: int | None = None, name: str = "") -> None:
        """Open a redemption for the chosen subscriber (or one typed in the dialog), with the
        selected gift ready to add."""
        if not self._ctx.can(Permission.SPEND_GIFT_CREDIT):
            return
        from hendazh_desktop.ui.gifts.redemption_dialog import RedemptionDialog

        chosen = self._affordable_for
        if subscriber_id is None and chosen is not None:
            subscriber_id, name = chosen[0], chosen[1]
        item = self.selected()
        dialog = RedemptionDialog(
            context=self._ctx,
            subscriber_id=subscriber_id,
            subscriber_name=name,
            item_id=item.id if item is not None else None,
            parent=self,
        )
        if dialog.exec() and dialog.placed is not None:
            self._ctx.changes.announce(Change.GIFTS, source=self)
            self.refresh()
            self.status_message.emit(
                f"سفارش هدیه شماره {fmt.number(dialog.placed.number)} ثبت شد "
                f"({fmt.money(dialog.placed.total)} اعتبار هدیه)."
            )
        dialog.deleteLater()

    def new_item(self) -> None:
        self._edit(None)

    def edit_item(self) -> None:
        item = self.selected()
        if item is not None:
            self._edit(item)

    def _edit(self, item: GiftItemRecord | None) -> None:
        from hendazh_desktop.ui.gifts.item_dialog import GiftItemDialog

        dialog = GiftItemDialog(context=self._ctx, item=item, parent=self)
        if dialog.exec() and dialog.result_value is not None:
            saved: GiftItemRecord = dialog.result_value
            self.model.forget_photo(saved.id)
            self._after_change(f"«{saved.name}» ذخیره شد.")
        dialog.deleteLater()

    def change_stock(self, *, adjust: bool) -> None:
        item = self.selected()
        if item is None:
            return
        from hendazh_desktop.ui.gifts.small_dialogs import StockDialog

        dialog = StockDialog(context=self._ctx, item=item, adjust=adjust, parent=self)
        if dialog.exec():
            self._after_change(f"موجودی «{item.name}» اکنون {fmt.number(dialog.result_value)} است.")
        dialog.deleteLater()

    def toggle_retired(self) -> None:
        item = self.selected()
        if item is None:
            return
        ctx = self._ctx
        done = run_op(self, lambda: ctx.gifts.set_active(
            ctx.actor, item.id, not item.active, expected_version=item.version))  # fmt: skip
        if done is not None:
            self._after_change(
                f"«{item.name}» {'دوباره عرضه شد' if done.active else 'بازنشسته شد'}."
            )

    def _after_change(self, message: str) -> None:
        self._ctx.changes.announce(Change.GIFTS, source=self)
        self._fill_crafts()
        self.refresh()
        self.status_message.emit(message)

    def _on_orders_changed(self) -> None:
        self._ctx.changes.announce(Change.GIFTS, source=self)
        self.model.refresh()
        self._enable()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            self.grid.hasFocus() or self.table.hasFocus()
        ):
            self.redeem()
            return
        super().keyPressEvent(event)
