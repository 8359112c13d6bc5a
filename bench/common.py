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


def floor_xlsxwriter(headers: list[str], rows: Iterable[Iterable[Any]], target: Any) -> None:
    """The limit of the xlsx writers: XlsxWriter itself, bare, in its constant-memory mode (the
    mode the application uses), each row handed over in one ``write_row``: no formats, no
    cleaning or neutralising of text, no continuation sheets."""
    import xlsxwriter

    book = xlsxwriter.Workbook(target, {"constant_memory": True, "strings_to_numbers": False,
                                        "strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, headers)
    for r, row in enumerate(rows, start=1):
        sheet.write_row(r, 0, row)
    book.close()
