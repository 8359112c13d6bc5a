"""The consultant's main screen: find the caller, (register them,) take the request, next call."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.errors import DomainError, ValidationError
from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.domain.phones import parse_phone
from hendazh_desktop.services.requests.records import CreatedRequest
from hendazh_desktop.services.subscribers.records import SubscriberCard, SubscriberRow
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.changes import Change, concerns
from hendazh_desktop.ui.common.columns import SUBSCRIBER_RESULT_COLUMNS
from hendazh_desktop.ui.common.tables import list_table
from hendazh_desktop.ui.common.window_model import ListSource, WindowTableModel, select_row
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.messages import error_message
from hendazh_desktop.ui.ops import run_op
from hendazh_desktop.ui.quality.feedback_section import SubscriberFeedback
from hendazh_desktop.ui.requests.request_form import RequestForm
from hendazh_desktop.ui.subscribers.quick_register import QuickRegisterForm
from hendazh_desktop.ui.subscribers.subscriber_card import SubscriberCardWidget

SEARCH_DELAY_MS = 120
RESULT_LIMIT = 20

RESULT_COLUMNS = SUBSCRIBER_RESULT_COLUMNS


class IntakePanel(QWidget):
    """Search → card → request form → Enter → the number is shown → ready for the next call."""

    request_created = Signal(int)
    """A request was saved (its number)."""

    status_message = Signal(str)
    """A short message for the status bar."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._card: SubscriberCard | None = None
        self.search = QLineEdit()
        self.search.setObjectName("caller_search")
        self.search.setPlaceholderText("تلفن یا کد اشتراک تماس‌گیرنده (یا بخشی از نام)…")
        big = QFont(self.font())
        big.setPointSize(big.pointSize() + 3)
        self.search.setFont(big)
        self.search.setClearButtonEnabled(True)
        self.hint = QLabel()
        self.hint.setObjectName("search_hint")
        self.register_button = QPushButton("ثبت مشترک جدید (Ctrl+R)")
        self.register_button.setShortcut("Ctrl+R")
        self.register_button.clicked.connect(self._on_register_clicked)
        self.register_button.setVisible(context.can(Permission.EDIT_SUBSCRIBERS))
        self.results_model: WindowTableModel[SubscriberRow] = WindowTableModel(
            RESULT_COLUMNS, warn=lambda r: r.do_not_serve
        )
        self.results = list_table(self.results_model, stretch_all=True)
        self.results.setMaximumHeight(190)
        self.results.activated.connect(self._on_results_activated)
        self.quick_register = QuickRegisterForm(context=context)
        self.quick_register.setVisible(False)
        self.quick_register.registered.connect(self._on_quick_register_registered)
        self.quick_register.cancelled.connect(self.start_call)
        self.card = SubscriberCardWidget()
        self.card.gift_button.setVisible(context.can(Permission.SPEND_GIFT_CREDIT))
        self.card.gift_requested.connect(self.redeem_gift)
        self.feedback = SubscriberFeedback(context=context)
        self.card.add_section("feedback", "نظرهای مشترک", self.feedback)
        self.form = RequestForm()
        self.form.save_requested.connect(self.save_request)
        self.refusal = QLabel()
        self.refusal.setObjectName("refusal")
        self.refusal.setWordWrap(True)
        self.refusal.setStyleSheet("color: white; background: #b3261e; padding: 6px;")
        self.refusal.setVisible(False)
        self.last_created = QLabel()
        self.last_created.setObjectName("last_created")
        self.last_created.setStyleSheet("color: #1b5e20; font-weight: bold;")

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.register_button)
        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(self.hint)
        left.addWidget(self.results)
        left.addWidget(self.quick_register)
        left.addWidget(self.refusal)
        left.addWidget(self.form)
        left.addWidget(self.last_created)
        left.addStretch(1)
        left_widget = QWidget()
        left_widget.setLayout(left)
        splitter = QSplitter()
        splitter.addWidget(left_widget)
        splitter.addWidget(self.card)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 440])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textEdited.connect(self._on_search_text_edited)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.search.installEventFilter(self)
        self.results.installEventFilter(self)
        self.reload_services()
        self._select(None)
        context.changes.data_changed.connect(self._on_data_changed)

    # --- public ---------------------------------------------------------------------------
    def start_call(self, *, keep_confirmation: bool = False) -> None:
        """Ready for a new caller: everything cleared, the cursor in the search field (the
        confirmation of the request just saved stays until the next call begins)."""
        if not keep_confirmation:
            self.last_created.clear()
        self._timer.stop()
        self.search.clear()
        self.results_model.set_source(ListSource([]))
        self.quick_register.setVisible(False)
        self.hint.clear()
        self._select(None)
        self.form.reset()
        self.search.setFocus()

    def start_call_for(self, subscriber_id: int) -> None:
        self.start_call()
        self._load_card(subscriber_id)

    def reload_services(self) -> None:
        actor = self._ctx.actor
        self.form.set_services(self._ctx.catalogue.services(actor))
        self.form.set_zones([(z.id, z.name) for z in self._ctx.catalogue.zones(actor)])

    def refresh(self) -> None:
        """F5: re-read the services and zones offered in the request form."""
        self.reload_services()

    def _on_data_changed(self, kind: str) -> None:
        if concerns(kind, (Change.CATALOGUE,)):
            self.reload_services()

    def selected_subscriber(self) -> SubscriberCard | None:
        return self._card

    # --- search ---------------------------------------------------------------------------
    def run_search(self) -> None:
        text = self.search.text().strip()
        self._timer.stop()
        if not text:
            self.results_model.set_source(ListSource([]))
            self.hint.clear()
            return
        exact = self._ctx.search.find_exact(self._ctx.actor, text)
        if exact is not None:
            self.results_model.set_source(ListSource([]))
            self.hint.setText("")
            self._load_card(exact)
            return
        rows = self._ctx.search.search(self._ctx.actor, text, RESULT_LIMIT)
        self.results_model.set_source(ListSource(rows))
        if rows:
            self.hint.setText(f"{fmt.number(len(rows))} مورد پیدا شد — ↓ و Enter برای انتخاب")
            select_row(self.results, 0)
        elif self._full_phone(text) and self._ctx.can(Permission.EDIT_SUBSCRIBERS):
            self.hint.setText("مشترکی با این شماره نیست — Enter یا Ctrl+R برای ثبت سریع")
        elif self._full_phone(text):
            self.hint.setText("مشترکی با این شماره نیست.")
        else:
            self.hint.setText("چیزی پیدا نشد.")

    @staticmethod
    def _full_phone(text: str) -> str:
        try:
            return parse_phone(text).number
        except ValidationError:
            return ""

    def _on_search_text_edited(self, _text: str) -> None:
        self.last_created.clear()  # the next call has begun: the last one's message is stale
        self._timer.start()

    def _on_search_return_pressed(self) -> None:
        self.run_search()
        if self._card is not None:
            self.form.service.setFocus()
        elif self.results_model.rowCount() > 0:
            self._choose_row(max(self.results.currentIndex().row(), 0))
        elif self._full_phone(self.search.text()):
            self._on_register_clicked()

    def _on_results_activated(self, index) -> None:
        self._choose_row(index.row())

    def _choose_row(self, row: int) -> None:
        item = self.results_model.row_item(row)
        if item is not None:
            self._load_card(item.id)
            self.form.service.setFocus()

    def _on_register_clicked(self) -> None:
        if not self._ctx.can(Permission.EDIT_SUBSCRIBERS):
            return
        phone = self._full_phone(self.search.text()) or self.search.text().strip()
        self._select(None)
        self.quick_register.start(phone if phone[:1].isdigit() else "")
        if not phone[:1].isdigit():
            self.quick_register.name.setText(self.search.text().strip())

    def _on_quick_register_registered(self, card: SubscriberCard) -> None:
        self.status_message.emit(f"مشترک «{card.name}» با کد {fmt.code(card.code)} ثبت شد.")
        self._select(card)
        self.form.service.setFocus()

    # --- selection ------------------------------------------------------------------------
    def _load_card(self, subscriber_id: int) -> None:
        card = run_op(self, lambda: self._ctx.subscribers.card(self._ctx.actor, subscriber_id))
        if card is not None:
            self.quick_register.setVisible(False)
            self._select(card)

    def _select(self, card: SubscriberCard | None) -> None:
        self._card = card
        self.card.show_card(card)
        self.feedback.show_for(card.id if card is not None else None)
        self.form.set_subscriber(card)
        refused = card is not None and card.do_not_serve
        self.refusal.setVisible(refused)
        if refused and card is not None:
            self.refusal.setText(f"به این مشترک خدمت داده نمی‌شود: {card.do_not_serve_reason}")
        self.form.setEnabled(card is not None and not refused)
        if card is not None:
            self._show_balances(card.id)

    def _show_balances(self, subscriber_id: int) -> None:
        """The money on account (where billing may be seen) and, beside it, the gift credit."""
        if self._ctx.actor.can(Permission.VIEW_BILLING):
            money = run_op(
                self, lambda: self._ctx.billing.statement(self._ctx.actor, subscriber_id)
            )
            if money is not None:
                self.card.show_balance(money.owed, money.credit)
                self.card.balance.setVisible(True)  # the statement button stays hidden here
        gift = run_op(
            self, lambda: self._ctx.gift_credit.gift_credit(self._ctx.actor, subscriber_id)
        )
        if gift is not None:
            self.card.show_gift_credit(gift)

    def redeem_gift(self, subscriber_id: int) -> None:
        """The caller takes gifts for their gift credit (the redemption dialog)."""
        if self._card is None or self._card.id != subscriber_id:
            return
        from hendazh_desktop.ui.gifts.redemption_dialog import redeem_for

        if redeem_for(self, self._ctx, subscriber_id, self._card.name) is not None:
            self._show_balances(subscriber_id)

    # --- saving ---------------------------------------------------------------------------
    def save_request(self) -> None:
        draft = self.form.draft(self._card.id if self._card else None)
        created = run_op(
            self,
            lambda: self._ctx.intake.create_request(self._ctx.actor, draft),
            on_error=self._on_save_error,
        )
        if isinstance(created, CreatedRequest):
            status = fmt.status_label(created.status)
            who = self._card.name if self._card else ""
            self.last_created.setText(
                f"درخواست شماره {fmt.number(created.id)} برای «{who}» ثبت شد ({status})."
            )
            self.request_created.emit(created.id)
            # a prepaid service's request comes with its invoice
            self._ctx.changes.announce(Change.REQUESTS, Change.BILLING, source=self)
            self.start_call(keep_confirmation=True)

    def _on_save_error(self, error: DomainError) -> bool:
        if self.form.errors.show(error):
            return True
        if isinstance(error, ValidationError) and error.field == "subscriber":
            self.refusal.setText(error_message(error))
            self.refusal.setVisible(True)
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            down = watched is self.search and event.key() == Qt.Key.Key_Down
            if down and self.results_model.rowCount() > 0:
                if not self.results.selectionModel().hasSelection():
                    select_row(self.results, 0)
                self.results.setFocus()
                return True
            if watched is self.results and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose_row(max(self.results.currentIndex().row(), 0))
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.start_call()
                return True
        return super().eventFilter(watched, event)
