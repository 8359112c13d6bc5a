"""The wages lists sort in the database by every column, both ways, names in Persian
alphabetical order (SQLite and PostgreSQL); the payables list's count is its number of rows
under every filter, a job collected again after a bounce counted once."""

from __future__ import annotations

import datetime as dt

import pytest
from wage_list_data import GROUPS, wages_in_every_state

from hendazh_desktop.db.repositories.wage_lists import PAYABLE_ORDERS, PayableFilter
from hendazh_desktop.db.repositories.wage_pages import (
    ADVANCE_ORDERS,
    BATCH_ORDERS,
    LINE_ORDERS,
    REIMBURSEMENT_ORDERS,
)
from hendazh_desktop.domain.errors import ValidationError
from hendazh_desktop.domain.text import collation_key
from hendazh_desktop.domain.wages import IBAN_PROBLEM_LABELS
from hendazh_desktop.services.wages.queries import WageQueries

LAST = dt.date.max

PAYABLE_KEYS = {
    "request": lambda r: (r.request_id,),
    "day": lambda r: (r.on_day is None, r.on_day or LAST, r.request_id),
    "group": lambda r: (collation_key(r.group_name), r.request_id),
    "service": lambda r: (collation_key(r.service_name), r.request_id),
    "code": lambda r: (r.subscriber_code, r.request_id),
    "fee": lambda r: (r.fee is None, r.fee or 0, r.request_id),
    "state": lambda r: (r.state, r.reason, r.request_id),
}
BATCH_KEYS = {
    "number": lambda b: (b.number,),
    "from": lambda b: (b.day_from, b.number),
    "to": lambda b: (b.day_to, b.number),
    "state": lambda b: (b.state, b.number),
    "lines": lambda b: (b.line_count, b.number),
    "total": lambda b: (b.total, b.number),
    "paid_on": lambda b: (b.paid_on is None, b.paid_on or LAST, b.number),
    "bank_ref": lambda b: (b.bank_ref, b.number),
}
LINE_KEYS = {
    "id": lambda r: (r.id,),
    "name": lambda r: (collation_key(r.member_name), r.id),
    "group": lambda r: (collation_key(r.group_name), r.id),
    "fees": lambda r: (r.fees, r.id),
    "reimbursements": lambda r: (r.reimbursements, r.id),
    "advances": lambda r: (r.advances, r.id),
    "clawbacks": lambda r: (r.clawbacks, r.id),
    "corrections": lambda r: (r.corrections, r.id),
    "withholding": lambda r: (r.withholding, r.id),
    "net": lambda r: (r.net, r.id),
    "method": lambda r: (r.method, r.id),
    "iban": lambda r: (
        not r.iban, r.iban, collation_key(IBAN_PROBLEM_LABELS.get(r.problem, "")), r.id
    ),
}  # fmt: skip
ADVANCE_KEYS = {
    "number": lambda a: (a.id,),
    "day": lambda a: (a.on_day, a.id),
    "amount": lambda a: (-a.amount, a.id),
    "reason": lambda a: (a.reason, a.id),
}
REIMBURSEMENT_KEYS = {
    "number": lambda r: (r.id,),
    "request": lambda r: (r.request_id, r.id),
    "amount": lambda r: (r.amount, r.id),
    "receipt": lambda r: (r.receipt_number, r.id),
    "note": lambda r: (r.note, r.id),
    "approved": lambda r: (r.approved, r.id),
}


@pytest.fixture
def wages(db, manager):
    return wages_in_every_state(db, manager)


def check_orders(page, keys: dict, whitelist, minimum: int = 2) -> None:
    """Every whitelisted order, both ways, gives every row in the expected order."""
    assert set(keys) == set(whitelist)
    every = page(next(iter(keys)))
    assert len(every) >= minimum
    for key, expected in keys.items():
        rows = page(key)
        assert rows == sorted(every, key=expected), key
        assert page("-" + key) == list(reversed(rows)), key


def test_payables_in_every_order_and_counted(db, manager, wages):
    queries = WageQueries(db)

    def page(flt):
        return lambda order: queries.payables(manager, flt, 0, 500, order)

    rows = page(PayableFilter())("-request")
    assert {r.state for r in rows} == {"held", "due", "batched", "paid", "clawed_back"}
    assert {r.reason for r in rows if r.state == "held"} == {"not_collected", "collection_reversed"}
    assert [r.request_id for r in rows].count(wages.recollected) == 1
    check_orders(page(PayableFilter()), PAYABLE_KEYS, PAYABLE_ORDERS)
    names = [r.group_name for r in page(PayableFilter())("group")]
    assert list(dict.fromkeys(names)) == ["گروه پرویز", "گروه چمران", "گروه هادی"]
    group = wages.offices[1].group.id
    members = queries.members(manager, group)
    filters = [
        PayableFilter(),
        PayableFilter(group_id=group),
        PayableFilter(service_id=wages.offices[0].services["CLN"].id),
        PayableFilter(member_id=members[0].id),
        PayableFilter(day_from=dt.date(2000, 1, 1), day_to=dt.date(2100, 1, 1)),
        *(PayableFilter(state=s) for s in ("held", "due", "batched", "paid", "clawed_back")),
        PayableFilter(state="held", group_id=group),
    ]
    for flt in filters:
        shown = queries.payables(manager, flt, 0, 500)
        assert queries.payable_count(manager, flt) == len(shown), flt
        check_orders(page(flt), PAYABLE_KEYS, PAYABLE_ORDERS, minimum=1)
    # paging in another order gives the same rows as one long page
    by_fee = page(PayableFilter())("-fee")
    assert queries.payables(manager, PayableFilter(), 3, 4, "-fee") == by_fee[3:7]


def test_batches_lines_advances_and_reimbursements_in_every_order(db, manager, wages):
    queries = WageQueries(db)
    check_orders(
        lambda order: queries.batch_page(manager, 0, 50, order), BATCH_KEYS, BATCH_ORDERS
    )
    assert queries.batch_count(manager) == 2
    for batch in queries.batch_page(manager, 0, 50):
        assert queries.line_count(manager, batch.id) == batch.line_count
        check_orders(
            lambda order, b=batch.id: queries.line_page(manager, b, 0, 50, order),
            LINE_KEYS,
            LINE_ORDERS,
        )
        lines = queries.line_page(manager, batch.id, 0, 50)
        assert lines == list(queries.batch(manager, batch.id).lines)
    names = [r.member_name for r in queries.line_page(manager, batch.id, 0, 50, "name")]
    every = [m for _g, members, _p in GROUPS for m in members]
    assert names == sorted(every, key=collation_key)
    assert names[:3] == ["آرش یزدانی", "بهرام چمنی", "ژاله کاظمی"]
    check_orders(
        lambda order: queries.advance_page(manager, None, 0, 50, order),
        ADVANCE_KEYS,
        ADVANCE_ORDERS,
    )
    assert queries.advance_count(manager) == 3
    group = wages.offices[0].group.id
    assert queries.advance_count(manager, group) == 1
    check_orders(
        lambda order: queries.reimbursement_page(manager, None, 0, 50, order),
        REIMBURSEMENT_KEYS,
        REIMBURSEMENT_ORDERS,
    )
    assert queries.reimbursement_count(manager) == 2
    assert [r.approved for r in queries.reimbursement_page(manager, group, 0, 50)] == [True]


def test_an_order_that_is_not_whitelisted_is_refused(db, manager):
    queries = WageQueries(db)
    for call in (
        lambda: queries.payables(manager, PayableFilter(), 0, 5, "fee; DROP TABLE x"),
        lambda: queries.batch_page(manager, 0, 5, "id"),
        lambda: queries.line_page(manager, 1, 0, 5, "holder"),
        lambda: queries.advance_page(manager, None, 0, 5, "kind"),
        lambda: queries.reimbursement_page(manager, None, 0, 5, "member"),
    ):
        with pytest.raises(ValidationError):
            call()


def test_the_first_page_and_count_read_no_table_through(db, manager, wages):
    """SQLite's plans of the payables list's count, first page and advances: every table is
    searched by an index (none walked whole), the advances from their partial index, and a
    payable's fee items by the payable's own index (an index led by the kind once drew them
    away: a page took seconds at a million payables)."""
    if not db.is_sqlite:
        pytest.skip("SQLite's query plans")
    from sqlalchemy import event

    statements: list[tuple[str, object]] = []

    def seen(_conn, _cursor, statement, parameters, _context, _many):
        statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        queries = WageQueries(db)
        queries.payable_count(manager, PayableFilter())
        queries.payables(manager, PayableFilter(), 0, 256)
        queries.advance_count(manager)
        queries.advance_page(manager, None, 0, 256)
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    plans = []
    with db.engine.connect() as conn:
        for statement, parameters in statements:
            if statement.lstrip().upper().startswith("SELECT"):
                rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
                plans.extend(str(r[-1]) for r in rows)
    assert plans
    walked = [p for p in plans if p.startswith("SCAN ") and "INDEX" not in p]
    assert walked == [], walked
    assert any("ix_wage_items_advances" in p for p in plans)
    fee_items = [p for p in plans if "fee_item" in p]
    assert fee_items and all("sqlite_autoindex_wage_items" in p for p in fee_items), fee_items
