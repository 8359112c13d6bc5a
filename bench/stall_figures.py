"""GUI stalls for ``make bench``: the longest time the GUI thread was blocked while driving the
main window on the large database (intake searches, the queue, the dispatch board, invoicing).

Each step runs inside the event loop, as a click would, and the loop then runs until the
screen has settled and any background work has ended; ``hendazh_desktop.ui.stall`` measures
the gaps between event-loop turns meanwhile (time waiting for a CPU held by other processes
left out, and reported beside it in wall-clock time).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QTableView, QTabWidget

from bench.common import Figure, figure
from hendazh_desktop.app import build_context, import_the_screens
from hendazh_desktop.db.database import Database
from hendazh_desktop.services.accounts.users import UserService
from hendazh_desktop.services.wiring import wire
from hendazh_desktop.ui.main_window import MainWindow
from hendazh_desktop.ui.ops import running_operations
from hendazh_desktop.ui.stall import LIMIT_S, StallDetector
from hendazh_desktop.ui.theme import apply_app_look

Step = Callable[[MainWindow], object]
SETTLE_S = 0.25
"""The event loop runs this long after each step (and until its background work ends)."""


def _spin(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end or running_operations():
        QCoreApplication.processEvents()
        time.sleep(0.002)


def _run_in_loop(window: MainWindow, step: Step) -> None:
    """Run the step from the event loop (as a click does), then let the loop settle."""
    QTimer.singleShot(0, lambda: step(window))
    _spin(SETTLE_S)


def _table(window: MainWindow, key: str) -> QTableView:
    view = window.view(key)
    tables = view.findChildren(QTableView) if view is not None else []
    return max(tables, key=lambda t: t.model().rowCount() if t.model() else 0)


def _search(query: str) -> Step:
    def step(window: MainWindow) -> None:
        panel = window.intake
        assert panel is not None
        panel.search.setText(query)
        panel.run_search()

    return step


def _tab(index: int) -> Step:
    def step(window: MainWindow) -> None:
        view = window.view("invoicing")
        assert view is not None
        view.findChild(QTabWidget).setCurrentIndex(index)

    return step


def _areas(queries: list[str]) -> dict[str, list[Step]]:
    return {
        "intake": [lambda w: w.show_view("intake")] + [_search(q) for q in queries],
        "queue": [
            lambda w: w.show_view("queue"),
            lambda w: _table(w, "queue").scrollToBottom(),
            lambda w: _table(w, "queue").selectRow(0),
            lambda w: w.refresh_current(),
        ],
        "board": [
            lambda w: w.show_view("board"),
            lambda w: _table(w, "board").scrollToBottom(),
            lambda w: w.refresh_current(),
        ],
        "invoicing": [
            lambda w: w.show_view("invoicing"),
            lambda w: _table(w, "invoicing").scrollToBottom(),
            _tab(1),  # payments
            _tab(2),  # receivables: aged on a worker
            _tab(0),
        ],
        # Long work through the operation helper: the GUI thread only shows its progress.
        "backup": [lambda w: w.backup_now()],
        "audit_check": [lambda w: w.show_view("audit"), _verify_audit_chain],
    }


def _verify_audit_chain(window: MainWindow) -> None:
    from hendazh_desktop.ui.accounts.audit_view import AuditView

    view = window.view("audit")
    assert isinstance(view, AuditView)
    view.verify()


def _blamed(stack: str) -> str:
    """The innermost line of the application's own code in a stack, or ""."""
    lines = [line.strip() for line in stack.splitlines() if "hendazh_desktop" in line]
    own = [line for line in lines if "/ui/stall.py" not in line and "/ui/ops.py" not in line]
    return own[-1] if own else ""


def measure(db_path: Path, queries: list[str], *, size: str = "1m") -> dict[str, Figure]:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    apply_app_look(app)
    # What the application does on its workers before the views are built (see app.py).
    from hendazh_desktop.domain.money import prepare_formats

    prepare_formats()
    import_the_screens()
    db = wire(Database(str(db_path)))
    figures: dict[str, Figure] = {}
    try:
        context = build_context(db, UserService(db).system_actor())
        window = MainWindow(context=context)
        window.resize(1280, 800)
        window.show()
        _spin(0.5)
        longest, wall, where = 0.0, 0.0, ""
        for area, steps in _areas(queries).items():
            detector = StallDetector()
            detector.start()
            started = time.perf_counter()
            for step in steps:
                _run_in_loop(window, step)
            elapsed = time.perf_counter() - started
            detector.stop()
            figures[f"gui_longest_stall_{area}_{size}"] = figure(
                detector.longest * 1000,
                "ms",
                "≤ 200 ms",
                detector.longest <= LIMIT_S,
                wall_clock_ms=round(detector.longest_wall * 1000, 1),
                steps=len(steps),
                seconds=round(elapsed, 2),
                where=_blamed(detector.where),
            )
            if detector.longest > longest:
                longest, where = detector.longest, area
            wall = max(wall, detector.longest_wall)
        figures[f"gui_longest_stall_{size}"] = figure(
            longest * 1000,
            "ms",
            "≤ 200 ms, driving intake, queue, board and invoicing",
            longest <= LIMIT_S,
            wall_clock_ms=round(wall * 1000, 1),
            worst_area=where,
        )
        window.close()
        window.deleteLater()
        _spin(0.1)
    finally:
        db.dispose()
        for made in (db_path.parent / "backups").glob("*.hendazh-backup.db"):
            made.unlink()  # the backup step's copy of the large database
    return figures
