"""Migration 0021: wage members already stored get the Persian sort keys the app gives new
names (a batch's lines sort by them), and the payables get their service and day indexes."""

from __future__ import annotations

from sqlalchemy import inspect

from hendazh_desktop.db import migrate
from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.text import collation_key

NAMES = ("هادي ملكي", "آرش  یزدانی", "بهرام‌ چمنی", "ژاله كاظمی", "۱۲ پروین")
GROUP = (
    "INSERT INTO work_groups (id, name, name_key, kind, phone, daily_capacity, active, notes, "
    "created_at, version) VALUES (1, 'گروه', 'گروه', 'team', '09170000000', 4, 1, '', "
    "'2026-01-01 00:00:00', 1)"
)
MEMBER = (
    "INSERT INTO wage_members (id, group_id, name, share, position, created_at) "
    "VALUES (?, 1, ?, 1, ?, '2026-01-01 00:00:00')"
)


def test_stored_members_get_the_keys_new_names_get(tmp_path):
    db = Database(str(tmp_path / "office.db"))
    try:
        migrate.upgrade(db, revision="0020")
        with db.engine.begin() as conn:
            conn.exec_driver_sql(GROUP)
            for i, name in enumerate(NAMES, start=1):
                conn.exec_driver_sql(MEMBER, (i, name, i))
        migrate.upgrade(db, backup_dir=tmp_path / "bk")
        with db.engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT name, sort_key FROM wage_members").all()
            indexes = {i["name"] for i in inspect(conn).get_indexes("wage_payables")}
        assert len(rows) == len(NAMES)
        for name, key in rows:
            assert key == collation_key(name), name
        assert {"ix_wage_payables_service", "ix_wage_payables_day"} <= indexes
    finally:
        db.dispose()
