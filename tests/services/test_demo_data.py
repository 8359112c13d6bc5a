"""Demo data: deterministic, valid by the app's own rules, searchable, appendable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from hendazh_desktop.db.database import Database
from hendazh_desktop.demo import names as demo_names
from hendazh_desktop.demo.data import generate_demo_data
from hendazh_desktop.demo.quality import JOBS_PER_GROUP, MAX_GROUPS
from hendazh_desktop.domain.errors import PermissionDenied
from hendazh_desktop.domain.identity import parse_national_code
from hendazh_desktop.domain.permissions import Actor, Role
from hendazh_desktop.domain.phones import parse_phone
from hendazh_desktop.domain.subscription_code import damm_digit, looks_like_code
from hendazh_desktop.domain.text import ZWNJ, search_key
from hendazh_desktop.services.accounts.bootstrap import office_actor, prepare_database
from hendazh_desktop.services.billing.queries import BillingQueries
from hendazh_desktop.services.requests.queue import QueueFilter, QueueService
from hendazh_desktop.services.subscribers.search import SubscriberSearch
from hendazh_desktop.services.wiring import wire

NOW = dt.datetime(2025, 11, 25, 7, 0, tzinfo=dt.UTC)
N = 300


def _fresh(path: Path) -> Database:
    db = wire(Database(str(path)))
    prepare_database(db, backup_dir=None)
    return db


def _admin(db: Database) -> Actor:
    # Only an administrator may fill a database with demo data.
    return office_actor(db, "tester", role=Role.ADMIN)


def _query(db: Database, sql: str) -> list[tuple]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql)]


def _scalar(db: Database, sql: str) -> object:
    return _query(db, sql)[0][0]


def _content(db: Database) -> list[list[tuple]]:
    return [
        _query(
            db,
            "SELECT id, code, name, name_key, national_code, referrer_id, do_not_serve, "
            "do_not_serve_reason, created_at FROM subscribers ORDER BY id",
        ),
        _query(
            db,
            "SELECT subscriber_id, number, kind, label, position FROM subscriber_phones "
            "ORDER BY id",
        ),
        _query(db, "SELECT subscriber_id, zone_id, text FROM addresses ORDER BY id"),
        _query(
            db,
            "SELECT subscriber_id, service_id, address_id, status, channel, priority, created_at "
            "FROM service_requests ORDER BY id",
        ),
    ]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Iterator[tuple[Database, Actor, list[tuple[int, int]]]]:
    """One database with N demo subscribers (shared by the read-only checks below)."""
    db = _fresh(tmp_path_factory.mktemp("demo") / "demo.db")
    actor = _admin(db)
    reports: list[tuple[int, int]] = []
    summary = generate_demo_data(
        db,
        actor,
        subscribers=N,
        seed=9,
        clock=lambda: NOW,
        progress=lambda d, t: reports.append((d, t)),
    )
    assert summary.subscribers == N and summary.addresses == N and summary.requests == N // 20
    yield db, actor, reports
    db.dispose()


def test_same_seed_gives_the_same_data_on_two_fresh_databases(tmp_path, generated):
    first, _, _ = generated
    second = _fresh(tmp_path / "b.db")
    third = _fresh(tmp_path / "c.db")
    try:
        generate_demo_data(second, _admin(second), subscribers=N, seed=9, clock=lambda: NOW)
        generate_demo_data(third, _admin(third), subscribers=N, seed=10, clock=lambda: NOW)
        assert _content(second) == _content(first)
        assert _content(third)[0] != _content(first)[0]
    finally:
        second.dispose()
        third.dispose()


def test_codes_phones_and_national_codes_pass_the_apps_own_checks(generated):
    db, _, _ = generated
    codes = [r[0] for r in _query(db, "SELECT code FROM subscribers")]
    assert len(set(codes)) == N
    assert all(damm_digit(c) == 0 and looks_like_code(c) for c in codes)
    phones = _query(db, "SELECT number, kind FROM subscriber_phones")
    assert N < len(phones) <= 3 * N
    for number, kind in phones:
        assert parse_phone(number).number == number
        assert kind == ("landline" if number.startswith("0713") else "mobile")
    per_subscriber = {
        r[0] for r in _query(db, "SELECT count(*) FROM subscriber_phones GROUP BY subscriber_id")
    }
    assert per_subscriber <= {1, 2, 3} and {1, 2} <= per_subscriber
    national = [
        r[0]
        for r in _query(db, "SELECT national_code FROM subscribers WHERE national_code IS NOT NULL")
    ]
    assert 0.07 * N < len(national) < 0.25 * N
    assert all(parse_national_code(c) == c for c in national)


def test_names_addresses_and_zones_look_real(generated):
    db, _, _ = generated
    for name, key in _query(db, "SELECT name, name_key FROM subscribers"):
        first, last = name.split(" ")
        assert first in demo_names.MALE_NAMES + demo_names.FEMALE_NAMES
        assert last in demo_names.SURNAMES
        assert key == search_key(name)
    assert any(ZWNJ in s for s in demo_names.SURNAMES)
    zones = {r[0] for r in _query(db, "SELECT id FROM zones")}
    for zone_id, text in _query(db, "SELECT zone_id, text FROM addresses"):
        assert zone_id in zones
        assert text.startswith("شیراز، ") and "پلاک " in text
        assert not any(c.isascii() and c.isdigit() for c in text)  # Persian digits


def test_referrers_are_earlier_existing_subscribers(generated):
    db, _, _ = generated
    referred = _scalar(db, "SELECT count(*) FROM subscribers WHERE referrer_id IS NOT NULL")
    assert 0.15 * N < referred < 0.45 * N
    bad = _scalar(
        db,
        "SELECT count(*) FROM subscribers s LEFT JOIN subscribers r ON r.id = s.referrer_id "
        "WHERE s.referrer_id IS NOT NULL AND (r.id IS NULL OR r.id >= s.id)",
    )
    assert bad == 0
    blocked = _query(db, "SELECT do_not_serve_reason FROM subscribers WHERE do_not_serve")
    assert all(reason for (reason,) in blocked)


def test_requests_have_their_history_by_the_acting_user(generated):
    db, actor, _ = generated
    requests = _query(db, "SELECT id, status, channel, created_by FROM service_requests")
    assert {r[3] for r in requests} == {actor.user_id}
    events = _query(
        db,
        "SELECT request_id, from_status, to_status, user_id, reason FROM request_events "
        "ORDER BY id",
    )
    history: dict[int, list[tuple]] = {}
    for request_id, *rest in events:
        history.setdefault(request_id, []).append(tuple(rest))
    allowed = {"queued", "to_verify", "awaiting_prepayment", "cancelled"}
    for request_id, status, channel, _ in requests:
        if status not in allowed:
            continue  # taken further through dispatch by the demo's work groups
        steps = history[request_id]
        assert steps[0][0] is None and steps[-1][1] == status
        assert all(user == actor.user_id for _, _, user, _ in steps)
        if status == "cancelled":
            assert steps[-1][3]  # with a reason
        if channel == "web_form" and status != "cancelled":
            assert status == "to_verify"
    groups = _scalar(db, "SELECT count(*) FROM work_groups WHERE active")
    past = JOBS_PER_GROUP * min(MAX_GROUPS, groups)  # the quality demo's finished jobs
    assert QueueService(db).count(actor, QueueFilter()) == N // 20 + past


def test_search_finds_generated_names_and_phones(generated):
    db, actor, _ = generated
    search = SubscriberSearch(db)
    rows = _query(
        db,
        "SELECT s.id, s.name, p.number FROM subscribers s JOIN subscriber_phones p "
        "ON p.subscriber_id = s.id AND p.position = 0 ORDER BY s.id LIMIT 20",
    )
    for subscriber_id, name, number in rows:
        first, last = name.split(" ")
        middle = last[1:4] if len(last) >= 4 else last
        assert subscriber_id in {r.id for r in search.search(actor, middle, limit=N)}
        two_words = f"{first[:3]} {last[:3]}"
        assert subscriber_id in {r.id for r in search.search(actor, two_words, limit=N)}
        # a fragment typed with a leading 0 is read as the start of a number: take one without
        tail = number[-6:].lstrip("0")
        if len(tail) >= 3:
            assert subscriber_id in {r.id for r in search.search(actor, tail, limit=N)}
        assert subscriber_id in {r.id for r in search.search(actor, number[:7], limit=N)}
        assert search.find_exact(actor, number) == subscriber_id
    fts = _scalar(db, "SELECT count(*) FROM subscriber_fts")
    phone_fts = _scalar(db, "SELECT count(*) FROM phone_fts")
    assert fts == N and phone_fts == _scalar(db, "SELECT count(*) FROM subscriber_phones")


def test_progress_is_reported_up_to_the_total(generated):
    _, _, reports = generated
    assert reports and reports[-1] == (N, N)
    assert [d for d, _ in reports] == sorted(d for d, _ in reports)


def test_running_twice_appends_without_collisions(tmp_path):
    db = _fresh(tmp_path / "twice.db")
    try:
        actor = _admin(db)
        generate_demo_data(db, actor, subscribers=200, seed=1)
        generate_demo_data(db, actor, subscribers=200, seed=1)  # same draws: must step aside
        assert SubscriberSearch(db).count(actor) == 400
        assert _scalar(db, "SELECT count(DISTINCT code) FROM subscribers") == 400
        numbers = _scalar(db, "SELECT count(*) FROM subscriber_phones")
        assert _scalar(db, "SELECT count(DISTINCT number) FROM subscriber_phones") == numbers
        assert _scalar(db, "SELECT count(*) FROM subscriber_fts") == 400
        assert _scalar(db, "SELECT count(*) FROM phone_fts") == numbers
        # the second run's subscribers and requests only reference the second run's rows
        assert (
            _scalar(
                db,
                "SELECT count(*) FROM subscribers WHERE id > 200 AND referrer_id <= 200",
            )
            == 0
        )
        assert (
            _scalar(
                db,
                "SELECT count(*) FROM service_requests r JOIN addresses a ON a.id = r.address_id "
                "WHERE a.subscriber_id <> r.subscriber_id",
            )
            == 0
        )
        assert _query(db, "PRAGMA foreign_key_check") == []
        with db.read() as uow:
            assert uow.audit.verify()[1] is None
    finally:
        db.dispose()


def test_only_an_administrator_generates_demo_data(tmp_path):
    db = _fresh(tmp_path / "denied.db")
    try:
        manager = office_actor(db, "manager", role=Role.MANAGER)
        with pytest.raises(PermissionDenied):
            generate_demo_data(db, manager, subscribers=10)
        assert SubscriberSearch(db).count(manager) == 0
    finally:
        db.dispose()


def test_dispatch_states_are_all_present(tmp_path):
    db = _fresh(tmp_path / "d.db")
    try:
        actor = _admin(db)
        summary = generate_demo_data(db, actor, subscribers=2000, seed=3)
        assert summary.groups >= 12 and summary.dispatched_jobs > 12
        statuses = {r[0] for r in _query(db, "SELECT DISTINCT status FROM service_requests")}
        declined = _scalar(db, "SELECT count(*) FROM request_events WHERE to_status = 'declined'")
        assert {"assigned", "dispatched", "price_presented", "agreed", "done"} <= statuses
        assert declined > 0
        _check_billing(db, actor)
        states = {r[0] for r in _query(db, "SELECT DISTINCT state FROM invoice_balances")}
        assert {"draft", "open", "part_paid", "paid", "credited", "credit_note"} <= states
        cheques = {r[0] for r in _query(db, "SELECT DISTINCT cheque_state FROM payment_balances")}
        assert {"pending", "cleared", "bounced"} <= cheques
        assert _scalar(db, "SELECT count(*) FROM materials_prepayments") > 0
        splits = {r[0] for r in _query(db, "SELECT DISTINCT kind FROM job_splits")}
        assert splits == {"posted", "reversed"}
        kinds = {r[0] for r in _query(db, "SELECT DISTINCT kind FROM credit_entries")}
        assert {"earned_referrer", "earned_recipient", "spent", "reversal", "adjustment"} <= kinds
        assert _scalar(db, "SELECT count(*) FROM credit_balances WHERE balance < 0") >= 1
        _check_wages(db, actor)
        assert (
            _query(
                db,
                "SELECT b.subscriber_id FROM credit_balances b WHERE b.balance <> (SELECT "
                "sum(amount) FROM credit_entries e WHERE e.subscriber_id = b.subscriber_id)",
            )
            == []
        )
    finally:
        db.dispose()


def _out_of_date_order(db: Database) -> list[tuple]:
    """Numbered documents whose number runs against their date (per series and year)."""
    found = []
    for table, moment in (("invoices", "issued_at"), ("payments", "received_at")):
        found += _query(
            db,
            f"SELECT a.series, a.fiscal_year, a.number, b.number FROM {table} a "
            f"JOIN {table} b ON b.series = a.series AND b.fiscal_year = a.fiscal_year "
            f"AND b.number = a.number + 1 WHERE b.{moment} < a.{moment}",
        )
    return found


def test_numbered_series_run_in_date_order(tmp_path):
    db = _fresh(tmp_path / "order.db")
    try:
        generate_demo_data(db, _admin(db), subscribers=6000, seed=3)
        assert _scalar(db, "SELECT count(*) FROM payments") > 12
        assert _out_of_date_order(db) == []
    finally:
        db.dispose()


def _check_billing(db: Database, actor: Actor) -> None:
    """Every request awaiting prepayment has its invoice; numbers are gapless per series and
    year; totals are the sums of the lines; every statement adds up."""
    waiting = _scalar(
        db,
        "SELECT count(*) FROM service_requests r WHERE status = 'awaiting_prepayment' AND NOT "
        "EXISTS (SELECT 1 FROM invoices i WHERE i.request_id = r.id AND i.kind = 'prepayment')",
    )
    assert waiting == 0
    numbered = _query(
        db,
        "SELECT series, fiscal_year, count(*), max(number) FROM invoices "
        "WHERE number IS NOT NULL GROUP BY series, fiscal_year",
    )
    assert numbered and all(count == last for _, _, count, last in numbered)
    assert not _query(
        db,
        "SELECT i.id FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id "
        "GROUP BY i.id, i.total HAVING sum(l.total) <> i.total",
    )
    queries = BillingQueries(db)
    for (subscriber_id,) in _query(db, "SELECT DISTINCT subscriber_id FROM invoices"):
        statement = queries.statement(actor, subscriber_id)
        assert statement.balance == statement.owed - statement.credit


def test_bulk_load_on_the_shared_backends(db, clock):
    """The same generator on each backend the suite runs (PostgreSQL takes the Core path)."""
    actor = office_actor(db, "demo-admin", role=Role.ADMIN)
    generate_demo_data(db, actor, subscribers=120, seed=4, clock=clock)
    generate_demo_data(db, actor, subscribers=80, seed=4, clock=clock)
    search = SubscriberSearch(db)
    assert search.count(actor) == 200
    with db.engine.connect() as conn:
        name, number = conn.exec_driver_sql(
            "SELECT s.name, p.number FROM subscribers s JOIN subscriber_phones p "
            "ON p.subscriber_id = s.id ORDER BY s.id DESC LIMIT 1"
        ).one()
    assert search.find_exact(actor, number) is not None
    assert search.search(actor, name.split(" ")[-1], limit=200)
    _check_billing(db, actor)


def test_demo_quality_data_has_every_channel_outcome_and_state(tmp_path):
    db = _fresh(tmp_path / "quality.db")
    generate_demo_data(db, _admin(db), subscribers=N, seed=3, clock=lambda: NOW)
    channels = {r[0] for r in _query(db, "SELECT DISTINCT channel FROM quality_feedback")}
    assert channels == {"phone", "web", "quality_call"}
    outcomes = {r[0] for r in _query(db, "SELECT DISTINCT outcome FROM quality_calls")}
    assert outcomes == {"pending", "answered", "no_answer", "refused", "wrong_number"}
    assert _scalar(db, "SELECT count(DISTINCT day) FROM quality_call_lists") >= 3
    assert {r[0] for r in _query(db, "SELECT DISTINCT state FROM quality_complaints")} == {
        "open",
        "closed",
    }
    states = {r[0] for r in _query(db, "SELECT DISTINCT state FROM quality_ideas")}
    assert states == {"new", "review", "adopted", "declined"}
    # groups differ: their average overall scores are spread
    averages = [
        r[0]
        for r in _query(
            db,
            "SELECT avg(overall) FROM quality_feedback WHERE group_id IS NOT NULL "
            "GROUP BY group_id HAVING count(*) >= 5",
        )
    ]
    assert max(averages) - min(averages) > 0.8


def _check_wages(db: Database, actor: Actor) -> None:
    """Wages in every state, unequal shares, a reimbursement, an advance, a clawback after a
    bounced cheque, a paid batch and one awaiting approval."""
    from hendazh_desktop.services.wages.queries import PayableFilter, WageQueries

    queries = WageQueries(db)
    states = {r.state for r in queries.payables(actor, PayableFilter(), 0, 1000)}
    assert {"held", "due", "batched", "paid", "clawed_back"} <= states
    batches = {(b.state, b.approval_required) for b in queries.batches(actor)}
    assert {("paid", False), ("draft", True)} <= batches
    kinds = {r[0] for r in _query(db, "SELECT DISTINCT kind FROM wage_items")}
    assert {"fee", "reimbursement", "advance", "clawback"} <= kinds
    unequal = _scalar(
        db,
        "SELECT count(*) FROM (SELECT group_id FROM wage_members GROUP BY group_id "
        "HAVING count(DISTINCT share) > 1) AS teams",
    )
    assert unequal >= 1
    assert _scalar(db, "SELECT count(*) FROM wage_members WHERE iban IS NULL") >= 1


def test_demo_gift_catalogue_and_orders_in_every_state(generated):
    db, _, _ = generated
    assert _query(db, "SELECT count(*), sum(has_photo), sum(active) FROM gift_items") == [
        (40, 40, 38)
    ]
    states = {s for (s,) in _query(db, "SELECT DISTINCT state FROM gift_orders")}
    assert states == {"placed", "prepared", "delivered", "cancelled"}
    ways = {w for (w,) in _query(db, "SELECT DISTINCT delivery FROM gift_orders")}
    assert {"office", "work_group"} <= ways
    assert _scalar(db, "SELECT count(*) FROM credit_entries WHERE kind = 'returned'") > 0
    with db.read() as uow:
        moved = uow.gifts.stock_from_moves()
        for item_id, (available, on_hand) in moved.items():
            item = uow.gifts.item(item_id)
            assert (item.stock, item.on_hand) == (available, on_hand)


def test_demo_referral_chain_earned_and_expired_a_year_ago(tmp_path):
    """A larger demo database adds five subscribers referred one by another, whose jobs were
    paid thirteen months ago under a six-month term: their unspent credit has expired, the
    invoices of that year number in date order, and the audit chain holds."""
    from hendazh_desktop.demo.gifts import CHAIN_FROM, deepest_chain
    from hendazh_desktop.services.credit.ledger import GiftCreditLedger

    db = _fresh(tmp_path / "chain.db")
    try:
        actor = _admin(db)
        generate_demo_data(db, actor, subscribers=CHAIN_FROM, seed=4, clock=lambda: NOW)
        chain = deepest_chain(db, 5)
        assert len(chain) >= 4  # the demo's random referrals hold chains several levels deep
        tree = GiftCreditLedger(db).referral_tree(actor, chain[0], depth=6)
        below = [tree]
        for child in chain[1:]:
            below.append(next(c for c in below[-1].children if c.subscriber_id == child))
        assert sum(1 for node in below[1:] if node.earned_for_referrer > 0) >= 2  # jobs earned
        assert _scalar(db, "SELECT count(*) FROM credit_entries WHERE kind = 'expiry'") > 0
        # one of them spent part of it on a gift before the term ended: that part was kept
        assert _scalar(db, "SELECT count(*) FROM gift_orders WHERE placed_at < '2025-01-01'") == 1
        assert (
            _scalar(db, "SELECT count(*) FROM credit_entries WHERE expires_on > '2025-11-25'") == 0
        )
        _check_billing(db, actor)
        assert _out_of_date_order(db) == []
        with db.read() as uow:
            assert uow.audit.verify()[1] is None
    finally:
        db.dispose()
