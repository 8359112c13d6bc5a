"""credit ledger totals

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03

The gift-credit ledger at millions of entries: each entry gets a gapless ``number`` (its
position in the ledger, unique), so the unfiltered list reads its last page by range instead of
skipping every row before it, and one ``credit_ledger_totals`` row keeps the entry count, the
credit the company owes and the negative balances with every entry (the list's count and the
liability were sums over every balance). Existing entries are numbered in id order.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hendazh_desktop.db.migrations.append_only_guards import sqlite_replace_guards

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

NUMBER_EXISTING = (
    "UPDATE credit_entries SET number = ranked.n FROM (SELECT id, row_number() OVER "
    "(ORDER BY id) AS n FROM credit_entries) AS ranked WHERE credit_entries.id = ranked.id"
)
TOTALS = (
    "INSERT INTO credit_ledger_totals (id, entries, outstanding, below_zero, negatives) "
    "SELECT 1, (SELECT count(*) FROM credit_entries), "
    "(SELECT coalesce(sum(balance), 0) FROM credit_balances WHERE balance > 0), "
    "(SELECT coalesce(sum(balance), 0) FROM credit_balances WHERE balance < 0), "
    "(SELECT count(*) FROM credit_balances WHERE balance < 0)"
)
NO_UPDATE = (
    "CREATE TRIGGER credit_entries_no_update BEFORE UPDATE ON credit_entries BEGIN "
    "SELECT RAISE(ABORT, 'credit_entries is append-only'); END"
)


def _replace_guards(bind: sa.engine.Connection) -> None:
    rows = bind.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' "
        "AND name LIKE 'credit_entries_no_replace_%'"
    ).fetchall()
    for (name,) in rows:
        op.execute(f"DROP TRIGGER {name}")
    for statement in sqlite_replace_guards(bind, ("credit_entries",)):
        op.execute(statement)


def upgrade() -> None:
    op.create_table(
        "credit_ledger_totals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("outstanding", sa.Integer(), nullable=False),
        sa.Column("below_zero", sa.Integer(), nullable=False),
        sa.Column("negatives", sa.Integer(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_credit_ledger_totals_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit_ledger_totals")),
    )
    op.execute(TOTALS)
    op.add_column("credit_entries", sa.Column("number", sa.Integer(), nullable=True))
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    # Numbering the kept entries is the one update the ledger ever takes.
    if sqlite:
        op.execute("DROP TRIGGER credit_entries_no_update")
    else:
        op.execute("ALTER TABLE credit_entries DISABLE TRIGGER credit_entries_append_only")
    op.execute(NUMBER_EXISTING)
    if sqlite:
        op.execute(NO_UPDATE)
    else:
        op.execute("ALTER TABLE credit_entries ENABLE TRIGGER credit_entries_append_only")
    op.create_index("uq_credit_entries_number", "credit_entries", ["number"], unique=True)
    if sqlite:
        _replace_guards(bind)


def downgrade() -> None:
    bind = op.get_bind()
    op.drop_index("uq_credit_entries_number", table_name="credit_entries")
    if bind.dialect.name == "sqlite":
        _replace_guards(bind)  # back to the keys the table had
    op.execute("ALTER TABLE credit_entries DROP COLUMN number")
    op.drop_table("credit_ledger_totals")
