"""Files the office saves (PDFs, job sheets): readable by the user only, written whole."""

from __future__ import annotations

from hendazh_desktop.db.storage import make_private_dir, write_private_file

__all__ = ["make_private_dir", "write_private_file"]
