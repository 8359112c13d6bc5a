"""«صورتحساب‌ها و دریافت‌ها»: invoices, payments and receivables, one tab each."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from hendazh_desktop.ui.billing.invoices_tab import InvoicesPanel
from hendazh_desktop.ui.billing.payment_dialog import Payer
from hendazh_desktop.ui.billing.payments_tab import PaymentsPanel
from hendazh_desktop.ui.billing.receivables_tab import ReceivablesPanel
from hendazh_desktop.ui.changes import Change, concerns
from hendazh_desktop.ui.context import UiContext

WATCHED = (Change.BILLING, Change.REQUESTS, Change.SUBSCRIBERS, Change.CATALOGUE, Change.SETTINGS)
__all__ = ["InvoicesPanel", "InvoicingView", "PaymentsPanel", "ReceivablesPanel"]


class InvoicingView(QWidget):
    """«صورتحساب‌ها و دریافت‌ها»: the three tabs, kept in step after every change."""

    status_message = Signal(str)
    """A short message for the status bar."""

    def __init__(self, *, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = context
        self.invoices = InvoicesPanel(context=context)
        self.payments = PaymentsPanel(context=context)
        self.receivables = ReceivablesPanel(context=context)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.invoices, "صورتحساب‌ها")
        self.tabs.addTab(self.payments, "دریافت‌ها و پرداخت‌ها")
        self.tabs.addTab(self.receivables, "مطالبات")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        for panel in self.panels():
            panel.status_message.connect(self.status_message)
            panel.data_changed.connect(self._on_data_changed)
        self.receivables.invoices_requested.connect(self.show_invoices_of)
        context.changes.data_changed.connect(self._on_changes_data_changed)

    def panels(self) -> tuple[InvoicesPanel, PaymentsPanel, ReceivablesPanel]:
        return (self.invoices, self.payments, self.receivables)

    def refresh(self) -> None:
        """Re-read what is shown now; the other tabs when they are next shown."""
        for panel in self.panels():
            panel.mark_stale()

    def mark_stale(self) -> None:
        self.refresh()

    def _on_data_changed(self) -> None:
        """Money moved or an invoice changed in one tab: the others, and the other views
        (requests may have changed state too)."""
        sender = self.sender()
        for panel in self.panels():
            if panel is not sender:
                panel.mark_stale()
        self._ctx.changes.announce(Change.BILLING, Change.REQUESTS, source=self)

    def _on_changes_data_changed(self, kind: str) -> None:
        if self._ctx.changes.source() is not self and concerns(kind, WATCHED):
            self.refresh()

    def show_invoices_of(self, payer: object) -> None:
        if isinstance(payer, Payer):
            self.invoices.set_filters(subscriber=payer)
            self.tabs.setCurrentWidget(self.invoices)
