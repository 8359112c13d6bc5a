"""The best-group suggestion, assignment warnings and overrides, and the day's board."""

from __future__ import annotations

import datetime as dt

import pytest

from hendazh_desktop.domain.dispatch import DispatchWarning, GroupFacts, rank
from hendazh_desktop.domain.errors import Conflict
from hendazh_desktop.domain.jalali import to_jalali
from hendazh_desktop.domain.subscriber_forms import AddressDraft, PhoneDraft, SubscriberDraft
from hendazh_desktop.services.catalogue.catalogue import CatalogueService
from hendazh_desktop.services.dispatch.assignment import DispatchService, OverrideNeeded
from hendazh_desktop.services.dispatch.work_groups import WorkGroupDraft, WorkGroupService
from hendazh_desktop.services.requests.intake import IntakeService, RequestDraft
from hendazh_desktop.services.requests.queue import QueueService
from hendazh_desktop.services.subscribers.register import SubscriberService

DAY = dt.date(2025, 12, 1)


def test_ranking_prefers_skill_zone_and_free_capacity():
    near = GroupFacts(1, "نزدیک و ماهر", 5, True, False, 1, 4)
    far = GroupFacts(2, "دور", 5, False, False, 0, 4)
    busy = GroupFacts(3, "پرکار", 5, True, False, 4, 4)
    unskilled = GroupFacts(4, "بی‌مهارت", None, True, False, 0, 4)
    away = GroupFacts(5, "مرخصی", 5, True, True, 0, 4)
    ranked = rank([far, busy, unskilled, away, near])
    assert [s.group_id for s in ranked][:2] == [1, 2]
    assert ranked[-1].group_id == 5
    best = ranked[0]
    assert {r.code for r in best.reasons} >= {"skill", "zone", "load", "quality_unrated"}
    assert best.warnings == ()
    by_id = {s.group_id: s for s in ranked}
    assert by_id[3].warnings == (DispatchWarning.CAPACITY_EXCEEDED,)
    assert by_id[4].warnings == (DispatchWarning.SKILL_MISSING,)
    assert by_id[5].warnings == (DispatchWarning.ON_LEAVE,)
    assert rank([near], do_not_serve=True)[0].warnings == (DispatchWarning.DO_NOT_SERVE,)


@pytest.fixture
def setup(db, manager):
    catalogue = CatalogueService(db)
    services = {s.name: s.id for s in catalogue.services(manager)}
    zones = [z.id for z in catalogue.zones(manager)]
    groups = WorkGroupService(db)
    plumbers = groups.create(
        manager,
        WorkGroupDraft(
            name="لوله‌کش‌های زند",
            kind="person",
            phone="09170000001",
            daily_capacity="2",
            members=(("مجید لوله‌کش", ""),),
            skills=((services["لوله‌کشی و تأسیسات"], 5),),
            zone_ids=(zones[0],),
        ),
    )
    electricians = groups.create(
        manager,
        WorkGroupDraft(
            name="برق‌کاران",
            kind="person",
            phone="09170000002",
            daily_capacity="2",
            members=(("آرش برقی", ""),),
            skills=((services["برق‌کاری"], 4),),
            zone_ids=(zones[1],),
            leave_days=("1404/09/10",),
        ),
    )  # 2025-12-01
    card = SubscriberService(db).create(
        manager,
        SubscriberDraft(
            name="مریم فسایی",
            phones=(PhoneDraft("09171234567"),),
            addresses=(AddressDraft("زند، کوچه ۵", zones[0]),),
        ),
    )
    request = IntakeService(db).create_request(
        manager, RequestDraft(card.id, services["لوله‌کشی و تأسیسات"], card.addresses[0].id)
    )
    return services, plumbers, electricians, request


def test_assign_the_suggested_group_then_see_it_on_the_board(db, manager, setup):
    _services, plumbers, _electricians, request = setup
    dispatch = DispatchService(db)
    suggestions = dispatch.suggest(manager, request.id, DAY)
    assert suggestions[0].group_id == plumbers.id and suggestions[0].warnings == ()
    dispatch.assign(manager, request.id, plumbers.id, DAY, expected_version=1, start="۹")
    board = dispatch.board(manager, DAY)
    group = next(g for g in board.groups if g.id == plumbers.id)
    assert [j.request_id for j in group.jobs] == [request.id] and group.free == 1
    assert board.waiting_count == 0 and dispatch.waiting(manager, 0, 10) == []
    history = QueueService(db).history(manager, request.id)
    assert history[-1].to_status == "assigned" and "لوله‌کش‌های زند" in history[-1].reason


def test_questionable_assignment_needs_a_recorded_reason(db, manager, setup):
    _services, _plumbers, electricians, request = setup
    dispatch = DispatchService(db)
    with pytest.raises(OverrideNeeded) as needed:
        dispatch.assign(manager, request.id, electricians.id, DAY, expected_version=1)
    assert set(needed.value.warnings) == {
        DispatchWarning.SKILL_MISSING,
        DispatchWarning.ZONE_NOT_COVERED,
        DispatchWarning.ON_LEAVE,
    }
    assert QueueService(db).get(manager, request.id).status == "queued"
    dispatch.assign(
        manager,
        request.id,
        electricians.id,
        DAY,
        expected_version=1,
        override_reason="مشترک همین گروه را خواست",
    )
    reason = QueueService(db).history(manager, request.id)[-1].reason
    assert "مشترک همین گروه را خواست" in reason and "مرخصی" in reason


def test_stale_assignment_and_unassign(db, manager, setup):
    _services, plumbers, _electricians, request = setup
    dispatch = DispatchService(db)
    dispatch.assign(manager, request.id, plumbers.id, DAY, expected_version=1)
    with pytest.raises(Conflict) as stale:
        dispatch.assign(manager, request.id, plumbers.id, DAY, expected_version=1)
    assert stale.value.code == "stale"
    dispatch.unassign(manager, request.id, "گروه بیمار شد", expected_version=2)
    row = QueueService(db).get(manager, request.id)
    assert row.status == "queued"
    assert dispatch.board(manager, DAY).waiting_count == 1
    assert dispatch.waiting(manager, 0, 10)[0].id == request.id


def test_prepaid_request_cannot_be_assigned_before_payment(db, manager, setup):
    services, plumbers, _electricians, _request = setup
    card = SubscriberService(db).create(
        manager,
        SubscriberDraft(
            name="هومن طاهری",
            phones=(PhoneDraft("09179990000"),),
            addresses=(AddressDraft("ارم، کوچه ۲", 1),),
        ),
    )
    prepaid = IntakeService(db).create_request(
        manager, RequestDraft(card.id, services["خدمات آموزشی"], card.addresses[0].id)
    )
    with pytest.raises(Conflict) as waiting:
        DispatchService(db).assign(
            manager, prepaid.id, plumbers.id, DAY, expected_version=1, override_reason="آزمون"
        )
    assert waiting.value.code == "awaiting_prepayment"


def test_reassignment_needs_a_reason_and_is_in_the_history(db, manager, setup):
    services, plumbers, _electricians, request = setup
    other = WorkGroupService(db).create(
        manager,
        WorkGroupDraft(
            name="لوله‌کش‌های ارم",
            kind="person",
            phone="09170000003",
            daily_capacity="2",
            members=(("رضا لوله‌کش", ""),),
            skills=((services["لوله‌کشی و تأسیسات"], 4),),
            zone_ids=(CatalogueService(db).zones(manager)[0].id,),
        ),
    )
    dispatch = DispatchService(db)
    dispatch.assign(manager, request.id, plumbers.id, DAY, expected_version=1)
    with pytest.raises(Exception) as missing:
        dispatch.assign(manager, request.id, other.id, DAY, expected_version=2)
    assert missing.value.code == "reassign_reason_required"
    dispatch.assign(
        manager, request.id, other.id, DAY, expected_version=2, override_reason="گروه نخست بیمار شد"
    )
    last = QueueService(db).history(manager, request.id)[-1]
    assert last.from_status == "assigned" and last.to_status == "assigned"
    assert "لوله‌کش‌های ارم" in last.reason and "بیمار" in last.reason
    board = dispatch.board(manager, DAY)
    assert {g.id: len(g.jobs) for g in board.groups}[other.id] == 1


def test_planning_another_day_than_the_requested_one_warns(db, manager, setup):
    services, plumbers, _electricians, _request = setup
    asked_day = dt.date.today() + dt.timedelta(days=2)
    zones = [z.id for z in CatalogueService(db).zones(manager)]
    card = SubscriberService(db).create(
        manager,
        SubscriberDraft(
            name="شهره کاظمی",
            phones=(PhoneDraft("09171234599"),),
            addresses=(AddressDraft("زند، کوچه ۹", zones[0]),),
        ),
    )
    asked = IntakeService(db).create_request(
        manager,
        RequestDraft(
            card.id,
            services["لوله‌کشی و تأسیسات"],
            card.addresses[0].id,
            preferred_date="{:04d}/{:02d}/{:02d}".format(*to_jalali(asked_day)),
        ),
    )
    dispatch = DispatchService(db)
    assert dispatch.suggest(manager, asked.id, asked_day)[0].warnings == ()
    other = dispatch.suggest(manager, asked.id, DAY)[0]
    assert other.group_id == plumbers.id and other.warnings == (DispatchWarning.OTHER_DAY,)
    with pytest.raises(OverrideNeeded) as needed:
        dispatch.assign(manager, asked.id, plumbers.id, DAY, expected_version=1)
    assert needed.value.warnings == (DispatchWarning.OTHER_DAY,)
    dispatch.assign(manager, asked.id, plumbers.id, asked_day, expected_version=1)
