"""The credit ledger view: every entry, filters typed by keyboard, the liability, negative
balances and the referral tree; its lazy model passes Qt's model checks."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from hendazh_desktop.domain.text import to_persian_digits
from hendazh_desktop.ui.credit.ledger_view import CreditLedgerView
from hendazh_desktop.ui.main_window import MainWindow


def type_text(widget, text: str) -> None:
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def test_ledger_lists_filters_and_sums_gift_credit(qtbot, qtmodeltester, ctx, make_subscriber):
    ali = make_subscriber("علی رضایی", "09171234567")
    sara = make_subscriber("سارا کاظمی", "09171234568")
    admin = ctx.gift_credit_admin
    for who, amount in ((ali, "5000"), (sara, "7000"), (ali, "1000")):
        admin.adjust(
            ctx.actor, who.id, amount, "جبران تأخیر", decrease=False, operation_id=str(uuid.uuid4())
        )
    admin.spend(ctx.actor, sara.id, 2000, "هدیه", operation_id=str(uuid.uuid4()))
    view = CreditLedgerView(context=ctx)
    qtbot.addWidget(view)
    view.show()
    qtmodeltester.check(view.model, force_py=True)
    assert view.model.rowCount() == 4
    assert view.model.row_item(0).kind == "spent"  # newest first
    assert "۱۱٬۰۰۰" in view.outstanding.text()  # 6,000 + 5,000 owed in gift credit
    view.subscriber.setFocus()
    type_text(view.subscriber, to_persian_digits(ali.code))
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    assert view.subscriber_name.text() == "علی رضایی"
    assert {view.model.row_item(r).subscriber_id for r in range(2)} == {ali.id}
    view.kind.setCurrentIndex(view.kind.findData("spent"))
    assert view.model.rowCount() == 0  # Ali spent nothing
    view.kind.setCurrentIndex(0)
    assert view.model.data(view.model.index(0, 5)) == "۱٬۰۰۰ ریال"


def test_negative_gift_credit_is_listed_and_the_view_is_registered(qtbot, ctx):
    window = MainWindow(context=ctx)
    qtbot.addWidget(window)
    window.show()
    window.show_view("credit_ledger")
    view = window.view("credit_ledger")
    assert isinstance(view, CreditLedgerView)
    assert view.negatives.rowCount() == 0


def test_card_and_intake_show_gift_credit_beside_the_money_balance(qtbot, ctx, make_subscriber):
    from hendazh_desktop.ui.requests.intake_panel import IntakePanel
    from hendazh_desktop.ui.subscribers.subscribers_view import SubscribersView

    ali = make_subscriber("علی رضایی", "09171234567")
    ctx.gift_credit_admin.adjust(
        ctx.actor, ali.id, "25000", "جبران تأخیر", decrease=False, operation_id=str(uuid.uuid4())
    )
    panel = IntakePanel(context=ctx)
    qtbot.addWidget(panel)
    panel.show()
    panel._load_card(ali.id)
    assert panel.card.gift_credit.isVisibleTo(panel) and panel.card.balance.isVisibleTo(panel)
    assert panel.card.gift_credit.text() == "اعتبار هدیه: ۲۵٬۰۰۰ ریال"
    assert "اعتبار هدیه" not in panel.card.balance.text()  # money and gift credit apart
    view = SubscribersView(context=ctx)
    qtbot.addWidget(view)
    view.show()
    view._show_balance(ali.id)
    assert view.card.gift_credit.text() == "اعتبار هدیه: ۲۵٬۰۰۰ ریال"


def test_the_chosen_subscribers_statement_is_printed(qtbot, ctx, make_subscriber, monkeypatch):
    import hendazh_desktop.ui.common.pdf_preview_dialog as preview

    ali = make_subscriber("علی رضایی", "09171234567")
    ctx.gift_credit_admin.adjust(
        ctx.actor, ali.id, "25000", "جبران تأخیر", decrease=False, operation_id=str(uuid.uuid4())
    )
    asked = {}
    monkeypatch.setattr(
        preview, "preview_pdf", lambda parent, produce, **kw: asked.update(pdf=produce(), **kw)
    )
    view = CreditLedgerView(context=ctx)
    qtbot.addWidget(view)
    assert not view.print_button.isEnabled()
    view.subscriber.setText(ali.code)
    view.refresh()
    assert view.print_button.isEnabled()
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    assert asked["pdf"].startswith(b"%PDF") and ali.code in asked["file_name"]


def test_a_manager_adjusts_by_keyboard_and_an_overdraw_is_refused_at_the_field(
    qtbot, ctx, make_subscriber, answer_modal
):
    from hendazh_desktop.ui.credit.adjust_dialog import AdjustGiftCreditDialog

    ali = make_subscriber("علی رضایی", "09171234567")
    view = CreditLedgerView(context=ctx)
    qtbot.addWidget(view)
    view.show()
    view.subscriber.setText(ali.code)
    view.refresh()
    seen: dict[str, str] = {}

    def overdraw(dialog: AdjustGiftCreditDialog) -> None:
        dialog.direction.setCurrentIndex(1)  # decrease
        dialog.amount.setFocus()
        type_text(dialog.amount, "۵۰۰")
        dialog.reason.setFocus()
        type_text(dialog.reason, "اصلاح اشتباه")
        QTest.keyClick(dialog.reason, Qt.Key.Key_Return)
        seen["error"] = dialog.errors.message("amount")
        seen["open"] = str(dialog.isVisible())

    answer_modal(AdjustGiftCreditDialog, overdraw)
    assert view.adjust() is None
    assert seen["open"] == "True"  # refused: the dialog stays, nothing written
    assert "اعتبار هدیه" in seen["error"] and "کافی نیست" in seen["error"]
    assert ctx.gift_credit.gift_credit(ctx.actor, ali.id) == 0

    def add(dialog: AdjustGiftCreditDialog) -> None:
        dialog.amount.setFocus()
        type_text(dialog.amount, "۲۵۰۰۰")
        dialog.reason.setFocus()
        type_text(dialog.reason, "جبران تأخیر")
        QTest.keyClick(dialog.reason, Qt.Key.Key_Return)

    answer_modal(AdjustGiftCreditDialog, add)
    assert view.adjust() == 25_000
    assert view.model.rowCount() == 1 and view.model.row_item(0).kind == "adjustment"


def test_selecting_an_earning_shows_its_split_to_the_rial_and_why(qtbot, ctx, ui_db):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
    from billing_helpers import Office, op

    from hendazh_desktop.services.billing.records import PaymentDraft
    from hendazh_desktop.services.dispatch.pricing import LineDraft

    office = Office(ui_db, ctx.actor)  # its subscriber has no referrer
    request_id = office.done("CLN", (LineDraft("labour", "نظافت", "1", "1,000,000"),))
    draft = ctx.invoices.draft_final(ctx.actor, request_id)
    issued = ctx.invoices.issue(
        ctx.actor, draft.row.id, operation_id=op(), expected_version=draft.row.version
    )
    ctx.payments.record_payment(
        ctx.actor,
        PaymentDraft(op(), office.card.id, "cash", str(issued.row.total), invoice_id=issued.row.id),
    )
    view = CreditLedgerView(context=ctx)
    qtbot.addWidget(view)
    view.show()
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(0, 0))
    text = view.split_detail.text()
    assert "۱٬۰۰۰٬۰۰۰" in text and "۸۰۰٬۰۰۰" in text and "۱۹۰٬۰۰۰" in text  # 5% of 200,000 earned
    assert "مشترک معرف ندارد" in text
