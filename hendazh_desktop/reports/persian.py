"""Persian text in ReportLab: reshape, wrap in logical order, apply bidi per line, draw.

ReportLab's own right-to-left support breaks Persian (shared/recipes/PERSIAN.md); this module
does it the way that renders correctly: arabic-reshaper joins the letters, lines are broken
in logical order by measuring the reshaped words, and ``get_display`` reorders each line on
its own, so a wrapped paragraph never starts with its last words.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from arabic_reshaper import ArabicReshaper
from bidi.algorithm import get_display  # mirrors brackets, unlike ``from bidi import``
from reportlab.lib.colors import Color, black
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable

from hendazh_desktop.domain.text import strip_bidi_controls

REGULAR = "Vazirmatn"
BOLD = "Vazirmatn-Bold"
_RESHAPER = ArabicReshaper(configuration={"delete_harakat": False})
_registered = False


def register_fonts(font_dir: Path) -> None:
    """Register the static Vazirmatn faces once per process."""
    global _registered
    if _registered:
        return
    pdfmetrics.registerFont(TTFont(REGULAR, str(font_dir / "Vazirmatn-Regular.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(font_dir / "Vazirmatn-Bold.ttf")))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    _registered = True


@lru_cache(maxsize=8192)
def shape(text: str) -> str:
    """Joined letter forms, still in logical order; bidi controls are never let through."""
    return _RESHAPER.reshape(strip_bidi_controls(text))


@lru_cache(maxsize=8192)
def visual(shaped_line: str) -> str:
    """One already-wrapped line in display order for a right-to-left paragraph."""
    return get_display(shaped_line, base_dir="R")


def width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(shape(text), font, size)


def wrap_lines(text: str, font: str, size: float, max_width: float) -> list[str]:
    """Logical-order lines of shaped text that each fit ``max_width`` (explicit newlines kept;
    a single word wider than the line is broken by characters)."""
    lines: list[str] = []
    space = pdfmetrics.stringWidth(" ", font, size)
    for paragraph in shape(text).split("\n"):
        current: list[str] = []
        used = 0.0
        for word in paragraph.split(" "):
            if not word:
                continue
            word_width = pdfmetrics.stringWidth(word, font, size)
            while word_width > max_width and len(word) > 1:
                if current:
                    lines.append(" ".join(current))
                    current, used = [], 0.0
                cut = len(word)
                while cut > 1 and pdfmetrics.stringWidth(word[:cut], font, size) > max_width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
                word_width = pdfmetrics.stringWidth(word, font, size)
            extra = word_width + (space if current else 0.0)
            if current and used + extra > max_width:
                lines.append(" ".join(current))
                current, used = [word], word_width
            else:
                current.append(word)
                used += extra
        lines.append(" ".join(current))
    return lines


class PersianText(Flowable):
    """A paragraph of Persian (or mixed) text that wraps, aligns and splits across pages."""

    def __init__(
        self,
        text: str,
        *,
        font: str = REGULAR,
        size: float = 9,
        leading: float | None = None,
        align: str = "right",
        color: Color = black,
        space_after: float = 0,
    ) -> None:
        super().__init__()
        self.text = text
        self.font = font
        self.size = size
        self.leading = leading or size * 1.55
        self.align = align
        self.color = color
        self.spaceAfter = space_after
        self._lines: list[str] = []
        self._preset: list[str] | None = None  # lines of a piece split off across a page
        self._width = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._width = avail_width
        if self._preset is not None:
            self._lines = self._preset
        else:
            self._lines = wrap_lines(self.text, self.font, self.size, avail_width)
        return avail_width, self.leading * len(self._lines)

    def _piece(self, lines: list[str], space_after: float) -> PersianText:
        piece = PersianText(
            self.text,
            font=self.font,
            size=self.size,
            leading=self.leading,
            align=self.align,
            color=self.color,
            space_after=space_after,
        )
        piece._preset = lines
        return piece

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        fit = int(avail_height // self.leading)
        if fit <= 0:
            return []
        if fit >= len(self._lines):
            return [self]
        return [self._piece(self._lines[:fit], 0), self._piece(self._lines[fit:], self.spaceAfter)]

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.font, self.size)
        canvas.setFillColor(self.color)
        y = self.leading * len(self._lines) - self.size * 1.15
        for line in self._lines:
            shown = visual(line)
            if self.align == "center":
                canvas.drawCentredString(self._width / 2, y, shown)
            elif self.align == "left":
                canvas.drawString(0, y, shown)
            else:
                canvas.drawRightString(self._width, y, shown)
            y -= self.leading


def rtl_columns(rows: Sequence[Sequence[object]]) -> list[list[object]]:
    """Reverse each row so the table's first column sits at the right."""
    return [list(reversed(row)) for row in rows]
