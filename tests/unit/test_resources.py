"""The bundled fonts and icons are there, load, and are what the recipes say to ship."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QImage
from PySide6.QtSvg import QSvgRenderer

from hendazh_desktop.resources import FONT_FILES, font_paths, icon_path, resource_dir, ui_dir

REPO = Path(__file__).resolve().parents[2]
ICONS = {
    "hendazh", "new-call", "subscribers", "queue", "services",
    "save", "cancel", "search", "import", "refresh",
}  # fmt: skip


def test_paths_point_at_the_checkout():
    assert resource_dir() == REPO / "resources"
    assert ui_dir() == REPO / "ui"
    assert icon_path("save.svg") == REPO / "resources" / "icons" / "save.svg"


def test_paths_point_into_a_pyinstaller_bundle(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_dir() == tmp_path / "resources"
    assert ui_dir() == tmp_path / "ui"
    assert icon_path("hendazh.png") == tmp_path / "resources" / "icons" / "hendazh.png"


def test_resources_module_imports_no_qt():
    probe = (
        "import sys, hendazh_desktop.resources\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_static_vazirmatn_faces_and_licence_ship():
    assert [p.name for p in font_paths()] == list(FONT_FILES)
    faces = {n.removeprefix("Vazirmatn-").removesuffix(".ttf") for n in FONT_FILES}
    assert faces == {"Regular", "Medium", "Bold"}
    licence = (resource_dir() / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    assert licence.startswith("Copyright") and "SIL OPEN FONT LICENSE Version 1.1" in licence
    for path in font_paths():
        assert 100_000 < path.stat().st_size < 400_000  # static faces, not the variable font
    assert not list((resource_dir() / "fonts").glob("*wght*"))


def test_fonts_load_into_qt_as_vazirmatn(qapp):
    families: set[str] = set()
    for path in font_paths():
        font_id = QFontDatabase.addApplicationFont(str(path))
        assert font_id >= 0, path.name
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    # Medium also carries its legacy family name "Vazirmatn Medium".
    assert "Vazirmatn" in families and all(f.startswith("Vazirmatn") for f in families)
    for weight, style in [
        (QFont.Weight.Normal, "Regular"),
        (QFont.Weight.Medium, "Medium"),
        (QFont.Weight.Bold, "Bold"),
    ]:
        font = QFont("Vazirmatn", 10)
        font.setWeight(weight)
        info = QFontInfo(font)
        assert (info.family(), info.styleName()) == ("Vazirmatn", style)


def test_the_icon_set_is_complete_and_renders(qapp):
    icons = {p.stem for p in (resource_dir() / "icons").glob("*.svg")}
    assert icons >= ICONS
    for name in sorted(icons):
        path = icon_path(f"{name}.svg")
        renderer = QSvgRenderer(str(path))
        assert renderer.isValid(), path.name
        assert renderer.viewBoxF() == QRectF(0, 0, 24, 24), path.name
        colours = set(re.findall(r"#[0-9a-fA-F]{6}", path.read_text(encoding="utf-8")))
        assert colours == {"#2b4c7e"}, path.name


def test_the_app_icon_png_is_256_pixels(qapp):
    image = QImage(str(icon_path("hendazh.png")))
    assert not image.isNull()
    assert (image.width(), image.height()) == (256, 256)
    assert image.hasAlphaChannel()
