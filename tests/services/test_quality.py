"""Feedback, complaints and ideas through the services: checks, one feedback per channel,
nothing written on refusal, everything audited."""

from __future__ import annotations

import pytest
from billing_helpers import Office
from sqlalchemy import func, select

from hendazh_desktop.db.models.admin import AuditEntry
from hendazh_desktop.db.models.quality import Complaint, Feedback, Idea
from hendazh_desktop.domain.errors import (
    Conflict,
    PermissionDenied,
    ValidationError,
    ValidationErrors,
)
from hendazh_desktop.services.quality.complaints import ComplaintService, IdeaService
from hendazh_desktop.services.quality.feedback import FeedbackDraft, FeedbackService
from hendazh_desktop.services.quality.settings import QualitySettingsService
from hendazh_desktop.ui.messages import error_message


@pytest.fixture
def office(db, manager):
    return Office(db, manager)


def counts(db) -> tuple[int, int, int]:
    with db.read() as uow:
        return tuple(  # type: ignore[return-value]
            uow.session.execute(select(func.count()).select_from(m)).scalar_one()
            for m in (Feedback, Complaint, Idea)
        )


def draft(request_id, channel="phone", overall="5", **criteria) -> FeedbackDraft:
    return FeedbackDraft(request_id, channel, overall, criteria or {"work": "5", "conduct": "4"})


def audited(db, entity: str) -> int:
    with db.read() as uow:
        return uow.session.execute(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == entity)
        ).scalar_one()


def test_feedback_on_a_finished_job_is_recorded_and_audited(db, manager, office):
    job = office.done()
    result = FeedbackService(db).record(manager, draft(job))
    assert result.complaint_id is None and result.idea_id is None
    rows = FeedbackService(db).of_subscriber(manager, office.card.id)
    assert [(r.request_id, r.channel, r.overall, r.work, r.price) for r in rows] == [
        (job, "phone", 5, 5, None)
    ]
    assert rows[0].group_id == office.group.id
    assert audited(db, "feedback") == 1
    jobs = FeedbackService(db).finished_jobs(manager, office.card.id)
    assert [(j.request_id, j.channels) for j in jobs] == [(job, frozenset({"phone"}))]


def test_a_second_feedback_from_the_same_channel_is_refused(db, manager, office):
    job = office.done()
    service = FeedbackService(db)
    service.record(manager, draft(job, "phone"))
    before = counts(db)
    with pytest.raises(Conflict) as caught:
        service.record(manager, draft(job, "phone", "1"))
    assert caught.value.code == "feedback_channel_taken"
    assert "تماس با دفتر" in error_message(caught.value)
    assert counts(db) == before  # nothing written, not even the complaint a 1 would open
    service.record(manager, draft(job, "web", "4"))  # another channel is its own feedback
    assert counts(db)[0] == before[0] + 1


def test_feedback_on_an_unfinished_job_is_refused(db, manager, office):
    waiting = office.new_request()
    before = counts(db)
    with pytest.raises(Conflict) as caught:
        FeedbackService(db).record(manager, draft(waiting))
    assert caught.value.code == "job_not_finished"
    assert "پایان نرسیده" in error_message(caught.value)
    assert counts(db) == before


@pytest.mark.parametrize("overall", ["0", "6", "۹", "", "3.5", "-2"])
def test_scores_outside_one_to_five_are_refused(db, manager, office, overall):
    job = office.done()
    before = counts(db)
    with pytest.raises((ValidationError, ValidationErrors)) as caught:
        FeedbackService(db).record(manager, draft(job, overall=overall, work="7"))
    fields = (
        set(caught.value.by_field)
        if isinstance(caught.value, ValidationErrors)
        else {caught.value.field}
    )
    assert {"overall", "work"} <= fields
    assert "۵" in error_message(caught.value)
    assert counts(db) == before


def test_bad_channel_refused(db, manager, office):
    job = office.done()
    with pytest.raises(ValidationError) as caught:
        FeedbackService(db).record(manager, draft(job, "fax"))
    assert caught.value.field == "channel" and error_message(caught.value)


def test_a_low_score_opens_a_complaint_a_manager_closes(db, manager, consultant, office):
    job = office.done()
    result = FeedbackService(db).record(
        consultant,
        FeedbackDraft(job, "phone", "4", {"punctuality": "2"}, "دیر آمدند", "پیامک قبل از آمدن"),
    )
    assert result.complaint_id is not None and result.idea_id is not None
    complaints = ComplaintService(db)
    assert complaints.count(manager, "open") == 1
    row = complaints.page(manager, "open", None, 0, 10)[0]
    assert (row.request_id, row.lowest_score, row.group_id) == (job, 2, office.group.id)
    assert row.comment == "دیر آمدند"
    with pytest.raises(PermissionDenied):
        complaints.close(consultant, row.id, "call_back", "تماس گرفتیم", expected_version=1)
    with pytest.raises(ValidationError) as caught:
        complaints.close(manager, row.id, "rework", "دوباره‌کاری", expected_version=1)
    assert caught.value.code == "rework_not_linked"
    with pytest.raises(ValidationErrors):
        complaints.close(manager, row.id, "shout", "", expected_version=1)
    assert complaints.count(manager, "open") == 1
    complaints.close(manager, row.id, "call_back", "با مشترک تماس گرفته شد", expected_version=1)
    closed = complaints.page(manager, "closed", None, 0, 10)[0]
    assert (closed.action, closed.note, closed.state) == (
        "call_back",
        "با مشترک تماس گرفته شد",
        "closed",
    )
    with pytest.raises(Conflict) as again:
        complaints.close(manager, row.id, "no_action", "باز هم", expected_version=2)
    assert again.value.code == "complaint_closed"


def test_a_rework_closes_a_complaint_only_when_linked_to_the_job(db, manager, office):
    from hendazh_desktop.db.models.core import ServiceRequest

    job = office.done()
    FeedbackService(db).record(manager, draft(job, overall="1"))
    complaint = ComplaintService(db).page(manager, "open", None, 0, 1)[0]
    rework = office.new_request()
    with db.write() as uow:
        uow.session.get(ServiceRequest, rework).rework_of_id = job
        uow.commit()
    ComplaintService(db).close(
        manager,
        complaint.id,
        "rework",
        "دوباره‌کاری رایگان",
        expected_version=1,
        rework_request_id=rework,
    )
    assert ComplaintService(db).page(manager, None, None, 0, 1)[0].rework_request_id == rework


def test_ideas_have_states_and_a_managers_note(db, manager, consultant, office):
    ideas = IdeaService(db)
    idea_id = ideas.add(
        consultant, "ساعت کاری شنبه‌ها بیشتر شود", source="intake", subscriber_id=office.card.id
    )
    with pytest.raises(ValidationErrors):
        ideas.add(consultant, "", source="fax")
    with pytest.raises(PermissionDenied):
        ideas.set_state(consultant, idea_id, "adopted", "", expected_version=1)
    with pytest.raises(ValidationError):
        ideas.set_state(manager, idea_id, "maybe", "", expected_version=1)
    ideas.set_state(manager, idea_id, "review", "در جلسه هفتگی", expected_version=1)
    ideas.set_state(manager, idea_id, "adopted", "از ماه بعد", expected_version=2)
    with pytest.raises(Conflict):
        ideas.set_state(manager, idea_id, "declined", "", expected_version=2)
    row = ideas.page(manager, "adopted", 0, 10)[0]
    assert (row.state, row.manager_note, row.subscriber, row.source) == (
        "adopted",
        "از ماه بعد",
        office.card.name,
        "intake",
    )
    assert ideas.count(manager, None) == 1 and ideas.count(manager, "new") == 0


def test_settings_checked_and_audited(db, manager, consultant):
    service = QualitySettingsService(db)
    assert service.get().daily_size == 20
    with pytest.raises(PermissionDenied):
        service.update(consultant, daily_size="30")
    with pytest.raises(ValidationErrors) as caught:
        service.update(manager, daily_size="0", half_life_days="abc")
    assert set(caught.value.by_field) == {"daily_size", "half_life_days"}
    assert service.get().daily_size == 20
    changed = service.update(manager, daily_size="۳۰", retries="3")
    assert (changed.daily_size, changed.retries) == (30, 3) == (service.get().daily_size, 3)
    assert audited(db, "setting") >= 1
