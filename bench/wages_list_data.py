"""The payables list's bench databases (bench/data/wages-list-<size>.db), made once each in
bulk with sqlite3, consistent with the schema the app migrates to.

For ``n`` payables: 500 groups (every fifth a team of two, the others one person, each member
with a Sheba), n/10 subscribers, n paid requests each with its posted split, payable and fee
items; 90% of them paid by ten payout batches (lines and paid rows per member), 5% held by a
draft batch, the rest due; one in a thousand reversed (a clawback after payment, or held again
before it; half of those held ones collected again, so their job has a second payable) and
n/100 done jobs still waiting for their money (the newest jobs). Indexes are built after the
rows, as bulk loads should.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from bench.common import size_label
from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.permissions import Role
from hendazh_desktop.domain.text import collation_key, search_key
from hendazh_desktop.services.accounts.bootstrap import office_actor, prepare_database
from hendazh_desktop.services.wiring import wire

VERSION = 1  # bump when what is made changes: older databases are made again
GROUPS = 500
IBAN = "IR062960000000100324200001"
STAMP = "2025-12-01 08:00:00"
FIRST_DAY = dt.date(2025, 3, 21)
PAID_BATCHES = 10


def _filler(kind: str) -> Any:
    kind = kind.upper()
    if "INT" in kind or "BOOL" in kind:
        return 0
    if kind == "DATE":
        return FIRST_DAY.isoformat()
    if "DATETIME" in kind or "TIMESTAMP" in kind:
        return STAMP
    return ""


def _bulk(
    conn: sqlite3.Connection, table: str, names: tuple[str, ...], rows: Iterable[tuple]
) -> None:
    """Rows given by ``names``; every other required column gets a plain value."""
    info = conn.execute(f"PRAGMA table_info({table})").fetchall()
    extra = [c for c in info if c[1] not in names and c[3] and c[4] is None and not c[5]]
    tail = tuple(_filler(c[2]) for c in extra)
    columns = ", ".join((*names, *(c[1] for c in extra)))
    marks = ", ".join("?" for _ in range(len(names) + len(extra)))
    conn.executemany(
        f"INSERT INTO {table} ({columns}) VALUES ({marks})", (row + tail for row in rows)
    )


def _members() -> list[tuple[int, int]]:
    """(member id, group id): every fifth group a team of two."""
    found, member = [], 0
    for group in range(1, GROUPS + 1):
        for _ in range(2 if group % 5 == 0 else 1):
            member += 1
            found.append((member, group))
    return found


class _Plan:
    """Who is paid what, decided once so the items, lines and paid rows agree."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.paid_upto = n * 9 // 10
        self.claimed_upto = n * 95 // 100
        self.awaiting = n // 100
        self.subscribers = max(1000, n // 10)
        members = _members()
        self.members_of: dict[int, list[int]] = {}
        for member, group in members:
            self.members_of.setdefault(group, []).append(member)
        self.member_count = len(members)

    def group(self, request: int) -> int:
        return 1 + request % GROUPS

    def fee(self, request: int) -> int:
        return 600_000 + (request * 7919) % 1_400_000

    def day(self, request: int) -> str:
        return (FIRST_DAY + dt.timedelta(days=request * 250 // max(1, self.n))).isoformat()

    def reversed(self, request: int) -> bool:
        return request % 1000 == 500

    def recollected(self, request: int) -> bool:
        return self.reversed(request) and request > self.paid_upto and request % 2000 == 500

    def batch(self, request: int) -> int | None:
        """The batch that paid (1..10) or holds (11) the payable's fee items; None: due."""
        if request <= self.paid_upto:
            return 1 + (request - 1) * PAID_BATCHES // self.paid_upto
        if request <= self.claimed_upto and not self.reversed(request):
            return PAID_BATCHES + 1
        return None

    def shares(self, request: int) -> list[tuple[int, int]]:
        fee, members = self.fee(request), self.members_of[self.group(request)]
        if len(members) == 1:
            return [(members[0], fee)]
        first = fee * 2 // 3
        return [(members[0], first), (members[1], fee - first)]

    def line(self, batch: int, member: int) -> int:
        return (batch - 1) * self.member_count + member


def _rows(plan: _Plan, uid: int, service_ids: list[int], rule: int) -> dict[str, Iterator[tuple]]:
    n = plan.n
    reversals = [r for r in range(1, n + 1) if plan.reversed(r)]
    again = [r for r in reversals if plan.recollected(r)]

    def requests() -> Iterator[tuple]:
        for r in range(1, n + plan.awaiting + 1):
            status = "paid" if r <= n else "done"
            yield (r, service_ids[r % len(service_ids)], 1 + r % plan.subscribers, status,
                   "phone", 1, plan.group(r), STAMP, uid, STAMP, STAMP, 1)  # fmt: skip

    def splits() -> Iterator[tuple]:
        for r in range(1, n + 1):
            fee = plan.fee(r)
            yield (r, r, 1, "posted", rule, fee, fee, 0, 0, 0, 0, None, STAMP, uid)
        for k, r in enumerate(reversals, start=1):
            fee = plan.fee(r)
            yield (n + k, r, 2, "reversed", rule, fee, fee, 0, 0, 0, 0, r, STAMP, uid)
        for k, r in enumerate(again, start=1):
            fee = plan.fee(r)
            sid = n + len(reversals) + k
            yield (sid, r, 3, "posted", rule, fee, fee, 0, 0, 0, 0, None, STAMP, uid)

    def payables() -> Iterator[tuple]:
        for r in range(1, n + 1):
            yield (r, r, r, plan.group(r), service_ids[r % len(service_ids)], plan.fee(r),
                   plan.day(r), STAMP)  # fmt: skip
        for k, r in enumerate(again, start=1):
            yield (n + k, n + len(reversals) + k, r, plan.group(r),
                   service_ids[r % len(service_ids)], plan.fee(r), plan.day(r), STAMP)  # fmt: skip

    return {"requests": requests(), "splits": splits(), "payables": payables()}


def _items(conn: sqlite3.Connection, plan: _Plan, uid: int) -> None:
    """Fee items, clawbacks, and the batches' lines, paid rows and claims."""
    n, again = plan.n, [r for r in range(1, plan.n + 1) if plan.recollected(r)]
    totals: dict[tuple[int, int], int] = {}
    group_of = dict(_members())
    paid, claims, items = [], [], []
    item = 0
    for r in range(1, n + 1):
        batch = plan.batch(r)
        for member, amount in plan.shares(r):
            item += 1
            day = plan.day(r)
            items.append((item, member, plan.group(r), "fee", amount, r, r, day, STAMP, uid))
            if batch is not None:
                key = (batch, member)
                totals[key] = totals.get(key, 0) + amount
                row = (item, batch, plan.line(batch, member))
                (paid if batch <= PAID_BATCHES else claims).append(row)
            if plan.reversed(r) and r <= plan.paid_upto:
                item += 1
                items.append(
                    (item, member, plan.group(r), "clawback", -amount, r, r, day, STAMP, uid)
                )
        if len(items) >= 200_000:
            _bulk(conn, "wage_items", ITEM_COLUMNS, items)
            items.clear()
    for k, r in enumerate(again, start=1):
        for member, amount in plan.shares(r):
            item += 1
            day = plan.day(r)
            items.append((item, member, plan.group(r), "fee", amount, n + k, r, day, STAMP, uid))
    _bulk(conn, "wage_items", ITEM_COLUMNS, items)
    _bulk(
        conn,
        "wage_batch_lines",
        ("id", "batch_id", "member_id", "group_id", "holder", "iban", "method", "problem",
         "fees", "reimbursements", "advances", "clawbacks", "corrections", "withholding", "net"),
        ((plan.line(b, m), b, m, group_of[m], f"عضو {m}", IBAN, "transfer", "", t, 0, 0, 0, 0,
          0, t) for (b, m), t in totals.items()),
    )  # fmt: skip
    sums: dict[int, int] = {}
    for (b, _m), t in totals.items():
        sums[b] = sums.get(b, 0) + t
    _bulk(
        conn,
        "wage_batches",
        ("id", "number", "day_from", "day_to", "state", "total", "created_by", "paid_by",
         "paid_on", "paid_at", "bank_ref", "version", "group_ids", "approval_required"),
        ((b, b, FIRST_DAY.isoformat(), plan.day(n), "paid" if b <= PAID_BATCHES else "draft",
          total, uid, uid if b <= PAID_BATCHES else None,
          plan.day(n) if b <= PAID_BATCHES else None, STAMP if b <= PAID_BATCHES else None,
          f"REF-{b}" if b <= PAID_BATCHES else "", 1, "", 0)
         for b, total in sorted(sums.items())),
    )  # fmt: skip
    _bulk(conn, "wage_paid", ("item_id", "batch_id", "line_id", "at"), ((*p, STAMP) for p in paid))
    _bulk(conn, "wage_claims", ("item_id", "batch_id", "line_id"), claims)


ITEM_COLUMNS = ("id", "member_id", "group_id", "kind", "amount", "payable_id", "request_id",
                "on_day", "at", "user_id")  # fmt: skip
BIG = ("service_requests", "job_splits", "wage_payables", "wage_items", "wage_paid",
       "wage_claims", "subscribers")  # fmt: skip


def _fill(path: Path, n: int, uid: int) -> None:
    plan = _Plan(n)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("BEGIN")
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({', '.join('?' * len(BIG))})",
        BIG,
    ).fetchall()
    for name, _sql in indexes:
        conn.execute(f"DROP INDEX {name}")
    service_ids = [r[0] for r in conn.execute("SELECT id FROM services ORDER BY id")]
    rule = conn.execute("SELECT min(id) FROM split_rules").fetchone()[0]
    names = [f"گروه {g}" for g in range(1, GROUPS + 1)]
    _bulk(conn, "work_groups",
          ("id", "name", "name_key", "sort_key", "kind", "phone", "daily_capacity", "active",
           "version", "created_at"),
          ((g, name, search_key(name), collation_key(name), "team" if g % 5 == 0 else "person",
            "09170000000", 4, 1, 1, STAMP) for g, name in enumerate(names, start=1)))  # fmt: skip
    _bulk(conn, "wage_members",
          ("id", "group_id", "name", "sort_key", "share", "position", "iban", "created_at"),
          ((m, g, f"عضو {m}", collation_key(f"عضو {m}"), 1, m, IBAN, STAMP)
           for m, g in _members()))  # fmt: skip
    _bulk(conn, "subscribers",
          ("id", "code", "name", "name_key", "sort_key", "do_not_serve", "do_not_serve_reason",
           "notes", "created_at", "updated_at", "version"),
          ((s, f"{10_000_000 + s}", f"مشترک {s}", f"مشترک {s}", collation_key(f"مشترک {s}"),
            0, "", "", STAMP, STAMP, 1) for s in range(1, plan.subscribers + 1)))  # fmt: skip
    rows = _rows(plan, uid, service_ids, rule)
    _bulk(conn, "service_requests",
          ("id", "service_id", "subscriber_id", "status", "channel", "priority", "group_id",
           "done_at", "created_by", "created_at", "updated_at", "version"),
          rows["requests"])  # fmt: skip
    _bulk(conn, "job_splits",
          ("id", "request_id", "seq", "kind", "rule_id", "labour", "fee", "commission",
           "commission_kept", "referrer_credit", "recipient_credit", "reverses_id", "at",
           "user_id"),
          rows["splits"])  # fmt: skip
    _bulk(conn, "wage_payables",
          ("id", "split_id", "request_id", "group_id", "service_id", "fee", "on_day", "at"),
          rows["payables"])  # fmt: skip
    _items(conn, plan, uid)
    for _name, sql in indexes:
        conn.execute(sql)
    conn.execute("COMMIT")
    conn.close()


def database(data_dir: Path, n: int) -> tuple[Path, int]:
    """The payables database of ``n`` payables (made once) and the accountant's user id."""
    path = data_dir / f"wages-list-{size_label(n)}.db"
    marker = Path(f"{path}.complete.json")
    wanted = {"payables": n, "version": VERSION}
    try:
        done = json.loads(marker.read_text(encoding="utf-8")) == wanted and path.exists()
    except (OSError, ValueError):
        done = False
    if not done:
        data_dir.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        db = wire(Database(str(path)))
        prepare_database(db, backup_dir=None)
        uid = office_actor(db, "bench-accountant", role=Role.ACCOUNTANT).user_id
        db.checkpoint()
        db.dispose()
        _fill(path, n, uid)
        marker.write_text(json.dumps(wanted) + "\n", encoding="utf-8")
    db = wire(Database(str(path)))
    prepare_database(db, backup_dir=None)  # migrated as the app would (a newer index)
    uid = office_actor(db, "bench-accountant", role=Role.ACCOUNTANT).user_id
    db.checkpoint()  # the statistics the app itself keeps (the queue's), nothing more
    db.dispose()
    return path, uid
