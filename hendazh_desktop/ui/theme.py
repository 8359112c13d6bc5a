"""The application's look: Persian locale, right-to-left layout, the bundled Vazirmatn font."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from hendazh_desktop.resources import font_paths, icon_path

PERSIAN = QLocale(QLocale.Language.Persian, QLocale.Country.Iran)
FONT_FAMILY = "Vazirmatn"
_translators: list[QTranslator] = []  # kept alive as long as the application


def load_fonts() -> str:
    """Register the bundled fonts; returns the family name Qt knows them by."""
    loaded: set[str] = set()
    for path in font_paths():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            loaded.update(QFontDatabase.applicationFontFamilies(font_id))
    return FONT_FAMILY if FONT_FAMILY in loaded or not loaded else sorted(loaded)[0]


# Strings of Qt's own dialogs that its Persian translation (qtbase_fa) leaves in English.
QT_GAPS = {
    ("QFileDialog", "&Look in:"): "&جستجو در:",
    ("QFileDialog", "Files of &type:"): "&نوع پرونده‌ها:",
}


class QtGapsTranslator(QTranslator):
    """Persian for the few strings qtbase_fa does not translate, and key names kept as on
    the keyboard (searched before qtbase_fa)."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if context == "QShortcut":
            # Key names as printed on the keys (Ctrl, Shift, Enter): qtbase_fa turned menu
            # shortcuts into «کنترل+N» while every label in the app says «Ctrl+N».
            return source
        # None is Qt's "not translated here" (a null string): the next translator is asked
        return QT_GAPS.get((context, source))

    def isEmpty(self) -> bool:
        return False


def apply_app_look(app: QApplication, *, point_size: int = 10) -> None:
    """Locale, direction, font, Qt's own Persian strings and the window icon, app-wide."""
    QLocale.setDefault(PERSIAN)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    family = load_fonts()
    app.setFont(QFont(family, point_size))
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(PERSIAN, "qtbase", "_", path):
        app.installTranslator(translator)
        _translators.append(translator)
    gaps = QtGapsTranslator(app)  # installed last: asked first
    app.installTranslator(gaps)
    _translators.append(gaps)
    icon = icon_path("hendazh.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
