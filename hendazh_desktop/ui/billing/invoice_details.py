"""One invoice in full: who and what, its lines, totals, what settled it, and its notes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.domain.billing import TERMS_LABELS, PaymentTerms
from hendazh_desktop.services.billing.records import InvoiceDetail
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.billing.models import (
    LINE_STRETCH_COLUMN,
    LINE_WIDTHS,
    SETTLEMENT_STRETCH_COLUMN,
    SETTLEMENT_WIDTHS,
    UNSETTLED,
    doc_number,
    invoice_day,
    kind_label,
    line_model,
    settlement_model,
    state_label,
)
from hendazh_desktop.ui.common.tables import ROW_HEIGHT, list_table
from hendazh_desktop.ui.common.window_model import ListSource

TOTALS = (
    ("gross", "جمع مبلغ:"),
    ("discount", "تخفیف:"),
    ("net", "پس از تخفیف:"),
    ("vat", "مالیات و عوارض:"),
    ("total", "مبلغ کل:"),
    ("paid", "دریافت‌شده:"),
    ("credited", "برگشت‌شده:"),
    ("balance", "مانده:"),
)
AMOUNT_ALIGN = (
    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
)


def header_text(detail: InvoiceDetail) -> str:
    """Two lines: kind, number, state, day and terms; the subscriber, request and service."""
    row = detail.row
    if row.number:
        first = f"{kind_label(row.kind)} {doc_number(row.number)} — {state_label(row.state)}"
    else:
        first = f"پیش‌نویس صورتحساب {kind_label(row.kind)} (بی‌شماره)"
    first += f" — {invoice_day(row)}"
    second = f"{row.subscriber_name} (کد اشتراک {fmt.code(row.subscription_code)})"
    if row.request_id:
        second += f" — درخواست {fmt.number(row.request_id)}"
    if row.service_name:
        second += f" — {row.service_name}"
    try:
        terms = TERMS_LABELS[PaymentTerms(detail.terms)]
    except ValueError:
        terms = detail.terms
    if detail.due_on is not None:
        terms += f"، سررسید {fmt.date(detail.due_on)}"
    return f"{first} — شرایط فروش: {terms}\n{second}"


def _stretched(table: QTableView, widths: tuple[int, ...], stretch: int) -> None:
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for column, width in enumerate(widths):
        if column != stretch:
            table.setColumnWidth(column, width)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


class InvoiceDetailsWidget(QWidget):
    """Shows an ``InvoiceDetail`` (or «no invoice chosen»): who and what on top, the totals
    beside what settled them, then the lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines_model = line_model(self)
        self.lines_table = list_table(self.lines_model)
        _stretched(self.lines_table, LINE_WIDTHS, LINE_STRETCH_COLUMN)
        self.settlements_model = settlement_model(self)
        self.settlements_table = list_table(self.settlements_model)
        _stretched(self.settlements_table, SETTLEMENT_WIDTHS, SETTLEMENT_STRETCH_COLUMN)
        self.settlements_table.setFixedHeight(ROW_HEIGHT * 3 + 6)  # a header and 2 rows
        self.lines_table.setMinimumHeight(ROW_HEIGHT * 3 + 6)
        self.totals: dict[str, QLabel] = {}
        totals = QGridLayout()
        totals.setHorizontalSpacing(8)
        totals.setVerticalSpacing(2)
        for i, (key, label) in enumerate(TOTALS):
            value = QLabel()
            value.setAlignment(AMOUNT_ALIGN)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setMinimumWidth(104)
            self.totals[key] = value
            totals.addWidget(QLabel(label), i // 2, (i % 2) * 2)
            totals.addWidget(value, i // 2, (i % 2) * 2 + 1)
        totals.setRowStretch(len(TOTALS) // 2, 1)
        self.totals["total"].setStyleSheet("font-weight: bold;")
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #444;")
        money = QHBoxLayout()
        money.addLayout(totals, 2)
        money.addSpacing(12)
        money.addWidget(self.settlements_table, 3, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.notes)
        layout.addLayout(money)
        layout.addWidget(self.lines_table, 1)
        self.show_detail(None)

    def show_detail(self, detail: InvoiceDetail | None) -> None:
        if detail is None:
            self.header.setText("صورتحسابی انتخاب نشده است.")
            self.lines_model.set_source(ListSource([]))
            self.settlements_model.set_source(ListSource([]))
            for label in self.totals.values():
                label.clear()
            self.notes.clear()
            return
        row = detail.row
        self.header.setText(header_text(detail))
        self.lines_model.set_source(ListSource(list(detail.lines)))
        self.settlements_model.set_source(ListSource(list(detail.settlements)))
        values = {
            "gross": detail.gross,
            "discount": detail.discount,
            "net": detail.net,
            "vat": detail.vat,
            "total": row.total,
            "paid": row.paid,
            "credited": row.credited,
            "balance": row.balance,
        }
        for key, amount in values.items():
            self.totals[key].setText(fmt.money(amount))
        owed = row.state in UNSETTLED and row.balance > 0
        self.totals["balance"].setStyleSheet(
            "font-weight: bold;" + (" color: #8c1d18;" if owed else "")
        )
        notes = []
        if detail.credits_number:
            notes.append(f"برگشت صورتحساب شماره {doc_number(detail.credits_number)}")
        if detail.credited_by:
            notes.append(f"ابطال‌شده با اعلامیه برگشت {doc_number(detail.credited_by)}")
        if detail.notes:
            notes.append(f"توضیحات: {detail.notes}")
        self.notes.setText("\n".join(notes))
