"""Export figures for ``make bench``: the invoice list of 100,000 invoices written whole to xlsx
the way Ctrl+E writes it (the list's own service query, streamed, its columns rendered, written
by XlsxWriter through reports/xlsx.py); our writer alone on the same cells from memory, against
the limit measured in the same run: bare XlsxWriter writing the same cells from memory, a row
per call, no formats or cleaning (bench/common.py floor_xlsxwriter); the read alone (the query and
the rendered cells, no file); wall and CPU time (the machine is shared, CPU time shows the
work alone). And the memory it takes: tracemalloc's peak at 10,000 and at 100,000 rows (flat:
the same), and the process's peak RSS growth.

The dataset is the billing group's (``bench/billing_figures.py``: 100,000 issued invoices).
"""

from __future__ import annotations

import gc
import resource
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from bench import billing_figures
from bench.common import Figure, figure, floor_xlsxwriter
from hendazh_desktop.app import build_context
from hendazh_desktop.db.database import Database
from hendazh_desktop.reports.sheets import Table, write_xlsx
from hendazh_desktop.services.accounts.users import UserService
from hendazh_desktop.services.billing.records import InvoiceFilter
from hendazh_desktop.services.exports.lists import PAGE, export_list
from hendazh_desktop.services.wiring import wire
from hendazh_desktop.ui.billing.models import InvoiceSource, InvoiceTableModel
from hendazh_desktop.ui.common.export import ListExport, plan_for

ROWS = 100_000
RUNS = 3
SMALL = 10_000
GOAL_S = 3.0


def _capped(plan: ListExport, rows: int) -> ListExport:
    def fetch(offset: int, limit: int) -> Any:
        return plan.fetch(offset, min(limit, rows - offset)) if offset < rows else []

    def stream(batch: int) -> Any:
        assert plan.stream is not None
        left = rows
        for page in plan.stream(batch):
            if left <= 0:
                return
            yield page[:left]
            left -= len(page)

    return ListExport(
        plan.headers,
        lambda: min(rows, plan.count()),
        fetch,
        plan.cells,
        stream if plan.stream is not None else None,
    )


def _export(plan: ListExport, target: Path) -> int:
    return export_list(
        target, title="صورتحساب‌ها", headers=plan.headers, count=plan.count,
        fetch=plan.fetch, cells=plan.cells, stream=plan.stream,
    ).rows  # fmt: skip


def _cpu(call: Any) -> tuple[float, float]:
    """(wall, CPU) seconds of one call."""
    start, cpu = time.perf_counter(), time.process_time()
    call()
    return time.perf_counter() - start, time.process_time() - cpu


def _writers(plan: ListExport, out: Path) -> tuple[float, float, float, float]:
    """Our writer and the limit on the same cells, read once into memory."""
    assert plan.stream is not None
    cells = [list(plan.cells(r)) for page in plan.stream(PAGE) for r in page]
    table = Table("صورتحساب‌ها", plan.headers, cells)
    writer, writer_cpu = _cpu(lambda: write_xlsx(out / "writer.xlsx", [table]))
    limit, limit_cpu = _cpu(lambda: floor_xlsxwriter(plan.headers, cells, out / "bare.xlsx"))
    return writer, writer_cpu, limit, limit_cpu


def _read(plan: ListExport) -> None:
    assert plan.stream is not None
    for page in plan.stream(PAGE):
        for row in page:
            plan.cells(row)


def _peak(call: Any) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def measure(data_dir: Path) -> dict[str, Figure]:
    path = billing_figures.dataset(data_dir)
    db = wire(Database(str(path)))
    try:
        ctx = build_context(db, UserService(db).system_actor())
        model = InvoiceTableModel()
        model.set_source(InvoiceSource(ctx, InvoiceFilter()))
        plan = _capped(plan_for(model), ROWS)
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder)
            _export(_capped(plan, 2000), out / "warm.xlsx")
            rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            runs = []  # (wall, CPU) of each whole export; the figure is their median
            for _ in range(RUNS):
                start, cpu = time.perf_counter(), time.process_time()
                written = _export(plan, out / "list.xlsx")
                runs.append((time.perf_counter() - start, time.process_time() - cpu))
            seconds = statistics.median(wall for wall, _ in runs)
            cpu = statistics.median(used for _, used in runs)
            rss_growth_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
            assert written == ROWS, written
            writer, writer_cpu, limit, limit_cpu = _writers(plan, out)
            read, read_cpu = _cpu(lambda: _read(plan))
            small_peak = _peak(lambda: _export(_capped(plan, SMALL), out / "small.xlsx"))
            big_peak = _peak(lambda: _export(plan, out / "big.xlsx"))
    finally:
        db.dispose()
    mb = 1024 * 1024
    flat = big_peak <= 1.5 * small_peak
    return {
        "export_invoice_list_100k_xlsx_limit_bare_xlsxwriter": figure(
            limit,
            "s",
            "the limit: bare XlsxWriter (constant memory) writing the same cells from memory",
            True,
            rows=ROWS,
            cpu_s=round(limit_cpu, 3),
            cells=ROWS * len(plan.headers),
        ),
        "export_invoice_list_100k_xlsx_writer_alone": figure(
            writer,
            "s",
            "our writer on the same cells from memory",
            True,
            limit=limit,
            ratio=writer / limit,
            cpu_s=round(writer_cpu, 3),
            cpu_ratio=round(writer_cpu / limit_cpu, 2),
        ),
        "export_invoice_list_100k_read_alone": figure(
            read,
            "s",
            "the service query (one, streamed) and the rendered cells, no file",
            True,
            cpu_s=round(read_cpu, 3),
            page=PAGE,
        ),
        "export_invoice_list_100k_xlsx": figure(
            seconds,
            "s",
            f"≤ {GOAL_S} s (the list's service query streamed, rendered, written)",
            seconds <= GOAL_S,
            limit=limit,
            ratio=seconds / limit,
            rows=ROWS,
            peak_rss_growth_mb=round(rss_growth_mb, 1),
            cpu_s=round(cpu, 3),
            cpu_ratio=round(cpu / limit_cpu, 2),
            runs_s=[round(wall, 3) for wall, _ in runs],
        ),
        "export_invoice_list_xlsx_peak_memory_100k": figure(
            big_peak / mb,
            "MB",
            "flat: ≤ 1.5 × the peak at 10,000 rows",
            flat,
            limit=small_peak / mb,
            ratio=big_peak / small_peak,
        ),
    }
