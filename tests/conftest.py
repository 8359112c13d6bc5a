"""Shared fixtures: a migrated temporary SQLite database, actors of each role, a fixed clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.permissions import Actor, Role
from hendazh_desktop.services.bootstrap import office_actor, prepare_database


class FixedClock:
    """A clock the test moves by hand."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def db(tmp_path) -> Iterator[Database]:
    database = Database(str(tmp_path / "hendazh.db"))
    prepare_database(database, backup_dir=tmp_path / "backups")
    yield database
    database.dispose()


@pytest.fixture
def manager(db: Database) -> Actor:
    return office_actor(db, "manager", full_name="بهرام مدیری", role=Role.MANAGER)


@pytest.fixture
def consultant(db: Database) -> Actor:
    return office_actor(db, "consultant", full_name="سارا مشاوری", role=Role.CONSULTANT)


@pytest.fixture
def accountant(db: Database) -> Actor:
    return office_actor(db, "accountant", full_name="مینا حسابی", role=Role.ACCOUNTANT)


@pytest.fixture
def clock() -> FixedClock:
    # 1404/09/04 10:30 in Tehran
    return FixedClock(dt.datetime(2025, 11, 25, 7, 0, tzinfo=dt.UTC))
