"""Gift catalogue figures for ``make bench --only gifts``: the catalogue grid with 1,000 gifts,
each with its own photo, first painted (the view built, its first page and thumbnails read,
the visible tiles decoded and painted at 1366×768), against a bare-library limit measured in
the same run: sqlite3 reading the same names and thumbnails, the visible ones decoded into
pixmaps, and a bare QListView in icon mode over a minimal list model painting them.

The dataset (bench/data/gifts-1000.db) is made once: pictures drawn as the demo draws them,
reduced by the service's own photo import, inserted in bulk.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QListView

from bench.common import Figure, figure
from hendazh_desktop.app import build_context
from hendazh_desktop.db.database import Database
from hendazh_desktop.demo.gifts import ITEMS, draw_gift
from hendazh_desktop.domain.text import search_key
from hendazh_desktop.services.accounts.bootstrap import prepare_database
from hendazh_desktop.services.accounts.users import UserService
from hendazh_desktop.services.gifts.photos import reduce_photo
from hendazh_desktop.services.wiring import wire
from hendazh_desktop.ui.gifts.catalogue_view import GiftCatalogueView
from hendazh_desktop.ui.theme import apply_app_look

ITEM_COUNT = 1000
GOAL_MS = 200.0
RUNS = 7
SCREEN = QSize(1366, 768)


def dataset(data_dir: Path) -> Path:
    """The catalogue database with ``ITEM_COUNT`` gifts and photos (made once)."""
    path = data_dir / f"gifts-{ITEM_COUNT}.db"
    if path.exists():
        return path
    data_dir.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.db")
    partial.unlink(missing_ok=True)
    db = wire(Database(str(partial)))
    prepare_database(db, backup_dir=None)
    uid = UserService(db).system_actor().user_id
    db.dispose()
    items, photos, moves = [], [], []
    for n in range(ITEM_COUNT):
        name, craft, city, price = ITEMS[n % len(ITEMS)]
        image, thumb = reduce_photo(draw_gift(craft, n))
        label = f"{name} {n + 1}"
        key = search_key(f"{label} {craft} {city}")
        pieces = 5 + n % 7
        stamp = "2025-12-01 00:00:00"
        items.append(
            (n + 1, label, key, craft, city, price, price // 2, 2, 1, pieces, pieces, 1, 1, stamp)
        )
        photos.append((n + 1, image, thumb, "2025-12-01 00:00:00"))
        moves.append((n + 1, "received", 5 + n % 7, "", "2025-12-01 00:00:00", 1))
    with sqlite3.connect(partial) as conn:
        conn.executemany(
            "INSERT INTO gift_items (id, name, name_key, craft, city, credit_price, company_cost,"
            " reorder_level, active, stock, on_hand, has_photo, version, created_at, description)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')",
            items,
        )
        conn.executemany("INSERT INTO gift_photos VALUES (?, ?, ?, ?)", photos)
        conn.executemany(
            "INSERT INTO stock_moves (item_id, kind, quantity, reason, at, user_id) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(*m[:5], uid) for m in moves],
        )
    partial.rename(path)
    return path


class _BareModel(QAbstractListModel):
    def __init__(self, names: list[str], pixmaps: dict[int, QPixmap]) -> None:
        super().__init__()
        self._names, self._pixmaps = names, pixmaps

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._names)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._names[index.row()]
        if role == Qt.ItemDataRole.DecorationRole:
            return self._pixmaps.get(index.row())
        return None


def _bare(path: Path, app: QApplication, visible: int) -> float:
    """ms: sqlite3 reads names and thumbnails, the visible ones are decoded, a bare icon-mode
    QListView paints them."""
    start = time.perf_counter()
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT i.name, p.thumb FROM gift_items i JOIN gift_photos p ON p.item_id = i.id "
            "ORDER BY i.craft, i.name_key"
        ).fetchall()
    pixmaps = {}
    for n, (_name, thumb) in enumerate(rows[:visible]):
        pixmap = QPixmap()
        pixmap.loadFromData(thumb, "JPEG")
        pixmaps[n] = pixmap
    view = QListView()
    view.setViewMode(QListView.ViewMode.IconMode)
    view.setUniformItemSizes(True)
    view.setIconSize(QSize(160, 120))
    view.setGridSize(QSize(190, 242))
    model = _BareModel([r[0] for r in rows], pixmaps)
    view.setModel(model)
    view.resize(SCREEN)
    view.show()
    view.viewport().grab()
    elapsed = (time.perf_counter() - start) * 1000
    view.close()
    view.deleteLater()
    app.processEvents()
    return elapsed


def _ours(ctx: Any, app: QApplication) -> tuple[float, int]:
    """(ms, thumbnails decoded): the catalogue view built and its grid first painted."""
    start = time.perf_counter()
    view = GiftCatalogueView(context=ctx)
    view.resize(SCREEN)
    view.show()
    view.grid.viewport().grab()
    elapsed = (time.perf_counter() - start) * 1000
    decoded = view.model.decoded
    view.close()
    view.deleteLater()
    app.processEvents()
    return elapsed, decoded


def measure(data_dir: Path) -> dict[str, Figure]:
    path = dataset(data_dir)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    apply_app_look(app)
    db = wire(Database(str(path)))
    try:
        ctx = build_context(db, UserService(db).system_actor())
        _ours(ctx, app)  # warm: imports, fonts, the first query plans
        ours, bare, decoded = [], [], 0
        for _ in range(RUNS):
            ms, decoded = _ours(ctx, app)
            ours.append(ms)
            bare.append(_bare(path, app, decoded))
    finally:
        db.dispose()
    first, limit = statistics.median(ours), statistics.median(bare)
    return {
        "gift_catalogue_grid_1000_photos_bare_qlistview_ms": figure(
            limit,
            "ms",
            "the limit: sqlite3 + the visible thumbnails decoded + a bare QListView",
            True,
            items=ITEM_COUNT,
            decoded=decoded,
        ),
        "gift_catalogue_grid_1000_photos_first_paint_ms": figure(
            first,
            "ms",
            f"≤ {GOAL_MS:.0f} ms at 1366×768 (view built, first page, visible tiles)",
            first <= GOAL_MS,
            limit=limit,
            ratio=first / limit,
            items=ITEM_COUNT,
            decoded=decoded,
            runs=RUNS,
            p_max=round(max(ours), 1),
        ),
    }
