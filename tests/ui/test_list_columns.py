"""Lists at 1280×800: a click on a header sorts in the database (indexed ORDER BY, same
paging), no header is cut at the default widths, and the widths the user sets are kept."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest

from hendazh_desktop.db.repositories.requests import SORT_ORDERS
from hendazh_desktop.db.repositories.subscribers import PAGE_ORDERS
from hendazh_desktop.services.requests.intake import RequestDraft
from hendazh_desktop.ui.common.column_widths import remember_widths_in
from hendazh_desktop.ui.common.tables import list_table
from hendazh_desktop.ui.common.window_model import Column, ListSource, WindowTableModel
from hendazh_desktop.ui.requests.queue_view import QueueView
from hendazh_desktop.ui.subscribers.subscribers_view import SubscribersView

NAMES = ("کاوه یزدانی", "آرش بهرامی", "مینا احمدی", "ژاله رستمی", "بهرام سعیدی")
# Persian alphabetical order (ژ before ک before م; by code point ژ and ک come after م)
BY_NAME = ["آرش بهرامی", "بهرام سعیدی", "ژاله رستمی", "کاوه یزدانی", "مینا احمدی"]


def click_header(table, column: int) -> None:
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    QTest.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(x, header.height() // 2),
    )


def shown(view, column: int) -> list[str]:
    model = view.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def open_at_1280(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def people(ctx, make_subscriber):
    made = [make_subscriber(name, f"0917100{n:04d}") for n, name in enumerate(NAMES)]
    services = ctx.catalogue.services(ctx.actor)
    for card in made:
        ctx.intake.create_request(
            ctx.actor, RequestDraft(card.id, services[0].id, card.addresses[0].id)
        )
    return made


def test_subscribers_sort_by_name_and_code_in_the_database(qtbot, ctx, people, monkeypatch):
    view = open_at_1280(qtbot, SubscribersView(context=ctx))
    asked: list[tuple[str, bool]] = []
    page = ctx.search.page

    def watched(actor, offset, limit, *, order="", descending=False):
        asked.append((order, descending))
        return page(actor, offset, limit, order=order, descending=descending)

    monkeypatch.setattr(ctx.search, "page", watched)
    click_header(view.table, 1)  # «نام»
    assert shown(view, 1) == BY_NAME
    assert asked[-1] == ("name", False)  # ordered by the database, not in the model
    click_header(view.table, 1)
    assert shown(view, 1) == BY_NAME[::-1]
    assert asked[-1] == ("name", True)
    click_header(view.table, 0)  # «کد اشتراک»
    codes = [c.code for c in people]
    assert [view.model.row_item(r).code for r in range(5)] == sorted(codes)


def test_queue_sorts_by_number_both_ways(qtbot, ctx, people):
    view = open_at_1280(qtbot, QueueView(context=ctx))
    click_header(view.table, 0)  # «شماره»
    ids = [view.model.row_item(r).id for r in range(view.model.rowCount())]
    assert ids == sorted(ids) and len(ids) == 5
    click_header(view.table, 0)
    assert [view.model.row_item(r).id for r in range(5)] == sorted(ids, reverse=True)


def test_every_database_order_is_an_index_scan(ui_db, people):
    """At a million rows an ORDER BY that sorts in a temporary B-tree reads everything:
    each order a header can ask for must walk an index instead."""
    path = ui_db.engine.url.database
    con = sqlite3.connect(path)
    try:
        for key, order in PAGE_ORDERS.items():
            plan = con.execute(
                f"EXPLAIN QUERY PLAN SELECT s.id FROM subscribers s ORDER BY {order} LIMIT 50"
            ).fetchall()
            assert not any("TEMP B-TREE" in str(row) for row in plan), (key, plan)
        for key in ("number", "-number", "oldest", "newest"):
            plan = con.execute(
                "EXPLAIN QUERY PLAN SELECT r.id FROM service_requests r "
                f"ORDER BY {SORT_ORDERS[key]} LIMIT 50"
            ).fetchall()
            assert not any("TEMP B-TREE" in str(row) for row in plan), (key, plan)
    finally:
        con.close()


def test_no_header_is_cut_at_the_default_widths(qtbot, ctx, people):
    for view in (
        open_at_1280(qtbot, QueueView(context=ctx)),
        open_at_1280(qtbot, SubscribersView(context=ctx)),
    ):
        header = view.table.horizontalHeader()
        for column in range(header.count() - 1):  # the last one stretches
            assert header.sectionSize(column) >= header.sectionSizeHint(column), (
                type(view).__name__,
                view.model.headerData(column, Qt.Orientation.Horizontal),
            )


def test_column_widths_are_remembered(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "columns.ini"), QSettings.Format.IniFormat)
    remember_widths_in(settings)
    columns = [Column("نام", str), Column("شماره تلفن همراه", str), Column("منطقه", str)]
    try:
        first = list_table(WindowTableModel(columns))
        first.model().set_source(ListSource(["الف", "ب"]))
        open_at_1280(qtbot, first)
        first.horizontalHeader().resizeSection(1, 333)
        qtbot.wait(400)  # written shortly after the drag stops
        again = open_at_1280(qtbot, list_table(WindowTableModel(columns)))
        assert again.horizontalHeader().sectionSize(1) == 333
    finally:
        remember_widths_in(None)


def test_short_lists_sort_by_what_they_show(qtbot):
    model = WindowTableModel([Column("شماره", str)])
    model.set_source(ListSource(["۱۰", "۹", "۱۰۰"]))
    table = open_at_1280(qtbot, list_table(model))
    click_header(table, 0)
    assert [model.index(r, 0).data() for r in range(3)] == ["۹", "۱۰", "۱۰۰"]
