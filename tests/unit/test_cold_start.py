"""Command-line chores start fast: each imports only what it uses (checked in a new process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from hendazh_desktop.services.accounts import passwords

PROBE = """
import json, sys
from hendazh_desktop.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as stop:
    code = stop.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _imports(*args: str, tmp_path) -> set[str]:
    """The modules a fresh interpreter holds after running ``hendazh *args``."""
    env = {key: value for key, value in os.environ.items() if key != "HENDAZH_DB"}
    env["HENDAZH_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True, env=env
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] in (0, None), done.stderr
    return set(report["modules"])


def test_help_imports_no_qt_pdf_or_orm(tmp_path):
    modules = _imports("--help", tmp_path=tmp_path)
    assert "hendazh_desktop.cli" in modules
    assert not {name for name in modules if name.split(".")[0] in ("PySide6", "reportlab")}
    assert "sqlalchemy.orm" not in modules
    assert "hendazh_desktop.commands" not in modules


def test_a_chore_on_a_current_database_skips_alembic_and_qt(tmp_path):
    database = str(tmp_path / "office.db")
    _imports("--db", database, "migrate", tmp_path=tmp_path)  # creates and migrates
    modules = _imports("--db", database, "audit", "verify", tmp_path=tmp_path)
    assert "sqlalchemy.orm" in modules  # it did open the database
    for heavy in ("PySide6", "alembic", "reportlab"):
        assert not {name for name in modules if name.split(".")[0] == heavy}, heavy
    # The events are wired, but no handler's feature loads until something is published.
    handlers = {name for name in modules if name.endswith(".handlers")}
    assert not handlers, handlers


def test_the_stored_dummy_hash_has_the_hashers_parameters():
    # Verified against for unknown user names: same cost as a real account's hash.
    assert not passwords.needs_rehash(passwords.DUMMY_HASH)
    assert passwords.verify_password(None, "hendazh-no-such-user") is False


def test_the_window_s_use_cases_load_no_pdf_library_until_something_prints():
    """Building every use case the window needs (as ``app.build_context`` does) loads no
    ReportLab, python-bidi or arabic-reshaper: they load with the first PDF."""
    probe = (
        "import json, sys, pkgutil, importlib, hendazh_desktop.services as s\n"
        "for m in pkgutil.walk_packages(s.__path__, s.__name__ + '.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    modules = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "hendazh_desktop.services.billing.documents" in modules
    loaded = {name.split(".")[0] for name in modules}
    assert not loaded & {"reportlab", "bidi", "arabic_reshaper", "PySide6"}


def test_model_modules_annotate_at_runtime():
    """With ``from __future__ import annotations`` SQLAlchemy compiles and evaluates every
    ``Mapped[...]`` string at import: about a fifth of importing the models, paid by every
    command. Model modules quote only their forward references."""
    from pathlib import Path

    import hendazh_desktop.db.models as models

    folder = Path(models.__file__).parent
    deferred = [
        path.name
        for path in sorted(folder.glob("*.py"))
        if "from __future__ import annotations" in path.read_text(encoding="utf-8")
    ]
    assert not deferred
