"""Composition root: logging, the Qt application, the database, the services and the window."""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from hendazh_desktop.config import AppPaths
from hendazh_desktop.db.database import Database
from hendazh_desktop.db.storage import NetworkShareError
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.services.audit import AuditService
from hendazh_desktop.services.bootstrap import prepare_database
from hendazh_desktop.services.catalogue import CatalogueService
from hendazh_desktop.services.intake import IntakeService
from hendazh_desktop.services.maintenance import BackupService
from hendazh_desktop.services.queue import QueueService
from hendazh_desktop.services.settings import SettingsService
from hendazh_desktop.services.subscriber_search import SubscriberSearch
from hendazh_desktop.services.subscribers import SubscriberService
from hendazh_desktop.services.users import UserService
from hendazh_desktop.services.webform_import import WebFormImporter
from hendazh_desktop.ui.context import UiContext
from hendazh_desktop.ui.dialogs.crash_dialog import CrashHandler
from hendazh_desktop.ui.dialogs.first_run_dialog import FirstRunDialog
from hendazh_desktop.ui.dialogs.login_dialog import LoginDialog
from hendazh_desktop.ui.main_window import MainWindow
from hendazh_desktop.ui.theme import apply_app_look

log = logging.getLogger("hendazh")

NETWORK_SHARE_MESSAGE = (
    "پایگاه داده روی یک پوشه اشتراکی شبکه است:\n{path}\n\n"
    "SQLite روی پوشه شبکه ممکن است داده‌ها را خراب کند. پایگاه داده را روی همین رایانه "
    "نگه دارید، یا برای چند رایانه از یک سرور PostgreSQL مشترک استفاده کنید."
)


def configure_logging(log_file: Path) -> None:
    """A rotating log file in the user's log folder, plus warnings on stderr."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(handler)


def build_context(db: Database, actor: Actor, *, backup_dir: Path | None = None) -> UiContext:
    """Wire every use case to the database; the views receive only this."""
    return UiContext(
        actor=actor,
        users=UserService(db),
        settings=SettingsService(db),
        audit=AuditService(db),
        backups=BackupService(db, default_dir=backup_dir or default_backup_dir(db)),
        search=SubscriberSearch(db),
        subscribers=SubscriberService(db),
        catalogue=CatalogueService(db),
        intake=IntakeService(db),
        queue=QueueService(db),
        webform=WebFormImporter(db),
    )


def default_backup_dir(db: Database) -> Path:
    """Backups beside the database file when no folder is configured (tests, scripts)."""
    return (db.path.parent if db.path else Path.cwd()) / "backups"


def make_application(argv: list[str]) -> QApplication:
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


def open_database(paths: AppPaths) -> Database:
    """Open, back up if a migration is due, migrate and seed."""
    db = Database(paths.database)
    backup = prepare_database(db, backup_dir=paths.backup_dir)
    if backup is not None:
        log.info("backed up before migrating: %s", backup)
    return db


def sign_in(users: UserService) -> Actor | None:
    """The first-run dialog on a new database, else the login dialog; None if cancelled."""
    dialog: FirstRunDialog | LoginDialog
    dialog = FirstRunDialog(users=users) if users.needs_first_admin() else LoginDialog(users=users)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor


def run_gui(paths: AppPaths) -> int:
    configure_logging(paths.log_file)
    app = make_application(sys.argv)
    CrashHandler(paths.log_file).install()
    log.info("starting on %s", paths.database)
    try:
        db = open_database(paths)
    except NetworkShareError:
        QMessageBox.critical(None, "هنداژ", NETWORK_SHARE_MESSAGE.format(path=paths.database))
        return 2
    except Exception as error:  # the database cannot be opened: say so, do not crash
        log.exception("cannot open the database")
        QMessageBox.critical(None, "هنداژ", f"پایگاه داده باز نشد:\n{paths.database}\n\n{error}")
        return 2
    try:
        actor = sign_in(UserService(db))
        if actor is None:
            return 0
        context = build_context(db, actor, backup_dir=paths.backup_dir)
        window = MainWindow(context=context, settings=QSettings())
        window.show()
        window.start_daily_backup()
        return app.exec()
    finally:
        db.checkpoint()
        db.dispose()
