"""Gift credit at 1,000,000 subscribers and about 3,000,000 credit entries: a subscriber's
balance, the company's outstanding credit, and the ledger list's first and last page through
the service (the list's paint is a count and one page), against the same at 10,000 entries.

The dataset is written with bare executemany into a migrated database (subscribers with the
columns the ledger reads, entries and their maintained balances), made once and reused while
its marker matches.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
import sys
import time
from pathlib import Path

from bench.common import Figure, figure, median, p95, timed
from hendazh_desktop.db.database import Database
from hendazh_desktop.db.repositories.credit import LedgerFilter
from hendazh_desktop.domain.permissions import Actor, Role
from hendazh_desktop.domain.text import collation_key
from hendazh_desktop.services.accounts.bootstrap import office_actor, prepare_database
from hendazh_desktop.services.credit.ledger import GiftCreditLedger
from hendazh_desktop.services.wiring import wire

VERSION = 2
PAGE = 256  # the list model's block
KINDS = ("earned_referrer", "earned_recipient", "spent", "adjustment")


def _fill(path: Path, subscribers: int, entries: int) -> None:
    rng = random.Random(12)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    user = con.execute("SELECT min(id) FROM users").fetchone()[0]
    now = "2026-03-21 06:00:00.000000"
    con.executemany(
        "INSERT INTO subscribers (id, code, name, name_key, sort_key, do_not_serve, "
        "do_not_serve_reason, notes, created_at, updated_at, version) "
        "VALUES (?, ?, ?, ?, ?, 0, '', '', ?, ?, 1)",
        (
            (
                i,
                f"{10_000_000 + i}",
                f"مشترک {i}",
                f"مشترک {i}",
                collation_key(f"مشترک {i}"),
                now,
                now,
            )
            for i in range(1, subscribers + 1)
        ),
    )
    balances: dict[int, int] = {}
    counts: dict[int, int] = {}
    start = dt.date(2025, 3, 21)

    def rows():  # type: ignore[no-untyped-def]
        for i in range(1, entries + 1):
            who = rng.randint(1, subscribers)
            kind = KINDS[0] if i % 3 else KINDS[1]
            amount = rng.randint(1_000, 500_000)
            if i % 10 == 0 and balances.get(who, 0) > 1_000:
                kind, amount = "spent", -rng.randint(1, balances[who])
            balances[who] = balances.get(who, 0) + amount
            counts[who] = counts.get(who, 0) + 1
            day = start + dt.timedelta(days=i * 600 // entries)
            yield (i, i, who, kind, amount, "", now, day.isoformat(), user)

    con.executemany(
        "INSERT INTO credit_entries (id, number, subscriber_id, kind, amount, reason, at, "
        "on_day, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows(),
    )
    con.executemany(
        "INSERT INTO credit_balances (subscriber_id, balance, entries) VALUES (?, ?, ?)",
        ((s, b, counts[s]) for s, b in balances.items()),
    )
    con.execute(
        "UPDATE credit_ledger_totals SET entries = ?, outstanding = ?, below_zero = ?, "
        "negatives = ?",
        (
            entries,
            sum(b for b in balances.values() if b > 0),
            sum(b for b in balances.values() if b < 0),
            sum(1 for b in balances.values() if b < 0),
        ),
    )
    con.commit()
    con.execute("ANALYZE")
    con.close()


def dataset(data_dir: Path, subscribers: int, entries: int) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / f"credit-{subscribers}-{entries}.db"
    marker_path = path.with_suffix(".json")
    wanted = {"subscribers": subscribers, "entries": entries, "version": VERSION}
    if path.exists() and marker_path.exists() and json.loads(marker_path.read_text()) == wanted:
        return path
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    db = wire(Database(str(path)))
    try:
        prepare_database(db, backup_dir=None)
        office_actor(db, "bench", role=Role.MANAGER)
    finally:
        db.dispose()
    started = time.perf_counter()
    _fill(path, subscribers, entries)
    print(f"  {path.name}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    marker_path.write_text(json.dumps(wanted))
    return path


def _first_paint(ledger: GiftCreditLedger, actor: Actor) -> float:
    """A count and the first block: what the list model reads to paint."""
    return median(
        timed(
            [
                lambda: (
                    ledger.count(actor, LedgerFilter()),
                    ledger.page(actor, LedgerFilter(), 0, PAGE),
                )
            ]
            * 15
        )
    )


def _big_figures(
    ledger: GiftCreditLedger, actor: Actor, subscribers: int, entries: int
) -> dict[str, Figure]:
    figures: dict[str, Figure] = {}
    rng = random.Random(3)
    ids = [rng.randint(1, subscribers) for _ in range(200)]
    balance = timed([lambda s=s: ledger.gift_credit(actor, s) for s in ids])
    figures["gift_credit_balance_ms"] = figure(
        median(balance) * 1000,
        "ms",
        "a subscriber's gift credit ≤ 2 ms",
        median(balance) * 1000 <= 2,
        limit=2,
        p95=round(p95(balance) * 1000, 3),
        entries=entries,
    )
    total = timed([lambda: ledger.outstanding(actor)] * 7)
    figures["gift_credit_outstanding_ms"] = figure(
        median(total) * 1000,
        "ms",
        "total outstanding gift credit ≤ 200 ms",
        median(total) * 1000 <= 200,
        limit=200,
    )
    count = ledger.count(actor, LedgerFilter())
    last = timed([lambda: ledger.page(actor, LedgerFilter(), max(count - PAGE, 0), PAGE)] * 7)
    figures["credit_ledger_last_page_ms"] = figure(
        median(last) * 1000,
        "ms",
        "jump to the end of the ledger ≤ 150 ms",
        median(last) * 1000 <= 150,
        limit=150,
    )
    statement = timed([lambda s=s: ledger.statement(actor, s) for s in ids[:20]])
    figures["gift_credit_statement_ms"] = figure(
        median(statement) * 1000, "ms", "a subscriber's statement (informational)", True
    )
    return figures


def measure(
    data_dir: Path, subscribers: int = 1_000_000, entries: int = 3_000_000
) -> dict[str, Figure]:
    figures: dict[str, Figure] = {}
    paints = {}
    for name, path in (
        ("big", dataset(data_dir, subscribers, entries)),
        ("small", dataset(data_dir, 10_000, 10_000)),
    ):
        db = wire(Database(str(path)))
        try:
            actor = office_actor(db, "bench", role=Role.MANAGER)
            ledger = GiftCreditLedger(db)
            paints[name] = _first_paint(ledger, actor)
            if name == "big":
                figures.update(_big_figures(ledger, actor, subscribers, entries))
        finally:
            db.dispose()
    ratio = paints["big"] / paints["small"]
    figures["credit_ledger_first_page_ms"] = figure(
        paints["big"] * 1000,
        "ms",
        "ledger first page (count + one block) ≤ 2× its time at 10,000 entries",
        ratio <= 2,
        limit=round(paints["small"] * 2000, 3),
        ratio=ratio,
    )
    return figures


if __name__ == "__main__":
    here = Path(__file__).resolve().parent / "data"
    subs = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 3_000_000
    for key, value in measure(here, subs, n).items():
        print(key, value)
