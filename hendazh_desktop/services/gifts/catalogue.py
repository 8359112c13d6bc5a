"""The gift catalogue: everyone in the office reads it; managers keep the items (audited) and
their stock (received and adjusted with a reason, as append-only moves)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.models.gifts import GiftItem, StockMove
from hendazh_desktop.db.repositories.gifts import ItemFilter
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.errors import Conflict, FormErrorCollector, NotFound, ValidationError
from hendazh_desktop.domain.fields import clean_text
from hendazh_desktop.domain.gifts import (
    StockMoveKind,
    parse_quantity,
    parse_reorder_level,
    parse_stock_change,
)
from hendazh_desktop.domain.money import parse_amount
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.text import search_key
from hendazh_desktop.services.accounts.audit_trail import record
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.gifts.photos import read_photo
from hendazh_desktop.services.gifts.records import GiftItemDraft, GiftItemRecord, StockMoveRecord

__all__ = ["GiftCatalogue", "ItemFilter", "item_record"]


def item_record(item: GiftItem) -> GiftItemRecord:
    return GiftItemRecord(
        id=item.id,
        name=item.name,
        description=item.description,
        craft=item.craft,
        city=item.city,
        credit_price=item.credit_price,
        company_cost=item.company_cost,
        reorder_level=item.reorder_level,
        active=item.active,
        stock=item.stock,
        on_hand=item.on_hand,
        has_photo=item.has_photo,
        version=item.version,
    )


def _snapshot(item: GiftItem) -> dict[str, Any]:
    return {
        "name": item.name,
        "description": item.description,
        "craft": item.craft,
        "city": item.city,
        "credit_price": item.credit_price,
        "company_cost": item.company_cost,
        "reorder_level": item.reorder_level,
        "active": item.active,
        "has_photo": item.has_photo,
    }


def _clean(draft: GiftItemDraft) -> tuple[dict[str, Any], tuple[bytes, bytes] | None]:
    """The draft's fields checked all at once (every bad field reported), and the photo read
    and reduced; nothing is written when anything is refused."""
    errors = FormErrorCollector()
    fields = {
        "name": errors.check(clean_text, draft.name, field="name", max_length=100, required=True),
        "description": errors.check(
            clean_text, draft.description, field="description", max_length=1000, multiline=True
        ),
        "craft": errors.check(clean_text, draft.craft, field="craft", max_length=60, required=True),
        "city": errors.check(clean_text, draft.city, field="city", max_length=60),
        "credit_price": errors.check(parse_amount, draft.credit_price, field="credit_price"),
        "company_cost": errors.check(
            parse_amount, draft.company_cost or "0", field="company_cost", allow_zero=True
        ),
        "reorder_level": errors.check(parse_reorder_level, draft.reorder_level),
    }
    photo = errors.check(read_photo, draft.photo_path) if draft.photo_path else None
    errors.raise_if_any()
    return fields, photo


class GiftCatalogue:
    """The handicraft gifts offered for gift credit, and their stock."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    # -- reading -------------------------------------------------------------------------------
    def count(self, actor: Actor, f: ItemFilter) -> int:
        require(actor, Permission.VIEW_GIFT_CREDIT)
        with self._db.read() as uow:
            return uow.gifts.count_items(_normalised(f))

    def page(self, actor: Actor, f: ItemFilter, offset: int, limit: int) -> list[GiftItemRecord]:
        """One page of the catalogue, by craft then name."""
        require(actor, Permission.VIEW_GIFT_CREDIT)
        with self._db.read() as uow:
            return [item_record(i) for i in uow.gifts.item_page(_normalised(f), offset, limit)]

    def item(self, actor: Actor, item_id: int) -> GiftItemRecord:
        require(actor, Permission.VIEW_GIFT_CREDIT)
        with self._db.read() as uow:
            return item_record(self._item(uow, item_id))

    def crafts(self, actor: Actor) -> list[str]:
        require(actor, Permission.VIEW_GIFT_CREDIT)
        with self._db.read() as uow:
            return uow.gifts.crafts()

    def thumbnails(self, actor: Actor, item_ids: list[int]) -> dict[int, bytes]:
        """The grid's thumbnails (JPEG) of the items that have a photo."""
        require(actor, Permission.VIEW_GIFT_CREDIT)
        with self._db.read() as uow:
            return uow.gifts.thumbs(item_ids)

    def photo(self, actor: Actor, item_id: int) -> bytes:
        """The item's photo (JPEG), or b"" when it has none."""
        require(actor, Permission.VIEW_GIFT_CREDIT)
        with self._db.read() as uow:
            row = uow.gifts.photo(item_id)
            return bytes(row.image) if row is not None else b""

    def to_reorder(self, actor: Actor) -> list[GiftItemRecord]:
        """Active items whose available stock is at or below their reorder level."""
        require(actor, Permission.VIEW_GIFT_CREDIT)
        with self._db.read() as uow:
            return [item_record(i) for i in uow.gifts.to_reorder()]

    def moves(self, actor: Actor, item_id: int) -> list[StockMoveRecord]:
        """The item's stock moves, newest first."""
        require(actor, Permission.VIEW_GIFT_CREDIT)
        with self._db.read() as uow:
            moves = uow.gifts.moves_of(item_id)
            numbers = {
                o.id: o.number
                for o in (uow.gifts.order(i) for i in {m.order_id for m in moves if m.order_id})
                if o is not None
            }
            return [
                StockMoveRecord(
                    m.id,
                    m.item_id,
                    m.kind,
                    m.quantity,
                    numbers.get(m.order_id) if m.order_id else None,
                    m.reason,
                    m.at,
                )
                for m in moves
            ]

    # -- the manager's edits -------------------------------------------------------------------
    def create(self, actor: Actor, draft: GiftItemDraft) -> GiftItemRecord:
        """A new item (no stock until some is received)."""
        require(actor, Permission.MANAGE_GIFTS)
        fields, photo = _clean(draft)
        with self._db.write() as uow:
            item = uow.gifts.add_item(
                GiftItem(
                    **fields,
                    name_key=_key(fields),
                    active=True,
                    stock=0,
                    on_hand=0,
                    has_photo=photo is not None,
                    version=1,
                    created_at=self._clock(),
                )
            )
            if photo is not None:
                uow.gifts.set_photo(item.id, *photo)
            record(
                uow, self._clock, actor, "gift_item", item.id, AuditAction.CREATE, None,
                _snapshot(item),
            )  # fmt: skip
            uow.commit()
            return item_record(item)

    def update(
        self, actor: Actor, item_id: int, draft: GiftItemDraft, *, expected_version: int
    ) -> GiftItemRecord:
        """Change an item's details or photo (stock moves only by moves)."""
        require(actor, Permission.MANAGE_GIFTS)
        fields, photo = _clean(draft)
        with self._db.write() as uow:
            item = self._item(uow, item_id)
            before = _snapshot(item)
            if not uow.gifts.bump_version(item, expected_version):
                raise Conflict("stale")
            uow.session.refresh(item)
            for name, value in fields.items():
                setattr(item, name, value)
            item.name_key = _key(fields)
            if photo is not None:
                uow.gifts.set_photo(item.id, *photo)
                item.has_photo = True
            elif draft.remove_photo:
                uow.gifts.remove_photo(item.id)
                item.has_photo = False
            uow.flush()
            after = _snapshot(item)
            if photo is not None:
                after["photo"] = "جدید"
            record(uow, self._clock, actor, "gift_item", item.id, AuditAction.UPDATE, before, after)
            uow.commit()
            return item_record(item)

    def set_active(
        self, actor: Actor, item_id: int, active: bool, *, expected_version: int
    ) -> GiftItemRecord:
        """Retire an item (no longer offered; its orders keep it) or offer it again."""
        require(actor, Permission.MANAGE_GIFTS)
        with self._db.write() as uow:
            item = self._item(uow, item_id)
            if not uow.gifts.bump_version(item, expected_version):
                raise Conflict("stale")
            uow.session.refresh(item)
            before = item.active
            item.active = active
            uow.flush()
            record(
                uow, self._clock, actor, "gift_item", item.id, AuditAction.UPDATE,
                {"active": before}, {"active": active},
            )  # fmt: skip
            uow.commit()
            return item_record(item)

    def receive(self, actor: Actor, item_id: int, quantity: str, note: str = "") -> int:
        """Pieces received from the maker. Returns the available stock after it."""
        require(actor, Permission.MANAGE_GIFTS)
        errors = FormErrorCollector()
        count = errors.check(parse_quantity, quantity)
        why = errors.check(clean_text, note, field="reason", max_length=300)
        errors.raise_if_any()
        return self._move(actor, item_id, StockMoveKind.RECEIVED, count, why)

    def adjust(self, actor: Actor, item_id: int, change: str, reason: str) -> int:
        """A counted correction of stock (broken, lost, found), reason required; never below
        what is free to take out. Returns the available stock after it."""
        require(actor, Permission.MANAGE_GIFTS)
        errors = FormErrorCollector()
        count = errors.check(parse_stock_change, change)
        why = errors.check(
            clean_text, reason, field="reason", max_length=300, required=True, min_length=3
        )
        errors.raise_if_any()
        return self._move(actor, item_id, StockMoveKind.ADJUSTED, count, why)

    def _move(
        self, actor: Actor, item_id: int, kind: StockMoveKind, quantity: int, reason: str
    ) -> int:
        with self._db.write() as uow:
            item = self._item(uow, item_id, for_update=True)
            before = item.stock
            after = uow.gifts.move(
                StockMove(
                    item_id=item_id,
                    kind=kind.value,
                    quantity=quantity,
                    reason=reason,
                    at=self._clock(),
                    user_id=actor.user_id,
                )
            )
            if after is None:
                raise ValidationError(
                    "quantity", "gift_out_of_stock", name=item.name, available=before
                )
            record(
                uow, self._clock, actor, "gift_stock", item_id, AuditAction.UPDATE,
                {"stock": before}, {"stock": after, "kind": kind.value, "reason": reason},
            )  # fmt: skip
            uow.commit()
            return after

    @staticmethod
    def _item(uow: UnitOfWork, item_id: int, *, for_update: bool = False) -> GiftItem:
        item = uow.gifts.item(item_id, for_update=for_update)
        if item is None:
            raise NotFound("gift_item", item_id)
        return item


def _normalised(f: ItemFilter) -> ItemFilter:
    """The filter with its search text as a search key (any spelling, digit script, ZWNJ)."""
    return replace(f, search_key=search_key(f.search_key)[:100]) if f.search_key else f


def _key(fields: dict[str, Any]) -> str:
    return search_key(f"{fields['name']} {fields['craft']} {fields['city']}")[:400]
