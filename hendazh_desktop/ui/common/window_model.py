"""A lazy table model: holds a row count and fetches blocks of rows on demand (LRU cache).

Rows are formatted once per fetched block, so ``data()`` is a tuple look-up: Qt calls it
several times per visible cell on every paint.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView

from hendazh_desktop.domain.text import collation_key
from hendazh_desktop.ui import fmt

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
AnyIndex = QModelIndex | QPersistentModelIndex

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
# Numbers read left-to-right and line up on their ends: pinned right whatever the direction.
NUMERIC = (
    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
)

RIAL = "ریال"
"""The unit of an amount column's export (amounts are exported in rials whatever is shown)."""

WARNING_BRUSH = QBrush(QColor("#b3261e"))


class RowSource(Protocol[T_co]):
    """Where a model's rows come from: a count and pages."""

    def count(self) -> int: ...

    def fetch(self, offset: int, limit: int) -> Sequence[T_co]: ...


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its header and how a row is shown in it."""

    header: str
    render: Callable[[T], str]
    align: Qt.AlignmentFlag = LEFT  # "leading" side: the right in a right-to-left window
    sort: str = ""  # the key a database-backed source orders by ("": not orderable there)
    value: Callable[[T], object] | None = None  # what an export writes (None: what is shown)
    unit: str = ""  # the export header's unit, e.g. «ریال» for an amount exported in rials
    narrow: bool = False  # that order is offered only once a filter leaves NARROW_ROWS rows


# An order the database cannot serve from an index (a join to a million subscribers, a sort of
# every filtered row) costs about 100-150 ms a page at 10,000 rows on the 1M database, 300-700
# ms at 30,000-50,000: such a column sorts the list once a filter has narrowed it to this many.
NARROW_ROWS = 10_000


def narrow_hint(header: str) -> str:
    """What a column that sorts only narrowed lists tells the user."""
    return (
        f"مرتب‌سازی با «{header}» وقتی ممکن است که فهرست با فیلتر یا جست‌وجو به "
        f"{fmt.count(NARROW_ROWS)} ردیف یا کمتر رسیده باشد."
    )


def unsortable_hint(header: str) -> str:
    """What a column of a long list that never sorts tells the user."""
    return f"این فهرست با «{header}» مرتب نمی‌شود."


class OrderedSource(Protocol[T_co]):
    """A source that can give its rows in another order (an ORDER BY in the database)."""

    def count(self) -> int: ...

    def fetch(self, offset: int, limit: int) -> Sequence[T_co]: ...

    def ordered(self, key: str, descending: bool) -> OrderedSource[T_co]:
        """The same rows ordered by ``key`` ("": the list's own order)."""
        ...


_GROUPED_DIGITS = re.compile(r"(?<=\d)[٬,](?=\d)")


def natural_key(text: str) -> tuple[tuple[int, object], ...]:
    """A sort key that orders ۹ before ۱۰ and ۹۹۹ before ۱٬۰۰۰ (digits of any script
    compared as numbers) and words in Persian alphabetical order."""
    parts = re.split(r"(\d+)", _GROUPED_DIGITS.sub("", text))
    return tuple((0, int(p)) if p.isdigit() else (1, collation_key(p)) for p in parts if p)


class ListSource(Generic[T]):
    """A source over rows already in memory (short lists such as search results)."""

    def __init__(self, rows: Sequence[T]) -> None:
        self._rows = list(rows)
        self._original = self._rows

    def sorted_by(self, render: Callable[[T], str] | None, descending: bool) -> ListSource[T]:
        """The same rows ordered by what a column shows (None: as given)."""
        source = ListSource(self._original)
        if render is not None:
            source._rows = sorted(
                self._original, key=lambda r: natural_key(render(r)), reverse=descending
            )
        source._original = self._original
        return source

    def count(self) -> int:
        return len(self._rows)

    def fetch(self, offset: int, limit: int) -> Sequence[T]:
        return self._rows[offset : offset + limit]


class WindowTableModel(QAbstractTableModel, Generic[T]):
    """A read-only table over a ``RowSource``, keeping only recently seen blocks of rows."""

    BLOCK_SIZE = 256
    MAX_BLOCKS = 32

    sort_refused = Signal(str)
    """A header click that the list cannot serve now; the Persian reason."""

    def __init__(
        self,
        columns: Sequence[Column[T]],
        *,
        warn: Callable[[T], bool] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._warn = warn
        self._source: RowSource[T] = ListSource([])
        self._count = 0
        self._blocks: OrderedDict[int, list[tuple[T, tuple[str, ...], bool]]] = OrderedDict()
        self.sorted_by: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self.fetches = 0  # how many blocks were read: tests and benchmarks watch it

    @property
    def columns(self) -> list[Column[T]]:
        """The columns shown (an export writes the same ones)."""
        return list(self._columns)

    @property
    def source(self) -> RowSource[T]:
        """Where the rows shown now come from (the current filter and order)."""
        return self._source

    # --- loading --------------------------------------------------------------------------
    def set_source(self, source: RowSource[T]) -> None:
        """Show another set of rows (a new filter or search), in the order the user chose by
        a header (or, if the new rows are too many for that order, in their own order and
        ``sort_refused`` says why)."""
        column, order = self.sorted_by
        if column < 0:
            self._show(source)
            return
        spec = self._columns[column]
        descending = order == Qt.SortOrder.DescendingOrder
        count = source.count()  # once: whether the column may sort this many rows
        ordered: Any = source
        if isinstance(source, ListSource):
            self._show(source.sorted_by(spec.render, descending), count)
        elif hasattr(ordered, "ordered") and spec.sort and (
            not spec.narrow or count <= NARROW_ROWS
        ):
            self._show(ordered.ordered(spec.sort, descending), count)
        else:
            self.sorted_by = (-1, Qt.SortOrder.AscendingOrder)
            self._show(source, count)
            self.sort_refused.emit(
                narrow_hint(spec.header) if spec.sort else unsortable_hint(spec.header)
            )

    def _show(self, source: RowSource[T], count: int | None = None) -> None:
        self.beginResetModel()
        self._source = source
        self._count = source.count() if count is None else count
        self._blocks.clear()
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read the count and drop cached rows (after a change)."""
        self._show(self._source)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header was clicked: long lists are ordered by the database (an indexed ORDER BY
        with the same paging), lists in memory by what the column shows; column -1 (the
        indicator cleared) gives the list's own order back."""
        descending = order == Qt.SortOrder.DescendingOrder
        spec = self._columns[column] if 0 <= column < len(self._columns) else None
        source: Any = self._source
        if spec is not None and not self.sortable(column):
            self.sort_refused.emit(self.sort_hint(column))
            return
        if hasattr(source, "ordered"):
            self._show(source.ordered(spec.sort if spec else "", descending))
        elif isinstance(source, ListSource):
            self._show(source.sorted_by(spec.render if spec else None, descending))
        self.sorted_by = (column if spec else -1, order)

    def sortable(self, column: int) -> bool:
        """Whether a click on this column's header orders the list now."""
        if hasattr(self._source, "ordered"):
            if not 0 <= column < len(self._columns) or not self._columns[column].sort:
                return False
            return not self._columns[column].narrow or self._count <= NARROW_ROWS
        return isinstance(self._source, ListSource)  # a paged source that cannot order: no

    def sort_hint(self, column: int) -> str:
        """Why a column does not sort this list now ("" when it does)."""
        if self.sortable(column) or not 0 <= column < len(self._columns):
            return ""
        spec = self._columns[column]
        return narrow_hint(spec.header) if spec.sort else unsortable_hint(spec.header)

    def _block(self, number: int) -> list[tuple[T, tuple[str, ...], bool]]:
        block = self._blocks.get(number)
        if block is not None:
            self._blocks.move_to_end(number)
            return block
        rows = self._source.fetch(number * self.BLOCK_SIZE, self.BLOCK_SIZE)
        self.fetches += 1
        block = [
            (row, tuple(c.render(row) for c in self._columns), bool(self._warn and self._warn(row)))
            for row in rows
        ]
        self._blocks[number] = block
        while len(self._blocks) > self.MAX_BLOCKS:
            self._blocks.popitem(last=False)
        return block

    def _entry(self, row: int) -> tuple[T, tuple[str, ...], bool] | None:
        if not 0 <= row < self._count:
            return None
        block = self._block(row // self.BLOCK_SIZE)
        offset = row % self.BLOCK_SIZE
        return block[offset] if offset < len(block) else None

    def row_item(self, row: int) -> T | None:
        """The DTO shown on a row."""
        entry = self._entry(row)
        return entry[0] if entry else None

    def find_row(self, predicate: Callable[[T], bool], *, scan_blocks: int = 4) -> int:
        """The first row matching, or -1: cached blocks first, then up to ``scan_blocks``
        blocks from the top (used to keep or restore a selection after a refresh)."""
        for number, block in list(self._blocks.items()):
            for offset, (item, _cells, _warn) in enumerate(block):
                if predicate(item):
                    return number * self.BLOCK_SIZE + offset
        for number in range(min(scan_blocks, -(-self._count // self.BLOCK_SIZE))):
            for offset, (item, _cells, _warn) in enumerate(self._block(number)):
                if predicate(item):
                    return number * self.BLOCK_SIZE + offset
        return -1

    # --- Qt model interface ---------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entry(index.row())
        if entry is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return entry[1][index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return entry[0]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._columns[index.column()].align
        if role == Qt.ItemDataRole.ForegroundRole and entry[2]:
            return WARNING_BRUSH
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return self.sort_hint(section) or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._columns):
                return self._columns[section].header
            return None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | (Qt.ItemFlag.ItemNeverHasChildren)
        )


def select_row(view: QAbstractItemView, row: int) -> None:
    """Make ``row`` current and selected.

    ``QTableView.selectRow`` picks its column from the header at the leading edge, which in a
    right-to-left view that is not laid out yet finds no column and selects nothing.
    """
    model = view.model()
    if model is not None and 0 <= row < model.rowCount():
        view.setCurrentIndex(model.index(row, 0))
