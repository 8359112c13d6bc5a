"""The schema comes from the migrations and matches the models; SQLite is set up safely."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.exc import DBAPIError, IntegrityError

from hendazh_desktop.db import migrate
from hendazh_desktop.db.base import Base
from hendazh_desktop.db.database import Database
from hendazh_desktop.db.migrations.search_index import include_object


def _diff(db: Database) -> list:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": include_object, "compare_type": True}
        )
        return compare_metadata(context, Base.metadata)


def test_upgrade_from_empty_matches_the_models(tmp_path):
    db = Database(str(tmp_path / "m.db"))
    try:
        assert migrate.current_revision(db) is None
        assert migrate.upgrade(db, backup_dir=tmp_path / "bk") is None  # nothing to back up
        assert migrate.current_revision(db) == migrate.head_revision()
        assert _diff(db) == []
    finally:
        db.dispose()


def test_downgrade_and_upgrade_again_backs_up_first(tmp_path):
    db = Database(str(tmp_path / "m.db"))
    try:
        migrate.upgrade(db)
        migrate.downgrade(db, "0001")
        assert migrate.current_revision(db) == "0001"
        backup = migrate.upgrade(db, backup_dir=tmp_path / "bk")
        assert backup is not None and backup.exists()
        conn = sqlite3.connect(backup)
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        conn.close()
        assert _diff(db) == []
        migrate.downgrade(db, "base")
        migrate.upgrade(db)
        assert migrate.current_revision(db) == migrate.head_revision()
    finally:
        db.dispose()


def sqlite_only(db) -> None:
    if db.engine.dialect.name != "sqlite":
        pytest.skip("a SQLite setting; PostgreSQL has its own")


def test_pragmas_on_every_connection(db):
    sqlite_only(db)
    with db.engine.connect() as conn:
        values = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in (
                "journal_mode",
                "synchronous",
                "foreign_keys",
                "busy_timeout",
                "trusted_schema",
            )
        }
    assert values == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 10000,
        "trusted_schema": 0,
    }


def test_write_units_take_the_lock_at_begin(db):
    """A second writer waits for the first at BEGIN IMMEDIATE instead of failing later."""
    sqlite_only(db)
    other = Database(db.url)
    order: list[str] = []
    try:
        with db.write() as uow:
            uow.catalogue.set_setting("probe", "first")
            order.append("first holds the lock")

            def second() -> None:
                with other.write() as uow2:
                    order.append("second got the lock")
                    uow2.catalogue.set_setting("probe", "second")
                    uow2.commit()

            worker = threading.Thread(target=second)
            worker.start()
            worker.join(0.3)
            assert worker.is_alive()  # blocked at BEGIN IMMEDIATE
            with other.read() as reader:  # readers are never blocked (WAL)
                assert reader.catalogue.setting("probe") is None
            uow.commit()
        worker.join(5)
        assert order == ["first holds the lock", "second got the lock"]
        with db.read() as uow:
            assert uow.catalogue.setting("probe") == "second"
    finally:
        other.dispose()


def test_money_columns_refuse_text_and_foreign_keys_hold(db):
    with pytest.raises(DBAPIError), db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE services SET base_price = '۱۲۳' WHERE id = 1")
    with pytest.raises(DBAPIError), db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE services SET base_price = '12.5' WHERE id = 1")
    if db.engine.dialect.name == "sqlite":
        with db.engine.begin() as conn:  # ASCII digits become a real integer (affinity)
            conn.exec_driver_sql("UPDATE services SET base_price = '12' WHERE id = 1")
            stored = conn.exec_driver_sql(
                "SELECT typeof(base_price), base_price FROM services WHERE id = 1"
            ).one()
        assert tuple(stored) == ("integer", 12)
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO addresses (subscriber_id, title, zone_id, text, active)"
            " VALUES (999, '', 1, 'x', TRUE)"
        )


def test_audit_log_is_append_only(db):
    with db.write() as uow:
        import datetime as dt

        uow.audit.append(
            at=dt.datetime.now(dt.UTC),
            user_id=None,
            entity="t",
            entity_id=1,
            action="create",
            before=None,
            after={"a": 1},
        )
        uow.commit()
    for sql in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError), db.engine.begin() as conn:
            conn.exec_driver_sql(sql)


def test_upgrade_keeps_data_and_references_of_a_populated_database(tmp_path):
    """Batch migrations rebuild tables by copy: an office's data must survive them."""
    db = Database(str(tmp_path / "office.db"))
    try:
        migrate.upgrade(db, revision="0003")
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO users (id, username, full_name, role, active, "
                "created_at) VALUES (1, 'u', 'U', 'manager', 1, '2025-01-01')"
            )
            conn.exec_driver_sql("INSERT INTO zones (id, name, sort_order) VALUES (1, 'z', 0)")
            conn.exec_driver_sql(
                "INSERT INTO services (id, code, name, payment_policy, "
                "materials_prepayment_allowed, materials_prepayment_bp, vat_exempt, vat_rate_bp,"
                " commission_bp, referrer_share_bp, recipient_share_bp, base_price, active, "
                "sort_order, version) VALUES (1, 'S', 'خدمت', 'postpaid', 0, 0, 0, 0, 0, 0, 0, "
                "0, 1, 0, 1)"
            )
            conn.exec_driver_sql(
                "INSERT INTO service_requests (id, service_id, description, priority, channel, "
                "status, contact_name, contact_phone, contact_address, created_at, created_by, "
                "updated_at, version) VALUES (7, 1, 'd', 1, 'phone', 'queued', '', '', '', "
                "'2025-01-01', 1, '2025-01-01', 1)"
            )
            conn.exec_driver_sql(
                "INSERT INTO request_events (request_id, at, user_id, to_status, reason) "
                "VALUES (7, '2025-01-01', 1, 'queued', '')"
            )
        backup = migrate.upgrade(db, backup_dir=tmp_path / "bk")
        assert backup is not None
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT id FROM service_requests").fetchall() == [(7,)]
            assert conn.exec_driver_sql("SELECT count(*) FROM request_events").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        migrate.downgrade(db, "0003")  # and back, with the data
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT id FROM service_requests").fetchall() == [(7,)]
    finally:
        db.dispose()


def test_migrations_import_no_live_code():
    """A migration replays the schema as it was on its day: it may import its frozen helpers
    in ``db/migrations/`` but nothing of the application that a later change could alter."""
    import ast
    from pathlib import Path

    versions = Path(migrate.__file__).parent / "migrations" / "versions"
    live = []
    for path in sorted(versions.glob("[0-9]*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            live += [
                f"{path.name}: {name}"
                for name in names
                if name.startswith("hendazh_desktop")
                and not name.startswith("hendazh_desktop.db.migrations")
            ]
    assert not live
