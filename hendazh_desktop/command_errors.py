"""What the ``hendazh`` command prints when it cannot do a chore: one Persian sentence (with
the English gist), never a traceback; anything unforeseen goes to the log with its details."""

from __future__ import annotations

import logging
import sqlite3
import traceback
from pathlib import Path

from hendazh_desktop.domain.errors import DomainError
from hendazh_desktop.domain.masking import mask_passwords

log = logging.getLogger("hendazh.cli")


class CommandError(Exception):
    """A chore that cannot be done: a Persian sentence and its English gist."""

    def __init__(self, persian: str, english: str = "") -> None:
        super().__init__(persian)
        self.persian = persian
        self.english = english

    def __str__(self) -> str:
        return f"{self.persian} ({self.english})" if self.english else self.persian


def _name(error: OSError) -> str:
    return str(error.filename) if error.filename is not None else ""


def _os_error(error: OSError) -> CommandError:
    name = _name(error)
    if isinstance(error, IsADirectoryError):
        return CommandError(f"«{name}» یک پوشه است، نه پرونده.", f"{name} is a folder")
    if isinstance(error, FileNotFoundError):
        return CommandError(f"«{name}» پیدا نشد.", f"{name} not found")
    if isinstance(error, NotADirectoryError):
        return CommandError(f"مسیر «{name}» درست نیست.", f"{name}: not a folder on the way")
    if isinstance(error, PermissionError):
        return CommandError(f"اجازه دسترسی به «{name}» نیست.", f"{name}: permission denied")
    reason = error.strerror or type(error).__name__
    return CommandError(f"خواندن یا نوشتن «{name}» ممکن نشد.", f"{name}: {reason}")


def _database_error(error: Exception) -> CommandError | None:
    """SQLAlchemy's errors, recognised by name so that this module stays light to import."""
    kind = type(error).__name__
    if not type(error).__module__.startswith("sqlalchemy"):
        return None
    if kind in {"OperationalError", "InterfaceError"}:
        return CommandError(
            "به پایگاه داده وصل نشد: کارساز در دسترس نیست یا پرونده باز نمی‌شود.",
            "cannot reach the database",
        )
    if kind in {"ArgumentError", "NoSuchModuleError"}:
        return CommandError(
            "نشانی پایگاه داده نامعتبر است (پرونده SQLite یا نشانی postgresql://).",
            "not a database path or URL",
        )
    if kind == "IntegrityError":
        return CommandError("داده‌ها با هم نمی‌خوانند؛ چیزی ذخیره نشد.", "integrity error")
    return CommandError("پایگاه داده خطا داد؛ چیزی ذخیره نشد.", f"database error ({kind})")


def describe(error: BaseException) -> tuple[CommandError, bool]:
    """(the sentence for ``error``, whether it was foreseen)."""
    from hendazh_desktop.ui.messages import error_message

    if isinstance(error, CommandError):
        return error, True
    if isinstance(error, DomainError):
        detail = " ".join(f"{k}={v}" for k, v in error.params.items())
        return CommandError(error_message(error), f"{error.code} {detail}".strip()), True
    if isinstance(error, OSError):
        return _os_error(error), True
    if isinstance(error, RecursionError):
        return CommandError("ساختار پرونده بیش از حد تودرتو است.", "nested too deeply"), True
    if isinstance(error, sqlite3.DatabaseError):
        return CommandError(
            "پرونده پایگاه داده آسیب دیده است یا پایگاه داده نیست.", "not a healthy database"
        ), True
    database = _database_error(error) if isinstance(error, Exception) else None
    if database is not None:
        return database, True
    if isinstance(error, KeyboardInterrupt):
        return CommandError("کار نیمه‌تمام لغو شد.", "interrupted"), True
    return CommandError(
        "خطای پیش‌بینی‌نشده‌ای رخ داد؛ چیزی ذخیره نشد و جزئیات در پرونده گزارش آمده است.",
        f"unexpected {type(error).__name__}",
    ), False


def report(error: BaseException, log_file: Path | None) -> str:
    """The line to print for ``error``; an unforeseen one is logged with its traceback."""
    sentence, foreseen = describe(error)
    text = mask_passwords(str(sentence))
    if not foreseen and log_file is not None:
        try:
            from hendazh_desktop.logs import configure_logging

            configure_logging(log_file)
            detail = "".join(traceback.format_exception(error))
            log.error("command failed:\n%s", detail)
            text += f"\n  → {log_file}"
        except OSError:
            pass
    return text
