"""A subscriber's gift-credit statement «صورت اعتبار هدیه»: A4 portrait PDF.

Gift credit is not money: the document says so, and never shows the subscriber's money
balance. Entries oldest first with the running gift credit (header repeated on every page).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from hendazh_desktop.domain.jalali import format_date
from hendazh_desktop.domain.money import format_number
from hendazh_desktop.reports.billing_layout import (
    MUTED,
    amount,
    build,
    cell,
    digits,
    grid,
    label_value_rows,
    page_footer,
)
from hendazh_desktop.reports.document_data import CreditLine, CreditStatementDocument
from hendazh_desktop.reports.layout import SHADE

PAGE = A4
MARGIN = 10 * mm
WIDTH = PAGE[0] - 2 * MARGIN
TITLE = "صورت اعتبار هدیه"
NOT_MONEY = (
    "اعتبار هدیه از معرفی و کارهای مشترک به دست می‌آید و فقط برای هدایای صنایع دستی شرکت خرج "
    "می‌شود؛ پول نیست، پرداخت یا مسترد نمی‌شود و با مانده حساب نقدی مشترک جمع نمی‌شود."
)

# (heading, width in mm; None = what is left), right to left as printed.
COLUMNS: tuple[tuple[str, float | None], ...] = (
    ("ردیف", 9),
    ("تاریخ", 18),
    ("نوع", 34),
    ("شرح", None),
    ("درخواست", 16),
    ("افزایش (ریال)", 24),
    ("کاهش (ریال)", 24),
    ("اعتبار پس از آن (ریال)", 28),
)


def render_credit_statement(doc: CreditStatementDocument) -> bytes:
    """The PDF bytes of one gift-credit statement."""
    closing = f"{format_number(abs(doc.gift_credit))} ریال اعتبار" + (
        " — منفی (خرج تا جبران بسته است)" if doc.gift_credit < 0 else ""
    )
    story: list[Flowable] = [
        _header(doc),
        Spacer(1, 3 * mm),
        _entries(doc),
        Spacer(1, 3 * mm),
        KeepTogether(
            [
                label_value_rows(
                    [("اعتبار هدیه پایان دوره", cell(closing, size=10, bold=True))],
                    WIDTH,
                    label_width=40 * mm,
                ),
                Spacer(1, 2 * mm),
                cell(NOT_MONEY, size=7.5, color=MUTED),
            ]
        ),
    ]
    caption = f"{TITLE} — {doc.subscriber_name} — کد اشتراک {digits(doc.subscription_code)}"
    return build(
        story,
        PAGE,
        MARGIN,
        title=f"Gift credit {doc.subscription_code}",
        furniture=page_footer(PAGE, MARGIN, caption),
    )


def _header(doc: CreditStatementDocument) -> Flowable:
    top = Table(
        [
            [
                cell(f"تاریخ تهیه: {format_date(doc.printed_on)}", align="left"),
                cell(TITLE, size=15, bold=True, align="center"),
                cell(doc.company, size=10, bold=True),
            ]
        ],
        colWidths=[WIDTH * 0.3, WIDTH * 0.4, WIDTH * 0.3],
    )
    top.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    who = grid(
        [
            [
                cell("نام مشترک", bold=True),
                cell(doc.subscriber_name),
                cell("کد اشتراک", bold=True),
                cell(digits(doc.subscription_code) or "—"),
            ]
        ],
        [26 * mm, WIDTH - 82 * mm, 24 * mm, 32 * mm],
        [("BACKGROUND", (0, 0), (0, 0), SHADE), ("BACKGROUND", (2, 0), (2, 0), SHADE)],
    )
    return KeepTogether([top, Spacer(1, 2 * mm), who])


def _row(index: int, line: CreditLine) -> list[Flowable | str]:
    return [
        cell(digits(str(index)), size=7.5, align="center"),
        cell(format_date(line.on), size=7.5, align="center", fit=True),
        cell(line.kind, size=7.5),
        cell(digits(line.description), size=7.5),
        cell(digits(line.request), size=7.5, align="center"),
        amount(line.amount, size=7.5) if line.amount > 0 else "",
        amount(-line.amount, size=7.5) if line.amount < 0 else "",
        cell(format_number(abs(line.after)) + (" منفی" if line.after < 0 else ""), size=7.5),
    ]


def _entries(doc: CreditStatementDocument) -> Table:
    fixed = sum(w * mm for _, w in COLUMNS if w is not None)
    widths = [w * mm if w is not None else WIDTH - fixed for _, w in COLUMNS]
    rows: list[list[Flowable | str]] = [
        [cell(name, size=7.5, bold=True, align="center") for name, _ in COLUMNS]
    ]
    rows += [_row(i, line) for i, line in enumerate(doc.lines, start=1)]
    style: list[tuple[Any, ...]] = [("BACKGROUND", (0, 0), (-1, 0), SHADE)]
    if not doc.lines:
        rows.append([cell("گردشی ثبت نشده است.", align="center")] + [""] * 7)
        style.append(("SPAN", (0, 1), (-1, 1)))
    return grid(rows, widths, style, repeat_rows=1, padding=2.5, split_in_row=True)
