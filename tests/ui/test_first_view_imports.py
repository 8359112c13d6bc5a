"""Start-up: attaching the window for a manager builds the dashboard alone and fills it with
real figures without loading the ORM, Babel, ReportLab or any other view's or use case's
module (each of them cost the first view tens to hundreds of milliseconds)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.services.accounts.bootstrap import office_actor, prepare_database
from hendazh_desktop.services.wiring import wire

# The start as app.py runs it once the database is open and someone signed in.
SCRIPT = """
import json, sys
from hendazh_desktop.app import build_context, make_application
from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.permissions import Actor, Role
from hendazh_desktop.services.wiring import wire
from hendazh_desktop.ui.main_window import MainWindow

app = make_application([])
window = MainWindow()
window.show()
app.processEvents()
db = wire(Database(sys.argv[1]))
window.attach(build_context(db, Actor(int(sys.argv[2]), "boss", Role.MANAGER)))
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


def test_the_managers_first_view_is_filled_with_the_database_layer_it_needs_only(tmp_path):
    path = str(tmp_path / "office.db")
    db = wire(Database(path))
    prepare_database(db, backup_dir=None)
    boss = office_actor(db, "boss", role=Role.MANAGER)
    db.dispose()
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, path, str(boss.user_id)],
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
