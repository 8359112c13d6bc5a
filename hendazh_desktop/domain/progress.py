"""Progress and cancellation for long work, as plain callables (no Qt): the UI passes its own.

A long service call takes ``progress`` (called as ``progress(done, total, message)``; total 0
when unknown) and, where stopping half-way is harmless, ``cancelled`` (asked between batches,
never inside a transaction that writes money). Called without them, the service runs as before.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int, str], None]
"""``progress(done, total, message)``: how far the work is; ``message`` is Persian or ""."""

CancelCheck = Callable[[], bool]
"""``cancelled()``: True once the user asked to stop."""


class Cancelled(Exception):
    """The user stopped the work before it wrote anything; nothing was changed."""


def no_progress(done: int, total: int, message: str) -> None:
    """The default ``progress``: nobody is watching."""


def never_cancelled() -> bool:
    """The default ``cancelled``: the work always runs to its end."""
    return False


def stop_if_cancelled(cancelled: CancelCheck) -> None:
    """Raise ``Cancelled`` when the user asked to stop (call it between batches)."""
    if cancelled():
        raise Cancelled
