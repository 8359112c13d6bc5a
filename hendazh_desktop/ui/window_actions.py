"""The window's commands that open dialogs or run long work: web-form import, the catalogue,
settings, users, password, backups and restore, the money unit, the About box."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from hendazh_desktop import __version__
from hendazh_desktop.domain.errors import DomainError
from hendazh_desktop.domain.money import CurrencyUnit
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.changes import Change
from hendazh_desktop.ui.messages import error_message
from hendazh_desktop.ui.ops import Operation, run_action, run_in_background

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtGui import QAction

    from hendazh_desktop.services.accounts.backups import RestoreResult
    from hendazh_desktop.services.billing.tax_invoices import TaxExport
    from hendazh_desktop.services.exports.records import ExportResult
    from hendazh_desktop.services.requests.records import ImportReport
    from hendazh_desktop.ui.context import UiContext
    from hendazh_desktop.ui.main_window import MainWindow

    _Window = QMainWindow
else:
    _Window = object


class OfficeActions(_Window):
    """The main window's commands (mixed into ``MainWindow``, which provides the context, the
    status bar and the actions built by ``window_menus``)."""

    _ctx: UiContext
    toman_action: QAction
    _show_status: Callable[[str], None]

    def import_web_forms(self) -> Operation[ImportReport] | None:
        """Read a file of web-form submissions on a worker thread, then show the report."""
        path, _ = QFileDialog.getOpenFileName(
            self, "ورود فرم‌های وب", "", "فرم‌های وب (*.csv *.json);;همه پرونده‌ها (*)"
        )
        if not path:
            return None
        from pathlib import Path

        def done(report: ImportReport) -> None:
            from hendazh_desktop.ui.requests.import_report_dialog import show_import_report

            show_import_report(self, report)
            if report.ok:
                self._ctx.changes.announce(Change.REQUESTS)
                self._show_status(f"{fmt.number(len(report.created))} درخواست از فرم وب وارد شد.")

        ctx = self._ctx
        return run_in_background(
            self,
            lambda task: ctx.webform.import_file(
                ctx.actor, Path(path), progress=task.progress, cancelled=task.cancelled
            ),
            label="در حال بررسی و ورود فرم‌های وب…",
            cancellable=True,
            on_success=done,
            on_cancelled=lambda: self._show_status("ورود فرم‌های وب لغو شد؛ چیزی ثبت نشد."),
        )

    def export_current_list(self) -> Operation[ExportResult] | None:
        """Ctrl+E: every row of the list in view (the table with the focus, else the view's
        first) to Excel or CSV, on a worker thread."""
        from hendazh_desktop.ui.common.export import export_table, table_to_export
        from hendazh_desktop.ui.registry import spec

        window = cast("MainWindow", self)
        key = window.current_view()
        view = window.view(key) if key else None
        table = table_to_export(view) if view is not None else None
        if view is None or table is None:
            self._show_status("در این نما فهرستی برای خروجی نیست.")
            return None
        return export_table(self, table, spec(key).title, on_done=self._show_status)

    def export_database(self) -> Operation[ExportResult] | None:
        """Every table of the database to one workbook or to a folder of CSV files."""
        from hendazh_desktop.ui.common.export import ask_database_target

        choice = ask_database_target(self)
        if choice is None:
            return None
        target, fmt_ = choice
        ctx = self._ctx
        return run_in_background(
            self,
            lambda task: ctx.database_export.export(
                ctx.actor, target, fmt_, progress=task.progress, cancelled=task.cancelled
            ),
            label="در حال نوشتن همه جدول‌های پایگاه داده…",
            cancellable=True,
            on_success=lambda r: self._show_status(
                f"{fmt.count(r.tables)} جدول و {fmt.count(r.rows)} ردیف در {r.path.name} "
                "نوشته شد."
            ),
            on_cancelled=lambda: self._show_status("خروجی پایگاه داده لغو شد."),
        )

    def export_tax_json(self) -> Operation[TaxExport] | None:
        """The invoices of a Jalali range as the taxpayers' system's JSON (سامانه مودیان)."""
        from hendazh_desktop.ui.billing.tax_export_dialog import export_tax_json

        return export_tax_json(self, self._ctx, on_done=self._show_status)

    def open_catalogue(self) -> None:
        from hendazh_desktop.ui.catalogue.service_catalogue_dialog import ServiceCatalogueDialog

        ServiceCatalogueDialog(context=self._ctx, parent=self).exec()

    def open_settings(self) -> None:
        from hendazh_desktop.ui.accounts.settings_dialog import SettingsDialog

        SettingsDialog(context=self._ctx, parent=self).exec()

    def open_users(self) -> None:
        from hendazh_desktop.ui.accounts.users_dialog import UsersDialog

        UsersDialog(context=self._ctx, parent=self).exec()

    def change_password(self) -> None:
        from hendazh_desktop.ui.accounts.change_password_dialog import ChangePasswordDialog

        dialog = ChangePasswordDialog(context=self._ctx, parent=self)
        if dialog.exec():
            self._show_status("گذرواژه تغییر کرد.")

    def backup_now(self) -> Operation[Path]:
        """A backup on a worker thread, with its progress (it may be cancelled: nothing is
        kept then)."""
        ctx = self._ctx
        return run_in_background(
            self,
            lambda task: ctx.backups.backup_now(
                ctx.actor, progress=task.progress, cancelled=task.cancelled
            ),
            label="در حال پشتیبان‌گیری…",
            cancellable=True,
            on_success=lambda path: self._show_status(f"پشتیبان ذخیره شد: {path.name}"),
            on_cancelled=lambda: self._show_status("پشتیبان‌گیری لغو شد."),
        )

    def restore_backup(self) -> Operation[RestoreResult] | None:
        """Replace the database by a checked backup (on a worker), then sign in again."""
        return self.restore_backup_from(None)

    def restore_backup_from(self, candidate: Path | None) -> Operation[RestoreResult] | None:
        from hendazh_desktop.ui.restore import restore_backup

        return restore_backup(cast("MainWindow", self), candidate)

    def start_daily_backup(self) -> None:
        """After the window is up: a backup when the newest is older than a day, in the
        background so the first screen is not held up."""
        backups = self._ctx.backups
        self._daily = run_in_background(
            self,
            lambda _task: backups.ensure_daily(),
            on_success=self._on_daily_backup_finished,
            on_failure=self._on_daily_backup_failed,
        )

    def _on_daily_backup_finished(self, path: object) -> None:
        if path is not None:
            self._show_status(f"پشتیبان روزانه ذخیره شد: {getattr(path, 'name', path)}")

    def _on_daily_backup_failed(self, error: Exception) -> bool:
        if not isinstance(error, DomainError):
            return False  # unexpected: the crash dialog
        self._show_status(f"پشتیبان روزانه ناموفق بود: {error_message(error)}")
        return True

    def on_toman_toggled(self, checked: bool) -> None:
        unit = CurrencyUnit.TOMAN if checked else CurrencyUnit.RIAL
        if unit is fmt.DisplaySettings.unit:
            return
        change = lambda: self._ctx.catalogue.set_display_currency(self._ctx.actor, unit)  # noqa: E731
        if run_action(self, change):
            self._ctx.changes.announce(Change.SETTINGS)
            self._show_status("واحد نمایش مبالغ: " + ("تومان" if checked else "ریال"))

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "درباره هنداژ",
            f"هنداژ — نرم‌افزار دفتر هنداژمون\nنسخه {fmt.number_text(__version__)}",
        )
