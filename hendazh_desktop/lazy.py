"""Services built on first use: their modules (and what those import: PIL, ReportLab, the
phone-number tables…) load when a view first calls them, not before the first view is filled."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from typing import Any


class Lazy:
    """Stands in for the object ``make()`` returns, making it on the first attribute read."""

    __slots__ = ("_lock", "_made", "_make")

    def __init__(self, make: Callable[[], Any]) -> None:
        object.__setattr__(self, "_make", make)
        object.__setattr__(self, "_made", None)
        object.__setattr__(self, "_lock", threading.Lock())

    def _target(self) -> Any:
        made = object.__getattribute__(self, "_made")
        if made is None:
            with object.__getattribute__(self, "_lock"):  # a worker and the GUI thread
                made = object.__getattribute__(self, "_made")
                if made is None:
                    made = object.__getattribute__(self, "_make")()
                    object.__setattr__(self, "_made", made)
        return made

    def __getattr__(self, name: str) -> Any:
        return getattr(self._target(), name)

    # Writes go to the made object too, so ``monkeypatch.setattr(context.billing, …)`` (and
    # its undo) patch the service itself, as they did before it was made lazily.
    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._target(), name, value)

    def __delattr__(self, name: str) -> None:
        delattr(self._target(), name)

    def __repr__(self) -> str:
        return f"Lazy({self._target()!r})"


def lazy(module: str, name: str, *args: Any, **kwargs: Any) -> Any:
    """``module.name(*args, **kwargs)``, imported and called on first use."""
    return Lazy(lambda: getattr(importlib.import_module(module), name)(*args, **kwargs))
