"""Tables to Excel (XlsxWriter, constant memory) and CSV (UTF-8 with BOM), streamed row by row.

Every export of the application writes through here: a right-to-left sheet, a frozen header
row, numbers as real numbers with a thousands format, text as text. A text cell that begins
with = + - @ (or a tab or carriage return) is neutralised with a leading apostrophe, so that a
spreadsheet never reads a subscriber's comment as a formula (OWASP «CSV injection»).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

Cell = str | int | float | Decimal | None
"""What a cell holds: a number is written as a number, anything else as text."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_NAME_MAX = 31
_SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})
THOUSANDS = "#,##0"
DECIMALS = "#,##0.##"
MAX_WIDTH = 60


@dataclass(frozen=True)
class Table:
    """One sheet (or one CSV file): a name, the header and the rows, read once, in order."""

    name: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Cell]]


def neutralise(text: str) -> str:
    """Text a spreadsheet will not take for a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def text_of(value: object) -> str:
    """Anything that is not a number, as the text written in its cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique worksheet name (31 characters, none of []:*?/\\)."""
    base = (name.translate(_SHEET_FORBIDDEN).strip("'") or "sheet")[:SHEET_NAME_MAX]
    candidate, n = base, 1
    while candidate.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = base[: SHEET_NAME_MAX - len(suffix)] + suffix
    taken.add(candidate.casefold())
    return candidate


def write_xlsx(path: Path, tables: Iterable[Table]) -> int:
    """Write ``tables`` as the sheets of one workbook; returns the rows written (headers
    excluded). Memory stays flat: XlsxWriter's constant-memory mode flushes each row."""
    import xlsxwriter

    written = 0
    book = xlsxwriter.Workbook(
        str(path),
        {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
         "strings_to_urls": False},
    )  # fmt: skip
    try:
        header = book.add_format({"bold": True, "bg_color": "#e8eaed", "reading_order": 2})
        whole = book.add_format({"num_format": THOUSANDS})
        fraction = book.add_format({"num_format": DECIMALS})
        text = book.add_format({"reading_order": 2})
        taken: set[str] = set()
        for table in tables:
            sheet = book.add_worksheet(sheet_name(table.name, taken))
            sheet.right_to_left()
            sheet.freeze_panes(1, 0)
            widths = [min(MAX_WIDTH, max(10, len(h) + 4)) for h in table.headers]
            for c, width in enumerate(widths):
                sheet.set_column(c, c, width)
            for c, title in enumerate(table.headers):
                sheet.write_string(0, c, neutralise(title), header)
            r = 0
            for r, row in enumerate(table.rows, start=1):
                _write_row(sheet, r, row, whole, fraction, text)
            written += r
    finally:
        book.close()
    return written


def _write_row(sheet: Any, r: int, row: Sequence[Cell], whole: Any, fraction: Any,
               text: Any) -> None:  # fmt: skip
    for c, value in enumerate(row):
        if value is None or value == "":
            continue
        if _is_number(value):
            number_format = whole if isinstance(value, int) or value == int(value) else fraction
            sheet.write_number(r, c, value, number_format)
        else:
            sheet.write_string(r, c, neutralise(text_of(value)), text)


def _csv_rows(table: Table) -> Iterator[list[str]]:
    yield [neutralise(h) for h in table.headers]
    for row in table.rows:
        yield [str(v) if _is_number(v) else neutralise(text_of(v)) for v in row]


def write_csv(stream: IO[str], table: Table) -> int:
    """Write one table as CSV to a text stream (the caller opens it ``utf-8-sig``, so Excel
    reads the Persian); returns the rows written (header excluded)."""
    writer = csv.writer(stream, lineterminator="\r\n")
    lines = 0
    for row in _csv_rows(table):
        writer.writerow(row)
        lines += 1
    return lines - 1


def write_csv_file(path: Path, table: Table) -> int:
    """One table to one CSV file, UTF-8 with a byte-order mark."""
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        return write_csv(stream, table)
