"""quality scores

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03

Running sums of each group's ratings per service (weighted by ``domain.quality.growth``), so
the dispatch suggestion reads one row per group instead of folding every feedback; filled
from the feedback already recorded, at the half-life setting (180 days when unset).
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

# domain.quality's weighting as of this migration, frozen (migrations never import live code).
EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def growth(at: dt.datetime, half_life_days: float) -> float:
    """A rating's stored weight at ``at``: it doubles every half-life after the epoch."""
    return float(2.0 ** ((at - EPOCH).total_seconds() / 86_400 / half_life_days))


revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quality_scores",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("weighted_sum", sa.Float(), nullable=False),
        sa.Column("weighted_count", sa.Float(), nullable=False),
        sa.Column("ratings", sa.Integer(), nullable=False),
        sa.Column("half_life_days", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"], ["work_groups.id"], name=op.f("fk_quality_scores_group_id_work_groups")
        ),
        sa.ForeignKeyConstraint(
            ["service_id"], ["services.id"], name=op.f("fk_quality_scores_service_id_services")
        ),
        sa.PrimaryKeyConstraint("group_id", "service_id", name=op.f("pk_quality_scores")),
    )
    bind = op.get_bind()
    raw = bind.execute(
        sa.text("SELECT value FROM settings WHERE key = 'quality_half_life_days'")
    ).scalar()
    half_life = int(raw) if raw and str(raw).isdigit() else 180
    sums: dict[tuple[int, int], list[float]] = {}
    rows = bind.execute(
        sa.text(
            "SELECT group_id, service_id, received_at, overall FROM quality_feedback "
            "WHERE group_id IS NOT NULL"
        )
    )
    for group_id, service_id, received, overall in rows:
        moment = (
            received
            if isinstance(received, dt.datetime)
            else dt.datetime.fromisoformat(str(received))
        )
        weight = growth(moment.replace(tzinfo=dt.UTC), half_life)
        acc = sums.setdefault((group_id, service_id), [0.0, 0.0, 0])
        acc[0] += weight * overall
        acc[1] += weight
        acc[2] += 1
    if sums:
        op.bulk_insert(
            sa.table(
                "quality_scores",
                sa.column("group_id", sa.Integer()),
                sa.column("service_id", sa.Integer()),
                sa.column("weighted_sum", sa.Float()),
                sa.column("weighted_count", sa.Float()),
                sa.column("ratings", sa.Integer()),
                sa.column("half_life_days", sa.Integer()),
            ),
            [
                {
                    "group_id": g,
                    "service_id": s,
                    "weighted_sum": a[0],
                    "weighted_count": a[1],
                    "ratings": int(a[2]),
                    "half_life_days": half_life,
                }
                for (g, s), a in sums.items()
            ],
        )


def downgrade() -> None:
    op.drop_table("quality_scores")
