"""work groups

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25

Workers and work groups with their members, skills (service and level), zones and leave.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "work_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_key", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("phone", sa.String(length=11), nullable=False),
        sa.Column("iban", sa.String(length=26), nullable=True),
        sa.Column("daily_capacity", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("kind IN ('person', 'team')", name=op.f("ck_work_groups_kind")),
        sa.CheckConstraint(
            "daily_capacity BETWEEN 1 AND 20", name=op.f("ck_work_groups_daily_capacity")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_groups")),
        sa.UniqueConstraint("name", name=op.f("uq_work_groups_name")),
    )
    with op.batch_alter_table("work_groups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_work_groups_name_key"), ["name_key"], unique=False)

    op.create_table(
        "group_leave",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["work_groups.id"], name=op.f("fk_group_leave_group_id_work_groups")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_leave")),
        sa.UniqueConstraint("group_id", "day", name="uq_group_leave_group_day"),
    )
    with op.batch_alter_table("group_leave", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_group_leave_day"), ["day"], unique=False)
        batch_op.create_index(batch_op.f("ix_group_leave_group_id"), ["group_id"], unique=False)

    op.create_table(
        "group_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=11), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["work_groups.id"], name=op.f("fk_group_members_group_id_work_groups")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_members")),
    )
    with op.batch_alter_table("group_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_group_members_group_id"), ["group_id"], unique=False)

    op.create_table(
        "group_skills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.CheckConstraint("level BETWEEN 1 AND 5", name=op.f("ck_group_skills_level")),
        sa.ForeignKeyConstraint(
            ["group_id"], ["work_groups.id"], name=op.f("fk_group_skills_group_id_work_groups")
        ),
        sa.ForeignKeyConstraint(
            ["service_id"], ["services.id"], name=op.f("fk_group_skills_service_id_services")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_skills")),
        sa.UniqueConstraint("group_id", "service_id", name="uq_group_skills_group_service"),
    )
    with op.batch_alter_table("group_skills", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_group_skills_group_id"), ["group_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_group_skills_service_id"), ["service_id"], unique=False
        )

    op.create_table(
        "group_zones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("zone_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["work_groups.id"], name=op.f("fk_group_zones_group_id_work_groups")
        ),
        sa.ForeignKeyConstraint(
            ["zone_id"], ["zones.id"], name=op.f("fk_group_zones_zone_id_zones")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_zones")),
        sa.UniqueConstraint("group_id", "zone_id", name="uq_group_zones_group_zone"),
    )
    with op.batch_alter_table("group_zones", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_group_zones_group_id"), ["group_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_group_zones_zone_id"), ["zone_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("group_zones", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_zones_zone_id"))
        batch_op.drop_index(batch_op.f("ix_group_zones_group_id"))

    op.drop_table("group_zones")
    with op.batch_alter_table("group_skills", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_skills_service_id"))
        batch_op.drop_index(batch_op.f("ix_group_skills_group_id"))

    op.drop_table("group_skills")
    with op.batch_alter_table("group_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_members_group_id"))

    op.drop_table("group_members")
    with op.batch_alter_table("group_leave", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_leave_group_id"))
        batch_op.drop_index(batch_op.f("ix_group_leave_day"))

    op.drop_table("group_leave")
    with op.batch_alter_table("work_groups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_groups_name_key"))

    op.drop_table("work_groups")
