"""Any list of the application to a file: every row under the list's filter and order (not only
the rows on screen), read page by page through the same paged query the list shows."""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from hendazh_desktop.domain.progress import (
    CancelCheck,
    Progress,
    never_cancelled,
    no_progress,
    stop_if_cancelled,
)
from hendazh_desktop.reports.sheets import Cell, Table, write_csv_file, write_xlsx
from hendazh_desktop.services.exports.records import ExportFormat, ExportResult

T = TypeVar("T")
PAGE = 10_000
"""Rows read per page. A page is a LIMIT/OFFSET query, and the database walks the skipped rows
again for each page: reading the 100,000-invoice list took 6.7 s of CPU in pages of 2,000,
4.1 s in pages of 10,000 and 3.3 s in one query (bench/exports_figures.py), so a list whose
source can ``stream`` is read by one query, a page at a time. Memory holds one page, so it
stays flat whatever the length of the list."""


_gc_lock = threading.Lock()
_gc_pausers = 0
_gc_was_enabled = True


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Hold off Python's cycle collector while a long export runs (nested and concurrent
    exports share one pause). An export makes a million short-lived objects, none in cycles,
    so reference counting frees them; but their count kept starting full collections, each a
    walk over every object the application holds: 1.3 s of a 4.5 s export of 100,000 rows."""
    global _gc_pausers, _gc_was_enabled
    with _gc_lock:
        if _gc_pausers == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pausers += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pausers -= 1
            if _gc_pausers == 0 and _gc_was_enabled:
                gc.enable()


def format_of(path: Path) -> ExportFormat:
    """The format a file name asks for (.csv, anything else: Excel)."""
    return ExportFormat.CSV if path.suffix.casefold() == ".csv" else ExportFormat.XLSX


def export_list(
    path: Path,
    *,
    title: str,
    headers: Sequence[str],
    count: Callable[[], int],
    fetch: Callable[[int, int], Sequence[T]],
    cells: Callable[[T], Sequence[Cell]],
    stream: Callable[[int], Iterator[Sequence[T]]] | None = None,
    page: int = PAGE,
    progress: Progress = no_progress,
    cancelled: CancelCheck = never_cancelled,
) -> ExportResult:
    """Write every row of a paged list to ``path`` (.xlsx or .csv, by its name).

    A list that can ``stream`` is read by one query, ``page`` rows at a time; any other by
    its ``fetch`` of a page at a time. The file is written beside the target and renamed into
    place at the end: a cancelled or failed export leaves no half-written file (and an
    existing file as it was)."""
    total = count()
    temporary = path.with_name(f".{path.name}.part")

    def streamed(batches: Iterator[Sequence[T]]) -> Iterator[Sequence[Cell]]:
        done = 0
        progress(0, total, "")
        try:
            stop_if_cancelled(cancelled)
            for batch in batches:
                for item in batch:
                    yield cells(item)
                done += len(batch)
                progress(min(done, total), total, "")
                stop_if_cancelled(cancelled)
        finally:
            close = getattr(batches, "close", None)
            if close is not None:
                close()  # ends the read transaction now, not when collected

    def rows() -> Iterator[Sequence[Cell]]:
        if stream is not None:
            yield from streamed(stream(page))
            return
        done, offset = 0, 0
        progress(0, total, "")
        while True:
            stop_if_cancelled(cancelled)
            batch = fetch(offset, page)
            size = len(batch)
            for item in batch:
                yield cells(item)
            del batch  # one page in memory at a time: not this one while the next is read
            done += size
            offset += page
            progress(min(done, total), total, "")
            if size < page:
                return

    table = Table(title, list(headers), rows())
    try:
        with cyclic_gc_paused():
            if format_of(path) is ExportFormat.CSV:
                written = write_csv_file(temporary, table)
            else:
                written = write_xlsx(temporary, [table])
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return ExportResult(path=path, rows=written)


def sequence_fetch(rows: Sequence[Any]) -> Callable[[int, int], Sequence[Any]]:
    """A ``fetch`` over rows already in memory (short lists)."""
    return lambda offset, limit: rows[offset : offset + limit]
