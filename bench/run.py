"""`make bench`: generate large databases once, measure, and write bench/results.json.

python -m bench.run [--subscribers N] [--only GROUP ...] [--output PATH]

Groups: lookup, search (the service layer), demo (generation time), queue (count and last
page), dispatch and ui (Qt
figures, from ``bench/dispatch_figures.py`` and ``bench/ui_figures.py`` when present), stall
(the longest GUI stall driving intake, queue, board and invoicing, ``bench/stall_figures.py``),
invoices (invoice PDFs, from ``bench/invoice_figures.py``), billing (the invoicing lists at
100,000 invoices, from ``bench/billing_figures.py``) and coldstart (new processes of the command
line, from ``bench/coldstart_figures.py``) and quality (the day's call list, a scorecard and
the suggestion with quality over 500,000 finished jobs, ``bench/quality_figures.py``) and
credit (gift credit at three entries per subscriber, ``bench/credit_figures.py``) and exports (the
100,000-invoice list to xlsx as Ctrl+E writes it, ``bench/exports_figures.py``) and gifts (the
catalogue grid of 1,000 gifts with photos first painted, ``bench/gifts_figures.py``) and wages
(a batch over 500 groups and 20,000 due payables built and its bank file written, payslips per
second, the payables list's paint at 1,000,000 rows against 10,000, ``bench/wages_figures.py``)
and split (what posting the money split adds to the payment that completes a job,
``bench/split_figures.py``). The large database is made only for the groups that read it.
A full run rewrites the results file; with --only, the figures measured replace theirs in it.
A run at another size than 1,000,000 writes to bench/data/ unless --output says otherwise,
so a quick smoke run never mixes its figures into the committed results.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import importlib.util
import inspect
import json
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import datasets, service_figures
from bench.common import Figure, figure, size_label

BENCH_DIR = Path(__file__).resolve().parent
DATA_DIR = BENCH_DIR / "data"
RESULTS = BENCH_DIR / "results.json"
FULL_SIZE = 1_000_000
SMALL_SIZE = 10_000
GROUPS = (
    "lookup",
    "search",
    "demo",
    "queue",
    "dispatch",
    "ui",
    "stall",
    "invoices",
    "billing",
    "coldstart",
    "quality",
    "credit",
    "exports",
    "gifts",
    "wages",
    "reports",
    "split",
)
GENERATION_GOAL_S = 180


def _optional(module: str) -> ModuleType | None:
    """A figures module of the bench package, or None when it is not there."""
    name = f"bench.{module}"
    if importlib.util.find_spec(name) is None:
        print(f"  ({name} not present: its figures are skipped)", file=sys.stderr)
        return None
    return importlib.import_module(name)


def _ui_figures(big: Path, small: Path, size: str) -> dict[str, Figure]:
    module = _optional("ui_figures")
    if module is None:
        return {}
    measure = module.measure
    if "size" in inspect.signature(measure).parameters:
        return dict(measure(big, small, size=size))
    return dict(measure(big, small))


def _queue_figures(big: Path, size: str) -> dict[str, Figure]:
    module = _optional("queue_figures")
    return {} if module is None else dict(module.measure(big, size))


def _stall_figures(big: Path, size: str) -> dict[str, Figure]:
    module = _optional("stall_figures")
    if module is None:
        return {}
    from bench.ui_figures import sample_queries

    return dict(module.measure(big, sample_queries(big, 12), size=size))


def _dispatch_figures() -> dict[str, Figure]:
    module = _optional("dispatch_figures")
    return {} if module is None else dict(module.measure(DATA_DIR))


def _invoice_figures() -> dict[str, Figure]:
    module = _optional("invoice_figures")
    return {} if module is None else dict(module.measure())


def _billing_figures() -> dict[str, Figure]:
    module = _optional("billing_figures")
    return {} if module is None else dict(module.measure(DATA_DIR))


def _quality_figures(big: Path, size: str) -> dict[str, Figure]:
    module = _optional("quality_figures")
    return {} if module is None else dict(module.measure(big, size))


def _credit_figures(subscribers: int) -> dict[str, Figure]:
    module = _optional("credit_figures")
    return {} if module is None else dict(module.measure(DATA_DIR, subscribers, 3 * subscribers))


def _exports_figures() -> dict[str, Figure]:
    module = _optional("exports_figures")
    return {} if module is None else dict(module.measure(DATA_DIR))


def _split_figures() -> dict[str, Figure]:
    module = _optional("split_figures")
    return {} if module is None else dict(module.measure())


def _wages_figures() -> dict[str, Figure]:
    module = _optional("wages_figures")
    return {} if module is None else dict(module.measure(DATA_DIR))


def _gifts_figures() -> dict[str, Figure]:
    module = _optional("gifts_figures")
    return {} if module is None else dict(module.measure(DATA_DIR))


def _reports_figures() -> dict[str, Figure]:
    module = _optional("reports_figures")
    return {} if module is None else dict(module.measure(DATA_DIR))


def _coldstart_figures() -> dict[str, Figure]:
    module = _optional("coldstart_figures")
    return {} if module is None else dict(module.measure())


def _small(subscribers: int) -> Path:
    """The 10k database the Qt figures compare the big list against."""
    return datasets.database(DATA_DIR, min(SMALL_SIZE, subscribers))[0]


def _generation(subscribers: int, marker: dict[str, Any], fresh: bool) -> Figure:
    seconds = float(marker["seconds"])
    return figure(
        seconds,
        "s",
        f"minutes (target ≤ {GENERATION_GOAL_S} s), FTS included",
        seconds <= GENERATION_GOAL_S,
        subscribers=subscribers,
        phones=marker.get("phones"),
        generated_at=marker.get("generated_at"),
        generated_this_run=fresh,
    )


def _table(figures: dict[str, Figure]) -> str:
    rows = [("", "figure", "value", "limit", "ratio", "goal")]
    for name, fig in sorted(figures.items()):
        rows.append(
            (
                "ok" if fig["ok"] else "MISS",
                name,
                f"{fig['value']:,} {fig['unit']}",
                "" if fig["limit"] is None else f"{fig['limit']:,}",
                "" if fig["ratio"] is None else f"{fig['ratio']}×",
                str(fig["goal"]),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1])]
        cells += [row[i].rjust(widths[i]) for i in (2, 3, 4)]
        lines.append("  ".join([*cells, row[5]]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--subscribers", type=int, default=FULL_SIZE, metavar="N")
    parser.add_argument(
        "--only", nargs="+", choices=GROUPS, metavar="GROUP", help=f"any of {', '.join(GROUPS)}"
    )
    parser.add_argument("--output", type=Path, help="results file (merged into if present)")
    args = parser.parse_args(argv)
    groups = set(args.only or GROUPS)
    size = size_label(args.subscribers)
    output = args.output or (
        RESULTS if args.subscribers == FULL_SIZE else DATA_DIR / f"results-{size}.json"
    )

    figures: dict[str, Figure] = {}

    @functools.cache
    def big() -> tuple[Path, dict[str, Any], bool]:
        return datasets.database(DATA_DIR, args.subscribers)

    steps: list[tuple[str, Callable[[], dict[str, Figure]]]] = [
        (
            "demo",
            lambda: {f"demo_data_{size}_seconds": _generation(args.subscribers, *big()[1:])},
        ),
        ("lookup", lambda: service_figures.caller_lookup(big()[0], size)),
        ("search", lambda: service_figures.search_as_you_type(big()[0], size)),
        ("queue", lambda: _queue_figures(big()[0], size)),
        ("dispatch", _dispatch_figures),
        ("ui", lambda: _ui_figures(big()[0], _small(args.subscribers), size)),
        ("stall", lambda: _stall_figures(big()[0], size)),
        ("invoices", _invoice_figures),
        ("billing", _billing_figures),
        ("coldstart", _coldstart_figures),
        ("quality", lambda: _quality_figures(big()[0], size)),
        ("credit", lambda: _credit_figures(args.subscribers)),
        ("exports", _exports_figures),
        ("gifts", _gifts_figures),
        ("wages", _wages_figures),
        ("split", _split_figures),
        ("reports", _reports_figures),
    ]
    failed = []
    for group, measure in steps:
        if group not in groups:
            continue
        try:
            figures.update(measure())
        except Exception:  # one broken group must not cost the others' figures
            traceback.print_exc()
            failed.append(group)

    # A full run replaces the file (no stale figures); a partial run, or one where a group
    # failed, updates the figures it measured and keeps the others.
    results = {}
    if (args.only or failed) and output.exists():
        results = json.loads(output.read_text(encoding="utf-8"))
    results.update(figures)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(
        json.dumps(results, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(_table(figures))
    print(f"written to {output}")
    if failed:
        print(f"FAILED groups (see the tracebacks above): {', '.join(failed)}")
    return 0 if not failed and all(f["ok"] for f in figures.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
