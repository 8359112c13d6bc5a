"""The error funnel: every UI-triggered service call goes through ``run_op``.

Expected failures (domain errors) become a Persian message, shown at a field by the caller's
handler or in a message box; anything unexpected propagates to the crash handler.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from hendazh_desktop.domain.errors import DomainError
from hendazh_desktop.ui.messages import error_message

T = TypeVar("T")
log = logging.getLogger(__name__)


def run_op(
    parent: QWidget | None,
    call: Callable[[], T],
    *,
    on_error: Callable[[DomainError], bool] | None = None,
) -> T | None:
    """Run a service call; on a domain error let ``on_error`` show it inline (return True),
    else show it in a message box. Returns None when the call failed."""
    try:
        return call()
    except DomainError as error:
        log.info("refused: %s %s", type(error).__name__, error)
        if on_error is not None and on_error(error):
            return None
        QMessageBox.warning(parent, "هنداژ", error_message(error))
        return None


def run_action(
    parent: QWidget | None,
    call: Callable[[], object],
    *,
    on_error: Callable[[DomainError], bool] | None = None,
) -> bool:
    """Like ``run_op`` for calls that return nothing: True when the call succeeded."""
    return run_op(parent, lambda: (call(), True)[1], on_error=on_error) is not None
