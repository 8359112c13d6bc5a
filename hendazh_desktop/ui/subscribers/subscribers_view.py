"""The subscriber list: search as you type over any fragment, a lazy table, and the card."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.services.subscribers.records import SubscriberRow
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.refresh import RefreshWhenShown
from hendazh_desktop.ui.common.sources import AllSubscribers
from hendazh_desktop.ui.common.tables import list_table
from hendazh_desktop.ui.common.window_model import (
    NUMERIC,
    Column,
    ListSource,
    WindowTableModel,
    select_row,
)
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.ops import run_op
from hendazh_desktop.ui.quality.feedback_section import SubscriberFeedback
from hendazh_desktop.ui.subscribers.subscriber_card import SubscriberCardWidget
from hendazh_desktop.ui.subscribers.subscriber_dialog import SubscriberDialog

SEARCH_DELAY_MS = 150
SEARCH_LIMIT = 200

COLUMNS: list[Column[SubscriberRow]] = [
    Column("کد اشتراک", lambda r: fmt.code(r.code), NUMERIC, sort="code"),
    Column("نام", lambda r: r.name, sort="name"),
    Column("تلفن", lambda r: fmt.phone(r.phone), NUMERIC),
    Column("منطقه", lambda r: r.zone),
    Column(
        "تاریخ عضویت", lambda r: fmt.date(fmt.local_date(r.created_at)), NUMERIC, sort="registered"
    ),
]
WIDTHS = (110, 230, 130, 110)  # the last column (registered) stretches
SEARCH_PLACEHOLDER = "جستجو: نام، تلفن یا کد اشتراک…"


class SubscribersView(RefreshWhenShown, QWidget):
    """Find, open, register and edit subscribers; re-read when subscribers (or money they
    owe, or the unit it is shown in) changed on this PC."""

    new_request_requested = Signal(int)
    """Take a new request for this subscriber (its id)."""

    status_message = Signal(str)
    """A short message for the status bar."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.search = QLineEdit()
        self.search.setObjectName("subscriber_search")
        self.search.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search.setToolTip("Ctrl+F: جستجو — ↓: رفتن به فهرست")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.new_button = QPushButton("مشترک جدید (Ctrl+N)")
        self.new_button.clicked.connect(self.create_subscriber)
        self.new_button.setEnabled(context.actor.can(Permission.EDIT_SUBSCRIBERS))
        self.model: WindowTableModel[SubscriberRow] = WindowTableModel(
            COLUMNS, warn=lambda r: r.do_not_serve
        )
        self.table = list_table(self.model)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate(WIDTHS):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.card = SubscriberCardWidget()
        self.card.edit_requested.connect(lambda _id: self.edit_selected())
        self.card.new_request_requested.connect(self.new_request_requested)
        self.card.edit_button.setText("ویرایش (F4)")
        self.card.edit_button.setEnabled(context.actor.can(Permission.EDIT_SUBSCRIBERS))
        self.card.request_button.setText("درخواست جدید (Ctrl+Enter)")
        self.card.request_button.setEnabled(context.actor.can(Permission.CREATE_REQUESTS))
        self.card.set_billing_visible(context.actor.can(Permission.VIEW_BILLING))
        self.card.statement_requested.connect(self.show_statement)
        self.card.gift_button.setVisible(context.actor.can(Permission.SPEND_GIFT_CREDIT))
        self.card.gift_requested.connect(self.redeem_gift)
        self.feedback = SubscriberFeedback(context=context)
        self.card.add_section("feedback", "نظرهای مشترک", self.feedback)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        top.addWidget(self.new_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table)
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.card)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([780, 480])  # the card needs room for its history table
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.run_search)
        self.search.installEventFilter(self)
        self.table.installEventFilter(self)
        QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search)
        QShortcut(QKeySequence("Ctrl+N"), self, self.create_subscriber)
        QShortcut(QKeySequence("F4"), self, self.edit_selected)  # Ctrl+E exports the list
        QShortcut(QKeySequence("Ctrl+Return"), self, self.request_for_selected)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.request_for_selected)
        self.refresh()
        self.watch(context.changes, (Change.SUBSCRIBERS, Change.BILLING, Change.SETTINGS))

    # --- loading --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the list (same search), keeping the selected subscriber selected."""
        self._stale = False
        selected = self.selected()
        current = self.table.currentIndex().row()
        self.run_search(select_first=False)
        if selected is None:
            return
        item = self.model.row_item(current)
        row = current if item is not None and item.id == selected.id else -1
        if row < 0:
            row = self.model.find_row(lambda r: r.id == selected.id)
        if row >= 0:
            select_row(self.table, row)
            self.table.scrollTo(self.model.index(row, 0))

    def run_search(self, *, select_first: bool = True) -> None:
        """The full list when the search box is empty, else the matches (best first; the
        first one is selected so its card shows at once)."""
        self._timer.stop()
        text = self.search.text().strip()
        if text:
            rows = run_op(
                self, lambda: self._ctx.search.search(self._ctx.actor, text, SEARCH_LIMIT)
            )
            self.model.set_source(ListSource(rows or []))
            self.count_label.setText(f"{fmt.count(self.model.rowCount())} مورد")
        else:
            self.model.set_source(AllSubscribers(self._ctx))
            self.count_label.setText(f"{fmt.count(self.model.rowCount())} مشترک")
            select_first = False
        self.card.show_card(None)
        if select_first and self.model.rowCount():
            select_row(self.table, 0)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- selection and actions ------------------------------------------------------------
    def selected(self) -> SubscriberRow | None:
        index = self.table.currentIndex()
        return self.model.row_item(index.row()) if index.isValid() else None

    def _on_selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        row = self.selected()
        if row is None:
            self.card.show_card(None)
            self.feedback.show_for(None)
            return
        card = run_op(self, lambda: self._ctx.subscribers.card(self._ctx.actor, row.id))
        self.card.show_card(card)
        self.feedback.show_for(card.id if card is not None else None)
        self._show_balance(row.id)
        can_request = self._ctx.actor.can(Permission.CREATE_REQUESTS)
        self.card.request_button.setEnabled(can_request and not (card and card.do_not_serve))

    def _show_balance(self, subscriber_id: int) -> None:
        if self._ctx.actor.can(Permission.VIEW_BILLING):
            money = run_op(
                self, lambda: self._ctx.billing.statement(self._ctx.actor, subscriber_id)
            )
            if money is not None:
                self.card.show_balance(money.owed, money.credit)
        gift = run_op(
            self, lambda: self._ctx.gift_credit.gift_credit(self._ctx.actor, subscriber_id)
        )
        if gift is not None:
            self.card.show_gift_credit(gift)

    def redeem_gift(self, subscriber_id: int) -> None:
        """Gifts for this subscriber's gift credit (the redemption dialog)."""
        card = self.card.card()
        if card is None or card.id != subscriber_id:
            return
        from hendazh_desktop.ui.gifts.redemption_dialog import redeem_for

        placed = redeem_for(self, self._ctx, card.id, card.name)
        if placed is not None:
            self._show_balance(card.id)
            self.status_message.emit(
                f"سفارش هدیه شماره {fmt.number(placed.number)} برای «{card.name}» ثبت شد."
            )

    def show_statement(self, subscriber_id: int) -> None:
        """The subscriber's statement of account, to read, print or save."""
        card = self.card.card()
        if card is None or card.id != subscriber_id:
            return
        from hendazh_desktop.ui.common.pdf_preview_dialog import preview_pdf

        preview_pdf(
            self,
            lambda: self._ctx.billing_documents.statement_pdf(self._ctx.actor, subscriber_id),
            title=f"صورت‌حساب مشتری — {card.name}",
            file_name=f"statement-{card.code}.pdf",
            directory=self._ctx.documents_dir,
        )

    def create_subscriber(self) -> None:
        if not self._ctx.actor.can(Permission.EDIT_SUBSCRIBERS):
            return
        dialog = SubscriberDialog(context=self._ctx, parent=self)
        dialog.open_subscriber_requested.connect(self.open_subscriber)
        if dialog.exec() and dialog.saved_card is not None:
            card = dialog.saved_card
            self.status_message.emit(f"مشترک «{card.name}» با کد {fmt.code(card.code)} ثبت شد.")
            self.search.setText(card.code)
            self.run_search()
            self.table.setFocus()
        dialog.deleteLater()

    def edit_selected(self) -> None:
        row = self.selected()
        if row is None or not self._ctx.actor.can(Permission.EDIT_SUBSCRIBERS):
            return
        dialog = SubscriberDialog(context=self._ctx, subscriber_id=row.id, parent=self)
        if not dialog.loaded:
            dialog.deleteLater()
            return
        dialog.open_subscriber_requested.connect(self.open_subscriber)
        if dialog.exec() and dialog.saved_card is not None:
            self.status_message.emit(f"تغییرات «{dialog.saved_card.name}» ذخیره شد.")
        dialog.deleteLater()

    def request_for_selected(self) -> None:
        """Ask the main window to take a new request for the selected subscriber."""
        row = self.selected()
        if row is None or not self._ctx.actor.can(Permission.CREATE_REQUESTS):
            return
        if row.do_not_serve:
            self.status_message.emit(f"به «{row.name}» خدمت داده نمی‌شود.")
            return
        self.new_request_requested.emit(row.id)

    def open_subscriber(self, subscriber_id: int) -> None:
        """Show one subscriber (e.g. the existing one a duplicate warning pointed at)."""
        card = run_op(self, lambda: self._ctx.subscribers.card(self._ctx.actor, subscriber_id))
        if card is None:
            return
        self.search.setText(card.code)
        self.run_search()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.search and event.key() == Qt.Key.Key_Down:
                if not self.table.selectionModel().hasSelection() and self.model.rowCount():
                    select_row(self.table, 0)
                self.table.setFocus()
                return True
            if watched is self.table and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit_selected()
                return True
        return super().eventFilter(watched, event)
