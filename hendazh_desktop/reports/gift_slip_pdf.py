"""A gift order's delivery slip «رسید تحویل هدیه»: A5 portrait PDF with each gift's photo
thumbnail, quantity and price in gift credit, the total, and boxes for the subscriber's and
the office's signatures. Gift credit is not money: the slip says so."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Spacer, Table, TableStyle

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
    signature_boxes,
)
from hendazh_desktop.reports.document_data import GiftSlipDocument, GiftSlipLine
from hendazh_desktop.reports.layout import SHADE

PAGE = A5
MARGIN = 9 * mm
WIDTH = PAGE[0] - 2 * MARGIN
TITLE = "رسید تحویل هدیه"
THUMB = 16 * mm
NOT_MONEY = (
    "این هدایا با اعتبار هدیه مشترک برداشته شده‌اند؛ اعتبار هدیه پول نیست و بابت آن وجهی "
    "دریافت یا پرداخت نمی‌شود."
)
# (heading, width in mm; None = what is left), right to left as printed.
COLUMNS: tuple[tuple[str, float | None], ...] = (
    ("ردیف", 8),
    ("تصویر", 19),
    ("هدیه", None),
    ("تعداد", 11),
    ("بهای هر عدد (ریال)", 24),
    ("جمع (ریال)", 24),
)


def render_gift_slip(doc: GiftSlipDocument) -> bytes:
    """The PDF bytes of one delivery slip."""
    story: list[Flowable] = [
        _header(doc),
        Spacer(1, 3 * mm),
        _lines(doc),
        Spacer(1, 3 * mm),
        KeepTogether(
            [
                label_value_rows(
                    [
                        ("جمع اعتبار هدیه", cell(f"{format_number(doc.total)} ریال", bold=True)),
                        ("اعتبار هدیه باقی‌مانده", cell(_credit(doc.credit_after))),
                    ],
                    WIDTH,
                    label_width=36 * mm,
                ),
                Spacer(1, 2 * mm),
                cell(NOT_MONEY, size=7, color=MUTED),
                Spacer(1, 4 * mm),
                signature_boxes(["امضای تحویل‌گیرنده (مشترک)", "امضا و مهر تحویل‌دهنده"], WIDTH),
            ]
        ),
    ]
    caption = f"{TITLE} شماره {digits(str(doc.order_number))} — {doc.subscriber_name}"
    return build(
        story,
        PAGE,
        MARGIN,
        title=f"Gift order {doc.order_number}",
        furniture=page_footer(PAGE, MARGIN, caption),
    )


def _credit(value: int) -> str:
    return f"{format_number(abs(value))} ریال" + (" منفی" if value < 0 else "")


def _header(doc: GiftSlipDocument) -> Flowable:
    top = Table(
        [
            [
                cell(f"شماره: {digits(str(doc.order_number))}", align="left", size=9),
                cell(TITLE, size=13, bold=True, align="center"),
                cell(doc.company, size=9, bold=True),
            ]
        ],
        colWidths=[WIDTH * 0.28, WIDTH * 0.44, WIDTH * 0.28],
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
    half = WIDTH / 2
    who = grid(
        [
            [
                cell("مشترک", bold=True),
                cell(doc.subscriber_name),
                cell("کد اشتراک", bold=True),
                cell(digits(doc.subscription_code) or "—"),
            ],
            [
                cell("تاریخ سفارش", bold=True),
                cell(format_date(doc.placed_on)),
                cell("تاریخ چاپ", bold=True),
                cell(format_date(doc.printed_on)),
            ],
            [
                cell("وضعیت", bold=True),
                cell(doc.state),
                cell("تحویل", bold=True),
                cell(doc.delivery or "—"),
            ],
        ],
        [20 * mm, half - 20 * mm, 20 * mm, half - 20 * mm],
        [("BACKGROUND", (0, 0), (0, -1), SHADE), ("BACKGROUND", (2, 0), (2, -1), SHADE)],
    )
    return KeepTogether([top, Spacer(1, 2 * mm), who])


def _thumbnail(data: bytes) -> Flowable | str:
    if not data:
        return ""
    try:
        image = Image(io.BytesIO(data))
    except (OSError, ValueError):
        return ""
    scale = min(THUMB / image.imageWidth, THUMB / image.imageHeight)
    image.drawWidth, image.drawHeight = image.imageWidth * scale, image.imageHeight * scale
    return image


def _row(index: int, line: GiftSlipLine) -> list[Flowable | str]:
    return [
        cell(digits(str(index)), size=7.5, align="center"),
        _thumbnail(line.thumbnail),
        cell(f"{line.name} ({line.craft})", size=8),
        cell(digits(str(line.quantity)), size=8, align="center"),
        amount(line.unit_price, size=8),
        amount(line.unit_price * line.quantity, size=8),
    ]


def _lines(doc: GiftSlipDocument) -> Table:
    fixed = sum(w * mm for _, w in COLUMNS if w is not None)
    widths = [w * mm if w is not None else WIDTH - fixed for _, w in COLUMNS]
    rows: list[list[Flowable | str]] = [
        [cell(name, size=7.5, bold=True, align="center") for name, _ in COLUMNS]
    ]
    rows += [_row(i, line) for i, line in enumerate(doc.lines, start=1)]
    style: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("ALIGN", (1, 1), (1, -1), "CENTER"),
    ]
    return grid(rows, widths, style, repeat_rows=1, padding=2.5)
