"""Guard against the PySide6 6.12.0 bug on CPython 3.11 that drops a reference to None on every
``QStandardItemModel.appendRow``/``setItem`` until the interpreter dies (PERFORMANCE.md)."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

CALLS = 10_000

# Run in a child process: a PySide6 with the bug would kill the interpreter (none_dealloc), and
# the count must not be disturbed by whatever the test session has loaded. No QApplication is
# needed for QStandardItemModel.
PROBE = f"""
import sys
from PySide6.QtGui import QStandardItem, QStandardItemModel
model = QStandardItemModel()
before = sys.getrefcount(None)
for row in range({CALLS}):
    model.appendRow([QStandardItem(str(row))])
after_append = sys.getrefcount(None)
for row in range({CALLS}):
    model.setItem(row, 1, QStandardItem("x"))
after_set = sys.getrefcount(None)
assert model.rowCount() == {CALLS} and model.columnCount() == 2
print(before - after_append, after_append - after_set)
"""


def test_appending_and_setting_items_keeps_references_to_none():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120
    )
    bug = "a PySide6 with the 6.12.0 bug that drops references to None (pin it below 6.12)"
    assert result.returncode == 0, f"probe died ({result.returncode}), {bug}:\n{result.stderr}"
    lost_append, lost_set = map(int, result.stdout.split())
    assert lost_append < 100, f"appendRow: {lost_append} lost, {bug}"
    assert lost_set < 100, f"setItem: {lost_set} lost, {bug}"


def test_pyside_is_pinned_below_6_12():
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    pins = {
        req.name: req.specifier
        for req in map(Requirement, project["dependencies"])
        if req.name.startswith("PySide6")
    }
    assert "PySide6-Essentials" in pins
    for name, specifier in pins.items():
        assert not specifier.contains("6.12.0"), f"{name}{specifier} allows 6.12.0"
        assert specifier.contains("6.11.3"), f"{name}{specifier} refuses 6.11.3"
