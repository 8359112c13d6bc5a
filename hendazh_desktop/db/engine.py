"""Engine set-up: SQLite pragmas that do not lose data, BEGIN IMMEDIATE for writes, URLs."""

from __future__ import annotations

import errno
import logging
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from hendazh_desktop.db.storage import make_private_dir, refuse_network_share

log = logging.getLogger(__name__)

WRITE_OPTION = "hendazh_write"

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA trusted_schema=OFF",
    "PRAGMA journal_size_limit=67108864",
)


def database_url(path_or_url: str | os.PathLike[str]) -> str:
    """A SQLAlchemy URL for a SQLite file path, or the URL itself when one is given."""
    text = os.fspath(path_or_url)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite URL, or None for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _sqlite_connect_hook(busy_timeout: float) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below decide how each transaction starts.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        cursor.close()

    return on_connect


def _on_sqlite_begin(connection: Any) -> None:
    # Writes take the write lock up front: a read transaction upgraded to a write later can
    # neither wait for the busy timeout nor avoid lost updates between two instances.
    if connection.get_execution_options().get(WRITE_OPTION):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


def _restrict_to_owner(path: Path) -> None:
    """The database is readable by its user only (best effort: another owner's file is left)."""
    try:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
    except PermissionError:
        log.warning("cannot restrict %s to its owner (owned by another user)", path)


def make_engine(url: str, *, echo: bool = False, busy_timeout: float = 10.0) -> Engine:
    """An engine for the URL, configured for safe concurrent use when it is SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            if path.is_dir():
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
            make_private_dir(path.parent)
            refuse_network_share(path)
            if not path.exists():
                path.touch(mode=0o600)
            else:
                _restrict_to_owner(path)
        engine = create_engine(
            url,
            echo=echo,
            hide_parameters=True,
            connect_args={"check_same_thread": False, "timeout": busy_timeout},
        )
        event.listen(engine, "connect", _sqlite_connect_hook(busy_timeout))
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    # Parameters never appear in error messages (they can hold password hashes).
    return create_engine(url, echo=echo, pool_pre_ping=True, hide_parameters=True)
