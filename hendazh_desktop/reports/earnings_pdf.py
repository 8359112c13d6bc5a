"""A work group's statement of earnings «صورت کارکرد و دستمزد» over a Jalali range: A4
portrait PDF, every wage item oldest first (header repeated), then the totals by kind."""

from __future__ import annotations

from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from hendazh_desktop.domain.jalali import format_date
from hendazh_desktop.domain.money import format_number
from hendazh_desktop.reports.billing_layout import (
    build,
    cell,
    digits,
    grid,
    label_value_rows,
    page_footer,
)
from hendazh_desktop.reports.layout import SHADE
from hendazh_desktop.reports.wage_data import EarningsStatementDocument

PAGE = A4
MARGIN = 10 * mm
WIDTH = PAGE[0] - 2 * MARGIN
TITLE = "صورت کارکرد و دستمزد گروه"
SIZE = 7.5

COLUMNS: tuple[tuple[str, float | None], ...] = (
    ("ردیف", 9),
    ("تاریخ", 18),
    ("عضو", 30),
    ("نوع", 30),
    ("شرح", None),
    ("درخواست", 16),
    ("مبلغ (ریال)", 26),
    ("فهرست پرداخت", 20),
)


def _signed(value: int) -> str:
    return format_number(abs(value)) + (" −" if value < 0 else "")


def render_earnings_statement(doc: EarningsStatementDocument) -> bytes:
    """The PDF bytes of one group's statement of earnings."""
    period = f"{format_date(doc.day_from)} تا {format_date(doc.day_to)}"
    header = label_value_rows(
        [
            ("شرکت", doc.company),
            ("گروه کاری", doc.group_name),
            ("دوره", period),
            ("تاریخ تهیه", format_date(doc.printed_on)),
        ],
        WIDTH,
        label_width=30 * mm,
    )
    fixed = sum(w * mm for _, w in COLUMNS if w is not None)
    widths = [w * mm if w is not None else WIDTH - fixed for _, w in COLUMNS]
    rows: list[list[Flowable | str]] = [
        [cell(name, size=SIZE, bold=True, align="center") for name, _ in COLUMNS]
    ]
    for index, line in enumerate(doc.lines, start=1):
        rows.append(
            [
                cell(digits(str(index)), size=SIZE, align="center"),
                cell(format_date(line.day), size=SIZE, align="center", fit=True),
                cell(line.member, size=SIZE),
                cell(line.kind, size=SIZE),
                cell(digits(line.description), size=SIZE),
                cell(digits(line.request), size=SIZE, align="center"),
                cell(_signed(line.amount), size=SIZE, fit=True),
                cell(digits(line.paid_in) or "—", size=SIZE, align="center"),
            ]
        )
    style: list[tuple[Any, ...]] = [("BACKGROUND", (0, 0), (-1, 0), SHADE)]
    if not doc.lines:
        rows.append([cell("گردشی در این دوره نیست.", align="center")] + [""] * 7)
        style.append(("SPAN", (0, 1), (-1, 1)))
    table = grid(rows, widths, style, repeat_rows=1, padding=2.5, split_in_row=True)
    totals = label_value_rows(
        [(label, cell(_signed(value), fit=True)) for label, value in doc.totals]
        + [
            ("پرداخت‌شده (ریال)", cell(_signed(doc.paid), bold=True, fit=True)),
            ("مانده پرداخت‌نشده (ریال)", cell(_signed(doc.unpaid), bold=True, fit=True)),
        ],
        WIDTH,
        label_width=50 * mm,
    )
    story: list[Flowable] = [
        cell(TITLE, size=15, bold=True, align="center"),
        Spacer(1, 3 * mm),
        header,
        Spacer(1, 3 * mm),
        table,
        Spacer(1, 3 * mm),
        KeepTogether([totals]),
    ]
    return build(
        story,
        PAGE,
        MARGIN,
        title=f"Earnings {doc.group_name}",
        furniture=page_footer(PAGE, MARGIN, f"{TITLE} — {doc.group_name}"),
    )
