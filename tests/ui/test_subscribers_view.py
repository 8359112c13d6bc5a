"""The subscriber list: search as you type (any script), the card, and the dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QWidget
from ui_helpers import press, type_text

from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.window_model import select_row
from hendazh_desktop.ui.subscribers.subscriber_dialog import SubscriberDialog
from hendazh_desktop.ui.subscribers.subscribers_view import SubscribersView


@pytest.fixture
def view(qtbot, ctx):
    widget = SubscribersView(context=ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def activate(qtbot, widget: QWidget) -> None:
    """Shortcuts and focus changes need an active window."""
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=2000)


def test_lists_everyone_then_filters_by_a_name_fragment(qtbot, view, make_subscriber):
    make_subscriber("علیرضا کاظمی", "09171110001")
    make_subscriber("مریم کاظمی‌نژاد", "09171110002")
    make_subscriber("سارا احمدی", "09171110003")
    view.refresh()
    assert view.model.rowCount() == 3
    view.focus_search()
    type_text(view.search, "كاظمي")  # typed with Arabic letters
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=2000)
    names = {view.model.row_item(r).name for r in range(2)}
    assert names == {"علیرضا کاظمی", "مریم کاظمی‌نژاد"}


def test_phone_in_persian_digits_finds_the_subscriber(qtbot, view, make_subscriber):
    make_subscriber("نادر پارسا", "09361234567")
    make_subscriber("ناهید پارسا", "09171234500")
    view.search.setFocus()
    type_text(view.search, "۱۲۳۴۵۶۷")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=2000)
    assert view.model.row_item(0).name == "نادر پارسا"


def test_selecting_a_row_shows_the_card(qtbot, view, make_subscriber):
    card = make_subscriber("کیوان زند", "09175550000", do_not_serve=True, reason="بدهی")
    view.refresh()
    view.search.setFocus()
    press(view.search, Qt.Key.Key_Down)
    assert view.table.hasFocus()
    shown = view.card.card()
    assert shown is not None and shown.id == card.id
    assert view.card.banner.isVisibleTo(view.card)
    assert "بدهی" in view.card.banner.text()
    assert view.model.data(view.model.index(0, 1), Qt.ItemDataRole.ForegroundRole) is not None


def test_no_match_shows_nothing(qtbot, view, make_subscriber):
    make_subscriber("نادر پارسا", "09361234567")
    view.search.setFocus()
    type_text(view.search, "ناموجود")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=2000)
    assert "۰" in view.count_label.text()


def test_search_box_and_table_set_up_for_a_long_list(view):
    assert view.search.placeholderText() == "جستجو: نام، تلفن یا کد اشتراک…"
    rows = view.table.verticalHeader()
    assert rows.sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed  # never measures rows
    columns = view.table.horizontalHeader()
    assert columns.stretchLastSection()
    assert all(
        columns.sectionResizeMode(c) != QHeaderView.ResizeMode.ResizeToContents
        for c in range(view.model.columnCount())
    )


def test_columns_show_code_name_phone_zone_and_jalali_registration(view, make_subscriber):
    card = make_subscriber("پرویز شیرازی", "09171234567")
    view.refresh()
    cells = [view.model.data(view.model.index(0, c)) for c in range(5)]
    assert cells[0] == fmt.code(card.code)
    assert cells[1] == "پرویز شیرازی"
    assert cells[2] == "۰۹۱۷۱۲۳۴۵۶۷"
    assert cells[3]  # the zone's name
    assert cells[4] == fmt.date(fmt.local_date(card.created_at))
    assert cells[4].startswith("۱۴")


def test_a_search_selects_the_best_match_and_shows_its_card(qtbot, view, make_subscriber):
    make_subscriber("نادر پارسا", "09361234567")
    view.search.setFocus()
    type_text(view.search, "پارسا")
    qtbot.waitUntil(lambda: view.card.card() is not None, timeout=2000)
    assert view.card.card().name == "نادر پارسا"
    type_text(view.search, "ی")  # «پارسای»: no match, the card goes away
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=2000)
    assert view.card.card() is None


def test_paged_list_reads_one_block_for_the_first_screen(qtbot, ctx, ui_db):
    from hendazh_desktop.demo.data import generate_demo_data
    from hendazh_desktop.services.accounts.users import UserService

    generate_demo_data(ui_db, UserService(ui_db).system_actor(), subscribers=1000, seed=3)
    widget = SubscribersView(context=ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.wait(50)
    assert widget.model.rowCount() == 1000
    assert widget.model.fetches == 1
    assert "۱٬۰۰۰" in widget.count_label.text()


def test_ctrl_n_registers_a_subscriber_and_shows_it(qtbot, ctx, view, answer_modal):
    messages: list[str] = []
    view.status_message.connect(messages.append)

    def fill(dialog: SubscriberDialog) -> None:
        type_text(dialog.ui.nameEdit, "کامران صدرا")
        type_text(dialog.phone_rows[0].number, "09173456789")
        dialog.save_button.click()

    handled = answer_modal(SubscriberDialog, fill)
    activate(qtbot, view)
    press(view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert handled
    assert ctx.search.count(ctx.actor) == 1
    assert view.card.card() is not None and view.card.card().name == "کامران صدرا"
    assert "کامران صدرا" in messages[-1]


def test_enter_on_a_row_edits_it_and_keeps_it_selected(
    qtbot, ctx, view, make_subscriber, answer_modal
):
    make_subscriber("آرش بوشهری", "09170000001")
    card = make_subscriber("بهرام فسایی", "09170000002")
    view.refresh()
    select_row(view.table, 1)
    opened: list[SubscriberDialog] = []

    def fill(dialog: SubscriberDialog) -> None:
        opened.append(dialog)
        dialog.ui.nameEdit.clear()
        type_text(dialog.ui.nameEdit, "بهرام فسایی‌نژاد")
        dialog.save_button.click()

    handled = answer_modal(SubscriberDialog, fill)
    activate(qtbot, view)
    view.table.setFocus()
    press(view.table, Qt.Key.Key_Return)
    assert handled and opened[0].windowTitle().startswith("ویرایش")
    assert ctx.subscribers.card(ctx.actor, card.id).name == "بهرام فسایی‌نژاد"
    assert view.selected() is not None and view.selected().id == card.id
    assert view.card.card().name == "بهرام فسایی‌نژاد"


def test_ctrl_enter_asks_for_a_new_request_unless_refused(qtbot, view, make_subscriber):
    ok = make_subscriber("مینا کوهی", "09170000003")
    make_subscriber("مسعود کوهی", "09170000004", do_not_serve=True, reason="بدهی")
    view.refresh()
    asked: list[int] = []
    messages: list[str] = []
    view.new_request_requested.connect(asked.append)
    view.status_message.connect(messages.append)
    activate(qtbot, view)
    select_row(view.table, 0)
    view.table.setFocus()
    press(view.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert asked == [ok.id]
    select_row(view.table, 1)
    assert not view.card.request_button.isEnabled()
    press(view.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert asked == [ok.id]
    assert "خدمت داده نمی‌شود" in messages[-1]


def test_ctrl_f_focuses_the_search(qtbot, view):
    activate(qtbot, view)
    view.table.setFocus()
    press(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus()
