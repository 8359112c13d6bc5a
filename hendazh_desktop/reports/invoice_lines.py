"""The line table of an invoice, split across pages by hand: every page the table leaves ends
with the subtotal carried to the next («جمع نقل به صفحه بعد»), and the next page's part starts
with that subtotal brought forward («جمع نقل از صفحه قبل») under its header row (the page
itself starts with the invoice's header block, drawn by the page template)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable, PageBreak, Table

from hendazh_desktop.domain.billing_records import InvoiceLine
from hendazh_desktop.reports.billing_layout import MUTED, amount, cell, grid
from hendazh_desktop.reports.layout import SHADE

CARRIED = "جمع نقل به صفحه بعد"
BROUGHT = "جمع نقل از صفحه قبل"
TOTAL = "جمع کل"
# A page that cannot hold even one line after its header is a page of one giant line: only
# then is a line split across pages (ReportLab's own split, without subtotals).
GIANT_ROW_SHARE = 0.6

Row = list[Flowable | str]


@dataclass(frozen=True, slots=True)
class Sums:
    """The money columns summed over some lines."""

    gross: int = 0
    discount: int = 0
    net: int = 0
    vat: int = 0
    total: int = 0

    def plus(self, lines: Sequence[InvoiceLine]) -> Sums:
        return Sums(
            self.gross + sum(x.gross for x in lines),
            self.discount + sum(x.discount for x in lines),
            self.net + sum(x.net for x in lines),
            self.vat + sum(x.vat for x in lines),
            self.total + sum(x.total for x in lines),
        )


class InvoiceLinesTable(Flowable):
    """Header row, the lines (each with its printed row), and the totals row at the end."""

    def __init__(
        self,
        *,
        header: Row,
        lines: Sequence[tuple[InvoiceLine, Row]],
        widths: Sequence[float],
        totals: Sums,
        frame_height: float,
        brought: Sums | None = None,
    ) -> None:
        super().__init__()
        self._header = header
        self._lines = list(lines)
        self._widths = list(widths)
        self._totals = totals
        self._frame_height = frame_height
        self._brought = brought
        self._full: Table | None = None

    def _table(self, count: int, carried: Sums | None) -> Table:
        """The header, the brought-forward row, ``count`` lines, and either the carried row
        or (the last part) the totals row."""
        rows: list[Row] = [self._header]
        sums: list[int] = []
        if self._brought is not None:
            sums.append(len(rows))
            rows.append(_sum_row(BROUGHT, self._brought))
        rows += [row for _, row in self._lines[:count]]
        sums.append(len(rows))
        rows.append(_sum_row(TOTAL if carried is None else CARRIED, carried or self._totals))
        style: list[tuple[object, ...]] = [("BACKGROUND", (0, 0), (-1, 0), SHADE)]
        for r in sums:
            style += [
                ("SPAN", (0, r), (5, r)),
                ("BACKGROUND", (0, r), (-1, r), SHADE),
                ("LINEABOVE", (0, r), (-1, r), 0.8, MUTED),
            ]
        return grid(rows, self._widths, style, repeat_rows=1, padding=2.5, split_in_row=True)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._full = self._table(len(self._lines), None)
        return self._full.wrap(avail_width, avail_height)

    def draw(self) -> None:
        assert self._full is not None
        self._full.drawOn(self.canv, 0, 0)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        start = self._brought or Sums()
        fits = 0
        for count in range(1, len(self._lines)):
            carried = start.plus([line for line, _ in self._lines[:count]])
            if self._table(count, carried).wrap(avail_width, avail_height)[1] > avail_height:
                break
            fits = count
        if fits == 0:
            if avail_height < self._frame_height * GIANT_ROW_SHARE:
                return []  # the rest of this page is too short: start on the next one
            full = self._table(len(self._lines), None)
            full.wrap(avail_width, avail_height)
            return list(full.split(avail_width, avail_height))
        carried = start.plus([line for line, _ in self._lines[:fits]])
        rest = InvoiceLinesTable(
            header=self._header,
            lines=self._lines[fits:],
            widths=self._widths,
            totals=self._totals,
            frame_height=self._frame_height,
            brought=carried,
        )
        return [self._table(fits, carried), PageBreak(), rest]


def _sum_row(label: str, sums: Sums) -> Row:
    return [
        cell(label, bold=True, align="center"),
        "",
        "",
        "",
        "",
        "",
        amount(sums.gross, bold=True),
        amount(sums.discount, bold=True),
        amount(sums.net, bold=True),
        amount(sums.vat, bold=True),
        amount(sums.total, bold=True),
    ]
