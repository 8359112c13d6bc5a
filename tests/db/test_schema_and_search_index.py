"""What Alembic's comparison does not look at: CHECK constraints, foreign-key options and
triggers of the migrated schema equal the models'; the FTS5 search tables stay in step with
the rows they index; the repositories' query helpers take user text literally."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import create_engine, inspect

from hendazh_desktop.db import migrate, search_sync
from hendazh_desktop.db.append_only import expected_triggers
from hendazh_desktop.db.base import Base
from hendazh_desktop.db.database import Database
from hendazh_desktop.db.repositories.requests import QueueQuery
from hendazh_desktop.db.repositories.subscribers import _next_prefix, fts_phrase_query
from hendazh_desktop.domain.subscriber_forms import PhoneDraft, SubscriberDraft
from hendazh_desktop.services.requests.intake import IntakeService, RequestDraft
from hendazh_desktop.services.requests.webform_import import WebFormImporter
from hendazh_desktop.services.subscribers.register import SubscriberService
from hendazh_desktop.services.wiring import wire


def _norm(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).strip()


def test_migrated_constraints_equal_the_models(tmp_path):
    migrated = wire(Database(str(tmp_path / "migrated.db")))
    modelled = create_engine(f"sqlite:///{tmp_path / 'modelled.db'}")
    try:
        migrate.upgrade(migrated)
        Base.metadata.create_all(modelled)
        a, b = inspect(migrated.engine), inspect(modelled)
        tables = set(b.get_table_names())
        assert tables <= set(a.get_table_names())
        for table in sorted(tables):
            checks = [
                {(c["name"], _norm(c["sqltext"])) for c in insp.get_check_constraints(table)}
                for insp in (a, b)
            ]
            assert checks[0] == checks[1], table
            keys = [
                {
                    (tuple(f["constrained_columns"]), f["referred_table"], str(f["options"]))
                    for f in insp.get_foreign_keys(table)
                }
                for insp in (a, b)
            ]
            assert keys[0] == keys[1], table
        with migrated.engine.connect() as conn:
            triggers = conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
            ).scalars()
            money = ["allocations", "billing_events", "cheque_events", "materials_prepayments"]
            money += ["payments", "invoice_lines", "invoices", "job_splits", "credit_entries"]
            expected = {"audit_log_no_delete", "audit_log_no_update", "invoice_lines_no_insert"}
            expected |= {f"{t}_no_{e}" for t in money for e in ("update", "delete")}
            found = set(triggers)
            assert expected <= found
            assert found == expected_triggers("sqlite", conn)
    finally:
        migrated.dispose()
        modelled.dispose()


def _index_state(db: Database) -> tuple[list, list]:
    with db.engine.connect() as conn:
        names = conn.exec_driver_sql(
            "SELECT s.id, s.name_key, f.name_key FROM subscribers s "
            "LEFT JOIN subscriber_fts f ON f.rowid = s.id ORDER BY s.id"
        ).fetchall()
        phones = conn.exec_driver_sql(
            "SELECT p.id, p.number, f.number FROM subscriber_phones p "
            "LEFT JOIN phone_fts f ON f.rowid = p.id ORDER BY p.id"
        ).fetchall()
        extra = conn.exec_driver_sql(
            "SELECT (SELECT count(*) FROM subscriber_fts) - (SELECT count(*) FROM subscribers),"
            " (SELECT count(*) FROM phone_fts) - (SELECT count(*) FROM subscriber_phones)"
        ).one()
    assert tuple(extra) == (0, 0)  # no row left behind for a deleted phone
    return [tuple(r) for r in names], [tuple(r) for r in phones]


def test_search_tables_follow_every_change(db, actor):
    if not db.is_sqlite:
        pytest.skip("FTS5 is SQLite's; PostgreSQL searches with pg_trgm indexes")
    subs = SubscriberService(db)

    def draft(name, *phones):
        return SubscriberDraft(name=name, phones=tuple(PhoneDraft(p) for p in phones))

    a = subs.create(actor, draft("علی رضایی", "09170000001", "09170000002"))
    b = subs.create(actor, draft("مریم فسایی", "09170000003"))
    a = subs.update(actor, a.id, draft("علی رضایی‌نژاد", "09170000002"), expected_version=1)
    b = subs.update(
        actor, b.id, draft("مریم فسایی", "09170000001", "09170000003"), expected_version=1
    )
    subs.update(actor, b.id, draft("مریم فسایی", "09170000004"), expected_version=2)
    names, phones = _index_state(db)
    assert [(i, key) for i, key, indexed in names if key != indexed] == []
    assert [(i, n) for i, n, indexed in phones if n != indexed] == []
    assert sorted(n for _, n, _ in phones) == ["09170000002", "09170000004"]
    with db.engine.begin() as conn:
        search_sync.rebuild(conn)
    assert _index_state(db) == (names, phones)


def test_query_helpers_take_text_literally():
    assert _next_prefix("0917") == "0918"
    assert _next_prefix("09179") == "0917:"  # still above every "09179…"
    assert fts_phrase_query(['a"b', "NEAR(x"]) == '"a""b" AND "NEAR(x"'
    assert fts_phrase_query(['" OR 1=1 --']) == '""" OR 1=1 --"'


@pytest.mark.parametrize("wildcard", ["%", "_", "\\", "%%", "_%_"])
def test_queue_text_treats_like_wildcards_as_text(db, actor, new_subscriber, wildcard):
    sub = new_subscriber("مریم فسایی", "09171234567")
    IntakeService(db).create_request(actor, RequestDraft(sub.id, 1, sub.addresses[0].id))
    data = "ref,phone,name,service\nw1,09170001111,نگار احمدی,CLN\n".encode()
    assert WebFormImporter(db).import_bytes(actor, "w.csv", data).ok
    with db.read() as uow:
        assert uow.requests.count(QueueQuery()) == 2
        assert uow.requests.count(QueueQuery(name_key="فسایی")) == 1
        assert uow.requests.count(QueueQuery(contact_text="احمدی")) == 1
        assert uow.requests.count(QueueQuery(phone_prefix="0917000")) == 1
        assert uow.requests.count(QueueQuery(name_key=wildcard)) == 0
        assert uow.requests.count(QueueQuery(contact_text=wildcard)) == 0
        assert uow.requests.count(QueueQuery(phone_prefix=wildcard)) == 0
