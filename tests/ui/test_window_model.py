"""The lazy block model: Qt's model checks, and it reads only the blocks it shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from hendazh_desktop.services.demo_data import generate_demo_data
from hendazh_desktop.services.dto import SubscriberRow
from hendazh_desktop.ui.models.columns import SUBSCRIBER_RESULT_COLUMNS
from hendazh_desktop.ui.models.sources import AllSubscribers
from hendazh_desktop.ui.models.window_model import ListSource, WindowTableModel


@pytest.fixture
def thousand(ctx, ui_db):
    from hendazh_desktop.services.users import UserService

    generate_demo_data(ui_db, UserService(ui_db).system_actor(), subscribers=1000, seed=5)
    return ctx


def test_model_passes_qt_checks_over_a_paged_source(qtmodeltester, thousand):
    model: WindowTableModel[SubscriberRow] = WindowTableModel(SUBSCRIBER_RESULT_COLUMNS)
    model.set_source(AllSubscribers(thousand))
    assert model.rowCount() == 1000
    qtmodeltester.check(model, force_py=True)


def test_model_passes_qt_checks_over_a_list(qtmodeltester):
    model: WindowTableModel[int] = WindowTableModel([])
    model.set_source(ListSource([1, 2, 3]))
    qtmodeltester.check(model, force_py=True)


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
