"""The audit log: appending hash-chained entries, reading them back, verifying the chain."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hendazh_desktop.db.acting import note_acting
from hendazh_desktop.db.audit_key import AuditKey, AuditKeys, database_uid
from hendazh_desktop.db.models.admin import AuditEntry, AuditHead
from hendazh_desktop.db.models.billing import Invoice, Payment
from hendazh_desktop.db.models.core import User
from hendazh_desktop.db.money_seal import SEAL_ACTION, check_seals
from hendazh_desktop.db.ordering import ordered_by
from hendazh_desktop.domain.audit import (
    GENESIS_HASH,
    AuditRecord,
    ChainBreak,
    entry_hash,
    to_json,
    verify_chain,
)
from hendazh_desktop.domain.progress import (
    CancelCheck,
    Progress,
    never_cancelled,
    no_progress,
    stop_if_cancelled,
)

VERIFY_REPORT_EVERY = 2000
"""Entries checked between two progress reports (and two looks at ``cancelled``)."""


@dataclass(frozen=True, slots=True)
class AuditQuery:
    """The audit list's filters, in database terms."""

    user_id: int | None = None
    entity: str | None = None
    entity_id: str | None = None
    at_from: dt.datetime | None = None  # inclusive, UTC
    at_to: dt.datetime | None = None  # exclusive, UTC


def _record(entry: AuditEntry) -> AuditRecord:
    return AuditRecord(
        id=entry.id,
        at=entry.at,
        user_id=entry.user_id,
        entity=entry.entity,
        entity_id=entry.entity_id,
        action=entry.action,
        before=json.loads(entry.before_json) if entry.before_json is not None else None,
        after=json.loads(entry.after_json) if entry.after_json is not None else None,
    )


# The audit list's orders ("-key" reverses): recorded (by number) on the whole log, the
# others once a filter has narrowed it (the UI's NARROW_ROWS).
AUDIT_ORDERS: dict[str, tuple[Any, ...]] = {
    "recorded": (AuditEntry.id,),
    "user": (func.coalesce(User.sort_key, ""), AuditEntry.id),  # the system's first
    "entity": (AuditEntry.entity, AuditEntry.id),
    "entity_id": (AuditEntry.entity_id, AuditEntry.id),
    "action": (AuditEntry.action, AuditEntry.id),
}


class AuditRepository:
    """Append-only access to the audit log."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def append(
        self,
        *,
        at: dt.datetime,
        user_id: int | None,
        entity: str,
        entity_id: object,
        action: str,
        before: Mapping[str, Any] | None,
        after: Mapping[str, Any] | None,
        role: str | None = None,
    ) -> int:
        """Add an entry in the current (write) transaction; returns its id. The acting
        account (``user_id``, with the ``role`` its permissions were checked with) is
        re-checked before the transaction commits (``db.acting``).

        The entry is written before the head moves onto it (the head's trigger checks that
        the entry it names exists with that hash)."""
        note_acting(self.session, user_id, role)
        head = self.session.get(AuditHead, 1, with_for_update=True)
        last_id, last_hash = (head.last_id, head.last_hash) if head else (0, GENESIS_HASH)
        record = AuditRecord(
            last_id + 1, at, user_id, entity, str(entity_id), action, before, after
        )
        key = self._key_for(record.id)
        digest = entry_hash(last_hash, record, key)
        self.session.add(
            AuditEntry(
                id=record.id,
                at=at,
                user_id=user_id,
                entity=entity,
                entity_id=record.entity_id,
                action=action,
                before_json=to_json(before),
                after_json=to_json(after),
                prev_hash=last_hash,
                hash=digest,
            )
        )
        self.session.flush()
        if head is None:
            self.session.add(AuditHead(id=1, last_id=record.id, last_hash=digest))
        else:
            head.last_id, head.last_hash = record.id, digest
        self.session.flush()
        return record.id

    def _keys(self) -> AuditKeys | None:
        keys = self.session.info.get("audit_keys")
        return keys if isinstance(keys, AuditKeys) else None

    def _key_for(self, entry_id: int) -> bytes | None:
        keys, uid = self._keys(), database_uid(self.session)
        if keys is None or uid is None:
            return None
        key = keys.for_append(uid, entry_id)
        return key.secret if entry_id >= key.keyed_from else None

    def chain_key(self) -> AuditKey | None:
        """The key this database's chain is verified with (None: none on this PC)."""
        keys, uid = self._keys(), database_uid(self.session)
        return keys.find(uid) if keys is not None and uid is not None else None

    def _filtered(self, query: AuditQuery) -> Any:
        stmt = select(AuditEntry, User.full_name).outerjoin(User, User.id == AuditEntry.user_id)
        if query.user_id is not None:
            stmt = stmt.where(AuditEntry.user_id == query.user_id)
        if query.entity:
            stmt = stmt.where(AuditEntry.entity == query.entity)
        if query.entity_id:
            stmt = stmt.where(AuditEntry.entity_id == query.entity_id)
        if query.at_from is not None:
            stmt = stmt.where(AuditEntry.at >= query.at_from)
        if query.at_to is not None:
            stmt = stmt.where(AuditEntry.at < query.at_to)
        return stmt

    def count(self, query: AuditQuery) -> int:
        stmt = self._filtered(query).with_only_columns(func.count(AuditEntry.id))
        return int(self.session.execute(stmt).scalar_one())

    def page(
        self,
        query: AuditQuery,
        offset: int,
        limit: int,
        *,
        oldest_first: bool = False,
        order: str = "",
    ) -> Sequence[tuple[AuditEntry, str]]:
        """Newest first (oldest first), or by a column (``order``: a key of AUDIT_ORDERS)."""
        if not order:
            order = "recorded" if oldest_first else "-recorded"  # the key's order
        terms = ordered_by(AUDIT_ORDERS, order)
        stmt = self._filtered(query).order_by(*terms).offset(offset).limit(limit)
        return [(row[0], row[1] or "") for row in self.session.execute(stmt)]

    def entities(self) -> list[str]:
        return list(self.session.execute(select(AuditEntry.entity).distinct()).scalars())

    def _stream(self, batch: int = 2000) -> Iterator[tuple[AuditRecord, str, str]]:
        last = 0
        while True:
            rows = list(
                self.session.execute(
                    select(AuditEntry)
                    .where(AuditEntry.id > last)
                    .order_by(AuditEntry.id)
                    .limit(batch)
                ).scalars()
            )
            if not rows:
                return
            for entry in rows:
                yield _record(entry), entry.prev_hash, entry.hash
            last = rows[-1].id
            self.session.expunge_all()

    def verify(
        self, progress: Progress = no_progress, cancelled: CancelCheck = never_cancelled
    ) -> tuple[int, ChainBreak | None]:
        """(entries checked, first break or None): the chain (keyed when this PC has the
        key), then the money records against the entries that sealed them. ``progress``
        gets entries checked of the newest entry's id, ``cancelled`` is asked between
        batches (it only reads)."""
        head = self.session.get(AuditHead, 1)
        total = head.last_id if head else 0
        key = self.chain_key()
        counted = 0
        seals: dict[tuple[str, str], str] = {}

        def counting() -> Iterator[tuple[AuditRecord, str, str]]:
            nonlocal counted
            for item in self._stream():
                if counted % VERIFY_REPORT_EVERY == 0:
                    progress(counted, total, "")
                    stop_if_cancelled(cancelled)
                counted += 1
                record = item[0]
                if record.action == SEAL_ACTION:
                    seals[(record.entity, record.entity_id)] = to_json(record.after) or ""
                yield item
            progress(counted, max(total, counted), "")

        result = verify_chain(
            counting(),
            (head.last_id, head.last_hash) if head else None,
            key=key.secret if key else None,
            keyed_from=key.keyed_from if key else 1,
        )
        if result is not None:
            return counted, result
        if counted == 0 and self._has_records():
            return counted, ChainBreak(0, "log_wiped")
        return counted, check_seals(self.session, seals)

    def _has_records(self) -> bool:
        """Whether anything was ever done that writes an audit entry (an account signed up,
        a subscriber, money): then an empty log has been wiped."""
        signed_up = select(User.id).where(User.password_hash.is_not(None)).limit(1)
        issued = select(Invoice.id).where(Invoice.issued_at.is_not(None)).limit(1)
        paid = select(Payment.id).limit(1)
        return any(self.session.execute(q).first() is not None for q in (signed_up, issued, paid))
