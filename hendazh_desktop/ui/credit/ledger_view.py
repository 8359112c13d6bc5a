"""The gift-credit ledger (دفتر اعتبار): every entry with filters, the company's outstanding
gift credit, the subscribers below zero, and a subscriber's referral tree and statement.

Gift credit is never called money here: it is «اعتبار هدیه», shown apart from the money on
account that billing keeps."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.credit import CREDIT_KIND_LABELS, GIFT_CREDIT_LABEL, CreditKind
from hendazh_desktop.domain.permissions import Actor, Permission
from hendazh_desktop.domain.split import NO_CREDIT_LABELS, NoCreditReason
from hendazh_desktop.domain.text import to_ascii_digits
from hendazh_desktop.services.credit.ledger import GiftCreditLedger, LedgerFilter
from hendazh_desktop.services.credit.records import CreditEntryRecord, ReferralNode
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.common.jalali_date_edit import JalaliDateEdit
from hendazh_desktop.ui.common.refresh import RefreshWhenShown
from hendazh_desktop.ui.common.tables import fill_sortable, list_table, sortable
from hendazh_desktop.ui.common.window_model import NUMERIC, RIAL, Column, WindowTableModel
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.ops import run_op


def credit_amount(amount: int) -> str:
    """Gift credit in the display unit; a decrease or a balance below zero says «منفی» (a
    minus sign would sit on the wrong side of the digits in a right-to-left cell)."""
    return fmt.money(amount) if amount >= 0 else f"منفی {fmt.money(-amount)}"


def kind_label(kind: str) -> str:
    return CREDIT_KIND_LABELS.get(CreditKind(kind), kind) if kind in set(CreditKind) else kind


COLUMNS: list[Column[CreditEntryRecord]] = [
    Column("#", lambda r: fmt.number(r.id), NUMERIC, sort="number"),
    Column("تاریخ", lambda r: fmt.date(r.on_day), sort="day", narrow=True),
    Column("مشترک", lambda r: r.subscriber_name, sort="subscriber", narrow=True),
    Column("کد اشتراک", lambda r: fmt.code(r.subscription_code), NUMERIC, sort="code", narrow=True),
    Column("نوع", lambda r: kind_label(r.kind), sort="kind", narrow=True),
    Column(
        GIFT_CREDIT_LABEL,
        lambda r: credit_amount(r.amount),
        NUMERIC,
        sort="amount",
        narrow=True,
        value=lambda r: r.amount,
        unit=RIAL,
    ),
    Column(
        "درخواست",
        lambda r: fmt.number(r.request_id) if r.request_id else "",
        NUMERIC,
        sort="request",
        narrow=True,
    ),
    Column(
        "انقضا",
        lambda r: fmt.date(r.expires_on) if r.expires_on else "",
        sort="expires",
        narrow=True,
    ),
    Column("شرح", lambda r: r.reason, sort="reason", narrow=True),
]


class LedgerSource:
    """The model's rows: the ledger's count and pages under one filter."""

    def __init__(
        self, ledger: GiftCreditLedger, actor: Actor, flt: LedgerFilter, order: str = "-number"
    ) -> None:
        self._ledger, self._actor, self._filter = ledger, actor, flt
        self.order = order

    def count(self) -> int:
        return self._ledger.count(self._actor, self._filter)

    def fetch(self, offset: int, limit: int) -> Sequence[CreditEntryRecord]:
        return self._ledger.page(self._actor, self._filter, offset, limit, self.order)

    def ordered(self, key: str, descending: bool) -> LedgerSource:
        """By a column, in the database ("": newest first, as the ledger opens)."""
        order = ("-" if descending else "") + key if key else "-number"
        return LedgerSource(self._ledger, self._actor, self._filter, order)


class CreditLedgerView(RefreshWhenShown, QWidget):
    """Filters, the newest-first ledger, the liability, the negative balances, and the
    filtered subscriber's referral tree."""

    status_message = Signal(str)
    """A short message for the status bar."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self._ledger, self._actor = context.gift_credit, context.actor
        self.print_button = QPushButton("چاپ صورت اعتبار…")
        self.print_button.setToolTip("صورت اعتبار هدیه مشترکی که کد اشتراکش وارد شده است")
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_statement)
        manages = context.can(Permission.ADJUST_GIFT_CREDIT)
        self.adjust_button = QPushButton("اصلاح اعتبار…")
        self.adjust_button.setEnabled(False)
        self.adjust_button.setVisible(manages)
        self.adjust_button.clicked.connect(self.adjust)
        self.expire_button = QPushButton("اعمال انقضا")
        self.expire_button.setToolTip("اعتبارهای سررسیده و خرج‌نشده را منقضی می‌کند")
        self.expire_button.setVisible(manages)
        self.expire_button.clicked.connect(self.expire)
        self.expiry_button = QPushButton("مدت انقضا…")
        self.expiry_button.setVisible(context.can(Permission.EDIT_SETTINGS))
        self.expiry_button.clicked.connect(self.edit_expiry)
        self.subscriber = QLineEdit()
        self.subscriber.setPlaceholderText("کد اشتراک")
        self.subscriber.setClearButtonEnabled(True)
        self.subscriber.setMaximumWidth(140)
        self.subscriber_name = QLabel()
        self.kind = QComboBox()
        self.kind.addItem("همه انواع", None)
        for kind in CreditKind:
            self.kind.addItem(CREDIT_KIND_LABELS[kind], kind.value)
        self.date_from = JalaliDateEdit(optional=True)
        self.date_to = JalaliDateEdit(optional=True)
        self.request = QLineEdit()
        self.request.setPlaceholderText("شماره درخواست")
        self.request.setClearButtonEnabled(True)
        self.request.setMaximumWidth(120)
        self.outstanding = QLabel()
        self.outstanding.setWordWrap(True)
        self.model: WindowTableModel[CreditEntryRecord] = WindowTableModel(
            COLUMNS, warn=lambda r: r.amount < 0
        )
        self.table = list_table(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        self.split_detail = QLabel()
        self.split_detail.setObjectName("split_detail")
        self.split_detail.setWordWrap(True)
        for column, width in enumerate((70, 90, 160, 90, 150, 110, 70, 90)):
            self.table.setColumnWidth(column, width)
        self.negatives = QTableWidget(0, 3)
        self.negatives.setHorizontalHeaderLabels(["مشترک", "کد اشتراک", GIFT_CREDIT_LABEL])
        self.negatives.verticalHeader().setVisible(False)
        self.negatives.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        sortable(self.negatives)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["معرفی‌شده", "کد اشتراک", "اعتبار کسب‌شده برای معرف"])
        self._build_layout()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.refresh)
        self.subscriber.textChanged.connect(lambda _t: self._timer.start())
        self.request.textChanged.connect(lambda _t: self._timer.start())
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.date_from.date_changed.connect(lambda _d: self.refresh())
        self.date_to.date_changed.connect(lambda _d: self.refresh())
        self.refresh()
        self.watch(context.changes, (Change.BILLING, Change.SUBSCRIBERS, Change.REQUESTS))

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        for widget in (
            QLabel("مشترک:"),
            self.subscriber,
            self.subscriber_name,
            QLabel("نوع:"),
            self.kind,
            QLabel("از تاریخ:"),
            self.date_from,
            QLabel("تا:"),
            self.date_to,
            self.request,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.print_button)
        filters.addWidget(self.adjust_button)
        filters.addWidget(self.expire_button)
        filters.addWidget(self.expiry_button)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        negatives = QGroupBox("مشترکان با اعتبار هدیه منفی (خرج تا جبران بسته است)")
        QVBoxLayout(negatives).addWidget(self.negatives)
        tree = QGroupBox("درخت معرفی مشترک انتخاب‌شده")
        QVBoxLayout(tree).addWidget(self.tree)
        side_layout.addWidget(negatives)
        side_layout.addWidget(tree)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 380])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.outstanding)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.split_detail)

    def selected_subscriber(self) -> int | None:
        """The subscriber the code box names, if any (its name is shown beside it)."""
        code = self.subscriber.text().strip()
        found = (
            run_op(self, lambda: self._ledger.subscriber_by_code(self._actor, code))
            if code
            else None
        )
        self.subscriber_name.setText(found[1] if found else ("یافت نشد" if code else ""))
        return found[0] if found else None

    def current_filter(self) -> LedgerFilter:
        typed = to_ascii_digits(self.request.text().strip())
        subscriber_id = self.selected_subscriber()
        return LedgerFilter(
            subscriber_id=subscriber_id
            if subscriber_id is not None
            else (-1 if self.subscriber.text().strip() else None),
            kind=self.kind.currentData(),
            day_from=self.date_from.value(),
            day_to=self.date_to.value(),
            request_id=int(typed) if typed.isdigit() and len(typed) < 12 else None,
        )

    def refresh(self) -> None:
        """Re-read the list, the liability, the negative balances and the tree."""
        self._stale = False
        self._timer.stop()
        flt = self.current_filter()
        self.model.set_source(LedgerSource(self._ledger, self._actor, flt))
        owed = run_op(self, lambda: self._ledger.outstanding(self._actor))
        if owed is not None:
            self.outstanding.setText(
                f"اعتبار هدیه‌ای که شرکت بدهکار است: {fmt.money(owed.outstanding)}"
                f" — {fmt.count(owed.subscribers_below_zero)} مشترک با اعتبار هدیه منفی"
                f" (جمعاً {fmt.money(-owed.below_zero)}). اعتبار هدیه پول نیست:"
                " پرداخت، استرداد یا با مانده نقدی مشترک جمع نمی‌شود."
            )
        self._fill_negatives()
        chosen = flt.subscriber_id if flt.subscriber_id and flt.subscriber_id > 0 else None
        self._chosen = chosen
        self.print_button.setEnabled(chosen is not None)
        self.adjust_button.setEnabled(chosen is not None)
        self._fill_tree(chosen)
        self.status_message.emit(f"{fmt.count(self.model.rowCount())} ردیف دفتر اعتبار")

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.model.row_item(current.row()) if current.isValid() else None
        self.split_detail.setText(self._split_text(entry) if entry else "")

    def _split_text(self, entry: CreditEntryRecord) -> str:
        """The job's split the entry came from: every part to the rial, and why a share
        earned no one credit."""
        if entry.request_id is None:
            return ""
        splits = run_op(
            self, lambda: self._ledger.splits_of_request(self._actor, entry.request_id or 0)
        )
        if not splits:
            return ""
        lines = []
        for split in splits:
            what = (
                "تقسیم"
                if split.kind == "posted"
                else f"برگشت تقسیم #{fmt.number(split.reverses_id or 0)}"
            )
            reasons = [
                NO_CREDIT_LABELS[NoCreditReason(r)]
                for r in (split.referrer_reason, split.recipient_reason)
                if r
            ]
            lines.append(
                f"{what} #{fmt.number(split.id)} درخواست {fmt.number(split.request_id)}: "
                f"دستمزد {fmt.money(split.labour)} = سهم گروه {fmt.money(split.fee)} + "
                f"سهم شرکت {fmt.money(split.commission_kept)} + اعتبار معرف "
                f"{fmt.money(split.referrer_credit)} + اعتبار دریافت‌کننده "
                f"{fmt.money(split.recipient_credit)}"
                + (f" ({'؛ '.join(reasons)})" if reasons else "")
                + (f" — {split.cause}" if split.cause else "")
            )
        return "\n".join(lines)

    def print_statement(self) -> None:
        """The chosen subscriber's gift-credit statement, to read, print or save."""
        chosen = getattr(self, "_chosen", None)
        if chosen is None:
            return
        from hendazh_desktop.ui.common.pdf_preview_dialog import preview_pdf

        code = to_ascii_digits(self.subscriber.text().strip())
        docs = self._ctx.gift_credit_documents
        preview_pdf(
            self,
            lambda: docs.statement_pdf(self._actor, chosen),
            title=f"صورت اعتبار هدیه — {self.subscriber_name.text()}",
            file_name=f"gift-credit-{code}.pdf",
            directory=self._ctx.documents_dir,
        )

    def adjust(self) -> int | None:
        """A manager's adjustment of the chosen subscriber's gift credit."""
        chosen = getattr(self, "_chosen", None)
        if chosen is None:
            return None
        from hendazh_desktop.ui.credit.adjust_dialog import AdjustGiftCreditDialog

        dialog = AdjustGiftCreditDialog(
            context=self._ctx, subscriber_id=chosen, name=self.subscriber_name.text(), parent=self
        )
        done: int | None = dialog.result_value if dialog.exec() else None
        dialog.deleteLater()
        if done is not None:
            self._ctx.changes.announce(Change.SUBSCRIBERS, source=self)
            self.refresh()
            self.status_message.emit(f"اعتبار هدیه اکنون {fmt.money(done)} است.")
        return done

    def expire(self) -> None:
        expired = run_op(self, lambda: self._ctx.gift_credit_admin.expire_due(self._actor))
        if expired is not None:
            self.refresh()
            self.status_message.emit(f"{fmt.money(expired)} اعتبار هدیه منقضی شد.")

    def edit_expiry(self) -> None:
        from hendazh_desktop.ui.credit.adjust_dialog import ExpirySettingDialog

        dialog = ExpirySettingDialog(context=self._ctx, parent=self)
        dialog.exec()
        dialog.deleteLater()

    def _fill_negatives(self) -> None:
        rows = run_op(self, lambda: self._ledger.negative_balances(self._actor)) or []
        fill_sortable(
            self.negatives,
            [(r.name, fmt.code(r.subscription_code), credit_amount(r.gift_credit)) for r in rows],
        )

    def _fill_tree(self, subscriber_id: int | None) -> None:
        self.tree.clear()
        if subscriber_id is None:
            return
        root = run_op(self, lambda: self._ledger.referral_tree(self._actor, subscriber_id))
        if root is None:
            return
        top = QTreeWidgetItem([root.name, fmt.code(root.subscription_code), ""])
        self.tree.addTopLevelItem(top)
        self._add_children(top, root)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)

    def _add_children(self, item: QTreeWidgetItem, node: ReferralNode) -> None:
        for child in node.children:
            sub = QTreeWidgetItem(
                [
                    child.name,
                    fmt.code(child.subscription_code),
                    credit_amount(child.earned_for_referrer),
                ]
            )
            item.addChild(sub)
            self._add_children(sub, child)
