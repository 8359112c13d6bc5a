"""Unexpected errors reach one dialog and the log, never a silent failure."""

from __future__ import annotations

import logging
import sys

from hendazh_desktop.logs import configure_logging
from hendazh_desktop.ui.crash_dialog import CrashDialog, CrashHandler


def test_unexpected_error_is_logged_with_its_trace(tmp_path):
    log_file = tmp_path / "logs" / "hendazh.log"
    configure_logging(log_file)
    handler = CrashHandler(log_file, show_dialog=False)
    previous = sys.excepthook
    handler.install()
    try:
        assert sys.excepthook is handler
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError as error:
            sys.excepthook(type(error), error, error.__traceback__)
    finally:
        sys.excepthook = previous
        for h in list(logging.getLogger().handlers):
            if getattr(h, "baseFilename", "") == str(log_file):
                logging.getLogger().removeHandler(h)
                h.close()
    assert "RuntimeError: boom in a slot" in handler.last_details
    text = log_file.read_text(encoding="utf-8")
    assert "unexpected error" in text and "boom in a slot" in text


def test_crash_dialog_shows_the_details_and_the_log_path(qtbot, tmp_path):
    dialog = CrashDialog("Traceback …\nValueError: x", tmp_path / "hendazh.log")
    qtbot.addWidget(dialog)
    assert "ValueError" in dialog.details.toPlainText()
    from PySide6.QtWidgets import QLabel

    assert any("hendazh.log" in label.text() for label in dialog.findChildren(QLabel))
