"""One stored setting read on a Core connection (no mapped class): what the window needs
before its first view (how money is shown)."""

from __future__ import annotations

from sqlalchemy import Connection, text

_SETTING = text("SELECT value FROM settings WHERE key = :key")


def stored_setting(conn: Connection, key: str) -> str | None:
    """The stored value of ``key``, None when it was never set."""
    value = conn.execute(_SETTING, {"key": key}).scalar()
    return None if value is None else str(value)
