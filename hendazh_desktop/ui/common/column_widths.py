"""Column widths of list tables: wide enough for their headers, and remembered per table.

The store is given its ``QSettings`` once, by the composition root (app.py); until then (in
tests that do not ask for it) widths are fitted but not remembered.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

_HORIZONTAL = Qt.Orientation.Horizontal
_store: list[QSettings] = []  # at most one: the application's settings


def remember_widths_in(settings: QSettings | None) -> None:
    """Where column widths are kept (None: nowhere)."""
    _store.clear()
    if settings is not None:
        _store.append(settings)


def _key(table: QTableView) -> str:
    model = table.model()
    headers = "|".join(str(model.headerData(c, _HORIZONTAL)) for c in range(model.columnCount()))
    return "columns/" + hashlib.sha1(headers.encode()).hexdigest()[:16]


class _Keeper(QObject):
    """On the table's first showing (callers set their default widths after building it):
    fit the headers and restore the saved widths; then write them shortly after the user
    stops dragging a column edge."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self._table = table
        self._key = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.save)
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and watched is self._table and not self._key:
            self.fit()
            self._table.removeEventFilter(self)  # once: no Python call on every later event
        return False

    def fit(self) -> None:
        table = self._table
        header = table.horizontalHeader()
        self._key = _key(table)
        for column in range(header.count()):
            needed = header.sectionSizeHint(column)
            if header.sectionSize(column) < needed:
                header.resizeSection(column, needed)
        if _store and header.sectionResizeMode(0) != QHeaderView.ResizeMode.Stretch:
            saved = str(_store[0].value(self._key, "") or "")
            widths = [int(w) for w in saved.split(",") if w.isdigit()]
            if len(widths) == header.count():
                for column, width in enumerate(widths):
                    header.resizeSection(column, max(width, header.sectionSizeHint(column)))
        header.sectionResized.connect(lambda *_a: self._timer.start())

    def save(self) -> None:
        if _store:
            header = self._table.horizontalHeader()
            widths = [header.sectionSize(c) for c in range(header.count())]
            _store[0].setValue(self._key, ",".join(str(w) for w in widths))


def fit_and_remember(table: QTableView) -> None:
    """When the table is first shown, give every column at least its header's width (no
    header is cut at the default size), then the widths the user left it with last time;
    keep them as they change."""
    table._column_keeper = _Keeper(table)  # type: ignore[attr-defined]
