"""The bank's group-transfer file of a payout batch: an Excel workbook (right-to-left sheet,
amounts as numbers) written by reports/sheets.py, or CSV in UTF-8 with a BOM. Text cells that begin
with = + - @ TAB CR or LF are neutralised so no spreadsheet reads them as formulas."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from hendazh_desktop.domain.wages import neutralise_cell
from hendazh_desktop.reports.sheets import Cell, Table, write_xlsx
from hendazh_desktop.reports.wage_data import BankRow

HEADINGS = ("ردیف", "شماره شبا", "نام صاحب حساب", "مبلغ (ریال)", "شرح")
WIDTHS = (7, 30, 28, 16, 40)


def _texts(row: BankRow) -> tuple[str, str, str]:
    return (
        neutralise_cell(row.iban),
        neutralise_cell(row.holder),
        neutralise_cell(row.description),
    )


def bank_file_xlsx(rows: Sequence[BankRow], *, sheet: str = "حواله گروهی") -> bytes:
    """The workbook's bytes: one right-to-left sheet, a heading row, then one row per transfer
    and a total (a number, not a formula). The writer neutralises the text cells itself."""
    buffer = io.BytesIO()
    cells: Iterator[list[Cell]] = (
        [row.row, row.iban, row.holder, row.amount, row.description] for row in rows
    )
    total: list[Cell] = ["", "", "جمع", sum(r.amount for r in rows), ""]
    write_xlsx(buffer, [Table(sheet, HEADINGS, cells, widths=WIDTHS, totals=total)])
    return buffer.getvalue()


def bank_file_csv(rows: Sequence[BankRow]) -> bytes:
    """The CSV's bytes: UTF-8 with a BOM (Excel then reads Persian correctly), CRLF lines."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADINGS)
    for row in rows:
        iban, holder, description = _texts(row)
        writer.writerow([row.row, iban, holder, row.amount, description])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
