"""What every figure of ``make bench`` shares: its record, and the statistics taken."""

from __future__ import annotations

import compileall
import os
import statistics
import time
from collections.abc import Callable, Iterable
from typing import Any

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
    """One entry of ``bench/results.json``; ``extra`` adds context (p95, query count, …)."""
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


def size_label(subscribers: int) -> str:
    """``1m``, ``10k``; other sizes as the plain number (so names never collide)."""
    if subscribers >= 1_000_000 and subscribers % 1_000_000 == 0:
        return f"{subscribers // 1_000_000}m"
    if subscribers >= 1000 and subscribers % 1000 == 0:
        return f"{subscribers // 1000}k"
    return str(subscribers)


def timed(calls: Iterable[Callable[[], object]]) -> list[float]:
    """Seconds taken by each call, in order."""
    samples = []
    clock = time.perf_counter
    for call in calls:
        start = clock()
        call()
        samples.append(clock() - start)
    return samples


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, round(len(ordered) * 0.95) - 1)]


def installed_env(**extra: str) -> dict[str, str]:
    """The environment of a start-up as an installed application (or the bundle) starts: the
    package compiled to bytecode beforehand and Python free to use it, whatever the shell
    says (PYTHONDONTWRITEBYTECODE would otherwise have every run compile the package anew)."""
    import hendazh_desktop

    compileall.compile_dir(os.path.dirname(hendazh_desktop.__file__), quiet=1)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def floor_zipped_rows(headers: list[str], rows: Iterable[Iterable[Any]], target: Any) -> None:
    """The limit of writing a table to a compressed file in Python: ``csv.writer`` lines
    streamed into one zip entry deflated at level 1 (the spreadsheet writer's level): no XML,
    no styles, no escaping. Used as the limit of the xlsx writers now that XlsxWriter is gone."""
    import csv
    import io
    import zipfile

    book = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
    with book, book.open("rows.csv", "w", force_zip64=True) as out:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        for n, row in enumerate(rows, start=1):
            writer.writerow(row)
            if n % 512 == 0:
                out.write(buffer.getvalue().encode())
                buffer.seek(0)
                buffer.truncate()
        out.write(buffer.getvalue().encode())
