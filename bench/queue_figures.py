"""Queue figures for ``make bench``: the queue's count and its last page on the 1,000,000
subscriber database, with at least 50,000 requests, against raw sqlite3 in the same run."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bench.common import Figure, figure, median, timed
from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.requests import OPEN_STATUSES
from hendazh_desktop.services.accounts.users import UserService
from hendazh_desktop.services.requests.queue import QueueFilter, QueueService
from hendazh_desktop.services.wiring import wire

REQUESTS = 50_000
PAGE = 100
ROUNDS = 15


def _requests(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT count(*) FROM service_requests").fetchone()[0])


def _raw(path: Path, sql: str, *params: object) -> list[float]:
    conn = sqlite3.connect(path)
    try:
        return timed([lambda: conn.execute(sql, params).fetchall()] * ROUNDS)
    finally:
        conn.close()


def measure(big: Path, size: str) -> dict[str, Figure]:
    total = _requests(big)
    if total < REQUESTS:
        raise RuntimeError(f"the {size} database has {total:,} requests, fewer than {REQUESTS:,}")
    db = wire(Database(str(big)))
    try:
        actor = UserService(db).system_actor()
        queue = QueueService(db)
        figures: dict[str, Figure] = {}
        open_statuses = tuple(sorted(s.value for s in OPEN_STATUSES))
        in_open = f"WHERE status IN ({', '.join('?' * len(open_statuses))})"
        filters = {  # the service's filter, and the same question to raw sqlite3 (the limit)
            "all": (QueueFilter(), "", ()),
            "open": (QueueFilter(statuses=open_statuses), in_open, open_statuses),
        }
        for name, (flt, where, args) in filters.items():
            rows = queue.count(actor, flt)
            count = median(timed([lambda flt=flt: queue.count(actor, flt)] * ROUNDS))
            last = max(0, rows - PAGE)
            page = median(timed([lambda f=flt, o=last: queue.page(actor, f, o, PAGE)] * ROUNDS))
            raw_count = median(_raw(big, f"SELECT count(*) FROM service_requests {where}", *args))
            raw_last = median(
                _raw(
                    big,
                    f"SELECT * FROM service_requests {where} "
                    "ORDER BY priority DESC, created_at, id LIMIT ? OFFSET ?",
                    *args,
                    PAGE,
                    last,
                )
            )
            figures[f"queue_count_{name}_{size}_{total // 1000}k_requests"] = figure(
                count * 1000,
                "ms",
                "≤ 50 ms",
                count <= 0.050,
                limit=raw_count * 1000,
                ratio=count / raw_count if raw_count else None,
                rows=rows,
            )
            figures[f"queue_last_page_{name}_{size}_{total // 1000}k_requests"] = figure(
                page * 1000,
                "ms",
                "≤ 150 ms",
                page <= 0.150,
                limit=raw_last * 1000,
                ratio=page / raw_last if raw_last else None,
                offset=last,
            )
        return figures
    finally:
        db.dispose()
