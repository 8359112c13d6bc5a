"""No English on screen: Qt's own file dialog (qtbase_fa and the strings it leaves out) and
the About box, in Persian letters and digits."""

from __future__ import annotations

import re

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QMessageBox

from hendazh_desktop.ui.main_window import MainWindow

LATIN = re.compile(r"[A-Za-z0-9]")


def test_qt_file_dialog_is_persian(qtbot):
    dialog = QFileDialog(None, "ذخیره PDF")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    shown = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible() and w.text()]
    shown += [b.text() for b in dialog.findChildren(QAbstractButton) if b.text()]
    english = [t for t in shown if LATIN.search(t.replace("&", ""))]
    assert english == [], english
    dialog.reject()


def test_the_about_box_is_persian(qtbot, ctx, tmp_path, monkeypatch):
    window = MainWindow(
        context=ctx, settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    said: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "about", lambda _parent, title, text: said.extend([title, text])
    )
    window.show_about()
    assert said and not any(LATIN.search(t) for t in said), said


def test_shortcuts_read_in_one_script_in_menus_and_labels(qtbot, ctx, tmp_path):
    from PySide6.QtGui import QKeySequence

    native = QKeySequence.SequenceFormat.NativeText
    assert QKeySequence("Ctrl+Shift+G").toString(native) == "Ctrl+Shift+G"
    window = MainWindow(
        context=ctx, settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(window)
    shown = [
        action.shortcut().toString(native)
        for menu_action in window.menuBar().actions()
        if menu_action.menu() is not None
        for action in menu_action.menu().actions()
        if not action.shortcut().isEmpty()
    ]
    assert shown and not [s for s in shown if re.search("[\u0600-\u06ff]", s)], shown
