"""Invoicing lists at 100,000 invoices: first page, last page and filters through the service,
against the same first page read with bare sqlite3 in the same run.

The dataset is a demo database of 20,000 subscribers plus 100,000 issued invoices (two lines
each), their balances and about 70,000 receipts, written with executemany (made once, reused
while its marker matches).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import random
import sqlite3
import time
from pathlib import Path
from typing import Any

from bench.common import Figure, figure, median, p95, timed
from hendazh_desktop.db.database import Database
from hendazh_desktop.demo.data import generate_demo_data
from hendazh_desktop.domain.jalali import fiscal_year_of
from hendazh_desktop.services.accounts.bootstrap import prepare_database
from hendazh_desktop.services.accounts.users import UserService
from hendazh_desktop.services.billing.queries import BillingQueries
from hendazh_desktop.services.billing.records import InvoiceFilter, PaymentFilter
from hendazh_desktop.services.wiring import wire

INVOICES = 100_000
SUBSCRIBERS = 20_000
PAGE = 100
VERSION = 1
RAW_FIRST_PAGE = """
SELECT i.id, i.kind, b.state, i.series, i.fiscal_year, i.number, i.issued_on, i.created_at,
       i.subscriber_id, s.name, s.code, i.request_id, v.name, i.total, b.paid, b.credited,
       b.balance, i.version
FROM invoices i JOIN invoice_balances b ON b.invoice_id = i.id
JOIN subscribers s ON s.id = i.subscriber_id LEFT JOIN services v ON v.id = i.service_id
ORDER BY i.id DESC LIMIT 100
"""


def _fill(path: Path) -> None:
    """Append the invoices, lines, balances and receipts with bare executemany."""
    rng = random.Random(5)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    subs = [r[0] for r in con.execute("SELECT id FROM subscribers")]
    services = [(r[0], r[1], r[2]) for r in con.execute("SELECT id, code, name FROM services")]
    user = con.execute("SELECT min(id) FROM users").fetchone()[0]
    first = (con.execute("SELECT coalesce(max(id), 0) FROM invoices").fetchone()[0] or 0) + 1
    start = dt.datetime(2026, 3, 21, 6, 0)  # 1 Farvardin 1405
    year = fiscal_year_of(start.date())
    number0 = con.execute(
        "SELECT coalesce(max(number), 0) FROM invoices WHERE series = 'INV' AND fiscal_year = ?",
        (year,),
    ).fetchone()[0]
    Rows = list[tuple[Any, ...]]
    invoices: Rows = []
    lines: Rows = []
    balances: Rows = []
    payments: Rows = []
    allocations: Rows = []
    pay_balances: Rows = []
    pay_id = (con.execute("SELECT coalesce(max(id), 0) FROM payments").fetchone()[0] or 0) + 1
    rcp0 = con.execute(
        "SELECT coalesce(max(number), 0) FROM payments WHERE series = 'RCP' AND fiscal_year = ?",
        (year,),
    ).fetchone()[0]
    for n in range(INVOICES):
        iid = first + n
        at = start + dt.timedelta(minutes=3 * n)
        sid, code, _name = rng.choice(services)
        labour = rng.randint(5, 80) * 100_000
        material = rng.randint(0, 20) * 50_000
        vat = labour // 10 + material // 10
        total = labour + material + vat
        invoices.append(
            (
                iid,
                "final",
                "INV",
                year,
                number0 + n + 1,
                rng.choice(subs),
                None,
                sid,
                None,
                "cash",
                None,
                "",
                labour + material,
                0,
                labour + material,
                vat,
                total,
                at,
                user,
                at,
                at.date(),
                user,
                f"bench-{iid}",
                2,
            )
        )
        lines.append(
            (
                iid,
                0,
                f"{code}-L",
                "دستمزد",
                1,
                "خدمت",
                labour,
                0,
                1000,
                0,
                labour,
                labour,
                labour // 10,
                labour + labour // 10,
            )
        )
        lines.append(
            (
                iid,
                1,
                f"{code}-M",
                "مواد",
                1,
                "عدد",
                material,
                0,
                1000,
                0,
                material,
                material,
                material // 10,
                material + material // 10,
            )
        )
        roll = rng.random()
        paid = total if roll < 0.6 else total // 2 if roll < 0.7 else 0
        state = "paid" if paid == total else "part_paid" if paid else "open"
        balances.append((iid, state, paid, 0, total - paid))
        if paid:
            payments.append(
                (
                    pay_id,
                    f"bench-p-{pay_id}",
                    "in",
                    "RCP",
                    year,
                    rcp0 + len(payments) + 1,
                    invoices[-1][5],
                    None,
                    "cash",
                    paid,
                    "",
                    "",
                    at,
                    at.date(),
                    user,
                )
            )
            allocations.append((pay_id, iid, paid, at, user))
            pay_balances.append((pay_id, 0, None))
            pay_id += 1
    con.execute("BEGIN")
    con.executemany(
        "INSERT INTO invoices (id, kind, series, fiscal_year, number, subscriber_id, request_id,"
        " service_id, credits_invoice_id, terms, due_on, notes, gross, discount, net, vat, total,"
        " created_at, created_by, issued_at, issued_on, issued_by, operation_id, version)"
        " VALUES (?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL,"
        " NULL, ?)",
        [(*r[:3], *r[5:19], r[23]) for r in invoices],
    )
    con.executemany(
        "INSERT INTO invoice_lines (invoice_id, position, code, description, quantity, unit,"
        " unit_price, discount, vat_bp, vat_exempt, gross, net, vat, total)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        lines,
    )
    con.executemany(  # issuing: allowed while the row is still a draft
        "UPDATE invoices SET fiscal_year = ?, number = ?, issued_at = ?, issued_on = ?,"
        " issued_by = ?, operation_id = ? WHERE id = ?",
        [(r[3], r[4], r[19], r[20], r[21], r[22], r[0]) for r in invoices],
    )
    con.executemany("INSERT INTO invoice_balances VALUES (?, ?, ?, ?, ?)", balances)
    con.executemany(
        "INSERT INTO payments (id, operation_id, direction, series, fiscal_year, number,"
        " subscriber_id, request_id, method, amount, reference, note, received_at, received_on,"
        " recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        payments,
    )
    con.executemany(
        "INSERT INTO allocations (payment_id, invoice_id, amount, at, user_id)"
        " VALUES (?, ?, ?, ?, ?)",
        allocations,
    )
    con.executemany("INSERT INTO payment_balances VALUES (?, ?, ?)", pay_balances)
    for series, last in (("INV", number0 + INVOICES), ("RCP", rcp0 + len(payments))):
        con.execute(
            "INSERT INTO document_counters (series, fiscal_year, last_number) VALUES (?, ?, ?)"
            " ON CONFLICT (series, fiscal_year) DO UPDATE SET last_number = excluded.last_number",
            (series, year, last),
        )
    con.commit()
    con.execute("ANALYZE")
    con.close()


def dataset(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "bench-invoices-100k.db"
    marker = Path(f"{path}.complete.json")
    if marker.exists() and json.loads(marker.read_text()).get("version") == VERSION:
        return path
    for suffix in ("", "-wal", "-shm", ".complete.json"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    db = wire(Database(str(path)))
    try:
        prepare_database(db, backup_dir=None)
        generate_demo_data(db, UserService(db).system_actor(), subscribers=SUBSCRIBERS, seed=3)
        db.checkpoint()
    finally:
        db.dispose()
    _fill(path)
    marker.write_text(json.dumps({"version": VERSION, "seconds": time.perf_counter() - started}))
    return path


def measure(data_dir: Path) -> dict[str, Figure]:
    path = dataset(data_dir)
    raw = sqlite3.connect(path)
    db = wire(Database(str(path)))
    try:
        actor = UserService(db).system_actor()
        queries = BillingQueries(db)
        total = queries.count_invoices(actor, InvoiceFilter())
        assert total >= INVOICES, total
        some = queries.invoices(actor, InvoiceFilter(), 500, 1)[0]
        first_day = some.issued_on
        assert first_day is not None
        filters = {
            "all": InvoiceFilter(),
            "unsettled": InvoiceFilter(state="unsettled"),
            "subscriber": InvoiceFilter(subscriber_id=some.subscriber_id),
            "month": InvoiceFilter(date_from=first_day, date_to=first_day + dt.timedelta(days=30)),
            "service": InvoiceFilter(service_id=1),
        }

        def open_list(flt: InvoiceFilter) -> None:
            queries.count_invoices(actor, flt)
            queries.invoices(actor, flt, 0, PAGE)

        for flt in filters.values():
            open_list(flt)  # warm

        def raw_list() -> None:
            raw.execute("SELECT count(*) FROM invoices").fetchone()
            raw.execute(RAW_FIRST_PAGE).fetchall()

        raw_times = timed([raw_list] * 30)
        results: dict[str, Figure] = {}
        limit_ms = median(raw_times) * 1000
        results["invoice_list_count_and_first_page_raw_sqlite_100k"] = figure(
            limit_ms, "ms", "the limit", True, rows=PAGE
        )
        for name, flt in filters.items():
            samples = timed([functools.partial(open_list, flt)] * 15)
            value = median(samples) * 1000
            results[f"invoice_list_{name}_count_and_first_page_100k"] = figure(
                value,
                "ms",
                "≤ 50 ms (count + first 100 rows)",
                value <= 50,
                limit=limit_ms if name == "all" else None,
                ratio=value / limit_ms if name == "all" else None,
                p95_ms=round(p95(samples) * 1000, 2),
                rows=queries.count_invoices(actor, flt),
            )
        last = timed([lambda: queries.invoices(actor, InvoiceFilter(), total - PAGE, PAGE)] * 10)
        value = median(last) * 1000
        results["invoice_list_last_page_100k"] = figure(
            value, "ms", "≤ 150 ms (jump to the end)", value <= 150, rows=PAGE
        )
        pays = timed(
            [
                lambda: (
                    queries.count_payments(actor, PaymentFilter()),
                    queries.payments(actor, PaymentFilter(), 0, PAGE),
                )
            ]
            * 15
        )
        value = median(pays) * 1000
        results["payment_list_count_and_first_page_100k"] = figure(
            value, "ms", "≤ 50 ms", value <= 50, rows=queries.count_payments(actor, PaymentFilter())
        )
        ageing = timed([lambda: queries.receivables(actor)] * 3)
        value = median(ageing) * 1000
        results["receivables_ageing_100k"] = figure(
            value, "ms", "≤ 1,000 ms (whole report)", value <= 1000
        )
        return results
    finally:
        db.dispose()
        raw.close()
