"""`make bench`: generate large databases once, measure, and write bench/results.json.

python -m bench.run [--subscribers N] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hendazh_desktop.db.database import Database
from hendazh_desktop.services.bootstrap import prepare_database
from hendazh_desktop.services.demo_data import generate_demo_data
from hendazh_desktop.services.subscriber_search import SubscriberSearch
from hendazh_desktop.services.users import UserService

BENCH_DIR = Path(__file__).resolve().parent
DATA_DIR = BENCH_DIR / "data"
RESULTS = BENCH_DIR / "results.json"
Figure = dict[str, Any]


def figure(
    value: float,
    unit: str,
    goal: str,
    ok: bool,
    *,
    limit: float | None = None,
    ratio: float | None = None,
    **extra: Any,
) -> Figure:
    result: Figure = {
        "value": round(value, 3),
        "unit": unit,
        "limit": None if limit is None else round(limit, 3),
        "ratio": None if ratio is None else round(ratio, 2),
        "goal": goal,
        "ok": bool(ok),
    }
    result.update(extra)
    return result


def database(subscribers: int, figures: dict[str, Figure]) -> Path:
    """A demo database of this size, generated once and reused."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / f"bench-{subscribers}.db"
    if path.exists():
        conn = sqlite3.connect(path)
        try:
            count = conn.execute("SELECT count(*) FROM subscribers").fetchone()[0]
        except sqlite3.DatabaseError:
            count = -1
        conn.close()
        if count == subscribers:
            return path
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = Database(str(path))
    prepare_database(db, backup_dir=None)
    actor = UserService(db).system_actor()
    started = time.perf_counter()
    generate_demo_data(
        db,
        actor,
        subscribers=subscribers,
        seed=7,
        progress=lambda d, t: print(
            f"\r  generating {d:,}/{t:,}", end="", file=sys.stderr, flush=True
        ),
    )
    seconds = time.perf_counter() - started
    print(file=sys.stderr)
    db.checkpoint()
    db.dispose()
    figures[f"demo_data_{_size(subscribers)}_seconds"] = figure(
        seconds, "s", "a few minutes at 1M", seconds < 600
    )
    return path


def _size(n: int) -> str:
    return f"{n // 1_000_000}m" if n >= 1_000_000 and n % 1_000_000 == 0 else f"{n // 1000}k"


def _timed(calls: list[Callable[[], object]]) -> list[float]:
    samples = []
    for call in calls:
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return samples


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[int(len(ordered) * 0.95) - 1]


def service_figures(path: Path, size: str) -> dict[str, Figure]:
    rng = random.Random(11)
    raw = sqlite3.connect(path)
    (max_phone,) = raw.execute("SELECT max(id) FROM subscriber_phones").fetchone()
    numbers = [
        raw.execute(
            "SELECT number FROM subscriber_phones WHERE id = ?", (rng.randint(1, max_phone),)
        ).fetchone()[0]
        for _ in range(2000)
    ]
    names = [
        r[0]
        for r in raw.execute(
            "SELECT name FROM subscribers WHERE id IN ({})".format(
                ",".join(str(rng.randint(1, max_phone // 2)) for _ in range(400))
            )
        )
    ]
    db = Database(str(path))
    actor = UserService(db).system_actor()
    search = SubscriberSearch(db)
    query = "SELECT subscriber_id FROM subscriber_phones WHERE number = ?"
    for number in numbers:  # warm the pages both paths read
        raw.execute(query, (number,)).fetchone()
        search.find_exact(actor, number)
    raw_times = _timed([lambda n=n: raw.execute(query, (n,)).fetchone() for n in numbers])
    service_times = _timed([lambda n=n: search.find_exact(actor, n) for n in numbers])
    again = _timed([lambda n=n: raw.execute(query, (n,)).fetchone() for n in numbers])
    if statistics.median(again) < statistics.median(raw_times):
        raw_times = again
    limit_us = statistics.median(raw_times) * 1e6
    value_us = statistics.median(service_times) * 1e6
    figures = {
        f"caller_lookup_exact_phone_raw_sqlite_{size}": figure(limit_us, "µs", "the limit", True),
        f"caller_lookup_exact_phone_service_{size}": figure(
            value_us,
            "µs",
            "≤ 10× limit",
            value_us <= 10 * limit_us,
            limit=limit_us,
            ratio=value_us / limit_us,
        ),
    }
    fragments = []
    for number in numbers[:300]:
        kind = len(fragments) % 3
        fragments.append(number[:6] if kind == 0 else number[-5:] if kind == 1 else number[4:9])
    phone_times = _timed([lambda f=f: search.search(actor, f, 50) for f in fragments])
    words = []
    for name in names:
        first, _, last = name.partition(" ")
        word = rng.choice([first, last])
        start = rng.randint(0, max(0, len(word) - 3))
        words.append(word[start : start + rng.randint(3, 5)])
    words += [f"{n.split(' ')[0][:3]} {n.split(' ')[-1][:3]}" for n in names[:100]]
    name_times = _timed([lambda w=w: search.search(actor, w, 50) for w in words])
    for key, samples in (("phone", phone_times), ("name", name_times)):
        median_ms = statistics.median(samples) * 1000
        figures[f"search_{key}_fragment_{size}"] = figure(
            median_ms,
            "ms",
            "≤ 15 ms median",
            median_ms <= 15,
            p95_ms=round(_p95(samples) * 1000, 3),
            queries=len(samples),
        )
    raw.close()
    db.dispose()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--subscribers", type=int, default=1_000_000)
    parser.add_argument(
        "--only", nargs="*", default=None, help="groups to run: service, ui (default: all)"
    )
    args = parser.parse_args(argv)
    groups = set(args.only or ["service", "ui", "dispatch"])
    figures: dict[str, Figure] = {}
    big = database(args.subscribers, figures)
    small = database(min(10_000, args.subscribers), figures)
    size = _size(args.subscribers)
    if "service" in groups:
        figures.update(service_figures(big, size))
    if "dispatch" in groups:
        from bench import dispatch_figures

        figures.update(dispatch_figures.measure(DATA_DIR))
    if "ui" in groups:
        from bench import ui_figures

        figures.update(ui_figures.measure(big, small, size=size))
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    results.update(figures)
    RESULTS.write_text(
        json.dumps(results, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    width = max(len(k) for k in figures)
    for name, fig in sorted(figures.items()):
        limit = f" limit {fig['limit']}" if fig["limit"] is not None else ""
        ratio = f" ({fig['ratio']}×)" if fig["ratio"] is not None else ""
        mark = "ok " if fig["ok"] else "MISS"
        print(
            f"{mark} {name:<{width}} {fig['value']} {fig['unit']}{limit}{ratio}  goal {fig['goal']}"
        )
    return 0 if all(f["ok"] for f in figures.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
