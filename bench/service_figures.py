"""Service-layer figures: the caller look-up against raw ``sqlite3``, and search as you type.

Queries are drawn (with a fixed seed) from what the database holds, so every look-up hits.
"""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path

from bench.common import Figure, figure, median, p95
from hendazh_desktop.db.database import Database
from hendazh_desktop.domain.text import ZWNJ
from hendazh_desktop.services.accounts.users import UserService
from hendazh_desktop.services.subscribers.search import SubscriberSearch
from hendazh_desktop.services.wiring import wire

LOOKUPS = 2000
PHONE_FRAGMENTS = 600
NAME_QUERIES = 600
SEARCH_LIMIT = 50
RAW_QUERY = "SELECT subscriber_id FROM subscriber_phones WHERE number = ?"


def _sample(
    raw: sqlite3.Connection, table: str, column: str, count: int, rng: random.Random
) -> list[str]:
    (top,) = raw.execute(f"SELECT max(id) FROM {table}").fetchone()
    picks = [rng.randint(1, top) for _ in range(count)]
    found: list[str] = []
    for i in picks:
        row = raw.execute(f"SELECT {column} FROM {table} WHERE id = ?", (i,)).fetchone()
        if row is not None:
            found.append(row[0])
    return found


def caller_lookup(path: Path, size: str) -> dict[str, Figure]:
    """Median per query of ``find_exact`` and of the bare indexed query, interleaved query by
    query so that a change of machine load touches both alike."""
    rng = random.Random(11)
    raw = sqlite3.connect(path)
    numbers = _sample(raw, "subscriber_phones", "number", LOOKUPS, rng)
    db = wire(Database(str(path)))
    try:
        actor = UserService(db).system_actor()
        search = SubscriberSearch(db)
        for number in numbers:  # warm-up: the same pages in cache for both paths
            expected = raw.execute(RAW_QUERY, (number,)).fetchone()[0]
            if search.find_exact(actor, number) != expected:
                raise AssertionError(f"find_exact({number}) disagrees with the raw query")
        raw_times: list[float] = []
        service_times: list[float] = []
        clock = time.perf_counter
        for _ in range(2):
            for number in numbers:
                t0 = clock()
                raw.execute(RAW_QUERY, (number,)).fetchone()
                t1 = clock()
                search.find_exact(actor, number)
                t2 = clock()
                raw_times.append(t1 - t0)
                service_times.append(t2 - t1)
    finally:
        db.dispose()
        raw.close()
    limit_us = median(raw_times) * 1e6
    value_us = median(service_times) * 1e6
    return {
        f"caller_lookup_exact_phone_raw_sqlite_{size}": figure(
            limit_us, "µs", "the limit", True, queries=len(raw_times)
        ),
        f"caller_lookup_exact_phone_service_{size}": figure(
            value_us,
            "µs",
            "≤ 10× limit",
            value_us <= 10 * limit_us,
            limit=limit_us,
            ratio=value_us / limit_us,
            p95_us=round(p95(service_times) * 1e6, 1),
            queries=len(service_times),
        ),
    }


def _phone_fragments(numbers: list[str], rng: random.Random) -> tuple[list[str], list[str]]:
    """Prefixes (``0917``, ``091723``…) and 4–6 digit pieces from the middle or end. A piece
    typed with a leading 0 is read as the start of a number, so middle pieces never start
    with 0 (such a query would be a prefix search that finds nothing: flatteringly quick)."""
    prefixes, pieces = [], []
    for n, number in enumerate(numbers):
        if n % 3 == 0:
            prefixes.append(number[: rng.randint(4, 8)])
            continue
        while True:
            length = rng.randint(4, 6)
            start = rng.randint(4, len(number) - length)
            piece = number[start : start + length]
            if piece[0] != "0":
                break
        pieces.append(piece)
    return prefixes, pieces


def _name_queries(names: list[str], rng: random.Random) -> list[str]:
    """3–5 letter pieces of a first or last name, and some two-word queries (the first word
    may be two letters: it is then checked on the rows the other words found)."""
    queries = []
    for n, name in enumerate(names):
        first, _, last = name.partition(" ")
        if n % 4 == 3:
            queries.append(f"{first[: rng.randint(2, 4)]} {last[: rng.randint(3, 5)]}")
            continue
        # letters only: a ZWNJ inside a piece would leave it two letters long once normalised
        word = rng.choice([first, last]).replace(ZWNJ, "")
        length = min(len(word), rng.randint(3, 5))
        start = rng.randint(0, len(word) - length)
        queries.append(word[start : start + length])
    return queries


def search_as_you_type(path: Path, size: str) -> dict[str, Figure]:
    rng = random.Random(12)
    raw = sqlite3.connect(path)
    numbers = _sample(raw, "subscriber_phones", "number", PHONE_FRAGMENTS, rng)
    names = _sample(raw, "subscribers", "name", NAME_QUERIES, rng)
    raw.close()
    prefixes, pieces = _phone_fragments(numbers, rng)
    words = _name_queries(names, rng)
    db = wire(Database(str(path)))
    figures: dict[str, Figure] = {}
    try:
        actor = UserService(db).system_actor()
        search = SubscriberSearch(db)

        def run(queries: list[str]) -> tuple[list[float], int]:
            for q in queries:  # warm-up pass
                search.search(actor, q, SEARCH_LIMIT)
            times: list[float] = []
            empty = 0
            clock = time.perf_counter
            for q in queries:
                start = clock()
                found = search.search(actor, q, SEARCH_LIMIT)
                times.append(clock() - start)
                empty += not found
            return times, empty

        prefix_times, prefix_empty = run(prefixes)
        piece_times, piece_empty = run(pieces)
        name_times, name_empty = run(words)
    finally:
        db.dispose()
    phone_times = prefix_times + piece_times
    for key, samples, empty, extra in (
        (
            "phone",
            phone_times,
            prefix_empty + piece_empty,
            {
                "median_prefix_ms": round(median(prefix_times) * 1000, 3),
                "median_middle_ms": round(median(piece_times) * 1000, 3),
            },
        ),
        ("name", name_times, name_empty, {}),
    ):
        median_ms = median(samples) * 1000
        figures[f"search_{key}_fragment_{size}"] = figure(
            median_ms,
            "ms",
            "≤ 15 ms median",
            median_ms <= 15,
            p95_ms=round(p95(samples) * 1000, 3),
            queries=len(samples),
            empty_results=empty,
            **extra,
        )
    return figures
