"""The gift catalogue: managers keep items (photo reduced on import, a bad or huge file refused
at the field with nothing written, audited), stock moves only by append-only moves and never
goes below zero; redemptions debit gift credit and reserve stock together, exactly once."""

from __future__ import annotations

import io

import pytest
from gift_helpers import draw_photo, give_credit, make_item, op
from PIL import Image
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from hendazh_desktop.db.repositories.audit import AuditQuery
from hendazh_desktop.db.repositories.credit import LedgerFilter
from hendazh_desktop.db.repositories.gifts import ItemFilter, OrderFilter
from hendazh_desktop.domain.errors import (
    Conflict,
    PermissionDenied,
    ValidationError,
    ValidationErrors,
)
from hendazh_desktop.domain.gifts import DeliveryWay
from hendazh_desktop.services.credit.ledger import GiftCreditLedger
from hendazh_desktop.services.gifts.catalogue import GiftCatalogue
from hendazh_desktop.services.gifts.orders import GiftOrders
from hendazh_desktop.services.gifts.records import GiftItemDraft


@pytest.fixture
def ali(new_subscriber):
    return new_subscriber("علی رضایی", "09171234567")


def test_item_with_photo_is_reduced_stored_and_audited(db, manager, tmp_path):
    photo = draw_photo(tmp_path / "big.png", (2400, 1800))
    item = make_item(db, manager, photo=photo)
    catalogue = GiftCatalogue(db)
    assert item.has_photo and item.stock == 0 and item.credit_price == 300_000
    stored = Image.open(io.BytesIO(catalogue.photo(manager, item.id)))
    thumb = Image.open(io.BytesIO(catalogue.thumbnails(manager, [item.id])[item.id]))
    assert stored.format == "JPEG" and max(stored.size) == 640 and stored.size == (640, 480)
    assert max(thumb.size) == 160
    entries = AuditQuery(entity="gift_item")
    with db.read() as uow:
        ((created, _),) = uow.audit.page(entries, 0, 10)
        assert created.action == "create"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"not an image at all", "photo_invalid"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "photo_invalid"),  # a broken PNG
        (None, "photo_too_large"),  # 9,000 × 7,000 pixels
        (b"\xff" * (15 * 1024 * 1024 + 1), "photo_too_large"),  # more than 15 MB
    ],
)
def test_bad_or_huge_photo_is_refused_at_the_field_and_nothing_written(
    db, manager, tmp_path, content, code
):
    path = tmp_path / "photo.png"
    if content is None:
        Image.new("L", (9000, 7000)).save(path, "PNG")  # compresses to a small file
    else:
        path.write_bytes(content)
    catalogue = GiftCatalogue(db)
    with pytest.raises(ValidationError) as refused:
        catalogue.create(
            manager,
            GiftItemDraft(name="کاسه", craft="سفالگری", credit_price="1000", photo_path=str(path)),
        )
    assert (refused.value.field, refused.value.code) == ("photo", code)
    assert catalogue.count(manager, ItemFilter(include_retired=True)) == 0


def test_only_managers_edit_the_catalogue(db, manager, consultant):
    with pytest.raises(PermissionDenied):
        make_item(db, consultant)
    item = make_item(db, manager, stock=3)
    with pytest.raises(PermissionDenied):
        GiftCatalogue(db).receive(consultant, item.id, "1")
    assert GiftCatalogue(db).item(consultant, item.id).stock == 3  # everyone reads it


def test_edit_retire_search_and_filters(db, manager, tmp_path):
    catalogue = GiftCatalogue(db)
    plate = make_item(db, manager, stock=2)
    box = make_item(db, manager, name="جعبه خاتم", craft="خاتم‌کاری", price="900000", stock=1)
    make_item(db, manager, name="کاسه سفالی", craft="سفالگری", price="100000")  # none in stock
    edited = catalogue.update(
        manager,
        plate.id,
        GiftItemDraft(
            name="بشقاب ميناكاري بزرگ",  # Arabic ي/ك stored as Persian
            craft="میناکاری",
            credit_price="۳۵۰٬۰۰۰",
            photo_path=str(draw_photo(tmp_path / "p.png")),
        ),
        expected_version=plate.version,
    )
    assert edited.name == "بشقاب میناکاری بزرگ" and edited.credit_price == 350_000
    assert edited.has_photo and edited.stock == 2  # details never move stock
    with pytest.raises(Conflict):
        catalogue.update(
            manager,
            plate.id,
            GiftItemDraft(name="x", craft="y", credit_price="1"),
            expected_version=plate.version,
        )
    assert [i.name for i in catalogue.page(manager, ItemFilter(search_key="ميناكاري"), 0, 10)] == [
        "بشقاب میناکاری بزرگ"
    ]
    assert catalogue.crafts(manager) == sorted(["میناکاری", "خاتم‌کاری", "سفالگری"])
    assert catalogue.count(manager, ItemFilter(craft="خاتم‌کاری")) == 1
    affordable = catalogue.page(manager, ItemFilter(max_price=400_000), 0, 10)
    assert [i.id for i in affordable] == [plate.id]  # the bowl is out of stock, the box dearer
    catalogue.set_active(manager, box.id, False, expected_version=box.version)
    assert catalogue.count(manager, ItemFilter()) == 2
    assert catalogue.count(manager, ItemFilter(include_retired=True)) == 3


def test_stock_moves_with_a_reason_and_never_below_zero(db, manager):
    catalogue = GiftCatalogue(db)
    item = make_item(db, manager, stock=5)
    assert catalogue.adjust(manager, item.id, "-2", "شکست در انبار") == 3
    with pytest.raises(ValidationError) as no_reason:
        catalogue.adjust(manager, item.id, "-1", "")
    assert (no_reason.value.field, no_reason.value.code) == ("reason", "required")
    with pytest.raises(ValidationErrors) as both:
        catalogue.adjust(manager, item.id, "", " ")
    assert set(both.value.by_field) == {"quantity", "reason"}
    with pytest.raises(ValidationError) as too_many:
        catalogue.adjust(manager, item.id, "-4", "شمارش انبار")
    assert too_many.value.code == "gift_out_of_stock"
    for bad in ("0", "1.5", "abc", "10000", "-0"):
        with pytest.raises(ValidationError):
            catalogue.adjust(manager, item.id, bad, "شمارش انبار")
    assert [m.kind for m in catalogue.moves(manager, item.id)] == ["adjusted", "received"]
    with db.read() as uow:
        assert uow.gifts.stock_from_moves()[item.id] == (3, 3)
    assert catalogue.item(manager, item.id).stock == 3
    assert [i.id for i in catalogue.to_reorder(manager)] == []  # 3 > reorder level 2


def test_redemption_debits_credit_and_reserves_stock_exactly_once(db, manager, ali):
    give_credit(db, manager, ali.id, 1_000_000)
    plate = make_item(db, manager, stock=3)
    box = make_item(db, manager, name="جعبه خاتم", craft="خاتم‌کاری", price="150000", stock=1)
    orders = GiftOrders(db)
    quote = orders.quote(manager, ali.id, [(plate.id, 2), (box.id, 1)])
    assert (quote.credit_before, quote.total, quote.credit_after) == (1_000_000, 750_000, 250_000)
    operation = op()
    order = orders.place(manager, ali.id, [(plate.id, 1), (box.id, 1), (plate.id, 1)],
                         operation_id=operation)  # fmt: skip
    assert order.number == 1 and order.state == "placed" and order.total == 750_000
    assert [(ln.name, ln.quantity) for ln in order.lines] == [("بشقاب میناکاری", 2),
                                                              ("جعبه خاتم", 1)]  # fmt: skip
    again = orders.place(manager, ali.id, [(plate.id, 2), (box.id, 1)], operation_id=operation)
    assert again.id == order.id  # a replay takes effect once
    with pytest.raises(Conflict):
        orders.place(manager, ali.id, [(plate.id, 1)], operation_id=operation)
    ledger = GiftCreditLedger(db)
    assert ledger.gift_credit(manager, ali.id) == 250_000
    (spent,) = ledger.page(manager, LedgerFilter(subscriber_id=ali.id, kind="spent"), 0, 10)
    assert spent.amount == -750_000 and spent.reason == "سفارش هدیه شماره 1"
    catalogue = GiftCatalogue(db)
    assert catalogue.item(manager, plate.id).stock == 1
    assert catalogue.item(manager, plate.id).reserved == 2
    assert catalogue.item(manager, box.id).stock == 0
    assert orders.count(manager, OrderFilter(subscriber_id=ali.id)) == 1


def test_refusals_write_nothing(db, manager, ali, new_subscriber):
    give_credit(db, manager, ali.id, 500_000)
    plate = make_item(db, manager, stock=1)
    retired = make_item(db, manager, name="گلیم", craft="گلیم‌بافی", price="1000", stock=1)
    GiftCatalogue(db).set_active(manager, retired.id, False, expected_version=retired.version)
    orders = GiftOrders(db)
    cases = [
        ([(plate.id, 2)], "gift_out_of_stock"),
        ([(retired.id, 1)], "gift_retired"),
        ([], "gift_order_empty"),
    ]
    for lines, code in cases:
        with pytest.raises(ValidationError) as refused:
            orders.place(manager, ali.id, lines, operation_id=op())
        assert refused.value.code == code
    dear = make_item(db, manager, name="قلمدان", craft="قلم‌زنی", price="600000", stock=1)
    with pytest.raises(ValidationError) as poor:
        orders.place(manager, ali.id, [(dear.id, 1)], operation_id=op())
    assert poor.value.code == "gift_credit_insufficient"
    assert GiftCreditLedger(db).gift_credit(manager, ali.id) == 500_000
    assert orders.count(manager, OrderFilter()) == 0
    assert GiftCatalogue(db).item(manager, plate.id).stock == 1


def test_prepared_delivered_or_cancelled(db, manager, ali):
    give_credit(db, manager, ali.id, 2_000_000)
    plate = make_item(db, manager, stock=4)
    orders = GiftOrders(db)
    catalogue = GiftCatalogue(db)
    first = orders.place(manager, ali.id, [(plate.id, 1)], operation_id=op())
    second = orders.place(manager, ali.id, [(plate.id, 2)], operation_id=op())
    assert second.number == first.number + 1
    with pytest.raises(Conflict):  # delivered only once prepared
        orders.deliver(manager, first.id, DeliveryWay.OFFICE, expected_version=first.version)
    prepared = orders.prepare(manager, first.id, expected_version=first.version)
    with pytest.raises(Conflict):  # someone else moved it on meanwhile
        orders.prepare(manager, first.id, expected_version=first.version)
    delivered = orders.deliver(
        manager, first.id, DeliveryWay.OFFICE, expected_version=prepared.version
    )
    assert delivered.state == "delivered" and delivered.delivery == "office"
    item = catalogue.item(manager, plate.id)
    assert (item.stock, item.on_hand) == (1, 3)  # one delivered, two reserved
    with pytest.raises(Conflict) as late:
        orders.cancel(manager, first.id, "پشیمانی", expected_version=delivered.version)
    assert late.value.code == "gift_order_state"
    cancelled = orders.cancel(manager, second.id, "مشترک نخواست", expected_version=second.version)
    assert cancelled.state == "cancelled"
    assert GiftCreditLedger(db).gift_credit(manager, ali.id) == 2_000_000 - 300_000
    item = catalogue.item(manager, plate.id)
    assert (item.stock, item.on_hand) == (3, 3)
    statement = GiftCreditLedger(db).statement(manager, ali.id)
    assert [e.kind for e, _ in statement.entries] == ["adjustment", "spent", "spent", "returned"]
    with pytest.raises(Conflict):
        orders.cancel(manager, second.id, "دوباره", expected_version=cancelled.version)


def test_delivery_by_the_work_group_of_the_next_visit(db, manager):
    from billing_helpers import Office

    office = Office(db, manager)
    card = office.card
    give_credit(db, manager, card.id, 400_000)
    plate = make_item(db, manager, stock=1)
    orders = GiftOrders(db)
    order = orders.place(manager, card.id, [(plate.id, 1)], operation_id=op())
    prepared = orders.prepare(manager, order.id, expected_version=order.version)
    assert orders.next_visit(manager, card.id) is None
    with pytest.raises(ValidationError):
        orders.deliver(manager, order.id, DeliveryWay.WORK_GROUP, expected_version=2)
    done = orders.deliver(
        manager,
        order.id,
        DeliveryWay.WORK_GROUP,
        expected_version=prepared.version,
        work_group_id=office.group.id,
    )
    assert done.work_group_name == office.group.name


def test_stock_moves_and_order_lines_are_append_only_and_stock_never_negative(db, manager, ali):
    give_credit(db, manager, ali.id, 400_000)
    plate = make_item(db, manager, stock=1)
    GiftOrders(db).place(manager, ali.id, [(plate.id, 1)], operation_id=op())
    for statement in (
        "UPDATE stock_moves SET quantity = 5",
        "DELETE FROM stock_moves",
        "UPDATE gift_order_lines SET quantity = 9",
        "DELETE FROM gift_order_lines",
        "UPDATE gift_items SET stock = -1",
        "UPDATE gift_items SET stock = on_hand + 1",
    ):
        with db.engine.connect() as conn, pytest.raises(DBAPIError):
            conn.execute(text(statement))
            conn.commit()


def test_delivery_slip_is_read_from_the_order(db, manager, ali, tmp_path):
    from hendazh_desktop.services.gifts.documents import GiftDocuments

    give_credit(db, manager, ali.id, 1_000_000)
    plate = make_item(db, manager, stock=2, photo=draw_photo(tmp_path / "p.png"))
    orders = GiftOrders(db)
    order = orders.place(manager, ali.id, [(plate.id, 2)], operation_id=op())
    slip = GiftDocuments(db).delivery_slip(manager, order.id)
    assert (slip.order_number, slip.total, slip.credit_after) == (order.number, 600_000, 400_000)
    (line,) = slip.lines
    assert (line.name, line.craft, line.quantity) == ("بشقاب میناکاری", "میناکاری", 2)
    assert Image.open(io.BytesIO(line.thumbnail)).format == "JPEG"
    assert GiftDocuments(db).delivery_slip_pdf(manager, order.id).startswith(b"%PDF")
