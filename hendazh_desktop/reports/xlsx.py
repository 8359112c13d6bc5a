"""A small streaming writer of Excel workbooks (SpreadsheetML in a zip, written with zipfile).

Why our own: the application's exports need one thing only (right-to-left sheets of text and
numbers, a frozen bold header, a thousands format, an optional bold total row) and XlsxWriter,
even bare, took 8 s of CPU for the 100,000-row invoice list. Here each row is one formatted
string, rows are joined and deflated in blocks straight into the zip entry, so memory stays flat
whatever the number of rows. Strings are inline (``t="inlineStr"``): a shared-strings table
would have to be kept whole in memory until the end.

The parts follow ECMA-376 Part 1 (SpreadsheetML): [Content_Types].xml, _rels/.rels,
xl/workbook.xml, xl/_rels/workbook.xml.rels, xl/styles.xml and one xl/worksheets/sheetN.xml per
sheet. A sheet longer than Excel's 1,048,576 rows continues on a next sheet with the header.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO

MAX_ROWS = 1_048_576
"""Rows per sheet in Excel (the header included)."""
BLOCK = 512
"""Rows formatted before one write to the zip entry."""
DEFLATE_LEVEL = 1
"""zlib level 1: about three times faster than the default 6, the file ~25 % larger."""

# Cell formats (indexes into cellXfs of STYLES).
PLAIN, HEADER, WHOLE, FRACTION, TEXT, TOTAL_TEXT, TOTAL_NUMBER = range(7)

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

STYLES = (
    _DECL + f'<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.##"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Tahoma"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Tahoma"/><family val="2"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFE8EAED"/><bgColor indexed="64"/>'
    "</patternFill></fill></fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="7">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"'
    ' applyAlignment="1"><alignment readingOrder="2"/></xf>'
    '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment readingOrder="2"/></xf>'
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"'
    ' applyAlignment="1"><alignment readingOrder="2"/></xf>'
    '<xf numFmtId="3" fontId="1" fillId="2" borderId="0" xfId="0" applyNumberFormat="1"'
    ' applyFont="1" applyFill="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)

# XML escaping, and removal of the characters XML 1.0 forbids (C0 controls but TAB, LF, CR;
# U+FFFE, U+FFFF). CR is kept as a character reference: a parser would turn a raw CR into LF.
_ESCAPE: dict[int, str | None] = {0x26: "&amp;", 0x3C: "&lt;", 0x3E: "&gt;", 0x0D: "&#13;"}
_ESCAPE.update({c: None for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)})
_ESCAPE.update({0xFFFE: None, 0xFFFF: None})
TEXT_ESCAPES = str.maketrans(_ESCAPE)
ATTRIBUTE_ESCAPES = str.maketrans({**_ESCAPE, 0x22: "&quot;"})
_EDGE_SPACE = (" ", "\t", "\n", "\r")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
"""A text cell beginning with one of these gets a leading apostrophe (OWASP «CSV injection»)."""


def column_letters(index: int) -> str:
    """The letters of a 0-based column: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def neutralise(text: str) -> str:
    """Text a spreadsheet will not take for a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def text_of(value: object) -> str:
    """Anything that is not a number, as the text written in its cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


_NEEDS_ESCAPE = re.compile("[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]")
CACHED = 4096
"""Distinct texts whose markup a sheet remembers (labels, dates, names repeat down a column)."""


def text_body(text: str) -> str:
    """The ``<is>`` content of a non-empty text cell: neutralised, escaped, spaces kept."""
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    if _NEEDS_ESCAPE.search(text) is not None:
        text = text.translate(TEXT_ESCAPES)
    if text.startswith(_EDGE_SPACE) or text.endswith(_EDGE_SPACE):
        return f'<t xml:space="preserve">{text}</t>'
    return f"<t>{text}</t>"


def text_cell(ref: str, text: str, style: int = TEXT) -> str:
    """An inline-string cell; text that could read as a formula is neutralised."""
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is>{text_body(text)}</is></c>'


def number_text(value: int | float | Decimal) -> str | None:
    """A number as SpreadsheetML writes it, or None for one it cannot hold (NaN, ±∞)."""
    if type(value) is int:
        return str(value)
    if isinstance(value, Decimal):
        return str(value) if value.is_finite() else None
    return repr(float(value)) if math.isfinite(value) else None


class Workbook:
    """One workbook written as it goes: sheets are added whole, one after the other, each from
    an iterable of rows: ``int``/``float``/``Decimal`` are numbers, anything else is text
    (``text_of``, neutralised); ``None`` and ``""`` leave the cell empty. A context manager."""

    def __init__(self, target: Path | IO[bytes]) -> None:
        self._zip = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=DEFLATE_LEVEL)
        self._names: list[str] = []

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add_sheet(
        self,
        names: Iterable[str],
        headers: Sequence[str],
        rows: Iterable[Sequence[object]],
        *,
        widths: Sequence[float],
        totals: Sequence[object] | None = None,
    ) -> int:
        """Write one table; returns its rows (header and totals excluded). ``names`` gives the
        sheet's name, then the names of continuation sheets if the rows pass Excel's limit."""
        name_of = iter(names)
        refs = [column_letters(c) for c in range(max(len(headers), 1))]
        head = self._head(widths) + _row_xml(1, headers, refs, HEADER, HEADER)
        written = 0
        iterator = iter(rows)
        while True:
            self._names.append(next(name_of))
            entry = f"xl/worksheets/sheet{len(self._names)}.xml"
            with self._zip.open(entry, "w", force_zip64=True) as out:
                out.write(head.encode())
                count, ended = _write_rows(out, iterator, refs, MAX_ROWS - 2)
                written += count
                if not ended:  # exactly at the limit: is anything left?
                    try:
                        first = next(iterator)
                    except StopIteration:
                        ended = True
                    else:
                        iterator = itertools.chain([first], iterator)
                if ended and totals is not None:
                    out.write(_row_xml(count + 2, totals, refs, TOTAL_TEXT, TOTAL_NUMBER).encode())
                out.write(b"</sheetData></worksheet>")
            if ended:
                return written

    def _head(self, widths: Sequence[float]) -> str:
        selected = ' tabSelected="1"' if not self._names[:-1] else ""
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{w:.2f}" customWidth="1"/>'
            for i, w in enumerate(widths, start=1)
        )
        return (
            _DECL + f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
            f'<sheetViews><sheetView rightToLeft="1"{selected} workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>'
            + (f"<cols>{cols}</cols>" if cols else "")
            + "<sheetData>"
        )

    def close(self) -> None:
        """Write the workbook's parts and close the file (a workbook always has a sheet)."""
        if self._zip.fp is None:
            return
        if not self._names:
            self.add_sheet(["Sheet1"], [], [], widths=[])
        sheets = "".join(
            f'<sheet name="{n.translate(ATTRIBUTE_ESCAPES)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, n in enumerate(self._names, start=1)
        )
        count = len(self._names)
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, count + 1)
        )
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, count + 1)
        )
        ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        parts = {
            "[Content_Types].xml": _DECL
            + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/>'
            f"{overrides}</Types>",
            "_rels/.rels": _DECL + f'<Relationships xmlns="{_PKG_REL}">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
            "xl/workbook.xml": _DECL + f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
            '<bookViews><workbookView activeTab="0"/></bookViews>'
            f"<sheets>{sheets}</sheets></workbook>",
            "xl/_rels/workbook.xml.rels": _DECL + f'<Relationships xmlns="{_PKG_REL}">{rels}'
            f'<Relationship Id="rId{count + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
            "</Relationships>",
            "xl/styles.xml": STYLES,
        }
        try:
            for name, xml in parts.items():
                self._zip.writestr(name, xml)
        finally:
            self._zip.close()


def _write_rows(
    out: IO[bytes], rows: Iterable[Sequence[object]], refs: list[str], limit: int
) -> tuple[int, bool]:
    """Write up to ``limit`` rows after the header; returns (rows written, rows exhausted)."""
    block: list[str] = []
    bodies: dict[str, str] = {}
    r = 1
    for row in rows:
        r += 1
        block.append(_row_xml(r, row, refs, TEXT, WHOLE, bodies))
        if len(block) == BLOCK:
            out.write("".join(block).encode("utf-8", "replace"))
            block.clear()
        if r - 1 == limit:
            break
    else:
        out.write("".join(block).encode("utf-8", "replace"))
        return r - 1, True
    out.write("".join(block).encode("utf-8", "replace"))
    return r - 1, False


def _row_xml(
    r: int,
    row: Sequence[object],
    refs: list[str],
    text: int,
    whole: int,
    bodies: dict[str, str] | None = None,
) -> str:
    """One ``<row>``: text cells inline (style ``text``), whole numbers with the thousands
    format (style ``whole``), fractions with two decimals. ``bodies`` remembers the markup of
    texts already seen (bounded: cleared when full)."""
    if bodies is None:
        bodies = {}
    parts = [f'<row r="{r}">']
    append = parts.append
    text_open = f'" s="{text}" t="inlineStr"><is>'
    whole_open = f'" s="{whole}"><v>'
    for ref, value in zip(refs, row):  # noqa: B905 (a short row leaves the rest empty)
        kind = type(value)
        if isinstance(value, str):
            if value:
                body = bodies.get(value)
                if body is None:
                    if len(bodies) >= CACHED:
                        bodies.clear()
                    body = bodies[value] = text_body(value)
                append(f'<c r="{ref}{r}{text_open}{body}</is></c>')
        elif kind is int:
            append(f'<c r="{ref}{r}{whole_open}{value}</v></c>')
        elif value is None:
            continue
        elif kind is not bool and isinstance(value, int | float | Decimal):
            shown = number_text(value)
            if shown is None:
                append(text_cell(f"{ref}{r}", str(value), text))
            else:
                style = whole if value == int(value) else FRACTION
                append(f'<c r="{ref}{r}" s="{style}"><v>{shown}</v></c>')
        else:
            shown = text_of(value)
            if shown:
                append(text_cell(f"{ref}{r}", shown, text))
    append("</row>")
    return "".join(parts)
