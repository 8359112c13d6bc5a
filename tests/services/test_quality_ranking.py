"""The quality score in dispatch: between groups equal in skill, zone and load the better
rated is suggested first and the reason says why; one rating does not outrank a long good
record; open complaints are shown; and the scorecard."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import event

from hendazh_desktop.db.models.core import ServiceRequest
from hendazh_desktop.domain.subscriber_forms import AddressDraft, PhoneDraft, SubscriberDraft
from hendazh_desktop.services.catalogue.catalogue import CatalogueService
from hendazh_desktop.services.dispatch.assignment import DispatchService
from hendazh_desktop.services.dispatch.work_groups import WorkGroupDraft, WorkGroupService
from hendazh_desktop.services.quality.feedback import FeedbackDraft, FeedbackService
from hendazh_desktop.services.quality.standing import QualityStandings
from hendazh_desktop.services.requests.intake import IntakeService, RequestDraft
from hendazh_desktop.services.subscribers.register import SubscriberService

DAY = dt.date(2025, 12, 1)
SERVICE = "لوله‌کشی و تأسیسات"


@pytest.fixture
def office(db, manager):
    catalogue = CatalogueService(db)
    service = {s.name: s.id for s in catalogue.services(manager)}[SERVICE]
    zone = catalogue.zones(manager)[0].id
    groups = {}
    for i, name in enumerate(("گروه خوش‌نام", "گروه معمولی", "گروه تازه")):
        groups[name] = (
            WorkGroupService(db)
            .create(
                manager,
                WorkGroupDraft(
                    name=name,
                    kind="person",
                    phone=f"0917000000{i}",
                    daily_capacity="4",
                    members=((("علی", "رضا", "حسن")[i], ""),),
                    skills=((service, 4),),
                    zone_ids=(zone,),
                ),
            )
            .id
        )
    card = SubscriberService(db).create(
        manager,
        SubscriberDraft(
            name="مریم فسایی",
            phones=(PhoneDraft("09171234567"),),
            addresses=(AddressDraft("زند، کوچه ۵", zone),),
        ),
    )
    request = IntakeService(db).create_request(
        manager, RequestDraft(card.id, service, card.addresses[0].id)
    )
    return {"service": service, "groups": groups, "subscriber": card.id, "request": request.id}


def rate(db, manager, office, group: str, scores: list[int], channel: str = "phone") -> list[int]:
    """Finished jobs of the group, each with one feedback of the given overall score."""
    now = dt.datetime.now(dt.UTC)
    with db.write() as uow:
        jobs = [
            ServiceRequest(
                subscriber_id=office["subscriber"],
                service_id=office["service"],
                channel="phone",
                status="done",
                done_at=now - dt.timedelta(days=i + 1),
                group_id=office["groups"][group],
                created_by=manager.user_id,
            )
            for i in range(len(scores))
        ]
        uow.session.add_all(jobs)
        uow.flush()
        ids = [j.id for j in jobs]
        uow.commit()
    feedback = FeedbackService(db)
    for job, overall in zip(ids, scores, strict=True):
        feedback.record(manager, FeedbackDraft(job, channel, str(overall), {}))
    return ids


def ranked(db, manager, office):
    dispatch = DispatchService(db, quality=QualityStandings(db))
    return dispatch.suggest(manager, office["request"], DAY)


def test_the_better_rated_of_two_equal_groups_is_first_and_the_reason_says_why(db, manager, office):
    before = DispatchService(db).suggest(manager, office["request"], DAY)
    assert len({s.score for s in before}) == 1  # equal in skill, zone and load
    rate(db, manager, office, "گروه خوش‌نام", [5, 5, 4, 5, 5] * 6)
    rate(db, manager, office, "گروه معمولی", [3, 4, 3, 4, 3] * 6)
    suggestions = ranked(db, manager, office)
    names = [s.name for s in suggestions]
    assert names.index("گروه خوش‌نام") < names.index("گروه معمولی")
    best = suggestions[0]
    assert best.name == "گروه خوش‌نام"
    quality = next(r for r in best.reasons if r.code == "quality")
    assert re.fullmatch(r"کیفیت ۴٫[۰-۹] از ۵، ۳۰ نظر", quality.detail), quality.detail
    assert quality.points > 0
    unrated = next(s for s in suggestions if s.name == "گروه تازه")
    assert [r.code for r in unrated.reasons if r.code.startswith("quality")] == ["quality_unrated"]


def test_a_single_rating_does_not_outrank_a_long_good_record(db, manager, office):
    rate(db, manager, office, "گروه خوش‌نام", [5, 4, 5, 4, 5] * 8)
    rate(db, manager, office, "گروه تازه", [5])
    names = [s.name for s in ranked(db, manager, office)]
    assert names.index("گروه خوش‌نام") < names.index("گروه تازه")


def test_open_complaints_are_said(db, manager, office):
    jobs = rate(db, manager, office, "گروه معمولی", [4, 4, 4])
    FeedbackService(db).record(manager, FeedbackDraft(jobs[0], "web", "1", {}))
    group = next(s for s in ranked(db, manager, office) if s.name == "گروه معمولی")
    complaint = next(r for r in group.reasons if r.code == "open_complaints")
    assert complaint.detail == "1"
    card = QualityStandings(db).scorecard(manager, office["groups"]["گروه معمولی"])
    assert card.open_complaints == 1 and len(card.complaints) == 1
    assert card.services[0].standing.count == 4
    assert card.months[-1].count == 4 and card.months[-1].overall == pytest.approx(13 / 4)


def _suggestion_statements(db, manager, office) -> list[str]:
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        DispatchService(db, quality=QualityStandings(db)).suggest(manager, office["request"], DAY)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return statements


def test_the_suggestion_with_quality_stays_quick(db, manager, office):
    """Quality reads one running sum per group and service, never the ratings themselves: the
    suggestion's queries are the same with 20 ratings as with 220, and none reads the feedback
    table (counted, not timed, so a loaded machine cannot make it flaky)."""
    rate(db, manager, office, "گروه خوش‌نام", [5, 4] * 10)
    few = _suggestion_statements(db, manager, office)
    rate(db, manager, office, "گروه خوش‌نام", [5, 4] * 100)
    many = _suggestion_statements(db, manager, office)
    assert len(many) == len(few)
    assert not [s for s in many if re.search(r"\bquality_feedback\b", s)]
    assert any(re.search(r"\bquality_scores\b", s) for s in many)
