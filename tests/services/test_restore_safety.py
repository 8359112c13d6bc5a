"""Restore: refused while another process (an open app) uses the database; atomic (the
candidate is checked and migrated as a copy, and only then swapped in); refused for a
candidate whose append-only triggers are missing or whose audit chain is broken."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from hendazh_desktop.db import migrate
from hendazh_desktop.db.backup import backup_sqlite_file
from hendazh_desktop.db.database import Database
from hendazh_desktop.services.accounts.backups import BackupError, restore_database
from hendazh_desktop.services.accounts.bootstrap import prepare_database
from hendazh_desktop.services.accounts.users import UserService
from hendazh_desktop.services.wiring import wire
from hendazh_desktop.ui.messages import MESSAGES

APP = Path(__file__).with_name("open_app_worker.py")


def _office(path: Path, admin: str) -> None:
    db = wire(Database(str(path)))
    prepare_database(db, backup_dir=None)
    UserService(db).create_first_admin(admin, "مدیر سامانه", "long-enough-1", "long-enough-1")
    db.checkpoint()
    db.dispose()


def _users(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in conn.execute("SELECT username FROM users"))
    finally:
        conn.close()


@pytest.fixture
def live(tmp_path) -> Path:
    path = tmp_path / "live.db"
    _office(path, "live-admin")
    return path


@pytest.fixture
def candidate(tmp_path, live) -> Path:
    """A backup of the same office, taken before a second account was added."""
    saved = backup_sqlite_file(live, tmp_path / "candidate.hendazh-backup.db")
    db = wire(Database(str(live)))
    users = UserService(db)
    users.add_user(users.system_actor(), "later", "بعدی", "consultant", "long-enough-2")
    db.dispose()
    return saved


def test_restore_refused_while_an_app_has_the_database_open(tmp_path, live, candidate):
    with subprocess.Popen(
        [sys.executable, str(APP), str(live)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as app:
        assert app.stdout is not None and app.stdin is not None
        assert app.stdout.readline().strip() == "open"
        with pytest.raises(BackupError) as refused:
            restore_database(live, candidate, tmp_path / "backups")
        assert refused.value.code == "restore_in_use" and refused.value.code in MESSAGES
        app.stdin.write("save\n")  # the app goes on saving: nothing of it is lost
        app.stdin.flush()
        assert app.stdout.readline().strip() == "saved"
        app.stdin.close()
        app.wait(timeout=60)
    assert "after-restore" in _users(live) and "later" in _users(live)
    assert not list(tmp_path.glob("*.restoring*"))
    # Once the app is closed the restore goes through.
    restore_database(live, candidate, tmp_path / "backups")
    assert "later" not in _users(live)


def test_a_failed_migration_leaves_the_live_database_untouched(
    tmp_path, live, candidate, monkeypatch
):
    before = live.read_bytes()

    def broken(*_args, **_kwargs):
        raise RuntimeError("migration failed half-way")

    monkeypatch.setattr(migrate, "upgrade", broken)
    with pytest.raises(RuntimeError):
        restore_database(live, candidate, tmp_path / "backups")
    assert live.read_bytes() == before
    assert "later" in _users(live)
    assert not list(tmp_path.glob("*.restoring*"))


def test_candidate_without_its_append_only_triggers_refused(tmp_path, live, candidate):
    conn = sqlite3.connect(candidate, isolation_level=None)
    conn.execute("DROP TRIGGER payments_no_update")
    conn.close()
    before = live.read_bytes()
    with pytest.raises(BackupError) as refused:
        restore_database(live, candidate, tmp_path / "backups")
    assert refused.value.code == "backup_triggers_missing" and refused.value.code in MESSAGES
    assert live.read_bytes() == before


def test_candidate_with_a_broken_audit_chain_refused(tmp_path, live, candidate):
    conn = sqlite3.connect(candidate, isolation_level=None)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET entity_id = '999' WHERE id = 1")
    conn.execute(  # the guard put back: only the chain tells
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN "
        "SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )
    conn.close()
    before = live.read_bytes()
    with pytest.raises(BackupError) as refused:
        restore_database(live, candidate, tmp_path / "backups")
    assert refused.value.code == "backup_audit_broken" and refused.value.code in MESSAGES
    assert live.read_bytes() == before


def test_restore_round_trip_keeps_the_replaced_database(tmp_path, live, candidate):
    result = restore_database(live, candidate, tmp_path / "backups")
    assert _users(live) == ["live-admin"]
    assert "later" in _users(result.previous_saved_as)
    shutil.copyfile(live, tmp_path / "check.db")
    db = wire(Database(str(tmp_path / "check.db")))
    try:
        with db.read() as uow:
            assert uow.audit.verify()[1] is None
    finally:
        db.dispose()
