"""Substring search indexes, frozen as of migration 0001 (migrations never import live code).

SQLite: FTS5 tables with the trigram tokenizer over the normalised name key and the phone
numbers. They are kept in step by ORM events (``db/search_sync.py``), not triggers: with
``trusted_schema=OFF`` SQLite refuses triggers that write to FTS5 tables. PostgreSQL: pg_trgm
GIN indexes serve the same LIKE '%…%' queries.
"""

from __future__ import annotations

from alembic import op

SQLITE_DDL = (
    "CREATE VIRTUAL TABLE subscriber_fts USING fts5(name_key, tokenize='trigram')",
    "CREATE VIRTUAL TABLE phone_fts USING fts5(number, tokenize='trigram')",
)
SQLITE_DROP = (
    "DROP TABLE IF EXISTS subscriber_fts",
    "DROP TABLE IF EXISTS phone_fts",
)
POSTGRES_DDL = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_subscribers_name_key_trgm ON subscribers USING gin (name_key gin_trgm_ops)",
    "CREATE INDEX ix_subscriber_phones_number_trgm ON subscriber_phones "
    "USING gin (number gin_trgm_ops)",
)
POSTGRES_DROP = (
    "DROP INDEX IF EXISTS ix_subscribers_name_key_trgm",
    "DROP INDEX IF EXISTS ix_subscriber_phones_number_trgm",
)


def create_search_index() -> None:
    dialect = op.get_bind().dialect.name
    statements = (
        SQLITE_DDL if dialect == "sqlite" else POSTGRES_DDL if dialect == "postgresql" else ()
    )
    for statement in statements:
        op.execute(statement)


def drop_search_index() -> None:
    dialect = op.get_bind().dialect.name
    statements = (
        SQLITE_DROP if dialect == "sqlite" else POSTGRES_DROP if dialect == "postgresql" else ()
    )
    for statement in statements:
        op.execute(statement)


SEARCH_TABLE_PREFIXES = ("subscriber_fts", "phone_fts")
# Indexes with a descending part, made by their migration (0008): SQLAlchemy models cannot
# declare them without Alembic comparing them only approximately.
ORDER_INDEXES = ("ix_service_requests_urgency",)


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Leave the FTS5 search tables and the descending order indexes (raw DDL, not models) out
    of schema comparisons."""
    if type_ == "index" and name in ORDER_INDEXES:
        return False
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_TABLE_PREFIXES))
