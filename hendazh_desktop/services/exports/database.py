"""The administrator's export of the whole database: every table to one workbook (a sheet per
table) or to a folder of CSV files (one per table), read in one snapshot.

Dates are written as Jalali text (times in Tehran, with seconds), numbers as numbers; the
password hashes are left out, and binary values (photos) are named by their size only (a cell
holds at most 32,767 characters: the backup is the copy that keeps everything). Nothing is
written to the database, so it may be cancelled.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from hendazh_desktop.db.database import Database
from hendazh_desktop.db.dump import TableDump, dump_tables
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.jalali import local_datetime, to_jalali
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.progress import (
    CancelCheck,
    Progress,
    never_cancelled,
    no_progress,
    stop_if_cancelled,
)
from hendazh_desktop.reports.sheets import Cell, Table, write_csv_file, write_xlsx
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.exports.records import ExportFormat, ExportResult

CHECK_EVERY = 1000


def jalali_text(value: dt.date | dt.datetime) -> str:
    """1403/08/15, or 1403/08/15 14:05:09 for a moment (stored UTC, written in Tehran time)."""
    if isinstance(value, dt.datetime):
        local = local_datetime(value)
        y, m, d = to_jalali(local.date())
        return f"{y:04d}/{m:02d}/{d:02d} {local:%H:%M:%S}"
    y, m, d = to_jalali(value)
    return f"{y:04d}/{m:02d}/{d:02d}"


def cell(value: Any) -> Cell:
    """A database value as a cell: numbers stay numbers, dates become Jalali text."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, dt.date):  # datetimes too
        return jalali_text(value)
    if isinstance(value, bytes | memoryview):  # photos: too long for a cell; the backup has them
        return f"[{len(bytes(value)):,} bytes]"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


class DatabaseExport:
    """Every table to Excel or CSV, for the administrator."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def export(
        self,
        actor: Actor,
        target: Path,
        fmt: ExportFormat,
        *,
        progress: Progress = no_progress,
        cancelled: CancelCheck = never_cancelled,
    ) -> ExportResult:
        """Write the database to ``target`` (an .xlsx file, or a folder for CSV files, made
        if missing and refused if it holds anything). A cancelled export leaves nothing."""
        require(actor, Permission.EXPORT_DATABASE)
        if fmt is ExportFormat.CSV:
            return self._audited(actor, self._to_folder(target, progress, cancelled))
        temporary = target.with_name(f".{target.name}.part")
        counted: list[str] = []
        try:
            with dump_tables(self._db.engine) as dumps:
                rows = write_xlsx(temporary, self._tables(dumps, progress, cancelled, counted))
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        return self._audited(actor, ExportResult(path=target, rows=rows, tables=len(counted)))

    def _audited(self, actor: Actor, result: ExportResult) -> ExportResult:
        with self._db.write() as uow:
            uow.audit.append(
                at=self._clock(),
                user_id=actor.user_id,
                entity="database",
                entity_id="export",
                action=AuditAction.EXPORT.value,
                before=None,
                after={"file": result.path.name, "tables": result.tables, "rows": result.rows},
            )
            uow.commit()
        return result

    def _to_folder(self, target: Path, progress: Progress, cancelled: CancelCheck) -> ExportResult:
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise FileExistsError(17, "the folder is not empty", str(target))
        temporary = target.with_name(f".{target.name}.part")
        shutil.rmtree(temporary, ignore_errors=True)
        temporary.mkdir(parents=True)
        counted: list[str] = []
        rows = 0
        try:
            with dump_tables(self._db.engine) as dumps:
                for table in self._tables(dumps, progress, cancelled, counted):
                    rows += write_csv_file(temporary / f"{table.name}.csv", table)
            if target.exists():
                target.rmdir()
            os.replace(temporary, target)
        except BaseException:
            shutil.rmtree(temporary, ignore_errors=True)
            raise
        return ExportResult(path=target, rows=rows, tables=len(counted))

    def _tables(
        self,
        dumps: list[TableDump],
        progress: Progress,
        cancelled: CancelCheck,
        counted: list[str],
    ) -> Iterator[Table]:
        total = sum(d.count for d in dumps)  # counted in the same snapshot as the rows
        done = [0]
        for dump in dumps:
            counted.append(dump.name)
            yield Table(dump.name, dump.columns, self._rows(dump, total, done, progress, cancelled))

    @staticmethod
    def _rows(
        dump: TableDump, total: int, done: list[int], progress: Progress, cancelled: CancelCheck
    ) -> Iterator[Sequence[Cell]]:
        stop_if_cancelled(cancelled)
        progress(done[0], total, dump.name)
        for row in dump.rows():
            yield [cell(v) for v in row]
            done[0] += 1
            if done[0] % CHECK_EVERY == 0:
                stop_if_cancelled(cancelled)
                progress(done[0], total, dump.name)
        progress(done[0], total, dump.name)
