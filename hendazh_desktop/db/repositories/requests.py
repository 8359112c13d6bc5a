"""Service request queries: the filtered, sorted, paged queue and each request's history."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Date, Integer, String, Time, column, insert, text
from sqlalchemy.orm import Session

from hendazh_desktop.db.base import UTCDateTime
from hendazh_desktop.db.models.core import RequestEvent, ServiceRequest
from hendazh_desktop.db.ordering import both_ways
from hendazh_desktop.domain.text import ZWNJ

# Whitelisted sort orders; the key comes from the UI, never SQL text.
SORT_ORDERS = both_ways(
    {
        "urgency": "r.priority DESC, r.created_at ASC, r.id ASC",
        "newest": "r.created_at DESC, r.id DESC",
        "oldest": "r.created_at ASC, r.id ASC",
        "number": "r.id ASC",
        "preferred_date": (
            "r.preferred_date IS NULL, r.preferred_date ASC, r.window_start ASC, r.id"
        ),
        "status": "r.status ASC, r.priority DESC, r.id",
        # by the service's name (a join to the ten services, then a sort of the filtered
        # requests: about 60 ms for the last page of 50,000 on the 1M database)
        "service": "sv.sort_key ASC, r.id ASC",
        # by the subscriber's name (a web-form contact's typed name when there is none) or
        # the zone: each row joins a subscriber of a million (~300 ms a page for 50,000
        # requests), so the lists offer these orders only once a filter has narrowed them
        "subscriber": "COALESCE(s.sort_key, r.contact_name) ASC, r.id ASC",
        "zone": "z.sort_key IS NULL, z.sort_key ASC, r.id ASC",
    }
)
# the orders a list offers only below NARROW_ROWS rows
NARROW_ORDERS = frozenset({"subscriber", "-subscriber", "zone", "-zone"})


@dataclass(frozen=True, slots=True)
class QueueQuery:
    """What the queue view asks for; every part is optional."""

    statuses: tuple[str, ...] = ()
    service_id: int | None = None
    zone_id: int | None = None
    created_from: dt.datetime | None = None  # UTC, inclusive
    created_to: dt.datetime | None = None  # UTC, exclusive
    number: int | None = None
    subscriber_ids: tuple[int, ...] | None = None
    name_key: str = ""
    contact_text: str = ""  # the typed text in display form, for web-form contact names
    phone_prefix: str = ""  # digits a web-form contact phone starts with
    subscriber_id: int | None = None
    sort: str = "urgency"


_SELECT = """
SELECT r.id, r.created_at, COALESCE(s.name, r.contact_name), COALESCE(s.code, ''),
       sv.name, COALESCE(z.name, ''), r.status, r.priority, r.preferred_date,
       r.window_start, r.window_end, r.channel, r.version, r.description,
       COALESCE(a.text, r.contact_address), COALESCE(s.do_not_serve, FALSE)
FROM service_requests r
JOIN services sv ON sv.id = r.service_id
LEFT JOIN subscribers s ON s.id = r.subscriber_id
LEFT JOIN addresses a ON a.id = r.address_id
LEFT JOIN zones z ON z.id = a.zone_id
"""


_SELECT_COLUMNS = (
    column("id", Integer),
    column("created_at", UTCDateTime()),
    column("name", String),
    column("code", String),
    column("service", String),
    column("zone", String),
    column("status", String),
    column("priority", Integer),
    column("preferred_date", Date),
    column("window_start", Time),
    column("window_end", Time),
    column("channel", String),
    column("version", Integer),
    column("description", String),
    column("address", String),
    column("do_not_serve", Boolean),
)


def _filter_joins(sql: str) -> str:
    """The joins that a WHERE or ORDER BY text refers to (none for most filters and sorts):
    counting and finding a page's ids join nothing else."""
    joins = ""
    if re.search(r"\bs\.", sql):
        joins += " LEFT JOIN subscribers s ON s.id = r.subscriber_id"
    if re.search(r"\b[az]\.", sql):
        joins += " LEFT JOIN addresses a ON a.id = r.address_id"
    if re.search(r"\bz\.", sql):
        joins += " LEFT JOIN zones z ON z.id = a.zone_id"
    if re.search(r"\bsv\.", sql):
        joins += " JOIN services sv ON sv.id = r.service_id"
    return joins


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _where(query: QueueQuery) -> tuple[str, dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    if query.statuses:
        names = [f":st{i}" for i in range(len(query.statuses))]
        clauses.append(f"r.status IN ({', '.join(names)})")
        params.update({f"st{i}": s for i, s in enumerate(query.statuses)})
    if query.service_id is not None:
        clauses.append("r.service_id = :service_id")
        params["service_id"] = query.service_id
    if query.zone_id is not None:
        clauses.append("a.zone_id = :zone_id")
        params["zone_id"] = query.zone_id
    if query.created_from is not None:
        clauses.append("r.created_at >= :created_from")
        params["created_from"] = query.created_from.astimezone(dt.UTC).replace(tzinfo=None)
    if query.created_to is not None:
        clauses.append("r.created_at < :created_to")
        params["created_to"] = query.created_to.astimezone(dt.UTC).replace(tzinfo=None)
    if query.subscriber_id is not None:
        clauses.append("r.subscriber_id = :subscriber_id")
        params["subscriber_id"] = query.subscriber_id
    text_parts: list[str] = []
    if query.number is not None:
        text_parts.append("r.id = :number")
        params["number"] = query.number
    if query.subscriber_ids:
        names = [f":sid{i}" for i in range(len(query.subscriber_ids))]
        text_parts.append(f"r.subscriber_id IN ({', '.join(names)})")
        params.update({f"sid{i}": s for i, s in enumerate(query.subscriber_ids)})
    if query.name_key:
        text_parts.append(
            "(s.name_key LIKE :name_like ESCAPE '\\' OR r.contact_name LIKE :name_like ESCAPE '\\')"
        )
        params["name_like"] = f"%{_escape_like(query.name_key)}%"
    if query.contact_text:
        # contact names are stored as typed (display form), not as search keys: compare
        # both without ZWNJ and with «آ» as «ا», so «احمدی‌پور» and «آزاده» are found however
        # the ZWNJ or the madda was typed
        text_parts.append(
            "replace(replace(r.contact_name, :zwnj, ''), :alef_madda, :alef) "
            "LIKE :contact_like ESCAPE '\\'"
        )
        params.update(zwnj=ZWNJ, alef_madda="آ", alef="ا")
        typed = query.contact_text.replace(ZWNJ, "").replace("آ", "ا")
        params["contact_like"] = f"%{_escape_like(typed)}%"
    if query.phone_prefix:
        text_parts.append("r.contact_phone LIKE :phone_like ESCAPE '\\'")
        params["phone_like"] = f"{_escape_like(query.phone_prefix)}%"
    if text_parts:
        clauses.append("(" + " OR ".join(text_parts) + ")")
    elif query.subscriber_ids is not None:
        clauses.append("0 = 1")  # a text search that matched no subscriber matches nothing
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    return where, params


class RequestRepository:
    """Reads and writes of service requests and their history."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def count(self, query: QueueQuery) -> int:
        where, params = _where(query)
        sql = f"SELECT count(*) FROM service_requests r{_filter_joins(where)}{where}"
        return int(self.session.execute(text(sql), params).scalar_one())

    def page(self, query: QueueQuery, offset: int, limit: int) -> Sequence[Any]:
        """One page in the chosen order. The page's ids are found first over the requests
        alone (with only the joins a filter needs), and only those rows are joined to their
        subscriber, service and address: a deep page no longer joins every row it skips."""
        where, params = _where(query)
        order = SORT_ORDERS.get(query.sort, SORT_ORDERS["urgency"])
        params.update({"lim": limit, "off": offset})
        ids = (
            f"SELECT r.id AS id FROM service_requests r{_filter_joins(where + order)}{where} "
            f"ORDER BY {order} LIMIT :lim OFFSET :off"
        )
        source = f"FROM ({ids}) page JOIN service_requests r ON r.id = page.id"
        sql = _SELECT.replace("FROM service_requests r", source, 1) + f" ORDER BY {order}"
        return list(self.session.execute(text(sql).columns(*_SELECT_COLUMNS), params))

    def get(self, request_id: int, *, for_update: bool = False) -> ServiceRequest | None:
        return self.session.get(ServiceRequest, request_id, with_for_update=for_update or None)

    def add(self, request: ServiceRequest) -> ServiceRequest:
        self.session.add(request)
        self.session.flush()
        return request

    def add_many(
        self, requests: Sequence[dict[str, Any]], events: Sequence[dict[str, Any]]
    ) -> list[int]:
        """Insert many imported requests (column values, each with its own ``external_ref``)
        with the first history line of each; returns the new ids in the order given.

        A plain executemany, without the ORM's per-object work or RETURNING (three times
        quicker for 100,000 rows: the write lock is held that much less); the ids are then
        read back by reference. Each event's ``request_id`` is filled in from its request.
        """
        if not requests:
            return []
        self.session.flush()
        before = self.session.execute(text("SELECT max(id) FROM service_requests")).scalar()
        self.session.execute(insert(ServiceRequest), list(requests))
        rows = self.session.execute(
            text("SELECT id, external_ref FROM service_requests WHERE id > :after"),
            {"after": before or 0},
        )
        by_ref = {ref: rid for rid, ref in rows}
        ids = [by_ref[r["external_ref"]] for r in requests]
        self.session.execute(
            insert(RequestEvent),
            [{**event, "request_id": rid} for event, rid in zip(events, ids, strict=True)],
        )
        return ids

    def add_event(self, event: RequestEvent) -> None:
        self.session.add(event)

    def history(self, request_id: int) -> Sequence[Any]:
        sql = (
            "SELECT e.at, COALESCE(u.full_name, ''), e.from_status, e.to_status, e.reason "
            "FROM request_events e LEFT JOIN users u ON u.id = e.user_id "
            "WHERE e.request_id = :rid ORDER BY e.id"
        )
        typed = text(sql).columns(
            column("at", UTCDateTime()),
            column("user", String),
            column("from_status", String),
            column("to_status", String),
            column("reason", String),
        )
        return list(self.session.execute(typed, {"rid": request_id}))

    def for_subscriber(self, subscriber_id: int, limit: int = 100) -> Sequence[Any]:
        return self.page(QueueQuery(subscriber_id=subscriber_id, sort="newest"), 0, limit)

    def external_ref_exists(self, refs: Sequence[str]) -> set[str]:
        """Which of these references are on file (asked in chunks: an import may hold 100,000,
        beyond the number of parameters a statement may have)."""
        found: set[str] = set()
        for start in range(0, len(refs), 500):
            chunk = refs[start : start + 500]
            names = ", ".join(f":r{i}" for i in range(len(chunk)))
            params = {f"r{i}": r for i, r in enumerate(chunk)}
            rows = self.session.execute(
                text(f"SELECT external_ref FROM service_requests WHERE external_ref IN ({names})"),
                params,
            )
            found.update(r[0] for r in rows)
        return found
