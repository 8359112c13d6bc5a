"""The append-only guards as migration 0009 created them, frozen (migrations never import live
code): the tables, the SQLite triggers refusing INSERT OR REPLACE on any unique key, the
``audit_head`` and ``database_identity`` triggers, and PostgreSQL's TRUNCATE guards. Migrations
0011 and 0013 guard their own tables with ``sqlite_replace_guards``; ``db/append_only.py``
reads these names to check that a restored database still has every guard. Never edit this
module: a later migration that needs other guards writes them itself."""

from __future__ import annotations

from typing import Any

# Never changed once written.
APPEND_ONLY_TABLES = (
    "audit_log",
    "payments",
    "cheque_events",
    "allocations",
    "materials_prepayments",
    "billing_events",
    "database_identity",
)
# Frozen once issued (drafts may change).
FROZEN_TABLES = ("invoices", "invoice_lines")
GUARDED_TABLES = (*APPEND_ONLY_TABLES, *FROZEN_TABLES, "audit_head")
def unique_keys(conn: Any, table: str) -> list[tuple[str, ...]]:
    """The column sets of a SQLite table's primary key and unique constraints/indexes."""
    keys: list[tuple[str, ...]] = []
    info = conn.exec_driver_sql(f"PRAGMA table_info({table})").fetchall()
    primary = tuple(row[1] for row in sorted(info, key=lambda r: r[5]) if row[5])
    if primary:
        keys.append(primary)
    for index in conn.exec_driver_sql(f"PRAGMA index_list({table})").fetchall():
        name, unique, origin, partial = index[1], index[2], index[3], index[4]
        if not unique or origin == "pk":
            continue
        if partial:
            raise RuntimeError(f"partial unique index {name} on {table}: guard it by hand")
        columns = tuple(
            row[2] for row in conn.exec_driver_sql(f"PRAGMA index_info({name})").fetchall()
        )
        if columns and columns not in keys:
            keys.append(columns)
    return keys


def sqlite_replace_guards(
    conn: Any, tables: tuple[str, ...] = (*APPEND_ONLY_TABLES, *FROZEN_TABLES)
) -> list[str]:
    """BEFORE INSERT triggers refusing a row that collides with a kept one on any unique key.

    INSERT OR REPLACE deletes the colliding row without firing DELETE triggers (unless
    recursive triggers are on, which another connection need not set), so an UPDATE trigger
    alone leaves a way to rewrite a payment. The message names the key the way SQLite's own
    UNIQUE error does, so a replayed operation id is still recognised as such.
    """
    statements = []
    for table in tables:
        for number, key in enumerate(unique_keys(conn, table)):
            match = " AND ".join(f"kept.{c} = NEW.{c}" for c in key)
            frozen = " AND kept.issued_at IS NOT NULL" if table == "invoices" else ""
            if table == "invoice_lines":
                frozen = (
                    " AND EXISTS (SELECT 1 FROM invoices WHERE id = kept.invoice_id "
                    "AND issued_at IS NOT NULL)"
                )
            columns = ", ".join(f"{table}.{c}" for c in key)
            statements.append(
                f"CREATE TRIGGER {table}_no_replace_{number} BEFORE INSERT ON {table} "
                f"WHEN EXISTS (SELECT 1 FROM {table} AS kept WHERE {match}{frozen}) BEGIN "
                f"SELECT RAISE(ABORT, 'UNIQUE constraint failed: {columns} "
                f"({table} is append-only)'); END"
            )
    return statements


SQLITE_AUDIT_HEAD = (
    # One row, created once; never deleted or replaced.
    "CREATE TRIGGER audit_head_no_insert BEFORE INSERT ON audit_head "
    "WHEN EXISTS (SELECT 1 FROM audit_head) OR NEW.id <> 1 "
    "BEGIN SELECT RAISE(ABORT, 'audit_head is kept: one row, created once'); END",
    "CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head "
    "BEGIN SELECT RAISE(ABORT, 'audit_head is kept: one row, created once'); END",
    # It only moves forward, onto an entry that exists with that hash.
    "CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head "
    "WHEN NEW.id <> OLD.id OR NEW.last_id <= OLD.last_id OR NOT EXISTS "
    "(SELECT 1 FROM audit_log WHERE id = NEW.last_id AND hash = NEW.last_hash) "
    "BEGIN SELECT RAISE(ABORT, 'audit_head only moves forward onto its last entry'); END",
    "CREATE TRIGGER database_identity_no_update BEFORE UPDATE ON database_identity "
    "BEGIN SELECT RAISE(ABORT, 'database_identity is append-only'); END",
    "CREATE TRIGGER database_identity_no_delete BEFORE DELETE ON database_identity "
    "BEGIN SELECT RAISE(ABORT, 'database_identity is append-only'); END",
)

POSTGRES_GUARDS = (
    """CREATE FUNCTION hendazh_no_truncate() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$ LANGUAGE plpgsql""",
    """CREATE FUNCTION audit_head_guard() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'audit_head is kept'; END IF;
         IF TG_OP = 'INSERT' THEN
           IF NEW.id <> 1 OR EXISTS (SELECT 1 FROM audit_head) THEN
             RAISE EXCEPTION 'audit_head is kept: one row, created once';
           END IF;
           RETURN NEW;
         END IF;
         IF NEW.id <> OLD.id OR NEW.last_id <= OLD.last_id OR NOT EXISTS
            (SELECT 1 FROM audit_log WHERE id = NEW.last_id AND hash = NEW.last_hash) THEN
           RAISE EXCEPTION 'audit_head only moves forward onto its last entry';
         END IF;
         RETURN NEW;
       END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_head_guarded BEFORE INSERT OR UPDATE OR DELETE ON audit_head
       FOR EACH ROW EXECUTE FUNCTION audit_head_guard()""",
    """CREATE FUNCTION database_identity_kept() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'database_identity is append-only'; END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER database_identity_append_only BEFORE UPDATE OR DELETE ON database_identity
       FOR EACH ROW EXECUTE FUNCTION database_identity_kept()""",
    # TRUNCATE skips row triggers: a statement trigger refuses it on every guarded table.
    *(
        f"CREATE TRIGGER {t}_no_truncate BEFORE TRUNCATE ON {t} "
        "FOR EACH STATEMENT EXECUTE FUNCTION hendazh_no_truncate()"
        for t in GUARDED_TABLES
    ),
)
