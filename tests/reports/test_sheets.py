"""The one writer of Excel and CSV: read back with openpyxl and csv, the sheet is right to left
with a frozen header, numbers are numbers with a thousands format, hostile text is neutralised."""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import shutil
import subprocess
import tracemalloc
from decimal import Decimal

import openpyxl
import pytest
from openpyxl.utils.escape import unescape

from hendazh_desktop.reports import xlsx
from hendazh_desktop.reports.sheets import (
    Table,
    neutralise,
    sheet_name,
    write_csv,
    write_csv_file,
    write_xlsx,
)

HOSTILE = ['=HYPERLINK("http://x")', "+98 912", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


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
    # A carriage return is kept as Excel's escape _x000D_ (ECMA-376 ST_Xstring), which Excel
    # reads back as the character; openpyxl leaves the escape to its caller.
    assert [unescape(w) for w in written] == ["'" + h for h in HOSTILE]
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


def test_number_formats_and_the_header_style_are_in_the_workbook(tmp_path):
    path = tmp_path / "out.xlsx"
    write_xlsx(path, [Table("t", ["مبلغ", "نرخ"], [[12, 0.25], [Decimal("1500"), 1.0]])])
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].font.b and sheet["A1"].fill.fgColor.rgb == "FFE8EAED"
    assert sheet["A2"].number_format == "#,##0" and sheet["B2"].number_format == "#,##0.##"
    assert sheet["A3"].value == 1500 and sheet["A3"].number_format == "#,##0"
    assert sheet["B3"].value == 1 and sheet["B3"].data_type == "n"


def test_text_is_escaped_and_characters_xml_forbids_are_dropped(tmp_path):
    path = tmp_path / "out.xlsx"
    texts = ["<b>&amp;</b> \"'", "a\x00b\x07c\x1fd\ufffe", "  فاصله  ", "یک\nدو", "x\u200cy"]
    write_xlsx(path, [Table("t", ["متن"], [[t] for t in texts])])
    sheet = openpyxl.load_workbook(path).active
    assert [sheet.cell(row=r, column=1).value for r in range(2, 7)] == [
        "<b>&amp;</b> \"'", "abcd", "  فاصله  ", "یک\nدو", "x\u200cy",
    ]  # fmt: skip


def test_odd_cells_become_text_and_bad_numbers_do_not_break_the_file(tmp_path):
    path = tmp_path / "out.xlsx"
    row = [True, dt.date(2024, 11, 5), float("nan"), Decimal("Infinity"), 10**15, -0.5]
    write_xlsx(path, [Table("t", list("abcdef"), [row])])
    values = [c.value for c in openpyxl.load_workbook(path).active[2]]
    assert values == ["1", "2024-11-05", "nan", "Infinity", 10**15, -0.5]


def test_totals_are_a_bold_last_row_and_widths_are_kept(tmp_path):
    path = tmp_path / "out.xlsx"
    table = Table("t", ["شرح", "مبلغ"], [["الف", 10], ["ب", 20]], widths=[25, 14],
                  totals=["جمع", 30])  # fmt: skip
    assert write_xlsx(path, [table]) == 2
    sheet = openpyxl.load_workbook(path).active
    assert [c.value for c in sheet[4]] == ["جمع", 30]
    assert sheet["A4"].font.b and sheet["B4"].font.b and sheet["B4"].number_format == "#,##0"
    # XlsxWriter stores a width of n characters with Excel's padding (25 → 25.71).
    assert int(sheet.column_dimensions["A"].width) == 25
    assert int(sheet.column_dimensions["B"].width) == 14
    out = io.StringIO()
    assert write_csv(out, table) == 2
    assert out.getvalue().splitlines()[-1] == "جمع,30"


def test_a_workbook_to_a_stream_and_an_empty_one(tmp_path):
    buffer = io.BytesIO()
    assert write_xlsx(buffer, []) == 0
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    assert len(book.sheetnames) == 1


def test_rows_past_excels_limit_continue_on_a_next_sheet(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 4)  # header + 2 rows per sheet (the limit less one)
    path = tmp_path / "out.xlsx"
    for rows, sheets in ((4, 2), (5, 3)):
        assert write_xlsx(path, [Table("t", ["n"], [[i] for i in range(rows)], totals=[9])]) == rows
        book = openpyxl.load_workbook(path)
        assert book.sheetnames == ["t", "t (2)", "t (3)"][:sheets]
        values = [c.value for name in book.sheetnames for (c,) in book[name].iter_rows(min_row=2)]
        assert values == [*range(rows), 9]
        heads = [(book[n]["A1"].value, book[n].freeze_panes) for n in book.sheetnames]
        assert heads == [("n", "A2")] * sheets


def _peak(rows: int, path) -> int:
    table = Table("t", ["a", "b", "c"], ([f"متن {i}", i, i / 3] for i in range(rows)))
    gc.collect()
    tracemalloc.start()
    try:
        write_xlsx(path, [table])
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_as_rows_grow(tmp_path):
    small, big = _peak(2_000, tmp_path / "s.xlsx"), _peak(12_000, tmp_path / "b.xlsx")
    assert big < 1.3 * small, (small, big)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_libreoffice_opens_the_workbook(tmp_path):
    path = tmp_path / "out.xlsx"
    write_xlsx(path, [_table()])
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path),
         str(path)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    rows = list(csv.reader(io.StringIO((tmp_path / "out.csv").read_text("utf-8"))))
    assert rows[0] == ["تاریخ", "مبلغ (ریال)", "خدمت", "امتیاز", "خالی"]
    assert rows[1][:3] == ["۱۴۰۳/۰۸/۱۵", "1,250,000", "نظافت"]
    assert rows[2][0] == "'" + HOSTILE[0]


def test_remembered_texts_are_right_after_the_memory_is_cleared(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx, "CACHED", 2)
    texts = ["الف", "=ب", "الف", "<ج>", "=ب", " د", "الف"]
    path = tmp_path / "out.xlsx"
    write_xlsx(path, [Table("t", ["متن"], [[t] for t in texts])])
    sheet = openpyxl.load_workbook(path).active
    assert [c.value for (c,) in sheet.iter_rows(min_row=2)] == [
        "الف", "'=ب", "الف", "<ج>", "'=ب", " د", "الف",
    ]  # fmt: skip


def test_text_shaped_like_xlsxwriters_rich_string_markup_is_written_as_text(tmp_path):
    # XlsxWriter writes a constant-memory string that looks like <r>…</r> into the XML as it is;
    # a subscriber's text of that shape must neither break the file nor become markup.
    path = tmp_path / "out.xlsx"
    texts = ["<r>a & b</r>", "<r><t>x</t></r>", "<r>", "_x0041_"]
    write_xlsx(path, [Table("t", ["متن"], [[t] for t in texts])])
    sheet = openpyxl.load_workbook(path).active
    # A literal escape-like text is written escaped (_x005F_x0041_), read back by Excel as typed.
    assert [unescape(c.value) for (c,) in sheet.iter_rows(min_row=2)] == [
        "'<r>a & b</r>", "'<r><t>x</t></r>", "<r>", "_x0041_",
    ]  # fmt: skip


def test_rows_of_text_and_whole_numbers_keep_their_formats(tmp_path):
    # Such rows go to XlsxWriter in one call; the others cell by cell: both read back alike.
    path = tmp_path / "out.xlsx"
    rows = [["الف", 1_000, 7], ["ب", 2_000, 0.5], ["ج", None, 3]]
    write_xlsx(path, [Table("t", ["a", "b", "c"], rows)])
    sheet = openpyxl.load_workbook(path).active
    got = [[(c.value, c.data_type, c.number_format) for c in r] for r in sheet.iter_rows(min_row=2)]
    assert got == [
        [("الف", "s", "#,##0"), (1000, "n", "#,##0"), (7, "n", "#,##0")],
        [("ب", "s", "General"), (2000, "n", "#,##0"), (0.5, "n", "#,##0.##")],
        [("ج", "s", "#,##0"), (None, "n", "General"), (3, "n", "#,##0")],  # the gap unstyled
    ]
