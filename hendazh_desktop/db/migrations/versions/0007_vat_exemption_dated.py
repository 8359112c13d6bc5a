"""vat exemption dated

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03

A service's VAT exemption becomes an entry of its dated VAT schedule, like a rate: each
``vat_rates`` row is a rate or an exemption from a day on. Before this, the services'
``vat_exempt`` flag applied to every day, so every entry of an exempt service becomes an
exemption; a service without entries gets its current term from the first day on.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("vat_rates", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("exempt", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.create_check_constraint(
            op.f("ck_vat_rates_exempt_has_no_rate"), "NOT exempt OR vat_bp = 0"
        )
    op.execute(
        "UPDATE vat_rates SET exempt = TRUE, vat_bp = 0 WHERE service_id IN "
        "(SELECT id FROM services WHERE vat_exempt)"
    )
    op.execute(
        "INSERT INTO vat_rates (service_id, effective_from, vat_bp, exempt, created_at) "
        "SELECT id, '2000-01-01', CASE WHEN vat_exempt THEN 0 ELSE vat_rate_bp END, vat_exempt, "
        "CURRENT_TIMESTAMP FROM services WHERE id NOT IN (SELECT service_id FROM vat_rates)"
    )


def downgrade() -> None:
    with op.batch_alter_table("vat_rates", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_vat_rates_exempt_has_no_rate"), type_="check")
        batch_op.drop_column("exempt")
