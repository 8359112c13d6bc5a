"""Subscriber queries: exact caller look-up, fragment search (FTS5 trigram on SQLite), pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Boolean, Integer, String, column, select, text
from sqlalchemy.orm import Session, selectinload

from hendazh_desktop.db.base import UTCDateTime
from hendazh_desktop.db.models.core import Address, Subscriber, SubscriberPhone, Zone


@dataclass(frozen=True, slots=True)
class SubscriberListRecord:
    """One row of the subscriber list, as the database returns it."""

    id: int
    code: str
    name: str
    phone: str
    zone: str
    do_not_serve: bool
    created_at: dt.datetime


_ROW_SQL = """
SELECT s.id, s.code, s.name,
       COALESCE((SELECT p.number FROM subscriber_phones p WHERE p.subscriber_id = s.id
                 ORDER BY p.position LIMIT 1), '') AS phone,
       COALESCE((SELECT z.name FROM addresses a JOIN zones z ON z.id = a.zone_id
                 WHERE a.subscriber_id = s.id ORDER BY a.id LIMIT 1), '') AS zone,
       s.do_not_serve, s.created_at
FROM subscribers s
"""
_ROW_COLUMNS = (
    column("id", Integer),
    column("code", String),
    column("name", String),
    column("phone", String),
    column("zone", String),
    column("do_not_serve", Boolean),
    column("created_at", UTCDateTime()),
)


PAGE_ORDERS = {
    "": "s.id",
    "-": "s.id DESC",
    "code": "s.code",
    "-code": "s.code DESC",
    "name": "s.sort_key, s.id",  # Persian alphabetical order (ix_subscribers_sort_key)
    "-name": "s.sort_key DESC, s.id DESC",
    "registered": "s.id",
    "-registered": "s.id DESC",
}


def _next_prefix(prefix: str) -> str:
    """The smallest string greater than every string that starts with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def like_pattern(fragment: str) -> str:
    """``%fragment%`` with LIKE's own wildcards in the fragment taken literally (ESCAPE '\\')."""
    escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def fts_phrase_query(words: Sequence[str]) -> str:
    """An FTS5 query that requires each word as a substring (double quotes escaped)."""
    return " AND ".join('"' + w.replace('"', '""') + '"' for w in words)


class SubscriberRepository:
    """All reads and writes of subscribers, phones and addresses."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._sqlite = session.get_bind().dialect.name == "sqlite"

    # --- exact look-ups -------------------------------------------------------------------
    def id_by_phone(self, number: str) -> int | None:
        return self.session.execute(
            text("SELECT subscriber_id FROM subscriber_phones WHERE number = :n"), {"n": number}
        ).scalar()

    def id_by_code(self, code: str) -> int | None:
        return self.session.execute(
            text("SELECT id FROM subscribers WHERE code = :c"), {"c": code}
        ).scalar()

    def id_by_national_code(self, code: str) -> int | None:
        return self.session.execute(
            text("SELECT id FROM subscribers WHERE national_code = :c"), {"c": code}
        ).scalar()

    def phone_owners(self, numbers: Sequence[str]) -> dict[str, int]:
        if not numbers:
            return {}
        rows = self.session.execute(
            select(SubscriberPhone.number, SubscriberPhone.subscriber_id).where(
                SubscriberPhone.number.in_(list(numbers))
            )
        )
        return {number: owner for number, owner in rows}

    def code_exists(self, code: str) -> bool:
        return self.id_by_code(code) is not None

    # --- fragment search ------------------------------------------------------------------
    def ids_by_phone_prefix(self, prefix: str, limit: int) -> list[int]:
        rows = self.session.execute(
            text(
                "SELECT subscriber_id FROM subscriber_phones WHERE number >= :lo AND number < :hi "
                "ORDER BY number LIMIT :lim"
            ),
            {"lo": prefix, "hi": _next_prefix(prefix), "lim": limit},
        )
        return [r[0] for r in rows]

    def ids_by_phone_fragment(self, fragment: str, limit: int) -> list[int]:
        """Subscribers with a phone containing the digits anywhere (3 digits or more)."""
        if self._sqlite:
            sql = (
                "SELECT p.subscriber_id FROM phone_fts f CROSS JOIN subscriber_phones p "
                "ON p.id = f.rowid WHERE phone_fts MATCH :q LIMIT :lim"
            )
            params: dict[str, object] = {"q": fts_phrase_query([fragment]), "lim": limit}
        else:
            sql = (
                "SELECT subscriber_id FROM subscriber_phones WHERE number LIKE :q ESCAPE '\\' "
                "LIMIT :lim"
            )
            params = {"q": like_pattern(fragment), "lim": limit}
        return [r[0] for r in self.session.execute(text(sql), params)]

    def ids_by_code_prefix(self, prefix: str, limit: int) -> list[int]:
        rows = self.session.execute(
            text(
                "SELECT id FROM subscribers WHERE code >= :lo AND code < :hi ORDER BY code "
                "LIMIT :lim"
            ),
            {"lo": prefix, "hi": _next_prefix(prefix), "lim": limit},
        )
        return [r[0] for r in rows]

    def ids_by_name(
        self, words: Sequence[str], limit: int, *, also_containing: Sequence[str] = ()
    ) -> list[int]:
        """Subscribers whose normalised name contains every word (each 3+ characters) and
        every fragment of ``also_containing`` (any length, checked on the rows found)."""
        params: dict[str, object] = {"lim": limit}
        if self._sqlite:
            params.update({f"s{i}": like_pattern(w) for i, w in enumerate(also_containing)})
            extra = "".join(
                f" AND s.name_key LIKE :s{i} ESCAPE '\\'" for i in range(len(also_containing))
            )
            params["q"] = fts_phrase_query(words)
            sql = (
                "SELECT s.id FROM subscriber_fts f CROSS JOIN subscribers s ON s.id = f.rowid "
                f"WHERE subscriber_fts MATCH :q{extra} LIMIT :lim"
                if extra
                else "SELECT rowid FROM subscriber_fts WHERE subscriber_fts MATCH :q LIMIT :lim"
            )
        else:
            fragments = [*words, *also_containing]
            clauses = " AND ".join(
                f"name_key LIKE :w{i} ESCAPE '\\'" for i in range(len(fragments))
            )
            params.update({f"w{i}": like_pattern(w) for i, w in enumerate(fragments)})
            sql = f"SELECT id FROM subscribers WHERE {clauses} ORDER BY id LIMIT :lim"
        return [r[0] for r in self.session.execute(text(sql), params)]

    def ids_by_name_prefix(self, prefix: str, limit: int) -> list[int]:
        rows = self.session.execute(
            text(
                "SELECT id FROM subscribers WHERE name_key >= :lo AND name_key < :hi "
                "ORDER BY name_key LIMIT :lim"
            ),
            {"lo": prefix, "hi": _next_prefix(prefix), "lim": limit},
        )
        return [r[0] for r in rows]

    # --- list rows ------------------------------------------------------------------------
    def list_records(self, ids: Sequence[int]) -> list[SubscriberListRecord]:
        """Rows for these ids, in the order given."""
        if not ids:
            return []
        placeholders = ", ".join(f":i{n}" for n in range(len(ids)))
        params = {f"i{n}": i for n, i in enumerate(ids)}
        rows = self.session.execute(
            text(f"{_ROW_SQL} WHERE s.id IN ({placeholders})").columns(*_ROW_COLUMNS), params
        )
        by_id = {r[0]: SubscriberListRecord(*r) for r in rows}
        return [by_id[i] for i in ids if i in by_id]

    def count(self) -> int:
        # count(*) lets SQLite scan its smallest index; count(id) reads the whole table.
        return int(self.session.execute(text("SELECT count(*) FROM subscribers")).scalar_one())

    def page(self, offset: int, limit: int, order: str = "") -> list[SubscriberListRecord]:
        """Rows in registration order, or by code or name (each an indexed ORDER BY; a
        leading "-" reverses it)."""
        sql = PAGE_ORDERS.get(order)
        if sql is None:
            raise ValueError(f"unknown order {order!r}")
        rows = self.session.execute(
            text(f"{_ROW_SQL} ORDER BY {sql} LIMIT :lim OFFSET :off").columns(*_ROW_COLUMNS),
            {"off": offset, "lim": limit},
        )
        return [SubscriberListRecord(*r) for r in rows]

    # --- whole records --------------------------------------------------------------------
    def get(self, subscriber_id: int, *, for_update: bool = False) -> Subscriber | None:
        stmt = (
            select(Subscriber)
            .where(Subscriber.id == subscriber_id)
            .options(selectinload(Subscriber.phones), selectinload(Subscriber.addresses))
        )
        if for_update:
            stmt = stmt.with_for_update()
        return self.session.execute(stmt).scalar_one_or_none()

    def referred_by(self, subscriber_id: int, limit: int = 200) -> list[Subscriber]:
        stmt = (
            select(Subscriber)
            .where(Subscriber.referrer_id == subscriber_id)
            .order_by(Subscriber.id)
            .limit(limit)
        )
        return list(self.session.execute(stmt).scalars())

    def zone_names(self, zone_ids: Sequence[int]) -> dict[int, str]:
        rows = self.session.execute(select(Zone.id, Zone.name).where(Zone.id.in_(list(zone_ids))))
        return {zid: name for zid, name in rows}

    def address(self, address_id: int) -> Address | None:
        return self.session.get(Address, address_id)

    def add(self, subscriber: Subscriber) -> Subscriber:
        self.session.add(subscriber)
        self.session.flush()
        return subscriber
