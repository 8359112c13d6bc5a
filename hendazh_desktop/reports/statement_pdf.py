"""A subscriber's statement of account «صورت‌حساب مشتری»: A4 portrait PDF.

Entries with their running balance (header repeated on every page), the closing balance
said as «بدهکار» or «بستانکار», and what is owed by age.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from hendazh_desktop.domain.billing import AGEING_LABELS
from hendazh_desktop.domain.billing_records import StatementLine
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
from hendazh_desktop.reports.document_data import StatementDocument
from hendazh_desktop.reports.layout import SHADE

PAGE = A4
MARGIN = 10 * mm
WIDTH = PAGE[0] - 2 * MARGIN
TITLE = "صورت‌حساب مشتری"

# (heading, width in mm; None = what is left), right to left as printed.
COLUMNS: tuple[tuple[str, float | None], ...] = (
    ("ردیف", 9),
    ("تاریخ", 18),
    ("شرح", None),
    ("مرجع", 27),
    ("بدهکار (ریال)", 24),
    ("بستانکار (ریال)", 24),
    ("مانده (ریال)", 25),
    ("تشخیص", 14),
)


def side(balance: int) -> str:
    """Who owes: «بدهکار» (the subscriber), «بستانکار» (the office), or «تسویه»."""
    if balance > 0:
        return "بدهکار"
    return "بستانکار" if balance < 0 else "تسویه"


def render_statement(doc: StatementDocument) -> bytes:
    """The PDF bytes of one statement of account."""
    story: list[Flowable] = [
        _header(doc),
        Spacer(1, 3 * mm),
        _entries(doc),
        Spacer(1, 3 * mm),
        KeepTogether(
            [
                label_value_rows(
                    [
                        (
                            "مانده پایان دوره",
                            cell(
                                f"{format_number(abs(doc.balance))} ریال — {side(doc.balance)}",
                                size=10,
                                bold=True,
                            ),
                        )
                    ],
                    WIDTH,
                    label_width=40 * mm,
                ),
                Spacer(1, 3 * mm),
                cell("سن بدهی (ریال)", bold=True),
                Spacer(1, 1 * mm),
                _ageing(doc.ageing),
            ]
        ),
    ]
    code = digits(doc.subscription_code)
    caption = f"{TITLE} — {doc.subscriber_name} — کد اشتراک {code}"
    return build(
        story,
        PAGE,
        MARGIN,
        title=f"Statement {doc.subscription_code}",
        furniture=page_footer(PAGE, MARGIN, caption),
    )


def _header(doc: StatementDocument) -> Flowable:
    company = doc.company
    top = Table(
        [
            [
                cell(f"تاریخ تهیه: {format_date(doc.printed_on)}", align="left"),
                cell(TITLE, size=15, bold=True, align="center"),
                cell(company.name, size=10, bold=True),
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
    parts: list[Flowable] = [top]
    if company.address or company.phone:
        contact = " — ".join(p for p in (company.address, digits(company.phone)) if p)
        parts.append(cell(contact, size=7.5, color=MUTED))
    parts += [Spacer(1, 2 * mm), who]
    return KeepTogether(parts)


def _entry_row(index: int, entry: StatementLine) -> list[Flowable | str]:
    return [
        cell(digits(str(index)), size=7.5, align="center"),
        cell(format_date(entry.on), size=7.5, align="center", fit=True),
        cell(digits(entry.description), size=7.5),
        cell(digits(entry.reference), size=7.5, align="center"),
        amount(entry.debit, size=7.5) if entry.debit else "",
        amount(entry.credit, size=7.5) if entry.credit else "",
        amount(abs(entry.balance), size=7.5),
        cell(side(entry.balance), size=7.5, align="center"),
    ]


def _entries(doc: StatementDocument) -> Table:
    fixed = sum(w * mm for _, w in COLUMNS if w is not None)
    widths = [w * mm if w is not None else WIDTH - fixed for _, w in COLUMNS]
    rows: list[list[Flowable | str]] = [
        [cell(name, size=7.5, bold=True, align="center") for name, _ in COLUMNS]
    ]
    rows += [_entry_row(i, e) for i, e in enumerate(doc.entries, start=1)]
    if not doc.entries:
        rows.append([cell("گردشی در این دوره نیست.", align="center")] + [""] * 7)
    rows.append(
        [
            cell("جمع گردش", bold=True, align="center"),
            "",
            "",
            "",
            amount(sum(e.debit for e in doc.entries), size=7.5, bold=True),
            amount(sum(e.credit for e in doc.entries), size=7.5, bold=True),
            amount(abs(doc.balance), size=7.5, bold=True),
            cell(side(doc.balance), size=7.5, bold=True, align="center"),
        ]
    )
    last = len(rows) - 1
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("SPAN", (0, last), (3, last)),
        ("BACKGROUND", (0, last), (-1, last), SHADE),
        ("LINEABOVE", (0, last), (-1, last), 0.8, MUTED),
    ]
    if not doc.entries:
        style.append(("SPAN", (0, 1), (-1, 1)))
    return grid(rows, widths, style, repeat_rows=1, padding=2.5, split_in_row=True)


def _ageing(ageing: tuple[int, int, int, int]) -> Table:
    labels = [*AGEING_LABELS, "جمع"]
    values = [*ageing, sum(ageing)]
    each = WIDTH / len(labels)
    return grid(
        [
            [cell(label, bold=True, align="center") for label in labels],
            [amount(v, bold=i == len(values) - 1, align="center") for i, v in enumerate(values)],
        ],
        [each] * len(labels),
        [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("BACKGROUND", (-1, 0), (-1, -1), SHADE)],
    )
