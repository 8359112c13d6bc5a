"""prices and agreements

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25

The on-site price in versions (lines of labour and materials) and the subscriber's agreement
or refusal of a version; when the materials prepayment was paid.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _integer_check(column: str, name: str) -> list[sa.CheckConstraint]:
    """Money is an integer number of rials; on SQLite the column must refuse text too."""
    if op.get_bind().dialect.name == "sqlite":
        return [
            sa.CheckConstraint(f"typeof({column}) = 'integer' AND {column} >= 0", name=op.f(name))
        ]
    return [sa.CheckConstraint(f"{column} >= 0", name=op.f(name))]


def upgrade() -> None:
    op.create_table(
        "price_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("labour_total", sa.Integer(), nullable=False),
        sa.Column("materials_total", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        *_integer_check("labour_total", "ck_price_versions_labour_total_integer"),
        *_integer_check("materials_total", "ck_price_versions_materials_total_integer"),
        sa.CheckConstraint(
            "total = labour_total + materials_total", name=op.f("ck_price_versions_total_adds_up")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_price_versions_created_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["service_requests.id"],
            name=op.f("fk_price_versions_request_id_service_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_price_versions")),
        sa.UniqueConstraint("request_id", "version", name="uq_price_versions_request_version"),
    )
    with op.batch_alter_table("price_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_price_versions_request_id"), ["request_id"], unique=False
        )

    op.create_table(
        "agreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("price_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("person", sa.String(length=100), nullable=False),
        sa.Column("sms_code", sa.String(length=6), nullable=True),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "decision IN ('agreed', 'declined')", name=op.f("ck_agreements_decision")
        ),
        sa.CheckConstraint(
            "method IN ('in_person', 'phone', 'sms')", name=op.f("ck_agreements_method")
        ),
        sa.ForeignKeyConstraint(
            ["price_id"], ["price_versions.id"], name=op.f("fk_agreements_price_id_price_versions")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["users.id"], name=op.f("fk_agreements_recorded_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["service_requests.id"],
            name=op.f("fk_agreements_request_id_service_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreements")),
    )
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreements_price_id"), ["price_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreements_request_id"), ["request_id"], unique=False)

    op.create_table(
        "price_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("price_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price", sa.Integer(), nullable=False),
        sa.Column("line_total", sa.Integer(), nullable=False),
        sa.CheckConstraint("kind IN ('labour', 'material')", name=op.f("ck_price_lines_kind")),
        *_integer_check("unit_price", "ck_price_lines_unit_price_integer"),
        sa.CheckConstraint(
            "line_total = quantity * unit_price", name=op.f("ck_price_lines_line_total")
        ),
        sa.CheckConstraint("quantity >= 1", name=op.f("ck_price_lines_quantity_positive")),
        sa.ForeignKeyConstraint(
            ["price_id"], ["price_versions.id"], name=op.f("fk_price_lines_price_id_price_versions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_price_lines")),
    )
    with op.batch_alter_table("price_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_price_lines_price_id"), ["price_id"], unique=False)

    with op.batch_alter_table("service_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("materials_prepaid_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("service_requests", schema=None) as batch_op:
        batch_op.drop_column("materials_prepaid_at")

    with op.batch_alter_table("price_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_price_lines_price_id"))

    op.drop_table("price_lines")
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreements_request_id"))
        batch_op.drop_index(batch_op.f("ix_agreements_price_id"))

    op.drop_table("agreements")
    with op.batch_alter_table("price_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_price_versions_request_id"))

    op.drop_table("price_versions")
