"""Paths of the bundled resources (fonts, icons, Designer forms), in a checkout or a bundle."""

from __future__ import annotations

import sys
from pathlib import Path

FONT_FILES = ("Vazirmatn-Regular.ttf", "Vazirmatn-Bold.ttf")


def _root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)  # inside a PyInstaller bundle
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resource_dir() -> Path:
    return _root() / "resources"


def ui_dir() -> Path:
    """The Qt Designer sources (top-level ``ui/``)."""
    return _root() / "ui"


def font_paths() -> list[Path]:
    fonts = resource_dir() / "fonts"
    return [fonts / name for name in FONT_FILES if (fonts / name).exists()]


def icon_path(name: str) -> Path:
    return resource_dir() / "icons" / name
