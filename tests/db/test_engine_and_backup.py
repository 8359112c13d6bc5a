"""SQLite set up not to lose data (RELIABILITY.md): the pragmas on every connection, writes
that take the lock at BEGIN IMMEDIATE, types and references the database itself refuses,
and online backups that open, check clean and are readable by their owner only."""

from __future__ import annotations

import os
import sqlite3
import stat
import time

import pytest
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError, OperationalError

from hendazh_desktop.db import migrate
from hendazh_desktop.db.backup import backup_database, check_backup_file, database_backup_dir
from hendazh_desktop.db.database import Database
from hendazh_desktop.db.errors import DatabaseBusy
from hendazh_desktop.domain.subscriber_forms import PhoneDraft, SubscriberDraft
from hendazh_desktop.services.accounts.bootstrap import prepare_database
from hendazh_desktop.services.subscribers.register import SubscriberService
from hendazh_desktop.services.wiring import wire

PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL
    "foreign_keys": 1,
    "busy_timeout": 10000,
    "trusted_schema": 0,
    "journal_size_limit": 67108864,
}


@pytest.fixture
def sqlite_db(db):
    if not db.is_sqlite:
        pytest.skip("SQLite's own settings")
    return db


def pragmas(dbapi_connection) -> dict[str, object]:
    cursor = dbapi_connection.cursor()
    try:
        return {name: cursor.execute(f"PRAGMA {name}").fetchone()[0] for name in PRAGMAS}
    finally:
        cursor.close()


def test_pragmas_on_every_pooled_and_lookup_connection(sqlite_db):
    held = [sqlite_db.engine.raw_connection() for _ in range(4)]  # four distinct connections
    try:
        assert len({id(c.driver_connection) for c in held}) == 4
        for conn in held:
            assert pragmas(conn.driver_connection) == PRAGMAS
    finally:
        for conn in held:
            conn.close()
    sqlite_db.lookups.subscriber_by_phone("09170000000")  # opens its own connection
    (lookup,) = sqlite_db.lookups._opened
    assert pragmas(lookup.driver_connection) == PRAGMAS
    assert not lookup.driver_connection.in_transaction  # no read left open between keystrokes


def test_checkpoint_folds_the_wal_back(sqlite_db, actor):
    SubscriberService(sqlite_db).create(
        actor, SubscriberDraft(name="مشترک", phones=(PhoneDraft("09170000000"),))
    )
    wal = sqlite_db.path.with_name(sqlite_db.path.name + "-wal")
    assert wal.stat().st_size > 0
    sqlite_db.checkpoint()
    assert wal.stat().st_size == 0


def test_a_new_database_file_is_the_owners_only(tmp_path):
    db = wire(Database(str(tmp_path / "new.db")))
    try:
        assert stat.S_IMODE(os.stat(db.path).st_mode) == 0o600
    finally:
        db.dispose()
    path = tmp_path / "loose.db"
    path.touch()
    os.chmod(path, 0o644)
    db = wire(Database(str(path)))  # an existing, readable-by-all file is restricted on open
    try:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    finally:
        db.dispose()


def statements_of(db: Database, unit) -> list[str]:
    seen: list[str] = []

    def log(conn, cursor, statement, *_):
        seen.append(statement.split()[0].upper() + " " + " ".join(statement.split()[1:2]))

    event.listen(db.engine, "before_cursor_execute", log)
    try:
        with unit() as uow:
            uow.catalogue.setting("display_currency")
    finally:
        event.remove(db.engine, "before_cursor_execute", log)
    return seen


def test_writes_begin_immediate_and_reads_plain(sqlite_db):
    assert statements_of(sqlite_db, sqlite_db.write)[0] == "BEGIN IMMEDIATE"
    assert statements_of(sqlite_db, sqlite_db.read)[0].strip() == "BEGIN"


def test_a_second_writer_waits_its_busy_timeout_then_fails_but_readers_read(sqlite_db):
    other = wire(Database(sqlite_db.url))

    @event.listens_for(other.engine, "connect")
    def short_timeout(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA busy_timeout=150")

    try:
        with sqlite_db.write() as holder:
            holder.catalogue.set_setting("probe", "held")
            holder.flush()  # the write lock is held from BEGIN IMMEDIATE on
            started = time.monotonic()
            with (
                pytest.raises(DatabaseBusy) as locked,  # a Persian message, not a lock error
                other.write() as uow,
            ):
                uow.catalogue.setting("probe")  # its first read already needs the write lock
            cause = locked.value.__cause__
            assert isinstance(cause, OperationalError) and "database is locked" in str(cause)
            assert "BEGIN IMMEDIATE" in str(cause)  # refused before reading anything
            waited = time.monotonic() - started
            assert 0.1 <= waited < 3
            with other.read() as reader:  # WAL: readers see the last commit, unblocked
                assert reader.catalogue.setting("probe") is None
                assert len(reader.catalogue.services()) == 10
            holder.commit()
        with other.write() as uow:  # the lock is free again
            assert uow.catalogue.setting("probe") == "held"
    finally:
        other.dispose()


SERVICE_ROW = (
    "INSERT INTO services (code, name, payment_policy, materials_prepayment_allowed, "
    "materials_prepayment_bp, vat_exempt, vat_rate_bp, commission_bp, referrer_share_bp, "
    "recipient_share_bp, base_price, active, sort_order, version) VALUES "
    "('TST', 'آزمون', 'postpaid', 0, 0, 0, 0, 0, 0, 0, {price}, 1, 99, 1)"
)


@pytest.mark.parametrize("price", ["'۱۲۳'", "'12.5'", "'12 ریال'", "x'3132'", "-500", "12.5"])
def test_money_columns_refuse_what_is_not_a_whole_rial(sqlite_db, price):
    with pytest.raises(IntegrityError, match="CHECK"), sqlite_db.engine.begin() as conn:
        conn.exec_driver_sql(SERVICE_ROW.format(price=price))
    with pytest.raises(IntegrityError, match="CHECK"), sqlite_db.engine.begin() as conn:
        conn.exec_driver_sql(f"UPDATE services SET base_price = {price} WHERE code = 'CLN'")


def test_text_of_ascii_digits_is_stored_as_an_integer_never_as_text(sqlite_db):
    """SQLite's INTEGER affinity turns '12' into 12 before the CHECK sees it (even STRICT
    tables do): the column can only ever hold integers."""
    with sqlite_db.engine.begin() as conn:
        conn.exec_driver_sql(SERVICE_ROW.format(price="'12'"))
        stored = conn.exec_driver_sql(
            "SELECT typeof(base_price), base_price FROM services WHERE code = 'TST'"
        ).one()
        assert tuple(stored) == ("integer", 12)
        assert (
            conn.exec_driver_sql(
                "SELECT count(*) FROM services WHERE typeof(base_price) <> 'integer'"
            ).scalar()
            == 0
        )


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO subscriber_phones (subscriber_id, number, kind, label, position) "
        "VALUES (999, '09170000000', 'mobile', '', 0)",
        "INSERT INTO addresses (subscriber_id, title, zone_id, text, active) "
        "VALUES (999, '', 1, 'x', 1)",
        "UPDATE services SET id = 999 WHERE id = 1",  # referenced by a request below
        "DELETE FROM zones WHERE id = 1",  # an address is in it
    ],
)
def test_foreign_keys_are_enforced(sqlite_db, actor, new_subscriber, services, sql):
    from hendazh_desktop.services.requests.intake import IntakeService, RequestDraft

    sub = new_subscriber("مریم فسایی", "09171234567", zone_id=1)
    IntakeService(sqlite_db).create_request(actor, RequestDraft(sub.id, 1, sub.addresses[0].id))
    with pytest.raises(IntegrityError, match="FOREIGN KEY"), sqlite_db.engine.begin() as conn:
        conn.exec_driver_sql(sql)
    with sqlite_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []


def test_upgrading_a_current_database_makes_no_backup(tmp_path):
    db = wire(Database(str(tmp_path / "office.db")))
    try:
        assert prepare_database(db, backup_dir=tmp_path / "bk") is None  # new: nothing to keep
        assert migrate.upgrade(db, backup_dir=tmp_path / "bk") is None  # current: untouched
        assert not (tmp_path / "bk").exists()
    finally:
        db.dispose()


def test_backup_opens_checks_clean_and_is_the_owners_only(sqlite_db, actor, tmp_path):
    subs = SubscriberService(sqlite_db)
    for n in range(5):
        subs.create(
            actor, SubscriberDraft(name="مشترک پشتیبان", phones=(PhoneDraft(f"0917000000{n}"),))
        )
    with sqlite_db.write() as uow:  # an uncommitted change is not in the backup
        uow.catalogue.set_setting("uncommitted", "x")
        uow.flush()
        path = backup_database(sqlite_db, tmp_path / "bk", reason="manual")
    assert path.exists() and path.parent == database_backup_dir(tmp_path / "bk", sqlite_db.path)
    assert path.name.startswith("hendazh-") and path.name.endswith("-manual.hendazh-backup.db")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert not list((tmp_path / "bk").glob("*.part"))
    assert check_backup_file(path) == migrate.head_revision()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one file
        assert conn.execute("SELECT count(*) FROM subscribers").fetchone() == (5,)
        assert conn.execute("SELECT count(*) FROM subscriber_fts").fetchone() == (5,)
        assert conn.execute(
            "SELECT count(*) FROM settings WHERE key = 'uncommitted'"
        ).fetchone() == (0,)
    finally:
        conn.close()
    # the backup is a working database in its own right
    copy = wire(Database(str(path)))
    try:
        assert migrate.current_revision(copy) == migrate.head_revision()
        assert SubscriberService(copy).card(actor, 1).phones[0].number == "09170000000"
    finally:
        copy.dispose()
