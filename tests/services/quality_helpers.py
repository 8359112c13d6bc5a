"""Many finished jobs at once, written straight to the tables (the services would take
minutes for thousands): subscribers, groups and done requests spread over services."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from hendazh_desktop.db.models.core import Service, ServiceRequest, Subscriber
from hendazh_desktop.db.models.dispatch import WorkGroup


@dataclass
class Jobs:
    """What was made: ids by kind."""

    subscribers: list[int]
    groups: list[int]
    services: list[int]
    jobs: list[int]


def finished_jobs(
    db,
    actor,
    *,
    jobs: int,
    subscribers: int,
    groups: int,
    now: dt.datetime,
    seed: int = 1,
    days: int = 10,
    inactive_groups: int = 0,
) -> Jobs:
    rng = random.Random(seed)
    with db.write() as uow:
        session = uow.session
        services = [s.id for s in session.query(Service).order_by(Service.id)]
        subs = [
            Subscriber(code=f"{90000000 + i}", name=f"مشترک {i}", name_key=f"مشترک {i}")
            for i in range(subscribers)
        ]
        made_groups = [
            WorkGroup(
                name=f"گروه آزمون {i}",
                name_key=f"گروه آزمون {i}",
                kind="person",
                phone=f"0917{i:07d}",
                daily_capacity=5,
                active=i >= inactive_groups,
            )
            for i in range(groups)
        ]
        session.add_all(subs + made_groups)
        session.flush()
        requests = []
        for _ in range(jobs):
            service = rng.choices(services, weights=range(len(services), 0, -1))[0]
            done = now - dt.timedelta(days=rng.uniform(0.01, days))
            requests.append(
                ServiceRequest(
                    subscriber_id=rng.choice(subs).id,
                    service_id=service,
                    channel="phone",
                    status=rng.choice(["done", "invoiced", "paid"]),
                    done_at=done,
                    group_id=rng.choice(made_groups).id,
                    created_by=actor.user_id,
                    created_at=done - dt.timedelta(days=1),
                    updated_at=done,
                )
            )
        session.add_all(requests)
        session.flush()
        made = Jobs(
            [s.id for s in subs], [g.id for g in made_groups], services, [r.id for r in requests]
        )
        uow.commit()
    return made
