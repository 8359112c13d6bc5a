"""Migration 0007: an exemption becomes an entry of the dated VAT schedule."""

from __future__ import annotations

from hendazh_desktop.db import migrate
from hendazh_desktop.db.database import Database

SERVICE = (
    "INSERT INTO services (id, code, name, payment_policy, materials_prepayment_allowed, "
    "materials_prepayment_bp, vat_exempt, vat_rate_bp, commission_bp, referrer_share_bp, "
    "recipient_share_bp, base_price, active, sort_order, version) "
    "VALUES ({id}, 'S{id}', 'خدمت {id}', 'postpaid', 0, 0, {exempt}, {bp}, 0, 0, 0, 0, 1, 0, 1)"
)


def test_an_old_exemption_becomes_dated_entries_and_every_service_gets_a_schedule(tmp_path):
    db = Database(str(tmp_path / "office.db"))
    try:
        migrate.upgrade(db, revision="0006")
        with db.engine.begin() as conn:
            conn.exec_driver_sql(SERVICE.format(id=1, exempt=1, bp=0))  # exempt, rated 9% once
            conn.exec_driver_sql(SERVICE.format(id=2, exempt=0, bp=1000))  # no entry yet
            conn.exec_driver_sql(
                "INSERT INTO vat_rates (service_id, effective_from, vat_bp, created_at) "
                "VALUES (1, '2000-01-01', 0, '2025-01-01'), (1, '2025-03-21', 900, '2025-01-01')"
            )
        migrate.upgrade(db, backup_dir=tmp_path / "bk")
        with db.read() as uow:
            first = [
                (e.effective_from.year, e.vat_bp, e.exempt) for e in uow.billing.vat_schedule(1)
            ]
            second = [(e.vat_bp, e.exempt) for e in uow.billing.vat_schedule(2)]
        assert first == [(2025, 0, True), (2000, 0, True)]  # exempt on every day, as before
        assert second == [(1000, False)]
    finally:
        db.dispose()
