"""Every table of the schema read out row by row, for the administrator's whole-database export.

One read transaction (one snapshot) for all tables; rows stream in batches (a server-side
cursor on PostgreSQL), so a million-row table never sits in memory. Secrets (password hashes)
are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any

from sqlalchemy import Column, Table, func, select
from sqlalchemy.engine import Connection, Engine

from hendazh_desktop.db import models  # noqa: F401  (maps every table onto the metadata)
from hendazh_desktop.db.base import Base

BATCH = 2000
SECRET_COLUMNS = frozenset({"password_hash"})


@dataclass(frozen=True)
class TableDump:
    """One table: its name, its columns (in schema order), its row count and its rows."""

    name: str
    columns: tuple[str, ...]
    count: int
    rows: Callable[[], Iterator[tuple[Any, ...]]]


def _columns(table: Table) -> list[Column[Any]]:
    return [c for c in table.columns if c.name not in SECRET_COLUMNS]


def _stream(conn: Connection, table: Table) -> Iterator[tuple[Any, ...]]:
    columns = _columns(table)
    order = list(table.primary_key.columns) or columns[:1]
    result = conn.execution_options(yield_per=BATCH).execute(select(*columns).order_by(*order))
    for row in result:
        yield tuple(row)


def schema_tables() -> list[Table]:
    """The application's tables, parents before children."""
    return list(Base.metadata.sorted_tables)


@contextmanager
def dump_tables(engine: Engine) -> Iterator[list[TableDump]]:
    """Every table with its row count, read in one transaction that stays open while the
    block runs (read each table's rows to their end before starting the next one's)."""
    with engine.connect() as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        dumps = []
        for table in schema_tables():
            count = conn.execute(select(func.count()).select_from(table)).scalar_one()
            dumps.append(
                TableDump(
                    name=table.name,
                    columns=tuple(c.name for c in _columns(table)),
                    count=int(count),
                    rows=partial(_stream, conn, table),
                )
            )
        yield dumps
