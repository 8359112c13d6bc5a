"""Sign-in: a lock that expires starts the count again, the lock message counts its minutes
right, and an unknown name does the same work (hash check, one commit) as a known one."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from hendazh_desktop.db.database import Database
from hendazh_desktop.services.accounts import users as users_module
from hendazh_desktop.services.accounts.bootstrap import prepare_database
from hendazh_desktop.services.accounts.users import SignInError, UserService
from hendazh_desktop.services.wiring import wire


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2025, 11, 20, 8, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def users(tmp_path, clock):
    db = wire(Database(str(tmp_path / "s.db")))
    prepare_database(db, backup_dir=None)
    service = UserService(db, clock=clock)
    service.create_first_admin("admin", "مدیر", "right-password", "right-password")
    yield service
    db.dispose()


def _fail(users: UserService, name: str = "admin", password: str = "wrong") -> SignInError:
    with pytest.raises(SignInError) as error:
        users.sign_in(name, password)
    return error.value


def test_failure_count_starts_again_when_the_lock_expires(users, clock):
    for _ in range(5):
        _fail(users)
    clock.now += dt.timedelta(minutes=16)
    # One mistyped password after the lock has expired is one failure, not a new lock.
    assert _fail(users).code == "sign_in_failed"
    for _ in range(3):
        assert _fail(users).code == "sign_in_failed"
    assert _fail(users).code == "account_locked"


def test_lock_message_says_the_minutes_left(users, clock):
    for _ in range(4):
        _fail(users)
    locking = _fail(users)
    assert locking.code == "account_locked" and locking.params["minutes"] == 15
    assert _fail(users, password="right-password").params["minutes"] == 15
    clock.now += dt.timedelta(minutes=14)
    assert _fail(users, password="right-password").params["minutes"] == 1
    clock.now += dt.timedelta(seconds=30)
    assert _fail(users, password="right-password").params["minutes"] == 1


def _work(users: UserService, monkeypatch, name: str, password: str) -> tuple[int, int]:
    """(password hash checks, commits) of one failed sign-in."""
    checks = commits = 0
    real = users_module.verify_password

    def counting(stored: str | None, typed: str) -> bool:
        nonlocal checks
        checks += 1
        return real(stored, typed)

    def on_commit(_conn: object) -> None:
        nonlocal commits
        commits += 1

    monkeypatch.setattr(users_module, "verify_password", counting)
    engine = users._db.engine
    event.listen(engine, "commit", on_commit)
    try:
        _fail(users, name, password)
    finally:
        event.remove(engine, "commit", on_commit)
    return checks, commits


def test_unknown_name_does_the_same_work_as_a_known_one(users, monkeypatch, clock):
    known = _work(users, monkeypatch, "admin", "wrong")
    unknown = _work(users, monkeypatch, "nobody", "wrong")
    assert known == unknown == (1, 1)
    for _ in range(4):
        _fail(users)
    locked = _work(users, monkeypatch, "admin", "right-password")
    assert locked == (1, 1)
