"""A boxed right-to-left table of mostly one-line texts, drawn cheaply: its cells share a few
styles, the height of a row of plain strings is known without measuring, and every plain
string is written into one PDF text object per drawing instead of one per cell.

It looks exactly like ``billing_layout.grid`` with the same cell styles (the payslip's jobs
table, where ReportLab's per-cell work was most of a slip's rendering time).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable, Table
from reportlab.platypus.tables import CellStyle

from hendazh_desktop.reports.layout import INK, RULE
from hendazh_desktop.reports.persian import register_text_cache


@dataclass(frozen=True, slots=True)
class Look:
    """How the cells of a column (or of the header) print."""

    font: str
    size: float
    leading: float
    align: str = "CENTER"  # LEFT, CENTER or RIGHT
    color: Color = INK


class TextTable(Table):
    """A ``Table`` whose one-line string cells go into one text object per drawing (ReportLab
    makes a text object, and sets its font, for every string); other cells draw as usual."""

    _texts: PDFTextObject | None = None
    _text_look: tuple[Any, ...] | None = None

    def draw(self) -> None:
        self._texts, self._text_look = None, None
        super().draw()
        texts, self._texts = self._texts, None
        if texts is not None:
            canvas = self.canv
            canvas.saveState()  # the text object's colour stays inside
            canvas.drawText(texts)
            canvas.restoreState()

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: Any, size: Any) -> None:
        style = cellstyle
        if (
            type(cellval) is not str
            or "\n" in cellval
            or style.alignment not in _ALIGNED
            or style.valign not in ("TOP", "MIDDLE", "BOTTOM")
            or style.direction
            or style.shaping
            or style.href
            or style.destination
        ):
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        if not cellval:
            return  # an empty string draws nothing
        # The position as ``Table._drawCell`` computes it for a one-line string.
        colpos, rowpos = pos
        colwidth, rowheight = size
        fontsize, leading = style.fontsize, style.leading
        if style.valign == "BOTTOM":
            y = rowpos + style.bottomPadding + leading - fontsize
        elif style.valign == "TOP":
            y = rowpos + rowheight - style.topPadding - fontsize
        else:
            y = rowpos + (style.bottomPadding + rowheight - style.topPadding + leading) / 2.0
            y -= fontsize
        width = _width(cellval, style.fontname, fontsize)
        if style.alignment == "LEFT":
            x = colpos + style.leftPadding
        elif style.alignment == "RIGHT":
            x = colpos + colwidth - style.rightPadding - width
        else:
            x = colpos + (colwidth + style.leftPadding - style.rightPadding) * 0.5 - 0.5 * width
        texts = self._texts
        if texts is None:
            texts = self._texts = self.canv.beginText()
        look = (style.fontname, fontsize, leading, style.color)
        if look != self._text_look:
            if self._text_look is None or look[:3] != self._text_look[:3]:
                texts.setFont(style.fontname, fontsize, leading)
            if self._text_look is None or look[3] != self._text_look[3]:
                texts.setFillColor(style.color)
            self._text_look = look
        texts.setTextOrigin(x, y)
        # ``textOut`` without its cursor advance (a second measure of the text): every
        # string here sets its own origin.
        texts._code.append(texts._formatText(cellval))


_ALIGNED = frozenset(("LEFT", "RIGHT", "CENTER", "CENTRE"))


@lru_cache(maxsize=16384)
def _width(text: str, font: str, size: float) -> float:
    """A text's width (a batch's payslips repeat their dates, services and kinds)."""
    return float(stringWidth(text, font, size))


register_text_cache(_width.cache_clear)


def _cell_style(look: Look, padding: float) -> CellStyle:
    style = CellStyle(f"{look.font} {look.size} {look.align}")
    style.fontname = look.font
    style.fontsize = look.size
    style.leading = look.leading
    style.color = look.color
    style.alignment = look.align
    style.valign = "MIDDLE"
    style.leftPadding = style.rightPadding = padding
    style.topPadding = style.bottomPadding = padding - 1
    return style


def text_grid(
    rows: Sequence[Sequence[Flowable | str]],
    widths: Sequence[float],
    *,
    header: Look,
    body: Sequence[Look],
    shade: Color,
    padding: float = 3,
) -> TextTable:
    """Rows in reading order (first column at the right), the first one a shaded header
    repeated on every page; ``body`` gives each column's look, in reading order. The same
    page as ``billing_layout.grid`` with those fonts, sizes, alignments and paddings."""
    count = len(widths)
    head = _cell_style(header, padding)
    looks: dict[Look, CellStyle] = {header: head}
    columns = [looks.setdefault(look, _cell_style(look, padding)) for look in body]
    styles = [[head] * count] + [list(reversed(columns)) for _ in rows[1:]]
    heights: list[float | None] = []
    for row, row_styles in zip(rows, styles, strict=True):
        if all(type(value) is str and "\n" not in value for value in row):
            # as ``Table`` measures a row of one-line strings
            heights.append(max(s.leading + (s.bottomPadding + s.topPadding) for s in row_styles))
        else:
            heights.append(None)  # measured by the table
    table = TextTable(
        [list(reversed(row)) for row in rows],
        colWidths=list(reversed(widths)),
        rowHeights=heights,
        repeatRows=1,
        cellStyles=styles,
        normalizedData=1,  # already lists of str and flowables (no None, no bytes)
    )
    table.setStyle(
        [
            ("BACKGROUND", (0, 0), (-1, 0), shade),
            ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ("BOX", (0, 0), (-1, -1), 0.8, INK),
        ]
    )
    return table
