"""The price dialog: lines typed in Persian digits, a version, agreement, work started."""

from __future__ import annotations

import datetime as dt

import pytest
from ui_helpers import type_text

from hendazh_desktop.db.repositories.requests import QueueQuery
from hendazh_desktop.domain.pricing import LineKind
from hendazh_desktop.services.dispatch.work_groups import WorkGroupDraft
from hendazh_desktop.services.requests.intake import RequestDraft
from hendazh_desktop.ui.dispatch.price_dialog import PriceDialog


@pytest.fixture
def dispatched(ctx, make_subscriber):
    services = {s.name: s.id for s in ctx.catalogue.services(ctx.actor)}
    zone = ctx.catalogue.zones(ctx.actor)[0].id
    group = ctx.work_groups.create(
        ctx.actor,
        WorkGroupDraft(
            name="نظافت‌کاران",
            kind="person",
            phone="09170000001",
            daily_capacity="3",
            members=(("سمیرا", ""),),
            skills=((services["نظافت"], 4),),
            zone_ids=(zone,),
        ),
    )
    card = make_subscriber("ژیلا مرادی", "09174445555")
    request = ctx.intake.create_request(
        ctx.actor, RequestDraft(card.id, services["نظافت"], card.addresses[0].id)
    )
    ctx.dispatch.assign(ctx.actor, request.id, group.id, dt.date.today(), expected_version=1)
    ctx.job_sheets.dispatch(ctx.actor, request.id, expected_version=2)
    return request.id


@pytest.fixture
def dialog(qtbot, ctx, dispatched):
    # not given to qtbot: its clean-up closes widgets, and closing with unsaved lines asks
    widget = PriceDialog(context=ctx, request_id=dispatched)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.done(0)
    widget.deleteLater()


def test_price_then_agreement_then_start(ctx, dialog, dispatched):
    dialog.add_line(LineKind.LABOUR, "نظافت کامل واحد", "۱", "")
    dialog.lines.item(0, 3).setText("۳٬۵۰۰٬۰۰۰")
    assert "۳٬۵۰۰٬۰۰۰" in dialog.totals.text()
    assert dialog.present()
    assert dialog.versions.count() == 1 and "نسخه ۱" in dialog.versions.item(0).text()
    assert ctx.queue.get(ctx.actor, dispatched).status == "price_presented"
    assert not dialog.agree()  # who agreed is required
    assert "پر کنید" in dialog.errors.message("person")
    dialog.person.setFocus()
    type_text(dialog.person, "ژیلا مرادی")
    assert dialog.agree()
    assert "موافقت" in dialog.versions.item(0).text()
    assert dialog.start_work()  # labour only: no materials prepayment needed
    assert ctx.queue.get(ctx.actor, dispatched).status == "in_progress"
    assert dialog.finish()
    assert ctx.queue.get(ctx.actor, dispatched).status == "done"


def test_bad_lines_are_refused_with_a_message(ctx, dialog):
    assert not dialog.present()  # no lines at all
    assert "ردیف" in dialog.errors.message("lines")
    dialog.add_line(LineKind.MATERIAL, "", "۰", "abc")
    assert not dialog.present()
    assert "ردیف ۱: این بخش را پر کنید." in dialog.state.text()  # which line, in Persian
    assert ctx.pricing.prices(ctx.actor, dialog.request_id) == []


def test_rework_of_a_finished_job_from_the_queue(
    qtbot, ctx, ui_db, dialog, dispatched, monkeypatch
):
    from hendazh_desktop.ui.requests.queue_view import QueueView

    dialog.add_line(LineKind.LABOUR, "نظافت", "۱", "۱۰۰٬۰۰۰")
    assert dialog.present()
    dialog.person.setText("ژیلا مرادی")
    assert dialog.agree() and dialog.start_work() and dialog.finish()
    queue = QueueView(context=ctx)
    qtbot.addWidget(queue)
    queue.status.setCurrentIndex(queue.status.count() - 1)  # all
    assert queue.show_request(dispatched)
    assert queue.rework_button.isEnabled()

    def fake_exec(reason_dialog):
        reason_dialog.reason.setText("لکه‌ها دوباره پیدا شد")
        reason_dialog.submit()
        return 1

    monkeypatch.setattr("hendazh_desktop.ui.common.reason_dialog.ReasonDialog.exec", fake_exec)
    queue.rework_selected()
    with ui_db.read() as uow:  # the new request points at the finished one
        queued = uow.requests.page(QueueQuery(statuses=("queued",)), 0, 10)
        assert [uow.requests.get(r[0]).rework_of_id for r in queued] == [dispatched]


def test_a_role_that_does_not_dispatch_only_reads_the_price(qtbot, consultant_ctx, dispatched):
    widget = PriceDialog(context=consultant_ctx, request_id=dispatched)
    qtbot.addWidget(widget)
    assert not widget.can_price
    for button in (
        widget.present_button,
        widget.agree_button,
        widget.decline_button,
        widget.start_button,
        widget.finish_button,
    ):
        assert not button.isEnabled(), button.text()


def test_price_lines_are_typed_in_persian_digits(dialog):
    """The unit price is grouped with «٬» and the quantity shown in Persian digits as typed;
    the total reads them back."""
    from PySide6.QtWidgets import QAbstractItemDelegate, QLineEdit

    dialog.add_line(LineKind.LABOUR, "تعویض شیر")
    row = dialog.lines.rowCount() - 1
    for column, typed, shown in ((3, "800000", "۸۰۰٬۰۰۰"), (2, "12", "۱۲")):
        dialog.lines.setCurrentCell(row, column)
        dialog.lines.edit(dialog.lines.model().index(row, column))
        editors = [e for e in dialog.lines.viewport().findChildren(QLineEdit) if e.isVisible()]
        assert len(editors) == 1
        editor = editors[0]
        editor.selectAll()
        type_text(editor, typed)
        assert editor.text() == shown
        dialog.lines.commitData(editor)
        dialog.lines.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        assert dialog.lines.item(row, column).text() == shown
    assert "۹٬۶۰۰٬۰۰۰" in dialog.totals.text()  # 12 × 800,000
