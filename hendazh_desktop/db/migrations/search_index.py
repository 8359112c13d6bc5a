"""Substring search indexes, frozen as of migration 0001 (migrations never import live code).

SQLite: FTS5 tables with the trigram tokenizer over the normalised name key and the phone
numbers, maintained by triggers so that every write path (services, bulk loads) keeps them
in step. PostgreSQL: pg_trgm GIN indexes serve the same LIKE '%…%' queries.
"""

from __future__ import annotations

from alembic import op

SQLITE_DDL = (
    "CREATE VIRTUAL TABLE subscriber_fts USING fts5(name_key, tokenize='trigram')",
    "CREATE VIRTUAL TABLE phone_fts USING fts5(number, tokenize='trigram')",
    """CREATE TRIGGER subscribers_fts_insert AFTER INSERT ON subscribers BEGIN
         INSERT INTO subscriber_fts(rowid, name_key) VALUES (new.id, new.name_key);
       END""",
    """CREATE TRIGGER subscribers_fts_update AFTER UPDATE OF name_key ON subscribers BEGIN
         DELETE FROM subscriber_fts WHERE rowid = old.id;
         INSERT INTO subscriber_fts(rowid, name_key) VALUES (new.id, new.name_key);
       END""",
    """CREATE TRIGGER subscribers_fts_delete AFTER DELETE ON subscribers BEGIN
         DELETE FROM subscriber_fts WHERE rowid = old.id;
       END""",
    """CREATE TRIGGER phones_fts_insert AFTER INSERT ON subscriber_phones BEGIN
         INSERT INTO phone_fts(rowid, number) VALUES (new.id, new.number);
       END""",
    """CREATE TRIGGER phones_fts_update AFTER UPDATE OF number ON subscriber_phones BEGIN
         DELETE FROM phone_fts WHERE rowid = old.id;
         INSERT INTO phone_fts(rowid, number) VALUES (new.id, new.number);
       END""",
    """CREATE TRIGGER phones_fts_delete AFTER DELETE ON subscriber_phones BEGIN
         DELETE FROM phone_fts WHERE rowid = old.id;
       END""",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS subscribers_fts_insert",
    "DROP TRIGGER IF EXISTS subscribers_fts_update",
    "DROP TRIGGER IF EXISTS subscribers_fts_delete",
    "DROP TRIGGER IF EXISTS phones_fts_insert",
    "DROP TRIGGER IF EXISTS phones_fts_update",
    "DROP TRIGGER IF EXISTS phones_fts_delete",
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
    statements = SQLITE_DDL if dialect == "sqlite" else POSTGRES_DDL if dialect == "postgresql" else ()
    for statement in statements:
        op.execute(statement)


def drop_search_index() -> None:
    dialect = op.get_bind().dialect.name
    statements = SQLITE_DROP if dialect == "sqlite" else POSTGRES_DROP if dialect == "postgresql" else ()
    for statement in statements:
        op.execute(statement)
