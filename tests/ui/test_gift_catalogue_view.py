"""The gift catalogue view by keyboard: the grid of photos (lazy: thumbnails decoded only when
painted), search, craft and "what this subscriber can afford" filters, list mode; the
manager's item dialog (a bad photo refused at the field); the redemption dialog from the
catalogue and from the subscriber card; the order list and its state actions."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from hendazh_desktop.domain.text import to_persian_digits
from hendazh_desktop.services.gifts.catalogue import ItemFilter
from hendazh_desktop.services.gifts.orders import OrderFilter
from hendazh_desktop.services.gifts.records import GiftItemDraft
from hendazh_desktop.ui.gifts.catalogue_view import GiftCatalogueView
from hendazh_desktop.ui.gifts.item_dialog import GiftItemDialog
from hendazh_desktop.ui.gifts.redemption_dialog import RedemptionDialog
from hendazh_desktop.ui.main_window import MainWindow


def type_text(widget, text: str) -> None:
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def photo(path: Path, colour: str) -> str:
    image = Image.new("RGB", (800, 600), colour)
    ImageDraw.Draw(image).rectangle((200, 150, 600, 450), fill="#d4a017")
    image.save(path, "PNG")
    return str(path)


@pytest.fixture
def catalogue(ctx, tmp_path):
    """Three gifts (two with photos) and their stock."""
    gifts = ctx.gifts
    made = []
    for name, craft, price, stock, colour in (
        ("بشقاب میناکاری", "میناکاری", "300000", 3, "#1f4e8c"),
        ("جعبه خاتم", "خاتم‌کاری", "900000", 1, "#5a3a1e"),
        ("کاسه سفالی", "سفالگری", "100000", 0, None),
    ):
        item = gifts.create(
            ctx.actor,
            GiftItemDraft(
                name=name,
                craft=craft,
                credit_price=price,
                city="اصفهان",
                photo_path=photo(tmp_path / f"{len(made)}.png", colour) if colour else "",
            ),
        )
        if stock:
            gifts.receive(ctx.actor, item.id, str(stock))
        made.append(gifts.item(ctx.actor, item.id))
    return made


def credit(ctx, subscriber_id: int, amount: int) -> None:
    ctx.gift_credit_admin.adjust(
        ctx.actor, subscriber_id, str(amount), "جایزه", decrease=False,
        operation_id=str(uuid.uuid4()),
    )  # fmt: skip


def test_grid_is_lazy_searchable_and_filters_by_craft_and_credit(
    qtbot, qtmodeltester, ctx, catalogue, make_subscriber
):
    ali = make_subscriber("علی رضایی", "09171234567")
    credit(ctx, ali.id, 400_000)
    view = GiftCatalogueView(context=ctx)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    qtmodeltester.check(view.model, force_py=True)
    assert view.model.rowCount() == 3
    view.grid.viewport().grab()
    assert 1 <= view.model.decoded <= 2  # only the painted tiles with a photo were decoded
    view.search.setFocus()
    type_text(view.search, "خاتم")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert view.model.row_item(0).name == "جعبه خاتم"
    view.search.clear()
    view.refresh()
    view.craft.setCurrentIndex(view.craft.findData("سفالگری"))
    assert [view.model.row_item(r).name for r in range(view.model.rowCount())] == ["کاسه سفالی"]
    view.craft.setCurrentIndex(0)
    view.subscriber.setFocus()
    type_text(view.subscriber, to_persian_digits(ali.code))
    view.affordable.setChecked(True)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)  # the plate: 300,000 ≤ 400,000, in stock
    assert view.model.row_item(0).name == "بشقاب میناکاری"
    assert "علی رضایی" in view.subscriber_name.text()
    QTest.keyClick(view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert view.views.currentWidget() is view.table
    qtmodeltester.check(view.orders.model, force_py=True)


def test_redemption_by_keyboard_from_the_catalogue(qtbot, ctx, catalogue, make_subscriber):
    ali = make_subscriber("علی رضایی", "09171234567")
    credit(ctx, ali.id, 1_000_000)
    plate = catalogue[0]
    dialog = RedemptionDialog(context=ctx, parent=None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(dialog.code, to_persian_digits(ali.code))
    QTest.keyClick(dialog.code, Qt.Key.Key_Return)
    assert dialog.subscriber_name.text() == "علی رضایی"
    assert dialog.credit_before.text() == "۱٬۰۰۰٬۰۰۰ ریال"
    type_text(dialog.search, "میناکاری")
    qtbot.waitUntil(lambda: dialog.picker.count() == 1)
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)  # one plate
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)  # a second: the quantities add up
    assert dialog.order_lines() == [(plate.id, 2)]
    assert dialog.credit_after.text() == "۴۰۰٬۰۰۰ ریال"
    dialog.quantity.setFocus()
    QTest.keyClick(dialog.quantity, Qt.Key.Key_Up)  # two more: 1,200,000 > 1,000,000
    QTest.keyClick(dialog.quantity, Qt.Key.Key_Return)
    assert dialog.credit_after.text() == "منفی ۲۰۰٬۰۰۰ ریال"
    assert not dialog.place_button.isEnabled()
    dialog.lines.setFocus()
    dialog.lines.setCurrentCell(0, 0)
    QTest.keyClick(dialog.lines, Qt.Key.Key_Delete)
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.order_lines() == [(plate.id, 2)] and dialog.place_button.isEnabled()
    QTest.keyClick(dialog.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.placed is not None and dialog.placed.total == 600_000
    assert ctx.gift_credit.gift_credit(ctx.actor, ali.id) == 400_000
    assert ctx.gifts.item(ctx.actor, plate.id).stock == 1


def test_out_of_stock_is_told_in_the_dialog_and_nothing_written(
    qtbot, ctx, catalogue, make_subscriber
):
    ali = make_subscriber("علی رضایی", "09171234567")
    sara = make_subscriber("سارا کاظمی", "09171234568")
    credit(ctx, ali.id, 5_000_000)
    credit(ctx, sara.id, 5_000_000)
    box = catalogue[1]  # the last one
    dialog = RedemptionDialog(context=ctx, subscriber_id=ali.id, subscriber_name="علی رضایی",
                              item_id=box.id)  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.order_lines() == [(box.id, 1)]
    ctx.gift_orders.place(ctx.actor, sara.id, [(box.id, 1)], operation_id=str(uuid.uuid4()))
    QTest.keyClick(dialog.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.placed is None and dialog.isVisible()
    assert "جعبه خاتم" in dialog.message.text() and "موجود" in dialog.message.text()
    assert ctx.gift_credit.gift_credit(ctx.actor, ali.id) == 5_000_000
    dialog.lines.setFocus()
    dialog.lines.setCurrentCell(0, 0)
    QTest.keyClick(dialog.lines, Qt.Key.Key_Delete)
    assert dialog.order_lines() == []


def test_manager_adds_a_gift_and_a_bad_photo_is_refused_at_its_field(qtbot, ctx, tmp_path):
    dialog = GiftItemDialog(context=ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.name, "قلمدان قلم‌زنی")
    dialog.craft.setFocus()
    type_text(dialog.craft.lineEdit(), "قلم‌زنی")
    type_text(dialog.credit_price, "۲۵۰٬۰۰۰")
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"not a picture")
    dialog.set_photo(str(bad))
    QTest.keyClick(dialog.credit_price, Qt.Key.Key_Return)
    assert dialog.isVisible() and "تصویر" in dialog.errors.message("photo")
    assert ctx.gifts.count(ctx.actor, ItemFilter()) == 0
    dialog.set_photo(photo(tmp_path / "good.png", "#8a6d3b"))
    QTest.keyClick(dialog.credit_price, Qt.Key.Key_Return)
    saved = dialog.result_value
    assert saved is not None and saved.has_photo and saved.credit_price == 250_000


def test_orders_move_on_and_the_view_is_registered(qtbot, ctx, catalogue, make_subscriber,
                                                   answer_modal):  # fmt: skip
    from hendazh_desktop.ui.common.reason_dialog import ReasonDialog

    ali = make_subscriber("علی رضایی", "09171234567")
    credit(ctx, ali.id, 1_000_000)
    order = ctx.gift_orders.place(ctx.actor, ali.id, [(catalogue[0].id, 1)],
                                  operation_id=str(uuid.uuid4()))  # fmt: skip
    window = MainWindow(context=ctx)
    qtbot.addWidget(window)
    window.show()
    window.show_view("gifts")
    view = window.view("gifts")
    assert isinstance(view, GiftCatalogueView)
    tab = view.orders
    tab.table.setCurrentIndex(tab.model.index(0, 0))
    assert tab.prepare_button.isEnabled() and not tab.deliver_button.isEnabled()
    tab.prepare_button.click()
    assert tab.selected().state == "prepared"

    def fill(dialog):
        type_text(dialog.reason, "مشترک نخواست")
        QTest.keyClick(dialog.reason, Qt.Key.Key_Return)

    answer_modal(ReasonDialog, fill)
    tab.cancel_button.click()
    assert ctx.gift_orders.order(ctx.actor, order.id).state == "cancelled"
    assert ctx.gift_credit.gift_credit(ctx.actor, ali.id) == 1_000_000


def test_subscriber_card_opens_the_redemption(qtbot, ctx, catalogue, make_subscriber,
                                              answer_modal):  # fmt: skip
    from hendazh_desktop.ui.subscribers.subscribers_view import SubscribersView

    ali = make_subscriber("علی رضایی", "09171234567")
    credit(ctx, ali.id, 1_000_000)
    view = SubscribersView(context=ctx)
    qtbot.addWidget(view)
    view.show()
    view.open_subscriber(ali.id)
    assert view.card.gift_button.isVisible()
    seen = []

    def fill(dialog):
        seen.append(dialog.subscriber_name.text())
        QTest.keyClick(dialog.search, Qt.Key.Key_Return)
        QTest.keyClick(dialog.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    answer_modal(RedemptionDialog, fill)
    view.card.gift_button.click()
    assert seen == ["علی رضایی"]
    assert ctx.gift_orders.count(ctx.actor, OrderFilter()) == 1


def test_thumbnails_are_decoded_only_for_the_tiles_painted(qtbot, ctx, tmp_path):
    picture = photo(tmp_path / "tile.png", "#2aa198")
    for n in range(40):
        ctx.gifts.create(
            ctx.actor,
            GiftItemDraft(name=f"کاسه {n}", craft="فیروزه‌کوبی", credit_price="1000",
                          photo_path=picture),
        )  # fmt: skip
    view = GiftCatalogueView(context=ctx)
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    view.grid.viewport().grab()
    shown = view.model.decoded
    assert 1 <= shown < 20  # the visible tiles, not the forty
    view.grid.viewport().grab()
    assert view.model.decoded == shown  # painted again from the cache
    view.grid.scrollToBottom()
    view.grid.viewport().grab()
    assert shown < view.model.decoded < 40


def test_the_intake_panel_card_redeems_for_the_caller(
    qtbot, ctx, catalogue, make_subscriber, answer_modal
):
    from hendazh_desktop.ui.requests.intake_panel import IntakePanel

    ali = make_subscriber("علی رضایی", "09171234567")
    credit(ctx, ali.id, 1_000_000)
    panel = IntakePanel(context=ctx)
    qtbot.addWidget(panel)
    panel.show()
    panel._load_card(ali.id)
    assert panel.card.gift_button.isVisible()

    def fill(dialog):
        type_text(dialog.search, "بشقاب")
        dialog.fill_picker()  # what the typing timer does a moment later
        QTest.keyClick(dialog.search, Qt.Key.Key_Return)
        QTest.keyClick(dialog.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    answer_modal(RedemptionDialog, fill)
    panel.card.gift_button.click()
    assert ctx.gift_credit.gift_credit(ctx.actor, ali.id) == 700_000  # the plate: 300,000
    assert panel.card.gift_credit.text() == "اعتبار هدیه: ۷۰۰٬۰۰۰ ریال"
