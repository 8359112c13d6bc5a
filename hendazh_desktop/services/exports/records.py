"""What an export produced, and the file formats it can write."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path


class ExportFormat(enum.StrEnum):
    """An Excel workbook, or CSV (one file for a list, a folder of files for the database)."""

    XLSX = "xlsx"
    CSV = "csv"


@dataclass(frozen=True, slots=True)
class ExportResult:
    """Where the export was written, and how many rows (headers excluded) and tables."""

    path: Path
    rows: int
    tables: int = 1
