"""The request queue: filters (local Tehran days), sorts, pages, history, cancel and verify."""

from __future__ import annotations

import datetime as dt

import pytest

from hendazh_desktop.domain.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from hendazh_desktop.domain.jalali import from_jalali
from hendazh_desktop.domain.requests import RequestStatus
from hendazh_desktop.services.requests.intake import IntakeService, RequestDraft
from hendazh_desktop.services.requests.queue import QueueFilter, QueueService
from hendazh_desktop.services.requests.webform_import import WebFormImporter

UTC = dt.UTC


@pytest.fixture
def people(new_subscriber, zone_ids):
    return {
        "ali": new_subscriber("علیرضا شریفی", "09171234567", zone_id=zone_ids[0]),
        "reza": new_subscriber("رضا محمدی‌نژاد", "09362223344", zone_id=zone_ids[1]),
        "maryam": new_subscriber("مریم فسایی", "07132274517", zone_id=zone_ids[2]),
    }


@pytest.fixture
def queue(db, clock):
    return QueueService(db, clock=clock)


@pytest.fixture
def made(db, actor, people, services, clock):
    """Seven requests over three local days (one at each side of a Tehran midnight)."""
    plan = [
        # (who, service, priority, created at UTC, preferred Jalali date)
        ("ali", "برق‌کاری", 1, dt.datetime(2025, 11, 23, 8, 0, tzinfo=UTC), "1404/09/10"),
        ("reza", "نظافت", 3, dt.datetime(2025, 11, 24, 9, 0, tzinfo=UTC), ""),
        ("maryam", "نظافت", 1, dt.datetime(2025, 11, 24, 20, 29, tzinfo=UTC), "1404/09/06"),
        ("ali", "نظافت", 2, dt.datetime(2025, 11, 24, 20, 31, tzinfo=UTC), "1404/09/05"),
        ("reza", "برق‌کاری", 0, dt.datetime(2025, 11, 25, 6, 0, tzinfo=UTC), ""),
        ("maryam", "خدمات آموزشی", 1, dt.datetime(2025, 11, 25, 6, 30, tzinfo=UTC), ""),
        ("ali", "برق‌کاری", 1, dt.datetime(2025, 11, 25, 6, 45, tzinfo=UTC), "1404/09/05"),
    ]
    ids = []
    for who, service, priority, at, day in plan:
        clock.now = at
        sub = people[who]
        ids.append(
            IntakeService(db, clock=clock)
            .create_request(
                actor,
                RequestDraft(
                    sub.id,
                    services[service].id,
                    sub.addresses[0].id,
                    priority=priority,
                    preferred_date=day,
                    window_start="8" if day else "",
                ),
            )
            .id
        )
    clock.now = dt.datetime(2025, 11, 25, 7, 0, tzinfo=UTC)
    return ids


def ids_of(queue, actor, **filters) -> list[int]:
    flt = QueueFilter(**filters)
    rows = queue.page(actor, flt, 0, 100)
    assert queue.count(actor, flt) == len(rows)
    return [r.id for r in rows]


def test_filters(db, actor, queue, made, people, services, zone_ids):
    assert queue.count(actor, QueueFilter()) == 7
    assert set(ids_of(queue, actor, statuses=("awaiting_prepayment",))) == {made[5]}
    assert set(ids_of(queue, actor, statuses=("queued", "awaiting_prepayment"))) == set(made)
    assert set(ids_of(queue, actor, service_id=services["برق‌کاری"].id)) == {
        made[0],
        made[4],
        made[6],
    }
    assert set(ids_of(queue, actor, zone_id=zone_ids[1])) == {made[1], made[4]}
    assert ids_of(queue, actor, zone_id=zone_ids[5]) == []
    both = ids_of(queue, actor, service_id=services["نظافت"].id, zone_id=zone_ids[0])
    assert both == [made[3]]
    with pytest.raises(ValidationError) as bad_status:
        queue.count(actor, QueueFilter(statuses=("queued", "no_such_status")))
    assert (bad_status.value.field, bad_status.value.code) == ("statuses", "invalid")


def test_local_day_boundaries_in_tehran(actor, queue, made):
    """20:29 UTC is 23:59 in Tehran; 20:31 UTC is already the next day there."""
    nov24, nov25 = from_jalali(1404, 9, 3), from_jalali(1404, 9, 4)  # as picked in the view
    assert (nov24, nov25) == (dt.date(2025, 11, 24), dt.date(2025, 11, 25))
    assert set(ids_of(queue, actor, date_from=nov24, date_to=nov24)) == {made[1], made[2]}
    assert set(ids_of(queue, actor, date_from=nov25, date_to=nov25)) == {
        made[3],
        made[4],
        made[5],
        made[6],
    }
    assert set(ids_of(queue, actor, date_from=nov25)) == set(made[3:])
    assert set(ids_of(queue, actor, date_to=nov24)) == set(made[:3])
    assert ids_of(queue, actor, date_from=dt.date(2025, 11, 26)) == []
    with pytest.raises(ValidationError) as reversed_range:
        queue.count(actor, QueueFilter(date_from=nov25, date_to=nov24))
    assert (reversed_range.value.field, reversed_range.value.code) == (
        "date_to",
        "date_range_reversed",
    )


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("شریفی", "ali"),
        ("شريفي", "ali"),  # Arabic letters
        ("محمدی‌نژاد", "reza"),  # with ZWNJ
        ("محمدینژاد", "reza"),  # without
        ("مریم", "maryam"),
        ("09362223344", "reza"),
        ("0936-222-3344", "reza"),
        ("+98 936 222 3344", "reza"),
        ("۰۹۳۶ ۲۲۲ ۳۳۴۴", "reza"),
        ("9362223344", "reza"),
        ("0936222", "reza"),  # a phone prefix
        ("071-3227", "maryam"),
    ],
)
def test_text_finds_name_or_phone(actor, queue, made, people, text, who):
    rows = queue.page(actor, QueueFilter(text=text), 0, 100)
    assert {r.subscriber_code for r in rows} == {people[who].code}
    assert len(rows) == queue.count(actor, QueueFilter(text=text)) >= 2


def test_text_finds_request_number_and_code(actor, queue, made, people):
    assert ids_of(queue, actor, text=str(made[4])) == [made[4]]
    persian = str(made[4]).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert ids_of(queue, actor, text=persian) == [made[4]]
    code = people["maryam"].code
    assert set(ids_of(queue, actor, text=code)) == {made[2], made[5]}
    assert ids_of(queue, actor, text="ناموجود") == []
    assert ids_of(queue, actor, text="99999999") == []
    for hostile in ("%", "_", "\\", "' OR 1=1 --", '"'):
        assert ids_of(queue, actor, text=hostile) == [], hostile


def test_sorts_and_paging(actor, queue, made):
    urgency = ids_of(queue, actor)
    assert urgency == [made[1], made[3], made[0], made[2], made[5], made[6], made[4]]
    assert ids_of(queue, actor, sort="newest") == made[::-1]
    assert ids_of(queue, actor, sort="oldest") == made
    assert ids_of(queue, actor, sort="number") == sorted(made)
    by_day = ids_of(queue, actor, sort="preferred_date")
    assert by_day[:4] == [made[3], made[6], made[2], made[0]]  # 05, 05, 06, 10; undated last
    assert set(by_day[4:]) == {made[1], made[4], made[5]}
    by_status = ids_of(queue, actor, sort="status")
    assert by_status[0] == made[5]  # awaiting_prepayment sorts before queued
    with pytest.raises(ValidationError) as bad_sort:
        queue.page(actor, QueueFilter(sort="id; DROP TABLE x"), 0, 10)
    assert (bad_sort.value.field, bad_sort.value.code) == ("sort", "invalid")
    for size in (1, 2, 3, 5, 7, 10):
        pages = [
            r.id
            for offset in range(0, 7, size)
            for r in queue.page(actor, QueueFilter(), offset, size)
        ]
        assert pages == urgency, size
    assert queue.page(actor, QueueFilter(), 7, 5) == []
    assert [r.id for r in queue.page(actor, QueueFilter(sort="oldest"), 5, 10)] == made[5:]


def test_cancel_needs_a_reason_and_stays_listed(db, actor, queue, made, clock):
    target = made[2]
    for reason, code in (("", "required"), ("نه", "too_short"), ("  \u200c ", "required")):
        with pytest.raises(ValidationError) as refused:
            queue.cancel(actor, target, reason, expected_version=1)
        assert (refused.value.field, refused.value.code) == ("reason", code)
    assert queue.get(actor, target).status == "queued"
    queue.cancel(actor, target, "  مشترک  منصرف شد ", expected_version=1)
    row = queue.get(actor, target)
    assert (row.status, row.version) == ("cancelled", 2)
    assert queue.count(actor, QueueFilter()) == 7  # still listed
    assert ids_of(queue, actor, statuses=("cancelled",)) == [target]
    history = queue.history(actor, target)
    assert [(h.from_status, h.to_status, h.reason, h.user) for h in history] == [
        (None, "queued", "", "آزمونگر"),
        ("queued", "cancelled", "مشترک منصرف شد", "آزمونگر"),
    ]
    assert history[-1].at == clock.now
    with pytest.raises(Conflict) as again:
        queue.cancel(actor, target, "دوباره لغو", expected_version=2)
    assert again.value.code == "illegal_transition"
    assert again.value.params == {"current": "cancelled", "target": "cancelled"}
    with pytest.raises(Conflict) as stale:
        queue.cancel(actor, made[3], "دلیل کافی", expected_version=5)
    assert stale.value.code == "stale"
    with pytest.raises(NotFound):
        queue.cancel(actor, 9999, "دلیل کافی", expected_version=1)
    with pytest.raises(NotFound):
        queue.get(actor, 9999)
    assert queue.history(actor, 9999) == []


def test_permissions(db, actor, accountant, consultant, queue, made):
    assert queue.count(accountant, QueueFilter()) == 7
    with pytest.raises(PermissionDenied):
        queue.cancel(accountant, made[0], "دلیل کافی", expected_version=1)
    with pytest.raises(PermissionDenied):
        queue.verify(accountant, made[0], subscriber_id=1, expected_version=1)
    queue.cancel(consultant, made[0], "دلیل کافی", expected_version=1)
    assert queue.get(accountant, made[0]).status == "cancelled"


@pytest.fixture
def web_requests(db, actor, people):
    """Three web-form requests to verify: matched by phone, by code, and unknown."""
    data = (
        "ref,code,phone,name,service,address\n"
        "w1,,09362223344,,نظافت,\n"
        f"w2,{people['maryam'].code},,,تورهای سلامت,\n"
        "w3,,09170001111,نگار احمدی‌پور,برق‌کاری,ارم، کوچه ۲\n"
        "w4,,09170002222,آزاده آقایی,برق‌کاری,ارم، کوچه ۳\n"
    )
    report = WebFormImporter(db).import_bytes(actor, "forms.csv", data.encode())
    assert report.ok, report.problems
    return dict(zip(("w1", "w2", "w3", "w4"), report.created, strict=True))


def test_verify_web_form_requests(db, actor, queue, people, web_requests):
    w1, w2, w3 = web_requests["w1"], web_requests["w2"], web_requests["w3"]
    w4 = web_requests["w4"]
    assert set(ids_of(queue, actor, statuses=("to_verify",))) == {w1, w2, w3, w4}
    assert queue.verify(actor, w1, subscriber_id=people["reza"].id, expected_version=1) == (
        RequestStatus.QUEUED
    )
    assert queue.verify(actor, w2, subscriber_id=people["maryam"].id, expected_version=1) == (
        RequestStatus.AWAITING_PREPAYMENT
    )
    assert [(h.from_status, h.to_status) for h in queue.history(actor, w1)] == [
        (None, "to_verify"),
        ("to_verify", "queued"),
    ]
    row = queue.get(actor, w1)
    assert (row.subscriber_code, row.address, row.version) == (
        people["reza"].code,
        people["reza"].addresses[0].text,
        2,
    )
    with pytest.raises(Conflict) as twice:
        queue.verify(actor, w1, subscriber_id=people["reza"].id, expected_version=2)
    assert twice.value.code == "illegal_transition"
    # the unknown sender: found by the name and phone they typed, then tied to a subscriber
    assert ids_of(queue, actor, text="نگار احمدی‌پور") == [w3]
    assert ids_of(queue, actor, text="احمدیپور") == [w3]
    assert ids_of(queue, actor, text="ازاده اقایی") == [w4]  # «آ» typed as «ا»
    assert ids_of(queue, actor, text="آقایی") == [w4]
    assert ids_of(queue, actor, text="0917-000-1111") == [w3]
    with pytest.raises(ValidationError) as foreign:
        queue.verify(
            actor,
            w3,
            subscriber_id=people["ali"].id,
            address_id=people["maryam"].addresses[0].id,
            expected_version=1,
        )
    assert (foreign.value.field, foreign.value.code) == ("address", "address_not_of_subscriber")
    with pytest.raises(ValidationError) as unknown:
        queue.verify(actor, w3, subscriber_id=999, expected_version=1)
    assert unknown.value.code == "subscriber_not_found"
    assert queue.get(actor, w3).status == "to_verify"
    queue.verify(actor, w3, subscriber_id=people["ali"].id, expected_version=1)
    row = queue.get(actor, w3)
    assert (row.status, row.subscriber_name) == ("queued", "علیرضا شریفی")


def test_verify_refuses_a_do_not_serve_subscriber(db, actor, queue, new_subscriber, web_requests):
    bad = new_subscriber(
        "کامران بدحساب", "09179998877", do_not_serve=True, do_not_serve_reason="بدهی"
    )
    with pytest.raises(ValidationError) as refused:
        queue.verify(actor, web_requests["w3"], subscriber_id=bad.id, expected_version=1)
    assert (refused.value.field, refused.value.code) == ("subscriber", "do_not_serve")
    assert queue.get(actor, web_requests["w3"]).status == "to_verify"


def test_count_and_deep_pages_join_only_what_the_filter_needs(db, actor, queue, made, people):
    """The count and the search for a page's ids read the requests alone unless a filter
    names a subscriber or a zone; only the page's own rows are joined to the rest (a deep
    page of 50,000 requests no longer joins every row it skips)."""
    from sqlalchemy import event

    statements: list[str] = []

    def seen(_conn, _cursor, statement, _params, _context, _many):
        statements.append(" ".join(statement.split()))

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        queue.count(actor, QueueFilter())
        queue.page(actor, QueueFilter(), 5, 2)
        queue.count(actor, QueueFilter(text="علیرضا"))
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    plain_count, page, name_count = (s for s in statements if "service_requests r" in s)
    assert "JOIN" not in plain_count
    inner = page[page.index("FROM (SELECT r.id") : page.index(") page")]
    assert "JOIN" not in inner and "LIMIT" in inner
    assert "JOIN subscribers s" in page[page.index(") page") :]
    assert "JOIN subscribers s" in name_count and "addresses" not in name_count
    assert [r.id for r in queue.page(actor, QueueFilter(), 5, 2)] == ids_of(queue, actor)[5:7]


def test_an_open_filter_walks_the_urgency_index(db, actor, queue, made):
    """With the statistics a checkpoint gathers, SQLite reads the queue's open requests in
    urgency order from the urgency index instead of sorting every request."""
    if not db.is_sqlite:
        pytest.skip("SQLite's query planner")
    db.checkpoint()
    statuses = tuple(sorted({r.status for r in queue.page(actor, QueueFilter(), 0, 50)}))
    marks = ", ".join("?" * len(statuses))
    with db.engine.connect() as conn:
        plan = conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT r.id FROM service_requests r "
            f"WHERE r.status IN ({marks}) ORDER BY r.priority DESC, r.created_at ASC, r.id ASC "
            "LIMIT 10 OFFSET 5",
            statuses,
        ).all()
    details = " ".join(row[-1] for row in plan)
    assert "ix_service_requests_urgency" in details and "TEMP B-TREE" not in details


def test_sorts_by_service_both_ways(db, actor, queue, made):
    """The service column sorts too, in the database, both ways (on SQLite by code point, as
    Python sorts; PostgreSQL sorts by its collation)."""

    def shown(sort: str) -> list[str]:
        return [r.service for r in queue.page(actor, QueueFilter(sort=sort), 0, 50)]

    ascending, descending = shown("service"), shown("-service")
    assert len(set(ascending)) > 1 and ascending == descending[::-1]
    if db.is_sqlite:
        assert ascending == sorted(ascending)
