"""The one export of every list (Ctrl+E): the filtered rows of a table, all of them, to Excel or
CSV, read page by page on a worker thread with a progress dialog and «انصراف».

A lazy list (``WindowTableModel``) is read through its own source, so the file holds every row
under the list's filter and order, not only the rows fetched for the screen; its columns say
what each cell holds (``Column.value``: an amount as a number of rials). Any other table (a
short one held in the widget) is read as shown. A cell whose shown text is a plain number
becomes a number; everything else (dates, codes, phone numbers) stays text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QDir, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QMessageBox,
    QTableView,
    QWidget,
)

from hendazh_desktop.domain.text import to_ascii_digits
from hendazh_desktop.services.exports.lists import export_list, sequence_fetch
from hendazh_desktop.services.exports.records import ExportFormat, ExportResult
from hendazh_desktop.ui import fmt
from hendazh_desktop.ui.common.window_model import Column, WindowTableModel
from hendazh_desktop.ui.ops import Operation, Task, run_in_background

Cell = str | int | float | None
_WHOLE = re.compile(r"^-?(0|[1-9][0-9]*)$")
_FRACTION = re.compile(r"^-?(0|[1-9][0-9]*)\.[0-9]+$")
_SEPARATORS = str.maketrans({"٬": "", ",": "", "٫": ".", "\u200e": "", "\u200f": ""})
_NUMBER_STARTS = frozenset("-0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩ \u200e\u200f")
FILTERS = "کارپوشه اکسل (*.xlsx);;CSV (*.csv)"
FILTERS_XLSX = "کارپوشه اکسل (*.xlsx)"


def shown_cell(text: str) -> Cell:
    """What a shown cell is in a spreadsheet: a plain number (۱۲٬۳۴۵, ۴٫۵) as a number, anything
    else as its text (a leading zero, as in a phone number, keeps it text)."""
    if not text or text[0] not in _NUMBER_STARTS:
        return text  # names, labels, codes with letters: most cells, decided at once
    plain = to_ascii_digits(text.strip()).translate(_SEPARATORS)
    if _WHOLE.match(plain):
        return int(plain)
    if _FRACTION.match(plain):
        return float(plain)
    return text


def column_header(column: Column[Any]) -> str:
    return f"{column.header} ({column.unit})" if column.unit else column.header


def column_cell(column: Column[Any], row: Any) -> Cell:
    return cell_reader(column)(row)


def cell_reader(column: Column[Any]) -> Callable[[Any], Cell]:
    """How one column's cell is read for a file, decided once per column (an export reads
    about a million cells)."""
    value, render = column.value, column.render
    if value is None:
        return lambda row: shown_cell(render(row))

    def read(row: Any) -> Cell:
        got: Any = value(row)
        return got if got is None or type(got) in _PLAIN else str(got)

    return read


_PLAIN = frozenset({int, float, str, bool})


@dataclass(frozen=True)
class ListExport:
    """What an export of one table reads: its header, count, pages and cells (plain Python:
    it runs on the worker thread)."""

    headers: list[str]
    count: Callable[[], int]
    fetch: Callable[[int, int], Sequence[Any]]
    cells: Callable[[Any], Sequence[Cell]]
    stream: Callable[[int], Iterator[Sequence[Any]]] | None = None  # one query, when it can


def plan_for(model: QAbstractItemModel) -> ListExport:
    """How to read every row of ``model`` (taken on the GUI thread; read on the worker)."""
    if isinstance(model, WindowTableModel):
        columns, source = model.columns, model.source
        readers = [cell_reader(c) for c in columns]
        streams = getattr(source, "can_stream", False)
        return ListExport(
            headers=[column_header(c) for c in columns],
            count=source.count,
            fetch=source.fetch,
            cells=lambda row: [read(row) for read in readers],
            stream=getattr(source, "stream", None) if streams else None,
        )
    rows = [
        [model.index(r, c).data(Qt.ItemDataRole.DisplayRole) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    headers = [
        str(model.headerData(c, Qt.Orientation.Horizontal) or "")
        for c in range(model.columnCount())
    ]
    return ListExport(
        headers=headers,
        count=lambda: len(rows),
        fetch=sequence_fetch(rows),
        cells=lambda row: [shown_cell(str(v)) if v is not None else None for v in row],
    )


def tables_in(root: QWidget) -> list[QAbstractItemView]:
    """The lists of a view that can be exported, in the order they were made: its visible
    tables first, then any list over a lazy model (a grid of tiles, a table hidden by it)."""
    tables = [t for t in root.findChildren(QTableView) if t.isVisibleTo(root) and t.model()]
    lazy = [
        v
        for v in root.findChildren(QAbstractItemView)
        if isinstance(v.model(), WindowTableModel) and v not in tables
    ]
    return [*tables, *lazy]


def table_to_export(root: QWidget) -> QAbstractItemView | None:
    """The list with the focus when it is in ``root``, else the view's first one."""
    focus = QApplication.focusWidget()
    while focus is not None and not isinstance(focus, QTableView | QAbstractItemView):
        focus = focus.parentWidget()
    if focus is not None and root.isAncestorOf(focus) and focus in tables_in(root):
        return focus
    found = tables_in(root)
    return found[0] if found else None


def safe_file_name(title: str) -> str:
    return re.sub(r'[\\/:*?"<>|]+', " ", title).strip() or "export"


def ask_export_path(parent: QWidget | None, title: str) -> Path | None:
    """The file to write, asked with the save dialog (None: the user gave up)."""
    suggested = str(Path(QDir.homePath()) / f"{safe_file_name(title)}.xlsx")
    path, chosen = QFileDialog.getSaveFileName(parent, "خروجی فهرست", suggested, FILTERS)
    if not path:
        return None
    target = Path(path)
    if target.suffix.casefold() not in (".xlsx", ".csv"):
        target = target.with_suffix(".csv" if "csv" in chosen.casefold() else ".xlsx")
    return target


def export_table(
    parent: QWidget,
    table: QAbstractItemView,
    title: str,
    *,
    path: Path | None = None,
    on_done: Callable[[str], None] | None = None,
) -> Operation[ExportResult] | None:
    """Write every row of ``table`` (asking where, unless ``path`` is given) on a worker."""
    model = table.model()
    if model is None:
        return None
    target = path or ask_export_path(parent, title)
    if target is None:
        return None
    plan = plan_for(model)

    def work(task: Task) -> ExportResult:
        return export_list(
            target,
            title=title,
            headers=plan.headers,
            count=plan.count,
            fetch=plan.fetch,
            cells=plan.cells,
            stream=plan.stream,
            progress=task.progress,
            cancelled=task.cancelled,
        )

    say = on_done or (lambda _text: None)
    return run_in_background(
        parent,
        work,
        label=f"در حال نوشتن «{title}»…",
        cancellable=True,
        on_success=lambda r: say(f"{fmt.count(r.rows)} ردیف در {r.path.name} نوشته شد."),
        on_cancelled=lambda: say("خروجی فهرست لغو شد؛ پرونده‌ای نوشته نشد."),
    )


def ask_database_target(parent: QWidget | None) -> tuple[Path, ExportFormat] | None:
    """Where the whole database goes: one workbook, or a new folder of CSV files."""
    box = QMessageBox(parent)
    box.setWindowTitle("خروجی کل پایگاه داده")
    box.setText("همه جدول‌های پایگاه داده در یک کارپوشه اکسل یا در پوشه‌ای از پرونده‌های CSV؟")
    book = box.addButton("کارپوشه اکسل…", QMessageBox.ButtonRole.AcceptRole)
    folder = box.addButton("پوشه CSV…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("انصراف", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
    home = Path(QDir.homePath())
    if box.clickedButton() is book:
        path, _ = QFileDialog.getSaveFileName(
            parent, "خروجی کل پایگاه داده", str(home / f"hendazh-{stamp}.xlsx"), FILTERS_XLSX
        )
        return (Path(path).with_suffix(".xlsx"), ExportFormat.XLSX) if path else None
    if box.clickedButton() is folder:
        where = QFileDialog.getExistingDirectory(parent, "پوشه‌ای برای پرونده‌های CSV", str(home))
        return (Path(where) / f"hendazh-{stamp}", ExportFormat.CSV) if where else None
    return None
