"""The daily quality calls: the day's list drawn once from a recorded seed (yesterday's
unanswered calls first, then the stratified sample), calls added by hand by managers, and the
outcome of each call (feedback when answered)."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from typing import Any

from hendazh_desktop.db.database import Database, UnitOfWork
from hendazh_desktop.db.models.core import ServiceRequest
from hendazh_desktop.db.models.quality import Call, CallList, DoNotCall
from hendazh_desktop.db.repositories.quality import CALL_ORDERS, FINISHED, as_date, as_utc
from hendazh_desktop.domain.audit import AuditAction
from hendazh_desktop.domain.call_sample import FinishedJob, draw, eligible
from hendazh_desktop.domain.errors import Conflict, NotFound, ValidationError
from hendazh_desktop.domain.fields import clean_text
from hendazh_desktop.domain.jalali import format_date, today_local
from hendazh_desktop.domain.permissions import Actor, Permission, require
from hendazh_desktop.domain.quality import CallOutcome, Channel
from hendazh_desktop.services.clock import Clock, system_clock
from hendazh_desktop.services.list_order import check_order
from hendazh_desktop.services.quality.feedback import FeedbackDraft, check_draft, record_feedback
from hendazh_desktop.services.quality.records import (
    CallListInfo,
    CallRow,
    FeedbackResult,
    QualitySettings,
)
from hendazh_desktop.services.quality.settings import load_quality_settings

SEED_BITS = 62


def call_row(r: Any) -> CallRow:
    return CallRow(
        r[0],
        as_date(r[1]),
        r[2],
        r[3],
        r[4],
        r[5],
        r[6],
        r[7] or "",
        r[8],
        r[9] or "",
        as_utc(r[10]),
        r[11],
        r[12],
        r[13],
        r[14],
        r[15],
        r[16],
    )


def _info(uow: UnitOfWork, row: CallList) -> CallListInfo:
    return CallListInfo(
        row.id,
        row.day,
        row.seed,
        row.size,
        row.eligible,
        row.window_days,
        row.recent_days,
        uow.quality.call_count(row.day),
    )


class CallListService:
    """Draws the day's call list and records what came of each call."""

    def __init__(self, db: Database, *, clock: Clock = system_clock) -> None:
        self._db = db
        self._clock = clock

    def today(self) -> dt.date:
        return today_local(self._clock())

    def list_info(self, actor: Actor, day: dt.date | None = None) -> CallListInfo | None:
        require(actor, Permission.RECORD_FEEDBACK)
        with self._db.read() as uow:
            row = self._list(uow, day or self.today())
            return _info(uow, row) if row else None

    @staticmethod
    def _list(uow: UnitOfWork, day: dt.date) -> CallList | None:
        found = uow.session.query(CallList).filter(CallList.day == day).one_or_none()
        return found

    def draw(self, actor: Actor, *, seed: int | None = None) -> CallListInfo:
        """Today's list: drawn once (with a new random seed, recorded), the same list after."""
        require(actor, Permission.RECORD_FEEDBACK)
        with self._db.write() as uow:
            existing = self._list(uow, self.today())
            if existing is not None:
                return _info(uow, existing)
            made = self._draw(uow, actor, secrets.randbits(SEED_BITS) if seed is None else seed)
            info = _info(uow, made)
            uow.commit()
            return info

    @staticmethod
    def _pick(
        uow: UnitOfWork, day: dt.date, as_of: dt.datetime, seed: int, settings: QualitySettings
    ) -> tuple[Sequence[Any], int, list[FinishedJob]]:
        """What a list drawn on ``day`` at ``as_of`` holds: the retries due, how many jobs
        were eligible, and the sample the seed draws from them."""
        q = uow.quality
        retries = q.retries_due(day, 1 + settings.retries, as_of)
        since = as_of - dt.timedelta(days=settings.window_days)
        recent = q.subscribers_called(day - dt.timedelta(days=settings.recent_days), day)
        pool = eligible(
            (FinishedJob(*r) for r in q.finished_jobs(since, as_of)),
            recently_called=recent | {r[1] for r in retries},
            do_not_call=q.do_not_call(as_of),
            with_feedback=q.jobs_with_feedback(since, as_of),
            active_groups=q.active_groups(),
        )
        sample = draw(pool, size=max(settings.daily_size - len(retries), 0), seed=seed)
        return retries, len(pool), sample

    def _draw(self, uow: UnitOfWork, actor: Actor, seed: int) -> CallList:
        now, day = self._clock(), self.today()
        settings = load_quality_settings(uow)
        retries, eligible_count, sample = self._pick(uow, day, now, seed, settings)
        made = CallList(
            day=day,
            seed=seed,
            size=settings.daily_size,
            window_days=settings.window_days,
            recent_days=settings.recent_days,
            retries=settings.retries,
            eligible=eligible_count,
            drawn_at=now,
            drawn_by=actor.user_id,
        )
        uow.session.add(made)
        uow.flush()
        position = 0
        for request_id, subscriber_id, attempt in retries:
            position += 1
            uow.session.add(
                Call(
                    list_id=made.id,
                    day=day,
                    position=position,
                    request_id=request_id,
                    subscriber_id=subscriber_id,
                    kind="retry",
                    attempt=attempt + 1,
                    added_by=actor.user_id,
                )
            )
        for job in sample:
            position += 1
            uow.session.add(
                Call(
                    list_id=made.id,
                    day=day,
                    position=position,
                    request_id=job.request_id,
                    subscriber_id=job.subscriber_id,
                    kind="drawn",
                    attempt=1,
                    added_by=actor.user_id,
                )
            )
        uow.flush()
        uow.audit.append(
            at=now,
            user_id=actor.user_id,
            entity="call_list",
            entity_id=made.id,
            action=AuditAction.CREATE.value,
            before=None,
            after={
                "day": day.isoformat(),
                "seed": seed,
                "eligible": eligible_count,
                "drawn": len(sample),
                "retries": len(retries),
            },
        )
        return made

    def verify(self, actor: Actor, day: dt.date) -> bool:
        """Whether the day's list is the one its recorded seed draws (drawn and retried calls;
        those added by hand are recorded as such), from the data as it stood when drawn."""
        require(actor, Permission.RECORD_FEEDBACK)
        with self._db.read() as uow:
            made = self._list(uow, day)
            if made is None:
                raise NotFound("call_list", day.isoformat())
            settings = QualitySettings(
                made.window_days, made.recent_days, made.size, made.retries, 1
            )
            retries, count, sample = self._pick(uow, day, made.drawn_at, made.seed, settings)
            expected = [(r[0], "retry") for r in retries] + [
                (j.request_id, "drawn") for j in sample
            ]
            stored = [
                (c.request_id, c.kind)
                for c in uow.session.query(Call)
                .filter(Call.list_id == made.id, Call.kind != "manual")
                .order_by(Call.position)
            ]
            return stored == expected and count == made.eligible

    def calls(
        self, actor: Actor, day: dt.date, offset: int, limit: int, order: str = ""
    ) -> list[CallRow]:
        """A page of the day's list, in list order or by a column (``order``: a key of
        CALL_ORDERS, "-" for descending)."""
        require(actor, Permission.RECORD_FEEDBACK)
        check_order(order, CALL_ORDERS)
        with self._db.read() as uow:
            return [call_row(r) for r in uow.quality.calls(day, offset, limit, order)]

    def count(self, actor: Actor, day: dt.date) -> int:
        require(actor, Permission.RECORD_FEEDBACK)
        with self._db.read() as uow:
            return uow.quality.call_count(day)

    def call(self, actor: Actor, call_id: int) -> CallRow:
        require(actor, Permission.RECORD_FEEDBACK)
        with self._db.read() as uow:
            row = uow.quality.call(call_id)
            if row is None:
                raise NotFound("quality_call", call_id)
            return call_row(row)

    def add_by_hand(self, actor: Actor, request_id: int, reason: str) -> CallRow:
        """A manager puts a finished job on today's list (drawing the list first if needed)."""
        require(actor, Permission.MANAGE_QUALITY)
        why = clean_text(reason, field="reason", max_length=300, required=True, min_length=3)
        with self._db.write() as uow:
            request = uow.session.get(ServiceRequest, request_id)
            if request is None:
                raise NotFound("request", request_id)
            if request.done_at is None or request.status not in FINISHED:
                raise Conflict("job_not_finished")
            if request.subscriber_id is None:
                raise Conflict("no_subscriber_to_call")
            blocked = uow.session.get(DoNotCall, request.subscriber_id)
            if blocked is not None and blocked.active:
                raise Conflict("do_not_call")
            today = self._list(uow, self.today()) or self._draw(
                uow, actor, secrets.randbits(SEED_BITS)
            )
            on_list = (
                uow.session.query(Call)
                .filter(Call.list_id == today.id, Call.request_id == request_id)
                .count()
            )
            if on_list:
                raise Conflict("already_on_list")
            position = uow.quality.call_count(today.day) + 1
            call = Call(
                list_id=today.id,
                day=today.day,
                position=position,
                request_id=request_id,
                subscriber_id=request.subscriber_id,
                kind="manual",
                attempt=1,
                added_by=actor.user_id,
                added_reason=why,
            )
            uow.session.add(call)
            uow.flush()
            uow.audit.append(
                at=self._clock(),
                user_id=actor.user_id,
                entity="quality_call",
                entity_id=call.id,
                action=AuditAction.CREATE.value,
                before=None,
                after={
                    "day": today.day.isoformat(),
                    "request": request_id,
                    "kind": "manual",
                    "reason": why,
                },
            )
            row = uow.quality.call(call.id)
            uow.commit()
            return call_row(row)

    def record_outcome(
        self,
        actor: Actor,
        call_id: int,
        outcome: str,
        *,
        expected_version: int,
        feedback: FeedbackDraft | None = None,
        note: str = "",
        do_not_call: bool = False,
    ) -> FeedbackResult | None:
        """What came of a call on today's list; answered calls carry the feedback taken."""
        require(actor, Permission.RECORD_FEEDBACK)
        if outcome not in {o.value for o in CallOutcome} or outcome == CallOutcome.PENDING:
            raise ValidationError("outcome", "outcome_invalid")
        checked_note = clean_text(note, field="note", max_length=500)
        checked = None
        if outcome == CallOutcome.ANSWERED:
            if feedback is None:
                raise ValidationError("overall", "score_required")
            checked = check_draft(
                FeedbackDraft(
                    feedback.request_id,
                    Channel.QUALITY_CALL.value,
                    feedback.overall,
                    feedback.criteria,
                    feedback.comment,
                    feedback.idea,
                )
            )
        now = self._clock()
        with self._db.write() as uow:
            call = uow.session.get(Call, call_id)
            if call is None:
                raise NotFound("quality_call", call_id)
            today = today_local(now)
            if call.day != today:
                raise Conflict(
                    "call_other_day", day=format_date(call.day), today=format_date(today)
                )
            if call.outcome != CallOutcome.PENDING:
                raise Conflict("call_already_recorded")
            if call.version != expected_version:
                raise Conflict("stale", entity="quality_call", id=call_id)
            if checked is not None and checked.request_id != call.request_id:
                raise ValidationError("request", "invalid")
            call.outcome, call.outcome_at, call.outcome_by = outcome, now, actor.user_id
            call.note = checked_note
            call.version += 1
            uow.audit.append(
                at=now,
                user_id=actor.user_id,
                entity="quality_call",
                entity_id=call.id,
                action=AuditAction.UPDATE.value,
                before={"outcome": CallOutcome.PENDING.value},
                after={"outcome": outcome, "note": checked_note, "attempt": call.attempt},
            )
            result = None
            if checked is not None:
                result = record_feedback(uow, actor, now, checked, call_id=call.id)
            if do_not_call:
                mark_do_not_call(uow, actor, now, call.subscriber_id, checked_note or "تماس کیفیت")
            uow.commit()
            return result

    def set_do_not_call(self, actor: Actor, subscriber_id: int, reason: str) -> None:
        """The subscriber asked not to be called for quality surveys."""
        require(actor, Permission.RECORD_FEEDBACK)
        why = clean_text(reason, field="reason", max_length=300, required=True, min_length=3)
        with self._db.write() as uow:
            mark_do_not_call(uow, actor, self._clock(), subscriber_id, why)
            uow.commit()


def mark_do_not_call(
    uow: UnitOfWork, actor: Actor, now: dt.datetime, subscriber_id: int, reason: str
) -> None:
    row = uow.session.get(DoNotCall, subscriber_id)
    if row is None:
        uow.session.add(
            DoNotCall(subscriber_id=subscriber_id, reason=reason, at=now, by=actor.user_id)
        )
    else:
        row.active, row.reason, row.at, row.by = True, reason, now, actor.user_id
    uow.audit.append(
        at=now,
        user_id=actor.user_id,
        entity="do_not_call",
        entity_id=subscriber_id,
        action=AuditAction.UPDATE.value,
        before=None,
        after={"active": True, "reason": reason},
    )
