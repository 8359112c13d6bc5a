"""The queue: filters, Jalali date range, history, cancel with a reason, verify a web form."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from ui_helpers import type_text

from hendazh_desktop.services.intake import RequestDraft
from hendazh_desktop.ui.dialogs.reason_dialog import ReasonDialog
from hendazh_desktop.ui.models.window_model import select_row
from hendazh_desktop.ui.views.queue_view import QueueView


@pytest.fixture
def requests(ctx, make_subscriber):
    services = {s.name: s for s in ctx.catalogue.services(ctx.actor)}
    made = []
    for index, (name, phone, service) in enumerate(
        [
            ("سمیرا اکبری", "09171000001", "نظافت"),
            ("فرزاد اکبری", "09171000002", "برق‌کاری"),
            ("هومن طاهری", "09171000003", "خدمات آموزشی"),
        ]
    ):
        card = make_subscriber(name, phone)
        created = ctx.intake.create_request(
            ctx.actor,
            RequestDraft(
                card.id,
                services[service].id,
                card.addresses[0].id,
                description=f"شرح {index}",
                priority=2 if index == 1 else 1,
            ),
        )
        made.append(created)
    return made


@pytest.fixture
def view(qtbot, ctx, requests):
    widget = QueueView(context=ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_model_checks_and_filters(qtmodeltester, qtbot, view):
    qtmodeltester.check(view.model, force_py=True)
    assert view.model.rowCount() == 3
    assert view.model.row_item(0).priority == 2  # most urgent first
    view.status.setCurrentIndex(3)  # awaiting prepayment
    assert [view.model.row_item(r).service for r in range(view.model.rowCount())] == [
        "خدمات آموزشی"
    ]
    view.status.setCurrentIndex(0)
    view.service.setCurrentIndex(view.service.findText("نظافت"))
    assert view.model.rowCount() == 1
    view.service.setCurrentIndex(0)
    view.text.setFocus()
    type_text(view.text, "اکبری")
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=2000)


def test_reversed_date_range_keeps_the_list_and_says_why(view):
    today = dt.date.today()
    view.date_from.set_value(today)
    view.date_to.set_value(today - dt.timedelta(days=3))
    assert "پیش از تاریخ شروع" in view.errors.message("date_to")
    view.date_to.set_value(today + dt.timedelta(days=1))
    assert view.errors.message("date_to") == ""
    assert view.model.rowCount() == 3


def test_selecting_shows_details_and_history(view, requests):
    assert view.show_request(requests[0].id)
    assert "شرح ۰" in view.details.text() or "شرح 0" in view.details.text()
    assert view.history_model.rowCount() == 1
    assert "در صف" in view.history_model.data(view.history_model.index(0, 0))


def test_cancel_needs_a_reason_and_is_recorded(qtbot, ctx, view, requests):
    view.show_request(requests[0].id)
    row = view.selected()
    dialog = ReasonDialog(
        title="لغو",
        question="؟",
        parent=view,
        action=lambda reason: ctx.queue.cancel(
            ctx.actor, row.id, reason, expected_version=row.version
        ),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()
    assert "پر کنید" in dialog.errors.message("reason")
    assert ctx.queue.get(ctx.actor, row.id).status == "queued"
    type_text(dialog.reason, "مشترک منصرف شد")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert not dialog.isVisible()
    assert ctx.queue.get(ctx.actor, row.id).status == "cancelled"
    history = ctx.queue.history(ctx.actor, row.id)
    assert history[-1].reason == "مشترک منصرف شد"
    view.refresh()
    view.status.setCurrentIndex(4)  # cancelled: still listed, never deleted
    assert view.model.rowCount() == 1


def test_web_form_request_is_verified(ctx, view, make_subscriber):
    card = make_subscriber("رویا صفری", "09177778888")
    data = ("ref,phone,service\nw-1,09177778888,نظافت\n").encode()
    report = ctx.webform.import_bytes(ctx.actor, "forms.csv", data)
    assert report.ok and report.matched == 1
    view.status.setCurrentIndex(2)  # to verify
    assert view.model.rowCount() == 1
    select_row(view.table, 0)
    assert view.verify_button.isEnabled()
    row = view.selected()
    status = ctx.queue.verify(
        ctx.actor, row.id, subscriber_id=card.id, expected_version=row.version
    )
    assert status.value == "queued"
    view.refresh()
    assert view.model.rowCount() == 0
