"""tax system ids

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03

The national taxpayers' system (سامانه مودیان): each catalogue service gets its 13-digit
service ID (``services.tax_service_id``) and each issued invoice or credit note its 22-character
tax number (``invoices.tax_number``, unique), given at issue time. Plain ADD COLUMN on both
databases: rebuilding ``invoices`` on SQLite would drop its append-only triggers. The memory ID
and the economic code are settings (key/value rows): no schema change.

On SQLite the new unique key gets its replace guard like every unique key of ``invoices``
(0009): INSERT OR REPLACE colliding on a tax number would otherwise delete an issued invoice
without firing its DELETE trigger. The statement is frozen here (a migration never imports the
application's code); its name is the one ``db.append_only.sqlite_replace_guards`` gives the
fourth unique key of ``invoices``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

REPLACE_GUARD = (
    "CREATE TRIGGER invoices_no_replace_3 BEFORE INSERT ON invoices WHEN EXISTS (SELECT 1 FROM "
    "invoices AS kept WHERE kept.tax_number = NEW.tax_number AND kept.issued_at IS NOT NULL) "
    "BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: invoices.tax_number (invoices is "
    "append-only)'); END"
)


def upgrade() -> None:
    op.add_column("services", sa.Column("tax_service_id", sa.String(13), nullable=True))
    op.add_column("invoices", sa.Column("tax_number", sa.String(22), nullable=True))
    op.create_index("ix_invoices_tax_number", "invoices", ["tax_number"], unique=True)
    if op.get_bind().dialect.name == "sqlite":
        op.execute(REPLACE_GUARD)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("DROP TRIGGER IF EXISTS invoices_no_replace_3")
    op.drop_index("ix_invoices_tax_number", table_name="invoices")
    if sqlite:
        # DROP COLUMN leaves SQLite's triggers in place (3.35+)
        op.execute("ALTER TABLE invoices DROP COLUMN tax_number")
        op.execute("ALTER TABLE services DROP COLUMN tax_service_id")
    else:
        op.drop_column("invoices", "tax_number")
        op.drop_column("services", "tax_service_id")
