"""The command line: users, audit verify, backup and restore, demo data, web forms."""

from __future__ import annotations

import io
import sqlite3

import pytest

from hendazh_desktop.cli import main


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    monkeypatch.setenv("HENDAZH_DATA_DIR", str(tmp_path / "data"))
    path = str(tmp_path / "office.db")
    assert main(["--db", path, "migrate"]) == 0  # only migrate (or the app) creates one
    return path


def run(args, capsys, stdin: str = "", monkeypatch=None):
    if monkeypatch is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_users_add_list_reset_deactivate(db_path, capsys, monkeypatch):
    code, out, _ = run(
        [
            "--db",
            db_path,
            "users",
            "add",
            "sara",
            "--full-name",
            "سارا مشاوری",
            "--role",
            "consultant",
            "--password-stdin",
        ],
        capsys,
        "sara-password\n",
        monkeypatch,
    )
    assert code == 0 and "created sara" in out
    code, _, err = run(
        [
            "--db",
            db_path,
            "users",
            "add",
            "xavier",
            "--full-name",
            "ایکس",
            "--role",
            "admin",
            "--password-stdin",
        ],
        capsys,
        "short\n",
        monkeypatch,
    )
    assert code == 2 and "password_too_short" in err
    code, out, _ = run(["--db", db_path, "users", "list"], capsys)
    assert "sara" in out and "consultant" in out and "system" not in out
    code, out, _ = run(
        ["--db", db_path, "users", "reset-password", "sara", "--password-stdin"],
        capsys,
        "new-password-1\n",
        monkeypatch,
    )
    assert code == 0
    code, out, _ = run(["--db", db_path, "users", "deactivate", "sara"], capsys)
    assert code == 0
    code, out, _ = run(["--db", db_path, "users", "list"], capsys)
    assert "inactive" in out


def test_audit_verify_reports_tampering(db_path, capsys, monkeypatch):
    run(
        [
            "--db",
            db_path,
            "users",
            "add",
            "sara",
            "--full-name",
            "سارا مشاوری",
            "--role",
            "consultant",
            "--password-stdin",
        ],
        capsys,
        "sara-password\n",
        monkeypatch,
    )
    code, out, _ = run(["--db", db_path, "audit", "verify"], capsys)
    assert code == 0 and "intact" in out
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET after_json = '{}' WHERE id = 1")
    conn.commit()
    conn.close()
    code, out, _ = run(["--db", db_path, "audit", "verify"], capsys)
    assert code == 1 and "BROKEN at entry 1" in out


def test_demo_data_backup_and_restore(db_path, tmp_path, capsys):
    code, out, _ = run(
        ["--db", db_path, "demo-data", "--subscribers", "200", "--seed", "2"], capsys
    )
    assert code == 0 and "200 subscribers" in out
    assert out.count("demo-") == 5  # one account per role, passwords shown once
    backup = tmp_path / "copy.db"
    code, out, _ = run(["--db", db_path, "backup", str(backup)], capsys)
    assert code == 0 and backup.exists()
    run(["--db", db_path, "demo-data", "--subscribers", "50"], capsys)
    code, out, _ = run(["--db", db_path, "restore", str(backup)], capsys)
    assert code == 0 and "restored" in out
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT count(*) FROM subscribers").fetchone() == (200,)
    conn.close()
    code, _, err = run(["--db", db_path, "restore", str(tmp_path / "missing.db")], capsys)
    assert code == 2 and "backup_missing" in err


def test_import_webform_all_or_nothing(db_path, tmp_path, capsys):
    good = tmp_path / "forms.csv"
    good.write_text("ref,phone,name,service\nw1,09171234567,نگار احمدی,نظافت\n", encoding="utf-8")
    code, out, _ = run(["--db", db_path, "import-webform", str(good)], capsys)
    assert code == 0 and "created 1" in out
    bad = tmp_path / "bad.csv"
    bad.write_text("ref,phone,name,service\nw2,0917,نگار,نظافت\n", encoding="utf-8")
    code, _, err = run(["--db", db_path, "import-webform", str(bad)], capsys)
    assert code == 1 and "ردیف 2" in err and "nothing imported" in err


def test_export_db_to_a_workbook_and_to_csv_files(db_path, tmp_path, capsys):
    import openpyxl

    run(["--db", db_path, "demo-data", "--subscribers", "30", "--seed", "3"], capsys)
    book = tmp_path / "all.xlsx"
    code, out, _ = run(["--db", db_path, "export-db", str(book)], capsys)
    assert code == 0 and "tables" in out
    sheet = openpyxl.load_workbook(book, read_only=True)["subscribers"]
    assert sum(1 for _ in sheet.iter_rows()) == 1 + 30
    code, out, _ = run(["--db", db_path, "export-db", "--csv", str(tmp_path / "dump")], capsys)
    assert code == 0 and (tmp_path / "dump" / "subscribers.csv").exists()
    code, _, err = run(["--db", db_path, "export-db", "--csv", str(tmp_path / "dump")], capsys)
    assert code == 2 and err  # never into a folder that holds files


def test_the_tax_json_of_the_demo_office_validates(db_path, tmp_path, capsys):
    import json

    from hendazh_desktop.domain.tax_id import tax_number_valid
    from hendazh_desktop.domain.tax_invoice import validate

    run(["--db", db_path, "demo-data", "--subscribers", "600", "--seed", "4"], capsys)
    target = tmp_path / "moadian.json"
    code, out, err = run(
        ["--db", db_path, "invoice", "tax-json", "1400/01/01", "1410/12/29", "-o", str(target)],
        capsys,
    )
    assert code == 0, err
    documents = json.loads(target.read_text(encoding="utf-8"))
    assert documents and f"{len(documents)} documents" in out
    assert all(validate(d) == [] for d in documents)
    numbers = [d["header"]["taxid"] for d in documents]
    assert len(set(numbers)) == len(numbers) and all(tax_number_valid(n) for n in numbers)
    code, _, err = run(
        ["--db", db_path, "invoice", "tax-json", "1404/13/01", "1404/12/01", "-o", str(target)],
        capsys,
    )
    assert code == 2 and err
