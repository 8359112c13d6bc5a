"""What changed on this PC: one ``data_changed(kind)`` signal that every view listens to.

A view or dialog that wrote something announces its kind; the views that show that kind
re-read their data (at once if shown, else when next shown). Changes made on other PCs arrive
through the database's version polling instead (see ``MainWindow``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal


class Change(enum.StrEnum):
    """A kind of data a local action changed."""

    SUBSCRIBERS = "subscribers"
    REQUESTS = "requests"
    DISPATCH = "dispatch"  # assignments, job sheets, prices on site, work groups
    BILLING = "billing"
    CATALOGUE = "catalogue"
    SETTINGS = "settings"
    USERS = "users"
    QUALITY = "quality"  # feedback, quality calls, complaints, ideas
    WAGES = "wages"  # wage terms, advances, reimbursements, payout batches
    GIFTS = "gifts"  # the gift catalogue, its stock and redemption orders
    ALL = "all"  # e.g. another PC's changes, a restored database


class DataChanges(QObject):
    """The window's one change signal; lives in the ``UiContext``."""

    data_changed = Signal(str)
    """Data of this kind (a ``Change`` value) was changed on this PC."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sources: list[object] = []

    def announce(self, *kinds: Change, source: object | None = None) -> None:
        """Tell every view; ``source`` (the view that made the change and has already
        re-read itself) is skipped."""
        self._sources.append(source)
        try:
            for kind in kinds:
                self.data_changed.emit(kind.value)
        finally:
            self._sources.pop()

    def source(self) -> object | None:
        """The object announcing the change being delivered now (None outside a delivery)."""
        return self._sources[-1] if self._sources else None


def concerns(kind: str, kinds: Iterable[Change]) -> bool:
    """Whether a view that shows ``kinds`` must re-read after a change of ``kind``."""
    return kind == Change.ALL.value or kind in {k.value for k in kinds}
