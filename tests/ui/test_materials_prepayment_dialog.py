"""The materials prepayment of an agreed job with materials: asked, paid, then work starts."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from ui_helpers import type_text

from hendazh_desktop.domain.pricing import LineKind
from hendazh_desktop.services.billing.records import PaymentDraft
from hendazh_desktop.services.dispatch.work_groups import WorkGroupDraft
from hendazh_desktop.services.requests.intake import RequestDraft
from hendazh_desktop.ui.billing.materials_prepayment_dialog import MaterialsPrepaymentDialog
from hendazh_desktop.ui.dispatch.price_dialog import PriceDialog


@pytest.fixture
def agreed(qtbot, ctx, make_subscriber):
    services = {s.name: s.id for s in ctx.catalogue.services(ctx.actor)}
    plumbing = services["لوله‌کشی و تأسیسات"]
    zone = ctx.catalogue.zones(ctx.actor)[0].id
    group = ctx.work_groups.create(
        ctx.actor,
        WorkGroupDraft(
            name="لوله‌کشان",
            kind="person",
            phone="09170000001",
            daily_capacity="3",
            members=(("مجید", ""),),
            skills=((plumbing, 4),),
            zone_ids=(zone,),
        ),
    )
    card = make_subscriber("ژیلا مرادی", "09174445555")
    request = ctx.intake.create_request(
        ctx.actor, RequestDraft(card.id, plumbing, card.addresses[0].id)
    )
    ctx.dispatch.assign(ctx.actor, request.id, group.id, dt.date.today(), expected_version=1)
    ctx.job_sheets.dispatch(ctx.actor, request.id, expected_version=2)
    price = PriceDialog(context=ctx, request_id=request.id)
    qtbot.addWidget(price)
    price.add_line(LineKind.LABOUR, "تعویض لوله", "۱", "۲٬۰۰۰٬۰۰۰")
    price.add_line(LineKind.MATERIAL, "لوله و اتصالات", "۲", "۱٬۵۰۰٬۰۰۰")
    assert price.present()
    price.person.setText("ژیلا مرادی")
    assert price.agree()
    assert not price.start_work()  # the materials prepayment is due first
    assert price.materials_button.isEnabled()
    return request.id, card.id, price


def test_ask_the_default_share_then_pay_then_start(qtbot, ctx, agreed):
    request_id, subscriber_id, price = agreed
    dialog = MaterialsPrepaymentDialog(context=ctx, request_id=request_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "۱٬۵۰۰٬۰۰۰" in dialog.summary.text()  # 50% of 3,000,000 of materials
    assert not dialog.pay_button.isEnabled()  # nothing asked yet
    dialog.amount.clear()
    assert dialog.ask()
    assert "درخواست‌شده: ۱٬۵۰۰٬۰۰۰" in dialog.summary.text()
    assert dialog.pay_button.isEnabled()
    ctx.payments.record_payment(
        ctx.actor,
        PaymentDraft(str(uuid.uuid4()), subscriber_id, "cash", "1500000", request_id=request_id),
    )
    dialog.reload()
    assert "پرداخت کامل" in dialog.summary.text() and not dialog.pay_button.isEnabled()
    price.reload()
    assert price.start_work()


def test_a_typed_amount_beyond_the_price_is_refused_at_the_field(qtbot, ctx, agreed):
    request_id, _, _ = agreed
    dialog = MaterialsPrepaymentDialog(context=ctx, request_id=request_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.amount.clear()
    type_text(dialog.amount, "۹۰٬۰۰۰٬۰۰۰")
    assert not dialog.ask()
    assert dialog.amount_error.isVisible() and dialog.amount_error.text()
    assert ctx.invoices.money_status(ctx.actor, request_id).materials_asked == 0
