"""The one way list tables are set up: whole-row single selection, read-only, uniform rows."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

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
    return table
