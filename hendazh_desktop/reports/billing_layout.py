"""Pieces shared by the invoice, receipt and statement PDFs.

Every text goes through ``Cell`` (a ``PersianText``): reshaped, wrapped in logical order and
reordered line by line, drawn with ``drawString`` — never parsed as markup. ``Cell`` adds three
things the billing documents need on top of ``PersianText``:

* the paragraph direction follows its first strong letter (a Latin name prints left to right,
  as Qt shows it), so ``<b>Ali</b>`` prints as typed and not with its brackets moved;
* a code such as ``1404-000012`` inside Persian text stays one left-to-right run (bare bidi
  turns it into ``000012-1404`` after a Persian word);
* characters unknown to this Python's Unicode tables (a newer emoji) are drawn as U+FFFD
  instead of making python-bidi fail the whole document.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from PIL import Image as PILImage
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    PageTemplate,
    Table,
    TableStyle,
)

from hendazh_desktop.domain.money import format_number
from hendazh_desktop.domain.text import to_persian_digits
from hendazh_desktop.reports.layout import INK, RULE, SHADE, ensure_fonts
from hendazh_desktop.reports.persian import (
    BOLD,
    REGULAR,
    PersianText,
    printable,
    register_text_cache,
    shape,
    shaping_enabled,
    visual,
)

MUTED = colors.HexColor("#5b6673")
DRAFT_RED = colors.HexColor("#c0392b")
MIN_FIT_SIZE = 5.0

# A run of letters/digits joined by hyphens (1404-000012, CRN-1404-000012, 071-3227).
_ALNUM = "A-Za-z0-9\u06f0-\u06f9\u0660-\u0669"
_CODE = re.compile(f"[{_ALNUM}]+(?:-[{_ALNUM}]+)+")
_RTL_LETTER = re.compile("[\u0590-\u065f\u066d-\u06ef\u06fa-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_LRE, _PDF = "\u202a", "\u202c"


def clean(value: str) -> str:
    """User text as it may be drawn (see ``persian.printable``)."""
    return printable(value)


def base_direction(value: str) -> str:
    """The paragraph direction: "L" when the first strong character is left-to-right, else
    "R" (Unicode rule P2)."""
    for ch in value:
        kind = unicodedata.bidirectional(ch)
        if kind == "L":
            return "L"
        if kind in ("R", "AL"):
            return "R"
    return "R"


def display_line(shaped_line: str, base_dir: str = "R") -> str:
    """A wrapped, shaped line in display order, hyphenated codes kept in reading order."""
    if shaping_enabled() and "-" in shaped_line and _RTL_LETTER.search(shaped_line):
        shaped_line = _CODE.sub(lambda m: _LRE + m.group(0) + _PDF, shaped_line)
    return visual(shaped_line, base_dir)


class Cell(PersianText):
    """PersianText with the paragraph direction of its text; ``fit`` keeps it on one line,
    shrinking the font when needed (amounts are never broken across lines)."""

    def __init__(
        self,
        value: str,
        *,
        font: str = REGULAR,
        size: float = 8,
        align: str = "right",
        color: Color = INK,
        fit: bool = False,
        leading: float | None = None,
        space_after: float = 0,
    ) -> None:
        value = clean(value)
        super().__init__(
            value,
            font=font,
            size=size,
            leading=leading,
            align=align,
            color=color,
            space_after=space_after,
        )
        self.base_dir = base_direction(value)
        self.fit = fit
        self._full_size = size
        self._wrapped: tuple[float, float] | None = None  # (width, height) of the last wrap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # Tables wrap every cell more than once at the same width: the lines are kept.
        if self._preset is None and self._wrapped and self._wrapped[0] == avail_width:
            self._width = avail_width
            return self._wrapped
        if self.fit and self._preset is None:
            self._width = avail_width
            shaped = shape(self.text)
            needed = pdfmetrics.stringWidth(shaped, self.font, self._full_size)
            self.size = self._full_size
            if needed > avail_width > 0:
                self.size = max(MIN_FIT_SIZE, self._full_size * avail_width / needed)
            self._lines = [shaped]
            size = (avail_width, self.leading)
        else:
            size = super().wrap(avail_width, avail_height)
        if self._preset is None:
            self._wrapped = size
        return size

    def _shown(self, line: str) -> str:
        return display_line(line, self.base_dir)


def cell(
    value: str,
    *,
    size: float = 8,
    bold: bool = False,
    align: str = "right",
    color: Color = INK,
    fit: bool = False,
) -> Cell:
    return Cell(value, font=BOLD if bold else REGULAR, size=size, align=align, color=color, fit=fit)


def one_line(value: str, font: str, size: float) -> tuple[str, float]:
    """A short text in display order as a table draws a plain string cell, and its width
    (cached: a batch's payslips repeat their dates, services and kinds)."""
    return _one_line(value, font, size, shaping_enabled())


@lru_cache(maxsize=16384)
def _one_line(value: str, font: str, size: float, _shaped: bool) -> tuple[str, float]:
    value = clean(value)
    shaped = shape(value)
    return display_line(shaped, base_direction(value)), pdfmetrics.stringWidth(shaped, font, size)


register_text_cache(_one_line.cache_clear)


def amount(value: int, *, size: float = 8, bold: bool = False, align: str = "right") -> Cell:
    """Rials with Persian digits and ٬, on one line."""
    return cell(format_number(value), size=size, bold=bold, align=align, fit=True)


def digits(value: str) -> str:
    """A code or number for display: Persian digits, no grouping."""
    return to_persian_digits(value)


# -- right-to-left tables ---------------------------------------------------------------------

Style = tuple[Any, ...]


def _flip(col: int, count: int) -> int:
    return count - 1 - (col if col >= 0 else count + col)


def rtl_style(commands: Sequence[Style], count: int) -> list[Style]:
    """Table style commands written for logical columns (0 = rightmost) → physical columns."""
    flipped: list[Style] = []
    for name, (c0, r0), (c1, r1), *rest in commands:
        a, b = _flip(c0, count), _flip(c1, count)
        flipped.append((name, (min(a, b), r0), (max(a, b), r1), *rest))
    return flipped


def grid(
    rows: Sequence[Sequence[Flowable | str]],
    widths: Sequence[float],
    style: Sequence[Style] = (),
    *,
    repeat_rows: int = 0,
    row_heights: Sequence[float] | None = None,
    padding: float = 3,
    split_in_row: bool = False,
) -> Table:
    """A table given in reading order (first column at the right), boxed and ruled;
    ``split_in_row`` lets a row taller than a page continue on the next one."""
    count = len(widths)
    cells = [list(row) for row in rows]
    for name, (c0, r0), (c1, _r1), *_rest in style:
        # ReportLab draws a span's top-left cell: in reading order that is its last column.
        first, last = c0 % count, c1 % count
        if name == "SPAN" and first != last:
            cells[r0][last], cells[r0][first] = cells[r0][first], ""
    table = Table(
        [list(reversed(row)) for row in cells],
        colWidths=list(reversed(widths)),
        rowHeights=row_heights,
        repeatRows=repeat_rows,
        splitInRow=split_in_row,
    )
    base: list[Style] = [
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("BOX", (0, 0), (-1, -1), 0.8, INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), padding - 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding - 1),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
    ]
    table.setStyle(TableStyle(base + rtl_style(style, count)))
    return table


def label_value_rows(
    pairs: Sequence[tuple[str, str | Flowable]], width: float, *, label_width: float = 34 * mm
) -> Table:
    """Label | value lines (label at the right, shaded); label and value are separate
    paragraphs so each keeps its own direction. A value may be a ready flowable."""
    rows = [
        [cell(label, bold=True), cell(value) if isinstance(value, str) else value]
        for label, value in pairs
    ]
    return grid(
        rows,
        [label_width, width - label_width],
        [("BACKGROUND", (0, 0), (0, -1), SHADE), ("VALIGN", (0, 0), (-1, -1), "TOP")],
    )


def signature_boxes(labels: Sequence[str], width: float, height: float = 24 * mm) -> Table:
    """Empty boxes for stamps and signatures, captioned at the top."""
    each = width / len(labels)
    return grid(
        [[cell(label, bold=True, align="center") for label in labels]],
        [each] * len(labels),
        [("VALIGN", (0, 0), (-1, -1), "TOP")],
        row_heights=[height],
    )


def logo(png: bytes, max_width: float, max_height: float) -> Image | None:
    """The company logo scaled into the box, or None when absent or unreadable (a broken
    logo must not stop an invoice from printing)."""
    if not png:
        return None
    try:
        reader = ImageReader(io.BytesIO(png))
        w, h = reader.getSize()
    except (OSError, ValueError, SyntaxError, PILImage.DecompressionBombError):
        return None
    if w <= 0 or h <= 0:
        return None
    scale = min(max_width / w, max_height / h)
    return Image(io.BytesIO(png), width=w * scale, height=h * scale)


# -- pages --------------------------------------------------------------------------------------


def draw_text(canvas: Canvas, x: float, y: float, value: str, *, size: float, align: str) -> None:
    """One line of Persian straight on the canvas (page furniture)."""
    value = clean(value)
    shown = display_line(shape(value), base_direction(value))
    canvas.setFont(REGULAR, size)
    if align == "center":
        canvas.drawCentredString(x, y, shown)
    elif align == "left":
        canvas.drawString(x, y, shown)
    else:
        canvas.drawRightString(x, y, shown)


Furniture = Callable[[Canvas, int, int], None]


def _canvas_class(furniture: Furniture) -> type[Canvas]:
    """A canvas that holds its pages until the end so each can say «صفحه ۱ از ۳»."""

    class _PagedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                furniture(self, self.getPageNumber(), total)
                Canvas.showPage(self)
            Canvas.save(self)

    return _PagedCanvas


def page_footer(
    page_size: tuple[float, float], margin: float, caption: str, *, draft: bool = False
) -> Furniture:
    """Page furniture: a rule, «صفحه n از m» at the left, the caption at the right, and on a
    draft a large diagonal mark across every page."""
    page_w, page_h = page_size

    def draw(canvas: Canvas, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        y = margin * 0.55
        canvas.line(margin, y + 9, page_w - margin, y + 9)
        canvas.setFillColor(MUTED)
        pages = f"صفحه {to_persian_digits(str(page))} از {to_persian_digits(str(total))}"
        draw_text(canvas, margin, y, pages, size=7, align="left")
        if caption:
            draw_text(canvas, page_w - margin, y, caption, size=7, align="right")
        if draft:
            canvas.setFillColor(DRAFT_RED)
            canvas.setFillAlpha(0.13)
            canvas.translate(page_w / 2, page_h / 2)
            canvas.rotate(28)
            draw_text(canvas, 0, -40, "پیش‌نویس", size=120, align="center")
        canvas.restoreState()

    return draw


def build(
    story: list[Flowable],
    page_size: tuple[float, float],
    margin: float,
    *,
    title: str,
    furniture: Furniture,
    later_header: Callable[[], Flowable] | None = None,
) -> bytes:
    """The PDF bytes of a story; ``invariant`` so that the same document gives the same bytes.
    With ``later_header``, every page after the first starts with that block (a multi-page
    invoice repeats its header)."""
    ensure_fonts()
    buffer = io.BytesIO()
    page_w, page_h = page_size
    bottom = margin + 4 * mm
    doc = BaseDocTemplate(
        buffer,
        pagesize=page_size,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=bottom,
        title=title,
        author="Hendazh",
        invariant=True,
    )
    width, height = page_w - 2 * margin, page_h - margin - bottom
    first = PageTemplate("first", [Frame(margin, bottom, width, height, id="first")])
    templates = [first]
    if later_header is not None:
        head_height = later_header().wrap(width - 12, height)[1] + 2.5 * mm

        def draw_header(canvas: Canvas, _doc: object) -> None:
            block = later_header()
            _, h = block.wrap(width - 12, height)
            block.drawOn(canvas, margin + 6, page_h - margin - 6 - h)

        later = Frame(margin, bottom, width, height - head_height, id="later")
        templates.append(PageTemplate("later", [later], onPage=draw_header))
        first.autoNextPageTemplate = "later"
    doc.addPageTemplates(templates)
    doc.build(story, canvasmaker=_canvas_class(furniture))
    return buffer.getvalue()


def frame_height(page_size: tuple[float, float], margin: float) -> float:
    """The height ``build`` leaves for the story on a page."""
    return page_size[1] - 2 * margin - 4 * mm
