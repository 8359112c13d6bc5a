"""Compile ``ui/*.ui`` into ``hendazh_desktop/ui/forms/ui_*.py``; ``--check`` fails when stale.

python -m hendazh_desktop.ui.forms.build [--check]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

FORMS_DIR = Path(__file__).resolve().parent
UI_DIR = FORMS_DIR.parents[2] / "ui"
HEADER = "# Generated from ui/{name} by hendazh_desktop.ui.forms.build — do not edit.\n"


def _uic() -> list[str]:
    script = Path(sys.executable).with_name("pyside6-uic")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "PySide6.scripts.pyside_tool", "uic"]


def compile_form(source: Path) -> str:
    out = subprocess.run([*_uic(), str(source)], capture_output=True, text=True, check=True)
    # uic writes its version in a comment: leave it out so a Qt upgrade alone is not "stale".
    lines = [
        ln
        for ln in out.stdout.splitlines(keepends=True)
        if not ln.startswith("## Created by: Qt User Interface Compiler version")
    ]
    return HEADER.format(name=source.name) + "".join(lines)


def target_for(source: Path) -> Path:
    return FORMS_DIR / f"ui_{source.stem}.py"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if any form is stale")
    args = parser.parse_args(argv)
    stale: list[str] = []
    sources = sorted(UI_DIR.glob("*.ui"))
    expected = {target_for(s) for s in sources}
    for source in sources:
        code = compile_form(source)
        target = target_for(source)
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == code:
            continue
        if args.check:
            stale.append(str(target.relative_to(FORMS_DIR.parents[2])))
        else:
            target.write_text(code, encoding="utf-8")
            print(f"wrote {target.name}")
    orphans = [p for p in FORMS_DIR.glob("ui_*.py") if p not in expected]
    for orphan in orphans:
        if args.check:
            stale.append(f"{orphan.name} (no ui/{orphan.stem[3:]}.ui)")
        else:
            orphan.unlink()
    if stale:
        print("stale generated forms (run `make forms`):\n  " + "\n  ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
