"""Reading web-form files: the encoding (UTF-8 or Windows-1256), CSV or JSON records, the
column names the office's forms use, and the error for a file that cannot be read."""

from __future__ import annotations

import csv
import io
import json

from hendazh_desktop.domain.errors import DomainError
from hendazh_desktop.domain.text import search_key

ALIASES = {
    "ref": "ref",
    "شناسه": "ref",
    "کد پیگیری": "ref",
    "code": "code",
    "کد اشتراک": "code",
    "phone": "phone",
    "تلفن": "phone",
    "موبایل": "phone",
    "name": "name",
    "نام": "name",
    "service": "service",
    "خدمت": "service",
    "address": "address",
    "نشانی": "address",
    "آدرس": "address",
    "description": "description",
    "شرح": "description",
    "توضیحات": "description",
    "preferred_date": "preferred_date",
    "تاریخ": "preferred_date",
    "window": "window",
    "بازه زمانی": "window",
    "ساعت": "window",
}


MAX_FILE_BYTES = 20 * 1024 * 1024


class ImportFileError(DomainError):
    """The file as a whole cannot be read (encoding, format, size)."""


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1256 (Arabic-script Windows files)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1256")
        except UnicodeDecodeError:
            raise ImportFileError("import_encoding") from None


def read_records(name: str, data: bytes) -> list[tuple[int, dict[str, str]]]:
    """(line number, fields) for each submission in a CSV or JSON file."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError("import_too_large", maximum=MAX_FILE_BYTES)
    text = decode(data)
    if name.lower().endswith(".json") or text.lstrip().startswith(("[", "{")):
        try:
            payload = json.loads(text, parse_constant=_refuse_constant, parse_float=str)
        except json.JSONDecodeError as error:
            raise ImportFileError("import_json", line=error.lineno) from None
        except ValueError:  # NaN, Infinity: no form field can hold them
            raise ImportFileError("import_json", line=1) from None
        except RecursionError:
            raise ImportFileError("import_json_depth", line=1) from None
        items = payload.get("submissions") if isinstance(payload, dict) else payload
        if not isinstance(items, list):
            raise ImportFileError("import_json", line=1)
        records = []
        for index, item in enumerate(items, start=1):
            fields = item if isinstance(item, dict) else {}
            record = {_column(k): _scalar(v) for k, v in fields.items()}
            if any(isinstance(v, list | dict) for v in fields.values()):
                record["__value__"] = "1"
            records.append((index, record))
        return records
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [_column(h) for h in next(reader)]
    except StopIteration:
        return []
    except csv.Error:
        raise ImportFileError("import_csv", line=1) from None
    records = []
    start = reader.line_num + 1  # a record is reported by its first line (quoted fields
    try:  # may span lines; an unclosed quote swallows the rest of the file)
        for row in reader:
            if any(cell.strip() for cell in row):
                fields = dict(zip(header, row, strict=False))
                if len(row) != len(header):
                    fields["__width__"] = str(len(row))
                records.append((start, fields))
            start = reader.line_num + 1
    except csv.Error:
        raise ImportFileError("import_csv", line=start) from None
    return records


def _refuse_constant(name: str) -> None:
    raise ValueError(f"JSON constant {name}")


def _scalar(value: object) -> str:
    if value is None or isinstance(value, list | dict):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# Keyed by the search form of each name: a Windows-1256 file cannot hold Persian ی/ک and
# spells «نشانی» as «نشاني»; ZWNJ, case and digit script do not matter either.
def _alias_key(name: str) -> str:
    return search_key(name.replace("\ufeff", "").replace("_", " "))


_ALIAS_KEYS = {_alias_key(name): column for name, column in ALIASES.items()}


def _column(name: object) -> str:
    key = _alias_key(str(name))
    return _ALIAS_KEYS.get(key, key)
