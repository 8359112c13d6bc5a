"""append-only guards

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03

Closes the ways around the append-only triggers: INSERT OR REPLACE (SQLite deletes the
colliding row without firing DELETE triggers) on every append-only table and on issued
invoices and their lines; ``audit_head`` kept as one row that only moves forward onto an
existing entry; TRUNCATE on PostgreSQL. Adds ``database_identity``, a random id naming this
database (the audit chain's key and the backups folder are kept per database).
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

from hendazh_desktop.db.migrations.append_only_guards import (
    GUARDED_TABLES,
    POSTGRES_GUARDS,
    SQLITE_AUDIT_HEAD,
    sqlite_replace_guards,
)

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    identity = op.create_table(
        "database_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_database_identity_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_database_identity")),
    )
    op.bulk_insert(
        identity,
        [{"id": 1, "uid": str(uuid.uuid4()), "created_at": dt.datetime.now(dt.UTC)}],
    )
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in (*sqlite_replace_guards(bind), *SQLITE_AUDIT_HEAD):
            op.execute(statement)
    else:
        for statement in POSTGRES_GUARDS:
            op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        rows = bind.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE '%_no_replace_%'"
            " OR name LIKE 'audit_head_%' OR name LIKE 'database_identity_%')"
        ).fetchall()
        for (name,) in rows:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for table in GUARDED_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        op.execute("DROP TRIGGER IF EXISTS audit_head_guarded ON audit_head")
        op.execute("DROP TRIGGER IF EXISTS database_identity_append_only ON database_identity")
        for fn in ("hendazh_no_truncate", "audit_head_guard", "database_identity_kept"):
            op.execute(f"DROP FUNCTION IF EXISTS {fn}()")
    op.drop_table("database_identity")
