"""Start-up: the window paints first, the database opens off the GUI thread, then sign-in."""

from __future__ import annotations

import sys

import pytest

from hendazh_desktop import app as app_module
from hendazh_desktop.config import AppPaths
from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.services.accounts.bootstrap import office_actor
from hendazh_desktop.ui.main_window import MainWindow


@pytest.fixture
def paths(tmp_path):
    return AppPaths(
        data_dir=tmp_path, log_dir=tmp_path / "logs", database=str(tmp_path / "office.db")
    )


def test_window_paints_before_the_database_layer_is_needed(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert "پایگاه داده" in window.loading.text()
    assert window.current_view() == ""


def test_database_opens_in_the_background_then_the_views_attach(qtbot, qapp, paths, monkeypatch):
    signed_in = []

    def fake_sign_in(users, parent=None):
        actor = office_actor(users._db, "boss", role=Role.MANAGER)
        signed_in.append(actor)
        return actor

    monkeypatch.setattr(app_module, "sign_in", fake_sign_in)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    startup = app_module.Startup(qapp, window, paths)
    startup.start()
    qtbot.waitUntil(lambda: window.current_view() == "dashboard", timeout=15_000)
    assert signed_in and startup.db is not None
    assert window.view("audit") is not None  # a manager sees the audit view
    startup.opener.wait()
    window.close()
    startup.db.dispose()


def test_cancelled_sign_in_quits(qtbot, qapp, paths, monkeypatch):
    monkeypatch.setattr(app_module, "sign_in", lambda users, parent=None: None)
    quits = []
    monkeypatch.setattr(qapp, "quit", lambda: quits.append(True))
    window = MainWindow()
    qtbot.addWidget(window)
    startup = app_module.Startup(qapp, window, paths)
    startup.start()
    qtbot.waitUntil(lambda: bool(quits), timeout=15_000)
    startup.opener.wait()
    assert startup.db is not None
    startup.db.dispose()


def test_a_network_share_is_refused_with_a_persian_message(qtbot, qapp, paths, monkeypatch):
    from hendazh_desktop.db import engine
    from hendazh_desktop.db.storage import NetworkShareError

    def refuse(path, *args):
        raise NetworkShareError(str(path))

    monkeypatch.setattr(engine, "refuse_network_share", refuse)
    shown = []
    monkeypatch.setattr(
        app_module.QMessageBox, "critical", lambda parent, title, text: shown.append(text)
    )
    monkeypatch.setattr(qapp, "quit", lambda: None)
    window = MainWindow()
    qtbot.addWidget(window)
    startup = app_module.Startup(qapp, window, paths)
    startup.start()
    qtbot.waitUntil(lambda: bool(shown), timeout=15_000)
    startup.opener.wait()
    assert "پوشه اشتراکی" in shown[0]
    assert "sqlalchemy" in sys.modules  # loaded on the worker, not before the first paint
