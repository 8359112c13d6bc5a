"""Backups on demand, daily at start-up and before migrations; rotation; checked restores."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from hendazh_desktop.db import migrate
from hendazh_desktop.db.backup import (
    BackupCheckError,
    DatabaseInUse,
    backup_database,
    backup_name,
    check_backup_file,
    database_backup_dir,
    database_label,
    discard_staging,
    newest_backup_age,
    rotate_backups,
    stage_copy,
    swap_in,
)
from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.errors import DomainError
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.progress import CancelCheck, Progress, never_cancelled, no_progress
from hendazh_desktop.services.accounts.settings import DEFAULT_BACKUPS_KEPT, SettingsService
from hendazh_desktop.services.clock import Clock, system_clock

DAILY = dt.timedelta(days=1)


class BackupError(DomainError):
    """A backup or restore could not be made; ``code`` says why."""


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """What a restore replaced, and with what."""

    restored_from: Path
    previous_saved_as: Path
    revision: str


class BackupService:
    """Consistent copies of a SQLite database, kept to the configured number."""

    def __init__(self, db: Database, *, default_dir: Path, clock: Clock = system_clock) -> None:
        self._db = db
        self._default_dir = default_dir
        self._clock = clock
        self._settings = SettingsService(db, clock=clock)

    def base_dir(self) -> Path:
        """The backups folder as configured (it may hold several databases' folders)."""
        configured = self._settings.get().backup_dir
        return Path(configured).expanduser() if configured else self._default_dir

    def backup_dir(self) -> Path:
        """This database's own backups folder (named, rotated and listed apart)."""
        base = self.base_dir()
        return database_backup_dir(base, self._db.path) if self._db.path else base

    def _kept(self) -> int:
        return self._settings.get().backups_kept or DEFAULT_BACKUPS_KEPT

    def backup_now(
        self,
        actor: Actor | None,
        *,
        reason: str = "manual",
        progress: Progress = no_progress,
        cancelled: CancelCheck = never_cancelled,
    ) -> Path:
        """Write a backup now (``actor`` None: the application itself, e.g. at start-up).

        ``progress`` gets pages copied; ``cancelled`` may stop the copy (nothing is kept or
        recorded then: ``Cancelled`` is raised).
        """
        if actor is not None:
            require(actor, Permission.BACKUP_DATABASE)
        if self._db.path is None:
            raise BackupError("backup_not_sqlite")
        folder = self.backup_dir()
        try:
            path = backup_database(
                self._db,
                self.base_dir(),
                reason=reason,
                progress=progress,
                cancelled=cancelled,
                moment=self._clock(),
            )
        except OSError as error:
            raise BackupError("backup_failed", detail=str(error)) from None
        rotate_backups(folder, self._kept())
        with self._db.write() as uow:
            uow.audit.append(
                at=self._clock(),
                user_id=actor.user_id if actor else None,
                entity="database",
                entity_id="backup",
                action=AuditAction.BACKUP.value,
                before=None,
                after={"file": path.name, "reason": reason},
            )
            uow.commit()
        return path

    def restore(
        self, actor: Actor, candidate: Path, *, progress: Progress = no_progress
    ) -> RestoreResult:
        """Replace this database by a checked copy of ``candidate`` (``restore_database``).

        This handle's connections are closed first (it reconnects when next used); the caller
        must have stopped everything else that uses it, and other PCs must be closed.
        """
        require(actor, Permission.RESTORE_DATABASE)
        if self._db.path is None:
            raise BackupError("backup_not_sqlite")
        folder = self.base_dir()
        self._db.dispose()
        return restore_database(
            self._db.path,
            candidate,
            folder,
            clock=self._clock,
            progress=progress,
            settings_dir=self._db.audit_keys.folder.parent,  # the same audit keys
            by=actor.username,
        )

    def ensure_daily(self) -> Path | None:
        """At start-up: a backup if the newest one is older than a day (or none exists)."""
        if self._db.path is None:
            return None
        age = newest_backup_age(self.backup_dir(), self._clock())
        if age is not None and age < DAILY:
            return None
        return self.backup_now(None, reason="daily")


def restore_database(
    db_file: Path,
    candidate: Path,
    backup_dir: Path,
    *,
    clock: Clock = system_clock,
    progress: Progress = no_progress,
    settings_dir: Path | None = None,
    by: str = "",
) -> RestoreResult:
    """Replace the database at ``db_file`` by a checked copy of ``candidate``, atomically.

    The candidate is copied beside the database, and the copy is checked (SQLite's integrity
    and foreign-key checks, a schema this version knows), migrated, checked again (every
    append-only trigger present, the audit chain intact) and given its audit entry; only
    then does it replace the database, in one rename, while SQLite's locking proves no other
    process has the database open (close the application on every PC first). The database
    being replaced is saved in ``backup_dir``. Any refusal leaves the database untouched.
    ``by`` names who restored, in the audit entry.
    """
    progress(0, 4, "")
    try:
        revision = check_backup_file(candidate)
    except BackupCheckError as error:
        raise BackupError(error.code, detail=error.detail) from None
    if revision not in migrate.known_revisions():
        raise BackupError("backup_schema_unknown", revision=revision)
    progress(1, 4, "")
    staging = stage_copy(candidate, db_file)
    saved = database_backup_dir(backup_dir, db_file) / backup_name(
        clock(), "pre-restore", database_label(db_file)
    )
    try:
        _prepare_staged(staging, candidate, saved, revision, clock, settings_dir, by)
        progress(2, 4, "")
        try:
            swap_in(db_file, staging, saved)
        except DatabaseInUse:
            raise BackupError("restore_in_use") from None
        progress(3, 4, "")
    finally:
        discard_staging(staging)
    progress(4, 4, "")
    return RestoreResult(candidate, saved, revision)


def _prepare_staged(
    staging: Path,
    candidate: Path,
    saved: Path,
    revision: str,
    clock: Clock,
    settings_dir: Path | None,
    by: str = "",
) -> None:
    """Migrate the staged copy and check what a healthy Hendazh database holds."""
    from hendazh_desktop.db.append_only import missing_triggers
    from hendazh_desktop.services.accounts.audit import AuditService

    staged = Database(str(staging), settings_dir=settings_dir)
    try:
        migrate.upgrade(staged, backup_dir=None)
        with staged.engine.connect() as conn:
            missing = missing_triggers(conn)
        if missing:
            raise BackupError("backup_triggers_missing", triggers=", ".join(sorted(missing)[:5]))
        checked = AuditService(staged).verify(None)
        if not checked.ok:
            raise BackupError(
                "backup_audit_broken", entry=checked.broken_entry or 0, reason=checked.reason
            )
        with staged.write() as uow:
            uow.audit.append(
                at=clock(),
                user_id=None,  # the restored users may not hold the one who restored: named
                entity="database",
                entity_id="restore",
                action=AuditAction.RESTORE.value,
                before={"file": saved.name},
                after={"file": candidate.name, "revision": revision} | ({"by": by} if by else {}),
            )
            uow.commit()
        staged.checkpoint()
    finally:
        staged.dispose()
