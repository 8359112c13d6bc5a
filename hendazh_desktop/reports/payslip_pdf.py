"""A member's payslip «فیش دستمزد» for one payout batch: A5 portrait PDF with the jobs behind
it (the subscriber only by code), the fee, reimbursements, deductions, the net in figures and in
words, and boxes for the signatures (a cash payment is signed for on it)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from hendazh_desktop.domain.jalali import format_date
from hendazh_desktop.domain.money import format_number
from hendazh_desktop.reports.billing_layout import (
    INK,
    MUTED,
    amount,
    build,
    cell,
    digits,
    grid,
    label_value_rows,
    one_line,
    page_footer,
    signature_boxes,
)
from hendazh_desktop.reports.layout import SHADE, ensure_fonts
from hendazh_desktop.reports.persian import BOLD, REGULAR
from hendazh_desktop.reports.text_table import Look, text_grid
from hendazh_desktop.reports.wage_data import PayslipDocument

PAGE = A5
MARGIN = 9 * mm
WIDTH = PAGE[0] - 2 * MARGIN
TITLE = "فیش دستمزد"
SIZE = 7.5
PADDING = 2.2

# (heading, width in mm; None = what is left), right to left as printed.
JOB_COLUMNS: tuple[tuple[str, float | None], ...] = (
    ("ردیف", 8),
    ("تاریخ", 17),
    ("خدمت", None),
    ("درخواست", 15),
    ("کد مشترک", 17),
    ("بابت", 18),
    ("مبلغ (ریال)", 22),
)


def render_payslip(doc: PayslipDocument) -> bytes:
    """The PDF bytes of one payslip."""
    ensure_fonts()  # the jobs' cells are measured before ``build``
    caption = f"{TITLE} — فهرست {digits(str(doc.batch_number))} — {doc.member_name}"
    return build(
        _story(doc),
        PAGE,
        MARGIN,
        title=f"Payslip {doc.batch_number}",
        furniture=page_footer(PAGE, MARGIN, caption),
    )


def render_payslips(docs: Sequence[PayslipDocument]) -> bytes:
    """The payslips of a batch in one PDF, each starting on its own page."""
    ensure_fonts()
    story: list[Flowable] = []
    for doc in docs:
        if story:
            story.append(PageBreak())
        story += _story(doc)
    number = digits(str(docs[0].batch_number)) if docs else ""
    return build(
        story,
        PAGE,
        MARGIN,
        title=f"Payslips {docs[0].batch_number if docs else ''}",
        furniture=page_footer(PAGE, MARGIN, f"{TITLE} — فهرست {number}"),
    )


def _story(doc: PayslipDocument) -> list[Flowable]:
    story: list[Flowable] = [
        *_header(doc),
        Spacer(1, 2.5 * mm),
        _jobs(doc),
        Spacer(1, 2.5 * mm),
    ]
    if doc.deductions:
        story += [_deductions(doc), Spacer(1, 2.5 * mm)]
    story += [
        KeepTogether(
            [
                *_totals(doc),
                Spacer(1, 3 * mm),
                signature_boxes(["امضای دریافت‌کننده", "حسابدار", "مدیر"], WIDTH, height=18 * mm),
            ]
        )
    ]
    return story


def _header(doc: PayslipDocument) -> list[Flowable]:
    top = Table(
        [
            [
                cell(f"فهرست پرداخت {digits(str(doc.batch_number))}", align="left", size=8),
                cell(TITLE, size=14, bold=True, align="center"),
                cell(doc.company, size=9, bold=True),
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
    period = f"{format_date(doc.day_from)} تا {format_date(doc.day_to)}"
    paid = format_date(doc.paid_on) if doc.paid_on else "پرداخت نشده"
    rows: list[tuple[str, str | Flowable]] = [
        ("نام", doc.member_name),
        ("گروه کاری", doc.group_name),
        ("دوره", period),
        ("روش پرداخت", doc.method + (f" — {doc.problem}" if doc.problem else "")),
    ]
    if doc.iban:
        rows.append(("شماره شبا", cell(doc.iban, align="right")))
    rows.append(
        ("تاریخ پرداخت", paid + (f" — مرجع {digits(doc.bank_ref)}" if doc.bank_ref else ""))
    )
    # No KeepTogether: the header opens its page, and wrapping it whole first cost a layout pass.
    return [top, Spacer(1, 2 * mm), label_value_rows(rows, WIDTH, label_width=26 * mm)]


def _widths(columns: tuple[tuple[str, float | None], ...]) -> list[float]:
    fixed = sum(w * mm for _, w in columns if w is not None)
    return [w * mm if w is not None else WIDTH - fixed for _, w in columns]


def _jobs(doc: PayslipDocument) -> Table:
    """The jobs as plain one-line string cells, drawn by a ``TextTable`` (no flowable per cell,
    one text object per page, shared cell styles); a text too wide for its column stays a
    wrapping cell."""
    widths = _widths(JOB_COLUMNS)
    room = [w - 2 * PADDING for w in widths]
    rows: list[list[Flowable | str]] = [
        [_plain(name, room[c], bold=True) for c, (name, _) in enumerate(JOB_COLUMNS)]
    ]
    if not doc.jobs:
        rows.append([cell("کاری در این فهرست نیست.", align="center")] + [""] * 6)
        style = [
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("FONTNAME", (0, 0), (-1, 0), BOLD),
            ("FONTSIZE", (0, 0), (-1, -1), SIZE),
            ("LEADING", (0, 0), (-1, -1), SIZE * 1.25),
            ("TEXTCOLOR", (0, 0), (-1, -1), INK),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("SPAN", (0, 1), (-1, 1)),
        ]
        return grid(rows, widths, style, repeat_rows=1, padding=PADDING)
    for index, job in enumerate(doc.jobs, start=1):
        values = (
            digits(str(index)),
            format_date(job.day),
            job.service,
            digits(job.request),
            digits(job.subscriber_code) or "—",
            job.kind,
            format_number(job.amount),
        )
        rows.append([_plain(v, room[c]) for c, v in enumerate(values)])
    return text_grid(rows, widths, header=_HEAD, body=_BODY, shade=SHADE, padding=PADDING)


_HEAD = Look(BOLD, SIZE, SIZE * 1.25, "CENTER", INK)
# service, kind and amount at the right; the others centred
_BODY = tuple(
    Look(REGULAR, SIZE, SIZE * 1.25, "RIGHT" if c in (2, 5, 6) else "CENTER", INK)
    for c in range(len(JOB_COLUMNS))
)


def _plain(value: str, room: float, *, bold: bool = False) -> Flowable | str:
    font = BOLD if bold else REGULAR
    shown, needed = one_line(value, font, SIZE)
    if needed <= room:
        return shown
    return cell(value, size=SIZE, bold=bold, fit=value[:1].isdigit() or "٬" in value)


def _deductions(doc: PayslipDocument) -> Table:
    columns: tuple[tuple[str, float | None], ...] = (
        ("تاریخ", 17),
        ("کسور و اصلاحات", 30),
        ("شرح", None),
        ("مبلغ (ریال)", 22),
    )
    rows: list[list[Flowable | str]] = [
        [cell(name, size=SIZE, bold=True, align="center") for name, _ in columns]
    ]
    for line in doc.deductions:
        rows.append(
            [
                cell(format_date(line.day), size=SIZE, align="center", fit=True),
                cell(line.kind, size=SIZE),
                cell(digits(line.reason), size=SIZE),
                cell(_signed(line.amount), size=SIZE, fit=True),
            ]
        )
    # The heading repeats on a next page, and a page never ends with the heading alone.
    style = [("BACKGROUND", (0, 0), (-1, 0), SHADE)]
    return grid(rows, _widths(columns), style, padding=2.2, repeat_rows=1)


def _signed(value: int) -> str:
    return format_number(abs(value)) + (" −" if value < 0 else "")


def _totals(doc: PayslipDocument) -> list[Flowable]:
    pairs: list[tuple[str, str | Flowable]] = [("دستمزد کارها", amount(doc.fees))]
    if doc.reimbursements:
        pairs.append(("هزینه مصالح (بازپرداخت)", amount(doc.reimbursements)))
    if doc.advances:
        pairs.append(("کسر مساعده", cell(_signed(-doc.advances), fit=True)))
    if doc.clawbacks:
        pairs.append(("کسر بابت برگشت وصول", cell(_signed(-doc.clawbacks), fit=True)))
    if doc.corrections:
        pairs.append(("اصلاحیه", cell(_signed(doc.corrections), fit=True)))
    if doc.withholding:
        pairs.append(("کسور قانونی (بیمه/مالیات)", cell(_signed(-doc.withholding), fit=True)))
    pairs.append(("خالص پرداختی (ریال)", amount(doc.net, size=10, bold=True)))
    pairs.append(("به حروف", cell(doc.net_in_words, size=8)))
    table = label_value_rows(pairs, WIDTH, label_width=40 * mm)
    note = cell(
        "مبلغ‌ها به ریال است. این فیش پس از امضای دریافت‌کننده معتبر است.",
        size=6.5,
        color=MUTED,
    )
    return [table, Spacer(1, 1.5 * mm), note]
