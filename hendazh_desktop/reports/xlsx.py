"""Excel workbooks written by XlsxWriter in its constant-memory mode: the one place it is driven.

Every workbook of the application (list exports, reports, the whole database, the bank's
transfer file) has the same shape: right-to-left sheets, a frozen bold header row, numbers as
numbers with a thousands format, text as text, an optional bold total row. XlsxWriter's
constant-memory mode writes each row out as soon as the next one begins, so memory stays flat
whatever the number of rows; its strings are then inline, not a shared table.

What XlsxWriter leaves to its caller is done here, once per distinct text (remembered, bounded):
a text that a spreadsheet could read as a formula gets a leading apostrophe, characters XML 1.0
forbids are dropped, and a text shaped like XlsxWriter's own rich-string markup (``<r>…</r>``),
which it would write unescaped, is neutralised as well. A sheet longer than Excel's 1,048,576
rows continues on a next sheet under the same header.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

MAX_ROWS = 1_048_576
"""Rows per sheet in Excel (the header included)."""
CACHED = 4096
"""Distinct texts whose cleaned form a sheet remembers (labels, dates, names repeat)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
"""A text cell beginning with one of these gets a leading apostrophe (OWASP «CSV injection»)."""
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 does not allow (TAB, LF and CR are kept)."""
_OPTIONS = {
    "constant_memory": True,
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
}
THOUSANDS = "#,##0"
DECIMALS = "#,##0.##"
HEADER_FILL = "#E8EAED"


def neutralise(text: str) -> str:
    """Text a spreadsheet will not take for a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def text_of(value: object) -> str:
    """Anything that is not a number, as the text written in its cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def clean_text(text: str) -> str:
    """A text as its cell holds it: forbidden characters dropped, neutralised when it could read
    as a formula or as XlsxWriter's raw rich-string markup."""
    if _FORBIDDEN.search(text) is not None:
        text = _FORBIDDEN.sub("", text)
    if text.startswith(FORMULA_STARTS) or (text.startswith("<r>") and text.endswith("</r>")):
        return "'" + text
    return text


def _is_whole(value: int | float | Decimal) -> bool:
    return type(value) is int or value == int(value)


class _Cells:
    """Turns a row of values into what XlsxWriter is given: cleaned text (remembered), numbers
    as they are, anything else as text; non-finite numbers become text."""

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}

    def text(self, value: str) -> str:
        cleaned = self._texts.get(value)
        if cleaned is None:
            if len(self._texts) >= CACHED:
                self._texts.clear()
            cleaned = self._texts[value] = clean_text(value)
        return cleaned

    def plain_row(self, row: Sequence[object]) -> list[Any] | None:
        """The row for ``write_row`` (non-empty text, whole numbers, None for an empty cell), or
        None when it holds something else and must go cell by cell."""
        out: list[Any] = []
        append, text = out.append, self.text
        for value in row:
            kind = type(value)
            if kind is str:
                append(text(value) if value else None)  # type: ignore[arg-type]
            elif kind is int or value is None:
                append(value)
            else:
                return None
        return out

    def value(self, value: object) -> object:
        """One cell's value: cleaned text, a finite number, or None for an empty cell."""
        if value is None or value == "":
            return None
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            if isinstance(value, Decimal) and not value.is_finite():
                return self.text(str(value))
            if isinstance(value, float) and not math.isfinite(value):
                return self.text(str(value))
            return value
        return self.text(text_of(value))


class Workbook:
    """One workbook written as it goes: sheets are added whole, one after the other, each from
    an iterable of rows: ``int``/``float``/``Decimal`` are numbers, anything else is text
    (``text_of``, neutralised); ``None`` and ``""`` leave the cell empty. A context manager."""

    def __init__(self, target: Path | IO[bytes]) -> None:
        import xlsxwriter  # here, not at the top: a tenth of a second, paid by the export's worker

        self._book = xlsxwriter.Workbook(str(target) if isinstance(target, Path) else target,
                                         _OPTIONS)  # fmt: skip
        book = self._book
        self._header = book.add_format({"bold": True, "bg_color": HEADER_FILL, "reading_order": 2})
        self._text = book.add_format({"reading_order": 2})
        self._whole = book.add_format({"num_format": THOUSANDS})
        self._fraction = book.add_format({"num_format": DECIMALS})
        # A row of text and whole numbers only is written in one call with one format: the
        # thousands format does not change how a text cell shows.
        self._plain = book.add_format({"num_format": THOUSANDS, "reading_order": 2})
        self._total_text = book.add_format(
            {"bold": True, "bg_color": HEADER_FILL, "reading_order": 2}
        )
        self._total_number = book.add_format(
            {"bold": True, "bg_color": HEADER_FILL, "num_format": THOUSANDS}
        )
        self._sheets = 0
        self._closed = False

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add_sheet(
        self,
        names: Iterable[str],
        headers: Sequence[str],
        rows: Iterable[Sequence[object]],
        *,
        widths: Sequence[float],
        totals: Sequence[object] | None = None,
    ) -> int:
        """Write one table; returns its rows (header and totals excluded). ``names`` gives the
        sheet's name, then the names of continuation sheets if the rows pass Excel's limit."""
        name_of = iter(names)
        written = 0
        iterator: Iterator[Sequence[object]] = iter(rows)
        cells = _Cells()
        while True:
            sheet = self._new_sheet(next(name_of), headers, widths, cells)
            count, ended = self._write_rows(sheet, iterator, cells, MAX_ROWS - 2)
            written += count
            if not ended:  # exactly at the limit: is anything left?
                try:
                    first = next(iterator)
                except StopIteration:
                    ended = True
                else:
                    iterator = itertools.chain([first], iterator)
            if ended:
                if totals is not None:
                    bold = self._total_number
                    self._write_cells(
                        sheet, count + 1, totals, cells, self._total_text, bold, bold
                    )
                return written

    def _new_sheet(
        self, name: str, headers: Sequence[str], widths: Sequence[float], cells: _Cells
    ) -> Any:
        sheet = self._book.add_worksheet(name)
        self._sheets += 1
        sheet.right_to_left()
        sheet.freeze_panes(1, 0)
        for c, width in enumerate(widths):
            sheet.set_column(c, c, width)
        for c, title in enumerate(headers):
            sheet.write_string(0, c, cells.text(title), self._header)
        return sheet

    def _write_rows(
        self, sheet: Any, rows: Iterator[Sequence[object]], cells: _Cells, limit: int
    ) -> tuple[int, bool]:
        """Write up to ``limit`` rows after the header; returns (rows written, rows exhausted)."""
        write_row, plain_row, plain = sheet.write_row, cells.plain_row, self._plain
        r = 0
        for row in rows:
            r += 1
            values = plain_row(row)
            if values is None:
                self._write_cells(sheet, r, row, cells, self._text, self._whole, self._fraction)
            elif None not in values:
                write_row(r, 0, values, plain)
            else:  # the runs between empty cells: a formatted None would be a styled blank
                start = 0
                for end in [i for i, v in enumerate(values) if v is None] + [len(values)]:
                    if end > start:
                        write_row(r, start, values[start:end], plain)
                    start = end + 1
            if r == limit:
                return r, False
        return r, True

    @staticmethod
    def _write_cells(
        sheet: Any, r: int, row: Sequence[object], cells: _Cells, text: Any, whole: Any,
        fraction: Any,
    ) -> None:  # fmt: skip
        for c, raw in enumerate(row):
            value = cells.value(raw)
            if value is None:
                continue
            if isinstance(value, str):
                sheet.write_string(r, c, value, text)
            else:
                number_format = whole if _is_whole(value) else fraction  # type: ignore[arg-type]
                sheet.write_number(r, c, value, number_format)

    def close(self) -> None:
        """Write the workbook's parts and close the file (a workbook always has a sheet)."""
        if self._closed:
            return
        self._closed = True
        if not self._sheets:
            self._new_sheet("Sheet1", [], [], _Cells())
        self._book.close()
