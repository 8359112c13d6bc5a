"""The Persian PDF pipeline: joined letters, right-to-left lines in the right order."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A5
from reportlab.platypus import SimpleDocTemplate

from hendazh_desktop.domain.text import strip_bidi_controls
from hendazh_desktop.reports.persian import (
    REGULAR,
    PersianText,
    register_fonts,
    shape,
    visual,
    wrap_lines,
)
from hendazh_desktop.resources import font_paths

FONT_DIR = font_paths()[0].parent


@pytest.fixture(scope="module", autouse=True)
def _fonts() -> None:
    register_fonts(FONT_DIR)


def _pdftotext(path: Path) -> str:
    """Text in logical order: poppler wraps runs in embedding marks, which are dropped."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return strip_bidi_controls(unicodedata.normalize("NFKC", out))


def test_shaping_joins_letters_and_keeps_diacritics():
    shaped = shape("سلام لطفاً")
    assert shaped != "سلام لطفاً"  # presentation forms
    assert unicodedata.normalize("NFKC", shaped) == "سلام لطفاً"


def test_bidi_controls_cannot_reorder_printed_amounts():
    hostile = "مبلغ: \u202e0001\u202c ریال"
    assert "\u202e" not in shape(hostile)
    assert "0001" in visual(shape(hostile))


def test_brackets_are_mirrored():
    shown = visual(shape("(ریال)"))
    assert shown.startswith("(") and shown.endswith(")")


def test_wrapping_keeps_logical_line_order():
    words = [f"واژه{n}" for n in range(1, 61)]
    lines = wrap_lines(" ".join(words), REGULAR, 10, 120)
    assert len(lines) > 5
    first_words = [unicodedata.normalize("NFKC", line).split(" ")[0] for line in lines]
    assert first_words[0] == "واژه1"
    numbers = [int(w.removeprefix("واژه")) for w in first_words]
    assert numbers == sorted(numbers)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_long_paragraph_reads_in_order_across_pages(tmp_path):
    words = [f"بند{n}" for n in range(1, 801)]
    path = tmp_path / "long.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A5)
    doc.build([PersianText(" ".join(words), size=11)])
    text = _pdftotext(path)
    found = [int(n) for n in re.findall(r"بند\s*(\d+)", text)]
    assert found[0] == 1
    assert sorted(found) == list(range(1, 801))
    assert found == sorted(found)  # first words on the first line, and on the first page


def test_unknown_code_points_and_zwj_before_lam_alef_still_shape():
    from hendazh_desktop.reports.persian import shape, visual

    for text in ("مهناز 🫨 فسایی", "گل\u200dلاله", "\u200dلا"):
        visual(shape(text))  # python-bidi and arabic-reshaper used to fail on these
    assert "\u200d" not in shape("گل\u200dلاله")
    assert "\ufffd" in shape("مهناز 🫨")
