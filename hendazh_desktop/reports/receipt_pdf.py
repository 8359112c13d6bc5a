"""The receipt for one payment «رسید دریافت وجه», or the voucher of a refund «رسید پرداخت
وجه»: A5 portrait PDF. A receipt whose cheque bounced is reprinted marked «برگشتی»."""

from __future__ import annotations

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from hendazh_desktop.domain.billing import amount_in_words
from hendazh_desktop.domain.jalali import format_date
from hendazh_desktop.domain.money import format_number
from hendazh_desktop.reports.billing_layout import (
    DRAFT_RED,
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
from hendazh_desktop.reports.document_data import Party, ReceiptDocument
from hendazh_desktop.reports.layout import SHADE

PAGE = A5
MARGIN = 10 * mm
WIDTH = PAGE[0] - 2 * MARGIN
TITLE = "رسید دریافت وجه"
REFUND_TITLE = "رسید پرداخت وجه"
BOUNCED = "برگشتی"


def render_receipt(doc: ReceiptDocument) -> bytes:
    """The PDF bytes of one receipt or refund voucher."""
    refund = doc.kind == "refund"
    title = REFUND_TITLE if refund else TITLE
    number = digits(doc.number)
    rows: list[tuple[str, str | Flowable]] = [
        ("پرداخت به" if refund else "دریافت از", doc.payer_name),
        ("کد اشتراک", digits(doc.subscription_code) or "—"),
        ("مبلغ (ریال)", amount(doc.amount, size=11, bold=True)),
        ("مبلغ به حروف", doc.amount_in_words or amount_in_words(doc.amount)),
        ("روش پرداخت", doc.method),
    ]
    if doc.details:
        rows.append(("جزئیات پرداخت", digits(doc.details)))
    if refund:
        rows.append(("بابت", "استرداد بستانکاری مشترک"))
    else:
        rows.append(("بابت صورتحساب", digits(doc.applied_to) if doc.applied_to else "—"))
    if doc.unapplied and not refund and doc.bounced_on is None:
        rows.append(("بستانکاری مشترک (ریال)", amount(doc.unapplied, bold=True)))
        rows.append(("", cell("این مبلغ به‌عنوان بستانکاری مشترک نزد شرکت می‌ماند.", size=7.5)))
    if doc.note:
        rows.append(("توضیحات", doc.note))
    rows.append(("پرداخت‌کننده" if refund else "دریافت‌کننده", doc.received_by or "—"))
    signatures = (
        ["امضای دریافت‌کننده وجه", "مهر و امضای پرداخت‌کننده"]
        if refund
        else ["مهر و امضای دریافت‌کننده"]
    )

    story: list[Flowable] = [
        *_company(doc.company),
        Spacer(1, 3 * mm),
        cell(title, size=14, bold=True, align="center"),
        *_bounced(doc),
        Spacer(1, 3 * mm),
        grid(
            [
                [
                    cell("شماره", bold=True),
                    cell(number, fit=True),
                    cell("تاریخ", bold=True),
                    cell(format_date(doc.received_on), fit=True),
                ]
            ],
            [16 * mm, WIDTH / 2 - 16 * mm, 16 * mm, WIDTH / 2 - 16 * mm],
            [("BACKGROUND", (0, 0), (0, 0), SHADE), ("BACKGROUND", (2, 0), (2, 0), SHADE)],
        ),
        Spacer(1, 2.5 * mm),
        label_value_rows(rows, WIDTH, label_width=33 * mm),
        Spacer(1, 4 * mm),
        signature_boxes(signatures, WIDTH, 24 * mm),
    ]
    caption = f"{title} — شماره {number} — مبلغ {format_number(doc.amount)} ریال"
    if doc.bounced_on is not None:
        caption = f"{BOUNCED} — {caption}"
    return build(
        story,
        PAGE,
        MARGIN,
        title=f"Receipt {doc.number}",
        furniture=page_footer(PAGE, MARGIN, caption),
    )


def _bounced(doc: ReceiptDocument) -> list[Flowable]:
    """The mark of a receipt whose cheque bounced: what it received was never received."""
    if doc.bounced_on is None:
        return []
    why = f"؛ علت: {doc.bounce_reason}" if doc.bounce_reason else ""
    return [
        Spacer(1, 2 * mm),
        grid(
            [
                [
                    cell(
                        f"{BOUNCED} — چک در تاریخ {format_date(doc.bounced_on)} برگشت خورد",
                        size=12,
                        bold=True,
                        align="center",
                        color=DRAFT_RED,
                    )
                ],
                [
                    cell(
                        "این رسید اعتبار ندارد: وجه آن وصول نشد و آنچه با آن تسویه شده بود "
                        f"دوباره بدهی است{why}",
                        size=8,
                        align="center",
                        color=DRAFT_RED,
                    )
                ],
            ],
            [WIDTH],
            [("BOX", (0, 0), (-1, -1), 1.5, DRAFT_RED)],
        ),
    ]


def _company(company: Party) -> list[Flowable]:
    lines: list[Flowable] = [cell(company.name, size=12, bold=True, align="center")]
    codes = " — ".join(
        part
        for part in (
            f"تلفن {digits(company.phone)}" if company.phone else "",
            f"شماره اقتصادی {digits(company.economic_code)}" if company.economic_code else "",
        )
        if part
    )
    for line in (company.address, codes):
        if line:
            lines.append(cell(line, size=7.5, align="center", color=MUTED))
    return lines
