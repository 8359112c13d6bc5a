"""Database conditions the services react to, without depending on SQLAlchemy's exceptions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError


class DuplicateOperation(Exception):
    """Another transaction already recorded this operation id (a replayed submission)."""


@contextmanager
def operation_ids_checked() -> Iterator[None]:
    """Turn a unique violation on an ``operation_id`` column into ``DuplicateOperation``."""
    try:
        yield
    except IntegrityError as error:
        if "operation_id" in str(error.orig):
            raise DuplicateOperation(str(error.orig)) from error
        raise
