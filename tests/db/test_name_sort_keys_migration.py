"""Migration 0017: subscribers, work groups, services and zones already stored get their
Persian sort keys (the same keys the app gives new names), and the list's name order uses them."""

from __future__ import annotations

from hendazh_desktop.db import migrate
from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.text import collation_key, search_key

NAMES = ("گلناز پاکزاد", "هادی ملکی", "پروین گلستانی", "وحید هاشمی", "بهرام چمنی", "ژاله کاظمی")
SUBSCRIBER = (
    "INSERT INTO subscribers (id, code, name, name_key, do_not_serve, do_not_serve_reason, "
    "notes, created_at, updated_at, version) VALUES (?, ?, ?, ?, 0, '', '', "
    "'2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)"
)
ZONE = "INSERT INTO zones (id, name, sort_order) VALUES (?, ?, 0)"
USER = (
    "INSERT INTO users (id, username, full_name, role, active, created_at) "
    "VALUES (?, ?, ?, 'manager', 1, '2026-01-01 00:00:00')"
)


def test_stored_names_get_the_keys_new_names_get(tmp_path):
    db = Database(str(tmp_path / "office.db"))
    try:
        migrate.upgrade(db, revision="0013")
        with db.engine.begin() as conn:
            for i, name in enumerate(NAMES, start=1):
                conn.exec_driver_sql(SUBSCRIBER, (i, f"{10000000 + i}", name, search_key(name)))
                conn.exec_driver_sql(ZONE, (100 + i, f"منطقه {name}"))
                conn.exec_driver_sql(USER, (100 + i, f"user{i}", name))
        migrate.upgrade(db, backup_dir=tmp_path / "bk")
        with db.engine.connect() as conn:
            subscribers = conn.exec_driver_sql("SELECT name, sort_key FROM subscribers").all()
            zones = conn.exec_driver_sql("SELECT name, sort_key FROM zones WHERE id > 100").all()
            users = conn.exec_driver_sql("SELECT full_name, sort_key FROM users").all()
        assert len(subscribers) == len(zones) == len(users) == len(NAMES)
        for name, key in [*subscribers, *zones, *users]:
            assert key == collation_key(name)
        with db.read() as uow:
            ordered = [r.name for r in uow.subscribers.page(0, 10, "name")]
        assert ordered == ["بهرام چمنی", "پروین گلستانی", "ژاله کاظمی", "گلناز پاکزاد",
                           "وحید هاشمی", "هادی ملکی"]  # fmt: skip
    finally:
        db.dispose()
