"""Fast bulk loading (demo data, imports at scale): one write transaction, raw executemany on
SQLite, Core inserts elsewhere; the search index is filled for the new rows afterwards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from hendazh_desktop.db.database import Database
from hendazh_desktop.db.engine import WRITE_OPTION
from hendazh_desktop.db.money_seal import seal

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "subscribers": (
        "id",
        "code",
        "name",
        "name_key",
        "sort_key",
        "national_code",
        "referrer_id",
        "do_not_serve",
        "do_not_serve_reason",
        "notes",
        "created_at",
        "updated_at",
        "version",
    ),
    "subscriber_phones": ("id", "subscriber_id", "number", "kind", "label", "position"),
    "addresses": ("id", "subscriber_id", "title", "zone_id", "text", "postal_code", "active"),
    "service_requests": (
        "id",
        "subscriber_id",
        "service_id",
        "address_id",
        "description",
        "preferred_date",
        "window_start",
        "window_end",
        "priority",
        "channel",
        "status",
        "contact_name",
        "contact_phone",
        "contact_address",
        "external_ref",
        "created_at",
        "created_by",
        "updated_at",
        "version",
    ),
    "request_events": ("id", "request_id", "at", "user_id", "from_status", "to_status", "reason"),
    # Invoices go in as drafts, get their lines, then are issued by ``issue_invoices``
    # (the lines of an issued invoice are append-only: a trigger refuses them afterwards).
    "invoices": (
        "id",
        "kind",
        "series",
        "subscriber_id",
        "request_id",
        "service_id",
        "terms",
        "notes",
        "gross",
        "discount",
        "net",
        "vat",
        "total",
        "created_at",
        "created_by",
        "version",
    ),
    "invoice_lines": (
        "invoice_id",
        "position",
        "code",
        "description",
        "quantity",
        "unit",
        "unit_price",
        "discount",
        "vat_bp",
        "vat_exempt",
        "gross",
        "net",
        "vat",
        "total",
    ),
    "invoice_balances": ("invoice_id", "state", "paid", "credited", "balance"),
}

# Columns holding dates and times: on SQLite they are written in SQLAlchemy's text form.
TEMPORAL_COLUMNS: dict[str, frozenset[str]] = {
    "subscribers": frozenset({"created_at", "updated_at"}),
    "service_requests": frozenset(
        {"preferred_date", "window_start", "window_end", "created_at", "updated_at"}
    ),
    "request_events": frozenset({"at"}),
    "invoices": frozenset({"created_at"}),
}
ISSUE_COLUMNS = (
    "fiscal_year",
    "number",
    "issued_at",
    "issued_on",
    "issued_by",
    "operation_id",
    "tax_number",
    "id",
)


def _sqlite_value(value: Any) -> Any:
    """Dates and times in the text form SQLAlchemy's SQLite types store and read back."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S.%f")
    return value


def _converted(row: Iterable[Any], positions: list[int]) -> list[Any]:
    values = list(row)
    for i in positions:
        values[i] = _sqlite_value(values[i])
    return values


class BulkWriter:
    """Inserts plain rows (tuples in ``TABLE_COLUMNS`` order) inside one open transaction."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection
        self._sqlite = connection.dialect.name == "sqlite"
        self._loaded: set[str] = set()
        self.issued: list[int] = []  # sealed in the audit chain when the writer finishes

    def next_id(self, table: str) -> int:
        return int(
            self._conn.execute(text(f"SELECT COALESCE(max(id), 0) + 1 FROM {table}")).scalar_one()
        )

    def existing(self, sql: str) -> set[Any]:
        return set(self.scalars(sql))

    def scalars(self, sql: str) -> Iterator[Any]:
        """The first column of each row, streamed (for checking what a table already holds)."""
        for row in self._conn.execute(text(sql)):
            yield row[0]

    def insert(self, table: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        columns = TABLE_COLUMNS[table]
        self._loaded.add(table)
        if self._sqlite:
            temporal = TEMPORAL_COLUMNS.get(table, frozenset())
            positions = [i for i, name in enumerate(columns) if name in temporal]
            if positions:
                rows = [_converted(row, positions) for row in rows]
            marks = ", ".join("?" for _ in columns)
            cursor = self._conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
            cursor.close()
        else:
            names = ", ".join(f":{c}" for c in columns)
            self._conn.execute(
                text(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({names})"),
                [dict(zip(columns, row, strict=True)) for row in rows],
            )

    def issue_invoices(self, rows: Sequence[Sequence[Any]]) -> None:
        """Number and date drafts loaded by ``insert`` (rows in ``ISSUE_COLUMNS`` order)."""
        if not rows:
            return
        self.issued.extend(int(row[-1]) for row in rows)
        if self._sqlite:
            rows = [_converted(row, [2, 3]) for row in rows]
        sets = ", ".join(f"{c} = :{c}" for c in ISSUE_COLUMNS[:-1])
        self._conn.execute(
            text(f"UPDATE invoices SET {sets} WHERE id = :id"),
            [dict(zip(ISSUE_COLUMNS, row, strict=True)) for row in rows],
        )

    def last_number(self, series: str, fiscal_year: int) -> int:
        found = self._conn.execute(
            text(
                "SELECT last_number FROM document_counters "
                "WHERE series = :series AND fiscal_year = :year"
            ),
            {"series": series, "year": fiscal_year},
        ).scalar_one_or_none()
        return int(found or 0)

    def set_last_number(self, series: str, fiscal_year: int, last: int) -> None:
        self._conn.execute(
            text(
                "INSERT INTO document_counters (series, fiscal_year, last_number) "
                "VALUES (:series, :year, :last) ON CONFLICT (series, fiscal_year) "
                "DO UPDATE SET last_number = excluded.last_number"
            ),
            {"series": series, "year": fiscal_year, "last": last},
        )

    def rows(self, sql: str, **params: Any) -> list[Any]:
        """The rows of a read inside the bulk transaction."""
        return list(self._conn.execute(text(sql), params))

    def index_search(self, first_subscriber: int, first_phone: int) -> None:
        """Fill the FTS5 tables for the rows loaded from these ids on."""
        if not self._sqlite:
            return
        self._conn.exec_driver_sql(
            "INSERT INTO subscriber_fts(rowid, name_key) SELECT id, name_key FROM subscribers "
            "WHERE id >= ?",
            (first_subscriber,),
        )
        self._conn.exec_driver_sql(
            "INSERT INTO phone_fts(rowid, number) SELECT id, number FROM subscriber_phones "
            "WHERE id >= ?",
            (first_phone,),
        )

    def finish(self) -> None:
        """Explicit ids do not move PostgreSQL's id sequences: set them past the new rows, or
        the next ordinary insert would reuse an id."""
        if self._conn.dialect.name != "postgresql":
            return
        for table in sorted(self._loaded):
            if "id" not in TABLE_COLUMNS[table]:
                continue  # ids drawn from the sequence itself (or no id column at all)
            self._conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
            )


@contextmanager
def bulk_writer(db: Database) -> Iterator[BulkWriter]:
    """A writer whose rows commit together when the block ends (or not at all)."""
    with db.engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
        writer = BulkWriter(conn)
        yield writer
        writer.finish()
        if writer.issued:
            with Session(bind=conn, info=db.session_info()) as session:
                seal(session, [("invoices", i) for i in writer.issued])
                session.flush()
