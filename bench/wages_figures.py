"""Wages figures for ``make bench --only wages``: a payout batch over 500 groups and 20,000 due
payables built (goal ≤ 2 s) and its bank file written as xlsx (goal ≤ 2 s), and payslips
rendered per second (goal ≥ 40). The limits measured in the same run: sqlite3 reading the same
due items and summing them per member (the floor of building), the same rows written by
bare XlsxWriter (bench/common.py floor_xlsxwriter), and a minimal
ReportLab canvas page per payslip (the payslips and the table floor are each the median of
three runs, see ``_payslips``). With them, the payables list's first paint at 1,000,000 rows
against its paint at 10,000 (goal ≤ 2×, bench/wages_list_figures.py).

The dataset (bench/data/wages-20000.db) is made once, in bulk: 500 teams of two wage members
(one with a Sheba), 20,000 done requests with their posted splits, payables and shares. Each
member's payslip so lists 40 jobs (two A5 pages), heavier than a typical month's.
"""

from __future__ import annotations

import io
import os
import sqlite3
import statistics
import time
import uuid
from pathlib import Path
from typing import Any

from bench.common import Figure, figure, floor_xlsxwriter
from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.jalali import format_date, today_local
from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.services.accounts.bootstrap import office_actor, prepare_database
from hendazh_desktop.services.wages.office import WageOffice
from hendazh_desktop.services.wiring import wire

GROUPS = 500
PAYABLES = 20_000
IBAN = "IR062960000000100324200001"
DAY = "2025-12-01"
STAMP = "2025-12-01 08:00:00"
SLIPS = 60
JOBS = 40  # each slip's jobs: two A5 pages
RUNS = 3


def _filler(kind: str) -> Any:
    kind = kind.upper()
    if "INT" in kind or "BOOL" in kind:
        return 0
    if kind == "DATE":
        return DAY
    if "DATETIME" in kind or "TIMESTAMP" in kind:
        return STAMP
    return ""


def _insert(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """Rows given by the columns that matter; other required columns get a plain value."""
    info = conn.execute(f"PRAGMA table_info({table})").fetchall()
    columns = [c[1] for c in info if c[1] in rows[0] or (c[3] and c[4] is None and not c[5])]
    kinds = {c[1]: c[2] for c in info}
    marks = ", ".join("?" for _ in columns)
    conn.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
        [tuple(r.get(c, _filler(kinds[c])) for c in columns) for r in rows],
    )


def dataset(data_dir: Path) -> tuple[Path, int]:
    """The wages database (made once) and the accountant's user id."""
    path = data_dir / f"wages-{PAYABLES}.db"
    if path.exists():
        db = wire(Database(str(path)))
        uid = office_actor(db, "bench-accountant", role=Role.ACCOUNTANT).user_id
        db.dispose()
        return path, uid
    data_dir.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.db")
    partial.unlink(missing_ok=True)
    db = wire(Database(str(partial)))
    prepare_database(db, backup_dir=None)
    uid = office_actor(db, "bench-accountant", role=Role.ACCOUNTANT).user_id
    db.dispose()
    with sqlite3.connect(partial) as conn:
        service = conn.execute("SELECT min(id) FROM services").fetchone()[0]
        rule = conn.execute("SELECT min(id) FROM split_rules").fetchone()[0]
        _insert(
            conn,
            "work_groups",
            [
                {"id": g, "name": f"گروه {g}", "name_key": f"گروه {g}", "kind": "team",
                 "phone": "09170000000", "daily_capacity": 4, "active": 1, "version": 1,
                 "created_at": STAMP}
                for g in range(1, GROUPS + 1)
            ],
        )  # fmt: skip
        _insert(
            conn,
            "wage_members",
            [
                {"id": m, "group_id": (m + 1) // 2, "name": f"عضو {m}", "share": 1 + m % 2,
                 "position": m % 2, "iban": IBAN if m % 2 else None, "created_at": STAMP}
                for m in range(1, 2 * GROUPS + 1)
            ],
        )  # fmt: skip
        requests, splits, payables, items = [], [], [], []
        for n in range(1, PAYABLES + 1):
            group = 1 + n % GROUPS
            fee = 800_000 + n
            requests.append(
                {"id": n, "service_id": service, "status": "paid", "channel": "phone",
                 "priority": 1, "group_id": group, "done_at": STAMP, "created_by": uid,
                 "created_at": STAMP, "updated_at": STAMP, "version": 1}
            )  # fmt: skip
            splits.append(
                {"id": n, "request_id": n, "seq": 1, "kind": "posted", "rule_id": rule,
                 "labour": fee, "fee": fee, "commission": 0, "commission_kept": 0,
                 "referrer_credit": 0, "recipient_credit": 0, "at": STAMP, "user_id": uid}
            )  # fmt: skip
            payables.append(
                {"id": n, "split_id": n, "request_id": n, "group_id": group,
                 "service_id": service, "fee": fee, "on_day": DAY, "at": STAMP}
            )  # fmt: skip
            first = fee * 2 // 3
            for member, amount in ((2 * group - 1, first), (2 * group, fee - first)):
                items.append(
                    {"member_id": member, "group_id": group, "kind": "fee", "amount": amount,
                     "payable_id": n, "request_id": n, "on_day": DAY, "at": STAMP,
                     "user_id": uid}
                )  # fmt: skip
        for table, rows in (
            ("service_requests", requests),
            ("job_splits", splits),
            ("wage_payables", payables),
            ("wage_items", items),
        ):
            _insert(conn, table, rows)
    partial.rename(path)
    return path, uid


def _floor_build(path: Path) -> float:
    started = time.perf_counter()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "SELECT member_id, sum(amount) FROM wage_items i WHERE on_day <= ? AND NOT EXISTS "
            "(SELECT 1 FROM wage_claims c WHERE c.item_id = i.id) GROUP BY member_id",
            (DAY,),
        ).fetchall()
    return time.perf_counter() - started


def _floor_xlsx(rows: list[tuple[str, str, int]]) -> float:
    started = time.perf_counter()
    floor_xlsxwriter(["iban", "holder", "amount"], rows, io.BytesIO())
    return time.perf_counter() - started


def _floor_pages(count: int) -> float:
    from reportlab.pdfgen.canvas import Canvas

    started = time.perf_counter()
    for n in range(count):
        canvas = Canvas(io.BytesIO())
        canvas.drawString(100, 100, f"payslip {n}")
        canvas.showPage()
        canvas.save()
    return count / (time.perf_counter() - started)


def _floor_tables(docs: list[Any]) -> float:
    """Bare ReportLab: each payslip's jobs as a plain Helvetica table of the same size on A5
    (no shaping, no header, no totals), the limit the payslips are compared with."""
    from reportlab.lib.pagesizes import A5
    from reportlab.platypus import SimpleDocTemplate, Table

    started = time.perf_counter()
    for doc in docs:
        rows = [["#", "day", "service", "request", "code", "kind", "amount"]]
        rows += [
            [str(i), str(j.day), "service", j.request, j.subscriber_code, "fee", str(j.amount)]
            for i, j in enumerate(doc.jobs, start=1)
        ]
        table = Table(rows)
        table.setStyle(
            [("GRID", (0, 0), (-1, -1), 0.4, "grey"), ("FONTSIZE", (0, 0), (-1, -1), 7.5)]
        )
        SimpleDocTemplate(io.BytesIO(), pagesize=A5).build([table])
    return len(docs) / (time.perf_counter() - started)


def measure(data_dir: Path) -> dict[str, Figure]:
    path, uid = dataset(data_dir)
    work = path.with_suffix(".run.db")
    work.write_bytes(path.read_bytes())  # each run builds on the untouched dataset
    db = wire(Database(str(work)))
    try:
        from hendazh_desktop.domain.permissions import Actor

        actor = Actor(uid, "bench-accountant", Role.ACCOUNTANT)
        wages = WageOffice.on(db)
        floor = _floor_build(work)
        started = time.perf_counter()
        built = wages.batches.build(
            actor, "1400/01/01", format_date(today_local()), operation_id=str(uuid.uuid4())
        )
        build_s = time.perf_counter() - started
        started = time.perf_counter()
        data = wages.documents.bank_file(actor, built.batch.id, "xlsx")
        xlsx_s = time.perf_counter() - started
        transfers = [(line.iban, line.member_name, line.net) for line in built.lines if line.iban]
        xlsx_floor = _floor_xlsx(transfers)
        docs = wages.documents.payslip_documents(actor, built.batch.id)
    finally:
        db.dispose()
        work.unlink(missing_ok=True)
    per_second, table_floor, slip_runs, floor_runs = _payslips(docs)
    page_floor = _floor_pages(SLIPS)
    lines = len(built.lines)
    from bench.wages_list_figures import measure as list_figures

    return list_figures(data_dir) | {
        "wages_batch_build_s": figure(
            build_s, "s", "≤ 2 s", build_s <= 2.0, limit=floor, ratio=build_s / floor,
            groups=GROUPS, payables=PAYABLES, lines=lines,
        ),
        "wages_bank_xlsx_s": figure(
            xlsx_s, "s", "≤ 2 s", xlsx_s <= 2.0, limit=xlsx_floor,
            ratio=xlsx_s / xlsx_floor, rows=len(transfers), bytes=len(data),
        ),
        "wages_payslips_per_s": figure(
            per_second, "/s", "≥ 40/s", per_second >= 40, limit=table_floor,
            ratio=table_floor / per_second, payslips=SLIPS, jobs_each=JOBS,
            runs_per_s=slip_runs, floor_runs_per_s=floor_runs, bare_page_per_s=page_floor,
            load=" ".join(f"{x:.2f}" for x in os.getloadavg()),
        ),
    }  # fmt: skip


def _payslips(docs: list[Any]) -> tuple[float, float, list[float], list[float]]:
    """(payslips per second, the bare-ReportLab floor, each run of both): the medians of RUNS
    timings of the same SLIPS payslips, each run followed by the floor over the same slips so
    that both see the same machine load (two shared cores). Before each run every cache of
    shaped and measured text is emptied and one other payslip of the batch is printed: what
    the application pays once per process, for its first payslip (fonts registered, the
    headings shaped); nothing of the timed slips' own text is cached when a run starts."""
    from hendazh_desktop.reports.payslip_pdf import render_payslip
    from hendazh_desktop.reports.persian import clear_text_caches

    timed, first = docs[:SLIPS], docs[SLIPS]
    assert len(timed) == SLIPS and all(len(doc.jobs) == JOBS for doc in timed)
    slip_runs, floor_runs = [], []
    for _ in range(RUNS):
        clear_text_caches()
        render_payslip(first)
        started = time.perf_counter()
        for doc in timed:
            render_payslip(doc)
        slip_runs.append(SLIPS / (time.perf_counter() - started))
        floor_runs.append(_floor_tables(timed))
    return (
        statistics.median(slip_runs),
        statistics.median(floor_runs),
        [round(r, 1) for r in slip_runs],
        [round(r, 1) for r in floor_runs],
    )
