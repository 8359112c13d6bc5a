"""The audit view: a change made through the app appears with before and after; tampering
behind the app's back is reported."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from hendazh_desktop.services.audit import AuditService
from hendazh_desktop.services.subscriber_forms import AddressDraft, PhoneDraft, SubscriberDraft
from hendazh_desktop.ui.models.window_model import select_row
from hendazh_desktop.ui.views.audit_view import AuditView


@pytest.fixture
def changed(ctx, make_subscriber):
    card = make_subscriber("پویا نجفی", "09172223333")
    ctx.subscribers.update(
        ctx.actor,
        card.id,
        SubscriberDraft(
            name="پویا نجفی‌زاده",
            phones=(PhoneDraft("09172223333"),),
            addresses=(
                AddressDraft(
                    card.addresses[0].text, card.addresses[0].zone_id, id=card.addresses[0].id
                ),
            ),
        ),
        expected_version=card.version,
    )
    return card


@pytest.fixture
def view(qtbot, ctx, ui_db, changed):
    widget = AuditView(audit=AuditService(ui_db), actor=ctx.actor)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_change_shows_before_and_after_side_by_side(qtmodeltester, view):
    qtmodeltester.check(view.model, force_py=True)
    assert view.model.rowCount() == 2
    select_row(view.table, 0)  # newest first: the edit
    assert view.diff.rowCount() == 1
    assert view.diff.item(0, 0).text() == "نام"
    assert view.diff.item(0, 1).text() == "پویا نجفی"
    assert view.diff.item(0, 2).text() == "پویا نجفی‌زاده"


def test_filters_by_type_and_dates(view):
    view.entity.setCurrentIndex(view.entity.findData("request"))
    assert view.model.rowCount() == 0
    view.entity.setCurrentIndex(view.entity.findData("subscriber"))
    assert view.model.rowCount() == 2
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    view.date_from.set_value(tomorrow)
    assert view.model.rowCount() == 0
    view.date_from.set_value(None)
    view.user.setCurrentIndex(view.user.findText("آزمونگر"))
    assert view.model.rowCount() == 2


def test_verify_reports_a_tampered_entry(view, ui_db):
    view.verify()
    assert "سالم" in view.verify_result.text()
    raw = sqlite3.connect(ui_db.path)
    raw.execute("DROP TRIGGER audit_log_no_update")
    raw.execute("""UPDATE audit_log SET after_json = '{"name":"کسی دیگر"}' WHERE id = 2""")
    raw.commit()
    raw.close()
    view.verify()
    assert "شکسته" in view.verify_result.text() and "۲" in view.verify_result.text()
