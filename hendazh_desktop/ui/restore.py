"""Restoring a backup from the window: choose, confirm, close the views, replace the database
on a worker (with its progress), then sign in again to the restored data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from hendazh_desktop.db.backup import BACKUP_SUFFIX
from hendazh_desktop.domain.permissions import Permission
from hendazh_desktop.services.accounts.backups import RestoreResult
from hendazh_desktop.ui.ops import Operation, run_in_background, running_operations

if TYPE_CHECKING:
    from hendazh_desktop.ui.context import UiContext
    from hendazh_desktop.ui.main_window import MainWindow

CONFIRM = (
    "همه داده‌های کنونی با داده‌های این پشتیبان جایگزین می‌شود:\n{name}\n\n"
    "پیش از آن از داده‌های کنونی پشتیبان گرفته می‌شود. هنداژ را روی رایانه‌های دیگر ببندید. "
    "پس از بازگردانی دوباره وارد شوید.\n\nادامه می‌دهید؟"
)
BUSY = "کاری در پس‌زمینه در جریان است؛ پس از پایان آن دوباره تلاش کنید."


def choose_backup(window: MainWindow, context: UiContext) -> Path | None:
    folder = str(context.backups.backup_dir())
    path, _ = QFileDialog.getOpenFileName(
        window, "بازگردانی از پشتیبان", folder, f"پشتیبان هنداژ (*{BACKUP_SUFFIX});;همه (*)"
    )
    return Path(path) if path else None


def restore_backup(
    window: MainWindow, candidate: Path | None = None
) -> Operation[RestoreResult] | None:
    """The whole restore, from the File menu; the operation, or None when not started."""
    context = window.context
    if not context.actor.can(Permission.RESTORE_DATABASE):
        return None
    if running_operations():  # its result belongs to the views about to close
        QMessageBox.information(window, "هنداژ", BUSY)
        return None
    candidate = candidate or choose_backup(window, context)
    if candidate is None:
        return None
    answer = QMessageBox.question(
        window,
        "بازگردانی از پشتیبان",
        CONFIRM.format(name=candidate.name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    window.detach()  # no view may hold the database while its file is replaced
    window.set_loading("در حال بازگردانی پشتیبان…")
    backups, actor = context.backups, context.actor

    def restored(result: RestoreResult) -> None:
        QMessageBox.information(
            window,
            "بازگردانی انجام شد",
            f"داده‌ها از «{result.restored_from.name}» بازگردانده شد.\n"
            f"داده‌های پیشین در «{result.previous_saved_as.name}» نگه داشته شد.",
        )
        _sign_in_again(window, context)

    def failed(_error: Exception) -> bool:
        # Refused before anything was replaced (a broken or foreign file): carry on as before.
        window.attach(context.signed_in_as(context.actor))
        return False  # the funnel shows why

    return run_in_background(
        window,
        lambda task: backups.restore(actor, candidate, progress=task.progress),
        label="در حال بازگردانی پشتیبان…",
        on_success=restored,
        on_failure=failed,
    )


def _sign_in_again(window: MainWindow, context: UiContext) -> None:
    """The restored data has its own users: whoever signs in next gets the window."""
    from hendazh_desktop.ui.accounts.login_dialog import LoginDialog

    window.set_loading("ورود به هنداژ…")
    dialog = LoginDialog(users=context.users, parent=window)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    actor = dialog.actor
    dialog.deleteLater()
    if not accepted or actor is None:
        window.close()
        return
    window.attach(context.signed_in_as(actor))
