"""The payment dialog: typed like a user, errors at the fields, once per opening, receipts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QMessageBox
from ui_helpers import press, type_text

from hendazh_desktop.domain.billing import PaymentMethod
from hendazh_desktop.domain.money import CurrencyUnit
from hendazh_desktop.services.billing.records import PaymentFilter
from hendazh_desktop.services.requests.intake import RequestDraft
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.billing.payment_dialog import Payer, PaymentDialog
from hendazh_desktop.ui.billing.receipts import record_payment
from hendazh_desktop.ui.common.pdf_preview_dialog import PdfPreviewDialog

EDU_TOTAL = 25_000_000  # the seeded education service: prepaid, VAT exempt


@pytest.fixture
def prepaid(ctx, make_subscriber):
    """A prepaid request (education) waiting for its prepayment invoice to be paid."""
    card = make_subscriber("هومن طاهری", "09171000003")
    service = next(s for s in ctx.catalogue.services(ctx.actor) if s.name == "خدمات آموزشی")
    request = ctx.intake.create_request(
        ctx.actor, RequestDraft(card.id, service.id, card.addresses[0].id)
    )
    status = ctx.invoices.money_status(ctx.actor, request.id)
    assert ctx.queue.get(ctx.actor, request.id).status == "awaiting_prepayment"
    return card, request.id, status.prepayment_invoice_id


def payer_of(card) -> Payer:
    return Payer(card.id, card.name, card.code)


def payments(ctx) -> int:
    return ctx.billing.count_payments(ctx.actor, PaymentFilter())


@pytest.fixture
def open_dialog(qtbot, ctx, show_dialog, prepaid):
    def make(**kw) -> PaymentDialog:
        card, _request_id, invoice_id = prepaid
        kw.setdefault("invoice_id", invoice_id)
        dialog = show_dialog(PaymentDialog(context=ctx, payer=payer_of(card), **kw))
        qtbot.waitActive(dialog)
        return dialog

    return make


def test_cash_payment_releases_the_prepaid_request_to_the_queue(ctx, prepaid, open_dialog):
    _card, request_id, invoice_id = prepaid
    dialog = open_dialog()
    assert dialog.invoice.currentData() == invoice_id  # pre-filled: this invoice
    assert dialog.amount.text() == "۲۵٬۰۰۰٬۰۰۰"  # and its balance
    assert dialog.current_method() is PaymentMethod.CASH
    assert dialog.unit.text() == "ریال"
    assert "هومن طاهری" in dialog.findChild(type(dialog.unit), "payer").text()
    dialog.amount.selectAll()
    type_text(dialog.amount, "۲۵۰۰۰۰۰۰")
    assert "بیست و پنج میلیون" in dialog.amount_hint.text()
    press(dialog.amount, Qt.Key.Key_Return)  # Enter saves
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.payment is not None and dialog.payment.amount == EDU_TOTAL
    assert dialog.payment.applied_to.endswith("-000001")
    assert ctx.queue.get(ctx.actor, request_id).status == "queued"
    assert ctx.invoices.detail(ctx.actor, invoice_id).row.state == "paid"


def test_card_payment_without_reference_is_refused_at_the_field(ctx, open_dialog):
    dialog = open_dialog()
    assert not dialog.reference.isVisibleTo(dialog)  # cash needs no reference
    dialog.set_method(PaymentMethod.CARD)
    assert dialog.reference.isVisibleTo(dialog)
    assert dialog.reference_label.text() == "شماره پیگیری کارت‌خوان:"
    dialog.save_button.click()
    assert dialog.errors.message("reference") == "این بخش را پر کنید."
    assert dialog.isVisible() and dialog.payment is None
    assert payments(ctx) == 0  # nothing written
    dialog.set_method(PaymentMethod.CARD_TO_CARD)
    assert dialog.reference_label.text() == "شماره پیگیری:"
    type_text(dialog.reference, "۱۲۳")
    dialog.save_button.click()
    assert dialog.errors.message("reference").startswith("شماره پیگیری باید")
    assert payments(ctx) == 0


def test_escape_cancels_and_writes_nothing(ctx, open_dialog):
    dialog = open_dialog()
    press(dialog.amount, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    assert payments(ctx) == 0


def test_double_click_records_one_payment(qtbot, ctx, open_dialog):
    dialog = open_dialog()
    first_id = dialog.operation_id
    dialog.amount.clear()
    dialog.save_button.click()  # refused (no amount): nothing written, the same id kept
    assert dialog.errors.message("amount") == "این بخش را پر کنید."
    type_text(dialog.amount, "1000000")
    qtbot.mouseDClick(dialog.save_button, Qt.MouseButton.LeftButton)
    dialog.save_button.click()
    assert payments(ctx) == 1
    recorded = dialog.payment
    assert recorded is not None and dialog.operation_id == first_id
    dialog.payment = None  # even a submission that slipped past the dialog's own guard …
    dialog.save()
    assert payments(ctx) == 1  # … is a replay of the same operation
    assert dialog.payment is not None and dialog.payment.number == recorded.number


def test_cheque_fields_show_only_for_a_cheque(ctx, open_dialog):
    dialog = open_dialog()
    cheque_fields = (dialog.cheque_number, dialog.cheque_bank, dialog.cheque_due)
    assert not any(w.isVisibleTo(dialog) for w in cheque_fields)
    dialog.set_method(PaymentMethod.CHEQUE)
    assert all(w.isVisibleTo(dialog) for w in cheque_fields)
    assert not dialog.reference.isVisibleTo(dialog)
    dialog.save_button.click()
    assert dialog.errors.message("cheque_number") == "شماره چک باید ۴ تا ۲۰ رقم باشد."
    assert dialog.errors.message("cheque_bank")
    type_text(dialog.cheque_number, "۷۷۲۳۴۵۱")
    type_text(dialog.cheque_bank, "ملت")
    dialog.save_button.click()
    assert dialog.payment is not None
    assert dialog.payment.cheque_state == "pending"
    assert dialog.payment.cheque_number == "7723451" and dialog.payment.cheque_bank == "ملت"


def test_amount_is_typed_in_the_display_currency(ctx, monkeypatch, open_dialog):
    ctx.catalogue.set_display_currency(ctx.actor, CurrencyUnit.TOMAN)
    monkeypatch.setattr(fmt.DisplaySettings, "unit", CurrencyUnit.TOMAN)
    dialog = open_dialog()
    assert dialog.unit.text() == "تومان"
    assert dialog.amount.text() == "۲٬۵۰۰٬۰۰۰"  # 25,000,000 rials
    dialog.save_button.click()
    assert dialog.payment is not None and dialog.payment.amount == EDU_TOTAL


def test_after_saving_the_receipt_can_be_previewed(qtbot, ctx, prepaid, answer_modal):
    card, _request_id, invoice_id = prepaid
    pages: list[int] = []

    def show_receipt(box: QMessageBox) -> None:
        assert "ثبت شد" in box.text()
        next(b for b in box.buttons() if "رسید" in b.text()).click()

    def read_preview(preview: PdfPreviewDialog) -> None:
        pages.append(preview.page_count())

    answer_modal(PaymentDialog, lambda d: QTest.keyClick(d.amount, Qt.Key.Key_Return))
    answer_modal(QMessageBox, show_receipt)
    previews = answer_modal(PdfPreviewDialog, read_preview, tries=3000)
    payment = record_payment(None, ctx, payer_of(card), invoice_id=invoice_id)
    assert payment is not None and payments(ctx) == 1
    qtbot.waitUntil(lambda: bool(pages), timeout=30_000)
    assert previews and pages[0] >= 1


def test_an_overpayment_is_confirmed_with_the_credit_it_makes(ctx, open_dialog, answer_modal):
    dialog = open_dialog()  # the invoice's balance: 25,000,000 rials
    dialog.amount.selectAll()
    type_text(dialog.amount, "۲۵۷۳۵۰۰۰")
    assert "۷۳۵٬۰۰۰ ریال بستانکار می‌شود" in dialog.amount_hint.text()
    asked: list[str] = []

    def decline(box: QMessageBox) -> None:
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == "بازگشت").click()

    answer_modal(QMessageBox, decline)
    dialog.save_button.click()
    assert asked and "۷۳۵٬۰۰۰ ریال بستانکار می‌شود" in asked[0]
    assert dialog.isVisible() and payments(ctx) == 0  # nothing written

    def accept(box: QMessageBox) -> None:
        next(b for b in box.buttons() if b.text() == "ثبت و بستانکار کردن").click()

    answer_modal(QMessageBox, accept)
    dialog.save_button.click()
    assert dialog.payment is not None and dialog.payment.unapplied == 735_000


def test_the_credit_is_said_in_the_display_unit(ctx, monkeypatch, open_dialog):
    ctx.catalogue.set_display_currency(ctx.actor, CurrencyUnit.TOMAN)
    monkeypatch.setattr(fmt.DisplaySettings, "unit", CurrencyUnit.TOMAN)
    dialog = open_dialog()
    dialog.amount.selectAll()
    type_text(dialog.amount, "۲۵۷۳۵۰۰")
    assert "۷۳٬۵۰۰ تومان بستانکار می‌شود" in dialog.amount_hint.text()
    dialog.amount.selectAll()
    type_text(dialog.amount, "۲۵۰۰۰۰۰")
    assert "بستانکار" not in dialog.amount_hint.text()


def test_paying_exactly_what_is_owed_asks_nothing(ctx, open_dialog):
    dialog = open_dialog()
    dialog.save_button.click()  # a modal box here would block the test
    assert dialog.payment is not None and dialog.payment.unapplied == 0


def test_a_field_message_goes_when_the_field_is_corrected(ctx, open_dialog):
    dialog = open_dialog()
    dialog.set_method(PaymentMethod.CARD)
    dialog.save_button.click()
    assert dialog.errors.message("reference") == "این بخش را پر کنید."
    dialog.reference.setFocus()
    type_text(dialog.reference, "۱")
    assert dialog.errors.message("reference") == ""  # stale once the user corrects it
    assert payments(ctx) == 0


def test_the_amount_is_grouped_in_persian_digits_as_it_is_typed(ctx, open_dialog):
    dialog = open_dialog()
    dialog.amount.selectAll()
    type_text(dialog.amount, "2500000")
    assert dialog.amount.text() == "۲٬۵۰۰٬۰۰۰"
    press(dialog.amount, Qt.Key.Key_Home)
    type_text(dialog.amount, "1")  # typed in front: regrouped, the cursor stays after it
    assert dialog.amount.text() == "۱۲٬۵۰۰٬۰۰۰"
    assert dialog.amount.cursorPosition() == 1
    dialog.amount.selectAll()
    type_text(dialog.amount, "12.5")  # not a whole amount: left as typed for the message
    assert dialog.amount.text().endswith(".5")
    dialog.save_button.click()
    assert dialog.errors.message("amount") and payments(ctx) == 0
