"""Printed money documents: a refund is a payment voucher, a bounced cheque's receipt says
so, codes and references print in Persian digits, a multi-page invoice repeats its header and
carries its subtotal, the amount in words says «یکصد» and «یک هزار», a name in parentheses is
never broken inside them, and every font the PDF declares is embedded."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess

import pytest
from test_billing_pdfs import invoice, pdf_layout, pdf_text, receipt, statement

from hendazh_desktop.domain.billing import amount_in_words
from hendazh_desktop.domain.money import format_number
from hendazh_desktop.reports import persian
from hendazh_desktop.reports.invoice_pdf import render_invoice
from hendazh_desktop.reports.layout import ensure_fonts
from hendazh_desktop.reports.receipt_pdf import render_receipt
from hendazh_desktop.reports.statement_pdf import render_statement

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
    reason="needs poppler-utils",
)


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_a_refund_prints_as_a_payment_voucher(tmp_path):
    doc = receipt(kind="refund", number="RFD-1404-000007", details="شماره پیگیری 998877")
    text = squeezed(pdf_text(render_receipt(doc), tmp_path))
    assert "رسیدپرداختوجه" in text and "پرداختبه" in text
    assert "رسیددریافتوجه" not in text and "دریافتاز" not in text


def test_a_bounced_cheques_receipt_is_marked_with_the_day(tmp_path):
    doc = receipt(bounced_on=dt.date(2025, 12, 1), bounce_reason="کسری موجودی")
    text = squeezed(pdf_text(render_receipt(doc), tmp_path))
    assert "برگشتی" in text and "۱۴۰۴/۰۹/۱۰" in text and "کسریموجودی" in text
    clean = squeezed(pdf_text(render_receipt(receipt()), tmp_path, "clean"))
    assert "برگشتی" not in clean


def test_codes_and_references_print_in_persian_digits(tmp_path):
    doc = receipt(details="چک شماره 778899 بانک ملت سررسید ۱۴۰۵/۰۱/۱۵", number="RCP-1404-000031")
    assert not re.search("[0-9]", pdf_text(render_receipt(doc), tmp_path))
    bill = invoice(request_number="4521", references="برگشت صورتحساب شماره 1404-000012")
    text = pdf_text(render_invoice(bill), tmp_path, "invoice")
    assert not re.search("[0-9]", text), re.findall(r"\S*[0-9]\S*", text)
    bounced = statement().entries[0]
    entries = (dataclasses.replace(bounced, description="برگشت چک 778899"),)
    text = pdf_text(render_statement(statement(entries=entries)), tmp_path, "statement")
    assert "۷۷۸۸۹۹" in text and not re.search("[0-9]", text), re.findall(r"\S*[0-9]\S*", text)


def shows(page: str, value: int) -> bool:
    """The amount is printed on the page as a whole number (not inside a longer one)."""
    return re.search(rf"(?<![۰-۹٬]){re.escape(format_number(value))}(?![۰-۹٬])", page) is not None


def test_a_multi_page_invoice_repeats_its_header_and_carries_the_subtotal(tmp_path):
    doc = invoice(40)
    pages = [p for p in pdf_layout(render_invoice(doc), tmp_path).split("\f") if p.strip()]
    assert len(pages) >= 2
    carried, carries = 0, 0
    for index, page in enumerate(pages):
        flat = squeezed(page)
        assert squeezed(doc.title) in flat and "۱۴۰۴-۰۰۰۱۲۳" in flat  # the header block
        if index and "نقلبهصفحهبعد" in squeezed(pages[index - 1]):
            assert "نقلازصفحهقبل" in flat and shows(page, carried)
        carried += sum(line.total for line in doc.lines if shows(page, line.total))
        if "نقلبهصفحهبعد" in flat:
            carries += 1
            assert shows(page, carried)
    assert carries >= 1 and carried == doc.total


@pytest.mark.parametrize(
    ("rials", "words"),
    [
        (100, "یکصد ریال"),
        (1_000, "یک هزار ریال"),
        (1_100, "یک هزار و یکصد ریال"),
        (101_000, "یکصد و یک هزار ریال"),
        (1_001_000, "یک میلیون و یک هزار ریال"),
        (1_100_000, "یک میلیون و یکصد هزار ریال"),
        (100_100_100, "یکصد میلیون و یکصد هزار و یکصد ریال"),
        (2_500, "دو هزار و پانصد ریال"),
        (1_250_000, "یک میلیون و دویست و پنجاه هزار ریال"),
    ],
)
def test_amount_in_words_as_iranian_invoices_write_it(rials, words):
    assert amount_in_words(rials) == words


def test_a_name_in_parentheses_is_never_broken_inside_them():
    ensure_fonts()
    name = "شرکت خدمات فنی هنداژمون (سهامی خاص)"
    full = persian.width(name, persian.BOLD, 12)
    for fraction in (0.55, 0.7, 0.85, 0.95):
        lines = persian.wrap_lines(name, persian.BOLD, 12, full * fraction)
        for line in lines:
            assert line.count("(") == line.count(")"), lines


def fonts(data: bytes, tmp_path, name: str) -> list[list[str]]:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    return [line.split() for line in out.stdout.splitlines()[2:] if line.strip()]


def test_every_font_a_document_declares_is_embedded(tmp_path):
    for name, data in (
        ("invoice", render_invoice(invoice(30))),
        ("receipt", render_receipt(receipt())),
        ("statement", render_statement(statement())),
    ):
        declared = fonts(data, tmp_path, name)
        assert declared, name
        for row in declared:
            assert row[-5] == "yes", (name, row)  # the «emb» column
