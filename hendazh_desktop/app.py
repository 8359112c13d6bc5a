"""Composition root: logging, the Qt application, the database, the services and the window.

Start-up paints the main window first and opens the database (migrating after a backup when
needed) on a worker thread meanwhile; SQLAlchemy and the services are imported there, so
the first paint waits for none of them. Then the sign-in (or first-run) dialog, then the
views for the signed-in user.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from hendazh_desktop.domain.errors import DomainError
from hendazh_desktop.domain.masking import mask_passwords
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.ui.main_window import MainWindow
from hendazh_desktop.ui.messages import error_message
from hendazh_desktop.ui.ops import Operation, run_in_background, wait_for_operations
from hendazh_desktop.ui.theme import apply_app_look

if TYPE_CHECKING:
    from hendazh_desktop.config import AppPaths
    from hendazh_desktop.db.database import Database
    from hendazh_desktop.services.accounts.users import UserService
    from hendazh_desktop.ui.context import UiContext

log = logging.getLogger("hendazh")


class NetworkShareRefused(DomainError):
    """The database file is on a network share (a domain error so it reaches the UI)."""


def default_backup_dir(db: Database) -> Path:
    """Backups beside the database file when no folder is configured (tests, scripts)."""
    return (db.path.parent if db.path else Path.cwd()) / "backups"


def build_context(db: Database, actor: Actor, *, backup_dir: Path | None = None) -> UiContext:
    """Wire every use case to the database; the views receive only this. Every service is
    built (and its module imported) on first use, so the start waits only for what the first
    view asks; the window's own reads (the money unit, the data version) load none."""
    from hendazh_desktop.lazy import Lazy, lazy
    from hendazh_desktop.services.catalogue.display import display_currency
    from hendazh_desktop.ui.context import UiContext

    s = "hendazh_desktop.services."
    quality: Any = Lazy(lambda: _attribute(s + "quality.office", "QualityOffice").on(db))
    wages: Any = Lazy(lambda: _attribute(s + "wages.office", "WageOffice").on(db))
    dispatch: Any = Lazy(
        lambda: _attribute(s + "dispatch.assignment", "DispatchService")(
            db, quality=quality.standings
        )
    )
    documents = (backup_dir or default_backup_dir(db)).parent / "documents"
    return UiContext(
        actor=actor,
        users=lazy(s + "accounts.users", "UserService", db),
        settings=lazy(s + "accounts.settings", "SettingsService", db),
        audit=lazy(s + "accounts.audit", "AuditService", db),
        backups=lazy(
            s + "accounts.backups",
            "BackupService",
            db,
            default_dir=backup_dir or default_backup_dir(db),
        ),
        search=lazy(s + "subscribers.search", "SubscriberSearch", db),
        subscribers=lazy(s + "subscribers.register", "SubscriberService", db),
        catalogue=lazy(s + "catalogue.catalogue", "CatalogueService", db),
        intake=lazy(s + "requests.intake", "IntakeService", db),
        queue=lazy(s + "requests.queue", "QueueService", db),
        webform=lazy(s + "requests.webform_import", "WebFormImporter", db),
        work_groups=lazy(s + "dispatch.work_groups", "WorkGroupService", db),
        dispatch=dispatch,
        job_sheets=lazy(s + "dispatch.job_sheets", "JobSheetService", db),
        pricing=lazy(s + "dispatch.pricing", "PricingService", db),
        invoices=lazy(s + "billing.invoices", "InvoiceService", db),
        payments=lazy(s + "billing.payments", "PaymentService", db),
        billing=lazy(s + "billing.queries", "BillingQueries", db),
        billing_documents=lazy(s + "billing.documents", "BillingDocuments", db),
        documents_dir=documents,
        quality=quality,
        gift_credit=lazy(s + "credit.ledger", "GiftCreditLedger", db),
        gift_credit_admin=lazy(s + "credit.adjustments", "GiftCreditService", db),
        gift_credit_documents=lazy(s + "credit.documents", "GiftCreditDocuments", db),
        gifts=lazy(s + "gifts.catalogue", "GiftCatalogue", db),
        gift_orders=lazy(s + "gifts.orders", "GiftOrders", db),
        gift_documents=lazy(s + "gifts.documents", "GiftDocuments", db),
        wages=wages,
        database_export=lazy(s + "exports.database", "DatabaseExport", db),
        tax_export=lazy(s + "billing.tax_invoices", "TaxInvoiceExport", db),
        reports=lazy(s + "reports.service", "ReportService", db),
        dashboard=lazy(s + "reports.dashboard", "DashboardService", db),
        data_version=db.lookups.data_version,
        display_currency=lambda: display_currency(db),
    )


def _attribute(module: str, name: str) -> Any:
    import importlib

    return getattr(importlib.import_module(module), name)


def make_application(argv: list[str]) -> QApplication:
    if QApplication.instance() is None:  # the policy cannot change once the application exists
        QApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Hendazh")
    app.setOrganizationName("Hendazhmon")
    app.setApplicationDisplayName("هنداژ")
    apply_app_look(app)
    return app


SIGN_IN_MODULES = (
    "hendazh_desktop.services.accounts.users",
    "hendazh_desktop.ui.accounts.first_run_dialog",
    "hendazh_desktop.ui.accounts.login_dialog",
)


def import_modules(names: tuple[str, ...]) -> None:
    """Import modules ahead of need, on a worker thread: importing a screen's modules on the
    GUI thread when it is first shown would hold the thread for a good part of a second."""
    import importlib

    for name in names:
        importlib.import_module(name)


SERVICE_MODULES = (  # built lazily by build_context; imported ahead while signing in
    "hendazh_desktop.services.accounts.audit",
    "hendazh_desktop.services.accounts.backups",
    "hendazh_desktop.services.accounts.settings",
    "hendazh_desktop.services.billing.documents",
    "hendazh_desktop.services.billing.invoices",
    "hendazh_desktop.services.billing.payments",
    "hendazh_desktop.services.billing.queries",
    "hendazh_desktop.services.billing.tax_invoices",
    "hendazh_desktop.services.credit.adjustments",
    "hendazh_desktop.services.credit.documents",
    "hendazh_desktop.services.credit.ledger",
    "hendazh_desktop.services.dispatch.assignment",
    "hendazh_desktop.services.dispatch.job_sheets",
    "hendazh_desktop.services.dispatch.pricing",
    "hendazh_desktop.services.dispatch.work_groups",
    "hendazh_desktop.services.exports.database",
    "hendazh_desktop.services.gifts.catalogue",
    "hendazh_desktop.services.gifts.documents",
    "hendazh_desktop.services.gifts.orders",
    "hendazh_desktop.services.quality.office",
    "hendazh_desktop.services.reports.dashboard",
    "hendazh_desktop.services.reports.service",
    "hendazh_desktop.services.requests.intake",
    "hendazh_desktop.services.requests.queue",
    "hendazh_desktop.services.requests.webform_import",
    "hendazh_desktop.services.subscribers.register",
    "hendazh_desktop.services.subscribers.search",
    "hendazh_desktop.services.wages.office",
)


def import_the_screens() -> None:
    """The use cases' and the views' modules, imported while the user signs in."""
    import_modules(SERVICE_MODULES)
    import_modules(
        (
            "hendazh_desktop.ui.accounts.audit_view",
            "hendazh_desktop.ui.billing.invoicing_view",
            "hendazh_desktop.ui.dispatch.dispatch_board",
            "hendazh_desktop.ui.dispatch.work_groups_view",
            "hendazh_desktop.ui.requests.intake_panel",
            "hendazh_desktop.ui.requests.queue_view",
            "hendazh_desktop.ui.subscribers.subscribers_view",
            "hendazh_desktop.ui.quality.call_list_view",
            "hendazh_desktop.ui.quality.complaints_view",
            "hendazh_desktop.ui.quality.ideas_view",
            "hendazh_desktop.ui.quality.scorecard_view",
        )
    )


def open_database(paths: AppPaths) -> Database:
    """Open, back up if a migration is due, migrate and seed (runs off the GUI thread)."""
    from hendazh_desktop.db.database import Database
    from hendazh_desktop.db.storage import NetworkShareError
    from hendazh_desktop.services.accounts.bootstrap import prepare_database
    from hendazh_desktop.services.files import make_private_dir
    from hendazh_desktop.services.wiring import wire

    for folder in (paths.data_dir, paths.backup_dir):
        make_private_dir(folder, narrow=True)  # the office's data: the user's eyes only
    try:
        db = wire(Database(paths.database))
    except NetworkShareError:
        raise NetworkShareRefused("database_on_network_share", path=paths.database) from None
    backup = prepare_database(db, backup_dir=paths.backup_dir)
    if backup is not None:
        log.info("backed up before migrating: %s", backup)
    return db


def _open_and_prepare(paths: AppPaths) -> Database:
    """Off the GUI thread at start, while the window shows only that the database opens: the
    database, the sign-in dialogs' modules and Babel's number data (percentages, compact
    counts; whole numbers and rials do without it). Loading Babel holds the interpreter for
    ~0.1 s in one call: better here than while the user types the password."""
    from hendazh_desktop.domain.money import prepare_formats

    db = open_database(paths)
    import_modules(SIGN_IN_MODULES)
    prepare_formats()
    return db


def sign_in(users: UserService, parent: MainWindow | None = None) -> Actor | None:
    """The first-run dialog on a new database, else the sign-in dialog; None if cancelled."""
    from hendazh_desktop.ui.accounts.first_run_dialog import FirstRunDialog
    from hendazh_desktop.ui.accounts.login_dialog import LoginDialog

    dialog: FirstRunDialog | LoginDialog
    if users.needs_first_admin():
        dialog = FirstRunDialog(users=users, parent=parent)
    else:
        dialog = LoginDialog(users=users, parent=parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor


class Startup:
    """Holds the pieces while the window waits for the database and the sign-in."""

    def __init__(self, app: QApplication, window: MainWindow, paths: AppPaths) -> None:
        self.app, self.window, self.paths = app, window, paths
        self.db: Database | None = None
        self.opener: Operation[Database] | None = None
        self.preloader: Operation[None] | None = None

    def start(self) -> None:
        paths = self.paths
        self.opener = run_in_background(
            self.window,
            lambda _task: _open_and_prepare(paths),
            on_success=self._on_opened,
            on_failure=self._on_failed,
        )

    def _on_opened(self, db: object) -> None:
        from hendazh_desktop.services.accounts.users import UserService

        self.db = db  # type: ignore[assignment]
        assert self.db is not None
        self.window.set_loading("ورود به هنداژ…")
        self.preloader = run_in_background(self.window, lambda _task: import_the_screens())
        actor = sign_in(UserService(self.db), self.window)
        if actor is None:
            self.app.quit()
            return
        # The views are built at the next turn of the event loop: signing in (a password hash)
        # and building every view in one go would hold the GUI thread for both.
        self.window.set_loading("در حال آماده کردن صفحه‌ها…")
        preloader = self.preloader
        if preloader is not None and not preloader.is_finished():
            # the screens' and use cases' modules are still loading off the GUI thread (a
            # quick sign-in): attach once they are, rather than import them here
            preloader.finished.connect(lambda _outcome: self._attach(actor))
        else:
            QTimer.singleShot(0, self.window, lambda: self._attach(actor))

    def _attach(self, actor: Actor) -> None:
        assert self.db is not None
        self.window.attach(build_context(self.db, actor, backup_dir=self.paths.backup_dir))
        self.window.start_daily_backup()

    def _on_failed(self, error: Exception) -> bool:
        message = error_message(error) if isinstance(error, DomainError) else str(error)
        log.error("cannot open the database: %s", mask_passwords(message))
        where, why = mask_passwords(self.paths.database), mask_passwords(message)
        QMessageBox.critical(self.window, "هنداژ", f"پایگاه داده باز نشد:\n{where}\n\n{why}")
        self.app.quit()
        return True


def run_gui(paths: AppPaths) -> int:
    # the real start's own needs, not the window's (their imports took ~30 ms of the window)
    from hendazh_desktop.logs import configure_logging
    from hendazh_desktop.ui.common.column_widths import remember_widths_in
    from hendazh_desktop.ui.crash_dialog import CrashHandler

    configure_logging(paths.log_file)
    app = make_application(sys.argv)
    CrashHandler(paths.log_file).install()
    log.info("starting on %s", mask_passwords(paths.database))
    settings = QSettings()
    remember_widths_in(settings)  # list tables keep the column widths the user set
    window = MainWindow(settings=settings)
    window.show()
    startup = Startup(app, window, paths)
    startup.start()
    try:
        return app.exec()
    finally:
        wait_for_operations()
        if startup.db is not None:
            startup.db.checkpoint()
            startup.db.dispose()
