"""Guard against the PySide6 6.12.0 bug on CPython 3.11 that drops a reference to None on every
``QStandardItemModel.appendRow``/``setItem`` until the interpreter dies (PERFORMANCE.md)."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

PROBE = """
import sys
from PySide6.QtGui import QStandardItem, QStandardItemModel
model = QStandardItemModel()
before = sys.getrefcount(None)
for row in range(10_000):
    model.appendRow([QStandardItem(str(row))])
for row in range(5_000):
    model.setItem(row, 1, QStandardItem("x"))
print(before - sys.getrefcount(None))
"""


def test_appending_rows_keeps_references_to_none():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    lost = int(result.stdout.strip().splitlines()[-1])
    assert lost < 100, f"{lost} references to None lost: a PySide6 with the 6.12.0 bug"


def test_pyside_is_pinned_below_6_12():
    project = tomllib.loads(
        (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    )
    pins = [d for d in project["project"]["dependencies"] if d.startswith("PySide6")]
    assert pins and all("<6.12" in d.replace(" ", "") for d in pins)
