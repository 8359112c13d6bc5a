"""The wages view by keyboard: a job's reimbursement entered (a missing receipt refused at its
field) and approved by an accountant; a group's statement of earnings previewed for a Jalali
range (a reversed range refused at its field); the managers' approval switch, audited."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from billing_helpers import Office
from wage_helpers import collected

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ui_helpers import enter_dialog, type_text
from ui_helpers import focus_and_press as press

from hendazh_desktop.db.models.admin import AuditEntry
from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.services.accounts.bootstrap import office_actor
from hendazh_desktop.ui.common.pdf_preview_dialog import PdfPreviewDialog
from hendazh_desktop.ui.wages.dialogs import EarningsRangeDialog, ReimbursementDialog
from hendazh_desktop.ui.wages.wages_view import WagesView


def test_a_reimbursement_is_entered_on_a_job_and_approved_by_an_accountant(
    qtbot, qtmodeltester, ui_db, ctx, context_for, answer_modal
):
    office = Office(ui_db, ctx.actor)
    request_id, _invoice, _payment = collected(ui_db, ctx.actor, office)
    accountant = context_for(office_actor(ui_db, "mina", role=Role.ACCOUNTANT))
    view = WagesView(context=accountant)
    qtbot.addWidget(view)
    view.show()
    view.table.setCurrentIndex(view.model.index(0, 0))
    seen: list[str] = []

    def fill(dialog: ReimbursementDialog) -> None:
        dialog.amount.setFocus()
        type_text(dialog.amount, "۲۵۰۰۰۰")
        dialog.note.setFocus()
        type_text(dialog.note, "لوله و اتصالات")
        enter_dialog(dialog)  # no receipt number yet
        seen.append(dialog.errors.message("receipt_number"))
        dialog.receipt.setFocus()
        QTest.keyClicks(dialog.receipt, "R-7781")
        enter_dialog(dialog)

    answer_modal(ReimbursementDialog, fill)
    press(view.reimburse_button)
    qtbot.waitUntil(lambda: view.reimbursements.model.rowCount() == 1)
    assert seen[0]  # a Persian message beside the receipt field, nothing written first
    panel = view.reimbursements
    qtmodeltester.check(panel.model, force_py=True)
    row = panel.model.row_item(0)
    assert (row.request_id, row.amount, row.receipt_number) == (request_id, 250_000, "R-7781")
    assert row.note == "لوله و اتصالات" and not row.approved
    assert panel.model.data(panel.model.index(0, 4)) == "در انتظار تأیید"
    view.tabs.setCurrentWidget(panel)
    assert panel.approve_button.isEnabled()
    press(panel.approve_button)
    assert panel.model.row_item(0).approved
    assert not panel.approve_button.isEnabled()  # approving twice is not offered
    items = ctx.wages.queries.reimbursements(ctx.actor)
    assert [(r.amount, r.approved) for r in items] == [(250_000, True)]
    assert QApplication.activeModalWidget() is None


def test_a_groups_statement_of_earnings_is_previewed_for_a_jalali_range(
    qtbot, ui_db, ctx, answer_modal
):
    office = Office(ui_db, ctx.actor)
    collected(ui_db, ctx.actor, office)
    view = WagesView(context=ctx)
    qtbot.addWidget(view)
    view.show()
    view.group.setCurrentIndex(view.group.findData(office.group.id))
    seen: list[str] = []
    pages: list[int] = []

    def fill(dialog: EarningsRangeDialog) -> None:
        start = dialog.day_from.value()
        dialog.day_to.set_value(start.replace(year=start.year - 1))
        enter_dialog(dialog)  # the range is reversed
        seen.append(dialog.errors.message("day_to"))
        dialog.day_to.set_value(start.replace(year=start.year + 1))
        enter_dialog(dialog)

    answer_modal(EarningsRangeDialog, fill)
    answer_modal(PdfPreviewDialog, lambda d: pages.append(d.page_count()), tries=3000)
    press(view.earnings_button)
    qtbot.waitUntil(lambda: bool(pages), timeout=30_000)
    assert seen[0]
    assert pages[0] >= 1


def test_the_approval_switch_sets_the_setting_audited_and_is_hidden_from_accountants(
    qtbot, ui_db, ctx, context_for
):
    view = WagesView(context=ctx)
    qtbot.addWidget(view)
    view.show()
    view.tabs.setCurrentIndex(1)
    switch = view.batches.approval_switch
    assert switch.isVisible() and not switch.isChecked()
    press(switch)
    assert ctx.wages.batches.approval_required(ctx.actor)
    press(switch)
    assert not ctx.wages.batches.approval_required(ctx.actor)
    with ui_db.read() as uow:
        changes = (
            uow.session.execute(select(AuditEntry.after_json).where(AuditEntry.entity == "setting"))
            .scalars()
            .all()
        )
    assert len(changes) == 2
    accountant = WagesView(context=context_for(office_actor(ui_db, "mina", role=Role.ACCOUNTANT)))
    qtbot.addWidget(accountant)
    accountant.show()
    accountant.tabs.setCurrentIndex(1)
    assert not accountant.batches.approval_switch.isVisible()


def test_a_paid_batchs_correction_is_shown_with_the_batch(qtbot, ui_db, ctx, context_for):
    import uuid

    from hendazh_desktop.domain.jalali import format_date, today_local

    office = Office(ui_db, ctx.actor)
    collected(ui_db, ctx.actor, office)
    accountant = context_for(office_actor(ui_db, "mina", role=Role.ACCOUNTANT))
    wages = accountant.wages
    built = wages.batches.build(
        accountant.actor, "1400/01/01", format_date(today_local()), operation_id=str(uuid.uuid4())
    )
    wages.batches.pay(
        accountant.actor,
        built.batch.id,
        bank_ref="REF-9",
        paid_on=format_date(today_local()),
        expected_version=built.batch.version,
        operation_id=str(uuid.uuid4()),
    )
    wages.corrections.correct_line(
        accountant.actor,
        built.lines[0].id,
        "120000",
        "کار ۵۰۱ دو بار حساب شد",
        deduct=True,
        operation_id=str(uuid.uuid4()),
    )
    view = WagesView(context=accountant)
    qtbot.addWidget(view)
    view.show()
    view.tabs.setCurrentIndex(1)
    assert "اصلاحیه" in view.batches.summary.text()
    assert "کار ۵۰۱ دو بار حساب شد" in view.batches.summary.text()
