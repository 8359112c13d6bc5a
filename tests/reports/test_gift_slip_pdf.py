"""The A5 gift delivery slip: read back with pdftotext (NFKC), the gifts, quantities and
amounts, the order number and Jalali date, the photo thumbnails embedded, the signature boxes,
user text never parsed as markup, and many gifts running over pages."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PIL import Image

from hendazh_desktop.domain.text import strip_bidi_controls
from hendazh_desktop.reports.document_data import GiftSlipDocument, GiftSlipLine
from hendazh_desktop.reports.gift_slip_pdf import render_gift_slip

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfimages") is None,
    reason="needs poppler-utils",
)


def thumbnail(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (160, 120), colour).save(out, "JPEG")
    return out.getvalue()


LINES = (
    GiftSlipLine("بشقاب میناکاری", "میناکاری", 2, 300_000, thumbnail("#1f4e8c")),
    GiftSlipLine("جعبه <b>خاتم</b>", "خاتم‌کاری", 1, 450_000, thumbnail("#5a3a1e")),
    GiftSlipLine("کاسه سفالی", "سفالگری", 3, 25_000),  # no photo
)


def document(lines: tuple[GiftSlipLine, ...] = LINES) -> GiftSlipDocument:
    return GiftSlipDocument(
        company="شرکت خدمات فنی هنداژمون",
        order_number=57,
        subscriber_name="مهناز فسایی",
        subscription_code="12345678",
        placed_on=dt.date(2025, 12, 3),
        printed_on=dt.date(2025, 12, 4),
        state="تحویل‌شده",
        delivery="تحویل در دفتر",
        lines=lines,
        total=sum(ln.quantity * ln.unit_price for ln in lines),
        credit_after=-5_000,
    )


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def text_of(path: Path) -> str:
    out = run("pdftotext", "-layout", str(path), "-")
    return re.sub(r"\s+", " ", strip_bidi_controls(unicodedata.normalize("NFKC", out)))


def test_gifts_amounts_and_signatures_are_printed_on_a5(tmp_path):
    path = tmp_path / "slip.pdf"
    path.write_bytes(render_gift_slip(document()))
    text = text_of(path)
    plain = text.replace("\u200c", "")
    assert "رسید تحویل هدیه" in plain and "مهناز فسایی" in text and "۱۲۳۴۵۶۷۸" in text
    assert "۵۷" in text and "۱۴۰۴/۰۹/۱۲" in text  # the order number, the Jalali day
    assert "بشقاب میناکاری" in text and "کاسه سفالی" in text
    for figure in ("۳۰۰٬۰۰۰", "۶۰۰٬۰۰۰", "۴۵۰٬۰۰۰", "۷۵٬۰۰۰", "۱٬۱۲۵٬۰۰۰", "۵٬۰۰۰"):
        assert figure in text
    assert "<b" in text  # user text printed as it is, never parsed as markup
    assert "امضای تحویلگیرنده" in plain and "پول نیست" in plain and "منفی" in text
    images = run("pdfimages", "-list", str(path)).splitlines()[2:]
    assert len(images) == 2  # the two thumbnails; the bowl has none
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", run("pdfinfo", str(path)))
    assert size is not None and (round(float(size[1])), round(float(size[2]))) == (420, 595)


def test_many_gifts_run_over_pages(tmp_path):
    many = tuple(
        GiftSlipLine(f"هدیه {i}", "قلمکار", 1, 1_000, thumbnail("#efe3c8")) for i in range(1, 31)
    )
    path = tmp_path / "long.pdf"
    path.write_bytes(render_gift_slip(document(many)))
    pages = re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(path)), re.M)
    assert pages is not None and int(pages[1]) >= 2
    assert "۳۰٬۰۰۰" in text_of(path)
