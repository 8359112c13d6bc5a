"""Importing web-form submissions (CSV or JSON) as requests waiting for a consultant's check.

All or nothing: every row is read and checked first (as strictly as the intake form); if any
row cannot be used, the report lists each by line with its reason and nothing is written.
The rows are then written in short transactions of ``WRITE_BATCH`` rows, so another PC's save
waits a fraction of a second, never the whole import. Re-importing the same file skips the
submissions already imported (each carries a reference, or a digest of its content), so an
import cut short (power loss) is completed by importing the file again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.errors import (
    FormErrorCollector,
    ValidationError,
    ValidationErrors,
)
from hendazh_desktop.domain.fields import clean_person_name, clean_text
from hendazh_desktop.domain.jalali import parse_time, today_local
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.phones import parse_phone
from hendazh_desktop.domain.progress import (
    CancelCheck,
    Progress,
    never_cancelled,
    no_progress,
    stop_if_cancelled,
)
from hendazh_desktop.domain.requests import Channel, Priority, RequestStatus
from hendazh_desktop.domain.subscription_code import parse_code
from hendazh_desktop.domain.text import search_key, to_ascii_digits
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.requests.intake import clean_schedule
from hendazh_desktop.services.requests.lifecycle import open_requests
from hendazh_desktop.services.requests.records import ImportProblem, ImportReport
from hendazh_desktop.services.requests.webform_files import ImportFileError, read_records

MAX_ROWS = 100_000
WRITE_BATCH = 1000  # rows per write transaction: ~0.25 s of holding the write lock
# Between batches the write lock is left free this long: SQLite's busy handler sleeps up to
# 100 ms between tries, so a shorter gap would let the import take the lock straight back
# and another PC's save would starve until the end (measured: 6 s behind a 6 s import).
BATCH_GAP = 0.11
CHECK_BATCH = 500
"""Rows checked between two progress reports (and two looks at ``cancelled``)."""


# Column names accepted in either language.
@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    ref: str
    service_id: int
    subscriber_id: int | None
    address_id: int | None
    contact_name: str
    contact_phone: str
    contact_address: str
    description: str
    preferred_date: Any
    window_start: Any
    window_end: Any


class WebFormImporter:
    """Turns a file of web-form submissions into requests "to verify"."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def import_file(
        self,
        actor: Actor,
        path: Path,
        *,
        progress: Progress = no_progress,
        cancelled: CancelCheck = never_cancelled,
    ) -> ImportReport:
        require(actor, Permission.IMPORT_WEB_FORMS)
        return self.import_bytes(
            actor, path.name, path.read_bytes(), progress=progress, cancelled=cancelled
        )

    def import_bytes(
        self,
        actor: Actor,
        name: str,
        data: bytes,
        *,
        progress: Progress = no_progress,
        cancelled: CancelCheck = never_cancelled,
    ) -> ImportReport:
        """``progress`` gets rows checked, then rows written, of twice the rows; ``cancelled``
        is asked while checking, before anything is written (once the batches of writes have
        started they run to the end, so an import is never left half-way by a cancel)."""
        require(actor, Permission.IMPORT_WEB_FORMS)
        try:
            records = read_records(name, data)
        except ImportFileError as error:
            return ImportReport(
                (), 0, 0, 0, (ImportProblem(error.params.get("line", 0), error.code),)
            )
        if len(records) > MAX_ROWS:
            return ImportReport((), 0, 0, 0, (ImportProblem(0, "import_too_many_rows"),))
        # Checking 100,000 rows takes seconds: done in a read transaction, so another PC's
        # writes are not held up behind the write lock (and never time out waiting for it).
        with self._db.read() as uow:
            rows, problems = self._check(
                uow,
                records,
                today_local(self._clock()),
                lambda done, total, message: progress(done, 2 * total, message),
                cancelled,
            )
        if problems:
            return ImportReport((), 0, 0, 0, tuple(problems))
        stop_if_cancelled(cancelled)  # the last look: once writing starts, it runs to its end
        checked = len(records)
        created: list[int] = []
        fresh_total = matched = skipped = 0
        for start in range(0, len(rows), WRITE_BATCH):
            if start:
                time.sleep(BATCH_GAP)
            batch = rows[start : start + WRITE_BATCH]
            with self._db.write() as uow:
                done = uow.requests.external_ref_exists([r.ref for r in batch])
                fresh = [r for r in batch if r.ref not in done]
                made = self._write(uow, actor, fresh) if fresh else []
                if made:
                    uow.audit.append(
                        at=self._clock(),
                        user_id=actor.user_id,
                        entity="request",
                        entity_id=f"{made[0]}-{made[-1]}",
                        action=AuditAction.IMPORT.value,
                        before=None,
                        after={"file": name[:100], "created": len(made), "skipped": len(done)},
                    )
                uow.commit()
            created.extend(made)
            fresh_total += len(fresh)
            skipped += len(done)
            matched += sum(1 for r in fresh if r.subscriber_id is not None)
            progress(checked + start + len(batch), checked + len(rows), "")
        return ImportReport(tuple(created), matched, fresh_total - matched, skipped, ())

    def _check(
        self,
        uow: UnitOfWork,
        records: list[tuple[int, dict[str, str]]],
        today: dt.date,
        progress: Progress = no_progress,
        cancelled: CancelCheck = never_cancelled,
    ) -> tuple[list[_Row], list[ImportProblem]]:
        """Every row checked: the usable ones, or every problem of every bad one."""
        services = {search_key(s.name): s.id for s in uow.catalogue.services()}
        services.update({s.code.lower(): s.id for s in uow.catalogue.services()})
        rows: list[_Row] = []
        problems: list[ImportProblem] = []
        seen: set[str] = set()
        total = len(records)
        for index, (line, fields) in enumerate(records):
            if index % CHECK_BATCH == 0:
                progress(index, total, "")
                stop_if_cancelled(cancelled)
            try:
                row = self._row(uow, line, fields, services, today)
            except ValidationError as error:
                problems.append(ImportProblem(line, error.code, error.field))
                continue
            except ValidationErrors as many:
                problems.extend(ImportProblem(line, e.code, e.field) for e in many.errors)
                continue
            if row.ref in seen:
                problems.append(ImportProblem(line, "import_duplicate_ref", row.ref))
                continue
            seen.add(row.ref)
            rows.append(row)
        progress(total, total, "")
        return rows, problems

    def _row(
        self,
        uow: UnitOfWork,
        line: int,
        f: dict[str, str],
        services: dict[str, int],
        today: dt.date,
    ) -> _Row:
        if "__width__" in f:
            raise ValidationError("row", "import_column_count")
        if "__value__" in f:
            raise ValidationError("row", "import_value")
        errors = FormErrorCollector()
        service_id = services.get(search_key(f.get("service", ""))) or services.get(
            f.get("service", "").strip().lower()
        )
        if service_id is None:
            errors.add("service", "service_unknown" if f.get("service", "").strip() else "required")
        subscriber_id: int | None = None
        phone = ""
        if f.get("code", "").strip():
            code = errors.check(parse_code, f["code"], field="code")
            if code is not None:
                subscriber_id = uow.subscribers.id_by_code(code)
        if f.get("phone", "").strip():
            parsed = errors.check(parse_phone, f["phone"], field="phone")
            if parsed is not None:
                phone = parsed.number
                if subscriber_id is None:
                    subscriber_id = uow.subscribers.id_by_phone(phone)
        elif subscriber_id is None:
            errors.add("phone", "required")
        name = (
            errors.check(clean_person_name, f.get("name", ""), field="name")
            if f.get("name", "").strip() or subscriber_id is None
            else ""
        )
        address = errors.check(clean_text, f.get("address", ""), field="address", max_length=300)
        description = errors.check(
            clean_text,
            f.get("description", ""),
            field="description",
            max_length=2000,
            multiline=True,
        )
        day = clean_schedule(errors, f.get("preferred_date", ""), "", "", today).preferred_date
        start = end = None
        window = to_ascii_digits(f.get("window", "")).strip()
        if window:
            parts = [p for p in window.replace("–", "-").split("-") if p.strip()]
            if len(parts) != 2:
                errors.add("window", "time_format")
            else:
                start = errors.check(parse_time, parts[0], field="window")
                end = errors.check(parse_time, parts[1], field="window")
                if start is not None and end is not None and end <= start:
                    errors.add("window", "window_order")
        ref = clean_text(f.get("ref", ""), field="ref", max_length=80)
        errors.raise_if_any()
        if not ref:
            digest = hashlib.sha256(json.dumps(sorted(f.items()), ensure_ascii=False).encode())
            ref = "sha256:" + digest.hexdigest()[:40]
        address_id = None
        if subscriber_id is not None and not address:
            sub = uow.subscribers.get(subscriber_id)
            address_id = next((a.id for a in sub.addresses if a.active), None) if sub else None
        assert service_id is not None
        return _Row(
            line,
            ref,
            service_id,
            subscriber_id,
            address_id,
            name or "",
            phone,
            address or "",
            description or "",
            day,
            start,
            end,
        )

    def _write(self, uow: UnitOfWork, actor: Actor, rows: list[_Row]) -> list[int]:
        return open_requests(
            uow,
            actor,
            self._clock(),
            [
                {
                    "subscriber_id": row.subscriber_id,
                    "service_id": row.service_id,
                    "address_id": row.address_id,
                    "description": row.description,
                    "preferred_date": row.preferred_date,
                    "window_start": row.window_start,
                    "window_end": row.window_end,
                    "priority": int(Priority.NORMAL),
                    "channel": Channel.WEB_FORM.value,
                    "status": RequestStatus.TO_VERIFY.value,
                    "contact_name": row.contact_name,
                    "contact_phone": row.contact_phone,
                    "contact_address": row.contact_address,
                    "external_ref": row.ref,
                }
                for row in rows
            ],
            reason="فرم وب",
        )
