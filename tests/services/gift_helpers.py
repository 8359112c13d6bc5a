"""Builds a gift catalogue through the real services: pictures drawn with Pillow, items,
stock received, and subscribers given gift credit."""

from __future__ import annotations

import uuid
from pathlib import Path

from PIL import Image, ImageDraw

from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.services.credit.adjustments import GiftCreditService
from hendazh_desktop.services.gifts.catalogue import GiftCatalogue
from hendazh_desktop.services.gifts.records import GiftItemDraft, GiftItemRecord


def op() -> str:
    return str(uuid.uuid4())


def draw_photo(path: Path, size: tuple[int, int] = (1200, 900), colour: str = "#1f4e8c") -> Path:
    """A patterned tile, large enough to be reduced on import."""
    image = Image.new("RGB", size, colour)
    pen = ImageDraw.Draw(image)
    for x in range(0, size[0], 60):
        pen.ellipse((x, size[1] // 3, x + 50, size[1] // 3 + 50), fill="#d4a017")
    image.save(path, "PNG")
    return path


def make_item(
    db,
    actor: Actor,
    *,
    name: str = "بشقاب میناکاری",
    craft: str = "میناکاری",
    price: str = "300000",
    stock: int = 0,
    photo: Path | None = None,
) -> GiftItemRecord:
    catalogue = GiftCatalogue(db)
    item = catalogue.create(
        actor,
        GiftItemDraft(
            name=name,
            craft=craft,
            credit_price=price,
            city="اصفهان",
            description="دست‌ساز",
            company_cost="200000",
            reorder_level="2",
            photo_path=str(photo) if photo else "",
        ),
    )
    if stock:
        catalogue.receive(actor, item.id, str(stock))
    return catalogue.item(actor, item.id)


def give_credit(db, actor: Actor, subscriber_id: int, amount: int) -> int:
    return GiftCreditService(db).adjust(
        actor, subscriber_id, str(amount), "جایزه معرفی", decrease=False, operation_id=op()
    )
