"""Demo work groups and jobs in every dispatch state, made through the real use cases."""

from __future__ import annotations

import datetime as dt
import random

from hendazh_desktop.db.database import Database
from hendazh_desktop.db.repositories.requests import QueueQuery
from hendazh_desktop.demo import names as words
from hendazh_desktop.domain.jalali import to_jalali, today_local
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.domain.work_groups import GroupKind
from hendazh_desktop.services.dispatch.assignment import DispatchService, OverrideNeeded
from hendazh_desktop.services.dispatch.job_sheets import JobSheetService
from hendazh_desktop.services.dispatch.pricing import LineDraft, PricingService
from hendazh_desktop.services.dispatch.work_groups import WorkGroupDraft, WorkGroupService
from hendazh_desktop.services.requests.queue import QueueService

TRADES = ("تأسیسات", "برق", "نظافت", "باغبانی", "رایانه", "اسباب‌کشی", "تعمیرات", "لوازم")
# How far each demo job is taken: assigned, dispatched, priced, agreed, declined, done.
STAGES = ("assigned", "dispatched", "priced", "agreed", "declined", "done")


def _jalali(day: dt.date) -> str:
    y, m, d = to_jalali(day)
    return f"{y}/{m}/{d}"


def make_groups(db: Database, actor: Actor, rng: random.Random, count: int) -> list[int]:
    """Work groups with skills, zones and some leave; existing groups are kept."""
    groups = WorkGroupService(db)
    existing = groups.list_groups(actor)
    if existing:
        return [g.id for g in existing]
    with db.read() as uow:
        services = [s.id for s in uow.catalogue.services()]
        zones = [z.id for z in uow.catalogue.zones()]
    today = today_local()
    made = []
    for n in range(count):
        team = rng.random() < 0.6
        first = rng.choice(words.MALE_NAMES)
        last = rng.choice(words.SURNAMES)
        name = (
            f"گروه {TRADES[n % len(TRADES)]} {last} {n + 1}" if team else f"{first} {last} {n + 1}"
        )
        members = (
            ((f"{first} {last}", ""), (f"{rng.choice(words.MALE_NAMES)} {last}", ""))
            if team
            else ((f"{first} {last}", ""),)
        )
        skills = tuple((s, rng.randint(2, 5)) for s in rng.sample(services, rng.randint(1, 3)))
        leave = tuple(
            _jalali(today + dt.timedelta(days=rng.randint(0, 20))) for _ in range(rng.randint(0, 2))
        )
        info = groups.create(
            actor,
            WorkGroupDraft(
                name=name,
                kind=(GroupKind.TEAM if team else GroupKind.PERSON).value,
                phone=f"0917{5_000_000 + n:07d}",
                daily_capacity=str(rng.randint(3, 6)),
                members=members,
                skills=skills,
                zone_ids=tuple(rng.sample(zones, rng.randint(1, 4))),
                leave_days=leave,
            ),
        )
        made.append(info.id)
    return made


def advance_jobs(db: Database, actor: Actor, rng: random.Random, count: int) -> int:
    """Take queued requests through dispatch to a spread of states; returns how many."""
    dispatch, sheets = DispatchService(db), JobSheetService(db)
    pricing, queue = PricingService(db), QueueService(db)
    day = today_local()
    with db.read() as uow:
        queued = [
            (r[0], r[12]) for r in uow.requests.page(QueueQuery(statuses=("queued",)), 0, count * 3)
        ]
    done = 0
    for request_id, current in queued:
        if done >= count:
            break
        suggestions = dispatch.suggest(actor, request_id, day)
        if not suggestions:
            break
        best = suggestions[0]
        stage = STAGES[done % len(STAGES)]
        try:
            dispatch.assign(
                actor,
                request_id,
                best.group_id,
                day,
                expected_version=current,
                start=f"{8 + done % 9}:00",
                override_reason="نمونه نمایشی" if best.warnings else "",
            )
        except OverrideNeeded:
            continue
        done += 1
        if stage == "assigned":
            continue
        version = queue.get(actor, request_id).version
        sheets.dispatch(actor, request_id, expected_version=version)
        if stage == "dispatched":
            continue
        lines = [LineDraft("labour", "دستمزد کار", "1", str(rng.randint(5, 40) * 100_000))]
        if rng.random() < 0.4:
            lines.append(
                LineDraft(
                    "material",
                    "مواد مصرفی",
                    str(rng.randint(1, 4)),
                    str(rng.randint(1, 20) * 50_000),
                )
            )
        price = pricing.present_price(actor, request_id, lines, expected_version=version + 1)
        version += 2
        if stage == "priced":
            continue
        if stage == "declined":
            pricing.decline(
                actor,
                request_id,
                price.version,
                reason="قیمت را گران دانست",
                outcome="requeue",
                expected_version=version,
            )
            continue
        pricing.agree(
            actor,
            request_id,
            price.version,
            method="in_person",
            person="مشترک",
            expected_version=version,
        )
        if stage == "agreed" or len(lines) > 1:
            continue  # jobs with materials wait for their prepayment (billing)
        pricing.start_work(actor, request_id, expected_version=version + 1)
        pricing.finish(actor, request_id, expected_version=version + 2)
    return done
