"""The bank's group-transfer file of a payout batch: an Excel workbook (right-to-left sheet,
amounts as numbers) written by XlsxWriter, or CSV in UTF-8 with a BOM. Text cells that begin
with = + - @ TAB CR or LF are neutralised so no spreadsheet reads them as formulas."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from hendazh_desktop.domain.wages import neutralise_cell
from hendazh_desktop.reports.wage_data import BankRow

HEADINGS = ("ردیف", "شماره شبا", "نام صاحب حساب", "مبلغ (ریال)", "شرح")


def _texts(row: BankRow) -> tuple[str, str, str]:
    return (
        neutralise_cell(row.iban),
        neutralise_cell(row.holder),
        neutralise_cell(row.description),
    )


def bank_file_xlsx(rows: Sequence[BankRow], *, sheet: str = "حواله گروهی") -> bytes:
    """The workbook's bytes: one right-to-left sheet, a heading row, then one row per transfer
    and a total (a number, not a formula)."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    try:
        page = book.add_worksheet(sheet[:31])
        page.right_to_left()
        bold = book.add_format({"bold": True, "bg_color": "#eef2f6", "border": 1})
        money = book.add_format({"num_format": "#,##0", "border": 1})
        plain = book.add_format({"border": 1})
        page.set_column(0, 0, 7)
        page.set_column(1, 1, 30)
        page.set_column(2, 2, 28)
        page.set_column(3, 3, 16)
        page.set_column(4, 4, 40)
        for col, heading in enumerate(HEADINGS):
            page.write_string(0, col, heading, bold)
        for index, row in enumerate(rows, start=1):
            iban, holder, description = _texts(row)
            page.write_number(index, 0, row.row, plain)
            page.write_string(index, 1, iban, plain)
            page.write_string(index, 2, holder, plain)
            page.write_number(index, 3, row.amount, money)
            page.write_string(index, 4, description, plain)
        last = len(rows) + 1
        page.write_string(last, 2, "جمع", bold)
        page.write_number(last, 3, sum(r.amount for r in rows), money)
        page.freeze_panes(1, 0)
    finally:
        book.close()
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
