"""The audit chain's secret: one per database (named by ``database_identity``), kept outside
the database in the settings folder (0600 in a 0700 folder), so a chain rewritten with the
public code alone no longer verifies.

The key file also records the first entry it keys: entries before it (written before this
version) stay plain SHA-256. Several PCs sharing a PostgreSQL server need the same file: copy
it from the first PC's settings folder (``audit-keys/<database id>.key``).
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text

from hendazh_desktop.db.storage import make_private_dir
from hendazh_desktop.domain.errors import DomainError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class AuditKeyUnreadable(DomainError):
    """The key file of this database exists but cannot be read: nothing can be audited."""


@dataclass(frozen=True, slots=True)
class AuditKey:
    """The secret and the id of the first entry it keys."""

    secret: bytes
    keyed_from: int


def database_uid(session: Session) -> str | None:
    row = session.execute(text("SELECT uid FROM database_identity WHERE id = 1")).first()
    return str(row[0]) if row else None


class AuditKeys:
    """Finds (and on a database's first keyed entry, creates) the key of a database."""

    def __init__(self, settings_dir: Path) -> None:
        self.folder = settings_dir / "audit-keys"
        self._cache: dict[str, AuditKey] = {}

    def path(self, uid: str) -> Path:
        return self.folder / f"{uid}.key"

    def find(self, uid: str) -> AuditKey | None:
        if uid in self._cache:
            return self._cache[uid]
        try:
            data = json.loads(self.path(uid).read_text(encoding="utf-8"))
            key = AuditKey(bytes.fromhex(data["key"]), int(data["from"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        self._cache[uid] = key
        return key

    def for_append(self, uid: str, next_id: int) -> AuditKey:
        """The key to write entry ``next_id`` with; created (keying from it) when missing."""
        found = self.find(uid)
        if found is not None:
            return found
        make_private_dir(self.folder, narrow=True)
        secret = secrets.token_bytes(32)
        payload = json.dumps({"key": secret.hex(), "from": next_id}).encode()
        target = self.path(uid)
        # Written whole to a private temporary file, then linked into place: a process killed
        # half-way leaves no empty key behind, and of two processes the first link wins.
        fd, tmp = tempfile.mkstemp(prefix=".key-", dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.link(tmp, target)
        except FileExistsError:
            found = self.find(uid)
            if found is None:
                raise AuditKeyUnreadable("audit_key_unreadable", path=str(target)) from None
            return found
        finally:
            Path(tmp).unlink(missing_ok=True)
        key = AuditKey(secret, next_id)
        self._cache[uid] = key
        return key
