"""The payslip's jobs table: short texts are plain shaped strings (the fast path), a text too
wide for its column stays a wrapping cell, and every job's service and amount is printed."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata

import pytest

from hendazh_desktop.domain.text import strip_bidi_controls
from hendazh_desktop.reports import payslip_pdf
from hendazh_desktop.reports.billing_layout import Cell
from hendazh_desktop.reports.wage_data import PayslipDocument, PayslipJob

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
