"""The generated databases of ``make bench``: made once, reused while their marker matches.

A database counts as complete only when its marker file exists and names the same size, seed
and data version: an interrupted generation (or one by an older generator) is made again.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import size_label
from hendazh_desktop.db.database import Database
from hendazh_desktop.demo.data import generate_demo_data
from hendazh_desktop.services.accounts.bootstrap import prepare_database
from hendazh_desktop.services.accounts.users import UserService
from hendazh_desktop.services.wiring import wire

SEED = 7
# Bump when the demo-data generator changes what it makes, so old databases are remade.
DATA_VERSION = 4  # 4: demo data with invoices and payments (schema 0006), bulk prepayments


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".complete.json"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _marker(path: Path) -> Path:
    return Path(f"{path}.complete.json")


def read_marker(path: Path) -> dict[str, Any] | None:
    try:
        return dict(json.loads(_marker(path).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None


def database(data_dir: Path, subscribers: int) -> tuple[Path, dict[str, Any], bool]:
    """The path of a complete demo database of this size, its marker, and whether it was
    generated in this run."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / f"bench-{size_label(subscribers)}.db"
    marker = read_marker(path)
    wanted = {"subscribers": subscribers, "seed": SEED, "data_version": DATA_VERSION}
    if path.exists() and marker is not None and all(marker.get(k) == v for k, v in wanted.items()):
        return path, marker, False
    _remove(path)
    db = wire(Database(str(path)))
    try:
        prepare_database(db, backup_dir=None)
        actor = UserService(db).system_actor()

        def progress(done: int, total: int) -> None:
            print(f"\r  {path.name}: {done:,}/{total:,}", end="", file=sys.stderr, flush=True)

        started = time.perf_counter()
        summary = generate_demo_data(
            db, actor, subscribers=subscribers, seed=SEED, progress=progress
        )
        seconds = time.perf_counter() - started
        print(file=sys.stderr)
        db.checkpoint()
    finally:
        db.dispose()
    marker = wanted | {
        "seconds": round(seconds, 1),
        "phones": summary.phones,
        "requests": summary.requests,
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    _marker(path).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
    return path, marker, True
