"""Lists follow what changed: a change made on this PC is announced on ``data_changed`` and
every view showing it re-reads (shown views at once, hidden ones when next shown); a change
nobody announced (another PC's) shows when a view is next opened."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from ui_helpers import press, type_text

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.subscriber_forms import AddressDraft, PhoneDraft, SubscriberDraft
from hendazh_desktop.services.subscribers.register import SubscriberService
from hendazh_desktop.services.wiring import wire
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.main_window import MainWindow
from hendazh_desktop.ui.requests.intake_panel import IntakePanel
from hendazh_desktop.ui.requests.queue_view import QueueView
from hendazh_desktop.ui.subscribers.subscribers_view import SubscribersView


def listed_names(view: SubscribersView) -> list[str]:
    model = view.model
    return [model.row_item(row).name for row in range(model.rowCount())]


def register_at_intake(qtbot, intake: IntakePanel, phone: str, name: str) -> None:
    """As a consultant does it: an unknown number, Enter, the quick form, Enter."""
    intake.start_call()
    type_text(intake.search, phone)
    qtbot.waitUntil(lambda: "ثبت سریع" in intake.hint.text(), timeout=2000)
    press(intake.search, Qt.Key.Key_Return)
    type_text(intake.quick_register.name, name)
    intake.quick_register.address.setFocus()
    type_text(intake.quick_register.address, "شیراز، خیابان زند، کوچه ۷")
    press(intake.quick_register.address, Qt.Key.Key_Return)
    assert intake.selected_subscriber() is not None


@pytest.fixture
def window(qtbot, ctx, make_subscriber):
    make_subscriber("مریم کاظمی", "09171000001")
    win = MainWindow(context=ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_a_subscriber_registered_at_intake_is_in_the_list_without_f5(qtbot, window):
    """Issue 11: the new subscriber was missing from the subscribers list until F5."""
    window.show_view("subscribers")
    subscribers = window.subscribers
    assert listed_names(subscribers) == ["مریم کاظمی"]
    window.show_view("intake")
    register_at_intake(qtbot, window.intake, "09175554433", "نگار احمدی")
    window.view_actions["subscribers"].trigger()
    assert window.current_view() == "subscribers"
    assert listed_names(subscribers) == ["مریم کاظمی", "نگار احمدی"]


def test_views_beside_the_intake_re_read_when_they_are_shown_or_at_once(qtbot, ctx):
    """Without a window (so no database polling): only the announcement refreshes them."""
    intake = IntakePanel(context=ctx)
    subscribers = SubscribersView(context=ctx)
    queue = QueueView(context=ctx)
    for widget in (intake, subscribers, queue):
        qtbot.addWidget(widget)
        widget.show()
    queue.hide()
    register_at_intake(qtbot, intake, "09175554433", "نگار احمدی")
    assert listed_names(subscribers) == ["نگار احمدی"]  # shown: at once
    choose = intake.form.service
    choose.setCurrentIndex(choose.findText("لوله‌کشی و تأسیسات"))
    intake.form.description.setPlainText("چکه شیر آشپزخانه")
    intake.save_request()
    assert queue.model.rowCount() == 0  # hidden: nothing read for nothing
    queue.show()
    assert queue.model.rowCount() == 1  # shown: re-read


def test_a_change_nobody_announced_shows_when_a_view_is_next_opened(qtbot, ctx, ui_db, window):
    """Another PC registers a subscriber: the database's version moved, so switching views
    re-reads them."""
    other_pc = wire(Database(str(ui_db.path)))
    try:
        zone = ctx.catalogue.zones(ctx.actor)[0]
        SubscriberService(other_pc).create(
            ctx.actor,
            SubscriberDraft(
                name="رضا توکلی",
                phones=(PhoneDraft("09171000002"),),
                addresses=(AddressDraft("شیراز، خیابان زند، کوچه ۹", zone.id),),
            ),
        )
    finally:
        other_pc.dispose()
    window.show_view("subscribers")
    assert "رضا توکلی" in listed_names(window.subscribers)


def test_the_view_that_made_the_change_is_not_read_twice(qtbot, ctx, window, monkeypatch):
    queue = window.view("queue")
    window.show_view("queue")
    reads: list[bool] = []
    monkeypatch.setattr(queue, "refresh", lambda: reads.append(True))
    ctx.changes.announce(Change.REQUESTS, source=queue)
    assert reads == []
    ctx.changes.announce(Change.REQUESTS)
    assert reads == [True]
    ctx.changes.announce(Change.USERS)  # not what the queue shows
    assert reads == [True]


def test_a_view_changed_here_and_in_the_database_is_read_once_when_shown(
    qtbot, ctx, window, make_subscriber, monkeypatch
):
    queue = window.view("queue")
    window.show_view("intake")
    reads: list[bool] = []
    monkeypatch.setattr(queue, "refresh", lambda: reads.append(True))
    make_subscriber("رضا توکلی", "09171000002")  # the database moves: nobody announced it
    ctx.changes.announce(Change.REQUESTS)  # and the queue is marked as changed here
    assert reads == []  # hidden: nothing read yet
    window.show_view("queue")
    assert reads == [True]


def test_a_view_built_when_first_opened_reads_once(
    qtbot, ctx, window, make_subscriber, monkeypatch
):
    reads: list[bool] = []
    original = QueueView.refresh

    def counted(view: QueueView) -> None:
        reads.append(True)
        original(view)

    monkeypatch.setattr(QueueView, "refresh", counted)
    make_subscriber("رضا توکلی", "09171000002")  # the database moved since the window opened
    window.show_view("queue")  # built now: it reads in its constructor, and not again
    assert reads == [True]
