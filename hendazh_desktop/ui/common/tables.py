"""The one way list tables are set up: whole-row single selection, read-only, uniform rows."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hendazh_desktop.ui.common.column_widths import fit_and_remember

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
    fit_and_remember(table)
    return table


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
