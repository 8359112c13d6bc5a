"""The payables list's first paint at 1,000,000 rows against its paint at 10,000 (goal ≤ 2×),
measured like the subscriber list's (bench/ui_figures.py): the real model and table of the
wages view over the real service, a fresh database connection, the count, the first block of
rows and the paint. Also the whole wages view opened and painted, and its totals over every
payable (summed off the GUI thread in the view), as context."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.common import Figure, figure
from bench.wages_list_data import database
from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.permissions import Actor, Role
from hendazh_desktop.services.wages.queries import PayableFilter, WageQueries
from hendazh_desktop.services.wiring import wire

SMALL, BIG = 10_000, 1_000_000
RUNS = 3


def _app() -> Any:
    from PySide6.QtWidgets import QApplication

    from hendazh_desktop.ui.theme import apply_app_look

    app = QApplication.instance() or QApplication([])
    apply_app_look(app)
    return app


def _paint(path: Path, uid: int, app: Any) -> tuple[float, int]:
    """(ms from the list's source set to its first block painted, rows)."""
    from hendazh_desktop.ui.common.tables import list_table
    from hendazh_desktop.ui.common.window_model import WindowTableModel
    from hendazh_desktop.ui.wages import sources
    from hendazh_desktop.ui.wages.wages_view import PAYABLE_COLUMNS

    db = wire(Database(str(path)))
    try:
        actor = Actor(uid, "bench-accountant", Role.ACCOUNTANT)
        model: WindowTableModel[Any] = WindowTableModel(
            PAYABLE_COLUMNS, warn=lambda r: r.state == "clawed_back"
        )
        table = list_table(model)
        table.resize(1000, 700)
        table.show()
        app.processEvents()
        started = time.perf_counter()
        model.set_source(sources.payables(WageQueries(db), actor, PayableFilter()))
        table.repaint()
        app.processEvents()
        paint = (time.perf_counter() - started) * 1000
        rows = model.rowCount()
        assert model.fetches >= 1 and model.data(model.index(0, 0))
        table.close()
        table.deleteLater()
        app.processEvents()
        return paint, rows
    finally:
        db.dispose()


def _view(path: Path, uid: int, app: Any) -> tuple[float, float]:
    """(ms to open and paint the whole wages view, s until its totals are shown)."""
    from hendazh_desktop.app import build_context
    from hendazh_desktop.ui.wages.wages_view import WagesView

    db = wire(Database(str(path)))
    try:
        ctx = build_context(db, Actor(uid, "bench-accountant", Role.ACCOUNTANT))
        started = time.perf_counter()
        view = WagesView(context=ctx)
        view.resize(1280, 800)
        view.show()
        view.repaint()
        app.processEvents()
        opened = (time.perf_counter() - started) * 1000
        while view.totals_loading is not None and time.perf_counter() - started < 120:
            app.processEvents()
            time.sleep(0.005)
        summed = time.perf_counter() - started
        assert "در حال محاسبه" not in view.totals.text(), "totals not shown within 2 minutes"
        view.close()
        view.deleteLater()
        app.processEvents()
        return opened, summed
    finally:
        db.dispose()


def _totals(path: Path, uid: int) -> float:
    db = wire(Database(str(path)))
    try:
        started = time.perf_counter()
        WageQueries(db).totals(Actor(uid, "bench-accountant", Role.ACCOUNTANT))
        return time.perf_counter() - started
    finally:
        db.dispose()


def measure(data_dir: Path) -> dict[str, Figure]:
    small, small_uid = database(data_dir, SMALL)
    big, big_uid = database(data_dir, BIG)
    app = _app()
    _paint(small, small_uid, app)  # warm-up: Qt, the fonts, the statements
    smalls, bigs = [], []
    for _ in range(RUNS):  # alternated, so a burst of load falls on both sizes
        smalls.append(_paint(small, small_uid, app))
        bigs.append(_paint(big, big_uid, app))
    paint_small, rows_small = min(smalls)
    paint_big, rows_big = min(bigs)
    opened, shown = _view(big, big_uid, app)
    totals = _totals(big, big_uid)
    ratio = paint_big / paint_small
    return {
        "wages_payables_list_first_paint_10k": figure(
            paint_small, "ms", "reference", True, rows=rows_small
        ),
        "wages_payables_list_first_paint_1m": figure(
            paint_big, "ms", "≤ 2× the 10k paint", ratio <= 2.0, limit=paint_small,
            ratio=ratio, rows=rows_big, runs_ms=[round(p, 1) for p, _ in bigs],
            runs_10k_ms=[round(p, 1) for p, _ in smalls],
        ),
        "wages_view_open_1m": figure(
            opened, "ms", "context: the whole view opened and painted (totals summed after)",
            True, totals_shown_s=round(shown, 2), totals_service_s=round(totals, 2),
        ),
    }  # fmt: skip
