"""The day's quality-call sample: reproducible, stratified, with its exclusions."""

from __future__ import annotations

import random
from collections import Counter

from hendazh_desktop.domain.call_sample import FinishedJob, allocate, draw, eligible


def make_jobs(count: int = 6000, *, seed: int = 1) -> list[FinishedJob]:
    rng = random.Random(seed)
    jobs = []
    for request_id in range(1, count + 1):
        # Skewed strata: service 1 is busy, service 6 rare; group 9 does only service 6.
        service = rng.choices([1, 2, 3, 4, 5, 6], weights=[40, 25, 15, 10, 8, 2])[0]
        group = 9 if service == 6 else rng.randint(1, 8)
        jobs.append(FinishedJob(request_id, rng.randint(1, count // 2), service, group))
    return jobs


def pool(jobs, **kw):
    defaults = {"recently_called": set(), "do_not_call": set(), "with_feedback": set()}
    return eligible(jobs, **{**defaults, **kw})


def test_same_seed_same_list_different_seed_different_list():
    jobs = pool(make_jobs())
    first = draw(jobs, size=60, seed=20261203)
    again = draw(jobs, size=60, seed=20261203)
    assert [j.request_id for j in first] == [j.request_id for j in again]
    other = draw(jobs, size=60, seed=20261204)
    assert [j.request_id for j in other] != [j.request_id for j in first]
    assert len(first) == len(other) == 60


def test_order_of_the_input_does_not_change_the_draw():
    jobs = make_jobs()
    shuffled = list(jobs)
    random.Random(5).shuffle(shuffled)
    assert draw(pool(jobs), size=40, seed=7) == draw(pool(shuffled), size=40, seed=7)


def test_exclusions_over_thousands_of_jobs():
    jobs = make_jobs()
    rng = random.Random(3)
    recently = {rng.randint(1, 3000) for _ in range(800)}
    do_not_call = {rng.randint(1, 3000) for _ in range(300)}
    with_feedback = {rng.randint(1, 6000) for _ in range(1500)}
    kept = pool(
        jobs, recently_called=recently, do_not_call=do_not_call, with_feedback=with_feedback
    )
    assert 0 < len(kept) < len(jobs)
    for seed in range(5):
        picked = draw(kept, size=80, seed=seed)
        assert len(picked) == 80
        assert not {j.subscriber_id for j in picked} & (recently | do_not_call)
        assert not {j.request_id for j in picked} & with_feedback
        assert len({j.subscriber_id for j in picked}) == len(picked)  # one call per subscriber


def test_inactive_groups_left_out():
    kept = pool(make_jobs(), active_groups={1, 2, 3})
    assert {j.group_id for j in kept} == {1, 2, 3}


def test_every_stratum_represented_and_proportional():
    jobs = pool(make_jobs())
    size = 120
    picked = draw(jobs, size=size, seed=11)
    # Population after one job per subscriber is what is stratified; compare with the pool.
    population = Counter((j.service_id, j.group_id) for j in jobs)
    got = Counter((j.service_id, j.group_id) for j in picked)
    assert set(got) == set(population)  # at least one of each of the 41 strata
    total = sum(population.values())
    for stratum, n in population.items():
        share = size * n / total
        assert abs(got[stratum] - share) <= max(2.0, share * 0.35), (stratum, got[stratum], share)
    assert {j.service_id for j in picked} == {1, 2, 3, 4, 5, 6}
    assert {j.group_id for j in picked} == set(range(1, 10))


def test_allocation_is_exactly_proportional_with_a_minimum_of_one():
    sizes = {(1, 1): 700, (2, 1): 200, (3, 2): 90, (4, 3): 10}
    quota = allocate(sizes, 100, random.Random(1))
    assert sum(quota.values()) == 100
    assert quota[(4, 3)] == 1 and quota[(1, 1)] in (69, 70) and quota[(2, 1)] in (20, 21)


def test_more_strata_than_places_still_cover_each_service_and_group_where_possible():
    sizes = {(s, g): 5 + s * g for s in range(1, 6) for g in range(1, 6)}  # 25 strata
    for seed in range(20):
        quota = allocate(sizes, 6, random.Random(seed))
        assert sum(quota.values()) == 6
        assert {s for s, _ in quota} == set(range(1, 6))
        assert {g for _, g in quota} == set(range(1, 6))


def test_small_pool_gives_everything_it_has():
    jobs = pool(make_jobs(30))
    picked = draw(jobs, size=500, seed=1)
    assert len(picked) == len({j.subscriber_id for j in jobs})
    assert draw([], size=10, seed=1) == []
