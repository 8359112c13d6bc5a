"""Each group's running sums of its ratings per service, kept with every feedback and summed
anew when the half-life changes: what the ranking reads (one row per group)."""

from __future__ import annotations

import datetime as dt

from hendazh_desktop.db.database import UnitOfWork
from hendazh_desktop.db.models.quality import QualityScore
from hendazh_desktop.db.repositories.quality import as_date
from hendazh_desktop.domain.quality import growth


def add_rating(
    uow: UnitOfWork, group_id: int, service_id: int, at: dt.datetime, overall: int, half_life: int
) -> None:
    """Add one rating to the group's running sums for the service (in the caller's
    transaction, with the feedback it comes from, which is already flushed)."""
    weight = growth(at, half_life)
    row = uow.session.get(QualityScore, (group_id, service_id))
    if row is not None and row.half_life_days != half_life:
        rebuild_scores(uow, half_life)  # sums every rating, this one (already flushed) too
        return
    if row is None:
        row = QualityScore(
            group_id=group_id,
            service_id=service_id,
            weighted_sum=0.0,
            weighted_count=0.0,
            ratings=0,
            half_life_days=half_life,
        )
        uow.session.add(row)
    row.weighted_sum += weight * overall
    row.weighted_count += weight
    row.ratings += 1


def rebuild_scores(uow: UnitOfWork, half_life: int) -> None:
    """Every group's running sums summed anew (after the half-life setting changed)."""
    uow.session.query(QualityScore).delete()
    sums: dict[tuple[int, int], list[float]] = {}
    for group_id, service_id, day, total, count in uow.quality.rating_buckets(None):
        moment = dt.datetime.combine(as_date(day), dt.time(12), tzinfo=dt.UTC)
        acc = sums.setdefault((group_id, service_id), [0.0, 0.0, 0])
        weight = growth(moment, half_life)
        acc[0] += weight * float(total)
        acc[1] += weight * int(count)
        acc[2] += int(count)
    uow.session.add_all(
        QualityScore(
            group_id=g,
            service_id=s,
            weighted_sum=a[0],
            weighted_count=a[1],
            ratings=int(a[2]),
            half_life_days=half_life,
        )
        for (g, s), a in sums.items()
    )
    uow.flush()
