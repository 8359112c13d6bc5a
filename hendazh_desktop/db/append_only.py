"""The database's own guard of append-only records: which tables, and the triggers that refuse
changing them by any path (UPDATE, DELETE, INSERT OR REPLACE and other conflict resolutions,
TRUNCATE on PostgreSQL). A migration creates them; a restore checks they are all there."""

from __future__ import annotations

from typing import Any

from hendazh_desktop.db.migrations.append_only_guards import (
    APPEND_ONLY_TABLES,
    FROZEN_TABLES,
    GUARDED_TABLES,
    SQLITE_AUDIT_HEAD,
    sqlite_replace_guards,
)

# Append-only tables of later migrations, each guarded the same way by its own migration
# (0011: the gift-credit ledger; 0014: the wages; 0015: the gift catalogue's stock moves and
# order lines).
LATER_APPEND_ONLY = (
    "job_splits",
    "credit_entries",
    "wage_payables",
    "wage_reimbursements",
    "wage_items",
    "wage_batch_lines",
    "wage_paid",
    "stock_moves",
    "gift_order_lines",
)

# Triggers of earlier migrations (0002, 0006) that a complete schema holds too.
_EARLIER_SQLITE = (
    *(f"{t}_no_{e}" for t in APPEND_ONLY_TABLES[:6] for e in ("update", "delete")),
    *(f"{t}_no_{e}" for t in FROZEN_TABLES for e in ("update", "delete")),
    "invoice_lines_no_insert",
)
_EARLIER_POSTGRES = (
    "audit_log_no_change",
    *(f"{t}_append_only" for t in APPEND_ONLY_TABLES[1:6]),
    "invoices_frozen",
    "invoice_lines_frozen",
)


def expected_triggers(dialect: str, conn: Any | None = None) -> set[str]:
    """The names of every guard trigger a complete schema holds."""
    if dialect == "sqlite":
        names = set(_EARLIER_SQLITE)
        names.update(s.split()[2] for s in SQLITE_AUDIT_HEAD)
        names.update(f"{t}_no_{e}" for t in LATER_APPEND_ONLY for e in ("update", "delete"))
        if conn is not None:
            names.update(s.split()[2] for s in sqlite_replace_guards(conn))
            names.update(s.split()[2] for s in sqlite_replace_guards(conn, LATER_APPEND_ONLY))
        else:
            names.update(
                f"{t}_no_replace_0"
                for t in (*APPEND_ONLY_TABLES, *FROZEN_TABLES, *LATER_APPEND_ONLY)
            )
        return names
    names = set(_EARLIER_POSTGRES)
    names.update({"audit_head_guarded", "database_identity_append_only"})
    names.update(f"{t}_no_truncate" for t in (*GUARDED_TABLES, *LATER_APPEND_ONLY))
    names.update(f"{t}_append_only" for t in LATER_APPEND_ONLY)
    return names


def missing_triggers(conn: Any) -> set[str]:
    """The guard triggers a database lacks (empty when complete)."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        rows = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return expected_triggers(dialect, conn) - {r[0] for r in rows}
    rows = conn.exec_driver_sql("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
    return expected_triggers(dialect) - {r[0] for r in rows}
