"""The on-site price, versions, the agreement to one version, refusal, and payment gates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hendazh_desktop.domain.errors import Conflict, ValidationError, ValidationErrors
from hendazh_desktop.domain.pricing import LineKind, PriceLine, totals
from hendazh_desktop.domain.subscriber_forms import AddressDraft, PhoneDraft, SubscriberDraft
from hendazh_desktop.services.catalogue.catalogue import CatalogueService
from hendazh_desktop.services.dispatch.assignment import DispatchService
from hendazh_desktop.services.dispatch.job_sheets import JobSheetService
from hendazh_desktop.services.dispatch.pricing import LineDraft, PricingService
from hendazh_desktop.services.dispatch.work_groups import WorkGroupDraft, WorkGroupService
from hendazh_desktop.services.requests.intake import IntakeService, RequestDraft
from hendazh_desktop.services.requests.queue import QueueService
from hendazh_desktop.services.subscribers.register import SubscriberService

LINES = [
    LineDraft("labour", "تعویض شیر", "۱", "۸۰۰٬۰۰۰"),
    LineDraft("material", "شیر مخلوط", "2", "1,250,000"),
]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(list(LineKind)), st.integers(1, 100), st.integers(0, 10**9)),
        max_size=20,
    )
)
def test_totals_are_the_sums_of_the_lines(raw):
    lines = [PriceLine(kind, "x", qty, price) for kind, qty, price in raw]
    sums = totals(lines)
    assert sums.total == sum(q * p for _, q, p in raw)
    assert sums.materials == sum(q * p for k, q, p in raw if k is LineKind.MATERIAL)


@pytest.fixture
def dispatched(db, manager):
    catalogue = CatalogueService(db)
    services = {s.name: s for s in catalogue.services(manager)}
    plumbing = services["لوله‌کشی و تأسیسات"]
    zone = catalogue.zones(manager)[0].id
    group = WorkGroupService(db).create(
        manager,
        WorkGroupDraft(
            name="لوله‌کش‌ها",
            kind="person",
            phone="09170000001",
            daily_capacity="3",
            members=(("مجید", ""),),
            skills=((plumbing.id, 5),),
            zone_ids=(zone,),
        ),
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
        manager, RequestDraft(card.id, plumbing.id, card.addresses[0].id)
    )
    DispatchService(db).assign(
        manager, request.id, group.id, dt.date(2025, 12, 1), expected_version=1
    )
    JobSheetService(db).dispatch(manager, request.id, expected_version=2)
    return request.id


def version(db, manager, request_id) -> int:
    return QueueService(db).get(manager, request_id).version


def test_price_versions_and_agreement_to_the_latest(db, manager, dispatched):
    pricing = PricingService(db)
    first = pricing.present_price(manager, dispatched, LINES, expected_version=3)
    assert (first.labour_total, first.materials_total, first.total) == (
        800_000,
        2_500_000,
        3_300_000,
    )
    second = pricing.present_price(manager, dispatched, LINES[:1], expected_version=4)
    assert second.version == 2
    with pytest.raises(Conflict) as changed:
        pricing.agree(
            manager, dispatched, 1, method="in_person", person="مریم فسایی", expected_version=5
        )
    assert changed.value.code == "price_changed"
    with pytest.raises(ValidationError) as sms:
        pricing.agree(
            manager,
            dispatched,
            2,
            method="sms",
            person="مریم فسایی",
            sms_code="12",
            expected_version=5,
        )
    assert sms.value.field == "sms_code"
    pricing.agree(
        manager,
        dispatched,
        2,
        method="sms",
        person="مریم فسایی",
        sms_code="۴۸۲۱",
        expected_version=5,
    )
    prices = pricing.prices(manager, dispatched)
    assert [(p.version, p.decision) for p in prices] == [(2, "agreed"), (1, "")]
    assert QueueService(db).get(manager, dispatched).status == "agreed"
    # a changed price after agreement needs a new agreement
    pricing.present_price(manager, dispatched, LINES, expected_version=6)
    assert QueueService(db).get(manager, dispatched).status == "price_presented"


def test_bad_price_lines_are_all_reported(db, manager, dispatched):
    with pytest.raises(ValidationErrors) as errors:
        PricingService(db).present_price(
            manager,
            dispatched,
            [LineDraft("labour", "", "0", "-5"), LineDraft("tool", "x", "1", "1")],
            expected_version=3,
        )
    assert set(errors.value.by_field) == {"line:0:description", "line:1:kind"}
    assert PricingService(db).prices(manager, dispatched) == []


def test_materials_prepayment_gate_then_done_and_rework(db, manager, dispatched):
    pricing = PricingService(db)
    pricing.present_price(manager, dispatched, LINES, expected_version=3)
    pricing.agree(
        manager, dispatched, 1, method="in_person", person="مریم فسایی", expected_version=4
    )
    with pytest.raises(Conflict) as due:
        pricing.start_work(manager, dispatched, expected_version=5)
    assert due.value.code == "materials_prepayment_due"
    with db.write() as uow:  # what billing records when the prepayment is paid
        uow.requests.get(dispatched).materials_prepaid_at = dt.datetime.now(dt.UTC)
        uow.commit()
    pricing.start_work(manager, dispatched, expected_version=5)
    with pytest.raises(Conflict):
        pricing.rework(manager, dispatched, "نشت دوباره")
    pricing.finish(manager, dispatched, expected_version=6)
    new_id = pricing.rework(manager, dispatched, "نشت دوباره شیر")
    row = QueueService(db).get(manager, new_id)
    assert row.status == "queued" and row.priority >= 2
    with db.read() as uow:
        assert uow.requests.get(new_id).rework_of_id == dispatched


def test_labour_only_price_starts_without_prepayment(db, manager, dispatched):
    pricing = PricingService(db)
    pricing.present_price(manager, dispatched, LINES[:1], expected_version=3)
    pricing.agree(manager, dispatched, 1, method="phone", person="مریم فسایی", expected_version=4)
    pricing.start_work(manager, dispatched, expected_version=5)
    assert QueueService(db).get(manager, dispatched).status == "in_progress"


@pytest.mark.parametrize(("outcome", "status"), [("requeue", "queued"), ("close", "closed")])
def test_decline_requeues_or_closes(db, manager, dispatched, outcome, status):
    pricing = PricingService(db)
    pricing.present_price(manager, dispatched, LINES, expected_version=3)
    pricing.decline(
        manager, dispatched, 1, reason="قیمت بالاست", outcome=outcome, expected_version=4
    )
    row = QueueService(db).get(manager, dispatched)
    assert row.status == status
    history = QueueService(db).history(manager, dispatched)
    assert "declined" in [h.to_status for h in history]
    assert pricing.prices(manager, dispatched)[0].decision == "declined"
