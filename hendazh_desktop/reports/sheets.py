"""Tables to Excel (XlsxWriter, through reports/xlsx.py) and CSV (UTF-8 with BOM), row by row.

Every export of the application writes through here: a right-to-left sheet, a frozen header
row, numbers as real numbers with a thousands format, text as text, an optional bold total row.
A text cell that begins with = + - @ (or a tab, carriage return or line feed) is neutralised
with a leading apostrophe, so that a spreadsheet never reads a subscriber's comment as a
formula (OWASP «CSV injection»).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO

from hendazh_desktop.reports.xlsx import FORMULA_STARTS, Workbook, neutralise, text_of

__all__ = ["FORMULA_STARTS", "Cell", "Table", "neutralise", "sheet_name", "text_of",
           "write_csv", "write_csv_file", "write_xlsx"]  # fmt: skip

Cell = str | int | float | Decimal | None
"""What a cell holds: a number is written as a number, anything else as text."""

SHEET_NAME_MAX = 31
_SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})
MAX_WIDTH = 60


@dataclass(frozen=True)
class Table:
    """One sheet (or one CSV file): a name, the header and the rows, read once, in order;
    optionally the column widths (in characters) and a total row (bold, after the rows)."""

    name: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Cell]]
    widths: Sequence[float] | None = None
    totals: Sequence[Cell] | None = None


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


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


def _names(name: str, taken: set[str]) -> Iterator[str]:
    """The sheet's name, then names for its continuation sheets (past Excel's row limit)."""
    yield sheet_name(name, taken)
    while True:
        yield sheet_name(name, taken)


def write_xlsx(target: Path | IO[bytes], tables: Iterable[Table]) -> int:
    """Write ``tables`` as the sheets of one workbook (a path or a binary stream); returns the
    rows written (headers and totals excluded). Memory stays flat: rows are streamed."""
    written = 0
    taken: set[str] = set()
    with Workbook(target) as book:
        for table in tables:
            widths = table.widths or [min(MAX_WIDTH, max(10, len(h) + 4)) for h in table.headers]
            written += book.add_sheet(
                _names(table.name, taken), table.headers, table.rows, widths=widths,
                totals=table.totals,
            )  # fmt: skip
    return written


def _csv_line(row: Sequence[Cell]) -> list[str]:
    return [str(v) if _is_number(v) else neutralise(text_of(v)) for v in row]


def write_csv(stream: IO[str], table: Table) -> int:
    """Write one table as CSV to a text stream (the caller opens it ``utf-8-sig``, so Excel
    reads the Persian); returns the rows written (header excluded)."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in table.headers])
    lines = 0
    for row in table.rows:
        writer.writerow(_csv_line(row))
        lines += 1
    if table.totals is not None:
        writer.writerow(_csv_line(table.totals))
    return lines


def write_csv_file(path: Path, table: Table) -> int:
    """One table to one CSV file, UTF-8 with a byte-order mark."""
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        return write_csv(stream, table)
