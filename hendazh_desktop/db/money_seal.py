"""Money records sealed in the audit chain: every payment, and every invoice when it is issued
(with its lines), gets an audit entry holding its exact content, in the same transaction.
``audit verify`` then compares each money row with its seal, so a row rewritten behind the
application's back (triggers dropped, a file edited) is reported even though the chain of
entries itself is untouched.

The seal is written by ORM events here (every service path), and by the bulk writer for
rows it loads directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, event, inspect, select
from sqlalchemy.orm import Session

from hendazh_desktop.db.models.billing import Invoice, InvoiceLine, Payment
from hendazh_desktop.domain.audit import ChainBreak, to_json

SEAL_ACTION = "seal"
_PENDING = "money_to_seal"
_ENTITY = {"payments": "payment", "invoices": "invoice"}


def _row(values: Any) -> dict[str, Any]:
    return dict(values._mapping)


def content(conn: Connection | Session, table: str, row_id: int) -> dict[str, Any] | None:
    """The sealed content of one payment or issued invoice (with its lines), as stored."""
    model = Payment if table == "payments" else Invoice
    found = conn.execute(select(model.__table__).where(model.__table__.c.id == row_id)).first()
    if found is None:
        return None
    data = _row(found)
    if table == "invoices":
        lines = InvoiceLine.__table__
        data["lines"] = [
            _row(line)
            for line in conn.execute(
                select(lines).where(lines.c.invoice_id == row_id).order_by(lines.c.id)
            )
        ]
    return data


def _issued_now(obj: Invoice) -> bool:
    if obj.issued_at is None:
        return False
    history = inspect(obj).attrs.issued_at.history
    return bool(history.added) or inspect(obj).pending


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _context: Any) -> None:
    pending: set[tuple[str, int]] = session.info.setdefault(_PENDING, set())
    for obj in session.new:
        if isinstance(obj, Payment):
            pending.add(("payments", obj.id))
        elif isinstance(obj, Invoice) and obj.issued_at is not None:
            pending.add(("invoices", obj.id))
    for obj in session.dirty:
        if isinstance(obj, Invoice) and _issued_now(obj):
            pending.add(("invoices", obj.id))


@event.listens_for(Session, "before_commit")
def _seal(session: Session) -> None:
    pending: set[tuple[str, int]] = session.info.pop(_PENDING, set())
    if pending:
        seal(session, sorted(pending))


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)


def seal(session: Session, rows: Iterable[tuple[str, int]]) -> None:
    """Append one seal entry per (table, id) in the session's transaction."""
    from hendazh_desktop.db.repositories.audit import AuditRepository

    audit = AuditRepository(session)
    now = dt.datetime.now(dt.UTC)
    for table, row_id in rows:
        data = content(session, table, row_id)
        if data is None:
            continue
        audit.append(
            at=now,
            user_id=None,
            entity=_ENTITY[table],
            entity_id=row_id,
            action=SEAL_ACTION,
            before=None,
            after=data,
        )


def _money_rows(session: Session) -> Iterator[tuple[str, int]]:
    for (row_id,) in session.execute(select(Payment.id).order_by(Payment.id)):
        yield "payments", row_id
    issued = select(Invoice.id).where(Invoice.issued_at.is_not(None)).order_by(Invoice.id)
    for (row_id,) in session.execute(issued):
        yield "invoices", row_id


def check_seals(session: Session, seals: dict[tuple[str, str], str]) -> ChainBreak | None:
    """The first payment or issued invoice that has no seal, or differs from it."""
    for table, row_id in _money_rows(session):
        entity = _ENTITY[table]
        sealed = seals.get((entity, str(row_id)))
        if sealed is None:
            return ChainBreak(0, f"{entity}_unsealed:{row_id}")
        if to_json(content(session, table, row_id)) != sealed:
            return ChainBreak(0, f"{entity}_changed:{row_id}")
    return None
