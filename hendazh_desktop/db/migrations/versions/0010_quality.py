"""quality: feedback, call lists, complaints, ideas

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03

Feedback on finished jobs (one per job and channel, scores 1–5 checked by the database too),
the daily quality-call lists with the seed each was drawn from and their calls, complaints
opened by low scores, subscribers' ideas, and who asked not to be called. An index on the
requests' done_at: the call list draws from the jobs finished in the last days.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "quality_call_lists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("window_days", sa.Integer(), nullable=False),
        sa.Column("recent_days", sa.Integer(), nullable=False),
        sa.Column("retries", sa.Integer(), nullable=False),
        sa.Column("eligible", sa.Integer(), nullable=False),
        sa.Column("drawn_at", sa.DateTime(), nullable=False),
        sa.Column("drawn_by", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["drawn_by"], ["users.id"], name=op.f("fk_quality_call_lists_drawn_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quality_call_lists")),
        sa.UniqueConstraint("day", name=op.f("uq_quality_call_lists_day")),
    )
    op.create_table(
        "quality_do_not_call",
        sa.Column("subscriber_id", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["by"], ["users.id"], name=op.f("fk_quality_do_not_call_by_users")),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["subscribers.id"],
            name=op.f("fk_quality_do_not_call_subscriber_id_subscribers"),
        ),
        sa.PrimaryKeyConstraint("subscriber_id", name=op.f("pk_quality_do_not_call")),
    )
    op.create_table(
        "quality_calls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("subscriber_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("added_by", sa.Integer(), nullable=False),
        sa.Column("added_reason", sa.String(length=300), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("outcome_at", sa.DateTime(), nullable=True),
        sa.Column("outcome_by", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('drawn', 'retry', 'manual')", name=op.f("ck_quality_calls_kind")
        ),
        sa.CheckConstraint(
            "outcome IN ('pending', 'answered', 'no_answer', 'refused', 'wrong_number')",
            name=op.f("ck_quality_calls_outcome"),
        ),
        sa.ForeignKeyConstraint(
            ["added_by"], ["users.id"], name=op.f("fk_quality_calls_added_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["list_id"],
            ["quality_call_lists.id"],
            name=op.f("fk_quality_calls_list_id_quality_call_lists"),
        ),
        sa.ForeignKeyConstraint(
            ["outcome_by"], ["users.id"], name=op.f("fk_quality_calls_outcome_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["service_requests.id"],
            name=op.f("fk_quality_calls_request_id_service_requests"),
        ),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["subscribers.id"],
            name=op.f("fk_quality_calls_subscriber_id_subscribers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quality_calls")),
        sa.UniqueConstraint("list_id", "request_id", name="uq_quality_calls_list_request"),
    )
    with op.batch_alter_table("quality_calls", schema=None) as batch_op:
        batch_op.create_index("ix_quality_calls_day_position", ["day", "position"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_quality_calls_request_id"), ["request_id"], unique=False
        )
        batch_op.create_index(
            "ix_quality_calls_subscriber_day", ["subscriber_id", "day"], unique=False
        )

    op.create_table(
        "quality_ideas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscriber_id", sa.Integer(), nullable=True),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("manager_note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "source IN ('call', 'feedback', 'intake')", name=op.f("ck_quality_ideas_source")
        ),
        sa.CheckConstraint(
            "state IN ('new', 'review', 'adopted', 'declined')", name=op.f("ck_quality_ideas_state")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_quality_ideas_created_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["service_requests.id"],
            name=op.f("fk_quality_ideas_request_id_service_requests"),
        ),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["subscribers.id"],
            name=op.f("fk_quality_ideas_subscriber_id_subscribers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quality_ideas")),
    )
    with op.batch_alter_table("quality_ideas", schema=None) as batch_op:
        batch_op.create_index("ix_quality_ideas_state", ["state", "created_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_quality_ideas_subscriber_id"), ["subscriber_id"], unique=False
        )

    op.create_table(
        "quality_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("subscriber_id", sa.Integer(), nullable=True),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("overall", sa.Integer(), nullable=False),
        sa.Column("work", sa.Integer(), nullable=True),
        sa.Column("punctuality", sa.Integer(), nullable=True),
        sa.Column("conduct", sa.Integer(), nullable=True),
        sa.Column("cleanliness", sa.Integer(), nullable=True),
        sa.Column("price", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("external_ref", sa.String(length=80), nullable=True),
        sa.Column("call_id", sa.Integer(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "channel IN ('phone', 'web', 'quality_call')", name=op.f("ck_quality_feedback_channel")
        ),
        sa.CheckConstraint(
            "cleanliness IS NULL OR cleanliness BETWEEN 1 AND 5",
            name=op.f("ck_quality_feedback_cleanliness"),
        ),
        sa.CheckConstraint(
            "conduct IS NULL OR conduct BETWEEN 1 AND 5", name=op.f("ck_quality_feedback_conduct")
        ),
        sa.CheckConstraint("overall BETWEEN 1 AND 5", name=op.f("ck_quality_feedback_overall")),
        sa.CheckConstraint(
            "price IS NULL OR price BETWEEN 1 AND 5", name=op.f("ck_quality_feedback_price")
        ),
        sa.CheckConstraint(
            "punctuality IS NULL OR punctuality BETWEEN 1 AND 5",
            name=op.f("ck_quality_feedback_punctuality"),
        ),
        sa.CheckConstraint(
            "work IS NULL OR work BETWEEN 1 AND 5", name=op.f("ck_quality_feedback_work")
        ),
        sa.ForeignKeyConstraint(
            ["call_id"],
            ["quality_calls.id"],
            name=op.f("fk_quality_feedback_call_id_quality_calls"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"], ["work_groups.id"], name=op.f("fk_quality_feedback_group_id_work_groups")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["users.id"], name=op.f("fk_quality_feedback_recorded_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["service_requests.id"],
            name=op.f("fk_quality_feedback_request_id_service_requests"),
        ),
        sa.ForeignKeyConstraint(
            ["service_id"], ["services.id"], name=op.f("fk_quality_feedback_service_id_services")
        ),
        sa.ForeignKeyConstraint(
            ["subscriber_id"],
            ["subscribers.id"],
            name=op.f("fk_quality_feedback_subscriber_id_subscribers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quality_feedback")),
        sa.UniqueConstraint("external_ref", name=op.f("uq_quality_feedback_external_ref")),
        sa.UniqueConstraint("request_id", "channel", name="uq_quality_feedback_request_channel"),
    )
    with op.batch_alter_table("quality_feedback", schema=None) as batch_op:
        batch_op.create_index(
            "ix_quality_feedback_group", ["group_id", "received_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_quality_feedback_request_id"), ["request_id"], unique=False
        )
        batch_op.create_index(
            "ix_quality_feedback_scores",
            ["service_id", "group_id", "received_at", "overall"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_quality_feedback_subscriber_id"), ["subscriber_id"], unique=False
        )

    op.create_table(
        "quality_complaints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feedback_id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("lowest_score", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=True),
        sa.Column("rework_request_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closed_by", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "action IS NULL OR action IN ('call_back', 'rework', 'warning', 'no_action')",
            name=op.f("ck_quality_complaints_action"),
        ),
        sa.CheckConstraint("state IN ('open', 'closed')", name=op.f("ck_quality_complaints_state")),
        sa.ForeignKeyConstraint(
            ["closed_by"], ["users.id"], name=op.f("fk_quality_complaints_closed_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["feedback_id"],
            ["quality_feedback.id"],
            name=op.f("fk_quality_complaints_feedback_id_quality_feedback"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["work_groups.id"],
            name=op.f("fk_quality_complaints_group_id_work_groups"),
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["service_requests.id"],
            name=op.f("fk_quality_complaints_request_id_service_requests"),
        ),
        sa.ForeignKeyConstraint(
            ["rework_request_id"],
            ["service_requests.id"],
            name=op.f("fk_quality_complaints_rework_request_id_service_requests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quality_complaints")),
        sa.UniqueConstraint("feedback_id", name=op.f("uq_quality_complaints_feedback_id")),
    )
    with op.batch_alter_table("quality_complaints", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_quality_complaints_request_id"), ["request_id"], unique=False
        )
        batch_op.create_index(
            "ix_quality_complaints_state_group", ["state", "group_id"], unique=False
        )

    with op.batch_alter_table("service_requests", schema=None) as batch_op:
        batch_op.create_index("ix_service_requests_done_at", ["done_at"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("service_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_service_requests_done_at")

    with op.batch_alter_table("quality_complaints", schema=None) as batch_op:
        batch_op.drop_index("ix_quality_complaints_state_group")
        batch_op.drop_index(batch_op.f("ix_quality_complaints_request_id"))

    op.drop_table("quality_complaints")
    with op.batch_alter_table("quality_feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quality_feedback_subscriber_id"))
        batch_op.drop_index("ix_quality_feedback_scores")
        batch_op.drop_index(batch_op.f("ix_quality_feedback_request_id"))
        batch_op.drop_index("ix_quality_feedback_group")

    op.drop_table("quality_feedback")
    with op.batch_alter_table("quality_ideas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quality_ideas_subscriber_id"))
        batch_op.drop_index("ix_quality_ideas_state")

    op.drop_table("quality_ideas")
    with op.batch_alter_table("quality_calls", schema=None) as batch_op:
        batch_op.drop_index("ix_quality_calls_subscriber_day")
        batch_op.drop_index(batch_op.f("ix_quality_calls_request_id"))
        batch_op.drop_index("ix_quality_calls_day_position")

    op.drop_table("quality_calls")
    op.drop_table("quality_do_not_call")
    op.drop_table("quality_call_lists")
