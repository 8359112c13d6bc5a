"""A paid batch's line corrected by keyboard: «اصلاح سطر…» is offered only for a paid batch's
chosen line; the amount in Persian digits and a reason record a correction (status bar, the
batch's summary) that the member's next batch carries; an empty reason is refused at its field
and nothing is written."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from billing_helpers import Office
from wage_helpers import collected

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ui_helpers import enter_dialog, type_text
from ui_helpers import focus_and_press as press

from hendazh_desktop.db.models.wages import WageItem
from hendazh_desktop.domain.jalali import format_date, today_local
from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.services.accounts.bootstrap import office_actor
from hendazh_desktop.ui.wages.dialogs import BuildBatchDialog, CorrectLineDialog
from hendazh_desktop.ui.wages.wages_view import WagesView

FEE = 800_000


def _corrections(db) -> int:
    with db.read() as uow:
        return uow.session.execute(
            select(func.count()).select_from(WageItem).where(WageItem.kind == "correction")
        ).scalar_one()


def _build(wages, actor, *, pay: bool):
    built = wages.batches.build(
        actor, "1400/01/01", format_date(today_local()), operation_id=str(uuid.uuid4())
    )
    if pay:
        wages.batches.pay(
            actor,
            built.batch.id,
            bank_ref="REF-9",
            paid_on=format_date(today_local()),
            expected_version=built.batch.version,
            operation_id=str(uuid.uuid4()),
        )
    return built


def test_a_paid_line_is_corrected_by_keyboard_and_carried_into_the_next_batch(
    qtbot, ui_db, ctx, context_for, answer_modal
):
    office = Office(ui_db, ctx.actor)
    collected(ui_db, ctx.actor, office)
    accountant = context_for(office_actor(ui_db, "mina", role=Role.ACCOUNTANT))
    paid = _build(accountant.wages, accountant.actor, pay=True)
    view = WagesView(context=accountant)
    qtbot.addWidget(view)
    messages: list[str] = []
    view.status_message.connect(messages.append)
    view.show()
    view.tabs.setCurrentIndex(1)
    panel = view.batches
    assert panel.current().id == paid.batch.id and panel.current().state == "paid"
    assert panel.correct_button.isVisible()
    assert not panel.correct_button.isEnabled()  # no line chosen yet
    panel.lines_table.setFocus()
    QTest.keyClick(panel.lines_table, Qt.Key.Key_Down)  # the keyboard chooses the first line
    assert panel.current_line() is not None
    assert panel.correct_button.isEnabled()
    seen: list[tuple[str, int]] = []

    def empty_reason_then_fill(dialog: CorrectLineDialog) -> None:
        dialog.activateWindow()
        assert QTest.qWaitForWindowActive(dialog)  # arrow keys move between choices then
        assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
        shown = " ".join(label.text() for label in dialog.findChildren(QLabel))
        assert "۸۰۰٬۰۰۰ ریال" in shown and paid.lines[0].member_name in shown
        assert dialog.focusWidget() is dialog.amount  # the first field has the focus
        type_text(dialog.amount, "۱۲۰۰۰۰")
        assert dialog.amount.text() == "۱۲۰٬۰۰۰"  # grouped as typed
        QTest.keyClick(dialog.amount, Qt.Key.Key_Tab)
        assert dialog.focusWidget() is dialog.add_to_next  # then the direction
        QTest.keyClick(dialog.add_to_next, Qt.Key.Key_Left)  # right to left: Left is next
        assert dialog.focusWidget() is dialog.deduct_from_next
        QTest.keyClick(dialog.deduct_from_next, Qt.Key.Key_Space)
        assert dialog.deduct_from_next.isChecked()
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        assert dialog.focusWidget() is dialog.reason  # then the reason
        enter_dialog(dialog)  # the reason is still empty
        seen.append((dialog.errors.message("reason"), _corrections(ui_db)))
        assert dialog.focusWidget() is dialog.reason
        assert dialog.isVisible()
        type_text(dialog.reason, "کار ۵۰۱ دو بار حساب شد")
        enter_dialog(dialog)

    answer_modal(CorrectLineDialog, empty_reason_then_fill)
    press(panel.correct_button)
    qtbot.waitUntil(lambda: bool(seen) and _corrections(ui_db) == 1)
    # Persian, at the reason field, and nothing written by the refused attempt
    assert seen == [("این بخش را پر کنید.", 0)]
    assert QApplication.activeModalWidget() is None
    (note,) = ctx.wages.queries.batch(ctx.actor, paid.batch.id).corrections
    assert (note.amount, note.reason) == (-120_000, "کار ۵۰۱ دو بار حساب شد")
    assert messages[-1] == (
        f"اصلاحیه ۱۲۰٬۰۰۰ ریال برای «{paid.lines[0].member_name}» (فهرست ۱) ثبت شد و "
        "از پرداخت بعدی او کسر می‌شود."
    )
    assert (
        f"اصلاحیه \u2212۱۲۰٬۰۰۰ ریال برای «{paid.lines[0].member_name}» در پرداخت بعدی: "
        "کار ۵۰۱ دو بار حساب شد"
    ) in panel.summary.text()
    assert panel.current_line().id == paid.lines[0].id  # the corrected line stays chosen
    assert panel.lines.row_item(0).net == FEE  # the paid line itself never changes

    collected(ui_db, ctx.actor, office)  # a second job: the next batch carries the correction
    answer_modal(BuildBatchDialog, enter_dialog)
    press(panel.build_button)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    assert panel.current().state == "draft"
    line = panel.lines.row_item(0)
    assert (line.fees, line.corrections, line.net) == (FEE, -120_000, FEE - 120_000)
    assert panel.lines.data(panel.lines.index(0, 6)) == "\u2212۱۲۰٬۰۰۰ ریال"
    panel.lines_table.setFocus()
    QTest.keyClick(panel.lines_table, Qt.Key.Key_Down)
    assert panel.current_line() is not None
    assert not panel.correct_button.isEnabled()  # an open batch is rebuilt, not corrected


def test_the_direction_must_be_chosen_and_is_refused_at_its_field(qtbot, ui_db, ctx, answer_modal):
    office = Office(ui_db, ctx.actor)
    collected(ui_db, ctx.actor, office)
    _build(ctx.wages, ctx.actor, pay=True)
    view = WagesView(context=ctx)
    qtbot.addWidget(view)
    view.show()
    view.tabs.setCurrentIndex(1)
    panel = view.batches
    panel.lines_table.setCurrentIndex(panel.lines.index(0, 0))
    seen: list[str] = []

    def fill(dialog: CorrectLineDialog) -> None:
        type_text(dialog.amount, "50000")
        dialog.reason.setFocus()
        type_text(dialog.reason, "جا افتاده بود")
        enter_dialog(dialog)
        seen.append(dialog.errors.message("deduct"))
        seen.append(str(_corrections(ui_db)))
        QTest.keyClick(dialog, Qt.Key.Key_Escape)  # Esc cancels

    answer_modal(CorrectLineDialog, fill)
    assert panel.correct_line() is None
    assert seen == ["یکی از گزینه‌ها را انتخاب کنید.", "0"]
    assert _corrections(ui_db) == 0
