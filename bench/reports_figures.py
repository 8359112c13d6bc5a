"""Report figures for ``make bench``: every report over a fiscal year, a 50-page report PDF and
the dashboard, on the largest database built in the worktree: a read-only copy of the
1,000,000-subscriber bench database (never opened read-write where it lies), migrated, with the
billing group's 100,000 invoices and their receipts added over 1405 (``_fill``), built once in
``bench/data/reports-1m.db``. Without ``/work``'s bench database it falls back to the billing
group's 20,000-subscriber dataset (the figures say which).
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from bench import billing_figures
from bench.common import Figure, figure
from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.jalali_periods import fiscal_year
from hendazh_desktop.reports.report_pdf import write_report_pdf
from hendazh_desktop.services.accounts.bootstrap import prepare_database
from hendazh_desktop.services.accounts.users import UserService
from hendazh_desktop.services.reports.catalogue import REPORTS
from hendazh_desktop.services.reports.dashboard import DashboardService
from hendazh_desktop.services.reports.printing import document_of
from hendazh_desktop.services.reports.records import Report, ReportTable
from hendazh_desktop.services.reports.service import ReportService
from hendazh_desktop.services.wiring import wire

SOURCE = Path("/work/benchdata/bench-1m.db")
YEAR = 1405  # the fiscal year the 100,000 invoices fall in
REPORT_GOAL_S = 2.0
PDF_GOAL_S = 2.5
DASHBOARD_GOAL_S = 0.5
PDF_ROWS = 2000  # about 50 A4 pages of the receivables table
RUNS = 3


def dataset(data_dir: Path) -> tuple[Path, str]:
    """The database and a line saying what it holds."""
    target = data_dir / "reports-1m.db"
    marker = Path(f"{target}.complete")
    if not marker.exists() and SOURCE.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        source = sqlite3.connect(f"file:{SOURCE}?mode=ro", uri=True)  # read-only, always
        copy = sqlite3.connect(target)
        source.backup(copy)
        copy.close()
        source.close()
        db = wire(Database(str(target)))
        prepare_database(db, backup_dir=None)
        db.checkpoint()
        db.dispose()
        billing_figures._fill(target)
        marker.write_text("1")
    if marker.exists():
        return target, "1,000,000 subscribers, 50,000 requests, 100,000 invoices over 1405"
    return billing_figures.dataset(data_dir), "20,000 subscribers, 100,000 invoices over 1405"


def _median(call: object, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _fifty_pages(report: Report) -> Report:
    """The report with its largest table cut (or repeated) to ``PDF_ROWS`` rows."""
    table = max(report.tables, key=lambda t: len(t.rows))
    rows = table.rows or ((("—",) * len(table.columns)),)
    while len(rows) < PDF_ROWS:
        rows = rows + rows
    cut = ReportTable(table.title, table.columns, rows[:PDF_ROWS], table.totals)
    return Report(report.key, report.title, report.period, report.filters_text, (cut,),
                  report.chart, report.figures, report.computed_at)  # fmt: skip


def measure(data_dir: Path) -> dict[str, Figure]:
    path, holds = dataset(data_dir)
    db = wire(Database(str(path)))
    out: dict[str, Figure] = {}
    try:
        actor = UserService(db).system_actor()
        service = ReportService(db)
        period = fiscal_year(YEAR)
        computed: dict[str, Report] = {}
        for spec in REPORTS:
            service.run(actor, spec.key, period)  # warm the caches once
            seconds = _median(lambda key=spec.key: computed.__setitem__(  # type: ignore[misc]
                key, service.run(actor, key, period)))  # fmt: skip
            rows = sum(len(t.rows) for t in computed[spec.key].tables)
            out[f"report_{spec.key}_fiscal_year"] = figure(
                seconds, "s", f"≤ {REPORT_GOAL_S} s", seconds <= REPORT_GOAL_S,
                rows=rows, database=holds,
            )  # fmt: skip
        big = _fifty_pages(computed["receivables"])
        document = document_of(big, "شرکت نمونه", "شیراز")
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "report.pdf"
            pages = write_report_pdf(document, target)  # warm: fonts, shaping caches
            seconds = _median(lambda: write_report_pdf(document, target))
        out["report_pdf_50_pages"] = figure(
            seconds, "s", f"≤ {PDF_GOAL_S} s", seconds <= PDF_GOAL_S, pages=pages, rows=PDF_ROWS,
        )  # fmt: skip
        dashboard = DashboardService(db)
        dashboard.read(actor)
        seconds = _median(lambda: dashboard.read(actor), runs=5)
        out["dashboard_read"] = figure(
            seconds, "s", f"≤ {DASHBOARD_GOAL_S} s", seconds <= DASHBOARD_GOAL_S, database=holds
        )
    finally:
        db.dispose()
    return out
