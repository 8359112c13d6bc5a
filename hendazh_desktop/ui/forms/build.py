"""Compile ``ui/*.ui`` into ``hendazh_desktop/ui/forms/ui_*.py``; ``--check`` fails when stale.

python -m hendazh_desktop.ui.forms.build [--check]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

FORMS_DIR = Path(__file__).resolve().parent
ROOT = FORMS_DIR.parents[2]
UI_DIR = ROOT / "ui"
HEADER = "# Generated from ui/{name} by hendazh_desktop.ui.forms.build — do not edit.\n"
# uic writes its own version in a comment: leave it out so a Qt upgrade alone is not "stale".
VOLATILE = "## Created by: Qt User Interface Compiler version"
# What the ``pyside6-uic`` console script runs (``python -m PySide6.scripts.pyside_tool uic``
# does not work: that module's ``main`` looks for a sibling script that is not installed).
UIC_CALL = "import sys; from PySide6.scripts.pyside_tool import uic; sys.exit(uic())"


class UicError(Exception):
    """uic refused a form."""


def uic_command() -> list[str]:
    """``pyside6-uic`` from this interpreter's environment, else the function it wraps."""
    name = "pyside6-uic.exe" if sys.platform == "win32" else "pyside6-uic"
    script = Path(sys.executable).with_name(name)
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", UIC_CALL]


def compile_form(source: Path) -> str:
    """The generated Python for one ``.ui`` file, with our header."""
    out = subprocess.run([*uic_command(), str(source)], capture_output=True, text=True)
    if out.returncode != 0 or not out.stdout:
        raise UicError(f"uic failed on {source.name}:\n{out.stderr.strip()}")
    lines = [ln for ln in out.stdout.splitlines(keepends=True) if not ln.startswith(VOLATILE)]
    return HEADER.format(name=source.name) + "".join(lines)


def target_for(source: Path) -> Path:
    return FORMS_DIR / f"ui_{source.stem}.py"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if any form is stale")
    args = parser.parse_args(argv)
    sources = sorted(UI_DIR.glob("*.ui"))
    expected = {target_for(s) for s in sources}
    stale: list[str] = []
    for source in sources:
        try:
            code = compile_form(source)
        except UicError as error:
            print(error, file=sys.stderr)
            return 1
        target = target_for(source)
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == code:
            continue
        if args.check:
            label = target.relative_to(ROOT).as_posix()
            stale.append(label if current is not None else f"{label} (missing)")
        else:
            target.write_text(code, encoding="utf-8")
            print(f"wrote {target.relative_to(ROOT).as_posix()}")
    for orphan in sorted(p for p in FORMS_DIR.glob("ui_*.py") if p not in expected):
        if args.check:
            stale.append(f"{orphan.relative_to(ROOT).as_posix()} (no ui/{orphan.stem[3:]}.ui)")
        else:
            orphan.unlink()
            print(f"removed {orphan.relative_to(ROOT).as_posix()}")
    if stale:
        print("stale generated forms (run `make forms`):\n  " + "\n  ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
