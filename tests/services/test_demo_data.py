"""Demo data: deterministic, valid by the app's own rules, searchable, appendable."""

from __future__ import annotations

import datetime as dt

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.phones import parse_phone
from hendazh_desktop.domain.subscription_code import damm_digit
from hendazh_desktop.services.bootstrap import prepare_database
from hendazh_desktop.services.demo_data import generate_demo_data
from hendazh_desktop.services.queue import QueueFilter, QueueService
from hendazh_desktop.services.subscriber_search import SubscriberSearch
from hendazh_desktop.services.users import UserService

NOW = dt.datetime(2025, 11, 25, 7, 0, tzinfo=dt.UTC)


def _fresh(path) -> Database:
    db = Database(str(path))
    prepare_database(db, backup_dir=None)
    return db


def _rows(db: Database) -> list[tuple]:
    with db.engine.connect() as conn:
        return list(
            conn.exec_driver_sql(
                "SELECT s.code, s.name, p.number FROM subscribers s JOIN subscriber_phones p "
                "ON p.subscriber_id = s.id ORDER BY s.id, p.position"
            )
        )


def test_same_seed_same_data_and_valid(tmp_path):
    first, second = _fresh(tmp_path / "a.db"), _fresh(tmp_path / "b.db")
    try:
        for db in (first, second):
            actor = UserService(db).system_actor()
            summary = generate_demo_data(db, actor, subscribers=300, seed=9, clock=lambda: NOW)
            assert summary.subscribers == 300 and summary.requests == 15
        rows = _rows(first)
        assert rows == _rows(second)
        for code, _name, number in rows:
            assert damm_digit(code) == 0
            assert parse_phone(number).number == number
        with first.engine.connect() as conn:
            bad_referrers = conn.exec_driver_sql(
                "SELECT count(*) FROM subscribers WHERE referrer_id IS NOT NULL "
                "AND referrer_id >= id"
            ).scalar()
            assert bad_referrers == 0
        actor = UserService(first).system_actor()
        name = rows[0][1].split(" ")[-1]
        assert SubscriberSearch(first).search(actor, name[:4])
        assert QueueService(first).count(actor, QueueFilter()) == 15
    finally:
        first.dispose()
        second.dispose()


def test_running_twice_appends_without_collisions(tmp_path):
    db = _fresh(tmp_path / "c.db")
    try:
        actor = UserService(db).system_actor()
        generate_demo_data(db, actor, subscribers=200, seed=1)
        generate_demo_data(db, actor, subscribers=200, seed=1)
        assert SubscriberSearch(db).count(actor) == 400
        with db.read() as uow:
            assert uow.audit.verify()[1] is None
    finally:
        db.dispose()


def test_dispatch_states_are_all_present(tmp_path):
    db = _fresh(tmp_path / "d.db")
    try:
        actor = UserService(db).system_actor()
        summary = generate_demo_data(db, actor, subscribers=2000, seed=3)
        assert summary.groups >= 12 and summary.dispatched_jobs > 12
        with db.engine.connect() as conn:
            statuses = {
                r[0] for r in conn.exec_driver_sql("SELECT DISTINCT status FROM service_requests")
            }
            declined = conn.exec_driver_sql(
                "SELECT count(*) FROM request_events WHERE to_status = 'declined'"
            ).scalar()
        assert {"assigned", "dispatched", "price_presented", "agreed", "done"} <= statuses
        assert declined > 0
    finally:
        db.dispose()
