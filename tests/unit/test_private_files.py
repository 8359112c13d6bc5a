"""The log, the data and backup folders, backups and saved PDFs are the user's only (0600/0700),
whatever the umask; the log never holds a database password."""

from __future__ import annotations

import logging
import os
import stat

import pytest

from hendazh_desktop.db.backup import backup_sqlite_file
from hendazh_desktop.db.database import Database
from hendazh_desktop.logs import configure_logging
from hendazh_desktop.services.files import make_private_dir, write_private_file

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX modes")


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def open_umask():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_log_file_and_folder_private_and_masked(tmp_path):
    log_file = tmp_path / "logs" / "hendazh.log"
    configure_logging(log_file)
    try:
        logging.getLogger("hendazh").error(
            "cannot open postgresql://clerk:S3cret-pw@db/hendazh", exc_info=False
        )
        try:
            raise RuntimeError("connect to postgresql://clerk:S3cret-pw@db/x failed")
        except RuntimeError:
            logging.getLogger("hendazh").exception("boom")
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "baseFilename", "") == str(log_file.resolve()):
                logging.getLogger().removeHandler(handler)
                handler.close()
    assert mode(log_file) == 0o600 and mode(log_file.parent) == 0o700
    text = log_file.read_text(encoding="utf-8")
    assert "S3cret-pw" not in text and "clerk:***@db" in text


def test_database_backup_and_document_files_private(tmp_path):
    db = Database(str(tmp_path / "data" / "hendazh.db"))
    try:
        assert db.ping()
    finally:
        db.dispose()
    assert mode(tmp_path / "data") == 0o700 and mode(tmp_path / "data" / "hendazh.db") == 0o600
    backup = backup_sqlite_file(tmp_path / "data" / "hendazh.db", tmp_path / "bk" / "b.db")
    assert mode(backup.parent) == 0o700 and mode(backup) == 0o600
    pdf = write_private_file(tmp_path / "invoice.pdf", b"%PDF-1.4")
    assert mode(pdf) == 0o600 and pdf.read_bytes() == b"%PDF-1.4"
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    make_private_dir(shared)  # a folder the user named is not narrowed behind their back
    assert mode(shared) == 0o755
    make_private_dir(shared, narrow=True)  # the application's own folders are
    assert mode(shared) == 0o700
