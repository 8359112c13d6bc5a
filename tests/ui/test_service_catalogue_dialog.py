"""The service catalogue dialog: Persian figures in, each rejected field named beside it."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtWidgets import QMessageBox
from ui_helpers import type_text

from hendazh_desktop.services.catalogue.catalogue import ServiceDraft
from hendazh_desktop.ui.catalogue.service_catalogue_dialog import ServiceCatalogueDialog


def service(ctx, name: str):
    return next(
        s for s in ctx.catalogue.services(ctx.actor, include_inactive=True) if s.name == name
    )


def pick(dialog: ServiceCatalogueDialog, name: str) -> None:
    names = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    dialog.list.setCurrentRow(names.index(name))


def retype(edit, text: str) -> None:
    edit.clear()
    type_text(edit, text)


@pytest.fixture
def dialog(ctx, show_dialog) -> ServiceCatalogueDialog:
    return show_dialog(ServiceCatalogueDialog(context=ctx))


def test_lists_every_service_with_persian_figures(ctx, dialog):
    assert dialog.windowTitle() == "خدمات و نرخ‌ها"
    assert dialog.list.count() == 10
    pick(dialog, "خدمات آموزشی")
    ui = dialog.ui
    assert ui.nameEdit.text() == "خدمات آموزشی"
    assert ui.paymentPolicyCombo.currentData() == "prepaid"
    assert ui.commissionPercentEdit.text() == "۲۰"  # a number: the label says «٪»
    assert ui.referrerSharePercentEdit.text() == "۱۰"
    assert ui.recipientSharePercentEdit.text() == "۵"
    assert ui.basePriceEdit.text() == "۲۵٬۰۰۰٬۰۰۰"
    assert ui.vatExemptCheck.isChecked() and not ui.vatPercentEdit.isEnabled()
    assert ui.activeCheck.isChecked()


def test_inactive_services_are_listed_too(ctx, show_dialog):
    cleaning = service(ctx, "نظافت")
    draft = ServiceDraft(
        name=cleaning.name,
        payment_policy=cleaning.payment_policy,
        materials_prepayment_allowed=False,
        materials_prepayment_percent="0",
        vat_exempt=False,
        vat_percent="10",
        commission_percent="20",
        referrer_share_percent="10",
        recipient_share_percent="5",
        base_price="0",
        active=False,
    )
    ctx.catalogue.update_service(ctx.actor, cleaning.id, draft, expected_version=cleaning.version)
    dialog = show_dialog(ServiceCatalogueDialog(context=ctx))
    pick(dialog, "نظافت (غیرفعال)")
    assert not dialog.ui.activeCheck.isChecked()


def test_saves_a_commission_typed_in_persian_digits(ctx, dialog):
    pick(dialog, "برق‌کاری")
    before = service(ctx, "برق‌کاری")
    retype(dialog.ui.commissionPercentEdit, "۱۲٫۵")
    assert dialog.save()
    saved = service(ctx, "برق‌کاری")
    assert saved.commission_bp == 1250 and saved.version == before.version + 1
    assert dataclasses.replace(saved, commission_bp=before.commission_bp, version=0) == (
        dataclasses.replace(before, version=0)
    )
    assert dialog.current().id == saved.id  # still on the same service
    assert dialog.ui.commissionPercentEdit.text() == "۱۲٫۵"
    assert "ذخیره شد" in dialog.note.text()


def test_out_of_range_percent_and_shares_over_the_commission(ctx, dialog):
    pick(dialog, "برق‌کاری")
    before = service(ctx, "برق‌کاری")
    retype(dialog.ui.commissionPercentEdit, "۱۲۰")
    retype(dialog.ui.referrerSharePercentEdit, "۸۰")
    retype(dialog.ui.recipientSharePercentEdit, "۳۰")
    assert not dialog.save()
    assert dialog.errors.message("commission_percent") == "درصد باید بین ۰ تا ۱۰۰ باشد."
    assert dialog.errors.message("recipient_share_percent") == (
        "جمع سهم معرف و دریافت‌کننده بیش از ۱۰۰٪ پورسانت است."
    )
    assert dialog.ui.commissionPercentError.isVisibleTo(dialog)
    assert dialog.errors.message("referrer_share_percent") == ""
    assert service(ctx, "برق‌کاری") == before  # nothing saved
    # corrected, the messages go
    retype(dialog.ui.commissionPercentEdit, "۲۵")
    retype(dialog.ui.recipientSharePercentEdit, "۲۰")
    assert dialog.save()
    assert dialog.errors.message("commission_percent") == ""
    assert service(ctx, "برق‌کاری").referrer_share_bp == 8000


def test_name_and_prepaid_price_errors_beside_their_fields(ctx, dialog):
    pick(dialog, "خدمات آموزشی")
    dialog.ui.nameEdit.clear()
    retype(dialog.ui.basePriceEdit, "۰")
    retype(dialog.ui.vatPercentEdit, "abc")  # ignored: the service is VAT-exempt
    assert not dialog.save()
    assert dialog.errors.message("name") == "این بخش را پر کنید."
    assert dialog.errors.message("base_price") == "خدمت پیش‌پرداختی باید قیمت پایه داشته باشد."
    assert dialog.errors.message("vat_percent") == ""
    pick(dialog, "نظافت")  # another service: a clean form
    assert dialog.errors.message("name") == ""


def test_a_service_changed_meanwhile_is_reloaded(ctx, dialog, answer_modal):
    pick(dialog, "نظافت")
    cleaning = service(ctx, "نظافت")
    other = ServiceDraft(
        name="نظافت منزل",
        payment_policy="postpaid",
        materials_prepayment_allowed=False,
        materials_prepayment_percent="0",
        vat_exempt=False,
        vat_percent="10",
        commission_percent="20",
        referrer_share_percent="10",
        recipient_share_percent="5",
        base_price="0",
        active=True,
    )
    ctx.catalogue.update_service(ctx.actor, cleaning.id, other, expected_version=cleaning.version)
    warnings: list[str] = []
    answer_modal(QMessageBox, lambda box: warnings.append(box.text()))
    retype(dialog.ui.commissionPercentEdit, "۳۰")
    assert not dialog.save()
    assert "کاربر دیگری" in warnings[0]
    assert dialog.ui.nameEdit.text() == "نظافت منزل"  # shown anew
    assert service(ctx, "نظافت منزل").commission_bp == 2000


def test_read_only_without_the_permission(consultant_ctx, show_dialog):
    dialog = show_dialog(ServiceCatalogueDialog(context=consultant_ctx))
    assert dialog.list.count() == 10
    assert not dialog.ui.saveButton.isEnabled()
    assert not dialog.ui.commissionPercentEdit.isEnabled()
    assert not dialog.save()
    assert "فقط مدیران" in dialog.note.text()


def test_a_new_vat_rate_starts_on_the_day_typed(ctx, dialog):
    pick(dialog, "برق‌کاری")
    retype(dialog.ui.vatPercentEdit, "۱۲")
    retype(dialog.vat_from_edit, "۱۴۰۴/۱۳/۰۱")
    assert not dialog.save()
    assert dialog.vat_from_error.isVisible() and dialog.vat_from_error.text()
    assert service(ctx, "برق‌کاری").vat_rate_bp == 1000  # nothing written
    retype(dialog.vat_from_edit, "۱۴۱۰/۰۱/۰۱")
    assert dialog.save()
    assert service(ctx, "برق‌کاری").vat_rate_bp == 1000  # 12% is not in force yet
    assert dialog.ui.vatPercentEdit.text() == "۱۰"
    text = dialog.vat_schedule_label.text()
    assert "۱۲٪ از ۱۴۱۰/۰۱/۰۱" in text and "۱۰٪ از ابتدا (امروز در اجرا)" in text


def test_add_a_service_then_retire_it_in_the_editor(ctx, dialog, answer_modal):
    from PySide6.QtCore import Qt
    from ui_helpers import press

    from hendazh_desktop.ui.catalogue.new_service_dialog import NewServiceDialog

    def fill(new: NewServiceDialog) -> None:
        type_text(new.name, "نصب دوربین")
        type_text(new.price, "۲۰۰۰۰۰۰")
        press(new.price, Qt.Key.Key_Return)  # Enter adds it

    assert dialog.new_button.isVisible()
    answer_modal(NewServiceDialog, fill)
    dialog.new_button.click()
    made = service(ctx, "نصب دوربین")
    assert made.active and made.base_price == 2_000_000
    assert dialog.current().id == made.id  # shown in the editor for its rates
    dialog.ui.activeCheck.setChecked(False)
    dialog.ui.saveButton.click()
    assert not service(ctx, "نصب دوربین").active
    assert "نصب دوربین" not in {s.name for s in ctx.catalogue.services(ctx.actor)}


def test_a_consultant_cannot_add_services(consultant_ctx, show_dialog):
    dialog = show_dialog(ServiceCatalogueDialog(context=consultant_ctx))
    assert not dialog.new_button.isVisibleTo(dialog)


def test_the_split_rule_shows_a_worked_example_and_starts_on_a_typed_day(qtbot, ctx):
    dialog = ServiceCatalogueDialog(context=ctx)
    qtbot.addWidget(dialog)
    row = next(i for i in range(dialog.list.count()) if dialog._services[i].name == "نظافت")
    dialog.list.setCurrentRow(row)
    example = dialog.split_box.example.text()
    assert "پورسانت شرکت" in example and "اعتبار هدیه معرف" in example
    dialog.ui.basePriceEdit.setText("1,234,567")
    dialog.ui.commissionPercentEdit.setText("۲۰")
    example = dialog.split_box.example.text()
    # 80% fee truncated; commission 246,914; 10% and 5% of it truncated to the rial
    assert "۹۸۷٬۶۵۳" in example and "۲۴۶٬۹۱۴" in example
    assert "۲۴٬۶۹۱" in example and "۱۲٬۳۴۵" in example
    dialog.ui.commissionPercentEdit.setText("۲۵")
    dialog.split_box.from_edit.setText("1490/01/01")
    assert dialog.save()
    schedule = ctx.catalogue.split_schedule(ctx.actor, dialog.current().id)
    assert [r.commission_bp for r in schedule] == [2500, 2000]
    assert dialog.current().commission_bp == 2000  # not in force before 1490


def test_the_dispatch_target_is_typed_checked_at_the_field_and_saved(ctx, dialog):
    pick(dialog, "نظافت")
    edit = dialog.ui.dispatchTargetHoursEdit
    assert edit.text() == "۲۴"
    before = service(ctx, "نظافت")
    retype(edit, "۰")
    assert not dialog.save()
    assert dialog.errors.message("dispatch_target_hours") == (
        "هدف زمان اعزام باید عددی صحیح از ۱ تا ۷۲۰ ساعت باشد (مثلاً ۲۴)."
    )
    assert dialog.ui.dispatchTargetHoursError.isVisibleTo(dialog)
    assert service(ctx, "نظافت") == before  # nothing saved
    retype(edit, "۳۶")
    assert dialog.save()
    assert service(ctx, "نظافت").dispatch_target_hours == 36
    assert dialog.errors.message("dispatch_target_hours") == ""
    assert dialog.ui.dispatchTargetHoursEdit.text() == "۳۶"
