"""The subscriber dialog: typed input saved through the service, errors beside fields."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from ui_helpers import type_text

from hendazh_desktop.ui.dialogs.subscriber_dialog import SubscriberDialog


@pytest.fixture
def open_dialog(qtbot, ctx):
    def make(**kwargs):
        dialog = SubscriberDialog(context=ctx, **kwargs)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def save(dialog: SubscriberDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def fill_new(dialog: SubscriberDialog, *, name: str, phone: str, address: str = "") -> None:
    dialog.ui.nameEdit.setFocus()
    type_text(dialog.ui.nameEdit, name)
    type_text(dialog.phone_rows[0].number, phone)
    if address:
        row = dialog.address_rows[0]
        row.zone.setCurrentIndex(2)
        type_text(row.text, address)


def test_new_subscriber_is_saved(ctx, open_dialog):
    dialog = open_dialog()
    fill_new(dialog, name="مهناز فسایی", phone="۰۹۱۷ ۱۲۳ ۴۵۶۷", address="ملاصدرا، کوچه ۷، پلاک ۳")
    type_text(dialog.ui.nationalCodeEdit, "۰۰۷۶۲۲۹۶۴۵")
    save(dialog)
    assert dialog.saved_card is not None
    assert not dialog.isVisible()
    card = ctx.subscribers.card(ctx.actor, dialog.saved_card.id)
    assert card.name == "مهناز فسایی"
    assert card.phones[0].number == "09171234567"
    assert card.national_code == "0076229645"
    assert card.addresses[0].text == "ملاصدرا، کوچه ۷، پلاک ۳"


def test_every_bad_field_gets_a_message_and_nothing_is_saved(ctx, open_dialog):
    dialog = open_dialog()
    fill_new(dialog, name="ع", phone="0912123456")
    type_text(dialog.ui.nationalCodeEdit, "1111111111")
    dialog.ui.doNotServeCheck.setChecked(True)
    save(dialog)
    assert dialog.isVisible() and dialog.saved_card is None
    assert "کوتاه" in dialog.errors.message("name")
    assert "۱۱ رقم" in dialog.errors.message("phone:0")
    assert "معتبر نیست" in dialog.errors.message("national_code")
    assert "پر کنید" in dialog.errors.message("do_not_serve_reason")
    assert ctx.search.count(ctx.actor) == 0


def test_duplicate_phone_is_flagged_before_saving(ctx, open_dialog, make_subscriber):
    existing = make_subscriber("حمید رستمی", "09179876543")
    dialog = open_dialog()
    fill_new(dialog, name="حمیدرضا رستمی", phone="09179876543")
    hits = dialog.check_duplicates()
    assert [h.subscriber.id for h in hits] == [existing.id]
    assert dialog.ui.duplicateWarning.isVisible()
    assert "حمید رستمی" in dialog.ui.duplicateWarning.text()
    save(dialog)  # the service refuses it as well, naming the owner beside the field
    assert "حمید رستمی" in dialog.errors.message("phone:0")
    assert ctx.search.count(ctx.actor) == 1


def test_referrer_is_resolved_and_immutable_once_set(ctx, open_dialog, make_subscriber):
    referrer = make_subscriber("بابک لاری", "09171112222")
    dialog = open_dialog()
    fill_new(dialog, name="شیوا لاری", phone="09173334444")
    dialog.ui.referrerEdit.setFocus()
    type_text(dialog.ui.referrerEdit, referrer.code)
    dialog.ui.referrerEdit.editingFinished.emit()
    assert "بابک لاری" in dialog.ui.referrerName.text()
    save(dialog)
    saved = dialog.saved_card
    assert saved is not None and saved.referrer is not None
    assert saved.referrer.id == referrer.id
    edit = open_dialog(subscriber_id=saved.id)
    assert edit.ui.referrerEdit.isReadOnly()
    assert edit.windowTitle().startswith("ویرایش")


def test_edit_adds_a_second_phone(ctx, open_dialog, make_subscriber):
    card = make_subscriber("ژیلا مرادی", "09174445555")
    dialog = open_dialog(subscriber_id=card.id)
    dialog.ui.addPhoneButton.click()
    type_text(dialog.phone_rows[1].number, "071-3227-4517")
    save(dialog)
    phones = [p.number for p in ctx.subscribers.card(ctx.actor, card.id).phones]
    assert phones == ["09174445555", "07132274517"]
