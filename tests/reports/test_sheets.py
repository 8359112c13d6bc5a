"""The one writer of Excel and CSV: read back with openpyxl and csv, the sheet is right to left
with a frozen header, numbers are numbers with a thousands format, hostile text is neutralised."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from hendazh_desktop.reports.sheets import (
    Table,
    neutralise,
    sheet_name,
    write_csv,
    write_csv_file,
    write_xlsx,
)

HOSTILE = ["=HYPERLINK(\"http://x\")", "+98 912", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def _table() -> Table:
    rows = [
        ["۱۴۰۳/۰۸/۱۵", 1_250_000, "نظافت", 4.5, None],
        *([h, -5, "متن", 0, ""] for h in HOSTILE),
    ]
    return Table("صورتحساب‌ها", ["تاریخ", "مبلغ (ریال)", "خدمت", "امتیاز", "خالی"], rows)


def test_xlsx_reads_back_right_to_left_with_real_numbers_and_a_frozen_header(tmp_path):
    path = tmp_path / "out.xlsx"
    assert write_xlsx(path, [_table()]) == 1 + len(HOSTILE)
    book = openpyxl.load_workbook(path)
    sheet = book["صورتحساب‌ها"]
    assert sheet.sheet_view.rightToLeft is True
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == ["تاریخ", "مبلغ (ریال)", "خدمت", "امتیاز", "خالی"]
    date, amount, service, score, empty = sheet[2]
    assert date.value == "۱۴۰۳/۰۸/۱۵" and date.data_type == "s"  # Jalali dates stay text
    assert amount.value == 1_250_000 and amount.data_type == "n"
    assert amount.number_format == "#,##0"
    assert score.value == 4.5 and score.data_type == "n"
    assert service.value == "نظافت" and empty.value is None
    negative = sheet.cell(row=3, column=2)
    assert negative.value == -5 and negative.data_type == "n"  # a negative number stays one


def test_xlsx_neutralises_every_cell_that_could_be_a_formula(tmp_path):
    path = tmp_path / "out.xlsx"
    write_xlsx(path, [_table()])
    sheet = openpyxl.load_workbook(path).active
    written = [sheet.cell(row=r, column=1).value for r in range(3, 3 + len(HOSTILE))]
    # (XlsxWriter escapes a carriage return as _x000D_, which Excel reads back as one)
    assert written == ["'" + h.replace("\r", "_x000D_") for h in HOSTILE]
    assert all(sheet.cell(row=r, column=1).data_type == "s" for r in range(3, 3 + len(HOSTILE)))


def test_csv_has_a_bom_neutralised_text_and_plain_numbers(tmp_path):
    path = tmp_path / "out.csv"
    assert write_csv_file(path, _table()) == 1 + len(HOSTILE)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads the Persian
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["تاریخ", "مبلغ (ریال)", "خدمت", "امتیاز", "خالی"]
    assert rows[1] == ["۱۴۰۳/۰۸/۱۵", "1250000", "نظافت", "4.5", ""]
    assert [r[0] for r in rows[2:]] == ["'" + h for h in HOSTILE]
    assert rows[2][1] == "-5"  # numbers are not neutralised


def test_an_empty_table_still_has_its_header():
    out = io.StringIO()
    assert write_csv(out, Table("x", ["الف", "ب"], [])) == 0
    assert out.getvalue() == "الف,ب\r\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("=1+1", "'=1+1"), ("سلام", "سلام"), ("", ""), ("a=b", "a=b"), ("-", "'-")],
)
def test_neutralise(text, expected):
    assert neutralise(text) == expected


def test_sheet_names_are_valid_and_unique():
    taken: set[str] = set()
    long = "ن" * 40
    assert sheet_name("a/b:c", taken) == "a_b_c"
    first, second = sheet_name(long, taken), sheet_name(long, taken)
    assert len(first) == 31 and len(second) == 31 and first != second


def test_many_sheets_in_one_workbook(tmp_path):
    path = tmp_path / "book.xlsx"
    tables = [Table(f"t{i}", ["n"], [[i], [i + 1]]) for i in range(3)]
    assert write_xlsx(path, tables) == 6
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["t0", "t1", "t2"]
    assert all(book[n].sheet_view.rightToLeft for n in book.sheetnames)
