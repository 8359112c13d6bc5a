"""The user's log stays readable: a start on an up-to-date database writes no Alembic chatter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# One start, as run_gui does it: the log file first, then the database opened and migrated.
_START = """
import sys
from pathlib import Path
from hendazh_desktop.app import open_database
from hendazh_desktop.logs import configure_logging
from hendazh_desktop.config import AppPaths
data = Path(sys.argv[1])
paths = AppPaths(data_dir=data, log_dir=data / "logs", database=str(data / "hendazh.db"))
configure_logging(paths.log_file)
open_database(paths).dispose()
"""


def _start(data_dir: Path) -> str:
    """Start once in a fresh interpreter (Alembic logs its set-up once per process)."""
    log_file = data_dir / "logs" / "hendazh.log"
    before = log_file.read_text(encoding="utf-8") if log_file.exists() else ""
    subprocess.run([sys.executable, "-c", _START, str(data_dir)], check=True, timeout=120)
    return log_file.read_text(encoding="utf-8")[len(before) :]


def test_start_on_an_up_to_date_database_logs_nothing_from_alembic(tmp_path):
    first = _start(tmp_path)
    assert "alembic" not in first
    assert "schema upgraded from empty to" in first  # one line of our own when it migrates

    again = _start(tmp_path)
    assert "alembic" not in again
    assert "schema upgraded" not in again
