"""The reports a user may run, running one over a period in one read transaction, and writing
it to PDF or to a workbook (through the shared export module)."""

from __future__ import annotations

import os
from pathlib import Path

from hendazh_desktop.db.database import Database
from hendazh_desktop.db.repositories.report_money import MoneyReportQueries
from hendazh_desktop.domain.errors import NotFound
from hendazh_desktop.domain.jalali import today_local
from hendazh_desktop.domain.jalali_periods import Period
from hendazh_desktop.domain.permissions import Actor, require
from hendazh_desktop.domain.progress import CancelCheck, Progress, never_cancelled, no_progress
from hendazh_desktop.reports.sheets import write_csv_file, write_xlsx
from hendazh_desktop.services.accounts.settings import load_settings
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.exports.lists import format_of
from hendazh_desktop.services.exports.records import ExportFormat, ExportResult
from hendazh_desktop.services.reports.base import ReportContext, ReportSpec
from hendazh_desktop.services.reports.catalogue import REPORTS
from hendazh_desktop.services.reports.records import Report, ReportFilters

NO_FILTERS = ReportFilters()


class ReportService:
    """Runs the managers' reports (read-only: every one may be cancelled)."""

    def __init__(self, db: Database, *, clock: Clock = system_clock,
                 reports: tuple[ReportSpec, ...] = REPORTS) -> None:  # fmt: skip
        self._db = db
        self._clock = clock
        self._reports = reports

    def available(self, actor: Actor) -> list[ReportSpec]:
        """The reports the actor's role may run, in menu order."""
        return [r for r in self._reports if actor.can(r.permission)]

    def spec(self, key: str) -> ReportSpec:
        for r in self._reports:
            if r.key == key:
                return r
        raise NotFound("report", key)

    def run(
        self,
        actor: Actor,
        key: str,
        period: Period,
        filters: ReportFilters = NO_FILTERS,
        *,
        progress: Progress = no_progress,
        cancelled: CancelCheck = never_cancelled,
    ) -> Report:
        """Compute one report over ``period`` (filters the report does not take are ignored)."""
        spec = self.spec(key)
        require(actor, spec.permission)
        filters = ReportFilters(
            service_id=filters.service_id if "service" in spec.filters else None,
            group_id=filters.group_id if "group" in spec.filters else None,
            consultant_id=filters.consultant_id if "consultant" in spec.filters else None,
        )
        now = self._clock()
        with self._db.read() as uow:
            ctx = ReportContext(uow, period, filters, today_local(now), progress, cancelled,
                                steps=spec.steps)  # fmt: skip
            progress(0, spec.steps, "")
            report = spec.build(ctx)
            names = MoneyReportQueries(uow.session).names(
                filters.service_id, filters.group_id, filters.consultant_id
            )
        filters_text = "، ".join(
            f"{label}: {name}"
            for label, name in zip(("خدمت", "گروه", "مشاور"), names, strict=True)
            if name
        )
        return Report(
            report.key, spec.title, period, filters_text, report.tables, report.chart,
            report.figures, now,
        )  # fmt: skip

    def consultants(self, actor: Actor) -> list[tuple[int, str]]:
        """The people a report may be filtered by (who took the calls)."""
        if not self.available(actor):
            return []
        with self._db.read() as uow:
            return MoneyReportQueries(uow.session).office_users()

    def company(self) -> tuple[str, str]:
        """The company's name and city for a report's header."""
        with self._db.read() as uow:
            settings = load_settings(uow)
        return settings.legal_name or "هنداژ", settings.city

    def to_pdf(self, actor: Actor, report: Report, path: Path, *,
               cancelled: CancelCheck = never_cancelled) -> int:  # fmt: skip
        """Print a computed report to ``path``; returns its page count."""
        from hendazh_desktop.reports.report_pdf import write_report_pdf
        from hendazh_desktop.services.reports.printing import document_of

        require(actor, self.spec(report.key).permission)
        name, city = self.company()
        document = document_of(report, name, city)
        temporary = path.with_name(f".{path.name}.part")
        try:
            pages = write_report_pdf(document, temporary, cancelled=cancelled)
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        return pages

    def to_sheet(self, actor: Actor, report: Report, path: Path) -> ExportResult:
        """Write a computed report to ``path``: .xlsx (a sheet per table) or .csv (the first
        table), through the shared export writer."""
        from hendazh_desktop.services.reports.printing import sheets_of

        require(actor, self.spec(report.key).permission)
        tables = sheets_of(report)
        temporary = path.with_name(f".{path.name}.part")
        try:
            if format_of(path) is ExportFormat.CSV:
                rows = write_csv_file(temporary, tables[0])
            else:
                rows = write_xlsx(temporary, tables)
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        return ExportResult(path=path, rows=rows, tables=len(tables))
