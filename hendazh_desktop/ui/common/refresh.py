"""Views that re-read their data when it changed elsewhere: at once if shown, else when next
shown (a hidden tab never queries the database for nothing)."""

from __future__ import annotations

from typing import Any


class RefreshWhenShown:
    """Mixed into a QWidget view (before QWidget) that has ``refresh()``."""

    _stale = False

    def mark_stale(self) -> None:
        if self.isVisible():  # type: ignore[attr-defined]
            self.refresh()  # type: ignore[attr-defined]
        else:
            self._stale = True

    def before_shown_refresh(self) -> None:
        """What a view reloads besides its list when it is shown stale (choices, …)."""

    def showEvent(self, event: Any) -> None:
        if self._stale:
            self.before_shown_refresh()
            self.refresh()  # type: ignore[attr-defined]
        super().showEvent(event)  # type: ignore[misc]
