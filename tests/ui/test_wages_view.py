"""The wages view: payables by state, a batch built, approved by another user and paid by
keyboard; its lazy models pass Qt's model checks; dispatchers and consultants see no wages."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from billing_helpers import Office
from wage_helpers import collected, done_and_invoiced

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ui_helpers import enter_dialog
from ui_helpers import focus_and_press as press

from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.services.accounts.bootstrap import office_actor
from hendazh_desktop.ui.main_window import MainWindow
from hendazh_desktop.ui.registry import views_for
from hendazh_desktop.ui.wages.dialogs import BuildBatchDialog, PayBatchDialog
from hendazh_desktop.ui.wages.wages_view import WagesView

FEE = 800_000


def test_payables_by_state_with_totals(qtbot, qtmodeltester, ui_db, ctx):
    office = Office(ui_db, ctx.actor)
    collected(ui_db, ctx.actor, office)
    done_and_invoiced(ui_db, ctx.actor, office)
    view = WagesView(context=ctx)
    qtbot.addWidget(view)
    view.show()
    qtmodeltester.check(view.model, force_py=True)
    assert view.model.rowCount() == 2
    states = {view.model.row_item(r).state for r in range(2)}
    assert states == {"due", "held"}
    qtbot.waitUntil(lambda: view.totals_loading is None)
    assert "قابل پرداخت: ۸۰۰٬۰۰۰ ریال" in view.totals.text()
    held = view.model.find_row(lambda r: r.state == "held")
    assert "وصول نشده" in view.model.data(view.model.index(held, 6))
    view.state.setCurrentIndex(view.state.findData("due"))
    assert view.model.rowCount() == 1
    assert view.model.data(view.model.index(0, 5)) == "۸۰۰٬۰۰۰ ریال"


def test_totals_are_summed_off_the_gui_thread_for_the_newest_filter(
    qtbot, ui_db, ctx, monkeypatch
):
    import threading

    office = Office(ui_db, ctx.actor)
    collected(ui_db, ctx.actor, office)
    done_and_invoiced(ui_db, ctx.actor, office)
    threads, asked, release = [], [], threading.Event()
    real = type(ctx.wages.queries).totals

    def slow_totals(queries, actor, flt=None):
        threads.append(threading.current_thread() is threading.main_thread())
        asked.append(flt.state if flt else None)
        release.wait(5)
        return real(queries, actor, flt)

    monkeypatch.setattr(type(ctx.wages.queries), "totals", slow_totals)
    view = WagesView(context=ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.model.rowCount() == 2  # the list is shown while its totals are summed
    assert "در حال محاسبه" in view.totals.text()
    view.state.setCurrentIndex(view.state.findData("held"))  # asked again meanwhile
    release.set()
    qtbot.waitUntil(lambda: view.totals_loading is None and len(threads) == 2)
    qtbot.waitUntil(lambda: view.totals_loading is None)
    assert threads == [False, False] and asked == [None, "held"]
    assert "قابل پرداخت: ۸۰۰٬۰۰۰ ریال" in view.totals.text()


def test_build_approve_and_pay_a_batch_by_keyboard(
    qtbot, qtmodeltester, ui_db, ctx, context_for, answer_modal
):
    ctx.wages.batches.set_approval_required(ctx.actor, True)
    office = Office(ui_db, ctx.actor)
    collected(ui_db, ctx.actor, office)
    accountant = context_for(office_actor(ui_db, "mina", role=Role.ACCOUNTANT))
    view = WagesView(context=accountant)
    qtbot.addWidget(view)
    view.show()
    view.tabs.setCurrentIndex(1)
    panel = view.batches
    answer_modal(BuildBatchDialog, enter_dialog)
    press(panel.build_button)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    qtmodeltester.check(panel.lines, force_py=True)
    (line,) = [panel.lines.row_item(0)]
    assert line.net == FEE and line.method == "cash"  # the member has no Sheba
    assert "شبا ثبت نشده" in panel.lines.data(panel.lines.index(0, 10))
    assert not panel.approve_button.isVisible()  # accountants do not approve
    assert not panel.pay_button.isEnabled()  # waits for a manager's approval

    managers = WagesView(context=ctx)  # the manager, another user, approves it
    qtbot.addWidget(managers)
    managers.show()
    managers.tabs.setCurrentIndex(1)
    assert managers.batches.approve_button.isEnabled()
    press(managers.batches.approve_button)
    assert managers.batches.current().state == "approved"

    panel.refresh()
    assert panel.pay_button.isEnabled()

    def fill(dialog: PayBatchDialog) -> None:
        dialog.bank_ref.setFocus()
        QTest.keyClicks(dialog.bank_ref, "TR-12345")
        enter_dialog(dialog)

    answer_modal(PayBatchDialog, fill)
    press(panel.pay_button)
    qtbot.waitUntil(lambda: panel.current() is not None and panel.current().state == "paid")
    assert panel.current().bank_ref == "TR-12345"
    assert not panel.pay_button.isEnabled() and not panel.cancel_button.isEnabled()
    view.tabs.setCurrentIndex(0)
    view.refresh()
    assert view.model.row_item(0).state == "paid"
    assert QApplication.activeModalWidget() is None


def test_dispatchers_and_consultants_see_no_wages(qtbot, ui_db, context_for, consultant_ctx):
    dispatcher = context_for(office_actor(ui_db, "dispatcher", role=Role.DISPATCHER))
    for context in (dispatcher, consultant_ctx):
        assert "wages" not in {spec.key for spec in views_for(context.actor)}
        window = MainWindow(context=context)
        qtbot.addWidget(window)
        window.show()
        assert window.view("wages") is None


def test_the_wages_view_is_registered_for_accountants(qtbot, ctx):
    window = MainWindow(context=ctx)
    qtbot.addWidget(window)
    window.show()
    window.show_view("wages")
    assert isinstance(window.view("wages"), WagesView)


def test_shares_and_sheba_are_set_by_keyboard_and_a_bad_sheba_is_refused_at_its_field(
    qtbot, ui_db, ctx, answer_modal
):
    from hendazh_desktop.ui.wages.dialogs import WageTermsDialog

    office = Office(ui_db, ctx.actor)
    view = WagesView(context=ctx)
    qtbot.addWidget(view)
    view.show()
    view.group.setCurrentIndex(view.group.findData(office.group.id))
    seen: list[str] = []

    def fill(dialog: WageTermsDialog) -> None:
        (member_id,) = dialog.ibans
        iban = dialog.ibans[member_id]
        iban.setFocus()
        QTest.keyClicks(iban, "IR062960000000100324200002")  # checksum fails
        enter_dialog(dialog)
        seen.append(dialog.errors.message(f"iban:{member_id}"))
        iban.clear()
        QTest.keyClicks(iban, "IR062960000000100324200001")
        enter_dialog(dialog)

    answer_modal(WageTermsDialog, fill)
    press(view.terms_button)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0]  # a Persian message beside the Sheba field
    qtbot.waitUntil(lambda: ctx.wages.queries.members(ctx.actor, office.group.id)[0].iban != "")
    assert ctx.wages.queries.members(ctx.actor, office.group.id)[0].iban == (
        "IR062960000000100324200001"
    )
