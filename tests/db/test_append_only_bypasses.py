"""Append-only money and audit records against raw SQL: INSERT OR REPLACE (and any other
conflict resolution) is refused on every append-only table and on ``audit_head``; and what
gets past the triggers (they can be dropped) is caught by ``audit verify``: a chain keyed with
a secret kept outside the database, money rows cross-checked against their audit entries, a
wiped log reported broken."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sqlite3
import stat

import pytest

from hendazh_desktop.db.append_only import APPEND_ONLY_TABLES, expected_triggers
from hendazh_desktop.db.database import Database
from hendazh_desktop.demo.data import generate_demo_data
from hendazh_desktop.domain.audit import GENESIS_HASH, AuditRecord, entry_hash
from hendazh_desktop.services.accounts.audit import AuditService
from hendazh_desktop.services.accounts.bootstrap import prepare_database
from hendazh_desktop.services.accounts.users import UserService
from hendazh_desktop.services.wiring import wire

NOW = dt.datetime(2025, 11, 25, 7, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def settings_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("settings")


@pytest.fixture(scope="module")
def template(tmp_path_factory, settings_dir):
    """A database with demo data: rows in every money table, an audit trail."""
    path = tmp_path_factory.mktemp("demo") / "office.db"
    db = wire(Database(str(path), settings_dir=settings_dir))
    prepare_database(db, backup_dir=None)
    users = UserService(db)
    users.create_first_admin("admin", "مدیر سامانه", "long-enough-1", "long-enough-1")
    generate_demo_data(db, users.system_actor(), subscribers=200, seed=3, clock=lambda: NOW)
    db.checkpoint()
    db.dispose()
    return path


@pytest.fixture
def office(tmp_path, template, settings_dir):
    path = tmp_path / "office.db"
    shutil.copyfile(template, path)
    return path


def raw(path) -> sqlite3.Connection:
    """What someone with the sqlite3 shell can do (no application, no pragmas of ours)."""
    return sqlite3.connect(path, isolation_level=None)


def verify(path, settings_dir):
    db = wire(Database(str(path), settings_dir=settings_dir))
    try:
        return AuditService(db).verify(None)
    finally:
        db.dispose()


def test_demo_database_is_intact(office, settings_dir):
    result = verify(office, settings_dir)
    assert result.ok, result
    assert result.checked > 20


@pytest.mark.parametrize("table", [*APPEND_ONLY_TABLES, "invoices", "invoice_lines"])
def test_insert_or_replace_refused_on_every_append_only_table(office, table):
    conn = raw(office)
    where = (
        "WHERE id = (SELECT min(id) FROM invoices WHERE issued_at IS NOT NULL)"
        if table == "invoices"
        else (
            "WHERE invoice_id IN (SELECT id FROM invoices WHERE issued_at IS NOT NULL)"
            if table == "invoice_lines"
            else ""
        )
    )
    if table == "cheque_events":  # the demo clears no cheque: one new row (inserting is allowed)
        conn.execute(
            "INSERT INTO cheque_events (payment_id, kind, reason, at, user_id, operation_id) "
            "SELECT min(id), 'cleared', '', '2025-11-25 07:00:00', 1, "
            "'00000000-0000-4000-8000-000000000001' FROM payments"
        )
    row = conn.execute(f"SELECT * FROM {table} {where} ORDER BY id LIMIT 1").fetchone()
    assert row is not None, f"the demo left {table} empty"
    marks = ", ".join("?" for _ in row)
    for verb in ("INSERT OR REPLACE", "REPLACE", "INSERT OR IGNORE", "INSERT"):
        before = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute(f"{verb} INTO {table} VALUES ({marks})", row)
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone() == before
    conn.close()


def test_replace_cannot_change_a_payment_amount_or_an_issued_invoice(office):
    conn = raw(office)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(payments)")]
    row = list(conn.execute("SELECT * FROM payments ORDER BY id LIMIT 1").fetchone())
    row[columns.index("amount")] += 1_000_000
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute(
            f"INSERT OR REPLACE INTO payments VALUES ({', '.join('?' for _ in row)})", row
        )
    # ON CONFLICT DO UPDATE (an upsert) goes through the UPDATE triggers.
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute(
            "INSERT INTO invoices SELECT * FROM invoices WHERE issued_at IS NOT NULL LIMIT 1 "
            "ON CONFLICT (id) DO UPDATE SET subscriber_id = excluded.subscriber_id + 1"
        )
    conn.close()


def test_audit_head_cannot_be_replaced_deleted_or_moved_back(office):
    conn = raw(office)
    last_id, last_hash = conn.execute("SELECT last_id, last_hash FROM audit_head").fetchone()
    for sql, params in (
        ("INSERT OR REPLACE INTO audit_head (id, last_id, last_hash) VALUES (1, ?, ?)", (1, "x")),
        ("REPLACE INTO audit_head (id, last_id, last_hash) VALUES (1, ?, ?)", (1, "x")),
        ("INSERT INTO audit_head (id, last_id, last_hash) VALUES (2, ?, ?)", (1, "x")),
        ("DELETE FROM audit_head WHERE ? AND ?", (1, 1)),
        ("UPDATE audit_head SET last_id = ?, last_hash = ?", (last_id - 1, last_hash)),
        ("UPDATE OR REPLACE audit_head SET last_id = ?, last_hash = ?", (last_id + 1, "0" * 64)),
    ):
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute(sql, params)
    assert conn.execute("SELECT last_id, last_hash FROM audit_head").fetchone() == (
        last_id,
        last_hash,
    )
    conn.close()


def _drop_triggers(conn: sqlite3.Connection) -> None:
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
        conn.execute(f"DROP TRIGGER {name}")


def _rehash_from(conn: sqlite3.Connection, first: int) -> None:
    """Recompute the chain from entry ``first`` on as an attacker would: plain SHA-256 over
    the same content (the code is public; the key is not in the database)."""
    previous = conn.execute(
        "SELECT hash FROM audit_log WHERE id = ?", (first - 1,)
    ).fetchone() or (GENESIS_HASH,)
    previous_hash = previous[0]
    rows = conn.execute(
        "SELECT id, at, user_id, entity, entity_id, action, before_json, after_json "
        "FROM audit_log WHERE id >= ? ORDER BY id",
        (first,),
    ).fetchall()
    for id_, at, user_id, entity, entity_id, action, before, after in rows:
        moment = dt.datetime.fromisoformat(at)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        record = AuditRecord(
            id_,
            moment,
            user_id,
            entity,
            entity_id,
            action,
            json.loads(before) if before else None,
            json.loads(after) if after else None,
        )
        digest = entry_hash(previous_hash, record)
        conn.execute(
            "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?",
            (previous_hash, digest, id_),
        )
        previous_hash = digest
    conn.execute("UPDATE audit_head SET last_hash = ?", (previous_hash,))


def test_a_rewritten_chain_is_detected(office, settings_dir):
    conn = raw(office)
    _drop_triggers(conn)
    target = conn.execute("SELECT max(id) FROM audit_log WHERE action = 'login'").fetchone()[0]
    target = target or conn.execute("SELECT max(id) FROM audit_log").fetchone()[0] // 2
    conn.execute("UPDATE audit_log SET user_id = NULL WHERE id = ?", (target,))
    _rehash_from(conn, target)
    conn.close()
    result = verify(office, settings_dir)
    assert not result.ok and result.broken_entry == target


def test_a_wiped_log_is_broken_not_intact(office, settings_dir):
    conn = raw(office)
    _drop_triggers(conn)
    conn.execute("DELETE FROM audit_log")
    conn.execute("DELETE FROM audit_head")
    conn.close()
    result = verify(office, settings_dir)
    assert not result.ok, result


def test_money_rows_are_cross_checked_against_the_audit_trail(office, settings_dir):
    conn = raw(office)
    _drop_triggers(conn)
    conn.execute(
        "UPDATE payments SET amount = amount + 1000000 WHERE id = (SELECT min(id) FROM payments)"
    )
    conn.close()
    result = verify(office, settings_dir)
    assert not result.ok and "payment" in result.reason


def test_an_issued_invoice_changed_behind_the_back_is_caught(office, settings_dir):
    conn = raw(office)
    _drop_triggers(conn)
    conn.execute(
        "UPDATE invoices SET subscriber_id = (SELECT max(id) FROM subscribers) "
        "WHERE id = (SELECT min(id) FROM invoices WHERE issued_at IS NOT NULL)"
    )
    conn.close()
    result = verify(office, settings_dir)
    assert not result.ok and "invoice" in result.reason


def test_chain_key_lives_outside_the_database_readable_by_the_user_only(office, settings_dir):
    keys = list((settings_dir / "audit-keys").glob("*.key"))
    assert len(keys) == 1
    assert stat.S_IMODE(keys[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(keys[0].parent.stat().st_mode) == 0o700
    secret = json.loads(keys[0].read_text())["key"]
    assert secret.encode() not in office.read_bytes()
    assert hashlib.sha256(secret.encode()).hexdigest() not in office.read_bytes().decode(
        "latin-1"
    )


def test_every_expected_trigger_is_in_a_migrated_database(office):
    conn = raw(office)
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    conn.close()
    assert expected_triggers("sqlite") <= present
