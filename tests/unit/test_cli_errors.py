"""Every command-line error, through the real ``hendazh`` in a subprocess: a Persian sentence
on stderr, a non-zero exit code, no traceback (nor a password or hash in it), nothing written."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

PERSIAN = re.compile(r"[\u0600-\u06FF]{3,}")


def hendazh(*args: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HENDAZH_DATA_DIR=str(cwd / "data"), HENDAZH_DB="")
    env.pop("HENDAZH_DB")
    return subprocess.run(
        [sys.executable, "-m", "hendazh_desktop", *args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file (not under data/, where logs go) with its size."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size if p.is_file() else -1, p.is_dir())
        for p in folder.rglob("*")
        if not str(p.relative_to(folder)).startswith("data")
    }


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A migrated database with a little demo data (an issued invoice, subscribers)."""
    folder = tmp_path_factory.mktemp("cli-template")
    assert hendazh("--db", "office.db", "migrate", cwd=folder).returncode == 0
    result = hendazh("--db", "office.db", "demo-data", "--subscribers", "200", cwd=folder)
    assert result.returncode == 0, result.stderr
    db = sqlite3.connect(folder / "office.db")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return folder / "office.db"


@pytest.fixture
def office(tmp_path, template) -> Path:
    shutil.copyfile(template, tmp_path / "office.db")
    (tmp_path / "folder").mkdir()
    python = "[" * 200_000 + "]" * 200_000
    (tmp_path / "deep.json").write_text(python, encoding="utf-8")
    (tmp_path / "truncated.db").write_bytes((tmp_path / "office.db").read_bytes()[:40_000])
    (tmp_path / "empty-stdin").write_text("", encoding="utf-8")
    return tmp_path


def _invoice_number(office: Path) -> str:
    db = sqlite3.connect(office / "office.db")
    try:
        row = db.execute(
            "SELECT fiscal_year, number FROM invoices WHERE series = 'INV' AND number IS NOT NULL"
        ).fetchone()
    finally:
        db.close()
    assert row is not None
    return f"{row[0]}-{row[1]:06d}"


def _subscriber_code(office: Path) -> str:
    db = sqlite3.connect(office / "office.db")
    try:
        return str(db.execute("SELECT code FROM subscribers LIMIT 1").fetchone()[0])
    finally:
        db.close()


CASES = {
    "input file missing": ["--db", "office.db", "import-webform", "missing.csv"],
    "input file is a folder": ["--db", "office.db", "import-webform", "folder"],
    "deeply nested JSON": ["--db", "office.db", "import-webform", "deep.json"],
    "truncated backup": ["--db", "office.db", "restore", "truncated.db"],
    "restore from a folder": ["--db", "office.db", "restore", "folder"],
    "backup to a folder": ["--db", "office.db", "backup", "folder"],
    "backup where nothing can be written": ["--db", "office.db", "backup", "/proc/x.db"],
    "invoice -o to a folder": ["--db", "office.db", "invoice", "pdf", "{invoice}", "-o", "folder"],
    "statement -o into a missing folder": [
        "--db",
        "office.db",
        "invoice",
        "statement",
        "{code}",
        "-o",
        "nowhere/statement.pdf",
    ],
    "negative demo subscribers": ["--db", "office.db", "demo-data", "--subscribers", "-5"],
    "PostgreSQL server down": [
        "--db",
        "postgresql+psycopg://clerk:S3cret-pw@127.0.0.1:1/hendazh",
        "audit",
        "verify",
    ],
    "unknown database kind": ["--db", "foo://clerk:S3cret-pw@host/db", "audit", "verify"],
    "--db on a folder": ["--db", "folder", "audit", "verify"],
    "--db typo (missing file)": ["--db", "offce.db", "audit", "verify"],
    "--db empty": ["--db", "", "audit", "verify"],
    "user with an empty password": [
        "--db",
        "office.db",
        "users",
        "add",
        "sara",
        "--full-name",
        "سارا مشاوری",
        "--role",
        "consultant",
        "--password-stdin",
    ],
    "unknown invoice": ["--db", "office.db", "invoice", "pdf", "1404-999999", "-o", "x.pdf"],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_command_line_error_is_a_persian_sentence(office, case):
    args = [
        a.replace("{invoice}", _invoice_number(office)).replace("{code}", _subscriber_code(office))
        for a in CASES[case]
    ]
    before = _snapshot(office)
    result = hendazh(*args, cwd=office)
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    assert PERSIAN.search(result.stderr), result.stderr
    assert "S3cret-pw" not in result.stderr + result.stdout
    assert "argon2" not in result.stderr.lower()
    assert len(result.stderr.strip().splitlines()) <= 3, result.stderr
    assert _snapshot(office) == before, "something was written"


def test_newer_schema_refused_by_migrate(office):
    db = sqlite3.connect(office / "office.db")
    db.execute("UPDATE alembic_version SET version_num = '9999'")
    db.commit()
    db.close()
    before = _snapshot(office)
    result = hendazh("--db", "office.db", "migrate", cwd=office)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and PERSIAN.search(result.stderr), result.stderr
    assert _snapshot(office) == before


def test_only_migrate_creates_a_database(tmp_path):
    assert hendazh("--db", "new.db", "users", "list", cwd=tmp_path).returncode != 0
    assert not (tmp_path / "new.db").exists()
    result = hendazh("--db", "new.db", "migrate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "new.db").is_file()
    assert "clerk" not in result.stdout
    assert hendazh("--db", "new.db", "users", "list", cwd=tmp_path).returncode == 0
