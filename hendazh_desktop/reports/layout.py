"""Shared page furniture for Persian documents: fonts, styles and right-to-left tables."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle
from reportlab.platypus.tables import CellStyle

from hendazh_desktop.reports.persian import BOLD, REGULAR, PersianText, register_fonts
from hendazh_desktop.resources import font_paths

INK = colors.HexColor("#1f2d3d")
RULE = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#eef2f6")


def ensure_fonts() -> None:
    """Register Vazirmatn and make it ReportLab's default face: a canvas's first font and a
    table cell's font would otherwise be Helvetica, declared in every PDF but never embedded."""
    register_fonts(_font_dir())
    rl_config.canvas_basefontname = REGULAR
    CellStyle.fontname = REGULAR


@cache
def _font_dir() -> Path:
    """Where the bundled fonts are (looked up once: three file checks every document)."""
    return font_paths()[0].parent


def text(value: str, *, size: float = 9, bold: bool = False, align: str = "right") -> PersianText:
    return PersianText(value, font=BOLD if bold else REGULAR, size=size, align=align, color=INK)


def rtl_table(
    rows: Sequence[Sequence[str]], widths: Sequence[float], *, header: bool = True, size: float = 9
) -> Table:
    """A table whose first column sits at the right; every cell wraps Persian correctly."""
    cells = [
        [text(c, size=size, bold=header and i == 0) for c in reversed(row)]
        for i, row in enumerate(rows)
    ]
    table = Table(cells, colWidths=list(reversed(widths)), repeatRows=1 if header else 0)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
    table.setStyle(TableStyle(style))
    return table


def label_rows(pairs: Sequence[tuple[str, str]], width: float) -> Table:
    """Label: value lines, the label at the right in bold."""
    cells = [[text(value), text(label, bold=True)] for label, value in pairs]
    table = Table(cells, colWidths=[width - 35 * mm, 35 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table
