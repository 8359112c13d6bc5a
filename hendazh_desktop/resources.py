"""Paths of the bundled resources (fonts, icons, Designer forms), in a checkout or a bundle.

Plain paths only: this module imports no Qt, so the PDF reports can use the fonts too.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Static Vazirmatn faces (ReportLab cannot use the variable font); Regular first.
FONT_FILES = ("Vazirmatn-Regular.ttf", "Vazirmatn-Medium.ttf", "Vazirmatn-Bold.ttf")


# Resolved once: a system call per folder, and the window asks for ~40 icons at start.
_CHECKOUT = Path(__file__).resolve().parent.parent


def _root() -> Path:
    """The folder holding ``resources/`` and ``ui/``: the bundle, or the source checkout."""
    bundle = getattr(sys, "_MEIPASS", None)  # inside a PyInstaller bundle
    if bundle:
        return Path(bundle)
    return _CHECKOUT


def resource_dir() -> Path:
    """The top-level ``resources/`` folder (``fonts/``, ``icons/``)."""
    return _root() / "resources"


def ui_dir() -> Path:
    """The Qt Designer sources (top-level ``ui/``)."""
    return _root() / "ui"


def font_paths() -> list[Path]:
    """The bundled font files that are present, in the order of ``FONT_FILES``."""
    fonts = resource_dir() / "fonts"
    return [fonts / name for name in FONT_FILES if (fonts / name).exists()]


def icon_path(name: str) -> Path:
    """An icon by file name, e.g. ``icon_path("save.svg")``."""
    return resource_dir() / "icons" / name
