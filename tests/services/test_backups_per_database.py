"""Backups of different databases in one backups folder are kept apart: each database has
its own sub-folder and names, so one database's rotation never deletes another's backups and
the newest backup of one never stands for another's daily backup."""

from __future__ import annotations

import datetime as dt
import sqlite3

from hendazh_desktop.db.backup import list_backups
from hendazh_desktop.db.database import Database
from hendazh_desktop.services.accounts.backups import BackupService
from hendazh_desktop.services.accounts.bootstrap import prepare_database
from hendazh_desktop.services.wiring import wire


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2025, 11, 20, 8, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(minutes=1)
        return self.now


def _uid(path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT uid FROM database_identity").fetchone()[0]
    finally:
        conn.close()


def test_two_databases_back_up_apart(tmp_path):
    shared = tmp_path / "backups"
    services, dbs = [], []
    for name in ("office", "branch"):
        db = wire(Database(str(tmp_path / name / "hendazh.db")))  # same file name, twice
        prepare_database(db, backup_dir=None)
        dbs.append(db)
        services.append(BackupService(db, default_dir=shared, clock=Clock()))
    try:
        for _ in range(3):
            for service in services:
                service.backup_now(None)
        office, branch = services
        assert office.backup_dir() != branch.backup_dir()
        for service, db in zip(services, dbs, strict=True):
            files = list_backups(service.backup_dir())
            assert len(files) == 3
            assert {_uid(f) for f in files} == {_uid(db.path)}
        assert {f.name for f in list_backups(office.backup_dir())}.isdisjoint(
            f.name for f in list_backups(branch.backup_dir())
        )
        # A third database's daily backup is due, however fresh the others' backups are.
        new = wire(Database(str(tmp_path / "new.db")))
        dbs.append(new)
        prepare_database(new, backup_dir=None)
        made = BackupService(new, default_dir=shared, clock=Clock()).ensure_daily()
        assert made is not None and _uid(made) == _uid(new.path)
    finally:
        for db in dbs:
            db.dispose()


def test_rotation_of_one_database_keeps_the_others(tmp_path):
    shared = tmp_path / "backups"
    office_db = wire(Database(str(tmp_path / "office.db")))
    branch_db = wire(Database(str(tmp_path / "branch.db")))
    try:
        for db in (office_db, branch_db):
            prepare_database(db, backup_dir=None)
        office = BackupService(office_db, default_dir=shared, clock=Clock())
        branch = BackupService(branch_db, default_dir=shared, clock=Clock())
        for _ in range(3):
            branch.backup_now(None)
        for _ in range(40):  # past the number kept
            office.backup_now(None)
        assert len(list_backups(branch.backup_dir())) == 3
        assert {_uid(f) for f in list_backups(branch.backup_dir())} == {_uid(branch_db.path)}
    finally:
        office_db.dispose()
        branch_db.dispose()
