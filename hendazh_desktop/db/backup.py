"""Online backups of a SQLite database with SQLite's backup API (never a file copy)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from hendazh_desktop.domain.jalali import local_datetime, to_jalali

BACKUP_SUFFIX = ".hendazh-backup.db"


def backup_name(moment: dt.datetime, reason: str = "") -> str:
    """hendazh-1403-08-15-1405-22[-reason].hendazh-backup.db, by Jalali date and local time."""
    local = local_datetime(moment)
    y, m, d = to_jalali(local.date())
    stamp = f"{y:04d}-{m:02d}-{d:02d}-{local:%H%M-%S}"
    suffix = f"-{reason}" if reason else ""
    return f"hendazh-{stamp}{suffix}{BACKUP_SUFFIX}"


def backup_sqlite_file(source: Path, destination: Path) -> Path:
    """Copy a live database consistently into ``destination`` (readable by the user only)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    tmp = destination.with_name(destination.name + ".part")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(str(source))
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        os.close(fd)
        dst = sqlite3.connect(str(tmp))
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    os.replace(tmp, destination)
    return destination


def backup_database(db: object, backup_dir: Path, *, reason: str = "") -> Path:
    """Back up the database behind a ``Database`` handle into ``backup_dir``."""
    path = getattr(db, "path", None)
    if path is None:
        raise ValueError("only SQLite databases are backed up by file")
    name = backup_name(dt.datetime.now(dt.UTC), reason)
    return backup_sqlite_file(Path(path), Path(backup_dir) / name)
