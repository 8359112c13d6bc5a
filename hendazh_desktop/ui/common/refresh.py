"""Views that re-read their data when it changed elsewhere: at once if shown, else when next
shown (a hidden tab never queries the database for nothing)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hendazh_desktop.ui.changes import Change, DataChanges, concerns


class RefreshWhenShown:
    """Mixed into a QWidget view (before QWidget) that has ``refresh()``."""

    _stale = False
    _changes: DataChanges | None = None
    _kinds: tuple[Change, ...] = ()

    def watch(self, changes: DataChanges, kinds: Iterable[Change]) -> None:
        """Re-read after local changes of these kinds (announced on ``changes``)."""
        self._changes, self._kinds = changes, tuple(kinds)
        changes.data_changed.connect(self._on_data_changed)

    def _on_data_changed(self, kind: str) -> None:
        if self._changes is not None and self._changes.source() is self:
            return  # this view made the change and has re-read itself
        if concerns(kind, self._kinds):
            self.mark_stale()

    def stale(self) -> bool:
        """Whether the view will re-read when it is next shown."""
        return self._stale

    def mark_stale(self) -> None:
        if self.isVisible():  # type: ignore[attr-defined]
            self._stale = False
            self.before_shown_refresh()
            self.refresh()  # type: ignore[attr-defined]
        else:
            self._stale = True

    def before_shown_refresh(self) -> None:
        """What a view reloads besides its list when it is shown stale (choices, …)."""

    def showEvent(self, event: Any) -> None:
        if self._stale:
            self._stale = False
            self.before_shown_refresh()
            self.refresh()  # type: ignore[attr-defined]
        super().showEvent(event)  # type: ignore[misc]
