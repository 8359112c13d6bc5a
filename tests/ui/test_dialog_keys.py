"""Enter in dialogs at 1280×800: the primary action stays the default after a failed save,
and Enter never closes a dialog with typed data (closing with unsaved price lines asks)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton
from ui_helpers import press, type_text

from hendazh_desktop.domain.errors import Conflict
from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.domain.pricing import LineKind
from hendazh_desktop.services.accounts.bootstrap import office_actor
from hendazh_desktop.services.billing.records import PaymentDraft
from hendazh_desktop.services.dispatch.work_groups import WorkGroupDraft
from hendazh_desktop.services.requests.intake import RequestDraft
from hendazh_desktop.ui.accounts.users_dialog import AddUserDialog, UsersDialog
from hendazh_desktop.ui.billing.payment_dialog import Payer, PaymentDialog
from hendazh_desktop.ui.common.reason_dialog import ReasonDialog
from hendazh_desktop.ui.dispatch.price_dialog import PriceDialog


def click(widget) -> None:
    QTest.mouseClick(
        widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5)
    )


@pytest.fixture
def prepaid(ctx, make_subscriber):
    card = make_subscriber("هومن طاهری", "09171000003")
    service = next(s for s in ctx.catalogue.services(ctx.actor) if s.name == "خدمات آموزشی")
    request = ctx.intake.create_request(
        ctx.actor, RequestDraft(card.id, service.id, card.addresses[0].id)
    )
    invoice_id = ctx.invoices.money_status(ctx.actor, request.id).prepayment_invoice_id
    return card, invoice_id


def test_enter_after_a_failed_save_never_cancels_the_payment(qtbot, ctx, prepaid, monkeypatch):
    card, invoice_id = prepaid
    dialog = PaymentDialog(
        context=ctx, payer=Payer(card.id, card.name, card.code), invoice_id=invoice_id
    )
    qtbot.addWidget(dialog)
    dialog.resize(1280, 800)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # focus moves as on a desk only in an active window
    record = ctx.payments.record_payment
    calls: list[PaymentDraft] = []

    def busy_first(actor, draft):
        calls.append(draft)
        if len(calls) == 1:  # the first try meets a change from another desk
            raise Conflict("stale", entity="payment", id=1)
        return record(actor, draft)

    monkeypatch.setattr(ctx.payments, "record_payment", busy_first)
    dialog.amount.selectAll()
    type_text(dialog.amount, "۵۰۰۰۰۰")
    click(dialog.save_button)
    assert dialog.isVisible() and dialog.payment is None
    assert dialog.general_error.isVisible()
    assert QApplication.focusWidget() is not None
    assert dialog.save_button.isDefault()  # the primary action stays the default
    cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    assert not cancel.isDefault()
    press(QApplication.focusWidget() or dialog, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted  # Enter saved, did not cancel
    assert len(calls) == 2 and dialog.payment is not None and dialog.payment.amount == 500_000


def _primary_and_candidates(dialog: QDialog) -> tuple[list[str], list[str]]:
    buttons = dialog.findChildren(QPushButton)
    return (
        [b.text() for b in buttons if b.isDefault()],
        [b.text() for b in buttons if b.autoDefault()],
    )


def test_every_dialog_keeps_one_default_and_no_button_takes_it_by_focus(
    qtbot, ctx, ui_db, prepaid, show_dialog, context_for
):
    card, invoice_id = prepaid
    admin = context_for(office_actor(ui_db, "admin", role=Role.ADMIN))
    expected = {
        "ثبت دریافت": PaymentDialog(
            context=ctx, payer=Payer(card.id, card.name, card.code), invoice_id=invoice_id
        ),
        "تأیید": ReasonDialog(title="لغو", question="لغو شود؟", action=lambda _r: None),
        "ساخت حساب": AddUserDialog(context=admin),
        "": UsersDialog(context=admin),
    }
    for primary, dialog in expected.items():
        show_dialog(dialog)
        defaults, candidates = _primary_and_candidates(dialog)
        assert defaults == ([primary] if primary else []), (type(dialog).__name__, defaults)
        assert candidates == [], (type(dialog).__name__, candidates)
        # Tab through every button: none becomes the default by holding the focus
        for button in dialog.findChildren(QPushButton):
            if button.isEnabled() and button.isVisible():
                button.setFocus()
                assert _primary_and_candidates(dialog)[0] == defaults, button.text()
        dialog.done(0)


@pytest.fixture
def started_job(ctx, make_subscriber):
    services = {s.name: s.id for s in ctx.catalogue.services(ctx.actor)}
    zone = ctx.catalogue.zones(ctx.actor)[0].id
    group = ctx.work_groups.create(
        ctx.actor,
        WorkGroupDraft(
            name="نظافت‌کاران",
            kind="person",
            phone="09170000001",
            daily_capacity="3",
            members=(("سمیرا", ""),),
            skills=((services["نظافت"], 4),),
            zone_ids=(zone,),
        ),
    )
    card = make_subscriber("ژیلا مرادی", "09174445555")
    request = ctx.intake.create_request(
        ctx.actor, RequestDraft(card.id, services["نظافت"], card.addresses[0].id)
    )
    ctx.dispatch.assign(ctx.actor, request.id, group.id, dt.date.today(), expected_version=1)
    ctx.job_sheets.dispatch(ctx.actor, request.id, expected_version=2)
    return request.id


@pytest.fixture
def price_dialog(qtbot, ctx, started_job):
    # not given to qtbot: its clean-up closes widgets, and this one would ask about its lines
    dialog = PriceDialog(context=ctx, request_id=started_job)
    dialog.resize(1280, 800)
    dialog.show()
    qtbot.waitActive(dialog)
    yield dialog
    dialog.done(0)
    dialog.deleteLater()


def answer_discard_box(dialog, *, discard: bool) -> list[str]:
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        seen.append(box.text())
        wanted = "بستن بدون ثبت" if discard else "ادامه ویرایش"
        next(b for b in box.buttons() if b.text() == wanted).click()

    QTimer.singleShot(0, answer)
    return seen


def test_enter_in_the_price_dialog_never_closes_it(price_dialog):
    price_dialog.add_line(LineKind.LABOUR, "نظافت کامل", "۱", "۳۵۰۰۰۰۰")
    price_dialog.person.setFocus()
    type_text(price_dialog.person, "ژیلا")
    press(price_dialog.person, Qt.Key.Key_Return)
    assert price_dialog.isVisible() and price_dialog.lines.rowCount() == 1
    assert not any(b.isDefault() for b in price_dialog.findChildren(QPushButton))


def test_closing_with_unsaved_price_lines_asks_first(price_dialog):
    price_dialog.add_line(LineKind.LABOUR, "نظافت کامل", "۱", "۳۵۰۰۰۰۰")
    asked = answer_discard_box(price_dialog, discard=False)
    press(price_dialog.lines, Qt.Key.Key_Escape)
    assert asked and "ثبت نشده" in asked[0]
    assert price_dialog.isVisible() and price_dialog.lines.rowCount() == 1  # kept editing
    assert price_dialog.present()  # recorded: closing needs no question any more
    price_dialog.reject()
    assert not price_dialog.isVisible()


def test_closing_with_unsaved_lines_can_discard_them(price_dialog):
    price_dialog.add_line(LineKind.MATERIAL, "مواد شوینده", "۲", "۱۰۰۰۰۰")
    asked = answer_discard_box(price_dialog, discard=True)
    price_dialog.close()
    assert asked and not price_dialog.isVisible()
    assert price_dialog.result() == QDialog.DialogCode.Rejected
