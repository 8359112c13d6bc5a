"""The one way list tables are set up: whole-row single selection, read-only, uniform rows."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.ui.common.column_widths import fit_and_remember
from hendazh_desktop.ui.common.window_model import natural_key

ROW_HEIGHT = 26


def list_table(model: QAbstractItemModel, *, stretch_all: bool = False) -> QTableView:
    """A read-only table over ``model``. Rows have one fixed height, so a view over a million
    rows never measures them; columns keep their widths unless ``stretch_all``."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    rows = table.verticalHeader()
    rows.setVisible(False)
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(ROW_HEIGHT)
    columns = table.horizontalHeader()
    if stretch_all:
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    else:
        columns.setStretchLastSection(True)
    # a click on a header sorts by that column (in the database for the long lists); the
    # list opens in its own order until then, and a third click goes back to it
    columns.setSortIndicatorClearable(True)
    columns.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    refused = getattr(model, "sort_refused", None)
    if refused is not None:
        refused.connect(lambda reason: _keep_order(table, reason))
    fit_and_remember(table)
    return table


def _keep_order(table: QTableView, reason: str) -> None:
    """A header click the list cannot serve: the indicator goes back to the order shown and
    the reason shows under the header (and stays in the header's tooltip)."""
    header = table.horizontalHeader()
    column, order = getattr(table.model(), "sorted_by", (-1, Qt.SortOrder.AscendingOrder))
    clicked = header.sortIndicatorSection()
    header.blockSignals(True)
    header.setSortIndicator(column, order)
    header.blockSignals(False)
    table.last_sort_refusal = reason  # type: ignore[attr-defined]
    x = header.sectionViewportPosition(clicked) + header.sectionSize(clicked) // 2
    QToolTip.showText(header.mapToGlobal(QPoint(x, header.height())), reason, header)


class SortableItem(QTableWidgetItem):
    """A cell of a small table that sorts as people read it: numbers of any script by value,
    words in Persian alphabetical order."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        return natural_key(self.text()) < natural_key(other.text())


def sortable(table: QTableWidget) -> QTableWidget:
    """A small table whose header clicks sort it (it opens in the order it was filled)."""
    header = table.horizontalHeader()
    header.setSortIndicatorClearable(True)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    return table


def fill_sortable(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    """Put rows of text in a ``sortable`` table, keeping the order the user chose."""
    table.setSortingEnabled(False)  # or each new cell moves its row while the rest is set
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, SortableItem(text))
    table.setSortingEnabled(True)


def list_over_details(
    table: QTableView,
    title: str,
    details: QWidget,
    buttons: Sequence[QPushButton],
    *,
    stretch: tuple[int, int],
    sizes: tuple[int, int],
) -> QSplitter:
    """The list above the selected row's details and the row's action buttons; ``sizes``
    are scaled to the real height, and the user may drag the divider."""
    box = QGroupBox(title)
    actions = QHBoxLayout()
    for button in buttons:
        actions.addWidget(button)
    actions.addStretch(1)
    layout = QVBoxLayout(box)
    layout.addWidget(details, 1)
    layout.addLayout(actions)
    splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(table)
    splitter.addWidget(box)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    splitter.setSizes(list(sizes))
    return splitter
