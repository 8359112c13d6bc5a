"""The usual office screens (1280×800, 1366×768): editors need no horizontal scroll bar and
no field is squashed below a usable width."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QScrollArea

from hendazh_desktop.ui.dispatch.work_groups_view import WorkGroupsView

SIZES = [(1280, 800), (1366, 768)]


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_work_group_editor_fits_without_scrolling(qtbot, ctx, width, height):
    view = WorkGroupsView(context=ctx)
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(100)  # the scroll area settles its bars after the first layout
    scroll = next(s for s in view.findChildren(QScrollArea) if s.widget() is view.editor)
    bar = scroll.horizontalScrollBar()
    assert not bar.isVisible() or bar.maximum() == 0
    editor = view.editor
    for field in (editor.name, editor.phone, editor.capacity, editor.iban):
        assert field.width() >= 200, field
    assert editor.calendar.width() >= 250  # the leave calendar shows whole weeks


@pytest.mark.parametrize("text", ["LG یخچال خراب است", "۱۲ عدد لامپ", "یخچال خراب است"])
def test_text_areas_start_their_lines_at_the_right(qtbot, ctx, text):
    from ui_helpers import type_text

    from hendazh_desktop.ui.requests.intake_panel import IntakePanel

    panel = IntakePanel(context=ctx)
    qtbot.addWidget(panel)
    panel.resize(1280, 800)
    panel.show()
    qtbot.waitExposed(panel)
    area = panel.form.description
    area.setEnabled(True)
    area.setFocus()
    type_text(area, text)
    qtbot.wait(20)
    line = area.document().firstBlock().layout().lineAt(0).naturalTextRect()
    width = area.viewport().width()
    assert line.right() > width - 20 and line.left() > width / 3, (line, width)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_leave_calendar_shows_whole_day_names(qtbot, ctx, width, height):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableView

    view = WorkGroupsView(context=ctx)
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(50)
    days = view.editor.calendar.findChild(QTableView)
    model, metrics = days.model(), days.fontMetrics()
    for column in range(model.columnCount()):
        name = model.index(0, column).data(Qt.ItemDataRole.DisplayRole)
        assert metrics.horizontalAdvance(name) + 4 <= days.columnWidth(column), name


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_boards_waiting_list_fits_without_scrolling_sideways(
    qtbot, ctx, make_subscriber, width, height
):
    """In the main window, beside the sidebar: every column of the waiting list is seen, no
    header is cut, and the list has no horizontal scroll bar."""
    from PySide6.QtCore import Qt

    from hendazh_desktop.services.requests.intake import RequestDraft
    from hendazh_desktop.ui.main_window import MainWindow

    card = make_subscriber("عبدالحسین شفیعی‌نژاد کازرونی", "09171234567")
    for service in ctx.catalogue.services(ctx.actor)[:3]:
        ctx.intake.create_request(
            ctx.actor, RequestDraft(card.id, service.id, card.addresses[0].id)
        )
    window = MainWindow(context=ctx, settings=None)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    window.show_view("board")
    qtbot.waitExposed(window)
    qtbot.wait(100)
    board = window.view("board")
    table = board.waiting
    assert table.model().rowCount() == 3
    bar = table.horizontalScrollBar()
    assert bar.maximum() == 0, f"scrolls sideways by {bar.maximum()} px"
    header = table.horizontalHeader()
    for column in range(header.count()):
        name = table.model().headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= min(header.sectionSizeHint(column), 80), name
