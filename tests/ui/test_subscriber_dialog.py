"""The subscriber dialog: typed input saved through the service, errors beside fields."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from ui_helpers import press, type_text

from hendazh_desktop.domain.subscriber_forms import AddressDraft, PhoneDraft, SubscriberDraft
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.subscribers.subscriber_dialog import SubscriberDialog


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


def activate(qtbot, dialog: SubscriberDialog) -> None:
    """Focus changes and shortcuts need the dialog to be the active window."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)


def test_empty_name_and_a_phone_of_letters_are_refused(ctx, open_dialog):
    dialog = open_dialog()
    type_text(dialog.phone_rows[0].number, "abc")
    type_text(dialog.address_rows[0].postal, "123")
    save(dialog)
    assert dialog.saved_card is None and dialog.isVisible()
    assert "پر کنید" in dialog.errors.message("name")
    assert dialog.errors.message("phone:0")  # a Persian sentence beside the number
    assert "۱۰ رقم" in dialog.errors.message("address:0:postal_code")
    assert "پر کنید" in dialog.errors.message("address:0:zone")
    assert dialog.ui.nameError.isVisible()
    assert ctx.search.count(ctx.actor) == 0


def test_fixing_the_fields_clears_the_messages_and_saves(ctx, open_dialog):
    dialog = open_dialog()
    fill_new(dialog, name="", phone="0917")
    save(dialog)
    assert dialog.errors.message("name") and dialog.errors.message("phone:0")
    type_text(dialog.ui.nameEdit, "رویا شکوهی")
    type_text(dialog.phone_rows[0].number, "1234567")
    save(dialog)
    assert dialog.saved_card is not None
    assert ctx.search.search(ctx.actor, "شکوهی")[0].phone == "09171234567"


def test_enter_saves(qtbot, ctx, open_dialog):
    dialog = open_dialog()
    activate(qtbot, dialog)
    fill_new(dialog, name="پرستو آذر", phone="09172223333")
    press(dialog.phone_rows[0].number, Qt.Key.Key_Return)
    assert dialog.saved_card is not None and not dialog.isVisible()
    assert ctx.search.count(ctx.actor) == 1


def test_ctrl_s_saves_and_escape_cancels(qtbot, ctx, open_dialog):
    first = open_dialog()
    activate(qtbot, first)
    fill_new(first, name="سامان آذر", phone="09172224444")
    press(first.ui.nameEdit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert first.saved_card is not None
    second = open_dialog()
    activate(qtbot, second)
    fill_new(second, name="سوسن آذر", phone="09172225555")
    press(second.ui.nameEdit, Qt.Key.Key_Escape)
    assert not second.isVisible() and second.saved_card is None
    assert ctx.search.count(ctx.actor) == 1


def test_duplicate_phone_warning_appears_when_the_field_is_left(
    qtbot, ctx, open_dialog, make_subscriber
):
    existing = make_subscriber("فرهاد کازرونی", "09178889999")
    dialog = open_dialog()
    activate(qtbot, dialog)
    dialog.phone_rows[0].number.setFocus()
    type_text(dialog.phone_rows[0].number, "۰۹۱۷ ۸۸۸ ۹۹۹۹")
    press(dialog.phone_rows[0].number, Qt.Key.Key_Tab)  # focus leaves the number
    qtbot.waitUntil(dialog.ui.duplicateWarning.isVisible, timeout=2000)
    text = dialog.ui.duplicateWarning.text()
    assert "فرهاد کازرونی" in text
    assert fmt.code(existing.code) in text
    assert ctx.search.count(ctx.actor) == 1  # nothing saved by the check


def test_duplicate_national_code_warning_and_open_link(qtbot, ctx, open_dialog):
    zone = ctx.catalogue.zones(ctx.actor)[0]
    owner = ctx.subscribers.create(
        ctx.actor,
        SubscriberDraft(
            name="نسرین جهرمی",
            phones=(PhoneDraft("09170001111"),),
            addresses=(AddressDraft("شیراز، معالی‌آباد، کوچه ۳", zone.id),),
            national_code="0076229645",
        ),
    )
    dialog = open_dialog()
    type_text(dialog.ui.nationalCodeEdit, "۰۰۷۶۲۲۹۶۴۵")
    dialog.ui.nationalCodeEdit.editingFinished.emit()
    assert dialog.ui.duplicateWarning.isVisible()
    assert "نسرین جهرمی" in dialog.ui.duplicateWarning.text()
    with qtbot.waitSignal(dialog.open_subscriber_requested) as opened:
        dialog.ui.duplicateWarning.linkActivated.emit(str(owner.id))
    assert opened.args == [owner.id]
    assert not dialog.isVisible()


def test_warning_goes_away_when_the_duplicate_row_is_removed(ctx, open_dialog, make_subscriber):
    make_subscriber("فرهاد کازرونی", "09178889999")
    dialog = open_dialog()
    type_text(dialog.phone_rows[0].number, "09171230000")
    dialog.add_phone_row()
    type_text(dialog.phone_rows[1].number, "09178889999")
    assert dialog.check_duplicates()
    dialog.phone_rows[1].remove.click()
    assert len(dialog.phone_rows) == 1
    assert not dialog.ui.duplicateWarning.isVisible()


def test_unknown_referrer_is_named_beside_the_field_without_trapping_focus(qtbot, ctx, open_dialog):
    dialog = open_dialog()
    activate(qtbot, dialog)
    dialog.ui.referrerEdit.setFocus()
    type_text(dialog.ui.referrerEdit, "09170000000")
    press(dialog.ui.referrerEdit, Qt.Key.Key_Tab)
    assert "پیدا نشد" in dialog.ui.referrerError.text()
    assert dialog.ui.referrerError.isVisible()
    assert dialog.focusWidget() is dialog.phone_rows[0].number


def test_editing_keeps_the_referrer(ctx, open_dialog, make_subscriber):
    referrer = make_subscriber("بابک لاری", "09171112222")
    zone = ctx.catalogue.zones(ctx.actor)[0]
    card = ctx.subscribers.create(
        ctx.actor,
        SubscriberDraft(
            name="شیوا لاری",
            phones=(PhoneDraft("09173334444"),),
            addresses=(AddressDraft("شیراز، زرهی، کوچه ۹", zone.id),),
            referrer=referrer.code,
        ),
    )
    dialog = open_dialog(subscriber_id=card.id)
    edit = dialog.ui.referrerEdit
    assert edit.isReadOnly()
    assert "بابک لاری" in dialog.ui.referrerName.text()
    type_text(edit, "09170000000")  # read-only: typing changes nothing
    assert edit.text() == fmt.code(referrer.code)
    dialog.ui.nameEdit.clear()
    type_text(dialog.ui.nameEdit, "شیوا لاری‌پور")
    save(dialog)
    saved = ctx.subscribers.card(ctx.actor, card.id)
    assert saved.name == "شیوا لاری‌پور"
    assert saved.referrer is not None and saved.referrer.id == referrer.id


def test_tab_goes_down_the_form_row_by_row(qtbot, open_dialog):
    dialog = open_dialog()
    activate(qtbot, dialog)
    dialog.ui.addPhoneButton.click()  # a second phone row, added after the address row
    ui, phones, address = dialog.ui, dialog.phone_rows, dialog.address_rows[0]
    expected = [
        ui.nameEdit,
        ui.nationalCodeEdit,
        ui.referrerEdit,
        phones[0].number,
        phones[0].label,
        phones[0].remove,
        phones[1].number,
        phones[1].label,
        phones[1].remove,
        ui.addPhoneButton,
        address.title,
        address.zone,
        address.text,
        address.postal,
        address.remove,
        ui.addAddressButton,
        ui.doNotServeCheck,
    ]
    ui.nameEdit.setFocus()
    seen = [dialog.focusWidget()]
    for _ in expected[1:]:
        press(dialog.focusWidget(), Qt.Key.Key_Tab)
        seen.append(dialog.focusWidget())
    assert seen == expected


def test_at_most_five_phones_and_ten_addresses(open_dialog):
    dialog = open_dialog()
    while dialog.ui.addPhoneButton.isEnabled():
        dialog.ui.addPhoneButton.click()
    while dialog.ui.addAddressButton.isEnabled():
        dialog.ui.addAddressButton.click()
    assert len(dialog.phone_rows) == 5
    assert len(dialog.address_rows) == 10


def test_the_last_phone_row_is_cleared_not_removed(open_dialog):
    dialog = open_dialog(prefill_phone="09175556666")
    assert dialog.phone_rows[0].number.text() == "09175556666"
    dialog.phone_rows[0].remove.click()
    assert len(dialog.phone_rows) == 1
    assert dialog.phone_rows[0].number.text() == ""
