"""Online backups of a SQLite database with SQLite's backup API (never a file copy)."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import sqlite3
from pathlib import Path

from hendazh_desktop.db.storage import make_private_dir
from hendazh_desktop.domain.jalali import local_datetime, to_jalali
from hendazh_desktop.domain.progress import (
    CancelCheck,
    Progress,
    never_cancelled,
    no_progress,
    stop_if_cancelled,
)

BACKUP_SUFFIX = ".hendazh-backup.db"
PAGES_PER_STEP = 1024
"""Pages copied per step of the backup API (4 MB): progress and cancel come between steps."""


def backup_name(moment: dt.datetime, reason: str = "", label: str = "") -> str:
    """hendazh[-label]-1403-08-15-1405-22[-reason].hendazh-backup.db, by Jalali date and local
    time; ``label`` names the database (``database_label``)."""
    local = local_datetime(moment)
    y, m, d = to_jalali(local.date())
    stamp = f"{y:04d}-{m:02d}-{d:02d}-{local:%H%M-%S}"
    suffix = f"-{reason}" if reason else ""
    prefix = f"hendazh-{label}" if label else "hendazh"
    return f"{prefix}-{stamp}{suffix}{BACKUP_SUFFIX}"


def _database_uid(path: Path) -> str | None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT uid FROM database_identity WHERE id = 1").fetchone()
        return str(row[0]) if row else None
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def database_label(path: Path) -> str:
    """The name of a database's own backups folder: its file name and the start of its
    ``database_identity`` (or, before it has one, of a digest of its full path), so that two
    databases backed up into one folder never share names, a listing or a rotation."""
    uid = _database_uid(path) if path.exists() else None
    tag = uid[:8] if uid else hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:8]
    stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in path.stem)[:40] or "db"
    return f"{stem}-{tag}"


def database_backup_dir(backup_dir: Path, db_file: Path) -> Path:
    """Where the backups of ``db_file`` go inside the (possibly shared) ``backup_dir``."""
    return Path(backup_dir) / database_label(db_file)


def backup_sqlite_file(
    source: Path,
    destination: Path,
    *,
    progress: Progress = no_progress,
    cancelled: CancelCheck = never_cancelled,
) -> Path:
    """Copy a live database consistently into ``destination`` (readable by the user only).

    Nothing is left behind when it fails (a folder in the way, no room, no permission) or is
    cancelled: ``progress`` gets (pages copied, pages in all), and when ``cancelled`` says so
    between steps the partial copy is removed and ``Cancelled`` raised (the source is only read).
    """
    if destination.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(destination))
    make_private_dir(destination.parent)
    tmp = destination.with_name(destination.name + ".part")
    tmp.unlink(missing_ok=True)

    def step(_status: int, remaining: int, total: int) -> None:
        progress(total - remaining, total, "")
        stop_if_cancelled(cancelled)

    try:
        fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        os.close(fd)
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(str(tmp))
            try:
                src.backup(dst, pages=PAGES_PER_STEP, progress=step)
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(tmp, destination)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return destination


def backup_database(
    db: object,
    backup_dir: Path,
    *,
    reason: str = "",
    progress: Progress = no_progress,
    cancelled: CancelCheck = never_cancelled,
    moment: dt.datetime | None = None,
) -> Path:
    """Back up the database behind a ``Database`` handle into its own folder inside
    ``backup_dir`` (``database_backup_dir``)."""
    path = getattr(db, "path", None)
    if path is None:
        raise ValueError("only SQLite databases are backed up by file")
    source = Path(path)
    name = backup_name(moment or dt.datetime.now(dt.UTC), reason, database_label(source))
    return backup_sqlite_file(
        source,
        database_backup_dir(backup_dir, source) / name,
        progress=progress,
        cancelled=cancelled,
    )


class BackupCheckError(Exception):
    """A file offered for restore is not a healthy Hendazh database."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


def list_backups(backup_dir: Path) -> list[Path]:
    """Backups in a folder, newest first."""
    if not backup_dir.is_dir():
        return []
    files = [p for p in backup_dir.glob(f"*{BACKUP_SUFFIX}") if p.is_file()]
    return sorted(files, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def rotate_backups(backup_dir: Path, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest backups; returns what was deleted."""
    removed = list_backups(backup_dir)[max(keep, 1) :]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def newest_backup_age(backup_dir: Path, now: dt.datetime) -> dt.timedelta | None:
    backups = list_backups(backup_dir)
    if not backups:
        return None
    newest = dt.datetime.fromtimestamp(backups[0].stat().st_mtime, dt.UTC)
    return now - newest


def check_backup_file(path: Path) -> str:
    """Open a candidate read-only and check it: integrity, foreign keys, a schema revision.

    Returns the Alembic revision it holds.
    """
    if not path.is_file():
        raise BackupCheckError("backup_missing", str(path))
    with path.open("rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise BackupCheckError("backup_not_sqlite", str(path))
    conn = sqlite3.connect(_read_only_uri(path), uri=True)
    try:
        return _check_open_backup(conn)
    except sqlite3.DatabaseError as error:  # truncated, not a database, unreadable
        raise BackupCheckError("backup_corrupt", str(error)) from None
    finally:
        conn.close()


def _read_only_uri(path: Path) -> str:
    """Read-only, and leaving no -wal/-shm beside a file that has none (``immutable``)."""
    has_wal = Path(f"{path}-wal").exists()
    return f"file:{path}?mode=ro" + ("" if has_wal else "&immutable=1")


def _check_open_backup(conn: sqlite3.Connection) -> str:
    result = conn.execute("PRAGMA integrity_check").fetchall()
    if result != [("ok",)]:
        raise BackupCheckError("backup_corrupt", "; ".join(str(r[0]) for r in result[:5]))
    if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
        raise BackupCheckError("backup_foreign_keys")
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        raise BackupCheckError("backup_no_schema") from None
    if row is None:
        raise BackupCheckError("backup_no_schema")
    return str(row[0])


class DatabaseInUse(Exception):
    """Another process (an open app, on this PC or another) has the database open."""


def stage_copy(source: Path, target: Path) -> Path:
    """A private copy of ``source`` beside ``target`` (``<target>.restoring``), to be checked
    and migrated before it replaces ``target``."""
    staging = target.with_name(target.name + ".restoring")
    discard_staging(staging)
    return backup_sqlite_file(source, staging)


def discard_staging(staging: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{staging}{suffix}").unlink(missing_ok=True)


def swap_in(target: Path, staging: Path, saved: Path) -> None:
    """Replace ``target`` by the (checked, migrated, closed) ``staging`` file, refusing while
    any other connection to ``target`` is open; the current file is first saved to ``saved``.

    Leaving WAL mode needs the database to itself, so SQLite's own locking tells whether an
    app still has it open (``DatabaseInUse``). The exclusive lock is then held across the
    swap, so nothing can write to the old file after its copy was taken.
    """
    conn = sqlite3.connect(str(target), timeout=2, isolation_level=None)
    try:
        try:
            mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        except sqlite3.OperationalError as error:
            raise DatabaseInUse(str(error)) from None
        if str(mode).lower() != "delete":
            raise DatabaseInUse(f"journal mode stayed {mode}")
        backup_sqlite_file(target, saved)
        try:
            conn.execute("BEGIN EXCLUSIVE")
        except sqlite3.OperationalError as error:
            raise DatabaseInUse(str(error)) from None
        with sqlite3.connect(str(staging), isolation_level=None) as staged:
            staged.execute("PRAGMA journal_mode=DELETE")
        staged.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(staging, target)
        if os.name != "nt":
            os.chmod(target, 0o600)
        conn.execute("ROLLBACK")
    finally:
        conn.close()
