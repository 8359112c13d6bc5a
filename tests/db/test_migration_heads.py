"""The fast "schema is current" check agrees with Alembic, so starts skip Alembic safely."""

from __future__ import annotations

from alembic.script import ScriptDirectory

from hendazh_desktop.db import migrate
from hendazh_desktop.db.database import Database


def test_the_version_scripts_read_directly_give_alembics_heads():
    script = ScriptDirectory.from_config(migrate._config())
    assert migrate.script_heads() == set(script.get_heads())
    assert len(migrate.script_heads()) == 1


def test_a_database_is_current_only_at_the_head(db: Database):
    head = migrate.head_revision()
    assert migrate.is_current(db)
    previous = ScriptDirectory.from_config(migrate._config()).get_revision(head).down_revision
    assert isinstance(previous, str)
    migrate.downgrade(db, previous)
    assert not migrate.is_current(db)
    migrate.upgrade(db)  # not skipped: the check said the schema is behind
    assert migrate.current_revision(db) == head
    assert migrate.is_current(db)


def test_a_new_database_is_not_current(tmp_path):
    db = Database(str(tmp_path / "new.db"))
    try:
        assert not migrate.is_current(db)
    finally:
        db.dispose()
