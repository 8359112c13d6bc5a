"""Taking a payment from a screen and its receipt: record it through the payment dialog, offer
the numbered receipt, preview and print it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QMessageBox,
    QWidget,
)

from hendazh_desktop.services.billing.records import PaymentRow
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.billing.models import doc_number
from hendazh_desktop.ui.billing.payment_dialog import Payer, PaymentDialog
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.ops import Operation


def offer_receipt(parent: QWidget | None, context: UiContext, payment: PaymentRow) -> bool:
    """Say what was recorded and offer the receipt's preview (to print it); True if asked."""
    what = "استرداد" if payment.direction == "out" else "دریافت"
    text = f"{what} {fmt.money(payment.amount)} با شماره {doc_number(payment.number)} ثبت شد."
    if payment.applied_to:
        text += f"\nبابت صورتحساب {doc_number(payment.applied_to)}."
    if payment.unapplied:
        text += f"\n{fmt.money(payment.unapplied)} به بستانکاری مشترک افزوده شد."
    box = QMessageBox(QMessageBox.Icon.Information, f"{what} ثبت شد", text, parent=parent)
    show = box.addButton("پیش‌نمایش و چاپ رسید", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("بستن", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(show)
    box.exec()
    if box.clickedButton() is not show:
        return False
    preview_receipt(parent, context, payment)
    return True


def preview_receipt(
    parent: QWidget | None, context: UiContext, payment: PaymentRow
) -> Operation[Any]:
    from hendazh_desktop.ui.common.pdf_preview_dialog import preview_pdf

    return preview_pdf(
        parent,
        lambda: context.billing_documents.receipt_pdf(context.actor, payment.id),
        title=("سند استرداد " if payment.direction == "out" else "رسید ")
        + doc_number(payment.number),
        file_name=f"receipt-{payment.number}.pdf",
        directory=context.documents_dir,
    )


def record_payment(
    parent: QWidget | None,
    context: UiContext,
    payer: Payer,
    *,
    invoice_id: int | None = None,
    amount: int | None = None,
) -> PaymentRow | None:
    """The payment dialog, then the offer to print the receipt; the payment, or None."""
    dialog = PaymentDialog(
        context=context, payer=payer, invoice_id=invoice_id, amount=amount, parent=parent
    )
    dialog.exec()
    payment = dialog.payment
    dialog.deleteLater()
    if payment is not None:
        offer_receipt(parent, context, payment)
    return payment
