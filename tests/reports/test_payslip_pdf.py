"""The payslip's jobs table: short texts are plain shaped strings (the fast path), a text too
wide for its column stays a wrapping cell, every job's service and amount is printed, and the
text table draws exactly the pages ReportLab's own table drew."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from reportlab.platypus import Table

from hendazh_desktop.domain.text import strip_bidi_controls
from hendazh_desktop.reports import billing_layout, payslip_pdf, text_table
from hendazh_desktop.reports.billing_layout import INK, Cell, build, grid
from hendazh_desktop.reports.layout import SHADE
from hendazh_desktop.reports.persian import BOLD, clear_text_caches, shape
from hendazh_desktop.reports.text_table import TextTable
from hendazh_desktop.reports.wage_data import PayslipDeduction, PayslipDocument, PayslipJob

LONG = "نصب و راه‌اندازی کامل سامانه گرمایش از کف ساختمان دو طبقه با لوله‌کشی"


def _doc(services: list[str]) -> PayslipDocument:
    jobs = tuple(
        PayslipJob(dt.date(2025, 3, 1), name, str(5000 + i), f"{i:07d}", "دستمزد", 810_000 + i)
        for i, name in enumerate(services)
    )
    return PayslipDocument(
        "شرکت", 7, dt.date(2025, 3, 1), dt.date(2025, 3, 30), None, "", "علی رضایی", "گروه",
        "", "نقدی", "", jobs, (), 0, 0, 0, 0, 0, 0, 0, "صفر ریال",
    )  # fmt: skip


def test_short_texts_are_plain_strings_and_a_long_one_stays_a_wrapping_cell():
    payslip_pdf.ensure_fonts()
    table = payslip_pdf._jobs(_doc(["لوله‌کشی", LONG]))
    rows = table._cellvalues
    # reading order is reversed in the table: the service column is the fifth from the left
    assert isinstance(rows[1][4], str)
    assert isinstance(rows[2][4], Cell)
    assert all(isinstance(value, str) for value in rows[2][:4] + rows[2][5:])


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_every_job_is_printed_with_its_amount(tmp_path):
    path = tmp_path / "slip.pdf"
    path.write_bytes(payslip_pdf.render_payslip(_doc(["لوله‌کشی"] * 39 + [LONG])))
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = re.sub(r"\s+", " ", strip_bidi_controls(unicodedata.normalize("NFKC", out)))
    text = text.replace("\u200c", "")
    assert text.count("لولهکشی") >= 39
    assert "۸۱۰٬۰۰۰" in text and "۸۱۰٬۰۳۹" in text
    assert "گرمایش" in text


def _pages(pdf: bytes, tmp_path: Path, name: str) -> list[bytes]:
    """The PDF's pages as raw RGB pixels (pdftoppm, 100 dpi)."""
    (tmp_path / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "100", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)], check=True
    )
    return [p.read_bytes() for p in sorted(tmp_path.glob(f"{name}-*.ppm"))]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_the_jobs_text_table_prints_the_same_pages_as_the_plain_grid(tmp_path):
    """The same jobs laid out by billing_layout.grid with the payslip's style commands (how the
    payslip printed them before) and by text_grid: pixel for pixel the same pages, across a
    page break (the header repeated) and with a wrapping cell in the middle."""
    payslip_pdf.ensure_fonts()
    doc = _doc(["لوله‌کشی", "برق (سه فاز)", "Plumbing", LONG] * 15)
    fast = payslip_pdf._jobs(doc)
    assert isinstance(fast, TextTable)
    rows = [[value for value in reversed(row)] for row in fast._cellvalues]
    size, leading = payslip_pdf.SIZE, payslip_pdf.SIZE * 1.25
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("FONTNAME", (0, 0), (-1, 0), BOLD),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("ALIGN", (2, 1), (2, -1), "RIGHT"),
        ("ALIGN", (5, 1), (5, -1), "RIGHT"),
        ("ALIGN", (6, 1), (6, -1), "RIGHT"),
    ]
    widths = payslip_pdf._widths(payslip_pdf.JOB_COLUMNS)
    plain = grid(rows, widths, style, repeat_rows=1, padding=payslip_pdf.PADDING)
    assert type(plain) is Table

    def pdf(table: Table) -> bytes:
        return build(
            [table], payslip_pdf.PAGE, payslip_pdf.MARGIN, title="t", furniture=lambda *_: None
        )

    expected = _pages(pdf(plain), tmp_path, "plain")
    assert len(expected) >= 2
    assert _pages(pdf(fast), tmp_path, "fast") == expected


def test_clear_text_caches_empties_the_shaping_and_measuring_caches():
    payslip_pdf.render_payslip(_doc(["لوله‌کشی", LONG]))
    assert shape.cache_info().currsize and text_table._width.cache_info().currsize
    clear_text_caches()
    assert shape.cache_info().currsize == 0
    assert text_table._width.cache_info().currsize == 0
    assert billing_layout._one_line.cache_info().currsize == 0


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_a_slip_without_jobs_says_so(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(payslip_pdf.render_payslip(_doc([])))
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "کاری در این فهرست نیست" in re.sub(r"\s+", " ", unicodedata.normalize("NFKC", out))


def test_the_deductions_heading_never_ends_a_page_alone():
    payslip_pdf.ensure_fonts()
    lines = tuple(
        PayslipDeduction(dt.date(2025, 3, 2 + i), "پیش‌پرداخت", f"قسط {i}", -100_000)
        for i in range(3)
    )
    table = payslip_pdf._deductions(dataclasses.replace(_doc([]), deductions=lines))
    table.wrap(payslip_pdf.WIDTH, 1000)
    heading, first = table._rowHeights[0], table._rowHeights[1]
    assert table.split(payslip_pdf.WIDTH, heading + first / 2) == []  # all of it moves on
    top, rest = table.split(payslip_pdf.WIDTH, heading + first + 1)
    assert len(top._cellvalues) == 2 and len(rest._cellvalues) == 3  # the heading repeats
    assert rest._cellvalues[0] == top._cellvalues[0]
