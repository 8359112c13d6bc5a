"""Finding the caller: exact phone/code look-up and search-as-you-type over any fragment."""

from __future__ import annotations

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.repositories.subscribers import PAGE_ORDERS, SubscriberListRecord
from hendazh_desktop.domain.errors import NotFound, ValidationError
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.phones import parse_phone, phone_query_digits
from hendazh_desktop.domain.subscription_code import looks_like_code, parse_code
from hendazh_desktop.domain.text import search_key, to_ascii_digits
from hendazh_desktop.services.subscribers.records import SubscriberRow

MAX_QUERY_LENGTH = 100
MIN_FTS_LENGTH = 3  # the trigram index needs three characters


def _row(record: SubscriberListRecord) -> SubscriberRow:
    return SubscriberRow(
        id=record.id,
        code=record.code,
        name=record.name,
        phone=record.phone,
        zone=record.zone,
        do_not_serve=record.do_not_serve,
        created_at=record.created_at,
    )


def _is_digit_query(text: str) -> bool:
    stripped = to_ascii_digits(text).replace(" ", "").replace("-", "").replace("+", "")
    return bool(stripped) and stripped.isascii() and stripped.isdigit()


class SubscriberSearch:
    """Read-only look-ups for the consultant's search field and the subscriber list."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def find_exact(self, actor: Actor, text: str) -> int | None:
        """The subscriber whose full phone number or subscription code this is, if any."""
        require(actor, Permission.VIEW_SUBSCRIBERS)
        lookups = self._db.lookups
        if looks_like_code(text):
            # parse_code strips what looks_like_code ignored (spaces, tabs, dashes)
            found = lookups.subscriber_by_code(parse_code(text))
            if found is not None:
                return found
        try:
            number = parse_phone(text).number
        except ValidationError:
            return None
        return lookups.subscriber_by_phone(number)

    @staticmethod
    def _exact(uow: UnitOfWork, text: str) -> int | None:
        if looks_like_code(text):
            found = uow.subscribers.id_by_code(parse_code(text))
            if found is not None:
                return found
        try:
            number = parse_phone(text).number
        except ValidationError:
            return None
        return uow.subscribers.id_by_phone(number)

    def search(self, actor: Actor, text: str, limit: int = 50) -> list[SubscriberRow]:
        """Subscribers matching a phone fragment, a code, or name fragments, best first."""
        require(actor, Permission.VIEW_SUBSCRIBERS)
        text = text[: MAX_QUERY_LENGTH * 2].strip()
        if not text:
            return []
        with self._db.read() as uow:
            ids = self._matching_ids(uow, text, limit)
            return [_row(r) for r in uow.subscribers.list_records(ids)]

    def _matching_ids(self, uow: UnitOfWork, text: str, limit: int) -> list[int]:
        repo = uow.subscribers
        found: list[int] = []

        def extend(ids: list[int]) -> None:
            for i in ids:
                if i not in found:
                    found.append(i)

        if _is_digit_query(text):
            exact = self._exact(uow, text)
            if exact is not None:
                found.append(exact)
            digits = phone_query_digits(text)
            if digits.startswith("0"):
                # «0917…» is how numbers start, but «01234» may sit inside one: prefix first.
                extend(repo.ids_by_phone_prefix(digits, limit))
                if len(found) < limit and len(digits) >= MIN_FTS_LENGTH:
                    extend(repo.ids_by_phone_fragment(digits, limit))
            elif len(digits) >= MIN_FTS_LENGTH:
                extend(repo.ids_by_code_prefix(digits, limit))
                if len(found) < limit:
                    extend(repo.ids_by_phone_fragment(digits, limit))
            else:
                extend(repo.ids_by_code_prefix(digits, limit))
            return found[:limit]

        key = search_key(text)[:MAX_QUERY_LENGTH]
        words = [w for w in key.split(" ") if w]
        long_words = [w for w in words if len(w) >= MIN_FTS_LENGTH]
        if long_words:
            # Short words (one or two letters) cannot use the trigram index: the database
            # checks them on the rows the long words found, so the limit counts real matches.
            short = [w for w in words if len(w) < MIN_FTS_LENGTH]
            extend(repo.ids_by_name(long_words, limit, also_containing=short))
        elif key:
            extend(repo.ids_by_name_prefix(key, limit))
        return found[:limit]

    def count(self, actor: Actor) -> int:
        require(actor, Permission.VIEW_SUBSCRIBERS)
        with self._db.read() as uow:
            return uow.subscribers.count()

    def page(
        self, actor: Actor, offset: int, limit: int, *, order: str = "", descending: bool = False
    ) -> list[SubscriberRow]:
        """A block of the full list (for the lazy list model), in registration order or by
        ``order`` ("code", "name"), in the database."""
        require(actor, Permission.VIEW_SUBSCRIBERS)
        key = ("-" if descending else "") + order
        if key not in PAGE_ORDERS:
            raise ValidationError("order", "invalid")
        with self._db.read() as uow:
            return [_row(r) for r in uow.subscribers.page(offset, limit, key)]

    def rows(self, actor: Actor, ids: list[int]) -> list[SubscriberRow]:
        require(actor, Permission.VIEW_SUBSCRIBERS)
        with self._db.read() as uow:
            records = uow.subscribers.list_records(ids)
        if len(records) != len(set(ids)):
            missing = set(ids) - {r.id for r in records}
            raise NotFound("subscriber", sorted(missing)[0])
        return [_row(r) for r in records]
