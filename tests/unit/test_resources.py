"""The bundled fonts and icons are there, load, and are what the recipes say to ship."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtSvg import QSvgRenderer

from hendazh_desktop.resources import FONT_FILES, font_paths, icon_path, resource_dir


def test_static_vazirmatn_faces_and_licence_ship():
    assert [p.name for p in font_paths()] == list(FONT_FILES)
    assert (
        (resource_dir() / "fonts" / "OFL.txt").read_text(encoding="utf-8").startswith("Copyright")
    )
    for path in font_paths():
        assert 100_000 < path.stat().st_size < 400_000  # static faces, not the variable font


def test_fonts_load_into_qt_as_vazirmatn(qapp):
    families = set()
    for path in font_paths():
        font_id = QFontDatabase.addApplicationFont(str(path))
        assert font_id >= 0
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    assert families == {"Vazirmatn"}


def test_icons_are_valid_svg(qapp):
    icons = sorted((resource_dir() / "icons").glob("*.svg"))
    assert len(icons) >= 8
    for path in icons:
        assert QSvgRenderer(str(path)).isValid(), path.name
    assert icon_path("hendazh.svg").exists()
