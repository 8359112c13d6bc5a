"""A report table as a Qt model: values formatted once when the report arrives (never in
``data()``), money and counts right-aligned, the totals row in bold."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from hendazh_desktop.services.reports.formatting import NUMERIC, shown
from hendazh_desktop.services.reports.records import ReportTable

Index = QModelIndex | QPersistentModelIndex


class ReportTableModel(QAbstractTableModel):
    """One table of a computed report, its totals as the last row."""

    def __init__(self, table: ReportTable) -> None:
        super().__init__()
        self.table = table
        kinds = [c.kind for c in table.columns]
        rows = [tuple(shown(v, k) for v, k in zip(r, kinds, strict=True)) for r in table.rows]
        if table.totals is not None:
            rows.append(tuple(shown(v, k) for v, k in zip(table.totals, kinds, strict=True)))
        self._rows = rows
        self._numeric = [k in NUMERIC for k in kinds]
        self._bold = QFont()
        self._bold.setBold(True)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.table.columns)

    def has_totals(self) -> bool:
        return self.table.totals is not None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            side = Qt.AlignmentFlag.AlignLeft if self._numeric[index.column()] else (
                Qt.AlignmentFlag.AlignRight)  # fmt: skip
            return side | Qt.AlignmentFlag.AlignVCenter
        if (
            role == Qt.ItemDataRole.FontRole
            and self.has_totals()
            and index.row() == len(self._rows) - 1
        ):
            return self._bold
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.table.columns[section].title
        return None
