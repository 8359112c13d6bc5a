"""The log file: in a folder readable by the user only, the file 0600 (rotated files too), and
every line with database passwords masked (messages and tracebacks alike)."""

from __future__ import annotations

import io
import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from hendazh_desktop.domain.masking import mask_passwords


class MaskingFormatter(logging.Formatter):
    """Formats as usual, then masks passwords in URLs anywhere in the text."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_passwords(super().format(record))


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log whose files are created 0600 whatever the umask."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600)
        if os.name != "nt":
            os.chmod(self.baseFilename, 0o600)
        return open(fd, "a", encoding=self.encoding or "utf-8")


def configure_logging(log_file: Path) -> None:
    """A rotating, private, password-masking log file (once per process and file)."""
    root = logging.getLogger()
    target = str(log_file.resolve())
    if any(getattr(h, "baseFilename", None) == target for h in root.handlers):
        return
    folder = log_file.parent
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name != "nt" and folder.stat().st_mode & 0o077:
        os.chmod(folder, 0o700)
    handler = PrivateRotatingFileHandler(
        log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    # Alembic logs its set-up (plugins, "Context impl SQLiteImpl.") at INFO on every start, even
    # with nothing to migrate; db.migrate writes one line of its own when it does upgrade.
    logging.getLogger("alembic").setLevel(logging.WARNING)
