"""The job sheet a work group takes to the site (A5, Persian), with a box for the price."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from hendazh_desktop.reports.layout import INK, RULE, ensure_fonts, label_rows, rtl_table, text

MARGIN = 12 * mm


@dataclass(frozen=True, slots=True)
class JobSheet:
    """Everything printed on one job sheet, already formatted for display."""

    request_number: str
    printed_at: str
    group: str
    subscriber: str
    subscription_code: str
    phones: str
    address: str
    zone: str
    service: str
    description: str
    preferred_time: str  # the day and hours the subscriber asked for
    company: str
    planned_time: str = ""  # the day (and hour) the dispatcher planned


def render_job_sheet(sheet: JobSheet) -> bytes:
    """The PDF bytes of one job sheet."""
    ensure_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A5,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"Job sheet {sheet.request_number}",
        author="Hendazh",
    )
    width = A5[0] - 2 * MARGIN
    story = [
        text(sheet.company or "هنداژمون", size=13, bold=True, align="center"),
        text(
            f"برگه کار — درخواست شماره {sheet.request_number}", size=11, bold=True, align="center"
        ),
        text(f"چاپ: {sheet.printed_at} — گروه اعزامی: {sheet.group}", size=8, align="center"),
        Spacer(1, 4 * mm),
        label_rows(
            [
                ("مشترک", f"{sheet.subscriber} (کد اشتراک {sheet.subscription_code})"),
                ("تلفن", sheet.phones),
                ("نشانی", f"{sheet.address} — {sheet.zone}" if sheet.zone else sheet.address),
                ("خدمت", sheet.service),
                ("شرح", sheet.description or "—"),
                ("زمان درخواستی مشترک", sheet.preferred_time or "—"),
                ("زمان برنامه‌ریزی‌شده", sheet.planned_time or "—"),
            ],
            width,
        ),
        Spacer(1, 5 * mm),
        text("قیمت ارائه‌شده در محل (با موافقت مشترک):", bold=True),
        Spacer(1, 2 * mm),
        rtl_table(
            [("ردیف", "شرح کار یا مواد", "تعداد", "مبلغ واحد (ریال)", "مبلغ (ریال)")]
            + [(str(n), "", "", "", "") for n in "۱۲۳۴۵"],
            [12 * mm, width - 82 * mm, 16 * mm, 27 * mm, 27 * mm],
        ),
        Spacer(1, 3 * mm),
        _signature_boxes(width),
    ]
    doc.build(story)
    return buffer.getvalue()


def _signature_boxes(width: float) -> Table:
    cells = [
        [text("امضای مشترک (موافقت با قیمت)", size=8), text("جمع کل (ریال)", size=8, bold=True)]
    ]
    table = Table(cells, colWidths=[width / 2, width / 2], rowHeights=[22 * mm])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, INK),
                ("INNERGRID", (0, 0), (-1, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table
