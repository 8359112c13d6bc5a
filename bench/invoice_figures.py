"""Invoice PDF figures for ``make bench``: how many invoices a second render, and what the
Persian shaping (reshaping + bidi) costs of that.

A batch of different 8-line invoices (each with another buyer, address, line descriptions,
amounts and number) is rendered for ~3 s normally and ~3 s inside
``persian.shaping_disabled()``, the two alternating so that both see the same
machine load. They alternate in blocks of ten invoices: ``shaping_disabled()`` empties the
shaping caches on entry and exit, so each shaped block starts cold and then, as in a printing
session of the running application, reuses the shaped labels (headings, column titles) while
every customer-specific text of each invoice is shaped afresh. Font registration and the first
render (font loading) are outside the timing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import time

from bench.common import Figure, figure, median, p95
from hendazh_desktop.demo import names as words
from hendazh_desktop.domain.billing import amount_in_words
from hendazh_desktop.domain.billing_records import InvoiceLine
from hendazh_desktop.reports.document_data import (
    InvoiceDocument,
    Party,
    Settlement,
)
from hendazh_desktop.reports.invoice_pdf import render_invoice
from hendazh_desktop.reports.layout import ensure_fonts
from hendazh_desktop.reports.persian import shaping_disabled

SECONDS = 3.0
BLOCK = 10
GOAL_PER_S = 40
GOAL_RATIO = 0.8

SELLER = Party(
    name="شرکت خدمات فنی هنداژمون پارس",
    economic_code="411334455667",
    national_id="10861234567",
    registration_number="54321",
    province="فارس",
    city="شیراز",
    postal_code="7134567890",
    address="خیابان زند، نبش کوچه ۱۴، ساختمان نگین، طبقه دوم، واحد ۷",
    phone="071-32274517",
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
# code, description, quantity, unit, unit price, discount, VAT exempt
ITEMS = (
    ("S-101", "سرویس و شارژ گاز کولر گازی اسپلیت ۱۸۰۰۰", 1, "دستگاه", 18_500_000, 0, False),
    ("S-114", "تعویض شیر مخلوط آشپزخانه (با دستمزد)", 2, "عدد", 4_250_000, 500_000, False),
    ("P-220", "لوله پلی‌پروپیلن ۲۰ میلی‌متری", 12, "متر", 385_000, 0, False),
    ("S-130", "رفع نشتی لوله آب گرم زیر سینک", 1, "خدمت", 6_800_000, 800_000, True),
    ("P-301", "زانویی و سه‌راهی برنجی", 6, "عدد", 245_000, 0, False),
    ("S-150", "ایاب و ذهاب", 1, "سرویس", 2_000_000, 0, True),
    ("S-171", "نصب و راه‌اندازی آبگرمکن دیواری", 1, "دستگاه", 12_000_000, 1_200_000, False),
    ("P-330", "شیر پیسوار کروم", 3, "عدد", 690_000, 0, False),
)


def sample_invoice(n: int = 0) -> InvoiceDocument:
    """A realistic issued invoice: 8 lines (two VAT-exempt), a prepayment, notes; ``n`` makes
    the buyer, address, descriptions, amounts and number those of another invoice."""
    rng = random.Random(n)
    buyer = dataclasses.replace(
        BUYER,
        name=f"{rng.choice(words.FEMALE_NAMES)} {rng.choice(words.SURNAMES)}",
        address=f"{rng.choice(words.NEIGHBORHOODS)}، {rng.choice(words.STREETS)}، پلاک {n % 300}",
        subscription_code=f"{10_000_000 + n * 7919 % 89_999_999}",
    )
    lines = []
    for code, description, quantity, unit, base, discount, exempt in ITEMS:
        price = base + rng.randint(0, 40) * 5_000
        description = f"{description} — {rng.choice(words.REQUEST_DESCRIPTIONS)}"
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
    total = sum(line.total for line in lines)
    paid = 10_000_000
    return InvoiceDocument(
        title="صورتحساب فروش کالا و خدمات",
        number=f"1404-{n + 1:06d}",
        issued_on=dt.date(2025, 11, 6),
        seller=SELLER,
        buyer=buyer,
        lines=tuple(lines),
        gross=sum(line.gross for line in lines),
        discount=sum(line.discount for line in lines),
        net=sum(line.net for line in lines),
        vat=sum(line.vat for line in lines),
        total=total,
        terms="غیرنقدی (نسیه)",
        request_number="4521",
        notes="ضمانت قطعات شش ماه از تاریخ نصب؛ دستمزد سه ماه.",
        settlements=(Settlement("پیش‌پرداخت — رسید RCP-1404-000031 مورخ ۱۴۰۴/۰۸/۱۰", paid),),
        balance_due=total - paid,
        amount_in_words=amount_in_words(total),
        footer="شیراز، خیابان زند — تلفن ۰۷۱-۳۲۲۷۴۵۱۷",
    )


def _render(doc: InvoiceDocument) -> float:
    start = time.perf_counter()
    render_invoice(doc)
    return time.perf_counter() - start


def measure(seconds: float = SECONDS) -> dict[str, Figure]:
    ensure_fonts()
    render_invoice(sample_invoice(-1))  # loads the fonts' tables once
    # Shaped and unshaped renders alternate, so both see the same machine load.
    shaped: list[float] = []
    unshaped: list[float] = []
    deadline = time.perf_counter() + 2 * seconds
    while time.perf_counter() < deadline or len(shaped) < 5:
        docs = [sample_invoice(len(shaped) + i) for i in range(BLOCK)]
        shaped.extend(_render(doc) for doc in docs)
        with shaping_disabled():
            unshaped.extend(_render(doc) for doc in docs)
    shaped_rate = len(shaped) / sum(shaped)
    unshaped_rate = len(unshaped) / sum(unshaped)
    ratio = shaped_rate / unshaped_rate
    return {
        "invoice_pdf_per_s": figure(
            shaped_rate,
            "/s",
            f"≥ {GOAL_PER_S} invoices/s (different 8-line invoices, one after another)",
            shaped_rate >= GOAL_PER_S,
            renders=len(shaped),
            median_ms=round(median(shaped) * 1000, 2),
            p95_ms=round(p95(shaped) * 1000, 2),
        ),
        "invoice_pdf_shaped_vs_unshaped": figure(
            ratio,
            "×",
            f"≥ {GOAL_RATIO} (shaped ÷ unshaped throughput)",
            ratio >= GOAL_RATIO,
            limit=unshaped_rate,
            ratio=ratio,
            unshaped_per_s=round(unshaped_rate, 1),
            unshaped_median_ms=round(median(unshaped) * 1000, 2),
        ),
    }


if __name__ == "__main__":
    for name, result in measure().items():
        print(name, result)
