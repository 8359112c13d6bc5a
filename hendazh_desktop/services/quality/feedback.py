"""Feedback on a finished job: one per job per channel, a low score opens a complaint, an idea
offered with it is kept on its own; the feedback lists (filters, the subscriber card)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.models.core import ServiceRequest
from hendazh_desktop.db.models.quality import Complaint, Feedback, Idea
from hendazh_desktop.db.repositories.quality import (
    FEEDBACK_ORDERS,
    FINISHED,
    FeedbackFilter,
    as_utc,
)
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.errors import (
    Conflict,
    FormErrorCollector,
    NotFound,
    ValidationError,
    ValidationErrors,
)
from hendazh_desktop.domain.fields import clean_text
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.quality import CHANNEL_LABELS, Channel, Scores, check_scores
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.list_order import check_order
from hendazh_desktop.services.quality.records import FeedbackResult, FeedbackRow
from hendazh_desktop.services.quality.scores import add_rating
from hendazh_desktop.services.quality.settings import load_quality_settings

MAX_COMMENT = 1000
MAX_IDEA = 1000


@dataclass(frozen=True, slots=True)
class FeedbackDraft:
    """The feedback dialog as typed: scores as text ("" for a criterion not asked)."""

    request_id: int
    channel: str
    overall: str
    criteria: Mapping[str, str]
    comment: str = ""
    idea: str = ""  # a suggestion the subscriber offered, kept as an idea


@dataclass(frozen=True, slots=True)
class FinishedJobRow:
    """A subscriber's finished job, and the channels that already gave feedback on it."""

    request_id: int
    service: str
    group: str
    done_at: dt.datetime
    channels: frozenset[str]


@dataclass(frozen=True, slots=True)
class CheckedFeedback:
    """A draft that passed every check (before the job itself is looked at)."""

    request_id: int
    channel: Channel
    scores: Scores
    comment: str
    idea: str


def check_draft(draft: FeedbackDraft) -> CheckedFeedback:
    """Every field of the draft checked at once; nothing is read or written."""
    errors = FormErrorCollector()
    channel = None
    if draft.channel not in {c.value for c in Channel}:
        errors.add("channel", "channel_invalid")
    else:
        channel = Channel(draft.channel)
    scores = None
    try:
        scores = check_scores(draft.overall, draft.criteria)
    except ValidationError as error:
        errors.errors.append(error)
    except ValidationErrors as several:  # every bad score at its own field
        errors.errors.extend(several.errors)
    comment = errors.check(
        clean_text, draft.comment, field="comment", max_length=MAX_COMMENT, multiline=True
    )
    idea = errors.check(clean_text, draft.idea, field="idea", max_length=MAX_IDEA, multiline=True)
    errors.raise_if_any()
    assert channel is not None and scores is not None
    return CheckedFeedback(draft.request_id, channel, scores, comment or "", idea or "")


def record_feedback(
    uow: UnitOfWork,
    actor: Actor,
    now: dt.datetime,
    checked: CheckedFeedback,
    *,
    call_id: int | None = None,
    external_ref: str | None = None,
) -> FeedbackResult:
    """Write a checked feedback in the caller's transaction (the call list and the web-form
    import use it too): refused for an unfinished job or a channel that already answered."""
    request = uow.session.get(ServiceRequest, checked.request_id)
    if request is None:
        raise NotFound("request", checked.request_id)
    if request.done_at is None or request.status not in FINISHED:
        raise Conflict("job_not_finished")
    taken = uow.quality.channels_given([request.id]).get(request.id, set())
    if checked.channel.value in taken:
        raise Conflict("feedback_channel_taken", channel=CHANNEL_LABELS[checked.channel])
    scores = checked.scores
    row = Feedback(
        request_id=request.id,
        subscriber_id=request.subscriber_id,
        service_id=request.service_id,
        group_id=request.group_id,
        channel=checked.channel.value,
        overall=scores.overall,
        comment=checked.comment,
        external_ref=external_ref,
        call_id=call_id,
        received_at=now,
        recorded_by=actor.user_id,
        **{c.value: s for c, s in scores.criteria.items()},
    )
    uow.session.add(row)
    uow.flush()
    if request.group_id is not None:
        half_life = load_quality_settings(uow).half_life_days
        add_rating(uow, request.group_id, request.service_id, now, scores.overall, half_life)
    audit = uow.audit.append
    audit(
        at=now,
        user_id=actor.user_id,
        entity="feedback",
        entity_id=row.id,
        action=AuditAction.CREATE.value,
        before=None,
        after={
            "request": request.id,
            "channel": row.channel,
            "overall": scores.overall,
            **{c.value: s for c, s in scores.criteria.items() if s is not None},
            "comment": row.comment,
        },
    )
    complaint_id = idea_id = None
    if scores.opens_complaint:
        complaint = Complaint(
            feedback_id=row.id,
            request_id=request.id,
            group_id=request.group_id,
            lowest_score=scores.lowest,
            opened_at=now,
        )
        uow.session.add(complaint)
        uow.flush()
        complaint_id = complaint.id
        audit(
            at=now,
            user_id=actor.user_id,
            entity="complaint",
            entity_id=complaint.id,
            action=AuditAction.CREATE.value,
            before=None,
            after={"feedback": row.id, "request": request.id, "lowest": scores.lowest},
        )
    if checked.idea:
        source = "call" if checked.channel is Channel.QUALITY_CALL else "feedback"
        idea_id = add_idea(uow, actor, now, checked.idea, source, request.subscriber_id, request.id)
    return FeedbackResult(row.id, complaint_id, idea_id)


def add_idea(
    uow: UnitOfWork,
    actor: Actor,
    now: dt.datetime,
    text: str,
    source: str,
    subscriber_id: int | None,
    request_id: int | None,
) -> int:
    """A new idea in the caller's transaction (text already checked)."""
    idea = Idea(
        subscriber_id=subscriber_id,
        request_id=request_id,
        source=source,
        text=text,
        created_at=now,
        created_by=actor.user_id,
        updated_at=now,
    )
    uow.session.add(idea)
    uow.flush()
    uow.audit.append(
        at=now,
        user_id=actor.user_id,
        entity="idea",
        entity_id=idea.id,
        action=AuditAction.CREATE.value,
        before=None,
        after={"source": source, "subscriber": subscriber_id, "text": text},
    )
    return idea.id


def feedback_row(r: Any) -> FeedbackRow:
    received = as_utc(r[15])
    assert received is not None
    return FeedbackRow(
        r[0],
        r[1],
        r[2],
        r[3] or "",
        r[4],
        r[5] or "",
        r[6],
        r[7],
        r[8],
        r[9],
        r[10],
        r[11],
        r[12],
        r[13],
        r[14],
        received,
    )


class FeedbackService:
    """Takes feedback on finished jobs, and lists it."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def record(self, actor: Actor, draft: FeedbackDraft) -> FeedbackResult:
        """Feedback from the office phone, a web form or a quality call (one per channel)."""
        require(actor, Permission.RECORD_FEEDBACK)
        checked = check_draft(draft)
        with self._db.write() as uow:
            result = record_feedback(uow, actor, self._clock(), checked)
            uow.commit()
            return result

    def finished_jobs(
        self, actor: Actor, subscriber_id: int, limit: int = 50
    ) -> list[FinishedJobRow]:
        """The subscriber's finished jobs, newest first (for feedback taken at intake)."""
        require(actor, Permission.RECORD_FEEDBACK)
        with self._db.read() as uow:
            rows = uow.quality.jobs_of_subscriber(subscriber_id, limit)
            given = uow.quality.channels_given([r[0] for r in rows])
            return [
                FinishedJobRow(
                    r[0],
                    r[1],
                    r[2] or "",
                    as_utc(r[3]) or self._clock(),
                    frozenset(given.get(r[0], ())),
                )
                for r in rows
            ]

    def page(
        self, actor: Actor, where: FeedbackFilter, offset: int, limit: int, order: str = ""
    ) -> list[FeedbackRow]:
        """Newest first, or by a column (a key of FEEDBACK_ORDERS, "-" for descending)."""
        require(actor, Permission.RECORD_FEEDBACK)
        check_order(order, FEEDBACK_ORDERS)
        with self._db.read() as uow:
            return [feedback_row(r) for r in uow.quality.feedback(where, offset, limit, order)]

    def count(self, actor: Actor, where: FeedbackFilter) -> int:
        require(actor, Permission.RECORD_FEEDBACK)
        with self._db.read() as uow:
            return uow.quality.feedback_count(where)

    def of_subscriber(self, actor: Actor, subscriber_id: int, limit: int = 20) -> list[FeedbackRow]:
        """The feedback a subscriber gave, newest first (for their card)."""
        require(actor, Permission.VIEW_SUBSCRIBERS)
        with self._db.read() as uow:
            rows = uow.quality.feedback(FeedbackFilter(subscriber_id=subscriber_id), 0, limit)
            return [feedback_row(r) for r in rows]
