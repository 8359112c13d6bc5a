"""Look-ups by a unique key that must feel instant (the caller search on every keystroke).

On SQLite each thread keeps one connection in autocommit mode for them: a single SELECT is
atomic on its own, and skipping the ORM session, BEGIN and ROLLBACK makes the look-up a few
times the cost of the bare indexed query instead of fifteen. No read transaction stays open
between look-ups, so checkpoints are never held back.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import Engine, text

PHONE_OWNER = "SELECT subscriber_id FROM subscriber_phones WHERE number = ?"
CODE_OWNER = "SELECT id FROM subscribers WHERE code = ?"


class KeyLookups:
    """Unique-key queries on a per-thread connection (SQLite) or a short transaction."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sqlite = engine.dialect.name == "sqlite"
        self._local = threading.local()
        self._opened: list[Any] = []
        self._lock = threading.Lock()

    def _cursor(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._engine.raw_connection()
            self._local.conn = conn
            with self._lock:
                self._opened.append(conn)
        return conn.cursor()

    def _scalar(self, sql: str, value: str) -> int | None:
        if self._sqlite:
            cursor = self._cursor()
            try:
                row = cursor.execute(sql, (value,)).fetchone()
            finally:
                cursor.close()
        else:
            with self._engine.connect() as conn:
                row = conn.execute(text(sql.replace("?", ":v")), {"v": value}).first()
        return int(row[0]) if row else None

    def subscriber_by_phone(self, number: str) -> int | None:
        return self._scalar(PHONE_OWNER, number)

    def subscriber_by_code(self, code: str) -> int | None:
        return self._scalar(CODE_OWNER, code)

    def data_version(self) -> int:
        """A number that changes when another connection commits (SQLite's data_version;
        elsewhere the newest request change), so views can refresh themselves."""
        if self._sqlite:
            cursor = self._cursor()
            try:
                return int(cursor.execute("PRAGMA data_version").fetchone()[0])
            finally:
                cursor.close()
        with self._engine.connect() as conn:
            value = conn.execute(text("SELECT count(*), max(updated_at) FROM service_requests"))
            count, newest = value.one()
            return hash((count, str(newest)))

    def close(self) -> None:
        with self._lock:
            for conn in self._opened:
                conn.close()
            self._opened.clear()
        self._local = threading.local()
