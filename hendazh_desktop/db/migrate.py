"""Schema upgrades with Alembic, always after an online backup of an existing SQLite file."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from hendazh_desktop.db.backup import backup_database
from hendazh_desktop.db.database import Database
from hendazh_desktop.db.engine import WRITE_OPTION

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

log = logging.getLogger(__name__)


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    """Every revision this version of the application can upgrade from."""
    script = ScriptDirectory.from_config(_config())
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, *, backup_dir: Path | None = None, revision: str = "head") -> Path | None:
    """Bring the schema to ``revision``; returns the backup made first, if one was needed.

    A database that already holds a schema is backed up (SQLite backup API) before it is
    touched, so a failed migration can be undone by restoring that file.
    """
    current = current_revision(db)
    if current == head_revision() and revision == "head":
        return None
    backup: Path | None = None
    if current is not None and db.path is not None and backup_dir is not None:
        backup = backup_database(db, backup_dir, reason=f"pre-migrate-{current}")
    _run(db, lambda conn: command.upgrade(_config(conn), revision))
    log.info("schema upgraded from %s to %s", current or "empty", current_revision(db))
    return backup


def _run(db: Database, step: Callable[[Connection], None]) -> None:
    """Run migration steps in one write transaction.

    On SQLite, batch migrations rebuild a table by copy, drop and rename; with foreign keys
    enforced the drop of a referenced table fails, so enforcement is off for the migration
    (it cannot change inside a transaction) and every reference is checked before commit.
    """
    with db.engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        # On the driver connection: through SQLAlchemy the pragma would open a transaction.
        raw = conn.connection.driver_connection
        if sqlite:
            raw.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with conn.execution_options(**{WRITE_OPTION: True}).begin():
                step(conn)
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration broke references: {broken[:5]}")
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def downgrade(db: Database, revision: str) -> None:
    _run(db, lambda conn: command.downgrade(_config(conn), revision))
