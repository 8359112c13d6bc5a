"""The consultant's flow, typed as a user types: find the caller, register, request, refuse."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from ui_helpers import press, type_text

from hendazh_desktop.services.requests.queue import QueueFilter
from hendazh_desktop.ui.requests.intake_panel import IntakePanel


@pytest.fixture
def panel(qtbot, ctx):
    widget = IntakePanel(context=ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.start_call()
    return widget


def choose_service(panel: IntakePanel, name: str) -> None:
    """Pick a service by keyboard: focus the combo and step down until it shows the name."""
    panel.form.service.setFocus()
    for _ in range(panel.form.service.count()):
        if panel.form.service.currentText() == name:
            return
        press(panel.form.service, Qt.Key.Key_Down)
    raise AssertionError(f"service {name} not in the list")


def test_persian_digit_phone_finds_caller_and_enter_creates_request(
    qtbot, panel, ctx, make_subscriber
):
    sub = make_subscriber("مریم کریمی", "09171234567")
    started = time.perf_counter()
    type_text(panel.search, "۰۹۱۷۱۲۳۴۵۶۷")
    qtbot.waitUntil(lambda: panel.selected_subscriber() is not None, timeout=2000)
    assert panel.selected_subscriber().id == sub.id
    assert panel.card.isVisible()

    press(panel.search, Qt.Key.Key_Return)
    assert panel.form.service.hasFocus()
    choose_service(panel, "لوله‌کشی و تأسیسات")
    assert "پس از انجام کار" in panel.form.policy.text()
    panel.form.description.setFocus()
    type_text(panel.form.description, "چکه کردن شیر آشپزخانه")
    press(panel.form.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    rows = ctx.queue.page(ctx.actor, QueueFilter(text="مریم"), 0, 10)
    assert len(rows) == 1
    assert rows[0].status == "queued"
    assert rows[0].description == "چکه کردن شیر آشپزخانه"
    assert "۱" in panel.last_created.text() and "مریم کریمی" in panel.last_created.text()
    # ready for the next call
    assert panel.search.text() == "" and panel.search.hasFocus()
    assert panel.selected_subscriber() is None
    assert time.perf_counter() - started < 60
    # the confirmation stays until the next call begins: the first key typed clears it
    type_text(panel.search, "۰")
    assert panel.last_created.text() == ""
    panel.last_created.setText("درخواست قبلی")
    panel.start_call()  # F2: a new call
    assert panel.last_created.text() == ""
    # and the queue view lists it
    from hendazh_desktop.ui.requests.queue_view import QueueView

    queue = QueueView(context=ctx)
    qtbot.addWidget(queue)
    assert queue.show_request(rows[0].id)
    assert queue.selected().subscriber_name == "مریم کریمی"


def test_name_fragment_lists_results_and_keyboard_selects(qtbot, panel, make_subscriber):
    make_subscriber("علیرضا شریفی", "09170000001")
    target = make_subscriber("رضا شریفی‌نژاد", "09170000002")
    type_text(panel.search, "شريفي")  # Arabic letters find the Persian spelling
    qtbot.waitUntil(lambda: panel.results_model.rowCount() == 2, timeout=2000)
    press(panel.search, Qt.Key.Key_Down)
    assert panel.results.hasFocus()
    row = next(r for r in range(2) if panel.results_model.row_item(r).id == target.id)
    for _ in range(row):
        press(panel.results, Qt.Key.Key_Down)
    assert panel.results.currentIndex().row() == row
    press(panel.results, Qt.Key.Key_Return)
    assert panel.selected_subscriber().id == target.id


def test_unknown_number_registers_without_leaving_the_flow(qtbot, panel, ctx):
    type_text(panel.search, "0917 555 4433")
    qtbot.waitUntil(lambda: "ثبت سریع" in panel.hint.text(), timeout=2000)
    press(panel.search, Qt.Key.Key_Return)
    assert panel.quick_register.isVisible()
    assert panel.quick_register.phone.text() == "09175554433"
    assert panel.quick_register.name.hasFocus()
    type_text(panel.quick_register.name, "نگار احمدی")
    panel.quick_register.address.setFocus()
    type_text(panel.quick_register.address, "معالی‌آباد، کوچه ۱۲، پلاک ۸")
    press(panel.quick_register.address, Qt.Key.Key_Return)
    card = panel.selected_subscriber()
    assert card is not None and card.name == "نگار احمدی"
    assert card.phones[0].number == "09175554433"
    assert panel.form.service.hasFocus()
    assert ctx.search.find_exact(ctx.actor, "09175554433") == card.id


def test_quick_register_shows_field_errors_and_writes_nothing(qtbot, panel, ctx):
    type_text(panel.search, "09175554433")
    qtbot.waitUntil(lambda: "ثبت سریع" in panel.hint.text(), timeout=2000)
    press(panel.search, Qt.Key.Key_Return)
    type_text(panel.quick_register.name, "ن")
    press(panel.quick_register.name, Qt.Key.Key_Return)
    assert "کوتاه" in panel.quick_register.errors.message("name")
    assert "پر کنید" in panel.quick_register.errors.message("address:0:text")
    assert ctx.search.count(ctx.actor) == 0


def test_do_not_serve_subscriber_is_refused(qtbot, panel, make_subscriber):
    make_subscriber("کامران بدحساب", "09179998877", do_not_serve=True, reason="بدهی پرداخت‌نشده")
    type_text(panel.search, "09179998877")
    qtbot.waitUntil(lambda: panel.selected_subscriber() is not None, timeout=2000)
    assert panel.refusal.isVisible()
    assert "بدهی پرداخت‌نشده" in panel.refusal.text()
    assert not panel.form.isEnabled()


def test_bad_request_fields_get_messages_and_nothing_is_written(qtbot, panel, ctx, make_subscriber):
    make_subscriber("سارا نوری", "09171112233")
    type_text(panel.search, "09171112233")
    qtbot.waitUntil(lambda: panel.selected_subscriber() is not None, timeout=2000)
    # no service chosen, window ending before it starts, a nonsense start time
    panel.form.window_start.setFocus()
    type_text(panel.form.window_start, "۱۴:۰۰")
    panel.form.window_end.setFocus()
    type_text(panel.form.window_end, "۱۰:۰۰")
    press(panel.form.window_end, Qt.Key.Key_Return)
    errors = panel.form.errors
    assert "پر کنید" in errors.message("service")
    assert "بعد از شروع" in errors.message("window_end")
    assert ctx.queue.count(ctx.actor, QueueFilter()) == 0

    choose_service(panel, "نظافت")
    panel.form.window_start.clear()
    type_text(panel.form.window_start, "25:00")
    press(panel.form.window_start, Qt.Key.Key_Return)
    assert "۱۴:۳۰" in errors.message("window_start")
    assert ctx.queue.count(ctx.actor, QueueFilter()) == 0

    # a new address with no text
    panel.form.address.setCurrentIndex(panel.form.address.count() - 1)
    panel.form.window_start.clear()
    panel.form.window_end.clear()
    press(panel.form.window_end, Qt.Key.Key_Return)
    assert "پر کنید" in errors.message("address:0:text")
    assert ctx.queue.count(ctx.actor, QueueFilter()) == 0


def test_prepaid_service_waits_for_prepayment(qtbot, panel, ctx, make_subscriber):
    make_subscriber("پرستو امینی", "09173334455")
    type_text(panel.search, "09173334455")
    qtbot.waitUntil(lambda: panel.selected_subscriber() is not None, timeout=2000)
    choose_service(panel, "تورهای سلامت")
    assert "پیش‌پرداخت" in panel.form.policy.text()
    press(panel.form.service, Qt.Key.Key_Return)
    rows = ctx.queue.page(ctx.actor, QueueFilter(), 0, 5)
    assert [r.status for r in rows] == ["awaiting_prepayment"]
    assert "پیش‌پرداخت" in panel.last_created.text()


def test_escape_closes_the_quick_registration_with_its_errors(qtbot, panel, ctx):
    panel.resize(1280, 800)
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    type_text(panel.search, "09179990000")
    press(panel.search, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    form = panel.quick_register
    qtbot.waitUntil(form.isVisible)
    form.name.setFocus()
    form.save_button.click()  # refused: the name is missing
    assert form.errors.message("name")
    press(form.name, Qt.Key.Key_Escape)
    assert not form.isVisible()
    assert ctx.search.count(ctx.actor) == 0  # nothing registered
