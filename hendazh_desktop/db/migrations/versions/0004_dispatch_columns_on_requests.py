"""dispatch columns on requests

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25

Dispatch planning on each request: the work group, the day and start time, when it was sent,
when it was done, and the job a rework request repeats.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("service_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("group_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("scheduled_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("scheduled_start", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column("dispatched_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("done_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("rework_of_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            "ix_service_requests_board", ["scheduled_date", "group_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_service_requests_group_id"), ["group_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_service_requests_scheduled_date"), ["scheduled_date"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_service_requests_group_id_work_groups"),
            "work_groups",
            ["group_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_service_requests_rework_of_id_service_requests"),
            "service_requests",
            ["rework_of_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("service_requests", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_service_requests_rework_of_id_service_requests"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_service_requests_group_id_work_groups"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_service_requests_scheduled_date"))
        batch_op.drop_index(batch_op.f("ix_service_requests_group_id"))
        batch_op.drop_index("ix_service_requests_board")
        batch_op.drop_column("rework_of_id")
        batch_op.drop_column("done_at")
        batch_op.drop_column("dispatched_at")
        batch_op.drop_column("scheduled_start")
        batch_op.drop_column("scheduled_date")
        batch_op.drop_column("group_id")
