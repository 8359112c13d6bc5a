"""The queue: filters, Jalali date range, history, cancel with a reason, verify a web form."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QHeaderView, QMessageBox
from ui_helpers import type_text

from hendazh_desktop.services.requests.intake import RequestDraft
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.reason_dialog import ReasonDialog
from hendazh_desktop.ui.common.window_model import select_row
from hendazh_desktop.ui.requests.queue_model import PRIORITY_COLUMN
from hendazh_desktop.ui.requests.queue_view import ALL_STATUSES, STATUS_GROUPS, QueueView
from hendazh_desktop.ui.subscribers.pick_subscriber_dialog import PickSubscriberDialog

CANCELLED = next(i for i, (label, _s) in enumerate(STATUS_GROUPS) if label == "لغوشده")
TO_VERIFY = next(i for i, (_l, statuses) in enumerate(STATUS_GROUPS) if statuses == ("to_verify",))
PREPAYMENT = next(
    i for i, (_l, statuses) in enumerate(STATUS_GROUPS) if statuses == ("awaiting_prepayment",)
)


@pytest.fixture
def requests(ctx, make_subscriber):
    """Three calls: a normal cleaning job, an urgent electrical one, a prepaid class."""
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


def listed(view) -> list[int]:
    return [view.model.row_item(r).id for r in range(view.model.rowCount())]


def click_ok(dialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def import_forms(ctx, lines: str):
    report = ctx.webform.import_bytes(ctx.actor, "forms.csv", lines.encode())
    assert report.ok, report.problems
    return report


def test_queue_model_passes_the_model_tester(qtmodeltester, ctx, view, requests):
    row = ctx.queue.get(ctx.actor, requests[0].id)
    ctx.queue.cancel(ctx.actor, row.id, "تکراری بود", expected_version=row.version)
    import_forms(ctx, "ref,phone,name,service\nw-1,09350000000,کیان پارسا,نظافت\n")
    view.status.setCurrentIndex(ALL_STATUSES)
    assert view.model.rowCount() == 4
    qtmodeltester.check(view.model, force_py=True)
    view.show_request(requests[0].id)
    assert view.history_model.rowCount() == 2
    qtmodeltester.check(view.history_model, force_py=True)


def test_most_urgent_first_and_sort_orders(view, requests):
    assert listed(view) == [requests[1].id, requests[0].id, requests[2].id]
    view.sort.setCurrentIndex(view.sort.findData("newest"))
    assert listed(view) == [requests[2].id, requests[1].id, requests[0].id]
    view.sort.setCurrentIndex(view.sort.findData("number"))
    assert listed(view) == [r.id for r in requests]
    assert [view.sort.itemData(i) for i in range(view.sort.count())] == [
        "urgency",
        "newest",
        "oldest",
        "number",
        "preferred_date",
        "status",
    ]
    assert view.sort.itemText(0) == "فوریت و قدمت"


def test_filters_by_status_service_zone_and_text(qtbot, ctx, view, requests):
    assert view.count_label.text() == "۳ درخواست"
    view.status.setCurrentIndex(PREPAYMENT)
    assert [view.model.row_item(r).service for r in range(view.model.rowCount())] == [
        "خدمات آموزشی"
    ]
    view.status.setCurrentIndex(0)
    view.service.setCurrentIndex(view.service.findText("نظافت"))
    assert listed(view) == [requests[0].id]
    view.service.setCurrentIndex(0)
    view.zone.setCurrentIndex(2)  # every subscriber lives in the first zone
    assert view.model.rowCount() == 0
    view.zone.setCurrentIndex(1)
    assert view.model.rowCount() == 3
    view.text.setFocus()
    type_text(view.text, "اکبری")
    assert view.model.rowCount() == 3  # debounced: no query per keystroke
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=2000)
    view.text.clear()
    type_text(view.text, "۰۹۱۷ ۱۰۰ ۰۰۰۳")  # a phone as people type it
    QTest.keyClick(view.text, Qt.Key.Key_Return)  # Enter does not wait for the debounce
    assert listed(view) == [requests[2].id]
    view.text.clear()
    type_text(view.text, str(requests[1].id))
    qtbot.waitUntil(lambda: listed(view) == [requests[1].id], timeout=2000)


def test_one_count_per_query(ctx, view, monkeypatch):
    calls: list[object] = []
    count = ctx.queue.count
    monkeypatch.setattr(
        ctx.queue, "count", lambda actor, flt: calls.append(flt) or count(actor, flt)
    )
    view.refresh()
    assert len(calls) == 1


def test_table_never_measures_every_row(view):
    rows = view.table.verticalHeader()
    assert rows.sectionResizeMode(0) == QHeaderView.ResizeMode.Fixed
    columns = view.table.horizontalHeader()
    modes = {columns.sectionResizeMode(c) for c in range(view.model.columnCount())}
    assert QHeaderView.ResizeMode.ResizeToContents not in modes


def test_urgent_requests_stand_out_and_cancelled_ones_are_grey(ctx, view, requests):
    urgent = view.model.index(0, PRIORITY_COLUMN)
    normal = view.model.index(1, PRIORITY_COLUMN)
    assert view.model.data(urgent) == "فوری"
    assert view.model.data(urgent, Qt.ItemDataRole.BackgroundRole) is not None
    assert view.model.data(normal, Qt.ItemDataRole.BackgroundRole) is None
    assert view.model.data(view.model.index(0, 2)) != "—"  # waiting time of an open request
    row = view.model.row_item(1)
    ctx.queue.cancel(ctx.actor, row.id, "منصرف شد", expected_version=row.version)
    view.status.setCurrentIndex(CANCELLED)
    assert view.model.data(view.model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert view.model.data(view.model.index(0, 2)) == "—"  # a cancelled request waits no more


def test_jalali_date_range_and_a_reversed_range(view):
    today = dt.date.today()
    view.date_from.set_value(today)
    view.date_to.set_value(today)
    assert view.model.rowCount() == 3
    view.date_from.set_value(today + dt.timedelta(days=1))
    view.date_to.set_value(None)
    assert view.model.rowCount() == 0
    view.date_from.set_value(today)
    assert view.model.rowCount() == 3
    view.date_to.set_value(today - dt.timedelta(days=3))
    assert view.errors.message("date_to") == "تاریخ پایان پیش از تاریخ شروع است."
    assert view.date_error.isVisibleTo(view)
    assert view.model.rowCount() == 3  # the old list stays
    view.date_to.set_value(today + dt.timedelta(days=1))
    assert view.errors.message("date_to") == ""
    assert view.model.rowCount() == 3


def test_selecting_shows_details_and_history(view, requests):
    assert view.details.text() == "درخواستی انتخاب نشده است."
    assert view.show_request(requests[0].id)
    text = view.details.text()
    assert "شرح: شرح 0" in text and "شیراز، خیابان زند" in text and "راه ارتباط: تلفن" in text
    assert view.history_model.rowCount() == 1
    cells = [view.history_model.data(view.history_model.index(0, c)) for c in range(5)]
    assert cells[1] == "آزمونگر" and cells[2] == "—" and cells[3] == "در صف"
    assert cells[0].startswith("۱۴")  # Jalali year, Persian digits


def test_cancel_from_the_view_asks_a_reason_and_records_it(
    qtbot, ctx, view, requests, answer_modal
):
    view.show_request(requests[0].id)
    messages: list[str] = []
    view.status_message.connect(messages.append)

    def fill(dialog: ReasonDialog) -> None:
        type_text(dialog.reason, "مشترک منصرف شد")
        click_ok(dialog)

    handled = answer_modal(ReasonDialog, fill)
    qtbot.waitActive(view)
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert handled
    assert ctx.queue.get(ctx.actor, requests[0].id).status == "cancelled"
    history = ctx.queue.history(ctx.actor, requests[0].id)
    assert (history[-1].from_status, history[-1].to_status) == ("queued", "cancelled")
    assert history[-1].reason == "مشترک منصرف شد"
    assert messages == [f"درخواست {fmt.number(requests[0].id)} لغو شد."]
    # the open list no longer shows it; «لغوشده» does, with its reason: nothing is deleted
    assert requests[0].id not in listed(view)
    view.status.setCurrentIndex(CANCELLED)
    assert listed(view) == [requests[0].id]
    assert view.show_request(requests[0].id)
    assert view.history_model.data(view.history_model.index(1, 4)) == "مشترک منصرف شد"
    assert not view.cancel_button.isEnabled()


def test_an_empty_or_short_reason_is_refused(qtbot, ctx, view, requests, answer_modal):
    view.show_request(requests[0].id)
    seen: list[str] = []

    def fill(dialog: ReasonDialog) -> None:
        click_ok(dialog)
        seen.append(dialog.errors.message("reason"))
        type_text(dialog.reason, "نه")
        click_ok(dialog)
        seen.append(dialog.errors.message("reason"))
        assert dialog.isVisible()  # still asking; the fixture closes it

    answer_modal(ReasonDialog, fill)
    view.cancel_selected()
    assert seen == ["این بخش را پر کنید.", "خیلی کوتاه است (دست‌کم ۳ نویسه)."]
    assert ctx.queue.get(ctx.actor, requests[0].id).status == "queued"
    assert len(ctx.queue.history(ctx.actor, requests[0].id)) == 1
    assert view.selected().id == requests[0].id


def test_a_request_changed_meanwhile_is_not_cancelled_blindly(ctx, view, requests, answer_modal):
    view.show_request(requests[1].id)
    row = view.selected()
    ctx.queue.cancel(ctx.actor, row.id, "از پیشخوان دیگر", expected_version=row.version)
    warnings: list[str] = []

    def fill(dialog: ReasonDialog) -> None:
        type_text(dialog.reason, "مشترک منصرف شد")
        click_ok(dialog)

    answer_modal(ReasonDialog, fill)
    answer_modal(QMessageBox, lambda box: warnings.append(box.text()))
    view.cancel_selected()
    assert warnings == [
        "این اطلاعات در این فاصله توسط کاربر دیگری تغییر کرده است. دوباره باز کنید."
    ]
    history = ctx.queue.history(ctx.actor, row.id)
    assert [h.reason for h in history] == ["", "از پیشخوان دیگر"]  # not cancelled twice
    assert row.id not in listed(view)  # refreshed: it left the open list


def test_matched_web_form_is_verified_with_its_subscriber(ctx, view, make_subscriber, answer_modal):
    card = make_subscriber("رویا صفری", "09177778888")
    import_forms(ctx, "ref,phone,service\nw-1,09177778888,نظافت\n")
    view.status.setCurrentIndex(TO_VERIFY)
    assert view.model.rowCount() == 1
    select_row(view.table, 0)
    assert view.verify_button.isEnabled() and "فرم وب" in view.details.text()
    preselected: list[object] = []

    def fill(dialog: PickSubscriberDialog) -> None:
        index = dialog.table.currentIndex()
        preselected.append(dialog.model.row_item(index.row()).id)
        click_ok(dialog)

    answer_modal(PickSubscriberDialog, fill)
    row = view.selected()
    view.verify_selected()
    assert preselected == [card.id]
    verified = ctx.queue.get(ctx.actor, row.id)
    assert verified.status == "queued" and verified.subscriber_code == card.code
    assert ctx.queue.history(ctx.actor, row.id)[-1].reason == "تأیید فرم وب"
    assert view.model.rowCount() == 0


def test_unmatched_web_form_is_verified_after_a_search(ctx, view, make_subscriber, answer_modal):
    card = make_subscriber("کیان پارسا", "09179990000")
    import_forms(ctx, "ref,phone,name,service\nw-2,09350001111,کیان پارسا,برق‌کاری\n")
    view.status.setCurrentIndex(TO_VERIFY)
    select_row(view.table, 0)
    assert "هنوز به مشترکی وصل نشده" in view.details.text()

    def fill(dialog: PickSubscriberDialog) -> None:
        assert dialog.search.text() == "کیان پارسا"  # searched by the sender's name
        dialog.search.clear()
        type_text(dialog.search, "پیدانشدنی")
        dialog.run_search()
        assert dialog.model.rowCount() == 0 and "پیدا نشد" in dialog.found.text()
        dialog.search.clear()
        type_text(dialog.search, "09179990000")
        dialog.run_search()
        click_ok(dialog)

    answer_modal(PickSubscriberDialog, fill)
    row = view.selected()
    view.verify_selected()
    assert ctx.queue.get(ctx.actor, row.id).subscriber_code == card.code


def test_show_request_finds_a_request_the_filters_hide(ctx, view, requests):
    row = ctx.queue.get(ctx.actor, requests[2].id)
    ctx.queue.cancel(ctx.actor, row.id, "پرداخت نشد", expected_version=row.version)
    view.refresh()
    assert requests[2].id not in listed(view)
    assert view.show_request(requests[2].id)
    assert view.selected().id == requests[2].id
    assert view.status.currentIndex() == ALL_STATUSES
    assert not view.show_request(99_999)


def test_refresh_keeps_the_selection_and_stale_views_wait_until_shown(
    ctx, view, requests, make_subscriber
):
    view.show_request(requests[0].id)
    card = make_subscriber("نرگس موسوی", "09171000009")
    service = ctx.catalogue.services(ctx.actor)[0]
    ctx.intake.create_request(
        ctx.actor, RequestDraft(card.id, service.id, card.addresses[0].id, priority=3)
    )
    view.mark_stale()  # shown: at once
    assert view.model.rowCount() == 4
    assert view.selected().id == requests[0].id
    view.hide()
    ctx.intake.create_request(ctx.actor, RequestDraft(card.id, service.id, card.addresses[0].id))
    view.mark_stale()
    assert view.model.rowCount() == 4  # hidden: later
    view.show()
    assert view.model.rowCount() == 5
    assert view.selected().id == requests[0].id


def test_a_prepaid_request_a_consultant_took_gets_its_invoice_from_the_queue(
    ui_db, ctx, view, make_subscriber
):
    """A consultant may not issue invoices: the request waits; the queue's button issues it."""
    from hendazh_desktop.domain.permissions import Role
    from hendazh_desktop.services.accounts.bootstrap import office_actor

    consultant = office_actor(ui_db, "sara", role=Role.CONSULTANT)
    services = {s.name: s for s in ctx.catalogue.services(ctx.actor)}
    card = make_subscriber("نگار پیش‌پرداختی", "09171000009")
    made = ctx.intake.create_request(
        consultant,
        RequestDraft(card.id, services["خدمات آموزشی"].id, card.addresses[0].id),
    )
    assert ctx.invoices.money_status(ctx.actor, made.id).prepayment_invoice_id is None
    view.refresh()
    assert view.show_request(made.id)
    assert view.prepay_button.isVisible() and view.prepay_button.isEnabled()
    view.prepay_button.click()
    assert ctx.invoices.money_status(ctx.actor, made.id).prepayment_invoice_id is not None
