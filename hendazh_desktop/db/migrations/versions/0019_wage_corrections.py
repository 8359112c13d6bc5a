"""wage corrections name the paid line they correct

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03

A correction of a paid batch is a reversing item carried into the member's next payout; it
names the paid batch line it corrects (nullable: the other kinds correct nothing). Added as a
plain column so the table's append-only triggers stay in place.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a column with its reference in place (no table copy: triggers kept)
        op.execute(
            "ALTER TABLE wage_items ADD COLUMN corrects_line_id INTEGER "
            "CONSTRAINT fk_wage_items_corrects_line_id_wage_batch_lines "
            "REFERENCES wage_batch_lines (id)"
        )
    else:
        op.add_column(
            "wage_items",
            sa.Column(
                "corrects_line_id",
                sa.Integer(),
                sa.ForeignKey(
                    "wage_batch_lines.id",
                    name="fk_wage_items_corrects_line_id_wage_batch_lines",
                ),
                nullable=True,
            ),
        )
    op.create_index("ix_wage_items_corrects_line", "wage_items", ["corrects_line_id"])


def downgrade() -> None:
    op.drop_index("ix_wage_items_corrects_line", table_name="wage_items")
    with op.batch_alter_table("wage_items") as batch:
        batch.drop_column("corrects_line_id")
