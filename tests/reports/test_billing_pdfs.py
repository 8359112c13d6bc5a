"""Invoice, receipt and statement PDFs: built from plain documents, read back with pdftotext."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import random
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from arabic_reshaper import ArabicReshaper
from bidi.algorithm import get_display
from PIL import Image

from hendazh_desktop.domain.billing import AGEING_LABELS, amount_in_words
from hendazh_desktop.domain.billing_records import InvoiceLine, StatementLine
from hendazh_desktop.domain.money import format_number
from hendazh_desktop.domain.text import strip_bidi_controls
from hendazh_desktop.reports import persian
from hendazh_desktop.reports.billing_layout import base_direction, display_line
from hendazh_desktop.reports.document_data import (
    InvoiceDocument,
    Party,
    ReceiptDocument,
    Settlement,
    StatementDocument,
)
from hendazh_desktop.reports.invoice_pdf import render_invoice
from hendazh_desktop.reports.receipt_pdf import render_receipt
from hendazh_desktop.reports.statement_pdf import render_statement

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="needs poppler-utils",
)

MARKUP = '<b>Ali</b> & <img src="/etc/passwd"/>'
OVERRIDE = "\u202eABC\u202c"
FONT_TAG = "<font color=red size=30>PAID</font>"

SELLER = Party(
    name="شرکت خدمات فنی هنداژمون پارس",
    economic_code="411334455667",
    national_id="10861234567",
    registration_number="54321",
    province="فارس",
    city="شیراز",
    postal_code="7134567890",
    address="خیابان زند، نبش کوچه ۱۴",
    phone="07132274517",
)
BUYER = Party(
    name="مهناز فسایی",
    national_id="2281234567",
    province="فارس",
    city="شیراز",
    postal_code="7186754321",
    address="معالی‌آباد، کوچه ۱۲، پلاک ۸",
    phone="09171234567",
    subscription_code="100245",
)
ITEMS = (
    ("S-101", "سرویس و شارژ گاز کولر گازی", 1, "دستگاه", 18_500_000, 0, False),
    ("S-114", "تعویض شیر مخلوط آشپزخانه", 2, "عدد", 4_250_000, 500_000, False),
    ("P-220", "لوله پلی‌پروپیلن ۲۰ میلی‌متری", 12, "متر", 385_000, 0, False),
    ("S-150", "ایاب و ذهاب", 1, "سرویس", 2_000_000, 0, True),
)


def _lines(count: int) -> tuple[InvoiceLine, ...]:
    lines = []
    for i in range(count):
        code, description, quantity, unit, price, discount, exempt = ITEMS[i % len(ITEMS)]
        price += i * 1_000  # every line different
        gross = quantity * price
        net = gross - discount
        vat = 0 if exempt else net // 10
        lines.append(
            InvoiceLine(
                position=len(lines) + 1,
                code=code,
                description=description,
                quantity=quantity,
                unit=unit,
                unit_price=price,
                gross=gross,
                discount=discount,
                net=net,
                vat_bp=0 if exempt else 1000,
                vat_exempt=exempt,
                vat=vat,
                total=net + vat,
            )
        )
    return tuple(lines)


def invoice(count: int = 4, **changes: object) -> InvoiceDocument:
    lines = _lines(count)
    total = sum(line.total for line in lines)
    doc = InvoiceDocument(
        title="صورتحساب فروش کالا و خدمات",
        number="1404-000123",
        issued_on=dt.date(2025, 11, 6),
        seller=SELLER,
        buyer=BUYER,
        lines=lines,
        gross=sum(line.gross for line in lines),
        discount=sum(line.discount for line in lines),
        net=sum(line.net for line in lines),
        vat=sum(line.vat for line in lines),
        total=total,
        terms="غیرنقدی (نسیه)",
        request_number="4521",
        notes="ضمانت قطعات شش ماه",
        settlements=(Settlement("پیش‌پرداخت — رسید RCP-1404-000031", 10_000_000),),
        balance_due=total - 10_000_000,
        amount_in_words=amount_in_words(total),
        footer="با سپاس از اعتماد شما",
    )
    return dataclasses.replace(doc, **changes)  # type: ignore[arg-type]


def receipt(**changes: object) -> ReceiptDocument:
    doc = ReceiptDocument(
        number="RCP-1404-000031",
        received_on=dt.date(2025, 11, 1),
        company=SELLER,
        payer_name="مهناز فسایی",
        subscription_code="100245",
        method="کارت‌خوان",
        details="شماره پیگیری ۶۵۴۳۲۱",
        amount=25_000_000,
        amount_in_words=amount_in_words(25_000_000),
        applied_to="1404-000123",
        unapplied=1_250_000,
        note="بابت سرویس کولر",
        received_by="سارا احمدی",
    )
    return dataclasses.replace(doc, **changes)  # type: ignore[arg-type]


def statement(count: int = 6, **changes: object) -> StatementDocument:
    entries, balance = [], 0
    for i in range(count):
        debit, credit = (0, 7_500_000) if i % 3 == 2 else (4_350_000 + i * 1_000, 0)
        balance += debit - credit
        entries.append(
            StatementLine(
                dt.date(2025, 6, 1) + dt.timedelta(days=7 * i),
                "دریافت وجه" if credit else "صورتحساب خدمات لوله‌کشی",
                f"1404-{100 + i:06d}",
                debit,
                credit,
                balance,
            )
        )
    doc = StatementDocument(
        company=SELLER,
        subscriber_name="مهناز فسایی",
        subscription_code="100245",
        printed_on=dt.date(2025, 11, 20),
        entries=tuple(entries),
        balance=balance,
        ageing=(4_000_000, 3_250_000, 0, 1_200_000),
    )
    return dataclasses.replace(doc, **changes)  # type: ignore[arg-type]


def _norm(text: str) -> str:
    return strip_bidi_controls(unicodedata.normalize("NFKC", text)).replace("\u200c", "")


def pdf_layout(data: bytes, tmp_path: Path, name: str = "doc") -> str:
    """pdftotext -layout, NFKC-folded, bidi marks and ZWNJ dropped; lines kept."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return _norm(out)


def pdf_text(data: bytes, tmp_path: Path, name: str = "doc") -> str:
    """The same, with every run of white space made one space."""
    return re.sub(r"\s+", " ", pdf_layout(data, tmp_path, name))


def pages(data: bytes, tmp_path: Path) -> int:
    path = tmp_path / "pages.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]


def assert_has(text: str, *expected: str) -> None:
    """Each item is in the text; spaces are ignored (pdftotext drops the space between a
    Persian word and a number next to it)."""
    squeezed = re.sub(r"\s+", "", text)
    for item in expected:
        assert re.sub(r"\s+", "", _norm(item)) in squeezed, item


# -- invoice ----------------------------------------------------------------------------------


def test_invoice_prints_number_parties_every_amount_and_words(tmp_path):
    doc = invoice()
    pdf = render_invoice(doc)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    assert_has(
        text,
        "صورتحساب فروش کالا و خدمات",
        "۱۴۰۴-۰۰۰۱۲۳",
        "۱۴۰۴/۰۸/۱۵",
        "مشخصات",  # the block headings wrap in their narrow cell
        "فروشنده",
        "خریدار",
        "مهناز فسایی",
        "شرکت خدمات فنی هنداژمون پارس",
        "۴۱۱۳۳۴۴۵۵۶۶۷",
        "۱۰۰۲۴۵",
        "کد اشتراک",
        "جمع کل",
        "معاف",
        "مبلغ به حروف",
        doc.amount_in_words,
        "شرایط و نحوه فروش",
        "غیرنقدی",
        "شماره درخواست",
        "۴۵۲۱",
        "پیش‌پرداخت — رسید",
        "RCP-۱۴۰۴-۰۰۰۰۳۱",  # references in Persian digits like the rest
        "مانده قابل پرداخت",
        "توضیحات",
        "ضمانت قطعات شش ماه",
        "با سپاس از اعتماد شما",
        "مهر و امضای فروشنده",
        "مهر و امضای خریدار",
    )
    assert re.search(r"صفحه\s*۱\s*از\s*۱", text)
    for line in doc.lines:
        amounts = [line.unit_price, line.gross, line.net, line.total]
        amounts += [line.discount] if line.discount else []
        amounts += [] if line.vat_exempt else [line.vat]
        for value in amounts:
            assert format_number(value) in text, value
    for value in (doc.gross, doc.discount, doc.net, doc.vat, doc.total, doc.balance_due):
        assert format_number(value) in text, value
    assert re.search("[۰-۹]٬[۰-۹]{3}٬[۰-۹]{3}", text)


def test_columns_run_right_to_left_in_the_official_order(tmp_path):
    doc = invoice()
    layout = pdf_layout(render_invoice(doc), tmp_path)
    first = doc.lines[0]
    row = next(line for line in layout.splitlines() if _norm(first.description) in line)
    # pdftotext writes a line from left to right: the last column comes first.
    order = [
        format_number(first.total),
        format_number(first.vat),
        format_number(first.unit_price),
        _norm(first.unit),
        _norm(first.description),
        persian_digits_of(first.code),
        "۱",
    ]
    positions = [row.rindex(part) if part == "۱" else row.index(part) for part in order]
    assert positions == sorted(positions), row
    header = next(line for line in layout.splitlines() if "ردیف" in line)
    assert header.index("شرح کالا یا خدمت") < header.index("کد کالا/خدمت") < header.index("ردیف")


def test_draft_says_so_and_has_no_number(tmp_path):
    pdf = render_invoice(invoice(number="", issued_on=None, draft=True))
    text = pdf_text(pdf, tmp_path)
    assert_has(text, "پیش‌نویس — بدون شماره", "پیش‌نویس — فاقد اعتبار")
    assert "۱۴۰۴-۰۰۰۱۲۳" not in text


def test_sixty_lines_paginate_with_the_header_repeated(tmp_path):
    doc = invoice(60)
    pdf = render_invoice(doc)
    count = pages(pdf, tmp_path)
    assert count >= 2
    layout = pdf_layout(pdf, tmp_path)
    page_texts = layout.split("\f")
    for page in page_texts[:count]:
        assert "ردیف" in page and "شرح کالا یا خدمت" in page
    text = re.sub(r"\s+", " ", layout)
    last = persian_digits(count)
    assert re.search(rf"صفحه\s*۱\s*از\s*{last}", text)
    assert re.search(rf"صفحه\s*{last}\s*از\s*{last}", text)
    for line in doc.lines:
        assert format_number(line.total) in text
    assert format_number(doc.total) in text and format_number(doc.vat) in text
    assert _norm(doc.amount_in_words) in text
    assert "۶۰" in text


def persian_digits_of(text: str) -> str:
    """Codes and references print in Persian digits like the rest."""
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def persian_digits(value: int) -> str:
    return str(value).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def test_credit_note_names_the_invoice_it_corrects(tmp_path):
    doc = invoice(
        title="اعلامیه برگشت از فروش",
        number="CRN-1404-000004",
        references="برگشت صورتحساب شماره 1404-000012",
    )
    text = pdf_text(render_invoice(doc), tmp_path)
    assert_has(text, "اعلامیه برگشت از فروش", "برگشت صورتحساب شماره ۱۴۰۴-۰۰۰۰۱۲")
    assert "۰۰۰۰۱۲-۱۴۰۴" not in text  # bare bidi would print the code's parts swapped
    assert "CRN-۱۴۰۴-۰۰۰۰۰۴" in text


def test_hostile_names_print_literally_and_nothing_is_embedded(tmp_path):
    buyer = dataclasses.replace(BUYER, name=MARKUP, city=OVERRIDE, address=FONT_TAG)
    line = dataclasses.replace(_lines(1)[0], description=FONT_TAG, unit=OVERRIDE, code=MARKUP)
    doc = invoice(
        buyer=buyer,
        seller=dataclasses.replace(SELLER, name=FONT_TAG),
        lines=(line, *_lines(2)),
        notes=f"مبلغ: \u202e0001\u202c ریال {MARKUP}",
        settlements=(Settlement(MARKUP, 5_000_000),),
    )
    pdf = render_invoice(doc)
    assert pdf.startswith(b"%PDF")
    assert b"/Subtype /Image" not in pdf  # no file pulled in by <img src=…>
    text = pdf_text(pdf, tmp_path)
    # pdftotext moves a bracket at either end of a left-to-right run inside a Persian line,
    # so the ends are checked on the drawn strings below.
    assert '<b>Ali</b> & <img src="/etc/passwd"' in text
    assert "<font color=red size=30>PAID</font" in text
    assert "ABC" in text and "CBA" not in text
    assert "0001" in text and "1000" not in text
    for value in (MARKUP, FONT_TAG, OVERRIDE):
        shaped = persian.shape(value)
        assert display_line(shaped, base_direction(shaped)) == strip_bidi_controls(value)


def test_bidi_controls_never_reach_the_page(tmp_path):
    assert persian.shape(OVERRIDE) == "ABC"
    assert persian.shape("\u2066x\u2069\u200f\u061c") == "x"
    pdf = render_receipt(receipt(payer_name=f"رضا {OVERRIDE} کریمی", note="\u202e0001\u202c"))
    text = pdf_text(pdf, tmp_path)
    assert "ABC" in text and "CBA" not in text
    assert "0001" in text and "1000" not in text


def test_characters_unknown_to_python_or_zwj_ligatures_still_print(tmp_path):
    # U+1FAE8 (Unicode 15) is unassigned for Python 3.11's tables: python-bidi asserts on it;
    # ZWJ before lam-alef makes arabic-reshaper 3.1 fail.
    name = "علی \U0001fae8 رضایی \u0378"
    pdf = render_invoice(
        invoice(buyer=dataclasses.replace(BUYER, name=name), notes="ک\u200dلا و نضثئء\u200dلأ")
    )
    assert_has(pdf_text(pdf, tmp_path), "علی", "رضایی")
    assert render_receipt(receipt(payer_name=name)).startswith(b"%PDF")
    assert render_statement(statement(subscriber_name=name)).startswith(b"%PDF")


def test_logo_is_drawn_and_a_broken_one_is_left_out(tmp_path):
    image = io.BytesIO()
    Image.new("RGB", (120, 40), (30, 60, 90)).save(image, format="PNG")
    assert b"/Subtype /Image" in render_invoice(invoice(logo_png=image.getvalue()))
    broken = render_invoice(invoice(logo_png=b"\x89PNG\r\n\x1a\nnot really"))
    assert b"/Subtype /Image" not in broken
    assert "مهناز فسایی" in pdf_text(broken, tmp_path)


def test_an_overlong_description_splits_across_pages(tmp_path):
    long_line = dataclasses.replace(_lines(1)[0], description="شرح بسیار بلند " * 600)
    pdf = render_invoice(invoice(lines=(long_line, *_lines(3))))
    assert pages(pdf, tmp_path) >= 2


# -- receipt and statement --------------------------------------------------------------------


def test_receipt_carries_its_figures(tmp_path):
    doc = receipt()
    pdf = render_receipt(doc)
    assert pages(pdf, tmp_path) == 1
    text = pdf_text(pdf, tmp_path)
    assert_has(
        text,
        "رسید دریافت وجه",
        "RCP-۱۴۰۴-۰۰۰۰۳۱",
        "۱۴۰۴/۰۸/۱۰",
        "مهناز فسایی",
        "۱۰۰۲۴۵",
        "کارت‌خوان",
        "شماره پیگیری ۶۵۴۳۲۱",
        format_number(25_000_000),
        doc.amount_in_words,
        "۱۴۰۴-۰۰۰۱۲۳",
        "بستانکاری مشترک",
        format_number(1_250_000),
        "سارا احمدی",
        "مهر و امضای دریافت‌کننده",
    )


def test_statement_shows_entries_balance_side_and_ageing(tmp_path):
    doc = statement()
    text = pdf_text(render_statement(doc), tmp_path)
    assert_has(text, "صورت‌حساب مشتری", "مهناز فسایی", "بدهکار", "بستانکار", "مانده", *AGEING_LABELS)
    for entry in doc.entries:
        assert format_number(entry.debit or entry.credit) in text
        assert format_number(abs(entry.balance)) in text
    assert_has(text, f"{format_number(doc.balance)} ریال — بدهکار")
    for value in (*doc.ageing, sum(doc.ageing)):
        assert format_number(value) in text
    in_credit = pdf_text(render_statement(statement(3, balance=-2_500_000)), tmp_path)
    assert_has(in_credit, f"{format_number(2_500_000)} ریال — بستانکار")


def test_long_statement_paginates(tmp_path):
    doc = statement(120)
    pdf = render_statement(doc)
    assert pages(pdf, tmp_path) >= 2
    layout = pdf_layout(pdf, tmp_path)
    assert all("بدهکار" in page for page in layout.split("\f") if page.strip())
    assert format_number(doc.balance) in re.sub(r"\s+", " ", layout)


# -- shaping switch and its fast paths -------------------------------------------------------


def test_shaping_disabled_is_undone_on_exit():
    doc = invoice()
    before = render_invoice(doc)
    joined = persian.shape("سلام")
    assert persian.shaping_enabled()
    with persian.shaping_disabled():
        assert not persian.shaping_enabled()
        assert persian.shape("سلام") == "سلام"
        assert persian.visual("سلام") == "سلام"
        assert persian.shape(OVERRIDE) == "ABC"  # controls still never pass
        assert render_invoice(doc) != before
    assert persian.shaping_enabled()
    assert persian.shape("سلام") == joined != "سلام"
    assert persian.visual(joined) == joined[::-1]
    assert render_invoice(doc) == before  # byte for byte (invariant PDFs)


def test_fast_paths_give_what_the_libraries_give():
    """shape()/visual() skip the libraries for texts they would not change (or only
    reverse): over random texts they must still agree with them exactly."""
    reference = ArabicReshaper(configuration={"delete_harakat": False})
    letters = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآأؤئءةيكـ"
    alphabets = (
        letters * 2 + " " * 6 + "\u200c\u064b\u064e\u0651\u0670۰۱۲۳۴۵۶۷۸۹٬٫/0123456789abcXY"
        "()[]«»<>-.,:;!?\"'&%+−—،؛؟\u202e\u2066\u200f\ufdfd\ufd3e\u0660\u066c\u05d0\t",
        letters + " " * 4 + "()«»[]/-.:،؛!%\u200c\u064e",
        "abcXYZ ()<>[]-.,:/%+0123456789\u0301",
        "۰۱۲۳۴۵۶۷۸۹٬/0123456789",
    )
    rng = random.Random(7)
    for n in range(8000):
        alphabet = alphabets[n % len(alphabets)]
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        shaped = persian.shape(text)
        assert shaped == reference.reshape(strip_bidi_controls(text)), text
        for base_dir in ("R", "L"):
            # right-to-left lines embed hyphenated codes first (they would print reversed)
            line = persian.embed_codes(shaped) if base_dir == "R" else shaped
            assert persian.visual(shaped, base_dir) == get_display(line, base_dir=base_dir), (
                text,
                base_dir,
            )
