"""``hendazh gui --smoke-test`` (what CI runs on the bundle) passes only when the window is up."""

from __future__ import annotations

import os
import subprocess
import sys


def _smoke(tmp_path, database: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("HENDAZH_")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HENDAZH_DATA_DIR=str(tmp_path / "data"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),  # the window's QSettings
    )
    return subprocess.run(
        [sys.executable, "-m", "hendazh_desktop", "--db", database, "gui", "--smoke-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_a_new_database_comes_up_through_the_first_run_path(tmp_path):
    done = _smoke(tmp_path, str(tmp_path / "office.db"))
    assert done.returncode == 0, done.stderr
    # The manager's and the admin's first screen is the dashboard (a consultant's: intake).
    assert "main window shown for smoke-admin (admin), view 'dashboard'" in done.stdout


def test_a_database_that_cannot_open_fails_the_smoke_run(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    done = _smoke(tmp_path, str(blocker / "office.db"))
    assert done.returncode == 1
    assert "smoke test FAILED: a dialog opened" in done.stderr
