"""The sales invoice «صورتحساب فروش کالا و خدمات» (and credit notes): A4 landscape PDF.

Laid out like the official Iranian form: a header with the title, serial number and date;
the seller's and the buyer's blocks; the line table (every further page starts with the
header block, the table's header and the subtotal brought forward, and every page the table
leaves ends with the subtotal carried);
the totals, the amount in words, terms, settlements and the balance due; the notes and the
two signature boxes. Every text is drawn through ``billing_layout.Cell`` — never as markup.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from hendazh_desktop.domain.billing import amount_in_words
from hendazh_desktop.domain.billing_records import InvoiceLine
from hendazh_desktop.domain.jalali import format_date
from hendazh_desktop.domain.money import format_number
from hendazh_desktop.reports.billing_layout import (
    DRAFT_RED,
    MUTED,
    amount,
    build,
    cell,
    digits,
    frame_height,
    grid,
    label_value_rows,
    logo,
    page_footer,
    signature_boxes,
)
from hendazh_desktop.reports.document_data import InvoiceDocument, Party
from hendazh_desktop.reports.invoice_lines import InvoiceLinesTable, Sums
from hendazh_desktop.reports.layout import INK, SHADE

PAGE = landscape(A4)
MARGIN = 10 * mm
WIDTH = PAGE[0] - 2 * MARGIN
DRAFT_NUMBER = "پیش‌نویس — بدون شماره"
LABEL_SHADE = colors.HexColor("#f6f8fa")

# (heading, width in mm; None = what is left), right to left as printed.
COLUMNS: tuple[tuple[str, float | None], ...] = (
    ("ردیف", 9),
    ("کد کالا/خدمت", 20),
    ("شرح کالا یا خدمت", None),
    ("تعداد/مقدار", 16),
    ("واحد اندازه‌گیری", 17),
    ("مبلغ واحد (ریال)", 25),
    ("مبلغ کل (ریال)", 27),
    ("مبلغ تخفیف (ریال)", 23),
    ("مبلغ کل پس از تخفیف (ریال)", 27),
    ("جمع مالیات و عوارض ارزش افزوده (ریال)", 26),
    ("جمع کل پس از تخفیف و مالیات و عوارض (ریال)", 30),
)


def _column_widths(total: float) -> list[float]:
    fixed = sum(w * mm for _, w in COLUMNS if w is not None)
    return [w * mm if w is not None else total - fixed for _, w in COLUMNS]


def render_invoice(doc: InvoiceDocument) -> bytes:
    """The PDF bytes of one invoice or credit note."""
    caption = f"{doc.title} — " + ("پیش‌نویس" if doc.draft else f"شماره {digits(doc.number)}")
    story: list[Flowable] = [
        _header(doc),
        Spacer(1, 2.5 * mm),
        _party_block("مشخصات فروشنده", doc.seller, buyer=False),
        Spacer(1, 1.5 * mm),
        _party_block("مشخصات خریدار", doc.buyer, buyer=True),
        Spacer(1, 2.5 * mm),
        _lines_table(doc),
        Spacer(1, 2.5 * mm),
        KeepTogether([_summary(doc)]),
    ]
    if doc.notes and not _short(doc.notes):
        story += [Spacer(1, 2 * mm), cell("توضیحات:", bold=True), cell(doc.notes)]
    closing: list[Flowable] = [Spacer(1, 2 * mm)]
    if doc.footer:
        closing += [cell(doc.footer, size=7.5, align="center", color=MUTED), Spacer(1, 1.5 * mm)]
    closing.append(signature_boxes(["مهر و امضای فروشنده", "مهر و امضای خریدار"], WIDTH, 18 * mm))
    story.append(KeepTogether(closing))
    return build(
        story,
        PAGE,
        MARGIN,
        title=f"{doc.title} {doc.number}",
        furniture=page_footer(PAGE, MARGIN, caption, draft=doc.draft),
        later_header=lambda: _header(doc),
    )


def _header(doc: InvoiceDocument) -> Table:
    side = 64 * mm
    title: list[Flowable] = [cell(doc.title, size=15, bold=True, align="center")]
    if doc.draft:
        title.append(
            cell("پیش‌نویس — فاقد اعتبار", size=10, bold=True, align="center", color=DRAFT_RED)
        )
    serial = grid(
        [
            [
                cell("شماره سریال", bold=True),
                cell(
                    DRAFT_NUMBER if doc.draft else digits(doc.number),
                    bold=True,
                    color=DRAFT_RED if doc.draft else INK,
                    fit=True,
                ),
            ],
            [
                cell("تاریخ صدور", bold=True),
                cell(format_date(doc.issued_on) if doc.issued_on else "—", fit=True),
            ],
            *(
                [[cell("شماره مالیاتی", bold=True), cell(doc.tax_number, fit=True)]]
                if doc.tax_number
                else []
            ),
        ],
        [22 * mm, side - 24 * mm],
        [("BACKGROUND", (0, 0), (0, -1), SHADE)],
    )
    image = logo(doc.logo_png, side - 4 * mm, 20 * mm)
    corner = image or cell(doc.seller.name, size=10, bold=True)
    table = Table(
        [[serial, title, corner]],
        colWidths=[side, WIDTH - 2 * side, side],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (2, 0), (2, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _party_block(heading: str, party: Party, *, buyer: bool) -> Table:
    """Nine columns: the heading at the right, then four label/value pairs."""
    widths = [m * mm for m in (15, 32, 0, 23, 36, 26, 36, 18, 32)]
    widths[2] = WIDTH - sum(widths)

    def label(text: str) -> Flowable:
        return cell(text, size=7.5, bold=True)

    def value(text: str, *, code: bool = False) -> Flowable:
        return cell(digits(text) if code else text, size=8)

    rows: list[list[Flowable | str]] = [
        [
            cell(heading, size=8.5, bold=True, align="center"),
            label("نام شخص حقیقی / حقوقی"),
            value(party.name),
            label("شماره اقتصادی"),
            value(party.economic_code, code=True),
            label("شناسه ملی / کد ملی"),
            value(party.national_id, code=True),
            label("شماره ثبت"),
            value(party.registration_number, code=True),
        ],
        [
            "",
            label("استان"),
            value(party.province),
            label("شهر"),
            value(party.city),
            label("کد پستی"),
            value(party.postal_code, code=True),
            label("تلفن"),
            value(party.phone, code=True),
        ],
        ["", label("نشانی"), value(party.address), "", "", "", ""]
        + ([label("کد اشتراک"), value(party.subscription_code, code=True)] if buyer else ["", ""]),
    ]
    style = [
        ("SPAN", (0, 0), (0, 2)),
        ("BACKGROUND", (0, 0), (0, 2), SHADE),
        ("SPAN", (2, 2), (6 if buyer else 8, 2)),
    ]
    style += [("BACKGROUND", (c, 0), (c, 1), LABEL_SHADE) for c in (1, 3, 5, 7)]
    style += [("BACKGROUND", (1, 2), (1, 2), LABEL_SHADE)]
    if buyer:
        style.append(("BACKGROUND", (7, 2), (7, 2), LABEL_SHADE))
    return grid(rows, widths, style, padding=2.5)


def _line_row(index: int, line: InvoiceLine) -> list[Flowable | str]:
    return [
        cell(digits(str(index)), align="center"),
        cell(digits(line.code), size=7.5, align="center"),
        cell(line.description),
        cell(format_number(line.quantity), align="center", fit=True),
        cell(line.unit, size=7.5, align="center"),
        amount(line.unit_price),
        amount(line.gross),
        amount(line.discount),
        amount(line.net),
        cell("معاف", align="center") if line.vat_exempt else amount(line.vat),
        amount(line.total, bold=True),
    ]


def _lines_table(doc: InvoiceDocument) -> InvoiceLinesTable:
    """The lines; a page break carries the subtotal and repeats the header block."""
    header: list[Flowable | str] = [
        cell(name, size=7, bold=True, align="center") for name, _ in COLUMNS
    ]
    return InvoiceLinesTable(
        header=header,
        lines=[(line, _line_row(i, line)) for i, line in enumerate(doc.lines, start=1)],
        widths=_column_widths(WIDTH),
        totals=Sums(doc.gross, doc.discount, doc.net, doc.vat, doc.total),
        frame_height=frame_height(PAGE, MARGIN),
    )


def _short(notes: str) -> bool:
    """Short notes sit beside the settlements; long ones flow (and split) below them."""
    return len(notes) <= 400 and notes.count("\n") < 4


def _summary(doc: InvoiceDocument) -> Table:
    """Words, terms and references at the right; settlements and balance at the left."""
    gap = 4 * mm
    right = WIDTH * 0.6
    left = WIDTH - right - gap
    words = doc.amount_in_words or amount_in_words(doc.total)
    pairs = [("مبلغ به حروف", words), ("شرایط و نحوه فروش", doc.terms)]
    if doc.request_number:
        pairs.append(("شماره درخواست", digits(doc.request_number)))
    if doc.references:
        pairs.append(("مرجع", digits(doc.references)))
    if doc.notes and _short(doc.notes):
        pairs.append(("توضیحات", doc.notes))
    details = label_value_rows(pairs, right, label_width=30 * mm)

    rows: list[list[Flowable | str]] = [
        [cell("جمع کل صورتحساب (ریال)", bold=True), amount(doc.total, bold=True)]
    ]
    rows += [[cell(digits(s.label)), amount(s.amount)] for s in doc.settlements]
    rows.append([cell("مانده قابل پرداخت (ریال)", bold=True), amount(doc.balance_due, bold=True)])
    money = grid(
        rows,
        [left - 36 * mm, 36 * mm],
        [("BACKGROUND", (0, -1), (-1, -1), SHADE), ("BACKGROUND", (0, 0), (-1, 0), SHADE)],
    )
    table = Table([[money, "", details]], colWidths=[left, gap, right])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table
