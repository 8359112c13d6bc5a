"""Migration 0011: each service's commission and shares become the first rule of its dated
split schedule; the gift-credit tables are append-only."""

from __future__ import annotations

import datetime as dt

from hendazh_desktop.db import migrate
from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.split import SplitRule

SERVICE = (
    "INSERT INTO services (id, code, name, payment_policy, materials_prepayment_allowed, "
    "materials_prepayment_bp, vat_exempt, vat_rate_bp, commission_bp, referrer_share_bp, "
    "recipient_share_bp, base_price, active, sort_order, version) "
    "VALUES ({id}, 'S{id}', 'خدمت {id}', 'postpaid', 0, 0, 0, 1000, {c}, {r}, {p}, 0, 1, 0, 1)"
)


def test_the_services_rates_become_the_first_split_rule(tmp_path):
    db = Database(str(tmp_path / "office.db"))
    try:
        migrate.upgrade(db, revision="0010")
        with db.engine.begin() as conn:
            conn.exec_driver_sql(SERVICE.format(id=1, c=2500, r=4000, p=1000))
            conn.exec_driver_sql(SERVICE.format(id=2, c=0, r=0, p=0))
        migrate.upgrade(db, backup_dir=tmp_path / "bk")
        with db.read() as uow:
            assert uow.credit.schedule(1) == [SplitRule(dt.date(2000, 1, 1), 2500, 4000, 1000)]
            assert uow.credit.rule_on(2, dt.date(2026, 12, 3)) == SplitRule(
                dt.date(2000, 1, 1), 0, 0, 0
            )
    finally:
        db.dispose()
