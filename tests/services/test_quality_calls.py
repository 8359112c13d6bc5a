"""The daily quality-call list through the services: drawn once from a recorded seed that
reproduces it, strata and exclusions over thousands of jobs, retries, manual additions and
outcomes (refused for another day's list)."""

from __future__ import annotations

import datetime as dt
import zlib

import pytest
from billing_helpers import Office
from quality_helpers import finished_jobs
from sqlalchemy import func, select, text

from hendazh_desktop.db.models.quality import Call, Feedback
from hendazh_desktop.domain.errors import Conflict, PermissionDenied, ValidationError
from hendazh_desktop.services.quality.calls import CallListService
from hendazh_desktop.services.quality.feedback import FeedbackDraft, FeedbackService
from hendazh_desktop.services.quality.settings import QualitySettingsService
from hendazh_desktop.ui.messages import error_message

NOW = dt.datetime(2026, 1, 10, 7, 0, tzinfo=dt.UTC)  # 1404/10/20, 10:30 in Shiraz


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def bulk(db, snapshot, manager):
    """3,000 finished jobs, made once per worker and backend for each set of users the test's
    fixtures created before it (they are in the copy, with the same ids)."""

    def build(db):
        QualitySettingsService(db).update(manager, daily_size="40", window_days="14")
        return finished_jobs(
            db, manager, jobs=3000, subscribers=900, groups=8, inactive_groups=2, now=NOW
        )

    with db.engine.connect() as conn:
        users = conn.exec_driver_sql("SELECT id, username FROM users ORDER BY id").all()
    return snapshot(f"quality_bulk_{zlib.crc32(repr(users).encode()):08x}", build)


def stored(db, day: dt.date) -> list[tuple[int, int, int, int, str]]:
    with db.read() as uow:
        return list(
            uow.session.execute(
                text(
                    "SELECT c.request_id, c.subscriber_id, r.service_id, r.group_id, c.kind "
                    "FROM quality_calls c JOIN service_requests r ON r.id = c.request_id "
                    "WHERE c.day = :d ORDER BY c.position"
                ),
                {"d": day},
            )
        )


def test_the_list_is_drawn_once_from_a_recorded_seed_that_reproduces_it(db, manager, bulk):
    calls = CallListService(db, clock=Clock(NOW))
    info = calls.draw(manager, seed=20260110)
    assert (info.seed, info.calls, info.size) == (20260110, 40, 40)
    assert info.eligible > 500
    again = calls.draw(manager)  # the same day: the same list, no new seed
    assert (again.id, again.seed, again.calls) == (info.id, info.seed, 40)
    assert calls.verify(manager, info.day)
    # Another seed does not give this list: the recorded seed is what proves it.
    with db.write() as uow:
        uow.session.execute(text("UPDATE quality_call_lists SET seed = seed + 1"))
        uow.commit()
    assert not calls.verify(manager, info.day)


def test_strata_cover_every_service_and_active_group_and_leave_out_inactive(db, manager, bulk):
    day = CallListService(db, clock=Clock(NOW)).draw(manager, seed=7).day
    rows = stored(db, day)
    active = set(bulk.groups[2:])
    assert {r[3] for r in rows} == active  # inactive groups' jobs are not called about
    assert {r[2] for r in rows} == set(bulk.services)
    assert len({r[1] for r in rows}) == len(rows)  # one call per subscriber


def test_exclusions_recently_called_do_not_call_and_feedback(db, manager, bulk):
    early = Clock(NOW - dt.timedelta(days=3))
    first = CallListService(db, clock=early).draw(manager, seed=1)
    called_before = {r[1] for r in stored(db, first.day)}
    calls = CallListService(db, clock=Clock(NOW))
    blocked = bulk.subscribers[:150]
    for subscriber in blocked:
        calls.set_do_not_call(manager, subscriber, "نمی‌خواهد تماس بگیریم")
    with db.read() as uow:
        candidates = [
            r[0]
            for r in uow.session.execute(
                text(
                    "SELECT id FROM service_requests WHERE done_at IS NOT NULL ORDER BY id "
                    "LIMIT 600"
                )
            )
        ]
    feedback = FeedbackService(db, clock=Clock(NOW - dt.timedelta(hours=1)))
    for request_id in candidates:
        feedback.record(manager, FeedbackDraft(request_id, "web", "4", {}))
    for seed in (1, 2, 3):
        with db.write() as uow:  # the same day drawn afresh with another seed
            uow.session.execute(text("DELETE FROM quality_calls WHERE day = :d"), {"d": NOW.date()})
            uow.session.execute(
                text("DELETE FROM quality_call_lists WHERE day = :d"), {"d": NOW.date()}
            )
            uow.commit()
        info = calls.draw(manager, seed=seed)
        rows = stored(db, info.day)
        assert len(rows) == 40
        assert not {r[1] for r in rows} & called_before
        assert not {r[1] for r in rows} & set(blocked)
        assert not {r[0] for r in rows} & set(candidates)


def test_no_answer_is_retried_on_later_days_up_to_the_setting(db, manager, bulk):
    QualitySettingsService(db).update(manager, retries="1")
    clock = Clock(NOW)
    calls = CallListService(db, clock=clock)
    day1 = calls.draw(manager, seed=3)
    first = calls.calls(manager, day1.day, 0, 1)[0]
    calls.record_outcome(manager, first.id, "no_answer", expected_version=first.version)
    clock.now = NOW + dt.timedelta(days=1)
    day2 = calls.draw(manager, seed=4)
    retry = calls.calls(manager, day2.day, 0, 1)[0]
    assert (retry.request_id, retry.kind, retry.attempt) == (first.request_id, "retry", 2)
    assert calls.count(manager, day2.day) == 40  # the retry takes one of the day's places
    calls.record_outcome(manager, retry.id, "no_answer", expected_version=retry.version)
    clock.now = NOW + dt.timedelta(days=2)
    day3 = calls.draw(manager, seed=5)
    assert first.request_id not in {c.request_id for c in calls.calls(manager, day3.day, 0, 100)}
    assert calls.verify(manager, day2.day) and calls.verify(manager, day3.day)


def test_an_outcome_for_another_days_list_is_refused(db, manager, consultant, bulk):
    clock = Clock(NOW)
    calls = CallListService(db, clock=clock)
    day = calls.draw(manager, seed=9).day
    call = calls.calls(manager, day, 0, 1)[0]
    clock.now = NOW + dt.timedelta(days=1)
    with pytest.raises(Conflict) as caught:
        calls.record_outcome(consultant, call.id, "refused", expected_version=call.version)
    assert caught.value.code == "call_other_day"
    assert "۱۴۰۴/۱۰/۲۰" in error_message(caught.value)
    assert calls.call(consultant, call.id).outcome == "pending"


def test_answered_call_records_its_feedback_once(db, manager, consultant, bulk):
    calls = CallListService(db, clock=Clock(NOW))
    day = calls.draw(manager, seed=11).day
    call = calls.calls(consultant, day, 0, 1)[0]
    with pytest.raises(ValidationError):
        calls.record_outcome(consultant, call.id, "answered", expected_version=1)
    with pytest.raises(ValidationError):
        calls.record_outcome(consultant, call.id, "pending", expected_version=1)
    bad = FeedbackDraft(call.request_id, "quality_call", "8", {})
    with pytest.raises(ValidationError):
        calls.record_outcome(consultant, call.id, "answered", expected_version=1, feedback=bad)
    assert calls.call(consultant, call.id).outcome == "pending"
    good = FeedbackDraft(call.request_id, "quality_call", "2", {"work": "3"}, "دیر آمدند")
    result = calls.record_outcome(
        consultant, call.id, "answered", expected_version=1, feedback=good, note="پاسخ داد"
    )
    assert result is not None and result.complaint_id is not None
    with db.read() as uow:
        made = uow.session.get(Feedback, result.feedback_id)
        assert (made.channel, made.call_id, made.overall) == ("quality_call", call.id, 2)
    with pytest.raises(Conflict) as again:
        calls.record_outcome(consultant, call.id, "refused", expected_version=2)
    assert again.value.code == "call_already_recorded"


def test_refusal_can_mark_do_not_call(db, manager, bulk):
    calls = CallListService(db, clock=Clock(NOW))
    day = calls.draw(manager, seed=12).day
    call = calls.calls(manager, day, 0, 1)[0]
    calls.record_outcome(manager, call.id, "refused", expected_version=1, do_not_call=True)
    with db.read() as uow:
        assert call.subscriber_id in uow.quality.do_not_call(NOW + dt.timedelta(seconds=1))


def test_managers_add_a_job_by_hand_recorded_as_such(db, manager, consultant):
    office = Office(db, manager)
    job = office.done()
    waiting = office.new_request()
    clock = Clock(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1))
    # Feedback already given by web: the draw leaves the job out, a manager may still add it.
    FeedbackService(db, clock=clock).record(manager, FeedbackDraft(job, "web", "3", {}))
    calls = CallListService(db, clock=clock)
    with pytest.raises(PermissionDenied):
        calls.add_by_hand(consultant, job, "شکایت تلفنی داشت")
    with pytest.raises(ValidationError):
        calls.add_by_hand(manager, job, "")
    with pytest.raises(Conflict) as unfinished:
        calls.add_by_hand(manager, waiting, "بررسی")
    assert unfinished.value.code == "job_not_finished"
    row = calls.add_by_hand(manager, job, "شکایت تلفنی داشت")
    assert (row.kind, row.added_reason, row.request_id, row.phone) == (
        "manual",
        "شکایت تلفنی داشت",
        job,
        "09171234567",
    )
    with pytest.raises(Conflict) as twice:
        calls.add_by_hand(manager, job, "دوباره")
    assert twice.value.code == "already_on_list"
    with db.read() as uow:
        count = uow.session.execute(select(func.count()).select_from(Call)).scalar_one()
    assert count == 1
    assert calls.verify(manager, row.day)  # the hand-added call is not part of the draw
