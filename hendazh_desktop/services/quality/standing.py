"""Each group's quality standing per service (the Bayesian score dispatch ranks with) and a
group's scorecard: scores per service and per criterion over time, and its complaints."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.models.dispatch import WorkGroup
from hendazh_desktop.db.models.quality import QualityScore
from hendazh_desktop.db.repositories.quality import as_date
from hendazh_desktop.domain.errors import NotFound
from hendazh_desktop.domain.jalali import to_jalali
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.quality import (
    Criterion,
    Standing,
    bayesian_standing,
    standing_from_sums,
)
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.quality.complaints import complaint_row
from hendazh_desktop.services.quality.records import MonthScores, Scorecard, ServiceScore
from hendazh_desktop.services.quality.settings import load_quality_settings

SCORECARD_COMPLAINTS = 50


def _standings(
    buckets: Sequence[Any], today: dt.date, half_life: float, complaints: dict[int, int], key: int
) -> dict[int, Standing]:
    """Fold (group, service, day, sum, count) rows into one standing per ``row[key]``."""
    folded: dict[int, list[tuple[float, int, int]]] = defaultdict(list)
    for row in buckets:
        folded[row[key]].append(((today - as_date(row[2])).days, int(row[3]), int(row[4])))
    return {
        k: bayesian_standing(
            v,
            half_life_days=half_life,
            open_complaints=complaints.get(k, 0) if key == 0 else 0,
        )
        for k, v in folded.items()
    }


def standings_for(uow: UnitOfWork, service_id: int, now: dt.datetime) -> dict[int, Standing]:
    """Every rated group's standing for the service (one row each, from the running sums),
    and every group with open complaints (unrated groups are left out: the prior is their
    standing)."""
    half_life = load_quality_settings(uow).half_life_days
    complaints = uow.quality.open_complaints()
    found = {
        row.group_id: standing_from_sums(
            row.weighted_sum,
            row.weighted_count,
            row.ratings,
            now=now,
            half_life_days=half_life,
            open_complaints=complaints.get(row.group_id, 0),
        )
        for row in uow.session.query(QualityScore).filter(QualityScore.service_id == service_id)
        if row.half_life_days == half_life
    }
    for group_id, count in complaints.items():
        if group_id not in found:
            found[group_id] = bayesian_standing([], half_life_days=half_life, open_complaints=count)
    return found


class QualityStandings:
    """The small read interface dispatch ranks with (``domain.dispatch.QualitySource``), and
    the scorecard of a group."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def standings(self, service_id: int) -> dict[int, Standing]:
        with self._db.read() as uow:
            return standings_for(uow, service_id, self._clock())

    def scorecard(self, actor: Actor, group_id: int) -> Scorecard:
        require(actor, Permission.RECORD_FEEDBACK)
        now = self._clock()
        with self._db.read() as uow:
            group = uow.session.get(WorkGroup, group_id)
            if group is None:
                raise NotFound("work_group", group_id)
            half_life = load_quality_settings(uow).half_life_days
            open_count = uow.quality.complaint_count("open", group_id)
            names = {s.id: s.name for s in uow.catalogue.services(include_inactive=True)}
            by_service = _standings(
                uow.quality.rating_buckets(None, group_id),
                now.astimezone(dt.UTC).date(),
                half_life,
                {},
                1,
            )
            services = tuple(
                ServiceScore(sid, names.get(sid, str(sid)), standing)
                for sid, standing in sorted(by_service.items(), key=lambda kv: -kv[1].count)
            )
            months = _months(uow.quality.criterion_sums(group_id))
            complaints = tuple(
                complaint_row(r)
                for r in uow.quality.complaints(None, group_id, 0, SCORECARD_COMPLAINTS)
            )
            return Scorecard(group.id, group.name, services, months, open_count, complaints)


def _months(rows: Sequence[Any]) -> tuple[MonthScores, ...]:
    """Per-day sums folded into Jalali months: averages of the overall score and each criterion."""
    width = len(Criterion)
    sums: dict[tuple[int, int], list[float]] = {}
    for row in rows:
        y, m, _ = to_jalali(as_date(row[0]))
        acc = sums.setdefault((y, m), [0.0] * (2 + 2 * width))
        for i in range(2 + 2 * width):
            acc[i] += float(row[2 + i] or 0)
    result = []
    for (y, m), acc in sorted(sums.items()):
        criteria = tuple(
            (acc[2 + 2 * i] / acc[3 + 2 * i]) if acc[3 + 2 * i] else None for i in range(width)
        )
        result.append(MonthScores(y, m, int(acc[1]), acc[0] / acc[1], criteria))
    return tuple(result)
