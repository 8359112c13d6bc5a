"""Schema upgrades with Alembic, always after an online backup of an existing SQLite file.

Alembic is imported only when there is something to do: a database already at the one head
revision (every start but the first after an update) is recognised by reading the version
scripts and the ``alembic_version`` table directly, which keeps Alembic's ~150 ms of imports
out of the command-line chores and the start-up.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect

from hendazh_desktop.db.backup import backup_database
from hendazh_desktop.db.database import Database
from hendazh_desktop.db.engine import WRITE_OPTION
from hendazh_desktop.domain.errors import DomainError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
log = logging.getLogger(__name__)
# ``revision = "0006"`` and ``down_revision = "0005"`` (or a tuple of names, or None) at the
# start of a line of a version script; annotations such as ``revision: str = …`` allowed.
_ASSIGNMENT = re.compile(r"^(down_)?revision\b[^=\n]*=(.*)$", re.MULTILINE)
_NAME = re.compile(r"[\"']([^\"']+)[\"']")


def script_heads() -> set[str]:
    """The head revisions of the version scripts, read without Alembic: the revisions that no
    script names as its ``down_revision``."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for down, value in _ASSIGNMENT.findall(script.read_text(encoding="utf-8")):
            (parents if down else revisions).update(_NAME.findall(value))
    return revisions - parents


def stamped_revisions(db: Database) -> list[str] | None:
    """The revisions the database is stamped with, read without Alembic; None when it has
    no ``alembic_version`` table (a database no version of the application made)."""
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    return [row[0] for row in rows]


def is_current(db: Database) -> bool:
    """True when the database is stamped with the one head revision and nothing else."""
    heads = script_heads()
    return len(heads) == 1 and stamped_revisions(db) == list(heads)


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


class SchemaUnknown(DomainError):
    """The database holds a schema this version does not know (made by a newer version)."""


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    """Every revision this version of the application can upgrade from."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config())
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, *, backup_dir: Path | None = None, revision: str = "head") -> Path | None:
    """Bring the schema to ``revision``; returns the backup made first, if one was needed.

    A database that already holds a schema is backed up (SQLite backup API) before it is
    touched, so a failed migration can be undone by restoring that file.
    """
    if revision == "head" and is_current(db):
        return None
    from alembic import command

    current = current_revision(db)
    if current is not None and current not in known_revisions():
        raise SchemaUnknown("schema_unknown", revision=current)
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
    from alembic import command

    _run(db, lambda conn: command.downgrade(_config(conn), revision))
