"""Database conditions the services react to, without depending on SQLAlchemy's exceptions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError, OperationalError

from hendazh_desktop.domain.errors import DomainError


class DuplicateOperation(Exception):
    """Another transaction already recorded this operation id (a replayed submission)."""


class DatabaseBusy(DomainError):
    """Another PC held the write lock for longer than the wait: nothing was saved; try again."""


class AccountChanged(DomainError):
    """The acting account was deactivated or given another role since it signed in: the
    write is refused (``account_inactive``, ``role_changed``); the user signs in again."""


def is_lock_error(error: BaseException) -> bool:
    """SQLite's "database is locked"/"busy" (the busy timeout ran out)."""
    if not isinstance(error, OperationalError):
        return False
    text = str(error.orig).lower()
    return "database is locked" in text or "database is busy" in text


@contextmanager
def operation_ids_checked() -> Iterator[None]:
    """Turn a unique violation on an ``operation_id`` column into ``DuplicateOperation``."""
    try:
        yield
    except IntegrityError as error:
        if "operation_id" in str(error.orig):
            raise DuplicateOperation(str(error.orig)) from error
        raise
