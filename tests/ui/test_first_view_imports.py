"""Start-up as the bench's start figure runs it (window shown, database opened, the first view
filled, no sign-in): the dashboard alone is built and filled with real figures without
loading the ORM, Babel, ReportLab, Alembic or any other view's or use case's module (each of
them cost the first view tens to hundreds of milliseconds)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from hendazh_desktop.db.database import Database
from hendazh_desktop.services.accounts.bootstrap import prepare_database
from hendazh_desktop.services.accounts.system_account import system_actor
from hendazh_desktop.services.wiring import wire

# bench/ui_figures.py's _READY: the start as app.py runs it, the sign-in left out.
SCRIPT = """
import json, sys
from pathlib import Path
from hendazh_desktop.app import build_context, make_application, open_database
from hendazh_desktop.config import AppPaths
from hendazh_desktop.services.accounts.system_account import system_actor
from hendazh_desktop.ui.main_window import MainWindow

app = make_application([])
window = MainWindow()
window.show()
app.processEvents()
folder = Path(sys.argv[2])
db = open_database(AppPaths(data_dir=folder, log_dir=folder / "logs", database=sys.argv[1]))
window.attach(build_context(db, system_actor(db)))
window.repaint()
app.processEvents()
view = window.view("dashboard")
print(json.dumps({
    "current": window.current_view(),
    "built": sorted(window._views),
    "queue_tile": view.tiles["queue"].value.text(),
    "categories": len(view.dashboard.revenue_chart.categories),
    "modules": sorted(sys.modules),
}))
"""

NOT_BEFORE_THE_FIRST_VIEW = (
    "babel",
    "reportlab",
    "alembic",
    "PIL",
    "sqlalchemy.orm",
    "hendazh_desktop.db.models",
    "hendazh_desktop.db.repositories.report_ops",
    "hendazh_desktop.services.accounts.users",
    "hendazh_desktop.services.catalogue.catalogue",
    "hendazh_desktop.services.dispatch",
    "hendazh_desktop.services.requests",
    "hendazh_desktop.ui.requests",
    "hendazh_desktop.ui.subscribers",
    "hendazh_desktop.ui.dispatch",
)


def test_the_first_view_is_filled_with_the_database_layer_it_needs_only(tmp_path):
    path = str(tmp_path / "office.db")
    db = wire(Database(path))
    prepare_database(db, backup_dir=None)
    system_actor(db)  # the account is made once, on the first chore
    db.dispose()
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, path, str(tmp_path)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["current"] == "dashboard" and seen["built"] == ["dashboard"]
    assert seen["queue_tile"] == "۰" and seen["categories"] == 12  # real figures, read
    loaded = [
        m
        for m in seen["modules"]
        if any(m == name or m.startswith(name + ".") for name in NOT_BEFORE_THE_FIRST_VIEW)
    ]
    assert loaded == []
