"""Cold-start figures for ``make bench``: how long the command line takes in a new process.

Each figure is a whole process, as an office user or a script starts it: the bare interpreter
(``python -c pass``, the limit), ``hendazh --help``, and ``hendazh invoice pdf`` writing one
issued invoice of a small demo database. The three alternate run by run, so that they share
the machine's load; the medians are reported. The demo database is made by the command line
itself (migrate, then demo-data) in a temporary folder, and one untimed invoice run first
brings it to the state every later run finds (catalogue seeded, command-line account made).

When a PyInstaller bundle has been built (``make dist``), the same two commands are timed
through it too, as informational figures (the bundle may be older than the code).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.common import Figure, figure, installed_env, median, p95

RUNS = 9
BUNDLE = Path(__file__).resolve().parent.parent / "dist" / "hendazh" / "hendazh"
DEMO_SUBSCRIBERS = 300
HELP_GOAL_S = 0.5
INVOICE_GOAL_S = 1.0


def hendazh_command() -> list[str]:
    """The installed ``hendazh`` script beside this interpreter, else ``python -m``."""
    script = Path(sys.executable).with_name("hendazh")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "hendazh_desktop"]


def first_invoice_number(database: Path) -> str:
    """The number of the first issued invoice (not a credit note) of a demo database."""
    with sqlite3.connect(database) as conn:
        row = conn.execute(
            "SELECT fiscal_year, number FROM invoices WHERE series = 'INV' "
            "AND number IS NOT NULL ORDER BY id LIMIT 1"
        ).fetchone()
    if row is None:
        raise RuntimeError(f"no issued invoice in {database}")
    return f"{row[0]}-{row[1]:06d}"


def _run(argv: Sequence[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return seconds


def measure(runs: int = RUNS) -> dict[str, Figure]:
    hendazh = hendazh_command()
    with tempfile.TemporaryDirectory(prefix="hendazh-coldstart-") as folder:
        tmp = Path(folder)
        # Keep the user's own data and log folders out of it.
        env = installed_env(HENDAZH_DATA_DIR=str(tmp / "data"))
        env.pop("HENDAZH_DB", None)
        database = tmp / "office.db"
        pdf = tmp / "invoice.pdf"
        demo = ["demo-data", "--subscribers", str(DEMO_SUBSCRIBERS), "--seed", "7"]
        for chore in (["migrate"], demo):  # only migrate creates a database
            subprocess.run(
                [*hendazh, "--db", str(database), *chore], env=env, capture_output=True, check=True
            )
        number = first_invoice_number(database)
        invoice = ["--db", str(database), "invoice", "pdf", number, "-o", str(pdf)]
        commands = {
            "pass": [sys.executable, "-c", "pass"],
            "help": [*hendazh, "--help"],
            "invoice": [*hendazh, *invoice],
        }
        if BUNDLE.exists():
            commands["bundle_help"] = [str(BUNDLE), "--help"]
            commands["bundle_invoice"] = [str(BUNDLE), *invoice]
        _run(commands["invoice"], env)  # untimed: the state every timed run finds
        samples: dict[str, list[float]] = {key: [] for key in commands}
        for _ in range(runs):
            for key, argv in commands.items():
                if key.endswith("invoice"):
                    pdf.unlink(missing_ok=True)
                samples[key].append(_run(argv, env))
                if key.endswith("invoice") and not pdf.read_bytes().startswith(b"%PDF-"):
                    raise RuntimeError(f"{pdf} is not a PDF")
        pdf_bytes = pdf.stat().st_size

    floor = median(samples["pass"])
    help_s, invoice_s = median(samples["help"]), median(samples["invoice"])
    extra = {"runs": runs, "via": " ".join(Path(part).name for part in hendazh)}
    figures = {
        "cold_start_python_pass_s": figure(
            floor,
            "s",
            "the limit (a bare interpreter)",
            True,
            p95=round(p95(samples["pass"]), 3),
            runs=runs,
        ),
        "cold_start_help_s": figure(
            help_s,
            "s",
            f"≤ {HELP_GOAL_S} s (`hendazh --help`)",
            help_s <= HELP_GOAL_S,
            limit=floor,
            ratio=help_s / floor,
            p95=round(p95(samples["help"]), 3),
            **extra,
        ),
        "cold_start_invoice_pdf_s": figure(
            invoice_s,
            "s",
            f"≤ {INVOICE_GOAL_S} s (`hendazh invoice pdf`, {DEMO_SUBSCRIBERS} subscribers)",
            invoice_s <= INVOICE_GOAL_S,
            limit=floor,
            ratio=invoice_s / floor,
            p95=round(p95(samples["invoice"]), 3),
            pdf_bytes=pdf_bytes,
            **extra,
        ),
    }
    built = dt.datetime.fromtimestamp(BUNDLE.stat().st_mtime, dt.UTC) if BUNDLE.exists() else None
    for key, what in (("bundle_help", "`--help`"), ("bundle_invoice", "one invoice PDF")):
        if key in samples:
            value = median(samples[key])
            figures[f"cold_start_{key}_s"] = figure(
                value,
                "s",
                f"informational: the PyInstaller bundle, {what}",
                True,
                limit=floor,
                ratio=value / floor,
                p95=round(p95(samples[key]), 3),
                runs=runs,
                bundle_built_at=f"{built:%Y-%m-%d %H:%M} UTC",
            )
    return figures
