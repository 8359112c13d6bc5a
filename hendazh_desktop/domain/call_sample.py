"""The day's quality-call list: a seeded, reproducible random sample of finished jobs,
stratified by service and work group in proportion, with at least one per stratum where the
size allows, and never a subscriber called lately, one who asked not to be called, or a job
that already has feedback."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FinishedJob:
    """A job finished in the window the list is drawn from."""

    request_id: int
    subscriber_id: int
    service_id: int
    group_id: int


Stratum = tuple[int, int]  # (service_id, group_id)


def eligible(
    jobs: Iterable[FinishedJob],
    *,
    recently_called: Collection[int],
    do_not_call: Collection[int],
    with_feedback: Collection[int],
    active_groups: Collection[int] | None = None,
) -> list[FinishedJob]:
    """The jobs that may be called about (sorted by id, so a draw depends only on the seed)."""
    kept = [
        j
        for j in jobs
        if j.subscriber_id not in recently_called
        and j.subscriber_id not in do_not_call
        and j.request_id not in with_feedback
        and (active_groups is None or j.group_id in active_groups)
    ]
    kept.sort(key=lambda j: j.request_id)
    return kept


def allocate(sizes: dict[Stratum, int], total: int, rng: random.Random) -> dict[Stratum, int]:
    """How many of each stratum to take: proportional to its size (largest remainders), at
    least one each while the total allows, never more than the stratum holds. With more
    strata than places, places go first to strata that bring a service or a group not yet on
    the list (chosen at random, larger strata likelier), then by size."""
    population = sum(sizes.values())
    total = min(total, population)
    if total <= 0:
        return {}
    strata = sorted(sizes)
    if len(strata) > total:
        # Weighted order without replacement: key u^(1/size), largest first.
        order = sorted(strata, key=lambda s: -(rng.random() ** (1.0 / sizes[s])))
        chosen: list[Stratum] = []
        services: set[int] = set()
        groups: set[int] = set()
        for both_new in (True, False):  # first strata new on both counts, then on either
            for s in order:
                new_service, new_group = s[0] not in services, s[1] not in groups
                fits = (new_service and new_group) if both_new else (new_service or new_group)
                if len(chosen) < total and fits and s not in chosen:
                    chosen.append(s)
                    services.add(s[0])
                    groups.add(s[1])
        for s in order:
            if len(chosen) >= total:
                break
            if s not in chosen:
                chosen.append(s)
        return {s: 1 for s in chosen}
    exact = {s: total * sizes[s] / population for s in strata}
    quota = {s: int(exact[s]) for s in strata}
    rest = total - sum(quota.values())
    for s in sorted(strata, key=lambda s: (-(exact[s] - quota[s]), rng.random()))[:rest]:
        quota[s] += 1
    # Every stratum at least once: the place comes from the one most above its share.
    for s in sorted((s for s in strata if quota[s] == 0), key=lambda s: -sizes[s]):
        donor = max(
            (d for d in strata if quota[d] > 1), key=lambda d: (quota[d] - exact[d], sizes[d])
        )
        quota[donor] -= 1
        quota[s] = 1
    return quota


def draw(jobs: Sequence[FinishedJob], *, size: int, seed: int) -> list[FinishedJob]:
    """The sample from jobs already filtered by ``eligible``: the same jobs and seed always
    give the same list. A subscriber appears once (one of their jobs, at random)."""
    rng = random.Random(seed)
    by_subscriber: dict[int, list[FinishedJob]] = defaultdict(list)
    for job in jobs:
        by_subscriber[job.subscriber_id].append(job)
    one_each = [
        group[0] if len(group) == 1 else rng.choice(group)
        for _, group in sorted(by_subscriber.items())
    ]
    strata: dict[Stratum, list[FinishedJob]] = defaultdict(list)
    for job in one_each:
        strata[(job.service_id, job.group_id)].append(job)
    quota = allocate({s: len(v) for s, v in strata.items()}, size, rng)
    picked: list[FinishedJob] = []
    for stratum in sorted(quota):
        picked.extend(rng.sample(strata[stratum], quota[stratum]))
    rng.shuffle(picked)
    return picked
