"""Demo quality data: past jobs with feedback from every channel (groups skewed so they differ),
several days of call lists with every outcome, complaints open and closed, ideas in every state."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from hendazh_desktop.db.database import Database
from hendazh_desktop.db.models.core import ServiceRequest
from hendazh_desktop.domain.permissions import Actor
from hendazh_desktop.domain.quality import CallOutcome, ComplaintAction, Criterion, IdeaState
from hendazh_desktop.services.quality.calls import CallListService
from hendazh_desktop.services.quality.complaints import ComplaintService, IdeaService
from hendazh_desktop.services.quality.feedback import FeedbackDraft, FeedbackService

JOBS_PER_GROUP = 14
MAX_GROUPS = 30  # groups given a past record (the others stay unrated)
CALL_DAYS = 4
COMMENTS = {
    5: ("عالی بود، ممنون", "خیلی تمیز و سر وقت"),
    4: ("خوب بود", "راضی بودم"),
    3: ("معمولی بود", "کمی دیر آمدند"),
    2: ("دیر آمدند و کار را نیمه رها کردند", "محل کار کثیف ماند"),
    1: ("کار خراب شد و باید دوباره انجام شود", "رفتار مناسبی نداشتند"),
}
IDEAS = (
    "پیامک یادآوری یک ساعت پیش از آمدن گروه",
    "امکان پرداخت اقساطی برای کارهای بزرگ",
    "کارت تخفیف برای معرفی دوستان",
    "ساعت کاری جمعه‌ها برای کارهای فوری",
    "عکس کار پیش و پس از انجام برای مشترک فرستاده شود",
    "فهرست قیمت پایه خدمات در سایت",
)


@dataclass(frozen=True)
class QualitySummary:
    """What the demo made."""

    jobs: int
    feedback: int
    calls: int
    complaints: int
    ideas: int


class _At:
    """A clock the demo moves."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def _score(rng: random.Random, base: float) -> int:
    return max(1, min(5, round(rng.gauss(base, 0.8))))


def make_quality(
    db: Database, actor: Actor, rng: random.Random, now: dt.datetime
) -> QualitySummary:
    """Past jobs of every active group with feedback, call lists of the last days, complaints
    and ideas; every write goes through the quality services."""
    with db.read() as uow:
        groups = [g[0] for g in uow.dispatch.groups()]
        services = [s.id for s in uow.catalogue.services() if s.active]
        found = (
            uow.session.query(ServiceRequest.subscriber_id)
            .filter(ServiceRequest.subscriber_id.is_not(None))
            .distinct()
            .limit(5000)
        )
        subscribers = sorted(r[0] for r in found if r[0] is not None)
    if not groups or not subscribers:
        return QualitySummary(0, 0, 0, 0, 0)
    groups = sorted(rng.sample(groups, min(MAX_GROUPS, len(groups))))
    base = {g: rng.uniform(2.8, 4.8) for g in groups}
    jobs: list[tuple[int, int, dt.datetime]] = []
    with db.write() as uow:
        made = []
        for group in groups:
            for _ in range(JOBS_PER_GROUP):
                done = now - dt.timedelta(days=rng.uniform(0.2, 150))
                made.append(
                    ServiceRequest(
                        subscriber_id=rng.choice(subscribers),
                        service_id=rng.choice(services),
                        channel="phone",
                        status="closed",
                        group_id=group,
                        done_at=done,
                        scheduled_date=done.date(),
                        created_by=actor.user_id,
                        created_at=done - dt.timedelta(days=2),
                        updated_at=done,
                        description="کار پیشین (نمونه نمایشی)",
                    )
                )
        uow.session.add_all(made)
        uow.flush()
        jobs = [(r.id, r.group_id or 0, r.done_at or now) for r in made]
        uow.commit()
    clock = _At(now)
    feedback = FeedbackService(db, clock=clock)
    given = 0
    for request_id, group, done in jobs:
        if done > now - dt.timedelta(days=CALL_DAYS + 10) and rng.random() < 0.6:
            continue  # recent jobs are left for the call lists
        if rng.random() < 0.3:
            continue
        clock.now = done + dt.timedelta(hours=rng.uniform(2, 72))
        overall = _score(rng, base[group])
        criteria = {c.value: str(_score(rng, base[group])) for c in Criterion if rng.random() < 0.8}
        feedback.record(
            actor,
            FeedbackDraft(
                request_id,
                rng.choice(("phone", "phone", "web")),
                str(overall),
                criteria,
                rng.choice(COMMENTS[overall]),
            ),
        )
        given += 1
    group_of = {request_id: group for request_id, group, _ in jobs}
    calls = _call_lists(db, actor, rng, now, {r: base[g] for r, g in group_of.items()})
    complaints = _complaints(db, actor, rng, now)
    ideas = _ideas(db, actor, rng, now)
    return QualitySummary(len(jobs), given + calls[1], calls[0], complaints, ideas)


def _call_lists(
    db: Database, actor: Actor, rng: random.Random, now: dt.datetime, base: dict[int, float]
) -> tuple[int, int]:
    """``base``: the mean score of the group behind each job (4 for the others)."""
    """A list for each of the last days; every outcome on the earlier ones, today's half done."""
    made = answered = 0
    outcomes = (
        CallOutcome.ANSWERED,
        CallOutcome.ANSWERED,
        CallOutcome.ANSWERED,
        CallOutcome.NO_ANSWER,
        CallOutcome.REFUSED,
        CallOutcome.WRONG_NUMBER,
    )
    for back in range(CALL_DAYS - 1, -1, -1):
        clock = _At(now - dt.timedelta(days=back))
        calls = CallListService(db, clock=clock)
        info = calls.draw(actor, seed=rng.getrandbits(40))
        rows = [r for r in calls.calls(actor, info.day, 0, 500) if r.outcome == "pending"]
        made += len(rows)  # a second run finds the day's list already worked through
        for i, row in enumerate(rows):
            if back == 0 and i >= len(rows) // 2:
                break  # the rest of today's list waits for the consultants
            outcome = outcomes[i % len(outcomes)]
            draft = None
            if outcome is CallOutcome.ANSWERED:
                overall = _score(rng, base.get(row.request_id, 4.0))
                draft = FeedbackDraft(
                    row.request_id,
                    "quality_call",
                    str(overall),
                    {c.value: str(_score(rng, 4.0)) for c in Criterion},
                    rng.choice(COMMENTS[overall]),
                    rng.choice(IDEAS) if rng.random() < 0.2 else "",
                )
                answered += 1
            calls.record_outcome(
                actor,
                row.id,
                outcome.value,
                expected_version=row.version,
                feedback=draft,
                note="" if outcome is CallOutcome.ANSWERED else "نمونه نمایشی",
            )
    return made, answered


def _complaints(db: Database, actor: Actor, rng: random.Random, now: dt.datetime) -> int:
    """About half of the complaints closed, with each kind of action but rework."""
    service = ComplaintService(db, clock=_At(now))
    rows = service.page(actor, "open", None, 0, 500)
    actions = (ComplaintAction.CALL_BACK, ComplaintAction.WARNING, ComplaintAction.NO_ACTION)
    notes = {
        ComplaintAction.CALL_BACK: "با مشترک تماس گرفته و عذرخواهی شد",
        ComplaintAction.WARNING: "به گروه تذکر کتبی داده شد",
        ComplaintAction.NO_ACTION: "پس از بررسی، ایراد از کار گروه نبود",
    }
    for i, row in enumerate(rows):
        if i % 2:
            action = actions[i % len(actions)]
            service.close(actor, row.id, action.value, notes[action], expected_version=row.version)
    return len(rows)


def _ideas(db: Database, actor: Actor, rng: random.Random, now: dt.datetime) -> int:
    """Ideas from intake in every state (calls and feedback added theirs already)."""
    ideas = IdeaService(db, clock=_At(now))
    for text in IDEAS:
        ideas.add(actor, text, source="intake")
    rows = ideas.page(actor, "new", 0, 500)
    states = (IdeaState.REVIEW, IdeaState.ADOPTED, IdeaState.DECLINED, IdeaState.NEW)
    notes = {
        IdeaState.REVIEW: "در جلسه هفتگی بررسی می‌شود",
        IdeaState.ADOPTED: "از ماه آینده اجرا می‌شود",
        IdeaState.DECLINED: "فعلاً هزینه آن زیاد است",
        IdeaState.NEW: "",
    }
    for i, row in enumerate(rows):
        state = states[i % len(states)]
        if state is not IdeaState.NEW:
            ideas.set_state(actor, row.id, state.value, notes[state], expected_version=row.version)
    return ideas.count(actor, None)
