"""The printed gift-credit statement: read back with pdftotext (NFKC), entries and amounts in
order, the closing gift credit, the «not money» note, and long statements over pages."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from hendazh_desktop.domain.text import strip_bidi_controls
from hendazh_desktop.reports.credit_statement_pdf import render_credit_statement
from hendazh_desktop.reports.document_data import CreditLine, CreditStatementDocument

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="needs poppler-utils",
)

DAY = dt.date(2025, 12, 3)
LINES = (
    CreditLine(DAY, "کسب به عنوان معرف", "درخواست 12", "12", 24_691, 24_691),
    CreditLine(DAY, "خرج برای هدیه", "کاشی هفت‌رنگ", "", -20_000, 4_691),
    CreditLine(DAY, "برگشت اعتبار کسب‌شده", "برگشت چک <b>بی‌محل</b>", "12", -24_691, -20_000),
)


def document(
    lines: tuple[CreditLine, ...] = LINES, credit: int = -20_000
) -> CreditStatementDocument:
    return CreditStatementDocument(
        company="شرکت خدمات فنی هنداژمون",
        subscriber_name="مهناز فسایی",
        subscription_code="12345678",
        printed_on=DAY,
        lines=lines,
        gift_credit=credit,
    )


def text_of(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "credit.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.sub(r"\s+", " ", strip_bidi_controls(unicodedata.normalize("NFKC", out)))


def test_entries_amounts_and_closing_gift_credit_are_printed(tmp_path):
    text = text_of(render_credit_statement(document()), tmp_path)
    assert "صورت اعتبار هدیه" in text.replace("\u200c", "")
    assert "مهناز فسایی" in text and "۱۲۳۴۵۶۷۸" in text
    for figure in ("۲۴٬۶۹۱", "۲۰٬۰۰۰", "۴٬۶۹۱"):
        assert figure in text
    assert text.index("۲۴٬۶۹۱") < text.index("۴٬۶۹۱")  # oldest entry first
    # user text printed as it is, never parsed as markup
    assert "<b" in text and "بیمحل" in text.replace("\u200c", "")
    assert "پول نیست" in text and "منفی" in text


def test_a_long_statement_runs_over_pages(tmp_path):
    many = tuple(
        CreditLine(DAY, "کسب از کار خود", f"درخواست {i}", str(i), 1_000, 1_000 * i)
        for i in range(1, 121)
    )
    data = render_credit_statement(document(many, 120_000))
    path = tmp_path / "long.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1)) >= 3  # type: ignore[union-attr]
    assert "۱۲۰٬۰۰۰" in text_of(data, tmp_path)
