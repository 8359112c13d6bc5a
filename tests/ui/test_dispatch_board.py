"""The dispatch board: drag a request onto a group, assign by keyboard, override warnings."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent
from ui_helpers import press

from hendazh_desktop.services.dispatch.work_groups import WorkGroupDraft
from hendazh_desktop.services.requests.intake import RequestDraft
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.window_model import select_row
from hendazh_desktop.ui.dispatch.dispatch_board import DispatchBoardView
from hendazh_desktop.ui.requests.request_drag import request_mime


@pytest.fixture
def world(ctx, make_subscriber):
    services = {s.name: s.id for s in ctx.catalogue.services(ctx.actor)}
    zones = [z.id for z in ctx.catalogue.zones(ctx.actor)]
    near = ctx.work_groups.create(
        ctx.actor,
        WorkGroupDraft(
            name="لوله‌کش‌های زند",
            kind="person",
            phone="09170000001",
            daily_capacity="3",
            members=(("مجید لوله‌کش", ""),),
            skills=((services["لوله‌کشی و تأسیسات"], 5),),
            zone_ids=(zones[0],),
        ),
    )
    far = ctx.work_groups.create(
        ctx.actor,
        WorkGroupDraft(
            name="برق‌کاران",
            kind="person",
            phone="09170000002",
            daily_capacity="3",
            members=(("آرش برقی", ""),),
            skills=((services["برق‌کاری"], 4),),
            zone_ids=(zones[5],),
        ),
    )
    card = make_subscriber("مریم فسایی", "09171234567")
    request = ctx.intake.create_request(
        ctx.actor, RequestDraft(card.id, services["لوله‌کشی و تأسیسات"], card.addresses[0].id)
    )
    return near, far, request


@pytest.fixture
def board(qtbot, ctx, world):
    view = DispatchBoardView(context=ctx)
    qtbot.addWidget(view)
    view.resize(1300, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_keyboard_assign_of_the_suggested_group(qtmodeltester, ctx, board, world):
    near, _far, request = world
    qtmodeltester.check(board.waiting_model, force_py=True)
    select_row(board.waiting, 0)
    assert board.suggestions.count() == 2
    first = board.suggestions.item(0)
    assert first.data(Qt.ItemDataRole.UserRole) == near.id
    assert "همین منطقه" in first.text() and "هنوز نظری ثبت نشده" in first.text()
    board.suggestions.setFocus()
    press(board.suggestions, Qt.Key.Key_Return)
    assert ctx.queue.get(ctx.actor, request.id).status == "assigned"
    assert board.waiting_model.rowCount() == 0
    group = next(g for g in board.board.groups if g.id == near.id)
    assert [j.request_id for j in group.jobs] == [request.id]
    assert "مریم فسایی" in board.groups.item(board.groups.groups.index(group), 3).text()


def test_drag_and_drop_onto_a_group(ctx, board, world):
    near, _far, request = world
    row = board.groups.groups.index(next(g for g in board.groups.groups if g.id == near.id))
    rect = board.groups.visualItemRect(board.groups.item(row, 0))
    mime = request_mime(request.id, 1)
    event = QDropEvent(
        QPointF(rect.center()),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    board.groups.dropEvent(event)
    assert ctx.queue.get(ctx.actor, request.id).status == "assigned"
    assert board.summary.text().endswith("۰ درخواست در انتظار")


def test_questionable_drop_asks_for_a_reason(qtbot, ctx, board, world, monkeypatch):
    _near, far, request = world
    asked = []

    def fake_exec(dialog):
        asked.append(dialog.windowTitle())
        dialog.reason.setText("مشترک همین گروه را خواست")
        dialog.submit()
        return 1

    monkeypatch.setattr("hendazh_desktop.ui.common.reason_dialog.ReasonDialog.exec", fake_exec)
    assert board.assign(request.id, 1, far.id)
    assert asked == ["تخصیص با هشدار"]
    history = ctx.queue.history(ctx.actor, request.id)
    assert "مشترک همین گروه را خواست" in history[-1].reason


def test_board_refreshes_when_another_pc_changes_data(qtbot, ctx, board, world):
    near, _far, request = world
    ctx.dispatch.assign(ctx.actor, request.id, near.id, board.selected_day(), expected_version=1)
    board._on_poll_timeout()  # what the timer does every few seconds
    assert board.waiting_model.rowCount() == 0


def test_conflict_refreshes_and_says_so(qtbot, ctx, board, world, monkeypatch):
    near, _far, request = world
    shown = []
    monkeypatch.setattr(board, "_show_problem", shown.append)
    ctx.dispatch.assign(ctx.actor, request.id, near.id, dt.date.today(), expected_version=1)
    assert not board.assign(request.id, 1, near.id)  # the board still had version 1
    assert shown and "کاربر دیگری" in shown[0]


def test_dispatch_prints_the_job_sheet(qtbot, ctx, board, world):
    near, _far, request = world
    assert board.assign(request.id, 1, near.id)
    board.open_documents = False
    board.groups.select_group(near.id)
    operation = board.dispatch_from_selected_group()
    assert operation is not None
    with qtbot.waitSignal(operation.finished, timeout=20_000) as outcome:
        pass
    assert outcome.args == ["succeeded"]
    path = operation.result
    assert path is not None and path.read_bytes().startswith(b"%PDF")
    assert ctx.queue.get(ctx.actor, request.id).status == "dispatched"


def test_move_a_job_to_another_group_with_a_reason(ctx, board, world, monkeypatch):
    near, far, request = world
    assert board.assign(request.id, 1, near.id)
    board.groups.select_group(near.id)
    monkeypatch.setattr(
        "hendazh_desktop.ui.dispatch.dispatch_board.QInputDialog.getItem",
        lambda *args, **kwargs: (far.name, True),
    )

    def fake_exec(dialog):
        dialog.reason.setText("درخواست مشترک")
        dialog.submit()
        return 1

    monkeypatch.setattr("hendazh_desktop.ui.common.reason_dialog.ReasonDialog.exec", fake_exec)
    assert board.move_from_selected_group()
    groups = {g.id: [j.request_id for j in g.jobs] for g in board.board.groups}
    assert groups[far.id] == [request.id] and groups[near.id] == []


def test_a_consultant_cannot_start_moving_a_job(qtbot, ctx, consultant_ctx, world, monkeypatch):
    """Issue 11: «move to another group» ran two dialogs for a consultant, then refused."""
    near, _far, request = world
    ctx.dispatch.assign(ctx.actor, request.id, near.id, dt.date.today(), expected_version=1)
    view = DispatchBoardView(context=consultant_ctx)
    qtbot.addWidget(view)
    view.show()
    view.groups.select_group(near.id)
    asked: list[object] = []
    monkeypatch.setattr(
        "hendazh_desktop.ui.dispatch.dispatch_board.QInputDialog.getItem",
        lambda *args, **kwargs: asked.append(args) or ("", False),
    )
    assert not view.move_button.isEnabled()
    assert not view.move_from_selected_group()
    assert asked == []  # no dialog at all
    assert view.dispatch_from_selected_group() is None


def _jalali(day: dt.date) -> str:
    from hendazh_desktop.domain.jalali import to_jalali

    return "{:04d}/{:02d}/{:02d}".format(*to_jalali(day))


@pytest.fixture
def asked_later(ctx, world, make_subscriber):
    """A second request whose subscriber asked for the day after tomorrow."""
    services = {s.name: s.id for s in ctx.catalogue.services(ctx.actor)}
    card = make_subscriber("شهره کاظمی", "09171234599")
    day = dt.date.today() + dt.timedelta(days=2)
    request = ctx.intake.create_request(
        ctx.actor,
        RequestDraft(
            card.id,
            services["لوله‌کشی و تأسیسات"],
            card.addresses[0].id,
            preferred_date=_jalali(day),
        ),
    )
    return request, day


def test_waiting_list_shows_the_requested_day_and_the_board_opens_on_it(
    ctx, board, world, asked_later
):
    request, day = asked_later
    board.refresh()  # made after the board opened
    headers = [
        board.waiting_model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(board.waiting_model.columnCount())
    ]
    assert "زمان درخواستی" in headers
    column = headers.index("زمان درخواستی")
    row = board.waiting_model.find_row(lambda r: r.id == request.id)
    assert board.waiting_model.index(row, column).data().startswith(fmt.date(day))
    assert board.selected_day() == dt.date.today()
    board.waiting.setFocus()
    select_row(board.waiting, row)
    assert board.selected_day() == day  # the day the subscriber asked for
    assert board.selected_request() is not None and board.selected_request().id == request.id
    assert board.suggestions.count() == 2 and "⚠" not in board.suggestions.item(0).text()
    # the dispatcher picks another day: the request stays selected, the top group warns
    board.day.set_value(dt.date.today())
    assert board.selected_request().id == request.id
    assert "روز دیگری" in board.suggestions.item(0).text()


def test_enter_in_the_waiting_list_assigns_the_top_suggestion(ctx, board, world):
    near, _far, request = world
    board.waiting.setFocus()
    select_row(board.waiting, 0)
    press(board.waiting, Qt.Key.Key_Return)
    assert ctx.queue.get(ctx.actor, request.id).status == "assigned"
    group = next(g for g in board.board.groups if g.id == near.id)
    assert [j.request_id for j in group.jobs] == [request.id]


def test_dispatch_opens_the_job_sheet_in_the_app_preview(qtbot, ctx, board, world, monkeypatch):
    from hendazh_desktop.ui.common.pdf_preview_dialog import PdfPreviewDialog

    near, _far, request = world
    shown: list[tuple[str, bytes]] = []

    def fake_exec(dialog):
        shown.append((dialog.windowTitle(), dialog.data))
        return 0

    monkeypatch.setattr(PdfPreviewDialog, "exec", fake_exec)
    monkeypatch.setattr(
        "PySide6.QtGui.QDesktopServices.openUrl", lambda url: pytest.fail(f"external viewer {url}")
    )
    assert board.assign(request.id, 1, near.id)
    board.groups.select_group(near.id)
    operation = board.dispatch_from_selected_group()
    with qtbot.waitSignal(operation.finished, timeout=20_000):
        pass
    assert len(shown) == 1 and "برگه کار" in shown[0][0] and fmt.number(request.id) in shown[0][0]
    assert shown[0][1].startswith(b"%PDF")


def test_the_waiting_list_sorts_by_its_columns_in_the_database(
    qtbot, ctx, board, world, make_subscriber
):
    """A click on the number header orders the waiting requests by number, newest number
    first on the second click, read from the database a page at a time; a column with no
    indexed order sorts too (the service), or once the list is narrowed (the subscriber)."""
    _near, _far, first = world
    card = make_subscriber("رضا توکلی", "09171000002")
    service = ctx.catalogue.services(ctx.actor)[0].id
    second = ctx.intake.create_request(
        ctx.actor, RequestDraft(card.id, service, card.addresses[0].id)
    )
    board.refresh()
    header = board.waiting.horizontalHeader()
    ids = lambda: [  # noqa: E731
        board.waiting_model.row_item(r).id for r in range(board.waiting_model.rowCount())
    ]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_header_point(header, 0))
    assert ids() == [first.id, second.id]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_header_point(header, 0))
    assert ids() == [second.id, first.id]
    assert board.waiting_model.sortable(3)  # the service: ten names, sorted in the database
    assert board.waiting_model.sortable(5)  # the subscriber: two rows, well under the limit


def _header_point(header, column: int):
    return QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) // 2, 5)
