"""Persian text in ReportLab: reshape, wrap in logical order, apply bidi per line, draw.

ReportLab's own right-to-left support breaks Persian (shared/recipes/PERSIAN.md); this module
does it the way that renders correctly: arabic-reshaper joins the letters, lines are broken
in logical order by measuring the reshaped words, and ``get_display`` reorders each line on
its own, so a wrapped paragraph never starts with its last words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from arabic_reshaper import ArabicReshaper
from arabic_reshaper.arabic_reshaper import HARAKAT_RE
from arabic_reshaper.letters import TATWEEL, ZWJ
from bidi.algorithm import get_display  # mirrors brackets, unlike ``from bidi import``
from bidi.mirror import MIRRORED
from reportlab.lib.colors import Color, black
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable

from hendazh_desktop.domain.text import strip_bidi_controls

REGULAR = "Vazirmatn"
BOLD = "Vazirmatn-Bold"
_RESHAPER = ArabicReshaper(configuration={"delete_harakat": False})
_registered = False
_shaping = True  # False only inside ``shaping_disabled()`` (benchmarks)


# -- Fast paths: the same output as the libraries give, without the work -----------------------
class _Settings(dict[str, object]):
    """The reshaper's settings read once. ``ArabicReshaper.reshape`` looks six of them up in
    a ConfigParser section on every call, which took longer than the reshaping itself."""

    def getboolean(self, key: str) -> bool:
        return bool(self[key.lower()])  # ConfigParser keys are lower-cased


_RESHAPER.configuration = _Settings(
    {
        key: _RESHAPER.configuration.get(key)
        if key == "language"
        else _RESHAPER.configuration.getboolean(key)
        for key in _RESHAPER.configuration
    }
)
# What ``reshape`` changes: a text without any of these comes back unchanged.
_RESHAPED = re.compile(
    f"{HARAKAT_RE.pattern}|[{re.escape(''.join(_RESHAPER.letters) + TATWEEL + ZWJ)}]"
)
# A plain number (۱۲٬۵۰۰, ۱۴۰۳/۰۸/۱۵): all of it is at one embedding level, so bidi keeps it.
_PLAIN_NUMBER = re.compile(r"[0-9\u06f0-\u06f9]+(?:[\u066c/][0-9\u06f0-\u06f9]+)*")
# Lines that bidi only reverses (right-to-left letters with spaces, marks and punctuation but
# no digit or left-to-right letter: everything resolves to level 1, brackets are mirrored,
# joiners dropped) or leaves alone (a left-to-right paragraph without right-to-left text).
_ONLY_RTL = frozenset(("R", "AL", "WS", "NSM", "BN", "ON", "ES", "ET", "CS"))
_ONLY_LTR = frozenset(("L", "EN", "ES", "ET", "CS", "ON", "WS", "NSM"))
_bidi_class = unicodedata.bidirectional
_HYPHENATED = re.compile(r"[0-9A-Za-z۰-۹٠-٩]+(?:[-/][0-9A-Za-z۰-۹٠-٩]+)*-[0-9A-Za-z۰-۹٠-٩]+")


def _visual_fast(line: str, base_dir: str) -> str | None:
    """``get_display(line, base_dir)`` for the commonest lines, or None for the others."""
    if base_dir == "R":
        if _PLAIN_NUMBER.fullmatch(line):
            return line
        if all(_bidi_class(ch) in _ONLY_RTL for ch in line):
            return "".join(MIRRORED.get(ch, ch) for ch in reversed(line) if _bidi_class(ch) != "BN")
    elif all(_bidi_class(ch) in _ONLY_LTR for ch in line):
        return line
    return None


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


def printable(value: str) -> str:
    """Text as it may be drawn: code points this Python does not know become U+FFFD
    (python-bidi's algorithm asserts on them), and ZWJ is dropped (arabic-reshaper 3.1
    misplaces, or fails on, a lam-alef ligature after a ZWJ; Persian uses ZWNJ, kept)."""
    if value.isascii():
        return value
    value = value.replace("\u200d", "")
    return "".join("\ufffd" if unicodedata.category(ch) == "Cn" else ch for ch in value)


@lru_cache(maxsize=8192)
def shape(text: str) -> str:
    """Joined letter forms, still in logical order; bidi controls are never let through."""
    text = printable(strip_bidi_controls(text))
    if not _shaping or not _RESHAPED.search(text):
        return text
    return _RESHAPER.reshape(text)


@lru_cache(maxsize=8192)
def visual(shaped_line: str, base_dir: str = "R") -> str:
    """One already-wrapped line in display order for a right-to-left paragraph (``base_dir``
    "L" for a paragraph whose first strong character is left-to-right)."""
    if not _shaping:
        return shaped_line
    fast = _visual_fast(shaped_line, base_dir)
    if fast is not None:
        return fast
    if base_dir == "R":
        shaped_line = embed_codes(shaped_line)
    return get_display(shaped_line, base_dir=base_dir)


def embed_codes(line: str) -> str:
    """Hyphenated codes as left-to-right embeddings. «۱۲-۳۴» after Persian words: the numbers
    take the right-to-left direction of the letters before them and the hyphen does not join
    them, so the parts swap. A code is one left-to-right unit (bidi drops the LRE/PDF)."""
    return _HYPHENATED.sub(lambda m: f"\u202a{m[0]}\u202c", line)


_caches: list[Callable[[], None]] = []  # ``cache_clear`` of the text caches built on these


def register_text_cache(clear: Callable[[], None]) -> None:
    """Have ``clear_text_caches`` empty a cache of text shaped or measured here."""
    _caches.append(clear)


def clear_text_caches() -> None:
    """Forget every shaped, reordered and measured text (for benchmarks: each timed run then
    starts as cold as the first document a process prints)."""
    shape.cache_clear()
    visual.cache_clear()
    for clear in _caches:
        clear()


def shaping_enabled() -> bool:
    """False only inside ``shaping_disabled()``."""
    return _shaping


@contextmanager
def shaping_disabled() -> Iterator[None]:
    """For benchmarks only: measure what reshaping and bidi reordering cost.

    Inside the block ``shape()`` returns its text unjoined (bidi controls are still removed)
    and ``visual()`` returns its line in logical order, so the PDFs drawn are *not* readable
    Persian. Both caches are cleared on entry and on exit, so no unshaped text survives the
    block and no shaped text is reused inside it. The switch is process-wide and not
    thread-safe; it is never used by the application. Outside it, nothing changes.
    """
    global _shaping
    previous = _shaping
    shape.cache_clear()
    visual.cache_clear()
    _shaping = False
    try:
        yield
    finally:
        _shaping = previous
        shape.cache_clear()
        visual.cache_clear()


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
        for word in _unbroken_groups(paragraph.split(" "), font, size, max_width):
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


def _unbroken_groups(words: list[str], font: str, size: float, max_width: float) -> list[str]:
    """Words with the words inside a parenthesis joined into one unit, so a line never breaks
    inside «(سهامی خاص)»; a group wider than the whole line is left as separate words."""
    units: list[str] = []
    group: list[str] = []
    for word in words:
        if group:
            group.append(word)
            if ")" in word:
                units.append(" ".join(group))
                group = []
        elif "(" in word and ")" not in word[word.index("(") :]:
            group = [word]
        else:
            units.append(word)
    if group:
        units.extend(group)  # an unclosed parenthesis: nothing to keep together
    return [
        piece
        for unit in units
        for piece in (
            unit.split(" ")
            if " " in unit and pdfmetrics.stringWidth(unit, font, size) > max_width
            else [unit]
        )
    ]


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
        piece = type(self)(
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

    def _shown(self, line: str) -> str:
        """One wrapped, shaped line in display order (subclasses choose the direction)."""
        return visual(line)

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.font, self.size)
        canvas.setFillColor(self.color)
        y = self.leading * len(self._lines) - self.size * 1.15
        for line in self._lines:
            shown = self._shown(line)
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
