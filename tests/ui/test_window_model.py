"""The lazy block model: Qt's model checks, and it reads only the blocks it shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from hendazh_desktop.demo.data import generate_demo_data
from hendazh_desktop.services.subscribers.records import SubscriberRow
from hendazh_desktop.ui.common.columns import SUBSCRIBER_RESULT_COLUMNS
from hendazh_desktop.ui.common.sources import AllSubscribers
from hendazh_desktop.ui.common.window_model import (
    WARNING_BRUSH,
    Column,
    ListSource,
    WindowTableModel,
)


def _demo(db, subscribers: int) -> None:
    from hendazh_desktop.services.accounts.users import UserService

    generate_demo_data(db, UserService(db).system_actor(), subscribers=subscribers, seed=5)


@pytest.fixture
def thousand(ctx, ui_snapshot):
    ui_snapshot("demo_1000", lambda db: _demo(db, 1000))  # after ctx's user, as every time
    return ctx


@pytest.fixture
def few_hundred(ctx, ui_snapshot):
    ui_snapshot("demo_300", lambda db: _demo(db, 300))
    return ctx


def test_model_passes_qt_checks_over_a_paged_source(qtmodeltester, few_hundred):
    model: WindowTableModel[SubscriberRow] = WindowTableModel(
        SUBSCRIBER_RESULT_COLUMNS, warn=lambda r: r.do_not_serve
    )
    model.BLOCK_SIZE = 64  # several blocks, and an LRU that drops some, under the checks
    model.MAX_BLOCKS = 2
    model.set_source(AllSubscribers(few_hundred))
    assert model.rowCount() == 300
    qtmodeltester.check(model, force_py=True)


def test_model_passes_qt_checks_over_search_results(qtmodeltester, few_hundred):
    rows = few_hundred.search.search(few_hundred.actor, "09", limit=40)
    assert rows
    model: WindowTableModel[SubscriberRow] = WindowTableModel(
        SUBSCRIBER_RESULT_COLUMNS, warn=lambda r: r.do_not_serve
    )
    model.set_source(ListSource(rows))
    qtmodeltester.check(model, force_py=True)
    # switching sources (search typed, then cleared) is a reset the tester watches
    model.set_source(ListSource(rows[:3]))
    model.set_source(AllSubscribers(few_hundred))
    model.set_source(ListSource([]))
    assert model.rowCount() == 0


def test_model_passes_qt_checks_over_a_short_list(qtmodeltester):
    model: WindowTableModel[int] = WindowTableModel(
        [Column("عدد", str), Column("دوبرابر", lambda n: str(2 * n))]
    )
    model.set_source(ListSource([1, 2, 3]))
    qtmodeltester.check(model, force_py=True)


def test_warned_rows_are_red_and_rows_carry_their_dto(few_hundred):
    model: WindowTableModel[SubscriberRow] = WindowTableModel(
        SUBSCRIBER_RESULT_COLUMNS, warn=lambda r: r.do_not_serve
    )
    model.set_source(AllSubscribers(few_hundred))
    flagged = model.find_row(lambda r: r.do_not_serve)
    plain = model.find_row(lambda r: not r.do_not_serve)
    assert flagged >= 0 and plain >= 0
    assert model.data(model.index(flagged, 1), Qt.ItemDataRole.ForegroundRole) is WARNING_BRUSH
    assert model.data(model.index(plain, 1), Qt.ItemDataRole.ForegroundRole) is None
    row = model.data(model.index(plain, 0), Qt.ItemDataRole.UserRole)
    assert isinstance(row, SubscriberRow)


def test_only_needed_blocks_are_fetched(qtbot, thousand):
    model: WindowTableModel[SubscriberRow] = WindowTableModel(SUBSCRIBER_RESULT_COLUMNS)
    view = QTableView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    model.set_source(AllSubscribers(thousand))
    view.setModel(model)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: model.fetches >= 1, timeout=2000)
    assert model.fetches == 1  # the first screenful lives in the first block
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.fetches >= 2, timeout=2000)
    qtbot.wait(50)
    assert model.fetches == 2  # jumping to the end reads just the last block
    last = model.row_item(999)
    assert last is not None and last.id == 1000
    assert model.data(model.index(999, 1)) == last.name
    assert model.data(model.index(999, 0), Qt.ItemDataRole.UserRole) is last


def test_lru_keeps_memory_bounded(thousand):
    model: WindowTableModel[SubscriberRow] = WindowTableModel(SUBSCRIBER_RESULT_COLUMNS)
    model.BLOCK_SIZE, model.MAX_BLOCKS = 10, 3
    model.set_source(AllSubscribers(thousand))
    for row in range(0, 1000, 10):
        model.row_item(row)
    assert len(model._blocks) == 3
    assert model.fetches == 100
