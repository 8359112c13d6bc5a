"""``hendazh gui --smoke-test``: the real start-up, signed in without a dialog, ended once the
main window shows its views; what CI runs against the PyInstaller bundle.

Everything but the sign-in dialog is the application's own path (``app.run_gui``): logging,
the Qt application, the window painted first, the database opened, migrated and seeded on a
worker thread, the context built and the views attached, the daily backup. The sign-in is
either a real one (``HENDAZH_SMOKE_USER`` and ``HENDAZH_SMOKE_PASSWORD``, e.g. the demo
manager printed by ``demo-data``) or, on a new database, the first-run path (a first admin
with a random password). The exit code is 0 only if the main window was shown with its views;
any dialog that opens on the way (an error, the crash dialog) or a stall past the deadline
fails it, with the reason on standard error.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox

from hendazh_desktop import app as app_module
from hendazh_desktop.ui.main_window import MainWindow

if TYPE_CHECKING:
    from hendazh_desktop.config import AppPaths
    from hendazh_desktop.domain.permissions import Actor
    from hendazh_desktop.services.accounts.users import UserService

USER_ENV = "HENDAZH_SMOKE_USER"
PASSWORD_ENV = "HENDAZH_SMOKE_PASSWORD"
DEADLINE_MS = 90_000
POLL_MS = 100


class SmokeRun:
    """Watches the start-up and decides the exit code."""

    def __init__(self, application: QApplication) -> None:
        self.application = application
        self.code = 1
        self.actor: Actor | None = None
        self._poll = QTimer()
        self._poll.timeout.connect(self._on_poll_timeout)
        self._deadline = QTimer()
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self._on_deadline_timeout)

    def start(self) -> None:
        self._poll.start(POLL_MS)
        self._deadline.start(DEADLINE_MS)

    def sign_in(self, users: UserService, parent: object = None) -> Actor | None:
        """Stands in for the sign-in dialog; None (the app quits) when it cannot sign in."""
        username, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
        try:
            if username and password:
                self.actor = users.sign_in(username, password)
            elif users.needs_first_admin():
                password = secrets.token_urlsafe(12)
                name = "آزمون راه‌اندازی"
                self.actor = users.create_first_admin("smoke-admin", name, password, password)
            else:
                self._fail(f"the database has accounts: set {USER_ENV} and {PASSWORD_ENV}")
        except Exception as error:  # reported, and the run fails
            self._fail(f"sign-in failed: {error!r}")
        return self.actor

    def _on_poll_timeout(self) -> None:
        for widget in self.application.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                self._fail(f"a dialog opened: {_describe(widget)}")
                return
        for widget in self.application.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible() and widget.current_view():
                self._succeed(widget)
                return

    def _succeed(self, window: MainWindow) -> None:
        self._stop()
        assert self.actor is not None
        # The bundle keeps Qt's Persian catalogue; Qt must find it where it looks.
        translations = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        if not (translations / "qtbase_fa.qm").is_file():
            self._fail(f"Qt's Persian catalogue qtbase_fa.qm is not in {translations}")
            return
        print(
            f"smoke test: main window shown for {self.actor.username} ({self.actor.role.value}), "
            f"view {window.current_view()!r}"
        )
        self.code = 0
        window.close()  # as a user quits: waits for the daily backup, saves the layout

    def _on_deadline_timeout(self) -> None:
        self._fail(f"no main window with its views within {DEADLINE_MS // 1000} s")

    def _fail(self, reason: str) -> None:
        self._stop()
        print(f"smoke test FAILED: {reason}", file=sys.stderr)
        self.code = 1
        self.application.exit(1)  # every event loop, a modal dialog's included

    def _stop(self) -> None:
        self._poll.stop()
        self._deadline.stop()


def _describe(dialog: QDialog) -> str:
    if isinstance(dialog, QMessageBox):
        return f"{dialog.windowTitle()}: {dialog.text()}"
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    return " | ".join([dialog.windowTitle(), *texts])


def run_smoke(paths: AppPaths) -> int:
    """Start the GUI as ``hendazh gui`` does, signed in by the smoke run; 0 if it came up."""
    application = app_module.make_application(sys.argv)
    smoke = SmokeRun(application)
    # The start-up's one seam for the sign-in (the start-up tests replace it the same way).
    app_module.sign_in = smoke.sign_in
    smoke.start()
    app_module.run_gui(paths)
    return smoke.code
