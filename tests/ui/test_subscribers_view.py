"""The subscriber list: search as you type (any script), the card, and the dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from ui_helpers import press, type_text

from hendazh_desktop.ui.views.subscribers_view import SubscribersView


@pytest.fixture
def view(qtbot, ctx):
    widget = SubscribersView(context=ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


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
