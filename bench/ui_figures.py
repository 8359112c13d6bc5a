"""Qt figures for ``make bench``: intake keystroke, subscriber list paint/memory/jump, start-up.

Each figure is measured in this run next to its floor (a bare PySide6 window, or the same
list at 10k rows), so ratios hold even on a loaded machine.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QTableView

from bench.common import installed_env
from hendazh_desktop.app import build_context
from hendazh_desktop.db.database import Database
from hendazh_desktop.services.accounts.users import UserService
from hendazh_desktop.services.subscribers.records import SubscriberRow
from hendazh_desktop.services.wiring import wire
from hendazh_desktop.ui.common.columns import SUBSCRIBER_RESULT_COLUMNS as RESULT_COLUMNS
from hendazh_desktop.ui.common.window_model import WindowTableModel
from hendazh_desktop.ui.requests.intake_panel import IntakePanel
from hendazh_desktop.ui.theme import apply_app_look

Figure = dict[str, Any]


def _figure(
    value: float,
    unit: str,
    goal: str,
    ok: bool,
    *,
    limit: float | None = None,
    ratio: float | None = None,
) -> Figure:
    return {
        "value": round(value, 3),
        "unit": unit,
        "limit": None if limit is None else round(limit, 3),
        "ratio": None if ratio is None else round(ratio, 3),
        "goal": goal,
        "ok": bool(ok),
    }


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _app() -> QApplication:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    apply_app_look(app)
    return app


class _PagedSubscribers:
    def __init__(self, ctx: Any) -> None:
        self._ctx = ctx

    def count(self) -> int:
        return int(self._ctx.search.count(self._ctx.actor))

    def fetch(self, offset: int, limit: int) -> list[SubscriberRow]:
        return list(self._ctx.search.page(self._ctx.actor, offset, limit))


def _list_paint(db_path: Path, app: QApplication) -> tuple[float, float, float]:
    """(first paint ms, extra MB, jump-to-last-row ms) for the full subscriber list."""
    db = wire(Database(str(db_path)))
    ctx = build_context(db, UserService(db).system_actor())
    view = QTableView()
    view.resize(1000, 700)
    view.verticalHeader().setDefaultSectionSize(24)
    view.show()
    app.processEvents()
    rss_before = _rss_mb()
    model: WindowTableModel[SubscriberRow] = WindowTableModel(RESULT_COLUMNS)
    start = time.perf_counter()
    model.set_source(_PagedSubscribers(ctx))
    view.setModel(model)
    view.repaint()
    app.processEvents()
    first_paint = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    view.scrollToBottom()
    view.repaint()
    app.processEvents()
    jump = (time.perf_counter() - start) * 1000
    extra = _rss_mb() - rss_before
    view.close()
    view.deleteLater()
    app.processEvents()
    db.dispose()
    return first_paint, extra, jump


def _keystroke(db_path: Path, app: QApplication, queries: list[str]) -> list[float]:
    db = wire(Database(str(db_path)))
    ctx = build_context(db, UserService(db).system_actor())
    panel = IntakePanel(context=ctx)
    panel.resize(1100, 760)
    panel.show()
    app.processEvents()
    times = []
    for query in queries:
        panel.start_call()
        app.processEvents()
        start = time.perf_counter()
        panel.search.setText(query)
        panel.run_search()
        panel.repaint()
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    panel.close()
    panel.deleteLater()
    app.processEvents()
    db.dispose()
    return times


_BARE = textwrap.dedent("""
    import time; t0 = time.perf_counter()
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
    app = QApplication([]); w = QMainWindow(); w.setCentralWidget(QTableView()); w.show()
    w.repaint(); app.processEvents(); print((time.perf_counter() - t0) * 1000)
""")
_APP = textwrap.dedent("""
    import time; t0 = time.perf_counter()
    from hendazh_desktop.app import make_application
    from hendazh_desktop.ui.main_window import MainWindow
    app = make_application([]); w = MainWindow(); w.show(); w.repaint(); app.processEvents()
    print((time.perf_counter() - t0) * 1000)
""")
_READY = textwrap.dedent("""
    import time; t0 = time.perf_counter()
    import sys
    from hendazh_desktop.app import build_context, make_application, open_database
    from hendazh_desktop.config import resolve_paths
    from hendazh_desktop.ui.main_window import MainWindow
    app = make_application([]); w = MainWindow(); w.show(); w.repaint(); app.processEvents()
    db = open_database(resolve_paths(sys.argv[1]))
    from hendazh_desktop.services.accounts.system_account import system_actor
    w.attach(build_context(db, system_actor(db)))
    w.repaint(); app.processEvents(); print((time.perf_counter() - t0) * 1000)
""")


def _startup(script: str, *args: str, runs: int = 5) -> float:
    env = installed_env(QT_QPA_PLATFORM="offscreen")
    samples = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", script, *args],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        samples.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(samples)


def sample_queries(db_path: Path, count: int = 60) -> list[str]:
    """Phone numbers, their first seven and last five digits, as a caller types them."""
    import random
    import sqlite3

    conn = sqlite3.connect(str(db_path))
    rng = random.Random(7)
    (max_id,) = conn.execute("SELECT max(id) FROM subscriber_phones").fetchone()
    queries: list[str] = []
    while len(queries) < count:
        pid = rng.randint(1, max_id)
        row = conn.execute("SELECT number FROM subscriber_phones WHERE id=?", (pid,)).fetchone()
        if row:
            number = row[0]
            kind = len(queries) % 3
            queries.append(number if kind == 0 else number[:7] if kind == 1 else number[-5:])
    conn.close()
    return queries


def measure(db_path_1m: Path, db_path_10k: Path, *, size: str = "1m") -> dict[str, Figure]:
    app = _app()
    figures: dict[str, Figure] = {}
    queries = sample_queries(db_path_1m)
    _keystroke(db_path_1m, app, queries[:5])  # warm-up
    keystrokes = _keystroke(db_path_1m, app, queries)
    median = statistics.median(keystrokes)
    figures[f"intake_keystroke_to_paint_{size}"] = _figure(
        median, "ms", "≤ 50 ms median", median <= 50
    )
    paint_10k, _mem_10k, _jump_10k = _list_paint(db_path_10k, app)
    paint_10k = min(paint_10k, _list_paint(db_path_10k, app)[0])
    paint_1m, mem_1m, jump_1m = _list_paint(db_path_1m, app)
    second = _list_paint(db_path_1m, app)
    paint_1m, jump_1m = min(paint_1m, second[0]), min(jump_1m, second[2])
    figures["subscriber_list_first_paint_10k"] = _figure(paint_10k, "ms", "reference", True)
    figures[f"subscriber_list_first_paint_{size}"] = _figure(
        paint_1m,
        "ms",
        "≤ 2× the 10k paint",
        paint_1m <= 2 * paint_10k,
        limit=paint_10k,
        ratio=paint_1m / paint_10k if paint_10k else None,
    )
    figures[f"subscriber_list_extra_memory_{size}"] = _figure(mem_1m, "MB", "≤ 30 MB", mem_1m <= 30)
    figures[f"subscriber_list_jump_to_last_row_{size}"] = _figure(
        jump_1m, "ms", "≤ 150 ms", jump_1m <= 150
    )
    bare = _startup(_BARE, runs=7)
    shell = _startup(_APP, runs=7)
    figures["app_start_to_painted_window"] = _figure(
        shell, "ms", "≤ 2× limit", shell <= 2 * bare, limit=bare, ratio=shell / bare
    )
    ready = _startup(_READY, str(db_path_1m), runs=3)
    figures[f"app_start_to_ready_views_{size}"] = _figure(
        ready,
        "ms",
        "≤ 1,000 ms: window shown, database opened, the first view filled (no sign-in)",
        ready <= 1000,
        limit=bare,
        ratio=ready / bare,
    )
    return figures
